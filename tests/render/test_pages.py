"""The library pages, as the static site writes them: the words a reader sees on each page,
relative links that all resolve, no scripts, escaping, and the same bytes every time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import BRIEFING, html_text

from sessionbuilder.library.loading import load_library
from sessionbuilder.render import pages as site


@pytest.fixture(scope="module")
def files():
    return site.site_files(load_library([BRIEFING]))


def text(files, name: str) -> str:
    return html_text(files[name])


def test_every_point_audience_theme_and_source_has_a_page(files):
    lib = load_library([BRIEFING])
    assert {f"points/{p.id}.html" for p in lib.points} <= set(files)
    assert "themes/neglect.html" in files and "audiences/police-justice.html" in files
    assert "sources/review-child-b.html" in files and "sources/sidebotham-2016.html" in files
    assert "themes/sexual-abuse.html" not in files or any(
        "sexual-abuse" in p.themes for p in lib.points), "no page for a theme with no points"


def test_point_page_shows_summary_actions_questions_source_and_page(files):
    words = text(files, "points/child-b-sharing.html")
    assert re.search(
        r"Agencies held pieces of the picture but <b>no one</b> put them together "
        r"Health, police and the nursery each knew something about the risks at home, but nobody "
        r"shared what they knew\. What to do Share concerns about a baby's home with the health "
        r"visitor and children's social care\. Questions to reflect on What stops our staff sharing "
        r"a worry\? <script>alert\(1\)</script> Source Local review Child B \(2025\), p12 "
        r"Anyshire Safeguarding Children Partnership \(2025\) Local child safeguarding practice "
        r"review Child B\. Anyshire\. Read the report", words), words


def test_markup_in_the_library_is_shown_as_text(files):
    page = files["points/child-b-sharing.html"].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page and "<b>" not in page


def test_national_point_cites_report_and_page(lib, files):
    point = next(p for p in lib.points if p.source.page and p.questions)
    words = text(files, f"points/{point.id}.html")
    assert point.summary.split(".")[0] in words
    assert lib.cite(point.source.report, point.source.page) in words
    assert all(q in words for q in point.questions)


def test_index_lists_every_point_and_where_to_browse(files, lib):
    words = text(files, "index.html")
    assert f"All {len(lib.points) + 2} learning points" in words
    assert "Browse by audience" in words and "Browse by theme" in words and "Neglect (" in words
    page = files["index.html"].decode()
    assert 'href="points/child-b-fathers.html"' in page and 'href="themes/neglect.html"' in page
    assert "<form" not in page, "the static site has no server to filter"


def test_theme_page_lists_its_points_and_its_figures_as_tables(files, lib):
    words = text(files, "themes/neglect.html")
    count = sum("neglect" in p.themes for p in lib.points)
    assert (f"Theme Neglect Chronic neglectful care and its cumulative impact. {count} "
            "learning points") in words
    assert "<table" not in files["themes/neglect.html"].decode(), "no figure on neglect"
    words = text(files, "themes/domestic-abuse.html")
    figure = next(f for f in lib.figures if "domestic-abuse" in f.themes)
    assert f"Key figures {figure.title} What " in words
    for item in figure.items:
        assert f"{item.label} {figure.value_text(item)}" in words


def test_figures_page_shows_every_figure_with_its_values(files, lib):
    words = text(files, "figures.html")
    for f in lib.figures:
        assert f.title in words
        for item in f.items:
            assert f"{item.label} {f.value_text(item)}" in words
    assert files["figures.html"].decode().count("<table ") == len(lib.figures)


def test_links_are_relative_and_all_resolve(files):
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        for href in re.findall(r'href="([^"]+)"', data.decode()):
            if href.startswith(("http://", "https://", "#")):
                continue
            assert not href.startswith("/"), (name, href)
            target = (Path("/site") / name).parent / href.split("#")[0]
            assert str(Path(*target.parts).resolve()).removeprefix("/site/") in files, (name, href)


def test_no_scripts_and_nothing_fetched(files):
    for name, data in files.items():
        page = data.decode()
        assert "<script" not in page, name
        assert not re.search(r'(src|href)="(https?:)?//(?!www\.example\.org)', page) or name.startswith(
            ("points/", "sources/")), name


def test_same_library_same_bytes(files):
    assert site.site_files(load_library([BRIEFING])) == files


def test_quotation_marks_hold_only_the_sources_words(files, lib):
    point = next(p for p in lib.points if p.quote and p.quote.page)
    words = text(files, f"points/{point.id}.html")
    short = lib.reports[point.source.report].short
    assert (f"In the review's own words “{point.quote.text}” ({short}, p{point.quote.page})"
            in words), words
