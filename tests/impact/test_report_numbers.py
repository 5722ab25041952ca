"""The impact report's numbers, in Word, PDF and the web page, against a hand-computed
expectation for one small Google Forms export (tests/impact/fixtures/small.csv).

By hand, outcome 1 (6 participants rated it both times; rows 8-10 are left out):
  before 2,1,3,2,4,3 → sorted 1,2,2,3,3,4, median 2.5; after 4,3,3,5,4,4 → median 4;
  changes +2,+2,0,+3,0,+1 → 4 higher (4/6 = 67%), 2 the same, 0 lower; mean 8/6 = +1.3.
  Before: one 1, two 2s, two 3s, one 4 → 1 (17%), 2 (33%), 2 (33%), 1 (17%), 0 (0%).
Outcome 2 (row 7 said N/A, so 5 pairs): before 3,2,4,1,2 → median 2; after 4,2,5,3,4 → median
  4; changes +1,0,+1,+2,+2 → 4 of 5 higher (80%), 1 the same; mean 6/5 = +1.2.
Each session has 3 responses, fewer than 5, so the per-session rows are not shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import docx_text, html_text, pdf_text

from sessionbuilder.commands import build
from sessionbuilder.commands import impact as cmd
from sessionbuilder.documents import impact as docimpact
from sessionbuilder.impact.analysis import analyse

SMALL = Path(__file__).parent / "fixtures" / "small.csv"
EXPECTED = [
    "9 rows were read from 1 file: 6 responses used, and 3 rows left out",
    "small.csv 8 blank row",
    "small.csv 9 column C (How confident were you BEFORE the sessi…): rating '4/5' is not a "
    "whole number from 1 to 5",
    "small.csv 10 duplicate respondent: the same email address as row 2",
    "Median 2.5 before and 4 after. 4 of 6 (67%) rated themselves higher after the session, "
    "2 the same and 0 lower; on average +1.3 points.",
    "1 Not at all confident 1 (17%) 0 (0%) 2 2 (33%) 0 (0%) 3 2 (33%) 2 (33%) 4 1 (17%) 3 (50%) "
    "5 Very confident 0 (0%) 1 (17%)",
    "Median 2 before and 4 after. 4 of 5 (80%) rated themselves higher after the session, "
    "1 the same and 0 lower; on average +1.2 points. 1 response did not rate it both before "
    "and after.",
    "4 March 2026 3 fewer than 5: not shown 11 March 2026 3 fewer than 5: not shown",
    "Sessions: 2, 4 March 2026 to 11 March 2026",
    "1. Explain why the 2011-14 reviews found neglect most prominent among young people aged "
    "11-15 6 2.5 → 4 67% +1.3 2. See the vulnerable child behind a young person's behaviour "
    "5 2 → 4 80% +1.2 3. Recognise child sexual exploitation as abuse, never a lifestyle choice "
    "not asked",
]


@pytest.fixture(scope="module")
def small_report():
    answers = cmd.read([SMALL], None, [])
    return docimpact.report(analyse(answers), answers, "1 April 2026")


@pytest.fixture(scope="module")
def texts(small_report):
    return {"docx": docx_text(build.write_document(small_report, "docx").data),
            "html": html_text(build.write_document(small_report, "html").data),
            "pdf": pdf_text(build.write_document(small_report, "pdf").data)}


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
@pytest.mark.parametrize("expected", EXPECTED, ids=range(len(EXPECTED)))
def test_hand_computed_numbers_in_every_format(texts, fmt, expected):
    assert expected in texts[fmt]


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_no_email_ever_reaches_the_report(texts, fmt):
    assert "@" not in texts[fmt]
    assert "example.org" not in texts[fmt]


def test_free_text_grouped_under_the_outcome_it_mentions(texts):
    text = texts["html"]
    neglect = text.index("“I will look again at neglect in older children on my caseload”")
    behaviour = text.index("“Talk to the young person about what is behind their behaviour”")
    other = text.index("Answers that mention no outcome in particular")
    assert text.index("What participants will do differently") < neglect < behaviour < other
    assert text.index("“Share what I learn with colleagues”") > other
    assert "Duplicate answer" not in text, "a left-out row's words are not quoted"


def test_honest_wording(texts):
    for fmt, text in texts.items():
        assert "self-rated confidence" in text, fmt
        assert "rating “before” by looking back" in text, fmt
        assert "not what they do in practice" in text, fmt


def test_the_same_answer_from_several_people_is_listed_once_with_its_count():
    from sessionbuilder.documents.impact import _quoted
    items = _quoted(["Be more curious", "Ask why", "be more  curious", "Be more curious"])
    assert [i.text for i in items.items] == ["“Be more curious” (3 people)", "“Ask why”"]
