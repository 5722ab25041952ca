"""Session plans: what a session of a given length holds, each point once under its own theme,
related charts, whole minutes that add up, and golden running orders under tests/golden/.

Regenerate the golden files after a deliberate change to the library or the planning rules:
    SESSIONBUILDER_UPDATE_GOLDEN=1 PYTHONPATH=src python -m pytest -q tests/session/test_plan.py
then read the diff (git diff tests/golden/) before committing it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from sessionbuilder.commands import build
from sessionbuilder.session import runningorder
from sessionbuilder.session import timing
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.models import page_label
from sessionbuilder.library.recipes import recipe_names
from sessionbuilder.session.selection import resolve, select

from support import GOLDEN, planned, recipe_file, said
from sessionbuilder.session import activities
from sessionbuilder.session import plan
from sessionbuilder.session.activities import CaseExtract, EstimateQuestion, PairsDiscussion
from sessionbuilder.library.models import SourceRef
from sessionbuilder.session.notes import Notes
from sessionbuilder.session.plan import Bullet
UPDATE = bool(os.environ.get("SESSIONBUILDER_UPDATE_GOLDEN"))
THEMES = {"neglect": ("neglect",), "adolescents": ("adolescents",), "cse": ("cse",),
          "domestic-abuse": ("domestic-abuse",), "neglect-adolescents": ("neglect", "adolescents")}
AUDIENCES = ("education", "health", "police-justice")
LENGTHS = (30, 60, 90)
YARDSTICK = {30: 5, 60: 10, 90: 15}  # points a session of this length should use, if it has them
FLAG_ONLY = [(t, a, m) for t in THEMES for a in AUDIENCES for m in LENGTHS]
GOLDEN_REQUESTS = {  # name: (themes, audiences, minutes)
    "neglect-adolescents-education-60": (("neglect", "adolescents"), ("education",), 60),
    "cse-education-90": (("cse",), ("education",), 90),
    "adolescents-30": (("adolescents",), (), 30),
    "domestic-abuse-police-30": (("domestic-abuse",), ("police",), 30),
    "neglect-health-90": (("neglect",), ("health",), 90),
}


def point_ids(p):
    return [s.point_id for s in p.slides if s.point_id]


def golden_data(p):
    data = runningorder.as_data(p)
    data.pop("left_out")  # long, and follows from the rest
    return data


def check_golden(name, p):
    path = GOLDEN / f"{name}.yaml"
    text = yaml.safe_dump(golden_data(p), sort_keys=False, allow_unicode=True, width=100)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with SESSIONBUILDER_UPDATE_GOLDEN=1"
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == golden_data(p), (
        f"{path.name} differs: if the change is meant, regenerate (see this module's docstring)")


# --- golden running orders ---------------------------------------------------------------

@pytest.mark.parametrize("name", recipe_names())
def test_bundled_recipe_matches_golden(name):
    check_golden(f"recipe-{name}", planned(name)[1])


@pytest.mark.parametrize("name", sorted(GOLDEN_REQUESTS))
def test_flag_only_request_matches_golden(name):
    themes, audiences, minutes = GOLDEN_REQUESTS[name]
    check_golden(name, planned(themes=themes, audiences=audiences, minutes=minutes)[1])


# --- flag-only requests: 5 theme choices x 3 audiences x 30/60/90 minutes ---------------

@pytest.mark.parametrize(("themes", "audience", "minutes"), FLAG_ONLY)
def test_flag_only_session_uses_the_matching_library(lib, themes, audience, minutes):
    s, p = planned(themes=THEMES[themes], audiences=(audience,), minutes=minutes)
    matching = {x.id for x in select(lib, resolve(lib, [audience], THEMES[themes]))}
    used = point_ids(p)
    assert s.from_selection and {x.id for x in s.points} == matching
    assert set(used) <= matching and len(used) == len(set(used)), "each point once, all matching"
    said = {o.id for o in p.omitted if o.kind == "point" and o.reason.endswith("says the same")}
    assert len(used) >= min(YARDSTICK[minutes], len(matching - said)), (len(used), len(matching))
    assert sum(x.minutes for x in p.slides) == p.minutes <= minutes
    if len(used) < len(matching - said):
        assert p.minutes == minutes, "with points to spare, the session fills its time"
    left = {o.id for o in p.omitted if o.kind == "point"}
    assert left == matching - set(used), "what was left out is reported"


@pytest.mark.parametrize(("themes", "audience", "minutes"), FLAG_ONLY)
def test_every_point_sits_under_its_own_theme(lib, themes, audience, minutes):
    _, p = planned(themes=THEMES[themes], audiences=(audience,), minutes=minutes)
    label_to_theme = {lib.themes.get(t).label: t for t in lib.themes.ids}
    current = None
    for s in p.slides:
        if s.kind == "section":
            current = label_to_theme[s.title]
        elif s.point_id and current:
            assert current in lib.point(s.point_id).themes, (s.point_id, current)
        elif s.kind in ("discussion", "references"):
            current = None


@pytest.mark.parametrize(("themes", "audience", "minutes"), FLAG_ONLY)
def test_charts_are_related_and_fit_the_time(lib, themes, audience, minutes):
    _, p = planned(themes=THEMES[themes], audiences=(audience,), minutes=minutes)
    figures = {f.id: f for f in lib.figures}
    point_themes = {t for i in point_ids(p) for t in lib.point(i).themes}
    assert 1 <= len(p.charts) <= timing.chart_count(minutes)
    for ch in p.charts:
        assert set(figures[ch.id].themes) & (set(THEMES[themes]) | point_themes), ch.id
    on_theme = [f.id for f in lib.figures if set(f.themes) & set(THEMES[themes])]
    if on_theme:
        assert p.charts[0].id in on_theme, "a figure on a requested theme comes first"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_an_hour_on_two_themes_uses_a_dozen_points(audience):
    _, p = planned(themes=("neglect", "adolescents"), audiences=(audience,), minutes=60)
    assert len(point_ids(p)) >= 12 and p.minutes == 60


def test_flag_only_is_not_the_default_recipes_list(lib):
    default = {x.id for x in build.choose(build.Request()).points}
    _, p = planned(themes=("cse",), audiences=("education",), minutes=90)
    used = set(point_ids(p))
    assert len(used) == len(select(lib, resolve(lib, ["education"], ["cse"])))
    assert used - default, "points outside the default recipe's curated list are used"


# --- designed for its length -------------------------------------------------------------

def kinds_before_first_point(p):
    first = next(i for i, s in enumerate(p.slides) if s.point_id)
    return [s.kind for s in p.slides[:first]], [s.title for s in p.slides[:first]]


def test_short_session_opens_briefly():
    _, p = planned(themes=("neglect",), audiences=("education",), minutes=30)
    kinds, titles = kinds_before_first_point(p)
    assert kinds == ["title", "bullets", "estimate", "chart"]  # the chart's estimate, in its time
    assert titles[1] == "Aims of this session"
    learning = sum(s.minutes for s in p.slides if s.point_id)
    assert learning >= 0.55 * 30
    omitted = {o.id: o.reason for o in p.omitted if o.kind == "section"}
    assert "60 minutes or more" in omitted["what-is-scr"]


def test_long_session_has_the_full_opening():
    _, p = planned(themes=("neglect",), audiences=("education",), minutes=90)
    _, titles = kinds_before_first_point(p)
    assert "What was a Serious Case Review (SCR)?" in titles and "Overview" in titles
    assert "Remember …" in titles


def test_a_recipe_can_insist_on_a_part(tmp_path):
    recipe = tmp_path / "short.yaml"
    recipe.write_text("title: Short\naudiences: [all]\nthemes: [neglect]\nminutes: 30\nsections:\n"
                      "  - kind: title\n  - kind: what-is-scr\n    always: true\n"
                      "  - kind: learning\n")
    _, p = planned(str(recipe))
    assert [s.title for s in p.slides[:2]] == ["Short", "What was a Serious Case Review (SCR)?"]
    assert sum(s.minutes for s in p.slides) == 30


def test_very_short_session_gives_up_parts_for_learning():
    _, p = planned(themes=("neglect",), audiences=(), minutes=10)
    assert sum(s.minutes for s in p.slides) == p.minutes == 10
    assert sum(s.minutes for s in p.slides if s.point_id) >= 5
    assert not [s for s in p.slides if s.kind == "chart"]


def test_point_minutes_follow_content(lib):
    _, p = planned(themes=("neglect", "adolescents"), audiences=("education",), minutes=60)
    need = {i: timing.point_minutes(lib.point(i)) for i in point_ids(p)}
    given = {s.point_id: s.minutes for s in p.slides if s.point_id}
    assert all(m >= timing.MIN_POINT_MINUTES for m in given.values())
    for a in given:
        for b in given:
            if need[a] >= need[b] + 1:
                assert given[a] >= given[b], (a, b)
    assert len(set(given.values())) > 1, "not one flat time for every point"


def test_core_first_and_balanced_across_themes(lib):
    _, p = planned(themes=("neglect", "adolescents"), audiences=("education",), minutes=60)
    per_group: dict[str, list[str]] = {}
    current = "none"
    for s in p.slides:
        if s.kind == "section":
            current = s.title
        elif s.point_id:
            per_group.setdefault(current, []).append(lib.point(s.point_id).priority)
    for priorities in per_group.values():
        assert priorities == sorted(priorities, key=["core", "supporting"].index)
    assert abs(len(per_group["Neglect"]) - len(per_group["Adolescents"])) <= 2


def test_short_of_points_the_session_states_what_it_fills():
    _, p = planned(themes=("cse",), audiences=("education",), minutes=90)
    assert p.minutes < 90 and sum(s.minutes for s in p.slides) == p.minutes
    assert f"runs for {p.minutes} minutes" in said(p.slides[0])


# --- saying what it is -------------------------------------------------------------------

def test_title_and_subtitle_from_the_selection():
    _, p = planned(themes=("neglect", "adolescents"), audiences=("education",), minutes=60)
    assert (p.title, p.subtitle) == ("Neglect and adolescents: learning from serious case reviews",
                                     "For: education staff")
    assert p.slides[0].title == p.title and p.slides[0].subtitle == p.subtitle
    _, p = planned(themes=("cse",), audiences=("police",), minutes=30)
    assert p.title == "Child sexual exploitation: learning from serious case reviews"
    assert p.subtitle == "For: police and criminal justice staff"
    req = build.Request(None, (), ("neglect",), minutes=30, title="Our neglect briefing")
    assert build.session_plan(build.choose(req), req).title == "Our neglect briefing"


# --- each point once, clock, source line ---------------------------------------------------

@pytest.mark.parametrize("name", recipe_names())
def test_recipes_show_each_point_once_and_add_up(name):
    _, p = planned(name)
    ids = point_ids(p)
    assert len(ids) == len(set(ids)), "a point shown twice"
    assert not [s.title for s in p.slides if re.search(r"\(\d\)$", s.title)]
    assert sum(s.minutes for s in p.slides) == p.minutes
    assert all(isinstance(s.minutes, int) for s in p.slides)


def test_voice_section_takes_its_points_out_of_learning(lib):
    _, p = planned("neglect-and-adolescents")
    titles = [s.title for s in p.slides]
    voice = titles.index("Voice of the child")
    assert titles.count("Voice of the child") == 1
    after = [s.point_id for s in p.slides[voice + 1:] if s.point_id]
    assert after and all("voice-of-child" in lib.point(i).themes for i in after)
    before = [s.point_id for s in p.slides[:voice] if s.point_id]
    assert not set(before) & set(after)


def test_running_clock_in_the_notes():
    _, p = planned(themes=("neglect",), audiences=("education",), minutes=60)
    start = 0
    for s in p.slides:
        assert s.start == start
        if s.minutes:
            clock = f"{start // 60:02d}:{start % 60:02d}-{(start + s.minutes) // 60:02d}:" \
                    f"{(start + s.minutes) % 60:02d}, {s.minutes} minute"
            assert f"Suggested time: {clock}" in said(s)
        start += s.minutes
    assert start == 60
    assert timing.clock(24, 2) == "00:24-00:26, 2 minutes"
    assert timing.clock(89, 1) == "01:29-01:30, 1 minute"


def test_point_slides_carry_a_dated_source_line(lib):
    _, p = planned(themes=("neglect",), audiences=(), minutes=90)
    points = [s for s in p.slides if s.point_id]
    periods = set()
    for s in points:
        report = lib.reports[lib.point(s.point_id).source.report]
        page = lib.point(s.point_id).source.page
        assert s.source_line == (f"Source: {report.short}, SCRs {report.period}"
                                 + (f", {page_label(page)}" if page else ""))
        periods.add(report.period)
    assert periods == {"2011-14", "2014-17"}
    assert all(s.source_line is None for s in p.slides if not s.point_id)


def test_source_selects_from_one_report(lib):
    _, p = planned(minutes=30, sources=("dfe-2020",))
    ids = point_ids(p)
    said = [o.id for o in p.omitted if o.kind == "point" and o.reason.endswith("says the same")]
    assert said, "the 81% and 86% points repeat the charts shown"
    assert len(ids) >= 4 and all(lib.point(i).source.report == "dfe-2020" for i in ids)


# --- timing arithmetic ---------------------------------------------------------------------

def test_share_adds_up_in_proportion_with_a_floor():
    assert timing.share(19, [2.5, 3, 3, 2.5, 3, 2.5, 2.5]) == [3, 3, 3, 3, 3, 2, 2]
    assert timing.share(10, [1, 1, 5]) == [2, 2, 6]
    assert timing.share(12, [2, 4]) == [4, 8]
    assert timing.share(0, []) == []
    with pytest.raises(ValueError):
        timing.share(3, [2, 2])


def test_parts_scale_with_length():
    assert [timing.chart_count(m) for m in (30, 45, 60, 90, 200)] == [1, 2, 2, 4, 4]
    assert [timing.discussion_minutes(m) for m in (10, 30, 60, 90, 300)] == [2, 4, 8, 12, 15]
    assert not timing.has_part("what-is-scr", 45, False)
    assert timing.has_part("what-is-scr", 60, False) and timing.has_part("overview", 30, True)


# --- the plan command ----------------------------------------------------------------------

def test_plan_command_prints_running_order_and_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli("plan", "--audience", "education", "--theme", "neglect", "--theme", "adolescents",
            "--minutes", "60")
    assert r.exit_code == 0, r.stderr
    lines = r.output.splitlines()
    assert lines[:2] == ["Neglect and adolescents: learning from serious case reviews",
                         "For: education staff"]
    assert re.match(r"60 minutes, \d+ slides, \d+ of \d+ matching learning points", lines[2])
    assert "00:00-00:01    1  Title    Neglect and adolescents" in r.output
    assert re.search(r"^\d\d:\d\d-\d\d:\d\d +\d+  Point .* \[[a-z0-9-]+\]$", r.output, re.M)
    assert re.search(r"^ +60  total$", r.output, re.M)
    assert "Left out" in r.output and "no time left in 60 minutes" in r.output
    assert not list(tmp_path.iterdir()), "plan writes no file"


def test_plan_command_json_and_yaml_agree(cli):
    args = ("plan", "--theme", "cse", "--minutes", "30")
    as_json = json.loads(cli(*args, "--format", "json").output)
    as_yaml = yaml.safe_load(cli(*args, "--format", "yaml").output)
    assert as_json == as_yaml
    assert sum(s["minutes"] for s in as_json["slides"]) == as_json["minutes"] == 30
    assert as_json["points"] == len([s for s in as_json["slides"] if "point" in s]) >= 5


def test_named_recipe_narrowed_to_a_few_names_the_better_command(cli, tmp_path):
    r = cli("plan", "education", "--theme", "cse", "--minutes", "60")
    assert r.exit_code == 0
    assert re.search(r"recipe 'education' narrowed by these options keeps \d+ of the \d+ points",
                     r.stderr)
    assert "run: sessionbuilder plan --audience education --theme cse --minutes 60" in r.stderr
    recipe = tmp_path / "neglect.yaml"
    recipe.write_text("title: Neglect\naudiences: [all]\nthemes: [neglect]\nsections:\n"
                      "  - kind: title\n  - kind: learning\n")
    r = cli("plan", recipe, "--audience", "education")
    assert r.exit_code == 0 and "narrowed" not in r.stderr, "no warning when nothing is lost"


def test_deck_accepts_source(cli, tmp_path):
    out = tmp_path / "d.pptx"
    r = cli("deck", "--source", "dfe-2020", "--minutes", "30", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert "30 minutes" in r.output
    bad = cli("plan", "--source", "nonsense")
    assert bad.exit_code == 2 and "unknown source 'nonsense'" in bad.stderr


def test_flag_only_deck_is_named_after_the_request(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli("deck", "--theme", "neglect", "--audience", "education", "--minutes", "30")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out" / "session-neglect-education.pptx").is_file()
    assert "'sessionbuilder plan' shows the running order" in r.stderr


def test_deck_short_of_points_says_how_long_it_runs(cli, tmp_path):
    r = cli("deck", "--theme", "cse", "--audience", "education", "--minutes", "90",
            "-o", tmp_path / "cse.pptx")
    m = re.search(r"enough for a (\d+)-minute session, not 90; it is planned and labelled as "
                  r"(\d+) minutes", r.stderr)
    assert m and m.group(1) == m.group(2) and int(m.group(1)) < 90
    assert f"{m.group(1)} minutes)" in r.output


def test_a_curated_recipe_keeps_the_points_it_lists_when_each_gets_its_minimum():
    s, p = planned("education", minutes=120)  # at 90 its activities take part of that time
    said = {o.id for o in p.omitted if o.said_by}  # the schools extract says one of them
    assert said == {"info-police-notify-schools"}
    assert set(point_ids(p)) == {x.id for x in s.points} - said
    assert min(x.minutes for x in p.slides if x.point_id) == timing.MIN_POINT_MINUTES
    _, short = planned("education", minutes=30)
    assert 5 <= len(point_ids(short)) < len(s.points) and short.minutes == 30


def test_a_session_on_one_local_review_shows_no_national_charts():
    from support import BRIEFING
    req = build.Request(libraries=(BRIEFING,), sources=("review-child-b",))
    p = build.session_plan(build.choose(req), req)
    assert p.charts == () and not [s for s in p.slides if s.kind == "chart"]
    assert {pv.id for g in p.groups for pv in g.points} == {
        q.id for q in load_library([BRIEFING]).points if q.source.report == "review-child-b"}


def test_a_library_with_contacts_ends_with_who_to_contact_in_no_time():
    """The library's branding names contacts: the plan's last slide lists them; minutes still
    add up exactly to the session's length. No contacts, no slide."""
    from support import BRIEFING
    req = build.Request(libraries=(BRIEFING,), sources=("review-child-b",), minutes=45)
    p = build.session_plan(build.choose(req), req)
    last = p.slides[-1]
    assert (last.kind, last.title, last.minutes, last.start) == ("contacts", "Who to contact", 0,
                                                                 p.minutes)
    assert [(b.text, b.lead) for b in last.bullets] == [
        ("Worried about a child? Call the Children's Front Door on 01632 960000",
         "Worried about a child?"),
        ("Out of hours <b>emergencies</b> Call the Emergency Duty Team on 01632 960001",
         "Out of hours <b>emergencies</b>")]
    assert "Call the Emergency Duty Team on 01632 960001" in said(last)
    assert sum(s.minutes for s in p.slides) == p.minutes > 0
    _, national = planned("education", minutes=45)
    assert "contacts" not in {s.kind for s in national.slides}


def test_a_session_on_one_local_review_is_titled_after_it_without_national_passages():
    from support import BRIEFING
    req = build.Request(libraries=(BRIEFING,), sources=("review-child-b",))
    p = build.session_plan(build.choose(req), req)
    short = load_library([BRIEFING]).reports["review-child-b"].short
    assert p.title == f"Learning from {short}" and p.slides[0].title == p.title
    titles = [s.title for s in p.slides]
    assert not {"Aims of this session", "Overview", "Where to find more",
                "About the national analysis"} & set(titles)
    assert "What was a Serious Case Review (SCR)?" in titles  # general, not national
    national = build.Request(sources=("sidebotham-2016",), minutes=90)
    assert "Overview" in [s.title for s in build.session_plan(build.choose(national), national).slides]


# --- activity slides: exactly what the room sees and what the notes tell the facilitator ------


SIDEBOTHAM_P86 = SourceRef(report="sidebotham-2016", page="86")


def numbered(steps):
    return [f"{i}. {s}" for i, s in enumerate(steps, 1)]


@pytest.mark.parametrize("context", ["What the passage is.", None])
def test_extract_slide_quotes_each_line_then_asks_groups(lib, context):
    x = CaseExtract("x-one", "Case extract: one", ("First line.", "Second line."), context,
                    ("Q one?", "Q two?"), (("p-1", "Point one", "Summary one."),), SIDEBOTHAM_P86)
    slide = plan.extract_slide(lib, x, 7)
    assert slide.bullets == (Bullet("“First line.”", plain=True), Bullet("“Second line.”", plain=True),
                             Bullet("— Sidebotham et al. (2016), p86", plain=True),
                             Bullet("In small groups:", bold=True, plain=True),
                             Bullet("Q one?"), Bullet("Q two?"))
    assert (slide.kind, slide.title, slide.minutes) == ("case-extract", "Case extract: one", 7)
    assert slide.citation == "Sidebotham et al. (2016), p86"
    assert slide.source_line == "Source: Sidebotham et al. (2016), SCRs 2011-14, p86"
    assert said(slide).split("\n") == [
        "Case extract for small groups, quoted word for word. Source: Sidebotham et al. (2016), p86.",
        *([context] if context else []), "", *numbered(activities.EXTRACT_STEPS), "",
        "Related learning points:", "- Point one: Summary one.", "", "Extract: x-one"]


def test_pairs_slide_asks_pairs_the_themes_questions():
    slide = plan.pairs_slide(PairsDiscussion("neglect", "Neglect", ("Q one?", "Q two?")))
    assert (slide.kind, slide.title, slide.minutes) == ("pairs", "In pairs: Neglect",
                                                        activities.PAIRS_MINUTES)
    assert slide.bullets == (Bullet("Discuss with the person next to you:", bold=True, plain=True),
                             Bullet("Q one?"), Bullet("Q two?"))
    assert said(slide).split("\n") == [
        "Pairs discussion on Neglect, from the learning points' reflective questions.", "",
        *numbered(activities.PAIRS_STEPS)]


def test_estimate_slide_asks_and_keeps_the_answer_for_the_notes(lib):
    q = EstimateQuestion("f", "Ages", "How many were babies?", "Under 1: 41%",
                         "Under 1: 41%; Older: 59%", SIDEBOTHAM_P86)
    slide = plan.estimate_slide(lib, q)
    assert (slide.kind, slide.title, slide.minutes) == ("estimate", "Estimate: Ages",
                                                        activities.ESTIMATE_MINUTES)
    assert slide.bullets == (
        Bullet("How many were babies?", bold=True, plain=True),
        Bullet("Write down your estimate, then compare it with the person next to you.", plain=True))
    assert said(slide).split("\n") == [
        "Estimate, then reveal: the next slide shows the answer.", "",
        *numbered(activities.ESTIMATE_STEPS), "", "Answer: Under 1: 41%.",
        "All values: Under 1: 41%; Older: 59%.", "", "Source: Sidebotham et al. (2016), p86."]


def test_commitment_slide_prompts_one_change():
    slide = plan.commitment_slide(4)
    assert (slide.kind, slide.title, slide.minutes) == ("commitment", "One thing I will do differently", 4)
    assert slide.bullets == tuple(Bullet(p) for p in activities.COMMITMENT_PROMPTS)
    assert said(slide).split("\n") == [
        "Closing commitment: each person writes down one change they will make.", "",
        *numbered(activities.COMMITMENT_STEPS)]


@pytest.mark.parametrize("text,bullets,shown", [
    ("Said in our own words.", [], ["Said in our own words."]),
    ("Text the bullets replace.", ["One.", "Two."], ["One.", "Two."]),
    (None, [], [""]),
])
def test_a_restated_passage_shows_its_bullets_or_else_its_text(lib, text, bullets, shown):
    from sessionbuilder.library.models import Passage
    passage = Passage(id="p", title="Passage", text=text, bullets=bullets,
                      source={"report": "sidebotham-2016", "page": 86})
    slide = plan._passage_slide(lib, passage, None, 3)
    assert (slide.kind, slide.title, slide.minutes) == ("bullets", "Passage", 3)
    assert slide.bullets == tuple(Bullet(t) for t in shown)
    assert slide.notes == Notes((" ".join(shown),), source="Sidebotham et al. (2016), p86")
    assert said(slide) == f"{' '.join(shown)}\n\nSource: Sidebotham et al. (2016), p86."


@pytest.mark.parametrize("passage_kind,documents", [
    ("overview", {"rip-police-briefing", "wscb-deck"}),  # "About the national analysis", then the overview
    ("aims", {"wscb-deck"}),
])
def test_references_cite_the_passages_shown(lib, tmp_path, passage_kind, documents):
    """Points from one report (dfe-2020, through its summary); the passages add their own sources."""
    req = build.Request(recipe_file(tmp_path, "title", passage_kind, "learning", "references"),
                        sources=("dfe-2020",))
    p = build.session_plan(build.choose(req), req)
    assert {lib.point(i).source.document for i in point_ids(p)} == {"complexity-summary-2020"}
    cited = documents | {"complexity-summary-2020"}
    since = {lib.point(i).since.source.report for i in point_ids(p) if lib.point(i).since}
    expected = ([r.citation for r in lib.reports.values()
                 if r.id in {"sidebotham-2016", "dfe-2020", *since}]
                + [d.citation for d in lib.documents.values() if d.id in cited])
    assert list(p.references) == expected
    (slide,) = [s for s in p.slides if s.kind == "references"]
    assert [b.text for b in slide.bullets] == expected


def test_charts_are_preceded_by_their_estimate_only_when_the_recipe_asks(tmp_path):
    """detailed-subsets-2014-17 has no estimate question; ages-2011-14 has one. A chart keeps its
    2 minutes, or gives 1 of them to the question before it."""
    figures = "figures:detailed-subsets-2014-17,ages-2011-14"
    _, asked = planned(recipe_file(tmp_path, "title", figures, "estimate", "learning", name="asked"))
    shown = [(s.kind, s.title, s.minutes) for s in asked.slides if s.kind in ("chart", "estimate")]
    ages = next(s.title for s in asked.slides if s.kind == "chart" and s.chart.id == "ages-2011-14")
    assert [k for k, _, _ in shown] == ["chart", "estimate", "chart"]
    assert [m for _, _, m in shown] == [2, 1, 1] and shown[2][1] == ages
    assert shown[1][1].startswith("Estimate: ")
    _, plain = planned(recipe_file(tmp_path, "title", figures, "learning", name="plain"))
    assert [(s.kind, s.minutes) for s in plain.slides if s.kind in ("chart", "estimate")] == [
        ("chart", 2), ("chart", 2)]
    for p in (asked, plain):
        assert sum(s.minutes for s in p.slides) == p.minutes == 45


def test_the_plan_carries_the_logo_it_was_given(lib):
    from sessionbuilder.library.models import Branding
    from sessionbuilder.library.recipes import load_recipe
    from sessionbuilder.session.selection import Criteria, select
    recipe = load_recipe(lib, "health").recipe
    c = Criteria(themes=("neglect",))
    logo = Path("partnership-logo.png")
    assert plan.session(lib, recipe, select(lib, c), c, 30, Branding(), logo).logo == logo
    assert plan.session(lib, recipe, select(lib, c), c, 30, Branding(), None).logo is None


def test_who_to_contact_lists_each_contact_on_its_own_line():
    from sessionbuilder.library.models import Branding
    branding = Branding(contacts=[{"label": "Worried?", "detail": "Call 01632 960000"},
                                  {"label": "Out of hours:", "detail": "Call 01632 960001"}])
    (slide,) = plan.contacts_slides(branding)
    assert (slide.kind, slide.title, slide.minutes) == ("contacts", "Who to contact", 0)
    assert slide.bullets == (Bullet("Worried? Call 01632 960000", lead="Worried?"),
                             Bullet("Out of hours: Call 01632 960001", lead="Out of hours:"))
    assert slide.notes.listed == ("Worried? Call 01632 960000", "Out of hours: Call 01632 960001")
    assert said(slide) == ("Leave this slide up as people leave, and point out who to contact about "
                           "a worry or a question:\n- Worried? Call 01632 960000\n"
                           "- Out of hours: Call 01632 960001")
    assert plan.contacts_slides(Branding()) == []


@pytest.mark.parametrize("questions,quote,extra", [
    ((), None, []),
    (("Who saw the child?", "What next?"), None,
     ["", "Ask the group:", "- Who saw the child?", "- What next?"]),
    ((), "“Words.” (Report, p3)", ["", "Quote: “Words.” (Report, p3)"]),
    (("Who?",), "“Words.”", ["", "Ask the group:", "- Who?", "", "Quote: “Words.”"]),
])
def test_point_slide_shows_the_point_and_the_notes_say_the_rest(questions, quote, extra):
    pv = plan.PointView("a-point", "Title", "The summary.", ("Do one.", "Do two."), questions, quote,
                        "Report (2020), p3", "core", "neglect")
    slide = plan._point_slide(pv, 4, "Source: Report, SCRs 2011-14, p3")
    assert slide.bullets == (Bullet("The summary.", plain=True), Bullet("What to do:", bold=True, plain=True),
                             Bullet("Do one."), Bullet("Do two."))
    assert said(slide).split("\n") == ["The summary.", "", "Talking points:", "- Do one.", "- Do two.",
                                       *extra, "", "Source: Report (2020), p3.", "Learning point: a-point"]
    assert (slide.kind, slide.title, slide.minutes, slide.citation, slide.point_id) == (
        "point", "Title", 4, "Report (2020), p3", "a-point")


def test_the_clock_gives_a_slide_of_no_time_its_moment_only():
    from sessionbuilder.session.notes import Notes
    from sessionbuilder.session.plan import Slide
    stamped = plan._stamp([Slide("title", "A", minutes=2, notes=Notes(("Welcome.",))),
                           Slide("point", "B", minutes=3, notes=Notes(("Point.",))),
                           Slide("contacts", "C", notes=Notes(("Contacts.",)))])
    assert [(s.notes.start, s.notes.minutes) for s in stamped] == [(0, 2), (2, 3), (5, 0)]
    assert [(s.start, said(s)) for s in stamped] == [
        (0, "Welcome.\n\nSuggested time: 00:00-00:02, 2 minutes."),
        (2, "Point.\n\nSuggested time: 00:02-00:05, 3 minutes."),
        (5, "Contacts.\n\nAt 00:05 on the session clock.")]


def test_pairs_follow_their_themes_last_slide_and_a_homeless_one_closes_the_learning(lib):
    """A pairs discussion whose theme has no group of its own (its points moved under another
    theme's divider) comes after all the learning slides."""
    from types import SimpleNamespace
    from sessionbuilder.session.plan import Slide, ThemeGroup
    view = lambda pid: plan.PointView(pid, pid, "", (), (), None, "", "core", "")  # noqa: E731
    groups = (ThemeGroup("neglect", "Neglect", "", (view("n1"), view("n2"))),
              ThemeGroup("poverty", "Poverty", "", (view("p1"),)))
    pairs = tuple(PairsDiscussion(t, t.title(), ("Q?",)) for t in ("poverty", "cse", "neglect"))
    parts = plan._Parts(lib, SimpleNamespace(pairs=pairs), "", "", "", (), groups, None, (), ())
    slides = [Slide("section", "Neglect"), Slide("point", "n1", point_id="n1"),
              Slide("point", "n2", point_id="n2"), Slide("section", "Poverty"),
              Slide("point", "p1", point_id="p1")]
    assert [s.title for s in plan._with_pairs(parts, slides)] == [
        "Neglect", "n1", "n2", "In pairs: Neglect", "Poverty", "p1", "In pairs: Poverty", "In pairs: Cse"]


@pytest.mark.parametrize("unit,labels", [("percent", ("36%", "24.5%", "about 3%")),
                                         ("count", ("36", "24.5", "about 3%"))])
def test_chart_labels_each_value_as_the_seed_states_it(lib, unit, labels):
    from sessionbuilder.library.models import Figure
    f = Figure(id="ages", title="Ages", unit=unit, source={"report": "sidebotham-2016", "page": 86},
               items=[{"label": "Under 1", "value": 36}, {"label": "1-5", "value": 24.5},
                      {"label": "Other", "value": 3, "display": "about 3%"}])
    ch = plan.chart(lib, f)
    assert (ch.categories, ch.values, ch.labels) == (("Under 1", "1-5", "Other"), (36, 24.5, 3), labels)
    assert (ch.id, ch.kind, ch.title, ch.unit, ch.citation) == ("ages", "bar", "Ages", unit,
                                                                "Sidebotham et al. (2016), p86")
