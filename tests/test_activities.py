"""Activities: which extracts a session gets, and what the room and the facilitator see."""

from __future__ import annotations

from sessionbuilder import activities
from sessionbuilder.models import Estimate
from sessionbuilder.selection import Criteria, select


def chosen(lib, audiences=(), themes=(), count=3, priorities=()):
    c = Criteria(tuple(audiences), tuple(themes), priorities=tuple(priorities))
    return [x.id for x in activities.choose_extracts(lib, select(lib, c), c, count)]


def test_an_education_session_gets_the_extract_written_for_schools_first(lib):
    assert chosen(lib, ["education"], priorities=["core"])[0] == "extract-police-notify-schools"


def test_a_health_session_never_gets_an_extract_not_meant_for_health(lib):
    assert "extract-police-notify-schools" not in chosen(lib, ["health"], count=10)


def test_extracts_follow_the_requested_themes(lib):
    ids = chosen(lib, themes=["adolescents", "cse"], count=10)
    assert ids[0] == "extract-limited-expectations"
    assert "extract-drugs-where-child-slept" not in ids  # nothing to do with adolescents or CSE
    assert chosen(lib, themes=["domestic-abuse"], count=1) == ["extract-stated-move-no-referral"]


def test_a_recipe_may_name_its_extracts(lib):
    c = Criteria()
    got = activities.choose_extracts(lib, [], c, 1, wanted=["extract-troubled-or-troublesome"])
    assert [x.id for x in got] == ["extract-troubled-or-troublesome"]


def test_the_extract_slide_quotes_word_for_word_with_page_and_questions(lib):
    extract = next(e for e in lib.extracts if e.id == "extract-drugs-where-child-slept")
    slide = activities.extract_slide(activities.case_extract(lib, extract), 8)
    texts = [b.text for b in slide.bullets]
    assert texts[0] == ("“A large quantity of drugs was found in [mother’s] bedroom, a bathroom and "
                        "in a drawer in the bedroom where [four year old child] was sleeping.”")
    assert texts[1] == "— Sidebotham et al. (2016), p86"
    assert texts[2] == "In small groups:" and texts[3:] == list(extract.questions)
    assert slide.kind == "case-extract" and slide.minutes == 8
    # the notes give the facilitator the learning of the related points
    related = lib.point("criminality-drugs-where-child-sleeps")
    assert f"- {related.title}: {related.summary}" in slide.notes
    assert "Suggested time: 8 minutes." in slide.notes


def test_a_listed_extract_stays_a_list_of_quoted_lines(lib):
    extract = next(e for e in lib.extracts if e.source.page == "167")
    slide = activities.extract_slide(activities.case_extract(lib, extract), 6)
    quoted = [b.text for b in slide.bullets if b.text.startswith("“")]
    assert len(quoted) == 4 and quoted[0] == "“The child had no cot and was sleeping with [the mother].”"


def test_the_estimate_slide_asks_and_only_the_notes_answer(lib):
    figure = next(f for f in lib.figures if f.id == "ages-2011-14")
    figure = figure.model_copy(update={"estimate": Estimate(question="Babies under one?",
                                                             item="Under 12 months")})
    q = activities.estimate_question(lib, figure)
    assert q.answer == "Under 12 months: 41%"
    slide = activities.estimate_slide(q)
    assert slide.bullets[0].text == "Babies under one?"
    assert not any("41" in b.text for b in slide.bullets)
    assert "Answer: Under 12 months: 41%." in slide.notes
    assert "All values: Under 12 months: 41%; One to five years: 22%; 11 to 17 years: 28%." in slide.notes


def test_a_figure_without_an_estimate_asks_nothing(lib):
    figure = next(f for f in lib.figures if f.id == "scope-2011-14").model_copy(update={"estimate": None})
    assert activities.estimate_question(lib, figure) is None


def test_pairs_questions_are_the_points_own_reflective_questions(lib):
    c = Criteria(themes=("domestic-abuse",))
    points = select(lib, c)
    (first, *_) = activities.pairs_discussions(lib, points, c)
    assert first.theme == "domestic-abuse" and first.label == "Domestic abuse"
    own = {q for p in points for q in p.questions}
    assert 1 <= len(first.questions) <= 3 and set(first.questions) <= own
    slide = activities.pairs_slide(first)
    assert slide.title == "In pairs: Domestic abuse"
    assert [b.text for b in slide.bullets[1:]] == list(first.questions)


def test_themes_without_questions_get_no_pairs_slide(lib):
    c = Criteria()
    points = [p for p in lib.points if not p.questions][:5]
    assert activities.pairs_discussions(lib, points, c) == ()


def test_the_commitment_slide_closes_with_one_change(lib):
    slide = activities.commitment_slide()
    assert slide.title == "One thing I will do differently"
    assert slide.bullets[0].text.startswith("One thing I will do differently")
    assert "6-8 weeks" in slide.notes


def test_extract_timing_grows_with_the_session():
    assert [activities.extract_minutes(m) for m in (30, 60, 90, 120)] == [6, 8, 10, 10]
    assert [activities.extract_count(m) for m in (30, 60, 90, 180)] == [1, 1, 2, 4]
