"""Case extracts: quoted word for word from the seeds, validated like points, loaded from any library."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sessionbuilder.errors import ValidationFailed
from sessionbuilder.library.loading import load_library

from support import ROOT

SEEDS = Path("/work/shared/seeds")
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def normalised(text: str) -> str:
    """Whitespace and quote marks aside: what 'word for word' is checked against."""
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


@pytest.fixture(scope="module")
def seed_text():
    if not SEEDS.is_dir():
        pytest.skip("the seed documents are not on this machine")
    return normalised(" ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))


def test_the_issue_s_five_extracts_are_in_the_library(lib):
    pages = {e.source.page for e in lib.extracts}
    assert {"86", "140", "167", "122", "193"} <= pages
    assert len(lib.extracts) >= 5


def test_every_extract_line_is_verbatim_in_a_seed(lib, seed_text):
    for extract in lib.extracts:
        for line in extract.lines:
            assert normalised(line) in seed_text, f"{extract.id}: not verbatim: {line!r}"


def test_the_normalisation_cannot_hide_a_changed_word(seed_text):
    assert normalised("A large quantity of drugs was found in [mother’s] bedroom") in seed_text
    assert normalised("A large amount of drugs was found in [mother’s] bedroom") not in seed_text
    assert normalised("A large quantity of drugs was found in [mother's]\n   bedroom") in seed_text


def test_every_extract_cites_its_page_and_carries_two_or_three_questions(lib):
    for extract in lib.extracts:
        assert extract.source.page and extract.source.page.isdigit()
        assert 2 <= len(extract.questions) <= 3, extract.id
        assert all(q.endswith("?") for q in extract.questions), extract.id


def test_related_points_exist_and_share_the_extract_s_subject(lib):
    for extract in lib.extracts:
        related = [lib.point(pid) for pid in extract.related]
        assert all(related), extract.id
        # the point the library drew from the same passage is the one it repeats, never a
        # "related" point: a session showing the extract leaves that point out
        (same,) = [lib.point(pid) for pid in extract.repeats]
        assert same.id not in extract.related, extract.id
        pages = {same.source.page, same.quote.page if same.quote else None}
        assert extract.source.page in pages or f"(p{extract.source.page})" in same.summary, extract.id


def test_the_neighbourhood_officer_s_four_concerns_stay_a_list(lib):
    extract = next(e for e in lib.extracts if e.source.page == "167")
    assert extract.lines == [
        "The child had no cot and was sleeping with [the mother].",
        "Anti-social behaviour was continuing and [the mother] was at risk of eviction.",
        "There were complaints of parties and drug taking whilst [the child] was present.",
        "[The maternal grandmother] was reporting ongoing concerns about [the mother’s] lack of money.",
    ]


def test_check_figures_finds_no_number_outside_the_seeds():
    from support import names_current_law
    tool = Path("/work/shared/tools/check_figures.py")
    if not tool.is_file():
        pytest.skip("check_figures.py is not on this machine")
    result = subprocess.run([sys.executable, str(tool), "learning_points"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    unexplained = [line for line in result.stdout.splitlines() if not names_current_law(line)]
    assert unexplained == [] and result.returncode in (0, 1)




SOURCES = ("reports:\n  - id: local-review-a\n    short: Local review A (2024)\n"
           "    citation: Anyshire Safeguarding Children Partnership (2024) Local review A.\n")
GOOD = """extracts:
  - id: local-extract-handover
    title: "Case extract: the handover"
    text: The case was closed the day the new worker started.
    questions: [What would you have done next?, Who else needed to know?]
    related: [da-living-with-abuse-always-harmful]
    themes: [information-sharing]
    audiences: [social-care]
    source:
      report: local-review-a
      page: 12
"""


def write_library(folder: Path, extracts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(SOURCES)
    (folder / "extracts.yaml").write_text(extracts)
    return folder


def test_a_user_library_may_carry_its_own_extracts(tmp_path):
    lib = load_library([write_library(tmp_path / "lib", GOOD)])
    extract = next(e for e in lib.extracts if e.id == "local-extract-handover")
    assert extract.source.report == "local-review-a" and extract.source.page == "12"
    assert len(lib.extracts) > 1  # the bundled ones are still there


BAD = [
    ("themes: [information-sharing]", "themes: [informaton-sharing]", 7,
     "unknown theme 'informaton-sharing'; did you mean 'information-sharing'?"),
    ("audiences: [social-care]", "audiences: [social-kare]", 8, "unknown audience 'social-kare'"),
    ("related: [da-living-with-abuse-always-harmful]", "related: [da-living-with-abuse]", 6,
     "unknown learning point 'da-living-with-abuse' in 'related'"),
    ("      page: 12\n", "", 10, "'source': an extract needs the page it is quoted from"),
    ("    text: The case", "    txt: The case", 4, "unknown field 'txt'"),
    ("questions: [What would you have done next?, Who else needed to know?]", "questions: []", 5,
     "'questions' needs at least one entry"),
]


@pytest.mark.parametrize("old,new,line,message", BAD, ids=[b[3][:30] for b in BAD])
def test_a_bad_extract_is_refused_with_file_and_line(tmp_path, old, new, line, message):
    assert old in GOOD
    folder = write_library(tmp_path / "lib", GOOD.replace(old, new))
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    problems = [p for p in info.value.problems if p.message.startswith(message)]
    assert problems, [p.message for p in info.value.problems]
    assert problems[0].file.endswith("extracts.yaml") and problems[0].line == line


def test_duplicate_extract_id_is_refused(tmp_path):
    folder = write_library(tmp_path / "lib",
                           GOOD.replace("local-extract-handover", "extract-limited-expectations"))
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    (problem,) = info.value.problems
    assert problem.message == "duplicate extract id 'extract-limited-expectations'"
    assert problem.line == 2


# Estimate-then-reveal: a question on a figure, answered by the figure's own values.

def figure_data(**extra):
    return {"id": "ages", "title": "Ages", "unit": "percent",
            "items": [{"label": "Under 12 months", "value": 41}, {"label": "11 to 17 years", "value": 28}],
            "source": {"report": "sidebotham-2016"}, **extra}


def test_an_estimate_may_be_a_plain_question_or_name_the_item_it_asks_about():
    from sessionbuilder.library.models import Figure
    plain = Figure.model_validate(figure_data(estimate="What share were babies?"))
    assert plain.estimate.question == "What share were babies?" and plain.estimate.item is None
    named = Figure.model_validate(figure_data(estimate={"question": "Babies?", "item": "Under 12 months"}))
    assert named.value_text(named.items[0]) == "41%"


def test_an_estimate_naming_an_item_the_figure_lacks_is_refused():
    from pydantic import ValidationError
    from sessionbuilder.library.models import Figure
    with pytest.raises(ValidationError,
                       match="unknown figure item 'Under 1'; did you mean 'Under 12 months'"):
        Figure.model_validate(figure_data(estimate={"question": "Babies?", "item": "Under 1"}))


def test_bundled_figures_ask_estimates_answered_by_their_own_values(lib):
    asked = {f.id: f for f in lib.figures if f.estimate}
    assert {"ages-2011-14", "csc-involvement-2011-14", "multiple-problems-2011-14"} <= set(asked)
    ages = asked["ages-2011-14"]
    assert ages.estimate.question == "What share of the 2011-14 reviews concerned babies under one year old?"
    assert ages.value_text(next(i for i in ages.items if i.label == ages.estimate.item)) == "41%"
    for f in asked.values():
        assert f.estimate.item in [i.label for i in f.items] and f.estimate.question.endswith("?")


def test_a_recipe_may_state_its_learning_outcomes(lib):
    from sessionbuilder.library.recipes import load_recipe, recipe_names
    for name in recipe_names():
        outcomes = load_recipe(lib, name).recipe.outcomes
        assert 3 <= len(outcomes) <= 6, name
        assert all(o.outcome[0].isupper() and not o.outcome.endswith(".") for o in outcomes), name
        assert all(o.points or o.activity == "commitment" for o in outcomes), name
