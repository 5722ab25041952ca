"""A rating distribution as a PNG picture (Pillow), for the Word report, which cannot hold the
web page's SVG. The same geometry as the web and PDF charts, drawn at twice the size for sharp
printing; the writer gives it alt text. Pillow writes no date, so the bytes are deterministic."""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont

from sessionbuilder.documents.model import Distribution
from sessionbuilder.render.colours import RATING_COLOURS
from sessionbuilder.render.style import PDF
from sessionbuilder.resources import asset

SCALE = 3
WIDTH, ROW = 400, 40


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(asset(PDF.font_bold_file if bold else PDF.font_file)), size)


def png(x: Distribution, text_colour: str = "1A1A1A") -> bytes:
    """The chart, `WIDTH` units wide; one unit is `SCALE` pixels."""
    height = ROW * len(x.groups) + 50
    image = Image.new("RGB", (WIDTH * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    ink = f"#{text_colour}"

    def box(left: float, top: float, w: float, h: float, fill: str) -> None:
        draw.rectangle([round(left * SCALE), round(top * SCALE),
                        round((left + w) * SCALE) - 1, round((top + h) * SCALE) - 1],
                       fill=f"#{fill}", outline="white", width=SCALE // 2 or 1)

    for g, (name, _) in enumerate(x.groups):
        y = 10 + ROW * g
        draw.text((70 * SCALE, (y + 14) * SCALE), name, fill=ink, anchor="rm",
                  font=_font(True, 14 * SCALE))
        for point, start, w in x.segments(g):
            box(240 + 160 * start, y, 160 * w, 28, RATING_COLOURS[point])
    base = ROW * len(x.groups) + 10
    draw.line([(240 * SCALE, 4 * SCALE), (240 * SCALE, (base - 6) * SCALE)], fill=ink,
              width=SCALE)
    for i in range(len(x.scale)):
        box(80 + 64 * i, base + 8, 12, 12, RATING_COLOURS[i])
        draw.text(((96 + 64 * i) * SCALE, (base + 18) * SCALE), str(i + 1), fill=ink,
                  anchor="ls", font=_font(False, 12 * SCALE))
    draw.text((80 * SCALE, (base + 36) * SCALE), "1 = not at all confident, 5 = very confident",
              fill=ink, anchor="ls", font=_font(False, 12 * SCALE))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()
