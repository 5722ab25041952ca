"""The facilitator guide: a running order read off the plan, and its notes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sessionbuilder import build, guide
from sessionbuilder.plan import Slide


@pytest.fixture(scope="module")
def plan():
    req = build.Request("domestic-abuse-and-coercive-control")
    return build.session_plan(build.choose(req), req)


def test_the_running_order_starts_at_zero_and_adds_up_to_the_session(plan):
    rows = guide.parts(plan)
    assert rows[0].start == 0 and rows[0].kind == "title"
    for before, after in zip(rows, rows[1:]):
        assert after.start == before.start + before.minutes
    assert sum(r.minutes for r in rows) == round(sum(s.minutes for s in plan.slides))


def test_a_theme_s_divider_and_its_points_make_one_part(plan):
    rows = guide.parts(plan)
    first_theme = next(r for r in rows if r.kind == "section")
    assert first_theme.title == plan.groups[0].label
    assert [s.kind for s in first_theme.slides[1:]] == ["point"] * len(plan.groups[0].points)
    assert first_theme.method == "Presentation, with questions to the group"


def test_every_slide_is_in_exactly_one_part_with_its_deck_numbers(plan):
    rows = guide.parts(plan)
    assert [s for r in rows for s in r.slides] == list(plan.slides)
    assert rows[0].slide_numbers == "1" and rows[-1].last == len(plan.slides)


def test_continued_slides_move_the_numbers_that_follow(plan):
    starts = list(range(1, len(plan.slides) + 1))
    starts = starts[:3] + [n + 2 for n in starts[3:]]  # the third slide runs over three slides
    rows = guide.parts(plan, starts, total=len(plan.slides) + 2)
    assert rows[2].slide_numbers == "3-5" and rows[3].first == 6
    assert rows[-1].last == len(plan.slides) + 2


def test_activities_are_named_as_such(plan):
    slides = plan.slides[:1] + (Slide("case-extract", "Case extract: a stated move", minutes=8),)
    rows = guide.parts(replace(plan, slides=slides))
    assert rows[1].title == "Case extract: a stated move"
    assert rows[1].method == "Small groups of three to five"
    assert rows[1].resources == "Printed extract, one per group"


def test_clock_reads_hours_and_minutes():
    assert [guide.clock(m) for m in (0, 9, 61, 90)] == ["00:00", "00:09", "01:01", "01:30"]


def test_speaker_notes_become_steps_items_labels_and_paragraphs():
    notes = "Intro line.\n\n1. Read it.\n2. Discuss.\n\nDraw out:\n- A: b\nSuggested time: 8 minutes."
    assert guide.note_lines(notes) == [("para", "Intro line."), ("step", "Read it."),
                                       ("step", "Discuss."), ("label", "Draw out:"),
                                       ("item", "A: b"), ("para", "Suggested time: 8 minutes.")]
