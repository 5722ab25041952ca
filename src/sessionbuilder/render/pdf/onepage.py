"""A document on exactly one page (the sheet): a coloured band with the title, the opening blocks
across the page, the body down two columns, sources and page number at the foot."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Frame, FrameBreak, KeepTogether, PageTemplate, Spacer

from sessionbuilder.documents.model import (Block, Document, Figure, Heading, Items, Para, Quote, Table, clip)
from sessionbuilder.render.colours import Colours, colours
from sessionbuilder.render.pdf.base import (BULLETS, Barred, Doc, Overflow,
                                            Paragraph, PdfOptions, clean, draw_logo, escape,
                                            fill_page, hexc, labelled, linked, markup,
                                            metadata, pagesize, style, table, text_table)
from sessionbuilder.render.style import PDF


@dataclass(frozen=True)
class _Styles:
    kicker: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    point_title: ParagraphStyle
    point: ParagraphStyle
    bullet: ParagraphStyle
    question: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle
    caption: ParagraphStyle
    reading: ParagraphStyle
    footer: ParagraphStyle
    page: ParagraphStyle


def _styles(c: Colours) -> _Styles:
    size = PDF.sheet_body_size
    lead = size * PDF.sheet_leading
    return _Styles(
        kicker=style("kicker", PDF.sheet_footer_size, c.on_band, PDF.font_bold),
        title=style("title", PDF.sheet_title_size, c.on_band, PDF.font_bold,
                    leading=PDF.sheet_title_size * 1.18),
        meta=style("meta", size, c.on_band),
        heading=style("heading", PDF.sheet_heading_size, c.heading, PDF.font_bold,
                      leftIndent=PDF.rule_width + 6, spaceBefore=PDF.sheet_gap, spaceAfter=3,
                      keepWithNext=1),
        body=style("body", size, c.text, leading=lead),
        point_title=style("point_title", size, c.heading, PDF.font_bold, leading=lead,
                          leftIndent=15, bulletIndent=0, spaceBefore=3, spaceAfter=1,
                          keepWithNext=1, bulletFontName=PDF.font_bold,
                          bulletColor=hexc(c.heading)),
        point=style("point", size, c.text, leading=lead, leftIndent=15, spaceAfter=3),
        bullet=style("bullet", size, c.text, leading=lead, leftIndent=17, bulletIndent=2,
                     spaceAfter=2, bulletColor=hexc(c.heading)),
        question=style("question", size, c.text, leading=lead, leftIndent=17, bulletIndent=2,
                       spaceAfter=2, bulletFontName=PDF.font_bold, bulletColor=hexc(c.heading)),
        figure=style("figure", PDF.sheet_figure_size, c.heading, PDF.font_bold,
                     leading=PDF.sheet_figure_size * 1.15),
        figure_label=style("figure_label", size, c.text, leading=size * 1.2),
        caption=style("caption", PDF.sheet_footer_size, c.muted, leading=lead),
        reading=style("reading", size, c.text, leading=lead, leftIndent=12,
                      firstLineIndent=-12, spaceAfter=2),
        footer=style("footer", PDF.sheet_footer_size, c.muted, leading=lead),
        page=style("page", PDF.sheet_footer_size, c.muted, alignment=TA_RIGHT),
    )


def _flowables(blocks: tuple[Block, ...], st: _Styles, c: Colours,
               width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Barred(markup(block.text, PDF.font_bold), st.heading, bar=c.rule))
        elif isinstance(block, Para):
            out.append(Paragraph(linked(block.text), st.caption if block.style == "caption"
                                 else st.body))
        elif isinstance(block, Quote):
            out.append(Paragraph(markup(block.text, PDF.font_italic), st.body))
        elif isinstance(block, Figure):
            out += _tiles(block, st, c, width)
        elif isinstance(block, Items):
            out += _items(block, st)
        elif isinstance(block, Table):
            out += text_table(block, width, st.body, st.body, c)
    return out


def _items(block: Items, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for n, item in enumerate(block.items, 1):
        if block.kind == "points":
            out.append(Paragraph(markup(item.title or "", PDF.font_bold), st.point_title,
                                 bulletText=f"{n}"))
            out.append(Paragraph(linked(item.text), st.point))
            continue
        text = labelled(item.title, item.text)
        if block.kind == "readings":
            out.append(Paragraph(text, st.reading, bulletText="•"))
        elif block.ordered:
            out.append(Paragraph(text, st.bullet, bulletText=f"{n}."))
        else:
            out.append(Paragraph(text, st.question if block.kind == "questions" else st.bullet,
                                 bulletText=BULLETS.get(block.kind, "•")))
    return out


def _tiles(block: Figure, st: _Styles, c: Colours, width: float) -> list[Flowable]:
    """The figures as a grid of tiles (big number, label), then the caption."""
    ch = block.chart
    shown = list(zip(ch.labels, ch.categories, strict=False))
    widest = max((pdfmetrics.stringWidth(clean(v, PDF.font_bold), PDF.font_bold,
                                         PDF.sheet_figure_size) for v, _ in shown), default=0)
    per_row = len(shown) if len(shown) <= 3 and widest <= width / len(shown) - 16 else 2
    head = Paragraph(f"<b>{markup(ch.title, PDF.font_bold)}</b> {markup(block.more)}", st.body)
    cells = [[Paragraph(markup(value, PDF.font_bold), st.figure),
              Paragraph(markup(label), st.figure_label)] for value, label in shown]
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    if len(rows) > 1 and len(rows[-1]) < per_row:
        rows[-1] = rows[-1] + [""] * (per_row - len(rows[-1]))
    cols = len(rows[0])
    tiles = table(rows, [width / cols] * cols, [
        ("BACKGROUND", (0, 0), (-1, -1), hexc(c.panel)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEAFTER", (0, 0), (-2, -1), 4, hexc(c.background)),
        ("LINEBELOW", (0, 0), (-1, -2), 4, hexc(c.background)),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7)])
    note = markup(ch.note) + " " if ch.note else ""
    caption = Paragraph(f"{note}Source: {markup(ch.citation)}.", st.caption)
    return [KeepTogether([head, Spacer(1, 3), tiles, Spacer(1, 3), caption])]


def _header(doc: Document, st: _Styles) -> list[Paragraph]:
    first = " · ".join(labelled(*x) for x in doc.meta[:2])
    rest = "".join(f"<br/>{labelled(*x)}" for x in doc.meta[2:])
    return [Paragraph(markup(doc.kicker, PDF.font_bold), st.kicker),
            Paragraph(markup(doc.title, PDF.font_bold), st.title),
            Paragraph(first + rest, st.meta)]


def _footer(doc: Document, st: _Styles, width: float) -> list[Paragraph]:
    """The small print; the sources line is shortened to at most a few lines."""
    out = []
    for n, line in enumerate(doc.footer):
        text = clean(line)
        if n == 0 and text.startswith("Sources: "):
            sources = text.removeprefix("Sources: ")
            limit = len(sources)
            while True:
                p = Paragraph(f"<b>Sources:</b> {escape(clip(sources, limit))}", st.footer)
                if (p.wrap(width, 1000)[1] <= st.footer.leading * PDF.max_footer_lines + 0.1
                        or limit < 20):
                    break
                limit = int(limit * 0.85)
            out.append(p)
        else:
            out.append(Paragraph(escape(text), st.footer))
    return out


def render(doc: Document, options: PdfOptions, save: bool = True) -> bytes | None:
    """The sheet on one page, or None when it needs more than one."""
    size = pagesize(options)
    c = colours(doc.branding)
    st = _styles(c)
    m, pad = PDF.sheet_margin, PDF.sheet_band_padding
    width = size[0] - 2 * m
    logo_w = PDF.logo_width if doc.logo else 0.0
    text_w = width - (logo_w + 14 if logo_w else 0)
    header = _header(doc, st)
    heights = [p.wrap(text_w, size[1])[1] for p in header]
    gaps = (3.0, 5.0, 0.0)
    band_h = max(sum(heights) + sum(gaps) + 2 * pad, PDF.logo_height + 2 * pad if logo_w else 0)
    page_w = 64.0
    footer = _footer(doc, st, width - page_w - 12)
    page_label = Paragraph("Page 1 of 1", st.page)
    foot_h = sum(p.wrap(width - page_w - 12, size[1])[1] for p in footer)
    frame_bottom = m + foot_h + 12
    frame_top = size[1] - band_h - 10

    def on_page(canv, _doc) -> None:
        canv.saveState()
        fill_page(canv, c.background, size)
        canv.setFillColor(hexc(c.band))
        canv.rect(0, size[1] - band_h, size[0], band_h, stroke=0, fill=1)
        canv.setFillColor(hexc(c.rule))
        canv.rect(0, size[1] - band_h - 3, size[0], 3, stroke=0, fill=1)
        y = size[1] - pad
        for p, h, gap in zip(header, heights, gaps, strict=True):
            p.wrap(text_w, size[1])
            p.drawOn(canv, m, y - h)
            y -= h + gap
        if doc.logo:
            draw_logo(canv, doc.logo, size[0] - m - logo_w, size[1] - pad - PDF.logo_height,
                      logo_w, PDF.logo_height)
        canv.restoreState()

    def on_page_end(canv, _doc) -> None:
        canv.saveState()
        canv.setStrokeColor(hexc(c.muted))
        canv.setLineWidth(0.5)
        canv.line(m, m + foot_h + 5, size[0] - m, m + foot_h + 5)
        y = m + foot_h
        for p in footer:
            _, h = p.wrap(width - page_w - 12, size[1])
            p.drawOn(canv, m, y - h)
            y -= h
        _, h = page_label.wrap(page_w, size[1])
        page_label.drawOn(canv, size[0] - m - page_w, m + foot_h - h)
        canv.restoreState()

    gutter = PDF.sheet_gutter
    left_w = round((width - gutter) * PDF.sheet_left_share, 1)
    right_w = width - gutter - left_w
    intro = _flowables(doc.intro, st, c, width)
    intro_h = (sum(f.wrap(width, size[1])[1] for f in intro) + st.heading.spaceAfter + 4
               if intro else 0.0)
    columns_top = frame_top - intro_h
    flow = _flowables(doc.body, st, c, min(left_w, right_w))
    frames = [Frame(x, bottom, w, top - bottom, id=name, leftPadding=0, rightPadding=0,
                    topPadding=0, bottomPadding=0)
              for name, x, w, top, bottom in (
                  ("intro", m, width, frame_top, columns_top),
                  ("left", m, left_w, columns_top, frame_bottom),
                  ("right", m + left_w + gutter, right_w, columns_top, frame_bottom))
              if name != "intro" or intro]
    buf = io.BytesIO()
    d = Doc(buf, date=doc.date, one_page=True, pagesize=size, leftMargin=m, rightMargin=m,
            topMargin=size[1] - frame_top, bottomMargin=frame_bottom,
            **metadata(doc.title, doc.author, doc.subject, doc.keywords))
    d._doSave = save
    d.addPageTemplates([PageTemplate("sheet", frames, onPage=on_page, onPageEnd=on_page_end)])
    story = [*intro, FrameBreak()] if intro else []
    try:
        d.build(story + flow)
    except Overflow:
        return None
    return buf.getvalue() if save else b""
