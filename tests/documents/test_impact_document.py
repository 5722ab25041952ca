"""The impact report as published: the web page passes axe with no violations, the Word file
uses heading styles, en-GB, repeating table headers and described pictures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from make_exports import own_workbooks

from sessionbuilder.commands import build
from sessionbuilder.commands import impact as cmd
from sessionbuilder.documents import impact as docimpact
from sessionbuilder.impact.analysis import analyse

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SMALL = Path(__file__).parent.parent / "impact" / "fixtures" / "small.csv"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    files = own_workbooks(tmp_path_factory.mktemp("own"))
    answers = cmd.read([*files, SMALL], None, [])
    return docimpact.report(analyse(answers), answers, "1 April 2026")


def test_web_report_has_no_axe_violations(browser, report, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    page = browser.new_page()
    path = tmp_path / "report.html"
    path.write_bytes(build.write_document(report, "html").data)
    page.goto(path.as_uri())
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    page.close()
    assert results.violations_count == 0, results.generate_report()
    passed = {rule["id"] for rule in results.response["passes"]}
    assert {"color-contrast", "svg-img-alt", "html-lang-valid", "document-title"} <= passed


def test_web_chart_is_an_image_with_its_numbers_in_words(report):
    page = build.write_document(report, "html").data.decode()
    assert page.count('<svg role="img" aria-label="Diverging bar chart of confidence in outcome') == 5
    answers = cmd.read([SMALL], None, [])
    page = build.write_document(docimpact.report(analyse(answers), answers, "1 April 2026"),
                                "html").data.decode()
    assert 'aria-label="Diverging bar chart of confidence in outcome 1, 6 participants. Before: ' \
           '1 rated 1, 2 rated 2, 2 rated 3, 1 rated 4, 0 rated 5. After: 0 rated 1, 0 rated 2, ' \
           '2 rated 3, 3 rated 4, 1 rated 5. Median 2.5 before, 4 after."' in page


def test_word_report_headings_language_header_rows_and_alt_text(report):
    import docx
    d = docx.Document(io.BytesIO(build.write_document(report, "docx").data))
    styles = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert styles[:4] == [("Heading 1", "Impact of training: Neglect and adolescents"),
                          ("Heading 2", "How to read this report"), ("Heading 2", "At a glance"),
                          ("Heading 2", "Who answered")]
    assert ("Heading 3", "Outcome 2: See the vulnerable child behind a young person's behaviour") \
        in styles
    levels = [int(name.split()[1]) for name, _ in styles]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), "no level skipped"
    lang = d.styles.element.find(".//{*}rPrDefault//{*}lang")
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "en-GB"
    for table in d.tables:
        assert table.rows[0]._tr.find(".//{*}tblHeader") is not None
        assert all(row._tr.find(".//{*}cantSplit") is not None for row in table.rows)
    pictures = d.element.body.findall(".//{*}docPr")
    assert len(pictures) == 5
    assert all(p.get("descr", "").startswith("Diverging bar chart of confidence") for p in pictures)


def test_report_bytes_are_deterministic(report):
    for fmt in ("docx", "html", "pdf"):
        assert build.write_document(report, fmt).data == build.write_document(report, fmt).data, fmt
