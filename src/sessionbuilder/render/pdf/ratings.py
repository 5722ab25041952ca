"""A rating distribution in the PDF: the diverging stacked bar as vector shapes, then its numbers
as a table. Coordinates follow the web page's chart, so both look alike."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from sessionbuilder.documents.model import Distribution
from sessionbuilder.render.colours import RATING_COLOURS, Colours
from sessionbuilder.render.pdf.base import clean, hexc, text_table
from sessionbuilder.render.style import PDF

WIDTH, ROW = 400.0, 40.0


def drawing(x: Distribution, c: Colours, scale: float = 1.0) -> Drawing:
    height = ROW * len(x.groups) + 50
    d = Drawing(WIDTH * scale, height * scale)

    def box(left: float, y: float, w: float, h: float, fill: str) -> None:
        d.add(Rect(left * scale, (height - y - h) * scale, w * scale, h * scale,
                   fillColor=hexc(fill), strokeColor=hexc("FFFFFF"), strokeWidth=0.75))

    def text(left: float, y: float, s: str, size: float, anchor: str = "start",
             bold: bool = False) -> None:
        d.add(String(left * scale, (height - y) * scale, clean(s), fontSize=size * scale,
                     fontName=PDF.font_bold if bold else PDF.font, fillColor=hexc(c.text),
                     textAnchor=anchor))

    for g, (name, _) in enumerate(x.groups):
        y = 10 + ROW * g
        text(70, y + 19, name, 14, "end", bold=True)
        for point, start, w in x.segments(g):
            box(240 + 160 * start, y, 160 * w, 28, RATING_COLOURS[point])
    base = ROW * len(x.groups) + 10
    d.add(Line(240 * scale, (height - 4) * scale, 240 * scale, (height - base + 6) * scale,
               strokeColor=hexc(c.text), strokeWidth=0.75))
    for i in range(len(x.scale)):
        box(80 + 64 * i, base + 8, 12, 12, RATING_COLOURS[i])
        text(96 + 64 * i, base + 18, str(i + 1), 12)
    text(80, base + 36, "1 = not at all confident, 5 = very confident", 12)
    return d


def flowables(x: Distribution, width: float, body: ParagraphStyle, head: ParagraphStyle,
              c: Colours) -> list[Flowable]:
    """The chart, then the table of its numbers, kept together on one page."""
    caption, grid = text_table(x.table(), min(width, 300), body, head, c)
    grid.hAlign = "LEFT"
    return [KeepTogether([Spacer(1, 4), drawing(x, c), Spacer(1, 4), caption, grid])]
