"""The Word writer (python-docx): a `Document` as an editable, accessible .docx.

This is the only module that imports python-docx. Everything is set through named styles
(Heading 1-4, List Bullet, List Number, Quote, Caption and a few of our own), never by direct
formatting, so a restyle in Word reaches every paragraph. The document title is Heading 1 and
each section a level below, so headings run in order; lists are real Word lists; tables of
figures have a header row that repeats; web addresses are hyperlinks; the logo has alt text; the
language is en-GB in the style defaults (where Word reads it). One-page documents set their body
in two columns.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document as new_document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Mm, Pt, RGBColor

from sessionbuilder.documents.model import (URL, Block, Distribution, Document, Figure, Heading,
                                            Items, Para, Quote, Table, figure_table, lead_in, plain)
from sessionbuilder.errors import InputError
from sessionbuilder.render.colours import Colours, colours
from sessionbuilder.render.zipdates import fixed_dates

FONT = "Arial"
PAPERS = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
_AFTER_PBDR = tuple(f"w:{t}" for t in (  # what may follow w:pBdr in w:pPr, in schema order
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange").split())


@dataclass(frozen=True)
class DocxOptions:
    paper: str = "a4"


@dataclass(frozen=True)
class _Sizes:
    """Type sizes (pt) and spacing for one kind of document."""

    body: float
    title: float
    headings: tuple[float, ...]  # Heading 2, 3, 4
    after: float                 # space after a paragraph
    line: float                  # line spacing, as a multiple
    margin: float                # page margins, mm
    columns: int = 1


SHEET = _Sizes(10, 17, (12, 11, 10), 2, 1.05, 12, columns=2)
HANDOUT = _Sizes(11, 24, (17, 14, 12), 6, 1.15, 20)


def render(doc: Document, options: DocxOptions = DocxOptions()) -> bytes:
    sizes = SHEET if doc.one_page else HANDOUT
    c = colours(doc.branding)
    d = new_document()
    _page(d.sections[0], options, sizes)
    _styles(d, sizes, c)
    _properties(d, doc)
    _title(d, doc)
    for block in doc.intro:
        _block(d, block, d.sections[0].page_width)
    if sizes.columns > 1 and doc.body:
        section = d.add_section(WD_SECTION.CONTINUOUS)
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(sizes.columns))
        cols.set(qn("w:space"), str(int(Mm(6).twips)))
    section = d.sections[-1]
    width = (section.page_width - section.left_margin - section.right_margin
             - Mm(6) * (sizes.columns - 1)) // sizes.columns
    for block in doc.body:
        _block(d, block, width)
    _footer(d, doc)
    buf = io.BytesIO()
    d.save(buf)
    return fixed_dates(buf.getvalue())


# ---------------------------------------------------------------------------------------------
# Page, styles, properties


def _page(section, options: DocxOptions, sizes: _Sizes) -> None:
    try:
        section.page_width, section.page_height = PAPERS[options.paper.lower()]
    except KeyError:
        raise InputError(f"unknown paper size '{options.paper}'", hint="use a4 or letter") from None
    margin = Mm(sizes.margin)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Mm(sizes.margin / 2)


def _font_name(rpr_owner, name: str) -> None:
    """Set a font by name, dropping the theme-font attributes Word would otherwise prefer."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), name)


def _style(d, name: str, size: float, colour: str, *, base: str = "Normal", bold: bool = False,
           italic: bool = False, after: float | None = None, before: float | None = None,
           keep: bool = False, kind=WD_STYLE_TYPE.PARAGRAPH):
    styles = d.styles
    st = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.PARAGRAPH and name != "Normal":
        st.base_style = styles[base]
        st.quick_style = True
    _font_name(st.element, FONT)
    st.font.size = Pt(size)
    st.font.bold, st.font.italic = bold, italic
    st.font.color.rgb = RGBColor.from_string(colour)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        fmt = st.paragraph_format
        if after is not None:
            fmt.space_after = Pt(after)
        if before is not None:
            fmt.space_before = Pt(before)
        if keep:
            fmt.keep_with_next = True
    return st


def _styles(d, s: _Sizes, c: Colours) -> None:
    defaults = d.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), FONT)
    normal = _style(d, "Normal", s.body, c.text, after=s.after)
    normal.paragraph_format.line_spacing = s.line
    title = _style(d, "Heading 1", s.title, c.heading, bold=True, after=4, before=0, keep=True)
    _rule_below(title, c.rule)
    for level, size in enumerate(s.headings, 2):
        _style(d, f"Heading {level}", size, c.heading, bold=True, keep=True,
               before=8 if level == 2 else 6, after=2)
    _style(d, "Kicker", s.body, c.heading, bold=True, after=2, keep=True)
    _style(d, "Meta", s.body, c.muted, after=1)
    _style(d, "Lead", s.body, c.muted, italic=True, keep=True)
    _style(d, "Label", s.body, c.text, bold=True, before=3, after=1, keep=True)
    _style(d, "Caption", max(10, s.body - 1), c.muted, before=3, after=s.after + 2)
    _style(d, "Quote", s.body, c.text, italic=True, before=3, after=s.after + 2)
    _style(d, "Footer", 10, c.muted)
    for name in ("List Bullet", "List Number"):
        _style(d, name, s.body, c.text, base="Normal", after=max(1, s.after - 2))
    ref = _style(d, "Reference", s.body, c.text, after=s.after)
    ref.paragraph_format.left_indent = Mm(6)
    ref.paragraph_format.first_line_indent = Mm(-6)
    _style(d, "Table Text", s.body, c.text, after=0)
    link = _style(d, "Hyperlink", s.body, c.heading, kind=WD_STYLE_TYPE.CHARACTER)
    link.font.size, link.font.underline = None, True


def _rule_below(style, colour: str) -> None:
    """A coloured rule under every paragraph of `style` (part of the style, so Word keeps it)."""
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "4"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.insert_element_before(border, *_AFTER_PBDR)


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text.strip(), "%d %B %Y")
    except ValueError:
        return dt.datetime(2000, 1, 1)


def _properties(d, doc: Document) -> None:
    p = d.core_properties
    p.title = plain(doc.title)[:255]
    p.author = p.last_modified_by = plain(doc.author)[:255]
    p.subject = plain(doc.subject)[:255]
    p.keywords = "; ".join(plain(k) for k in doc.keywords)[:255]
    p.language = doc.language
    p.comments = "Made with sessionbuilder"
    p.created = p.modified = _date(doc.date)
    p.revision = 1




# ---------------------------------------------------------------------------------------------
# Content


def _title(d, doc: Document) -> None:
    if doc.logo:
        p = d.add_paragraph(style="Kicker")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        shape = p.add_run().add_picture(str(doc.logo), height=Mm(12))
        docpr = shape._inline.docPr
        docpr.set("descr", plain(f"Logo of {doc.author}"))
        docpr.set("title", plain(f"{doc.author} logo"))
    d.add_paragraph(plain(doc.kicker), style="Kicker")
    d.add_paragraph(plain(doc.title), style="Heading 1")
    if doc.subtitle:
        d.add_paragraph(plain(doc.subtitle), style="Lead")
    if doc.one_page:  # the sheet: one line, as on the PDF
        p = d.add_paragraph(style="Meta")
        for n, (label, value) in enumerate(doc.meta):
            if n:
                p.add_run(" · ")
            _labelled(p, label, value)
    else:
        for label, value in doc.meta:
            _labelled(d.add_paragraph(style="Meta"), label, value)


def _labelled(p, label: str | None, text: str) -> None:
    if label:
        p.add_run(f"{plain(lead_in(label))} ", style="Strong")
    _linked(p, text)


def _linked(p, text: str) -> None:
    """`text` as runs, its web addresses as hyperlinks in the Hyperlink style."""
    text, last = plain(text), 0
    for m in URL.finditer(text):
        if m.start() > last:
            p.add_run(text[last:m.start()])
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), p.part.relate_to(m[0], RT.HYPERLINK, is_external=True))
        run = p.add_run(m[0], style="Hyperlink")._r
        link.append(run)
        p._p.append(link)
        last = m.end()
    if last < len(text) or not text:
        p.add_run(text[last:])


WRITE_IN_MM = 16  # a form's answer rows: room for two or three handwritten lines


def _block(d, block: Block, width: int) -> None:
    if isinstance(block, Heading):
        if block.new_page:  # a page break, not direct formatting on the heading
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_paragraph(plain(block.text), style=f"Heading {min(block.level + 1, 4)}")
    elif isinstance(block, Para):
        style = {"lead": "Lead", "label": "Label", "caption": "Caption"}.get(block.style, "Normal")
        _linked(d.add_paragraph(style=style), block.text)
    elif isinstance(block, Quote):
        d.add_paragraph(plain(block.text), style="Quote")
    elif isinstance(block, Items):
        style = ("Reference" if block.kind == "references"
                 else "List Number" if block.ordered else "List Bullet")
        for item in block.items:
            p = d.add_paragraph(style=style)
            if item.title and block.kind == "points":
                p.add_run(plain(item.title), style="Strong")
                p.add_run().add_break()
                _linked(p, item.text)
            else:
                _labelled(p, item.title, item.text)
    elif isinstance(block, Figure):
        _figure(d, block, width)
    elif isinstance(block, Table):
        _table(d, block, width)
    elif isinstance(block, Distribution):
        _distribution(d, block, width)


def _distribution(d, block: Distribution, width: int) -> None:
    """The chart as a picture with alt text, then its numbers as a table."""
    from sessionbuilder.render import picture
    p = d.add_paragraph(style="Normal")
    shape = p.add_run().add_picture(io.BytesIO(picture.png(block)),
                                    width=min(width, Mm(110)))
    docpr = shape._inline.docPr
    docpr.set("descr", plain(block.alt)[:2000])
    docpr.set("title", plain(block.caption)[:255])
    _table(d, block.table(), min(width, Mm(120)))


def _figure(d, block: Figure, width: int) -> None:
    """Key figures as a table of values; on the sheet with their caption and source."""
    ch = block.chart
    _table(d, figure_table(block), width, ch.alt_text, show_caption=block.compact)
    if block.compact:
        note = f"{ch.note} " if ch.note else ""
        d.add_paragraph(plain(f"{note}Source: {ch.citation}."), style="Caption")


def _table(d, t: Table, width: int, description: str = "", show_caption: bool = True) -> None:
    """A table whose header row repeats on every page, with its caption as the table's title."""
    if show_caption:
        d.add_paragraph(plain(t.caption), style="Label")
    table = d.add_table(rows=1, cols=len(t.header))
    table.style = d.styles["Table Grid"]
    table.autofit = False
    widths = [int(width * share) for share in t.shares()]
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    body = [table.add_row() for _ in t.rows]
    for row in (header, *body):  # a row is never split across two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for row in body if t.write_in else ():
        row.height, row.height_rule = Mm(WRITE_IN_MM), WD_ROW_HEIGHT_RULE.AT_LEAST
    for cells, texts, strong in ((header.cells, t.header, True),
                                 *((r.cells, row, False) for r, row in zip(body, t.rows, strict=True))):
        for cell, text, w in zip(cells, texts, widths, strict=False):
            cell.width = w
            para = cell.paragraphs[0]
            para.style = d.styles["Table Text"]
            para.add_run(plain(text), style="Strong" if strong else None)
    tblpr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", t.caption), ("w:tblDescription", description)):
        if value:
            el = OxmlElement(tag)
            el.set(qn("w:val"), plain(value)[:255])
            tblpr.append(el)


def _footer(d, doc: Document) -> None:
    footer = d.sections[0].footer
    paragraphs = footer.paragraphs
    for n, line in enumerate(doc.footer):
        p = paragraphs[0] if n == 0 else footer.add_paragraph()
        p.style = d.styles["Footer"]
        if line.startswith("Sources: "):
            _labelled(p, "Sources", line.removeprefix("Sources: "))
        else:
            p.add_run(plain(line))
