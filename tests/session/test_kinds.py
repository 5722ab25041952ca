"""Kinds as one type: every slide kind is run, labelled and drawn, every section kind is timed
and planned, so a new kind fails here until each of them handles it."""

from __future__ import annotations

from collections import Counter
from typing import get_args

import pytest

from sessionbuilder.documents.guide import METHODS
from sessionbuilder.library.models import SectionKind
from sessionbuilder.render.pptx.deck import WRITERS
from sessionbuilder.session import activities, timing
from sessionbuilder.session.kinds import SlideKind
from sessionbuilder.session.plan import PASSAGES, Slide
from sessionbuilder.session.runningorder import KIND_LABELS

from support import planned, recipe_file


@pytest.mark.parametrize("table", [METHODS, KIND_LABELS, WRITERS],
                         ids=["guide method", "running-order label", "deck writer"])
def test_every_slide_kind_is_handled(table):
    assert set(table) == set(SlideKind)


def test_an_unknown_slide_kind_fails_when_the_slide_is_made():
    with pytest.raises(ValueError, match="'poll' is not a valid SlideKind"):
        Slide("poll", "What do you think?")
    assert Slide("point", "A point").kind is SlideKind.POINT


# Section kinds whose time is not a fixed part: a share of the session, or an activity's own.
SHARED_TIME = {"figures": timing.CHART_MINUTES, "learning": timing.MIN_POINT_MINUTES,
               "voice-of-child": timing.MIN_POINT_MINUTES,
               "discussion": timing.discussion_minutes(60),
               "case-extract": activities.extract_minutes(60),
               "estimate": activities.ESTIMATE_MINUTES, "pairs": activities.PAIRS_MINUTES,
               "commitment": activities.COMMITMENT_MINUTES}


@pytest.mark.parametrize("kind", get_args(SectionKind))
def test_every_section_kind_has_its_time(kind):
    minutes = timing.PART_MINUTES.get(kind) or SHARED_TIME.get(kind)
    assert minutes and minutes > 0
    assert not (kind in timing.PART_MINUTES and kind in SHARED_TIME)


# What each section kind becomes in the plan; a passage of fixed text is quoted when verbatim.
PASSAGE = {"bullets", "quote"}
SLIDES_OF = {"title": {"title"}, "aims": PASSAGE, "remember": PASSAGE, "what-is-scr": PASSAGE,
             "overview": PASSAGE, "further-reading": PASSAGE, "figures": {"chart", "estimate"},
             "learning": {"section", "point"}, "voice-of-child": {"section", "point"},
             "discussion": {"discussion"}, "references": {"references"},
             "case-extract": {"case-extract"}, "estimate": {"estimate"}, "pairs": {"pairs"},
             "commitment": {"commitment"}}


@pytest.mark.parametrize("kind", get_args(SectionKind))
def test_every_section_kind_is_planned_as_its_slides(tmp_path, kind):
    """A session with the section has more slides than one without, all of the section's kinds."""
    assert set(SLIDES_OF) == set(get_args(SectionKind)) and set(PASSAGES) <= set(SLIDES_OF)
    base = ["title", "figures", "learning"] if kind == "estimate" else ["title", "learning"]
    without = planned(recipe_file(tmp_path, *base, name="without"), minutes=120)[1]
    sections = base if kind in base else [base[0], kind, *base[1:]]
    with_it = planned(recipe_file(tmp_path, *sections, name="with"), minutes=120)[1]
    added = Counter(s.kind for s in with_it.slides) - Counter(s.kind for s in without.slides)
    if kind in base:
        added = Counter(s.kind for s in with_it.slides if s.kind in SLIDES_OF[kind])
    if kind == "voice-of-child":  # its points' section moves to where the recipe puts it
        moved = with_it.slides[1]
        added = Counter([moved.kind] if moved.title != without.slides[1].title else [])
    assert added and set(added) <= SLIDES_OF[kind], added
