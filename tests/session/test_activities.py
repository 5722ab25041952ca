"""Activities: which extracts a session gets, and what the room and the facilitator see."""

from __future__ import annotations

import pytest

from sessionbuilder.session import activities
from sessionbuilder.session import plan
from sessionbuilder.errors import ValidationFailed
from sessionbuilder.library.recipes import recipe_names
from sessionbuilder.library.models import Estimate
from sessionbuilder.session.selection import Criteria, select
from support import planned, said


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
    slide = plan.extract_slide(lib, activities.case_extract(lib, extract), 8)
    texts = [b.text for b in slide.bullets]
    assert texts[0] == ("“A large quantity of drugs was found in [mother’s] bedroom, a bathroom and "
                        "in a drawer in the bedroom where [four year old child] was sleeping.”")
    assert texts[1] == "— Sidebotham et al. (2016), p86"
    assert texts[2] == "In small groups:" and texts[3:] == list(extract.questions)
    assert slide.kind == "case-extract" and slide.minutes == 8
    # the notes give the facilitator the related points, which the report itself does not link
    related = lib.point("criminality-entrenched-parental-offending")
    assert f"Related learning points:\n- {related.title}: {related.summary}" in said(slide)
    assert "criminality-drugs-where-child-sleeps" in extract.repeats, "the point it repeats"
    assert lib.point("criminality-drugs-where-child-sleeps").title not in said(slide)
    assert said(slide).startswith("Case extract for small groups, quoted word for word.")
    assert slide.minutes == 8


def test_a_briefing_s_own_account_is_credited_to_it_and_not_called_a_case_extract(lib):
    extract = next(e for e in lib.extracts if e.id == "extract-police-notify-schools")
    slide = plan.extract_slide(lib, activities.case_extract(lib, extract), 8)
    assert slide.title == "From the briefing: police notifications to local schools"
    assert [b.text for b in slide.bullets][-5] == (
        "— Research in Practice briefing for police and criminal justice agencies, on "
        "Sidebotham et al. (2016), p169")
    assert said(slide).startswith("A passage from the Research in Practice briefing for police "
                                  "and criminal justice agencies (its own account of the report, "
                                  "not a review's words), quoted word for word.")
    assert not [x.id for x in lib.extracts if x.by and x.title.startswith("Case extract")]


def test_a_listed_extract_stays_a_list_of_quoted_lines(lib):
    extract = next(e for e in lib.extracts if e.source.page == "167")
    slide = plan.extract_slide(lib, activities.case_extract(lib, extract), 6)
    quoted = [b.text for b in slide.bullets if b.text.startswith("“")]
    assert len(quoted) == 4 and quoted[0] == "“The child had no cot and was sleeping with [the mother].”"


def test_the_estimate_slide_asks_and_only_the_notes_answer(lib):
    figure = next(f for f in lib.figures if f.id == "ages-2011-14")
    figure = figure.model_copy(update={"estimate": Estimate(question="Babies under one?",
                                                             item="Under 12 months")})
    q = activities.estimate_question(figure)
    assert q.answer == "Under 12 months: 41%"
    slide = plan.estimate_slide(lib, q)
    assert slide.bullets[0].text == "Babies under one?"
    assert not any("41" in b.text for b in slide.bullets)
    assert "Answer: Under 12 months: 41%." in said(slide)
    assert "All values: Under 12 months: 41%; One to five years: 22%; 11 to 17 years: 28%." in said(slide)


def test_a_figure_without_an_estimate_asks_nothing(lib):
    figure = next(f for f in lib.figures if f.id == "scope-2011-14").model_copy(update={"estimate": None})
    assert activities.estimate_question(figure) is None


def test_pairs_questions_are_the_points_own_reflective_questions(lib):
    c = Criteria(themes=("domestic-abuse",))
    points = select(lib, c)
    (first, *_) = activities.pairs_discussions(lib, points, c)
    assert first.theme == "domestic-abuse" and first.label == "Domestic abuse"
    own = {q for p in points for q in p.questions}
    assert 1 <= len(first.questions) <= 3 and set(first.questions) <= own
    slide = plan.pairs_slide(first)
    assert slide.title == "In pairs: Domestic abuse"
    assert [b.text for b in slide.bullets[1:]] == list(first.questions)


def test_themes_without_questions_get_no_pairs_slide(lib):
    c = Criteria()
    points = [p for p in lib.points if not p.questions][:5]
    assert activities.pairs_discussions(lib, points, c) == ()


def test_the_commitment_slide_closes_with_one_change():
    slide = plan.commitment_slide(2)
    assert slide.title == "One thing I will do differently"
    assert slide.bullets[0].text.startswith("One thing I will do differently")
    assert "6-8 weeks" in said(slide)


def test_extract_timing_grows_with_the_session():
    assert [activities.extract_minutes(m) for m in (45, 60, 90, 120)] == [6, 6, 8, 10]
    assert [activities.extract_count(m) for m in (30, 45, 60, 90, 120)] == [0, 1, 1, 1, 2]
    assert [activities.pairs_count(m) for m in (30, 45, 60, 90)] == [0, 1, 1, 2]


# --- activities in the session plan -------------------------------------------------------

@pytest.mark.parametrize("name", recipe_names())
def test_every_bundled_recipe_runs_activities_within_its_minutes(lib, name):
    s, p = planned(name)
    kinds = [x.kind for x in p.slides]
    assert sum(x.minutes for x in p.slides) == p.minutes == s.loaded.recipe.minutes
    extract_slide = next(x for x in p.slides if x.kind == "case-extract")
    extract = next(e for e in lib.extracts if e.title == extract_slide.title)
    assert [b.text for b in extract_slide.bullets[:len(extract.lines)]] == [f"“{t}”" for t in extract.lines]
    assert extract_slide.bullets[len(extract.lines)].text.endswith(f", p{extract.source.page}")
    pairs = [i for i, k in enumerate(kinds) if k == "estimate"]
    assert pairs, "at least one estimate-then-reveal pair"
    for i in pairs:
        chart = p.slides[i + 1]
        figure = next(f for f in lib.figures if f.id == chart.chart.id)
        assert chart.kind == "chart" and p.slides[i].bullets[0].text == figure.estimate.question
        assert f"Answer: {figure.estimate.item}: " in said(p.slides[i])
    assert "pairs" in kinds and kinds.count("commitment") == 1
    assert kinds.index("commitment") > kinds.index("discussion")


def test_each_pairs_discussion_closes_its_own_theme():
    _, p = planned("neglect-and-adolescents")
    i = next(i for i, x in enumerate(p.slides) if x.kind == "pairs")
    theme = p.slides[i].title.removeprefix("In pairs: ")
    divider = max(j for j in range(i) if p.slides[j].kind == "section")
    assert p.slides[divider].title == theme
    assert all(x.kind == "point" for x in p.slides[divider + 1:i])


def test_a_session_from_a_selection_keeps_its_time_for_points():
    _, p = planned(None, themes=("neglect",), minutes=60)
    kinds = {x.kind for x in p.slides}
    assert not kinds & {"case-extract", "pairs"} and "commitment" in kinds
    reasons = {o.id: o.reason for o in p.omitted if o.kind == "section"}
    assert "recipe only" in reasons["case-extract"] and "recipe only" in reasons["pairs"]


def test_a_short_recipe_gives_up_the_extract_and_says_why():
    _, p = planned("neglect-and-adolescents", minutes=30)
    assert "case-extract" not in {x.kind for x in p.slides}
    reasons = {o.id: o.reason for o in p.omitted if o.kind == "section"}
    assert reasons["case-extract"] == "only in sessions of 45 minutes or more"
    assert sum(x.minutes for x in p.slides) == p.minutes == 30


def test_a_recipe_may_name_its_extract_and_an_unknown_one_is_refused(tmp_path):
    recipe = tmp_path / "r.yaml"
    body = ("title: Named\naudiences: [all]\nthemes: [adolescents]\nminutes: 60\nsections:\n"
            "  - kind: title\n  - kind: learning\n  - kind: case-extract\n"
            "    extracts: [{}]\n")
    recipe.write_text(body.format("extract-police-notify-schools"))
    _, p = planned(str(recipe))
    assert [x.title for x in p.slides if x.kind == "case-extract"] == [
        "From the briefing: police notifications to local schools"]
    recipe.write_text(body.format("extract-nowhere"))
    with pytest.raises(ValidationFailed) as info:
        planned(str(recipe))
    (problem,) = info.value.problems
    assert problem.message == "unknown extract 'extract-nowhere'" and problem.line == 9
