"""The writing rules `validate` warns about: each rule caught at its line, the bundled library clean."""

from __future__ import annotations

import pytest

from sessionbuilder.library import rules as library_rules
from sessionbuilder.library.loading import load_library

SOURCES = ("reports:\n  - id: local-review-b\n    short: Local review B (2023)\n"
           "    citation: Anyshire Safeguarding Children Partnership (2023) Local review B.\n")
POINT = """  - id: {id}
    title: {title}
    summary: {summary}
    implications:
{implications}
    questions:
{questions}
    themes: [neglect]
    audiences: [health]
    priority: core
    source:
      report: local-review-b
{page}"""


def point(id="local-b-one", title="A local review found handovers lost information",
          summary="Information was lost when the case moved between teams.",
          implications=("Use a written handover.",), questions=(), page=""):
    return POINT.format(id=id, title=title, summary=summary,
                        implications="\n".join(f"      - {i}" for i in implications),
                        questions="\n".join(f"      - {q}" for q in questions) or "      []",
                        page=f"      page: {page}\n" if page else "")


def warnings_for(tmp_path, *points, figures=""):
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "sources.yaml").write_text(SOURCES)
    (folder / "local.yaml").write_text("points:\n" + "".join(points))
    if figures:
        (folder / "figures.yaml").write_text(figures)
    lib = load_library([folder])
    return [w for w in library_rules.check(lib) if str(folder) in w.file]


def lines_of(warnings):
    return {(w.line, w.message.split(" (")[0]) for w in warnings}


@pytest.mark.parametrize("text, statistic", [
    ("Neglect featured in 54% of local reviews.", "54%"),
    ("Violence followed separation in 25 of the 175 reports.", "25 of the 175"),
    ("Six children died of extreme neglect.", "Six children"),
    ("Neglect was a factor in two thirds of the reviews.", "two thirds of"),
    ("It was the primary cause in 14 non-fatal serious case reviews.", "14 non-fatal serious case"),
])
def test_statistics_are_recognised(text, statistic):
    assert library_rules.statistics(text)[0] == statistic


@pytest.mark.parametrize("text", [
    "In the 2011-14 reviews, 54% of the children were living at home.",
    "In 2023, 25 of the 175 reports said so.",
    "A four-year-old child was sleeping in the room.",
    "A pattern of repeat 999 calls from the family.",
    "Children aged 11 and over are at particular risk.",
    "In one case the police lacked resources.",
])
def test_dated_statistics_and_other_numbers_pass(text):
    assert library_rules.undated_statistic(text) is None


def test_undated_statistic_is_warned_at_its_line(tmp_path):
    warnings = warnings_for(tmp_path, point(summary="Neglect featured in 54% of our reviews."))
    assert lines_of(warnings) == {(4, "statistic '54%' names no period or date and the point gives "
                                      "no page")}


def test_a_page_or_a_period_is_enough(tmp_path):
    stat = "Neglect featured in 54% of our reviews."
    assert warnings_for(tmp_path, point(summary=stat, page=12)) == []
    (tmp_path / "other").mkdir()
    assert warnings_for(tmp_path / "other", point(summary="In 2023, " + stat.lower())) == []


def test_an_inline_page_counts_as_a_page(tmp_path):
    summary = "In one case, police said 15 children went missing every day (p193)."
    assert warnings_for(tmp_path, point(summary=summary)) == []


def test_lengths_and_counts(tmp_path):
    long_title = "A local review found " + "that handovers between teams lost information " * 2
    summary = " ".join(["word"] * 71)
    implications = ["Use a written handover."] * 4 + [" ".join(["act"] * 36)]
    questions = ["Who hands over?"] * 4
    warnings = warnings_for(tmp_path, point(title=long_title.strip(), summary=summary,
                                            implications=implications, questions=questions))
    assert lines_of(warnings) == {
        (3, f"title is {len(long_title.strip())} characters, over 90"),
        (4, "summary is 71 words, over 70"),
        (10, "5 implications, more than 4"),
        (10, "implication is 36 words, over 35"),
        (15, "4 questions, more than 3"),
    }


def test_limits_themselves_pass(tmp_path):
    warnings = warnings_for(tmp_path, point(title="T" * 90, summary=" ".join(["word"] * 70),
                                            implications=[" ".join(["act"] * 35)] * 4,
                                            questions=["Who?"] * 3))
    assert warnings == []


FIGURE = """figures:
  - id: local-figure
    title: Local reviews in 2023
    unit: {unit}
    items:
      - {{label: First, value: 12, display: "{first}"}}
      - {{label: Second, value: 30, display: "{second}"}}
    source:
      report: local-review-b
"""


@pytest.mark.parametrize("unit, first, second, line", [
    ("count", "12", "30%", 7),          # a percentage in a chart of counts
    ("percent", "12%", "30", 7),        # a count in a chart of percentages
    ("count", "12 (40%)", "30", 7),     # one bar with its share, one without
])
def test_a_figure_mixing_units_is_warned(tmp_path, unit, first, second, line):
    warnings = warnings_for(tmp_path, point(), figures=FIGURE.format(unit=unit, first=first,
                                                                     second=second))
    assert [w.line for w in warnings] == [line]
    assert "figure 'local-figure'" in warnings[0].message


@pytest.mark.parametrize("unit, first, second", [
    ("count", "12", "30"), ("percent", "12%", "30%"), ("count", "12 (40%)", "30 (60%)"),
])
def test_a_figure_in_one_unit_passes(tmp_path, unit, first, second):
    assert warnings_for(tmp_path, point(), figures=FIGURE.format(unit=unit, first=first,
                                                                 second=second)) == []


def test_bundled_library_breaks_no_rule(lib):
    assert library_rules.check(lib) == []


def test_every_bundled_statistic_names_its_period(lib):
    """Stricter than the warning: a page is not enough, since a slide shows the words alone."""
    for p in lib.points:
        for loc, text in library_rules.point_texts(p):
            assert library_rules.undated_statistic(text) is None, (p.id, loc, text)
