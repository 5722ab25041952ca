"""Each finding once in a session: no two slides share a sentence or a run of 12 words, and a
point that a chart, extract or passage of the session already says is left out, with a reason."""

from __future__ import annotations

import itertools

import pytest

from sessionbuilder.commands import build
from sessionbuilder.library.models import Extract, Figure, LearningPoint, Passage
from sessionbuilder.library.recipes import recipe_names
from sessionbuilder.session import activities, repeats

THEMES = {"neglect": ("neglect",), "adolescents": ("adolescents",), "cse": ("cse",),
          "domestic-abuse": ("domestic-abuse",), "neglect-adolescents": ("neglect", "adolescents")}
FLAG_ONLY = [(t, a, m) for t in THEMES for a in ("education", "health", "police-justice")
             for m in (30, 60, 90)]
RECIPES = [(r, m) for r in recipe_names() for m in (30, 60, 90, 120)]
FURNITURE = {b for b in (*activities.COMMITMENT_PROMPTS,
                         "Write down your estimate, then compare it with the person next to you.")}


def planned(recipe=None, themes=(), audiences=(), minutes=None):
    req = build.Request(recipe, audiences, themes, minutes=minutes)
    return build.session_plan(build.choose(req), req)


def slide_text(s) -> list[str]:
    """What the room reads on a slide, without the fixed words every activity slide has (an
    estimate is titled after the chart that answers it)."""
    texts = ["" if s.kind == "estimate" else s.title, s.subtitle or "", s.quote or "",
             *(b.text for b in s.bullets if not b.bold and b.text not in FURNITURE)]
    if s.chart:
        texts += [s.chart.title, *s.chart.categories, s.chart.note or ""]
    return texts


def assert_each_finding_once(p):
    slides = [s for s in p.slides if s.kind != "references"]
    for a, b in itertools.combinations(slides, 2):
        common = repeats.shared(slide_text(a), slide_text(b))
        assert common is None, f"'{a.title}' and '{b.title}' both say: {common}"


@pytest.mark.parametrize(("themes", "audience", "minutes"), FLAG_ONLY)
def test_no_two_slides_of_a_request_say_the_same(themes, audience, minutes):
    assert_each_finding_once(planned(None, THEMES[themes], (audience,), minutes))


@pytest.mark.parametrize(("name", "minutes"), RECIPES)
def test_no_two_slides_of_a_recipe_say_the_same(name, minutes):
    assert_each_finding_once(planned(name, minutes=minutes))


def test_the_bundled_library_has_no_two_points_saying_the_same(lib):
    assert [(a.id, b.id, text) for a, b, text in repeats.duplicates(lib.points)] == []


def test_a_point_a_chart_restates_is_left_out_with_its_reason():
    p = planned("domestic-abuse-and-coercive-control", minutes=90)
    charts = {s.chart.id for s in p.slides if s.chart}
    assert "family-characteristics-2014-17" in charts
    shown = {s.point_id for s in p.slides if s.point_id}
    assert "cc-families-family-characteristics" not in shown
    (why,) = [o.reason for o in p.omitted if o.id == "cc-families-family-characteristics"]
    assert why == ("the chart 'Family characteristics: number and % of the 2014-17 serious case "
                   "reviews including each' in this session says the same")


def _point(pid, summary, quote=None):
    return LearningPoint.model_validate({
        "id": pid, "title": "A title", "summary": summary, "implications": ["Do something."],
        "themes": ["neglect"], "audiences": ["all"], "priority": "core",
        "source": {"report": "sidebotham-2016"}, **({"quote": {"text": quote}} if quote else {})})


def test_the_rule_finds_a_shared_run_a_shared_sentence_values_and_named_repeats():
    x = Extract.model_validate({
        "id": "x", "title": "Case extract: x", "questions": ["Q?"], "related": ["p"],
        "themes": ["neglect"], "audiences": ["all"], "repeats": ["named"],
        "source": {"report": "sidebotham-2016", "page": 1},
        "text": "The child had no cot and was sleeping with the mother in a room full of smoke."})
    part = repeats.extract_part(x)
    run = _point("run", "We found that the child had no cot and was sleeping with the mother in "
                        "a room.")
    short = _point("short", "The child had no cot and was sleeping with the mother.")
    named = _point("named", "Something else entirely, in other words.")
    assert repeats.says_the_same(part, run), "12 words in a row"
    assert not repeats.says_the_same(part, short), "11 words in a row is not a repeat"
    assert repeats.says_the_same(part, named), "the data names it"
    f = Figure.model_validate({"id": "f", "title": "Counts", "source": {"report": "dfe-2020"},
                               "items": [{"label": a, "value": v} for a, v in
                                         (("A", 12), ("B", 30), ("C", 45), ("D", 7))]})
    assert repeats.says_the_same(repeats.figure_part(f), _point("v", "A 12, B 30 and C 45."))
    assert not repeats.says_the_same(repeats.figure_part(f), _point("w", "A 12 and B 30."))
    passage = Passage.model_validate({"id": "o", "title": "O", "source": {"report": "dfe-2020"},
                                      "text": "Once a child is known to be in need of protection "
                                              "the system works. Nothing else here."})
    same = _point("s", "Once a child is known to be in need of protection the system works.")
    assert repeats.says_the_same(repeats.passage_part(passage), same), "a shared sentence"
    assert [(a.id, b.id) for a, b, _ in repeats.duplicates([run, short, same, named])] == []
    assert [(a.id, b.id) for a, b, _ in repeats.duplicates([run, run.model_copy(
        update={"id": "again"})])] == [("run", "again")]
