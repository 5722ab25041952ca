"""A document over as many pages as it needs (the handout): a title block, then its blocks, with a
running header, "Page N of M" footers and an outline (bookmarks) from its headings."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate,
                                PageBreak, Spacer)

from sessionbuilder.documents.model import (Distribution, Document, Figure, Heading, Items, Para,
                                            Quote, Table, clip)
from sessionbuilder.render.colours import Colours, colours
from sessionbuilder.render.pdf.base import (BULLETS, Barred, Doc, Logo, Marked,
                                            Paragraph, PdfOptions, Rule, bar_charts, clean,
                                            fill_page, fit_width, hexc, labelled, linked, markup,
                                            metadata, pagesize, style, table, text_table)
from sessionbuilder.render.pdf import ratings
from sessionbuilder.render.style import PDF


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    band: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    lead: ParagraphStyle
    label: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    numbered: ParagraphStyle
    reference: ParagraphStyle


def _styles(c: Colours) -> _Styles:
    size = PDF.body_size
    return _Styles(
        body=style("body", size, c.text, spaceAfter=4),
        title=style("title", PDF.title_size, c.on_band, PDF.font_bold, spaceAfter=6,
                    leading=PDF.title_size * 1.15),
        subtitle=style("subtitle", PDF.subtitle_size, c.on_band, spaceAfter=10),
        band=style("band", size, c.on_band, spaceAfter=1),
        h1=style("h1", PDF.h1_size, c.heading, PDF.font_bold, spaceBefore=14, spaceAfter=4,
                 keepWithNext=1),
        h2=style("h2", PDF.h2_size + 2, c.heading, PDF.font_bold, spaceBefore=12, spaceAfter=3,
                 keepWithNext=1),
        h3=style("h3", PDF.h2_size, c.heading, PDF.font_bold, spaceBefore=10, spaceAfter=3,
                 keepWithNext=1),
        lead=style("lead", size, c.muted, PDF.font_italic, spaceAfter=6, keepWithNext=1),
        label=style("label", PDF.label_size, c.text, PDF.font_bold, spaceBefore=4,
                    spaceAfter=1, keepWithNext=1),
        bullet=style("bullet", size, c.text, leftIndent=18, bulletIndent=3, spaceAfter=2,
                     bulletColor=hexc(c.heading)),
        quote=style("quote", size, c.text, PDF.font_italic, leftIndent=PDF.rule_width + 11,
                    rightIndent=14, spaceBefore=5, spaceAfter=5),
        caption=style("caption", PDF.caption_size, c.muted, spaceBefore=2, spaceAfter=8),
        numbered=style("numbered", size, c.text, leftIndent=20, bulletIndent=0, spaceAfter=5,
                       bulletFontName=PDF.font_bold, bulletColor=hexc(c.heading)),
        reference=style("reference", size, c.text, leftIndent=16, firstLineIndent=-16,
                        spaceAfter=6),
    )


def _title_block(doc: Document, st: _Styles, c: Colours, width: float) -> Flowable:
    cells: list[Flowable] = [Paragraph(markup(doc.title, PDF.font_bold), st.title)]
    if doc.subtitle:
        cells.append(Paragraph(markup(doc.subtitle), st.subtitle))
    else:
        cells.append(Spacer(1, 6))
    for label, value in doc.meta:
        cells.append(Paragraph(labelled(label, clip(value, 300)), st.band))
    row: list = [cells]
    widths = [width]
    if doc.logo:
        row.append(Logo(doc.logo, PDF.logo_width, PDF.logo_height))
        widths = [width - PDF.logo_width - 18, PDF.logo_width + 18]
    return table([row], widths, [("BACKGROUND", (0, 0), (-1, -1), hexc(c.band)),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (0, -1), 18),
                                 ("LEFTPADDING", (1, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 18),
                                 ("TOPPADDING", (0, 0), (-1, -1), 16),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 16)])


class _Outline:
    """Unique bookmark keys, in story order."""

    def __init__(self) -> None:
        self.n = 0

    def entry(self, title: str, level: int, closed: bool = False) -> tuple[str, str, int, bool]:
        self.n += 1
        return (clip(clean(title), 90), f"o{self.n}", level, closed)


def _story(doc: Document, st: _Styles, c: Colours, width: float) -> list[Flowable]:
    """The blocks as flowables. A heading never ends a page; a point's title and summary stay
    together; a source line never starts a page on its own."""
    outline = _Outline()
    story: list[Flowable] = [_title_block(doc, st, c, width)]
    heads = {1: st.h1, 2: st.h2, 3: st.h3}
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Heading):
            level = min(block.level, 3)
            if block.new_page:
                story.append(PageBreak())
            elif level == 1 and i:
                story.append(CondPageBreak(120))
            entry = outline.entry(block.text, level - 1, closed=level == 2)
            story.append(Marked(markup(block.text, PDF.font_bold), heads[level], outline=[entry]))
            if level == 2 and not (isinstance(nxt, Para) and nxt.style == "lead"):
                story.append(Rule(width, c.rule))
        elif isinstance(block, Para):
            st_ = {"lead": st.lead, "label": st.label, "caption": st.caption}.get(block.style,
                                                                                  st.body)
            font = PDF.font_italic if block.style == "lead" else PDF.font
            story.append(Paragraph(linked(block.text) if font == PDF.font
                                   else markup(block.text, font), st_))
            if block.style == "lead":
                story.append(Rule(width, c.rule))
        elif isinstance(block, Items):
            story += _items(block, st)
        elif isinstance(block, Quote):
            story.append(Barred(markup(block.text, PDF.font_italic), st.quote, bar=c.rule))
        elif isinstance(block, Figure):
            story += _figure(block, c, width)
        elif isinstance(block, Table):
            story += [CondPageBreak(90), *text_table(block, width, st.body, st.label, c)]
        elif isinstance(block, Distribution):
            story += ratings.flowables(block, width, st.body, st.label, c)
    return _keep_sources(story, st)


def _keep_sources(story: list[Flowable], st: _Styles) -> list[Flowable]:
    """Join each source line to the flowable before it, so it never starts a page alone."""
    out: list[Flowable] = []
    for f in story:
        if isinstance(f, Paragraph) and f.style is st.caption and out:
            out.append(KeepTogether([out.pop(), f]))
        else:
            out.append(f)
    return out


def _items(block: Items, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for n, item in enumerate(block.items, 1):
        text = labelled(item.title, item.text)
        if block.kind == "references":
            out.append(Paragraph(text, st.reference))
        elif block.ordered:
            out.append(Paragraph(text, st.numbered, bulletText=f"{n}."))
        else:
            out.append(Paragraph(text, st.bullet, bulletText=BULLETS.get(block.kind, "•")))
    return out


def _figure(block: Figure, c: Colours, width: float) -> list[Flowable]:
    """A bar chart; one taller than a page runs on, a drawing at a time."""
    drawings = bar_charts(block.chart, min(width, PDF.chart_width), c)
    if len(drawings) == 1:
        return [KeepTogether([Spacer(1, 4), drawings[0], Spacer(1, 4)])]
    return [*drawings[:-1], KeepTogether([drawings[-1], Spacer(1, 4)])]


def render(doc: Document, options: PdfOptions) -> bytes:
    size = pagesize(options)
    c = colours(doc.branding)
    st = _styles(c)
    m = PDF.margin
    width = size[0] - 2 * m
    title = clean(doc.title)
    partnership = clean(doc.author)
    footer = clean(" · ".join(doc.footer))
    size_run = PDF.running_size

    def header(canv, _doc) -> None:
        canv.showOutline()
        canv.saveState()
        fill_page(canv, c.background, size)
        y = size[1] - m + 16
        right = fit_width(partnership, PDF.font, size_run, width * 0.45)
        left_w = width - pdfmetrics.stringWidth(right, PDF.font, size_run) - 24
        canv.setFillColor(hexc(c.muted))
        canv.setFont(PDF.font_bold, size_run)  # left then right: the reading order
        canv.drawString(m, y, fit_width(title, PDF.font_bold, size_run, left_w))
        canv.setFont(PDF.font, size_run)
        canv.drawRightString(size[0] - m, y, right)
        canv.setStrokeColor(hexc(c.rule))
        canv.setLineWidth(0.75)
        canv.line(m, y - 6, size[0] - m, y - 6)
        canv.restoreState()

    def footer_(canv, d) -> None:
        canv.saveState()
        y = m - 26
        canv.setStrokeColor(hexc(c.muted))
        canv.setLineWidth(0.5)
        canv.line(m, y + 14, size[0] - m, y + 14)
        canv.setFont(PDF.font, size_run)
        canv.setFillColor(hexc(c.muted))
        label = f"Page {d.page} of {d.total_pages or d.page}"
        if footer:
            room = width - pdfmetrics.stringWidth(label, PDF.font, size_run) - 24
            canv.drawString(m, y, fit_width(footer, PDF.font, size_run, room))
        canv.drawRightString(size[0] - m, y, label)
        canv.restoreState()

    total = 0
    for final in (False, True):  # the first pass only counts pages, for "Page N of M"
        buf = io.BytesIO()
        d = Doc(buf, date=doc.date, pagesize=size, leftMargin=m, rightMargin=m,
                topMargin=m + 4, bottomMargin=m,
                **metadata(doc.title, doc.author, doc.subject, doc.keywords))
        d.total_pages = total
        d._doSave = final
        frame = Frame(m, m, width, size[1] - 2 * m - 4, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        d.addPageTemplates([PageTemplate("page", [frame], onPage=header, onPageEnd=footer_)])
        d.build(_story(doc, st, c, width))
        total = d.page
    return buf.getvalue()
