"""The web writer: one self-contained page per document, checked in Debian's chromium with
axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA), printed to check the sheet is one page, and
read back for its language, headings, landmarks, figures and escaping."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pypdf import PdfReader

from sessionbuilder.render import html

SHEETS = ["all", "neglect-health", "da-police", "briefing"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def pages(sheets, handout_doc):
    out = {name: html.render(doc) for name, (doc, _) in sheets.items()}
    out["handout"] = html.render(handout_doc)
    return out


@pytest.fixture(scope="module")
def page(browser):
    p = browser.new_page()
    yield p
    p.close()


def show(page, data: bytes, tmp_path, name: str):
    path = tmp_path / f"{name}.html"
    path.write_bytes(data)
    page.goto(path.as_uri())
    return path


@pytest.mark.parametrize("name", [*SHEETS, "handout"])
def test_axe_finds_no_wcag_violations(pages, page, tmp_path, name):
    from axe_playwright_python.sync_playwright import Axe
    show(page, pages[name], tmp_path, name)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    passed = {rule["id"] for rule in results.response["passes"]}
    assert {"color-contrast", "html-lang-valid", "document-title", "list"} <= passed, \
        "axe really checked contrast, language, title and lists"


@pytest.mark.parametrize("name", SHEETS)
def test_sheet_prints_on_one_page(pages, page, tmp_path, name):
    show(page, pages[name], tmp_path, name)
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4"


def test_handout_prints_on_several_a4_pages(pages, page, tmp_path):
    show(page, pages["handout"], tmp_path, "handout")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert len(PdfReader(pdf).pages) > 3


def test_page_nothing_fetched_no_scripts(pages):
    for name, data in pages.items():
        text = data.decode()
        assert text.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">"), name
        assert "<script" not in text.lower(), name
        assert not re.search(r"""src=["'](?!data:)""", text), name
        assert "<link" not in text and "<iframe" not in text, name
        links = re.findall(r'<a href="https?://', text)
        assert len(re.findall(r"href=", text)) == len(links), "links only, to the web"
        assert "@import" not in text and "url(" not in text, name


@pytest.mark.parametrize("name", [*SHEETS, "handout"])
def test_one_h1_headings_in_order_landmarks(pages, sheets, handout_doc, name):
    text = pages[name].decode()
    levels = [int(x) for x in re.findall(r"<h([1-6])\b", text)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for landmark in ("<header", "<main>", "</main>", "<footer>"):
        assert landmark in text
    doc = handout_doc if name == "handout" else sheets[name][0]
    assert f"<title>{html.plain(doc.title)}</title>".replace("'", "&#39;") in text


def test_figures_are_tables_with_bars_of_the_same_numbers(pages, sheets):
    text = pages["all"].decode()
    fig = next(b for b in sheets["all"][0].blocks if type(b).__name__ == "Figure")
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td><span class="value">(.*?)</span>'
                      r'<svg class="bar" aria-hidden="true".*?<rect x="0" y="0" width="([\d.]+)"',
                      text)
    assert [(a, b) for a, b, _ in rows] == list(zip(fig.chart.categories, fig.chart.labels, strict=True))
    widths = [float(w) for _, _, w in rows]
    top = max(fig.chart.values)
    assert widths == [round(100 * v / top, 1) for v in fig.chart.values]


def test_logo_is_a_data_uri_with_alt_text(sheets, tmp_path):
    from PIL import Image
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (0, 110, 80)).save(logo)
    text = html.render(dataclasses.replace(sheets["briefing"][0], logo=logo)).decode()
    assert re.search(r'<img class="logo" src="data:image/png;base64,[A-Za-z0-9+/=]+" '
                     r'alt="Logo of Anyshire Safeguarding Children Partnership">', text)


def test_contacts_and_what_happened_on_the_briefing(pages):
    text = pages["briefing"].decode()
    assert "<h2>What happened</h2>" in text and "<h2>Who to contact</h2>" in text
    assert ("<li><strong>Worried about a child?</strong> Call the Children&#39;s Front Door on "
            "01632 960000</li>") in text
    assert ("<li><strong>Out of hours &lt;b&gt;emergencies&lt;/b&gt;:</strong> Call the "
            "Emergency Duty Team on 01632 960001</li>") in text
    assert ('Child B. <a href="https://www.example.org/reviews/child-b">'
            "https://www.example.org/reviews/child-b</a></li>") in text


def test_same_bytes_every_time(pages, sheets):
    assert html.render(sheets["all"][0]) == pages["all"]
