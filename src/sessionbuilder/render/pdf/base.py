"""The PDF writer's machinery: fonts and text cleaning, colours, the document template,
logos and bar charts. Shared by the flowing layout (handout) and the one-page layout (sheet).

Everything is drawn in the bundled DejaVu Sans (embedded, subset), so no standard-14 font is
used; text is cleaned first so a character the font cannot draw shows as "?" instead of
vanishing, and no control character reaches the file. Output is byte-identical for identical
inputs (reportlab's invariant mode; the only date is the document's).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import hashlib
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader, TimeStamp, simpleSplit
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Table, TableStyle
from reportlab.platypus import Paragraph as _Paragraph

from sessionbuilder.errors import InputError
from sessionbuilder.documents import model as docmodel  # FIXME
from sessionbuilder.text import rtl
from sessionbuilder.documents.model import ELLIPSIS, clip
from sessionbuilder.session.plan import Chart
from sessionbuilder.resources import asset
from sessionbuilder.render.colours import Colours
from sessionbuilder.render.pdf import fonts
from sessionbuilder.render.style import PDF

PAPERS = {"a4": A4, "letter": LETTER}
CREATOR = "sessionbuilder"
BULLETS = {"actions": "⇒", "questions": "?", "bullet": "•", "readings": "•", "contacts": "•"}


@dataclass(frozen=True)
class PdfOptions:
    paper: str = "a4"  # "a4" | "letter"


# ---------------------------------------------------------------------------------------------
# Fonts and text


@functools.cache
def _glyphs() -> dict[str, frozenset[int]]:
    """Register the bundled fonts (once per process); the code points each one can draw."""
    found = {}
    for name, file in ((PDF.font, PDF.font_file), (PDF.font_bold, PDF.font_bold_file),
                       (PDF.font_italic, PDF.font_italic_file)):
        if name not in pdfmetrics.getRegisteredFontNames():
            path = asset(file)
            if not path.is_file():
                raise InputError(f"the PDF font {path} is missing",
                                 hint="reinstall sessionbuilder; fonts ship in assets/fonts/")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        found[name] = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
    pdfmetrics.registerFontFamily(PDF.font, normal=PDF.font, bold=PDF.font_bold,
                                  italic=PDF.font_italic, boldItalic=PDF.font_bold)
    return found


_SPACES = dict.fromkeys(map(ord, "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"), " ")


def clean(text: str, font: str = PDF.font, fallback: bool = False) -> str:
    """`text` as `font` can show it: NFC, line breaks as spaces, and a visible "?" for anything
    the font has no glyph for (control characters included). Invisible format characters the
    font lacks (direction marks, tags, variation selectors) are dropped: they show nothing anyway.
    With `fallback`, a character an installed font can draw is kept (`_fonted` marks it up);
    one that no font draws is noted, so the user is warned.
    """
    glyphs = _glyphs()[font]
    out = []
    for ch in unicodedata.normalize("NFC", text.translate(_SPACES)):
        category = unicodedata.category(ch)
        if ord(ch) in glyphs and category not in ("Cc", "Cs"):
            out.append(ch)
        elif category == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:
            continue
        elif fallback and category not in ("Cc", "Cs", "Co", "Cn") and fonts.fallback(ch):
            out.append(ch)
        else:
            if fallback and category not in ("Cc", "Cs"):
                fonts.note_missing(ch)
            out.append("?")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _fonted(text: str, font: str) -> str:
    """Escaped Paragraph markup for cleaned `text`, right-to-left words in visual order, and
    runs that `font` cannot draw set in the installed font that can."""
    glyphs = _glyphs().get(font) or _glyphs()[PDF.font]
    out, run, run_font = [], [], None
    # With HarfBuzz, right-to-left words are put in display order line by line as they are drawn
    # (`Paragraph`); without it, here, for the paragraph as one line.
    for ch in (text if SHAPING else rtl.visual_order(text, shaped=False)) + "\0":
        if ch != "\0" and run_font and not ch.isalpha() and fonts.draws(run_font, ch):
            face = run_font  # spaces and punctuation stay with the script they follow
        else:
            face = None if ch == "\0" or ord(ch) in glyphs else fonts.fallback(ch)
        if face != run_font or ch == "\0":
            chunk = escape("".join(run))
            out.append(f'<font name="{run_font}">{chunk}</font>' if run_font and chunk else chunk)
            run, run_font = [], face
        run.append(ch)
    return "".join(out)


SHAPING = ttfonts.uharfbuzz is not None  # reportlab shapes with HarfBuzz when it is installed


class Paragraph(_Paragraph):
    """A Paragraph shaped by HarfBuzz only where its script needs it (Arabic letters joined,
    Hebrew and Arabic words laid right to left, Indic syllables formed), so Latin text keeps
    reportlab's plain, fast layout. Its lines are broken in the order the text is written; each
    line's right-to-left words are put in display order only as it is drawn, so a run that wraps
    reads on from one line to the next, and a paragraph split over pages is split in order."""

    def __init__(self, text: str, style: ParagraphStyle | None = None, *args, **kwargs) -> None:
        if SHAPING and style is not None and text and rtl.needs_shaping(text):
            style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        super().__init__(text, style, *args, **kwargs)

    def drawPara(self, debug: int = 0) -> None:
        lines = getattr(self.blPara, "lines", [])
        if not (SHAPING and self.blPara.kind == 1 and any(
                rtl.has_rtl(f.text) for line in lines for f in line.words if hasattr(f, "text"))):
            return super().drawPara(debug)
        logical = self.blPara
        self.blPara = logical.clone(lines=[line.clone(words=_display_frags(line.words))
                                           for line in lines])
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical


def _display_frags(frags: list) -> list:
    """One line's fragments with its right-to-left words in display order. A word may span
    fragments (a font change inside it); slices of shaped text keep their glyph positions."""
    words: list[list] = []  # each a list of (fragment, text) pieces
    spaces: list[list] = []  # the pieces between word i and word i + 1
    for f in frags:
        if not getattr(f, "text", ""):  # an image, anchor or other inline object: a word of its own
            words.append([(f, None)])
            spaces.append([])
            continue
        for m in re.finditer(r"\s+|\S+", f.text):
            piece = (f, f.text[m.start():m.end()])
            if m.group().isspace():
                if words:
                    spaces[-1].append(piece)
            elif words and not spaces[-1]:
                words[-1].append(piece)  # the same word, continued in another fragment
            else:
                words.append([piece])
                spaces.append([])
    order = rtl.display_order(["".join(t or "" for _, t in w) for w in words])
    pieces = []
    for slot, index in enumerate(order):
        pieces += words[index] + spaces[slot]
    out: list = []
    for f, text in pieces:  # neighbouring pieces of one fragment become one fragment again
        if text is None:
            out.append(f)
        elif out and getattr(out[-1], "_source", None) is f:
            out[-1].text = out[-1].text + text
        else:
            out.append(f.clone(text=text, _source=f))
    return out


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, font: str = PDF.font, limit: int | None = None) -> str:
    """Paragraph markup for plain `text`: cleaned for `font`, clipped, escaped."""
    return _fonted(clip(clean(text, font, fallback=True), limit), font)


def linked(text: str) -> str:
    """Paragraph markup for plain `text` with its web addresses as links."""
    out, last = [], 0
    text = clean(text, fallback=True)
    for m in docmodel.URL.finditer(text):
        out += [_fonted(text[last:m.start()], PDF.font),
                f'<a href="{escape(m[0])}" underline="1">{escape(m[0])}</a>']
        last = m.end()
    return "".join(out) + _fonted(text[last:], PDF.font)


def labelled(label: str | None, text: str) -> str:
    """A bold lead-in (when there is one), then the text."""
    lead = f"<b>{markup(docmodel.lead_in(label), PDF.font_bold)}</b> " if label else ""
    return lead + linked(text)


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """One line of `text` no wider than `width`, ellipsis-clipped."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    text = text[:300]
    while text and pdfmetrics.stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


# ---------------------------------------------------------------------------------------------
# Colours


def hexc(colour: str) -> HexColor:
    return HexColor(f"#{colour}")


# ---------------------------------------------------------------------------------------------
# Document machinery


class Overflow(Exception):
    """The one-page sheet needed a second page."""


_MONTHS = {m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december"), 1)}


def _timestamp(date: str) -> TimeStamp:
    """Midnight UTC of `date` ("23 November 2026"), else reportlab's invariant 1 January 2000."""
    m = re.fullmatch(r"\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*", date)
    try:
        day = datetime.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])) if m else None
    except (KeyError, ValueError):
        day = None
    t = calendar.timegm((day or datetime.date(2000, 1, 1)).timetuple())
    ts = TimeStamp.__new__(TimeStamp)
    ts.t, ts.lt = t, time.gmtime(t)
    ts.YMDhms, ts.dhh, ts.dmm, ts.tzname = tuple(ts.lt)[:6], 0, 0, "UTC"
    return ts


class Doc(BaseDocTemplate):
    """A doc template that can refuse a second page, and whose creation date is the options'
    date: never the clock, nor SOURCE_DATE_EPOCH, which reportlab would otherwise read."""

    def __init__(self, target, *, date: str = "", one_page: bool = False, **kw) -> None:
        self.one_page = one_page
        self.total_pages = 0
        self.date = date
        super().__init__(target, **kw)

    def _startBuild(self, filename=None, canvasmaker=Canvas) -> None:
        super()._startBuild(filename, canvasmaker)
        doc = self.canv._doc
        doc._timeStamp = _timestamp(self.date)
        doc.signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
        doc.signature.update(ascii(doc._timeStamp.t).encode())

    def handle_pageBegin(self) -> None:
        if self.one_page and self.page >= 1:
            raise Overflow
        super().handle_pageBegin()


class Marked(Paragraph):
    """A heading paragraph that adds bookmarks and outline entries where it is drawn.
    (Extra arguments pass through, as reportlab re-creates paragraphs it splits.)"""

    def __init__(self, text, style, *args, outline: Sequence[tuple[str, str, int, bool]] = (),
                 **kw) -> None:
        super().__init__(text, style, *args, **kw)
        self.outline = tuple(outline)  # (title, key, level, closed)

    def draw(self) -> None:
        for title, key, level, closed in self.outline:
            self.canv.bookmarkHorizontal(key, 0, self.height + 4)
            self.canv.addOutlineEntry(title, key, level, closed=closed)
        super().draw()


class Barred(Paragraph):
    """A paragraph with a coloured bar at its left edge (sheet headings, quotations); its style's
    left indent leaves room for the bar."""

    def __init__(self, text, style, *args, bar: str | None = None, **kw) -> None:
        super().__init__(text, style, *args, **kw)
        self.bar = bar

    def draw(self) -> None:
        if self.bar:
            self.canv.saveState()
            self.canv.setFillColor(hexc(self.bar))
            self.canv.rect(0, 1, PDF.rule_width, self.height - 2, stroke=0, fill=1)
            self.canv.restoreState()
        super().draw()


def metadata(title: str, author: str, subject: str, keywords: Sequence[str]) -> dict:
    return dict(title=clean(title), author=clean(author), subject=clean(subject),
                keywords=[clean(k) for k in keywords], creator=CREATOR, lang=PDF.lang,
                invariant=1, displayDocTitle=1, initialFontName=PDF.font,
                initialFontSize=PDF.min_size)


def pagesize(options: PdfOptions) -> tuple[float, float]:
    try:
        return PAPERS[options.paper.lower()]
    except KeyError:
        raise InputError(f"unknown paper size '{options.paper}'", hint="use a4 or letter") from None


def style(name: str, size: float, colour: str, font: str = PDF.font, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=kw.pop("leading", None)
                          or round(size * PDF.leading, 1), textColor=hexc(colour),
                          bulletFontName=kw.pop("bulletFontName", PDF.font),
                          bulletFontSize=kw.pop("bulletFontSize", size), **kw)


def table(rows: list, widths: Sequence[float], commands: list,
          heights: Sequence[float | None] | None = None) -> Table:
    """A table whose own (unused) cell font is ours too, so no standard font is referenced."""
    t = Table(rows, colWidths=list(widths), rowHeights=heights)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), PDF.font, PDF.min_size), *commands]))
    return t


def fill_page(canv, colour: str, size: tuple[float, float]) -> None:
    if colour != "FFFFFF":
        canv.setFillColor(hexc(colour))
        canv.rect(0, 0, size[0], size[1], stroke=0, fill=1)


@functools.lru_cache(maxsize=8)
def _logo_image(path: str, stamp: tuple[int, int]) -> ImageReader:  # noqa: ARG001 - cache key
    try:
        image = ImageReader(path)
        image.getSize()
    except Exception as e:  # noqa: BLE001 - any unreadable image is the user's input problem
        raise InputError(f"logo '{Path(path).name}' could not be read ({e})", file=path) from None
    return image


def draw_logo(canv, logo: Path, x: float, y: float, width: float, height: float) -> None:
    """The logo scaled into the box (x, y, width, height), right-aligned on a white panel."""
    stat = logo.stat()
    image = _logo_image(str(logo), (stat.st_mtime_ns, stat.st_size))
    iw, ih = image.getSize()
    pad = 4
    scale = min((width - 2 * pad) / iw, (height - 2 * pad) / ih)
    w, h = iw * scale, ih * scale
    canv.saveState()
    canv.setFillColor(hexc("FFFFFF"))
    canv.roundRect(x + width - w - 2 * pad, y + (height - h) / 2 - pad, w + 2 * pad, h + 2 * pad,
                   3, stroke=0, fill=1)
    canv.drawImage(image, x + width - w - pad, y + (height - h) / 2, w, h, mask="auto")
    canv.restoreState()


class Logo(Flowable):
    def __init__(self, logo: Path, width: float, height: float) -> None:
        super().__init__()
        self.logo, self.width, self.height = logo, width, height

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_logo(self.canv, self.logo, 0, 0, self.width, self.height)


WRITE_IN = 62  # points: a form's answer rows, room for two or three handwritten lines


def text_table(t: docmodel.Table, width: float, body: ParagraphStyle, head: ParagraphStyle,
               c: Colours) -> list[Flowable]:
    """A table of text: its caption, then the table, its header row repeated on every page."""
    rows = [[Paragraph(markup(x, PDF.font_bold), head) for x in t.header]]
    rows += [[Paragraph(markup(x), body) for x in row] for row in t.rows]
    grid = table(rows, [width * share for share in t.shares()], [
        ("BACKGROUND", (0, 0), (-1, 0), hexc(c.panel)),
        ("GRID", (0, 0), (-1, -1), 0.5, hexc(c.muted)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)],
        [None] + [WRITE_IN] * len(t.rows) if t.write_in else None)
    grid.repeatRows = 1
    caption = ParagraphStyle(f"{head.name}-caption", parent=head, keepWithNext=0)
    return [Paragraph(markup(t.caption, PDF.font_bold), caption), grid]


_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(data: bytes) -> int:
    """Pages in a PDF this module wrote (page dictionaries are never compressed by reportlab)."""
    return len(_PAGE_RE.findall(data))


# ---------------------------------------------------------------------------------------------
# Charts


def bar_charts(ch: Chart, width: float, c: Colours, rows_per_drawing: int = 18) -> list[Drawing]:
    """A horizontal bar chart with its labels and values as real text, in reading order; a long
    one comes as several drawings, so that none is taller than a page."""
    size, bar_h, gap = PDF.caption_size, PDF.chart_bar_height, 6.0
    font, bold = PDF.font, PDF.font_bold
    labels = [clean(x) for x in ch.categories]
    values = [clean(x, bold) for x in ch.labels]
    label_w = PDF.chart_label_width  # the same for every chart, so they line up
    value_w = max((pdfmetrics.stringWidth(x, bold, size) for x in values), default=0) + 8
    bar_w = max(width - label_w - value_w, 40)
    top = max(ch.values, default=1.0)
    if ch.unit == "percent":
        top = max(top, 100.0)
    top = top if top > 0 else 1.0
    items = []
    for label, value, shown in zip(labels, ch.values, values, strict=False):
        lines = simpleSplit(label, font, size, label_w - 10) or [""]
        if len(lines) > 2:
            lines = [lines[0], fit_width(lines[1] + " " + ELLIPSIS, font, size, label_w - 10)]
        items.append((lines, value, shown))
    drawings = []
    for start in range(0, len(items), rows_per_drawing):
        chunk = items[start:start + rows_per_drawing]
        heights = [max(bar_h, len(lines) * size * 1.2) + gap for lines, _, _ in chunk]
        total = sum(heights)
        d = Drawing(width, total, initialFontName=font, initialFontSize=size)
        y = total
        for (lines, value, shown), h in zip(chunk, heights, strict=True):
            y -= h
            mid = y + h / 2
            first = mid + (len(lines) - 1) * size * 0.6 - size * 0.35
            for i, line in enumerate(lines):
                d.add(String(label_w - 10, first - i * size * 1.2, line, fontName=font,
                             fontSize=size, fillColor=hexc(c.text), textAnchor="end"))
            w = max(bar_w * max(value, 0) / top, 1.5)
            d.add(Rect(label_w, mid - bar_h / 2, w, bar_h, fillColor=hexc(c.heading),
                       strokeColor=None, strokeWidth=0))
            d.add(String(label_w + w + 5, mid - size * 0.35, shown, fontName=bold,
                         fontSize=size, fillColor=hexc(c.text)))
        d.add(Line(label_w, 0, label_w, total, strokeColor=hexc(c.muted), strokeWidth=0.75))
        drawings.append(d)
    return drawings


class Rule(Flowable):
    """A horizontal rule across the frame."""

    def __init__(self, width: float, colour: str, thickness: float = 1.5) -> None:
        super().__init__()
        self.width, self.colour, self.thickness = width, colour, thickness

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.width, self.thickness + 6

    def draw(self) -> None:
        self.canv.setStrokeColor(hexc(self.colour))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 3, self.width, 3)


