"""The kinds of slide a session plan holds, as one type, so a kind nobody handles fails loudly.

A recipe's sections have their own kinds (`library.models.SectionKind`, checked when a recipe is
read); the plan turns each section into slides of these kinds. Every slide kind has its method
in the facilitator guide (`documents.guide.METHODS`), its label in the running order
(`session.runningorder.KIND_LABELS`) and its writer in the deck (`render.pptx.deck.WRITERS`);
tests/session/test_kinds.py fails when one is missing.
"""

from __future__ import annotations

from enum import StrEnum


class SlideKind(StrEnum):
    TITLE = "title"
    BULLETS = "bullets"  # fixed session text (aims, what is an SCR...)
    QUOTE = "quote"  # a passage quoted word for word
    CHART = "chart"
    SECTION = "section"  # a theme's divider
    POINT = "point"  # one learning point
    DISCUSSION = "discussion"
    REFERENCES = "references"
    CONTACTS = "contacts"  # who to contact, left up as the room leaves
    CASE_EXTRACT = "case-extract"  # the activities
    ESTIMATE = "estimate"
    PAIRS = "pairs"
    COMMITMENT = "commitment"
