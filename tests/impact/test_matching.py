"""Columns matched to outcomes by their words, as partnerships word their own forms."""

from __future__ import annotations

import pytest

from sessionbuilder.impact.matching import Role, classify, classify_all, column_letter, mentions

OUTCOMES = (
    "Explain how neglect builds up over time, and why reviews found it most prominent among "
    "young people aged 11-15",
    "See the vulnerable child behind a young person's behaviour",
    "Identify one change they will make to their own practice, and one for their agency, after "
    "this session",
)


@pytest.mark.parametrize("header, outcome, time", [
    ("Before: See the vulnerable child behind a young person's behaviour", 1, "before"),
    ("After the session, how confident are you to see the vulnerable child behind a young "
     "person’s behavior?", 1, "after"),
    ("How confident were you before the session? [explain how neglect builds up over time and "
     "why reviews found it most prominent among young people aged 11 to 15]", 0, "before"),
    ("How confident are you now? [See the vulnerable child behind a young persons behaviour]",
     1, "after"),
    ("Before: Identify one change they will make to their own practice, and one for their "
     "agency, after this session", 2, "before"),
    ("After: Identify one change they will make to their own practice, and one for their "
     "agency, after this session", 2, "after"),
    ("After the session, how confident are you to identify one change you will make to your own "
     "practice and one for your agency", 2, "after"),
    ("Before the session: see the vulnerble child behind a young person's behaviour", 1, "before"),
], ids=["workbook", "ms-forms-us-spelling", "google-grid", "grid-now", "outcome-says-after",
        "after-after", "shortened", "typo"])
def test_rating_columns(header, outcome, time):
    c = classify(3, header, OUTCOMES)
    assert (c.role, c.outcome, c.time) == (Role.RATING, outcome, time)


@pytest.mark.parametrize("header, role", [
    ("ID", Role.PERSONAL), ("Email", Role.PERSONAL), ("Name", Role.PERSONAL),
    ("Email address", Role.PERSONAL), ("Participant (name or number)", Role.PERSONAL),
    ("Timestamp", Role.TIMESTAMP), ("Completion time", Role.TIMESTAMP),
    ("What was the most useful part of the session?", Role.USEFUL),
    ("What will you do differently as a result? Give one example.", Role.DIFFERENT),
    ("What has changed in your practice since the session?", Role.CHANGED),
    ("Describe an example of when you used the learning", Role.EXAMPLE),
    ("Manager's comment", Role.MANAGER), ("What we will do", Role.ACTION), ("Who", Role.WHO),
    ("By when", Role.BY_WHEN), ("How we will know", Role.HOW_KNOW),
    ("Favourite biscuit", Role.UNUSED), ("", Role.UNUSED),
])
def test_other_columns(header, role):
    assert classify(0, header, OUTCOMES).role is role


def test_an_outcome_without_before_or_after_is_not_used_and_says_why():
    c = classify(0, "See the vulnerable child behind a young person's behaviour", OUTCOMES)
    assert c.role is Role.UNUSED
    assert c.note == "names outcome 2 but not whether before or after"


def test_unrelated_question_is_not_an_outcome():
    assert classify(0, "How confident are you now about the venue?", OUTCOMES).role is Role.UNUSED


def test_of_two_time_columns_completion_time_is_used():
    cols = classify_all(["Start time", "Completion time"], OUTCOMES)
    assert [c.role for c in cols] == [Role.UNUSED, Role.TIMESTAMP]


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@pytest.mark.parametrize("text, outcome", [
    ("Look out for neglect in teenagers", 0),
    ("I will look behind the behaviour", 1),
    ("Be more curious", None),
    ("Share what I learn", None),
])
def test_free_text_mentions(text, outcome):
    assert mentions(text, OUTCOMES) == outcome
