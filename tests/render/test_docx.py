"""The Word writer, read back with python-docx and laid out by LibreOffice: headings in order,
en-GB, alt text, repeating header rows, real lists, styles not direct formatting, one-page
sheets, the same bytes every time."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import docx as python_docx
import pytest
from pypdf import PdfReader

from sessionbuilder.render import docx


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHEETS = ["all", "neglect-health", "da-police", "briefing"]


def opened(data: bytes):
    return python_docx.Document(io.BytesIO(data))


def heading_levels(d) -> list[int]:
    return [int(p.style.name.split()[-1]) for p in d.paragraphs
            if p.style.name.startswith("Heading")]


@pytest.fixture(scope="module")
def rendered(sheets, handout_doc):
    out = {name: docx.render(doc) for name, (doc, _) in sheets.items()}
    out["handout"] = docx.render(handout_doc)
    return out


@pytest.mark.parametrize("name", [*SHEETS, "handout"])
def test_headings_are_built_in_styles_in_order(rendered, sheets, handout_doc, name):
    d = opened(rendered[name])
    levels = heading_levels(d)
    assert levels[0] == 1 and levels.count(1) == 1, "the title is the one Heading 1"
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    doc = handout_doc if name == "handout" else sheets[name][0]
    first = next(p for p in d.paragraphs if p.style.name == "Heading 1")
    assert first.text == doc.title
    assert d.paragraphs[[p.style.name for p in d.paragraphs].index("Heading 1") + 1].text


@pytest.mark.parametrize("name", ["all", "handout"])
def test_language_title_and_author(rendered, name):
    data = rendered[name]
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)[0]
    assert 'w:lang w:val="en-GB"' in defaults
    assert "en-US" not in styles
    props = opened(data).core_properties
    assert props.language == "en-GB"
    assert props.title and props.author == "Safeguarding Children Partnership"


def test_lists_are_real_word_lists(rendered):
    d = opened(rendered["da-police"])
    styles = [p.style.name for p in d.paragraphs]
    assert "List Number" in styles and "List Bullet" in styles
    numbered = d.styles["List Number"].element
    assert numbered.find(f"{W}pPr/{W}numPr") is not None, "the list style carries numbering"


def test_no_direct_formatting(rendered):
    """Runs carry a character style at most; paragraphs only a style (and the logo's alignment)."""
    for name in ("all", "handout", "briefing"):
        body = opened(rendered[name]).element.body
        for rpr in body.iter(f"{W}rPr"):
            assert [c.tag for c in rpr] in ([], [f"{W}rStyle"]), name
        for ppr in body.iter(f"{W}pPr"):
            extra = {c.tag for c in ppr} - {f"{W}pStyle", f"{W}sectPr", f"{W}jc"}
            assert not extra, (name, extra)


def test_figure_tables_have_repeating_header_rows(rendered, sheets, handout_doc):
    d = opened(rendered["handout"])
    assert len(d.tables) == sum(1 for b in handout_doc.blocks if type(b).__name__ == "Figure")
    for t in d.tables:
        first = t.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert [c.text for c in t.rows[0].cells] == ["Category", "Figure"]
        assert t._tbl.tblPr.find(f"{W}tblCaption") is not None
    sheet = opened(rendered["all"])
    fig = next(b for b in sheets["all"][0].blocks if type(b).__name__ == "Figure")
    assert [[c.text for c in r.cells] for r in sheet.tables[0].rows[1:]] == \
        [list(x) for x in zip(fig.chart.categories, fig.chart.labels, strict=True)]


def test_logo_has_alt_text(sheets, tmp_path):
    from PIL import Image
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (0, 110, 80)).save(logo)
    doc = dataclasses.replace(sheets["briefing"][0], logo=logo)
    d = opened(docx.render(doc))
    pics = list(d.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/"
                                    "wordprocessingDrawing}docPr"))
    assert len(pics) == 1
    assert pics[0].get("descr") == "Logo of Anyshire Safeguarding Children Partnership"


def test_footer_names_the_sources(rendered):
    d = opened(rendered["briefing"])
    assert d.sections[0].footer.paragraphs[0].text == \
        "Sources: Local review Child B (2025), p. 12"


def test_same_bytes_every_time(sheets, rendered):
    assert docx.render(sheets["all"][0]) == rendered["all"]
    infos = zipfile.ZipFile(io.BytesIO(rendered["all"])).infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_letter_paper_and_unknown_paper(sheets):
    d = opened(docx.render(sheets["all"][0], docx.DocxOptions("letter")))
    assert round(d.sections[0].page_width.mm, 1) == 215.9
    from sessionbuilder.errors import InputError
    with pytest.raises(InputError, match="paper"):
        docx.render(sheets["all"][0], docx.DocxOptions("a5"))


@pytest.mark.render
def test_sheets_are_one_page_in_libreoffice(rendered, tmp_path, to_pdf):
    paths = []
    for name in SHEETS:
        path = tmp_path / f"{name}.docx"
        path.write_bytes(rendered[name])
        paths.append(path)
    for path in to_pdf(*paths):
        assert len(PdfReader(path).pages) == 1, path.name


def test_web_addresses_are_hyperlinks(rendered):
    d = opened(rendered["briefing"])
    url = "https://www.example.org/reviews/child-b"
    links = list(d.element.body.iter(f"{W}hyperlink"))
    assert len(links) == 1
    rel = d.part.rels[links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                   "relationships}id")]
    assert rel.is_external and rel.target_ref == url
    assert "".join(t.text for t in links[0].iter(f"{W}t")) == url
    assert links[0].find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"
