"""Recipes and branding: validation with lines, asset paths kept inside the recipe's folder."""

from __future__ import annotations

import pytest

from sessionbuilder.errors import InputError, ValidationFailed
from sessionbuilder.library.models import Branding
from sessionbuilder.library.recipes import find_recipe, load_recipe, recipe_names

RECIPE = ("title: Local session\naudiences: [health]\nminutes: 30\n"
          "sections:\n  - kind: title\n  - kind: learning\n")


def write(tmp_path, text, name="recipe.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_shipped_recipes(lib):
    names = recipe_names()
    assert {"pathways-to-harm", "social-care", "education", "police-and-criminal-justice", "health",
            "safeguarding-boards", "neglect-and-adolescents",
            "domestic-abuse-and-coercive-control"} <= set(names)
    for name in names:
        loaded = load_recipe(lib, name)
        assert loaded.recipe.sections[0].kind == "title"
        if name not in ("pathways-to-harm",):
            assert len(loaded.recipe.questions) >= 4, name


def test_audience_recipes_have_their_own_questions(lib):
    questions = {name: tuple(q.ask for q in load_recipe(lib, name).recipe.questions)
                 for name in ("social-care", "education", "police-and-criminal-justice", "health",
                              "safeguarding-boards")}
    assert len(set(questions.values())) == 5


def test_unknown_recipe_lists_bundled():
    with pytest.raises(InputError) as info:
        find_recipe("pathways")
    assert "pathways-to-harm" in str(info.value)


def test_unknown_point_and_figure_ids(lib, tmp_path):
    path = write(tmp_path, RECIPE + "  - kind: figures\n    figures: [no-such-figure]\n"
                 "points: [no-such-point]\n")
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    messages = {(p.line, p.message) for p in info.value.problems}
    assert (8, "unknown figure 'no-such-figure'") in messages
    assert (9, "unknown learning point 'no-such-point'") in messages


def test_scalar_where_mapping_expected(lib, tmp_path):
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(write(tmp_path, "just a sentence\n")))
    assert "holds text where a mapping is expected" in info.value.problems[0].message


@pytest.mark.parametrize("reference", ["../outside.yaml", "/etc/hostname"])
def test_branding_file_outside_the_recipe_folder_is_refused(lib, tmp_path, reference):
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "outside.yaml").write_text("partnership: Elsewhere\n")
    path = write(inner, RECIPE + f"branding_file: {reference}\n")
    with pytest.raises(InputError) as info:
        load_recipe(lib, str(path))
    assert str(info.value) == (f"{path}:7: '{reference}' is outside the folder of recipe.yaml (copy the "
                               "file next to the recipe or library and name it relatively)")
    assert info.value.problem.line == 7


def test_branding_file_inside(lib, tmp_path):
    (tmp_path / "brand.yaml").write_text("branding:\n  partnership: Anyshire SCP\n  primary: '#004B87'\n")
    loaded = load_recipe(lib, str(write(tmp_path, RECIPE + "branding_file: brand.yaml\n")))
    assert loaded.branding.partnership == "Anyshire SCP" and loaded.branding.primary == "004B87"


def test_bad_branding_colour_has_a_line(lib, tmp_path):
    path = write(tmp_path, RECIPE + "branding:\n  primary: blue\n")
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    assert info.value.problems[0].line == 8 and "'primary'" in info.value.problems[0].message


def test_huge_logo_is_refused(lib, tmp_path):
    with open(tmp_path / "logo.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(11_000_000)
    path = write(tmp_path, RECIPE + "branding:\n  logo: logo.png\n")
    with pytest.raises(InputError) as info:
        load_recipe(lib, str(path))
    assert "logo is too large" in str(info.value)


def test_logo_with_image_name_but_other_content(cli, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    path = write(tmp_path, RECIPE + "branding:\n  logo: logo.png\n")
    result = cli("deck", path, "-o", tmp_path / "d.pptx")
    assert result.exit_code == 2 and "logo is not a readable image" in result.stderr
    assert not (tmp_path / "d.pptx").exists()


def test_recipe_cannot_be_overwritten(cli, tmp_path):
    path = write(tmp_path, RECIPE)
    result = cli("deck", path, "-o", path)
    assert result.exit_code == 2 and "so its name must end in .pptx" in result.stderr
    assert path.read_text() == RECIPE


# For each bundled recipe: words from each of its discussion questions, and the learning points
# that question draws on. A question needs its points in the session it closes.
QUESTION_POINTS = {
    "education": {
        "'invisible' through absence": ["edu-invisible-out-of-school"],
        "disagree with a threshold decision": ["cc-schools-challenge-threshold-decisions"],
        "'silent' indicators": ["voice-silent-indicators"],
        "domestic abuse notification from the police": ["info-police-notify-schools"],
        "managed moves": ["edu-managed-moves"],
    },
    "health": {
        "ask about the children they live with": ["mh-adult-services-ask-about-children"],
        "escalating mental illness": ["mh-escalation-urgent"],
        "medical opinion": ["partnership-subtle-hierarchies"],
        "antenatal care": ["child-other-family-risk-factors"],
        "chase a referral": ["info-feedback-to-referrers"],
    },
    "police-and-criminal-justice": {
        "which children are in their lives": ["recognition-everyday-duties-opportunities",
                                              "curiosity-more-than-one-lens",
                                              "criminality-entrenched-parental-offending"],
        "repeat domestic abuse calls": ["process-repeat-demand-signals-vulnerability"],
        "a victim retracts": ["da-embed-coercive-control-offence"],
        "safe and well check": ["missing-share-safe-and-well-findings"],
        "strategy discussions robust": ["strategy-discussions-central-and-robust"],
    },
    "safeguarding-boards": {
        "lead to change in practice": ["scr-good-quality-features", "cc-review-barriers-to-change"],
        "few, specific, contextual and targeted": ["cc-review-few-specific-recommendations"],
        "structures, staff and priorities change": ["cc-review-barriers-to-change",
                                                    "org-changing-agency-structures"],
        "common language of risk": ["policy-pathways-shared-language-of-risk"],
        "limited resources": ["sys-leaders-support-front-line", "org-stretched-resources"],
    },
    "social-care": {
        "authoritative, curious stance": ["sys-authoritative-practice", "curiosity-open-stance"],
        "stepped down or closed": ["sys-system-works-once-protected"],
        "fathers, partners and wider family": ["cc-neglect-fathers-male-friendly",
                                               "fam-hear-and-act-on-family-voice"],
        "triangulate what parents tell us": ["info-triangulate-and-verify"],
        "supervision": ["learn-ten-years-supervision"],
    },
    "neglect-and-adolescents": {
        "'troublesome'": ["adolescents-vulnerable-not-troublesome"],
        "neglect look like in a teenager": ["neglect-most-prominent-in-early-adolescence",
                                            "cc-neglect-adolescents-overlooked"],
        "goes missing for the third time": ["missing-repeat-triggers-curiosity"],
        "relationships with young people": ["yp-relationship-based-practice",
                                            "cc-adolescents-relationships-persistence"],
    },
    "domestic-abuse-and-coercive-control": {
        "pattern of control behind a single incident": ["da-incident-focused-response",
                                                        "da-not-only-violent-incidents"],
        "parent who is a victim": ["da-do-not-rely-on-victims"],
        "after separation and through contact disputes": ["separation-contested-proceedings-warning"],
        "Who else needs to know": ["info-police-notify-schools"],
    },
    "pathways-to-harm": {
        "below the threshold for social care": ["recognition-below-threshold-children"],
        "what they do not say": ["voice-silent-indicators"],
    },
}


def test_every_bundled_recipe_is_covered():
    assert set(QUESTION_POINTS) == set(recipe_names())


@pytest.mark.parametrize("name", sorted(QUESTION_POINTS))
def test_a_recipe_session_shows_the_points_its_questions_draw_on(lib, name):
    from sessionbuilder.commands.build import Request, choose, session_plan
    recipe = load_recipe(lib, name).recipe
    req = Request(name)
    p = session_plan(choose(req), req)
    shown = {pv.id for g in p.groups for pv in g.points} | {o.id for o in p.omitted if o.said_by}
    for words, point_ids in QUESTION_POINTS[name].items():
        (question,) = [q for q in recipe.questions if words in q.ask]
        assert set(point_ids) <= set(question.points), (name, words)
        missing = [pid for pid in point_ids if pid not in shown]
        assert not missing, (name, words, missing)


def test_a_question_keeps_its_points_when_time_is_short():
    from sessionbuilder.commands.build import Request, choose, session_plan
    req = Request("education", minutes=30)
    shown = [pv.id for g in session_plan(choose(req), req).groups for pv in g.points]
    assert "edu-managed-moves" in shown  # a supporting point, kept for its question


def test_a_question_drawing_on_a_point_outside_the_recipe_is_refused(lib, tmp_path):
    path = write(tmp_path, RECIPE + "points: [mh-escalation-urgent]\nquestions:\n"
                 "  - Plain question?\n  - ask: Who?\n    points: [mh-escalation-urgent, "
                 "da-living-with-abuse-always-harmful, no-such-point]\n")
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    assert [(p.line, p.message) for p in info.value.problems] == [
        (11, "question draws on 'da-living-with-abuse-always-harmful', which is not in this "
             "recipe's points"),
        (11, "question draws on 'no-such-point', which is not in the library")]


def test_recipe_names_are_sorted_and_skip_private_files(monkeypatch, tmp_path):
    from sessionbuilder import resources
    for name in ("zeta.yaml", "alpha.yaml", "_shared.yaml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n")
    monkeypatch.setattr(resources, "decks_dir", lambda: tmp_path)
    assert recipe_names() == ["alpha", "zeta"]


def test_find_recipe_by_name_path_or_default(tmp_path):
    from sessionbuilder import resources
    assert find_recipe(None) == resources.decks_dir() / "pathways-to-harm.yaml"
    assert find_recipe("health") == resources.decks_dir() / "health.yaml"
    mine = write(tmp_path, RECIPE, "mine")  # an existing file needs no .yaml suffix
    assert find_recipe(str(mine)) == mine
    for missing in ("missing.yml", "missing.yaml"):  # a recipe file, not a bundled name
        with pytest.raises(InputError) as info:
            find_recipe(str(tmp_path / missing))
        assert str(info.value) == f"recipe file '{tmp_path}/{missing}' not found"
    with pytest.raises(InputError) as info:
        find_recipe(str(tmp_path))
    assert str(info.value) == f"recipe file '{tmp_path}' not found"
    with pytest.raises(InputError) as info:
        find_recipe("no-such-recipe")
    assert str(info.value) == ("unknown recipe 'no-such-recipe' (bundled recipes: "
                               + ", ".join(recipe_names()) + ")")


def test_loaded_recipe_keeps_its_path_branding_and_logo(lib, tmp_path):
    from PIL import Image
    Image.new("RGB", (40, 20)).save(tmp_path / "logo.png")
    path = write(tmp_path, RECIPE + "branding:\n  partnership: Anyshire SCP\n  logo: logo.png\n")
    loaded = load_recipe(lib, str(path))
    assert loaded.path == path and loaded.recipe.title == "Local session"
    assert loaded.branding.partnership == "Anyshire SCP"
    assert loaded.logo == (tmp_path / "logo.png").resolve()
    plain = load_recipe(lib, str(write(tmp_path, RECIPE, "plain.yaml")))
    assert plain.branding == Branding() and plain.logo is None


def test_logo_beside_the_branding_file(lib, tmp_path):
    from PIL import Image
    (tmp_path / "brand").mkdir()
    Image.new("RGB", (40, 20)).save(tmp_path / "brand" / "logo.png")
    (tmp_path / "brand" / "b.yaml").write_text("partnership: Anyshire SCP\nlogo: logo.png\n")
    loaded = load_recipe(lib, str(write(tmp_path, RECIPE + "branding_file: brand/b.yaml\n")))
    assert loaded.logo == (tmp_path / "brand" / "logo.png").resolve()
    assert loaded.branding.partnership == "Anyshire SCP"


def test_missing_branding_file_and_logo_have_lines(lib, tmp_path):
    with pytest.raises(InputError) as info:
        load_recipe(lib, str(write(tmp_path, RECIPE + "branding_file: nope.yaml\n")))
    assert str(info.value) == f"{tmp_path}/recipe.yaml:7: 'nope.yaml' not found"
    with pytest.raises(InputError) as info:
        load_recipe(lib, str(write(tmp_path, RECIPE + "branding:\n  logo: nope.png\n")))
    assert str(info.value) == f"{tmp_path}/recipe.yaml: 'nope.png' not found"


@pytest.mark.parametrize("text,line,message", [
    ("branding:\n  primary: blue\n", 2, "'primary': string should match pattern '^#?[0-9A-Fa-f]{6}$'"),
    ("primary: blue\n", 1, "'primary': string should match pattern '^#?[0-9A-Fa-f]{6}$'"),
    ("colour: red\n", 1, "unknown field 'colour'"),
    ("- a list\n", 1, "holds a list where a mapping is expected"),
])
def test_branding_file_problems(tmp_path, text, line, message):
    from sessionbuilder.library.recipes import load_branding
    path = write(tmp_path, text, "brand.yaml")
    with pytest.raises(ValidationFailed) as info:
        load_branding(path)
    assert [(p.file, p.line, p.message) for p in info.value.problems] == [(str(path), line, message)]


def test_branding_file_forms(tmp_path):
    from sessionbuilder.library.recipes import load_branding
    assert load_branding(write(tmp_path, "branding:\n  accent: '#00ff00'\n", "a.yaml")).accent == "00FF00"
    assert load_branding(write(tmp_path, "accent: '#00ff00'\n", "b.yaml")).accent == "00FF00"
    with pytest.raises(InputError) as info:
        load_branding(tmp_path / "none.yaml")
    assert str(info.value) == f"branding file '{tmp_path}/none.yaml' not found"
    with pytest.raises(ValidationFailed) as info:
        load_branding(write(tmp_path, "branding: [1\n", "c.yaml"))
    assert info.value.problems[0].message.startswith("YAML syntax error")


def test_recipe_problems_are_all_reported(lib, tmp_path):
    path = write(tmp_path, "title: T\nthemes: [neglekt]\nminutes: 5\nsections:\n  - kind: title\n"
                           "  - kind: learning\n")
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    assert [(p.line, p.message) for p in info.value.problems] == [
        (2, "unknown theme 'neglekt'; did you mean 'neglect'?"),
        (3, "'minutes': input should be greater than or equal to 10")]


def test_recipe_yaml_error(lib, tmp_path):
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(write(tmp_path, "title: [T\n")))
    (problem,) = info.value.problems
    assert problem.file == str(tmp_path / "recipe.yaml") and problem.message.startswith("YAML syntax error")


@pytest.mark.parametrize("text,line,message", [
    ("  - kind: figures\n    figures:\n      - csc-involvement-2011-14\n      - no-such-figure\n", 10,
     "unknown figure 'no-such-figure'"),
    ("  - kind: case-extract\n    extracts:\n      - extract-drugs-where-child-slept\n"
     "      - no-such-extract\n", 10,
     "unknown extract 'no-such-extract' (see learning_points/extracts.yaml)"),
    ("points:\n  - mh-escalation-urgent\n  - no-such-point\n", 9,
     "unknown learning point 'no-such-point' ('sessionbuilder list' shows the ids)"),
    ("points: [mh-escalation-urgent]\nquestions:\n  - ask: Who?\n    points:\n"
     "      - mh-escalation-urgent\n      - no-such-point\n", 12,
     "question draws on 'no-such-point', which is not in the library (list the point under points: "
     "or fix the id)"),
])
def test_each_unknown_id_is_one_line_naming_file_line_and_hint(lib, tmp_path, text, line, message):
    path = write(tmp_path, RECIPE + text)
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    assert [str(p) for p in info.value.problems] == [f"{path}:{line}: {message}"]


@pytest.mark.parametrize("sections,message", [
    ("  - kind: title\n  - kind: aims\n", "missing section 'learning' (where the learning points go)"),
    ("  - kind: learning\n  - kind: title\n", "the first section must be 'title'"),
])
def test_sections_problems_are_said_plainly(lib, tmp_path, sections, message):
    path = write(tmp_path, RECIPE.split("  - kind: title")[0] + sections)
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    assert [str(p) for p in info.value.problems] == [f"{path}:5: {message}"]


# --- learning outcomes name the points that carry them ------------------------------------

@pytest.mark.parametrize("name", recipe_names())
@pytest.mark.parametrize("minutes", (30, 60, 90, 120))
def test_a_session_shows_the_points_that_carry_each_outcome(lib, name, minutes):
    """Every length the recipe allows keeps its outcomes' points, so the guide never states an
    outcome (and the form never rates one) that the room was not shown."""
    from sessionbuilder.commands.build import Request, choose, session_plan
    from sessionbuilder.documents.evaluation import outcomes
    recipe = load_recipe(lib, name).recipe
    req = Request(name, minutes=minutes)
    p = session_plan(choose(req), req)
    shown = {s.point_id for s in p.slides if s.point_id} | {o.id for o in p.omitted if o.said_by}
    kinds = {s.kind for s in p.slides}
    for o in recipe.outcomes:
        assert o.points or o.activity, (name, o.outcome)
        assert set(o.points) <= shown, (name, minutes, o.outcome, set(o.points) - shown)
        if o.activity and o.activity not in kinds:
            assert o.outcome not in outcomes(p, recipe.outcomes), "only outcomes delivered"


def test_an_outcome_without_points_is_refused(lib, tmp_path):
    path = write(tmp_path, RECIPE + "points: [mh-escalation-urgent]\noutcomes:\n"
                 "  - Explain something nobody is shown\n"
                 "  - outcome: Ask about children\n    points: [mh-escalation-urgent, no-such-point]\n"
                 "  - outcome: Commit to one change\n    activity: commitment\n")
    with pytest.raises(ValidationFailed) as info:
        load_recipe(lib, str(path))
    assert [(p.line, p.message) for p in info.value.problems] == [
        (9, "outcome 'Explain something nobody is shown' names no points that carry it"),
        (11, "outcome draws on 'no-such-point', which is not in the library"),
        (13, "outcome's activity 'commitment' is not a section of this recipe")]


TWICE = ("title: Twice\naudiences: [health]\nminutes: 30\nsections:\n  - kind: title\n  - kind: aims\n"
         "  - kind: learning\n  - kind: aims\n  - kind: references\n"
         "  - kind: figures\n    figures: [ages-2011-14]\n  - kind: figures\n    figures: [ages-2011-14]\n")


def test_a_section_listed_twice_is_named_with_its_line_and_kept_once(lib, tmp_path):
    path = write(tmp_path, TWICE)
    loaded = load_recipe(lib, str(path))
    assert [s.kind for s in loaded.recipe.sections] == ["title", "aims", "learning", "references", "figures"]
    assert [str(w) for w in loaded.warnings] == [
        f"{path}:8: section 'aims' is listed again (first on line 6); it is shown once "
        "(remove the repeated section)",
        f"{path}:12: section 'figures' is listed again (first on line 10); it is shown once "
        "(remove the repeated section)"]


def test_validate_and_plan_show_a_repeated_section_once(cli, tmp_path):
    path = write(tmp_path, TWICE)
    result = cli("validate", path)
    assert result.exit_code == 0 and f"{path}:8: section 'aims' is listed again" in result.stderr
    plan = cli("plan", path)
    assert plan.stdout.count("Aims of this session") == 1
