"""The PDF renderer (reportlab): the participants' handout and the one-page learning sheet.

This is the only module that imports reportlab. It lays out what `plan` decided; the one choice
made here is the sheet's: how many of the plan's points, taken in order, fit on exactly one page.

Everything is drawn in the bundled DejaVu Sans (embedded, subset), so no standard-14 font is
used; text is cleaned first so a character the font cannot draw shows as "?" instead of
vanishing, and no control character reaches the file. Output is byte-identical for identical
inputs (reportlab's invariant mode; the only date is the one passed in the options).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import hashlib
import io
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader, TimeStamp, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, FrameBreak,
                                KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle)

from sessionbuilder.errors import InputError
from sessionbuilder.models import Branding
from sessionbuilder.plan import Chart, PointView, SessionPlan, SheetPlan
from sessionbuilder.resources import asset
from sessionbuilder.theme import MIN_CONTRAST, PDF, contrast, palette, readable_on

PAPERS = {"a4": A4, "letter": LETTER}
CREATOR = "sessionbuilder"
ELLIPSIS = "…"
WHAT_TO_DO_BULLET = "⇒"


@dataclass(frozen=True)
class PdfOptions:
    paper: str = "a4"  # "a4" | "letter"
    date: str = ""     # already formatted, e.g. "23 November 2026"


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


def clean(text: str, font: str = PDF.font) -> str:
    """`text` as `font` can show it: NFC, line breaks as spaces, and a visible "?" for anything
    the font has no glyph for (control characters included). Invisible format characters the
    font lacks (direction marks, tags, variation selectors) are dropped: they show nothing anyway.
    """
    glyphs = _glyphs()[font]
    out = []
    for ch in unicodedata.normalize("NFC", text.translate(_SPACES)):
        category = unicodedata.category(ch)
        if ord(ch) in glyphs and category not in ("Cc", "Cs"):
            out.append(ch)
        elif category == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:
            continue
        else:
            out.append("?")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def clip(text: str, limit: int | None) -> str:
    """At most `limit` characters, cut at a word where possible and marked with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, font: str = PDF.font, limit: int | None = None) -> str:
    """Paragraph markup for plain `text`: cleaned for `font`, clipped, escaped."""
    return escape(clip(clean(text, font), limit))


def _fit_width(text: str, font: str, size: float, width: float) -> str:
    """One line of `text` no wider than `width`, ellipsis-clipped."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    text = text[:300]
    while text and pdfmetrics.stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


# ---------------------------------------------------------------------------------------------
# Colours


@dataclass(frozen=True)
class Colours:
    """Every colour the PDFs use (RRGGBB), derived from the branding's adjusted palette."""

    text: str
    heading: str
    muted: str
    background: str
    band: str      # header band and title block fill
    on_band: str   # text on the band
    panel: str     # light fill behind key figures
    rule: str      # decorative rules and bars (non-text, >= 3:1)

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, text colour, background colour) for every kind of text drawn."""
        return [("body", self.text, self.background), ("headings", self.heading, self.background),
                ("captions", self.muted, self.background), ("band", self.on_band, self.band),
                ("figures", self.heading, self.panel), ("figure labels", self.text, self.panel),
                ("figure captions", self.muted, self.panel)]


def _mix(a: str, b: str, share: float) -> str:
    """`share` of colour `b` over colour `a`."""
    return "".join(f"{round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share):02X}"
                   for i in (0, 2, 4))


def colours(branding: Branding) -> Colours:
    pal = palette(branding)
    band = pal.primary
    on_band = readable_on(band)
    if contrast(on_band, band) < MIN_CONTRAST:
        band = pal.text
        on_band = readable_on(band)
    panel = _mix(pal.background, pal.primary, PDF.panel_tint)
    if min(contrast(x, panel) for x in (pal.text, pal.primary, pal.muted)) < MIN_CONTRAST:
        panel = pal.background
    return Colours(pal.text, pal.primary, pal.muted, pal.background, band, on_band, panel,
                   pal.accent)


def _hex(colour: str) -> HexColor:
    return HexColor(f"#{colour}")


# ---------------------------------------------------------------------------------------------
# Document machinery


class _Overflow(Exception):
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


class _Doc(BaseDocTemplate):
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
            raise _Overflow
        super().handle_pageBegin()


class _Marked(Paragraph):
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


class _Barred(Paragraph):
    """A paragraph with a coloured bar at its left edge (sheet headings, quotations); its style's
    left indent leaves room for the bar."""

    def __init__(self, text, style, *args, bar: str | None = None, **kw) -> None:
        super().__init__(text, style, *args, **kw)
        self.bar = bar

    def draw(self) -> None:
        if self.bar:
            self.canv.saveState()
            self.canv.setFillColor(_hex(self.bar))
            self.canv.rect(0, 1, PDF.rule_width, self.height - 2, stroke=0, fill=1)
            self.canv.restoreState()
        super().draw()


def _metadata(title: str, author: str, subject: str, keywords: Sequence[str]) -> dict:
    return dict(title=clean(title), author=clean(author), subject=clean(subject),
                keywords=[clean(k) for k in keywords], creator=CREATOR, lang=PDF.lang,
                invariant=1, displayDocTitle=1, initialFontName=PDF.font,
                initialFontSize=PDF.min_size)


def _pagesize(options: PdfOptions) -> tuple[float, float]:
    try:
        return PAPERS[options.paper.lower()]
    except KeyError:
        raise InputError(f"unknown paper size '{options.paper}'", hint="use a4 or letter") from None


def _style(name: str, size: float, colour: str, font: str = PDF.font, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=kw.pop("leading", None)
                          or round(size * PDF.leading, 1), textColor=_hex(colour),
                          bulletFontName=kw.pop("bulletFontName", PDF.font),
                          bulletFontSize=kw.pop("bulletFontSize", size), **kw)


def _table(rows: list, widths: Sequence[float], commands: list) -> Table:
    """A table whose own (unused) cell font is ours too, so no standard font is referenced."""
    t = Table(rows, colWidths=list(widths))
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), PDF.font, PDF.min_size), *commands]))
    return t


def _fill_page(canv, colour: str, size: tuple[float, float]) -> None:
    if colour != "FFFFFF":
        canv.setFillColor(_hex(colour))
        canv.rect(0, 0, size[0], size[1], stroke=0, fill=1)


@functools.lru_cache(maxsize=8)
def _logo_image(path: str, stamp: tuple[int, int]) -> ImageReader:  # noqa: ARG001 - cache key
    try:
        image = ImageReader(path)
        image.getSize()
    except Exception as e:  # noqa: BLE001 - any unreadable image is the user's input problem
        raise InputError(f"logo '{Path(path).name}' could not be read ({e})", file=path) from None
    return image


def _draw_logo(canv, logo: Path, x: float, y: float, width: float, height: float) -> None:
    """The logo scaled into the box (x, y, width, height), right-aligned on a white panel."""
    stat = logo.stat()
    image = _logo_image(str(logo), (stat.st_mtime_ns, stat.st_size))
    iw, ih = image.getSize()
    pad = 4
    scale = min((width - 2 * pad) / iw, (height - 2 * pad) / ih)
    w, h = iw * scale, ih * scale
    canv.saveState()
    canv.setFillColor(_hex("FFFFFF"))
    canv.roundRect(x + width - w - 2 * pad, y + (height - h) / 2 - pad, w + 2 * pad, h + 2 * pad,
                   3, stroke=0, fill=1)
    canv.drawImage(image, x + width - w - pad, y + (height - h) / 2, w, h, mask="auto")
    canv.restoreState()


class _Logo(Flowable):
    def __init__(self, logo: Path, width: float, height: float) -> None:
        super().__init__()
        self.logo, self.width, self.height = logo, width, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        _draw_logo(self.canv, self.logo, 0, 0, self.width, self.height)


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
            lines = [lines[0], _fit_width(lines[1] + " " + ELLIPSIS, font, size, label_w - 10)]
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
                             fontSize=size, fillColor=_hex(c.text), textAnchor="end"))
            w = max(bar_w * max(value, 0) / top, 1.5)
            d.add(Rect(label_w, mid - bar_h / 2, w, bar_h, fillColor=_hex(c.heading),
                       strokeColor=None, strokeWidth=0))
            d.add(String(label_w + w + 5, mid - size * 0.35, shown, fontName=bold,
                         fontSize=size, fillColor=_hex(c.text)))
        d.add(Line(label_w, 0, label_w, total, strokeColor=_hex(c.muted), strokeWidth=0.75))
        drawings.append(d)
    return drawings


class _Rule(Flowable):
    """A horizontal rule across the frame."""

    def __init__(self, width: float, colour: str, thickness: float = 1.5) -> None:
        super().__init__()
        self.width, self.colour, self.thickness = width, colour, thickness

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.thickness + 6

    def draw(self) -> None:
        self.canv.setStrokeColor(_hex(self.colour))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 3, self.width, 3)


# ---------------------------------------------------------------------------------------------
# Handout


@dataclass(frozen=True)
class _HandoutStyles:
    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    band: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    lead: ParagraphStyle
    label: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    numbered: ParagraphStyle
    reference: ParagraphStyle


def _handout_styles(c: Colours) -> _HandoutStyles:
    size = PDF.body_size
    return _HandoutStyles(
        body=_style("body", size, c.text, spaceAfter=4),
        title=_style("title", PDF.title_size, c.on_band, PDF.font_bold, spaceAfter=6,
                     leading=PDF.title_size * 1.15),
        subtitle=_style("subtitle", PDF.subtitle_size, c.on_band, spaceAfter=10),
        band=_style("band", size, c.on_band, spaceAfter=1),
        h1=_style("h1", PDF.h1_size, c.heading, PDF.font_bold, spaceBefore=14, spaceAfter=4,
                  keepWithNext=1),
        h2=_style("h2", PDF.h2_size, c.heading, PDF.font_bold, spaceBefore=10, spaceAfter=3,
                  keepWithNext=1),
        lead=_style("lead", size, c.muted, PDF.font_italic, spaceAfter=6, keepWithNext=1),
        label=_style("label", PDF.label_size, c.text, PDF.font_bold, spaceBefore=4,
                     spaceAfter=1, keepWithNext=1),
        bullet=_style("bullet", size, c.text, leftIndent=18, bulletIndent=3, spaceAfter=2,
                      bulletColor=_hex(c.heading)),
        quote=_style("quote", size, c.text, PDF.font_italic, leftIndent=PDF.rule_width + 11,
                     rightIndent=14, spaceBefore=5, spaceAfter=5),
        caption=_style("caption", PDF.caption_size, c.muted, spaceBefore=2, spaceAfter=2),
        numbered=_style("numbered", size, c.text, leftIndent=20, bulletIndent=0, spaceAfter=5,
                        bulletFontName=PDF.font_bold, bulletColor=_hex(c.heading)),
        reference=_style("reference", size, c.text, leftIndent=16, firstLineIndent=-16,
                         spaceAfter=6),
    )


class _Outline:
    """Unique bookmark keys, in story order."""

    def __init__(self) -> None:
        self.n = 0

    def entry(self, title: str, level: int, closed: bool = False) -> tuple[str, str, int, bool]:
        self.n += 1
        return (clip(clean(title), 90), f"o{self.n}", level, closed)


def _quote_block(text: str, st: _HandoutStyles, c: Colours) -> Flowable:
    return _Barred(markup(text, PDF.font_italic), st.quote, bar=c.rule)


def _point_block(pv: PointView, st: _HandoutStyles, c: Colours, width: float,
                 outline: _Outline, head: Sequence[Flowable] = ()) -> list[Flowable]:
    """A point's flowables. Its title and summary stay together (with `head`, the theme
    heading, when given); the rest may run on to the next page, labels kept with what follows."""
    lead: list[Flowable] = [
        *head, _Marked(markup(pv.title, PDF.font_bold), st.h2,
                outline=[outline.entry(pv.title, 2)]),
        Paragraph(markup(pv.summary), st.body)]
    rest: list[Flowable] = []
    if pv.implications:
        rest.append(Paragraph("What to do", st.label))
        rest += [Paragraph(markup(i), st.bullet, bulletText=WHAT_TO_DO_BULLET)
                 for i in pv.implications]
    if pv.questions:
        rest.append(Paragraph("Questions to reflect on", st.label))
        rest += [Paragraph(markup(q), st.bullet, bulletText="?") for q in pv.questions]
    if pv.quote:
        rest.append(_quote_block(pv.quote, st, c))
    tail = [Paragraph(f"Source: {markup(pv.citation)}", st.caption), Spacer(1, 8)]
    if rest:  # the source line never starts a page on its own
        tail.insert(0, rest.pop())
    return [KeepTogether(lead), *rest, KeepTogether(tail)]


def _title_block(plan: SessionPlan, options: PdfOptions, st: _HandoutStyles, c: Colours,
                 width: float) -> Table:
    cells: list[Flowable] = [Paragraph(markup(plan.title, PDF.font_bold, PDF.max_title_chars),
                                       st.title)]
    if plan.subtitle:
        cells.append(Paragraph(markup(plan.subtitle, limit=PDF.max_title_chars), st.subtitle))
    else:
        cells.append(Spacer(1, 6))
    meta = [("For", plan.audience), ("Session", f"about {plan.minutes} minutes"),
            ("From", plan.branding.partnership), ("Date", options.date)]
    for label, value in meta:
        if value:
            cells.append(Paragraph(f"<b>{label}:</b> {markup(value, limit=300)}", st.band))
    row: list = [cells]
    widths = [width]
    if plan.logo:
        row.append(_Logo(plan.logo, PDF.logo_width, PDF.logo_height))
        widths = [width - PDF.logo_width - 18, PDF.logo_width + 18]
    return _table([row], widths, [("BACKGROUND", (0, 0), (-1, -1), _hex(c.band)),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (0, -1), 18),
                                  ("LEFTPADDING", (1, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 18),
                                  ("TOPPADDING", (0, 0), (-1, -1), 16),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 16)])


def _intro(plan: SessionPlan) -> str:
    shown = sum(len(g.points) for g in plan.groups)
    text = (f"This handout goes with the session “{plan.title}”. It sets out the key learning "
            "from national analyses of serious case reviews, grouped by theme: for each point, "
            "what to do differently, questions to reflect on and where it comes from. Key "
            "figures, questions for discussion and the full references follow.")
    if shown:
        text += f" It covers {shown} learning point{'s' if shown != 1 else ''}"
        more = len(plan.left_out)
        text += (f"; {more} more matching point{'s' if more != 1 else ''} did not fit in the "
                 "session time." if more else ".")
    return text


def _handout_story(plan: SessionPlan, options: PdfOptions, st: _HandoutStyles, c: Colours,
                   width: float) -> list[Flowable]:
    outline = _Outline()
    story: list[Flowable] = [_title_block(plan, options, st, c, width)]
    story.append(_Marked("About this handout", st.h1,
                         outline=[outline.entry("About this handout", 0)]))
    story.append(Paragraph(markup(_intro(plan)), st.body))
    for i, g in enumerate(plan.groups):
        entries = [outline.entry("Key learning", 0)] if i == 0 else []
        entries.append(outline.entry(g.label, 1, closed=True))
        head: list[Flowable] = [_Marked(markup(g.label, PDF.font_bold), st.h1, outline=entries)]
        if g.description:
            head.append(Paragraph(markup(g.description, PDF.font_italic), st.lead))
        head.append(_Rule(width, c.rule))
        if not g.points:
            story += head
        for n, pv in enumerate(g.points):  # a theme heading never ends a page
            story += _point_block(pv, st, c, width, outline, head if n == 0 else ())
    if plan.charts:
        story.append(CondPageBreak(200))
        story.append(_Marked("Key figures", st.h1, outline=[outline.entry("Key figures", 0)]))
        for ch in plan.charts:
            drawings = bar_charts(ch, min(width, PDF.chart_width), c)
            parts: list[Flowable] = [
                _Marked(markup(ch.title, PDF.font_bold), st.h2,
                        outline=[outline.entry(ch.title, 1)]), Spacer(1, 4), drawings[0]]
            notes: list[Flowable] = [Spacer(1, 4)]
            if ch.note:
                notes.append(Paragraph(markup(ch.note), st.body))
            notes.append(Paragraph(f"Source: {markup(ch.citation)}", st.caption))
            if len(drawings) == 1:
                story.append(KeepTogether(parts + notes))
            else:  # a chart taller than a page runs on, a drawing at a time
                story += [KeepTogether(parts), *drawings[1:-1],
                          KeepTogether([drawings[-1], *notes])]
    if plan.questions:
        story.append(CondPageBreak(120))
        story.append(_Marked("Questions for discussion", st.h1,
                             outline=[outline.entry("Questions for discussion", 0)]))
        story += [Paragraph(markup(q), st.numbered, bulletText=f"{n}.")
                  for n, q in enumerate(plan.questions, 1)]
    if plan.references:
        story.append(CondPageBreak(120))
        story.append(_Marked("References", st.h1, outline=[outline.entry("References", 0)]))
        story += [Paragraph(markup(r), st.reference) for r in plan.references]
    return story


def render_handout(plan: SessionPlan, options: PdfOptions) -> bytes:
    """The participants' handout: title block, learning by theme, figures, questions, references,
    with a running header, "Page N of M" footers and an outline (bookmarks)."""
    _glyphs()
    size = _pagesize(options)
    c = colours(plan.branding)
    st = _handout_styles(c)
    m = PDF.margin
    width = size[0] - 2 * m
    title = clean(plan.title)
    partnership = clean(plan.branding.partnership)
    footer = clean(" · ".join(x for x in (plan.branding.footer, plan.branding.website,
                                          options.date) if x))
    size_run = PDF.running_size

    def header(canv, doc) -> None:
        canv.showOutline()
        canv.saveState()
        _fill_page(canv, c.background, size)
        y = size[1] - m + 16
        right = _fit_width(partnership, PDF.font, size_run, width * 0.45)
        left_w = width - pdfmetrics.stringWidth(right, PDF.font, size_run) - 24
        canv.setFillColor(_hex(c.muted))
        canv.setFont(PDF.font_bold, size_run)  # left then right: the reading order
        canv.drawString(m, y, _fit_width(title, PDF.font_bold, size_run, left_w))
        canv.setFont(PDF.font, size_run)
        canv.drawRightString(size[0] - m, y, right)
        canv.setStrokeColor(_hex(c.rule))
        canv.setLineWidth(0.75)
        canv.line(m, y - 6, size[0] - m, y - 6)
        canv.restoreState()

    def footer_(canv, doc) -> None:
        canv.saveState()
        y = m - 26
        canv.setStrokeColor(_hex(c.muted))
        canv.setLineWidth(0.5)
        canv.line(m, y + 14, size[0] - m, y + 14)
        canv.setFont(PDF.font, size_run)
        canv.setFillColor(_hex(c.muted))
        label = f"Page {doc.page} of {doc.total_pages or doc.page}"
        if footer:
            room = width - pdfmetrics.stringWidth(label, PDF.font, size_run) - 24
            canv.drawString(m, y, _fit_width(footer, PDF.font, size_run, room))
        canv.drawRightString(size[0] - m, y, label)
        canv.restoreState()

    subject = (f"Handout for the safeguarding training session “{plan.title}”, "
               f"for {plan.audience}")
    keywords = [g.label for g in plan.groups]
    total = 0
    for final in (False, True):  # the first pass only counts pages, for "Page N of M"
        buf = io.BytesIO()
        doc = _Doc(buf, date=options.date, pagesize=size, leftMargin=m, rightMargin=m,
                   topMargin=m + 4, bottomMargin=m,
                   **_metadata(plan.title, plan.branding.partnership, subject, keywords))
        doc.total_pages = total
        doc._doSave = final
        frame = Frame(m, m, width, size[1] - 2 * m - 4, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=header, onPageEnd=footer_)])
        doc.build(_handout_story(plan, options, st, c, width))
        total = doc.page
    data = buf.getvalue()
    return data


# ---------------------------------------------------------------------------------------------
# One-page sheet


@dataclass(frozen=True)
class _Fit:
    """How much of the plan goes on the sheet."""

    n: int                   # points kept, in plan order
    per_point: int = 1       # implications per point under "What to do"
    readings: int = 2        # entries under "Further reading"
    more_note: bool = False  # say how many more references the handout has
    clip: int | None = None  # most characters of the last point's summary (None: whole)
    compact: bool = False    # last resort: no figures, fewer questions


@dataclass(frozen=True)
class _SheetStyles:
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


def _sheet_styles(c: Colours) -> _SheetStyles:
    size = PDF.sheet_body_size
    return _SheetStyles(
        kicker=_style("kicker", PDF.sheet_footer_size, c.on_band, PDF.font_bold),
        title=_style("title", PDF.sheet_title_size, c.on_band, PDF.font_bold,
                     leading=PDF.sheet_title_size * 1.18),
        meta=_style("meta", size, c.on_band),
        heading=_style("heading", PDF.sheet_heading_size, c.heading, PDF.font_bold,
                       leftIndent=PDF.rule_width + 6, spaceBefore=PDF.sheet_gap, spaceAfter=3,
                       keepWithNext=1),
        body=_style("body", size, c.text, leading=size * PDF.sheet_leading),
        point_title=_style("point_title", size, c.heading, PDF.font_bold,
                           leading=size * PDF.sheet_leading,
                           leftIndent=15, bulletIndent=0, spaceBefore=3, spaceAfter=1,
                           keepWithNext=1, bulletFontName=PDF.font_bold,
                           bulletColor=_hex(c.heading)),
        point=_style("point", size, c.text, leading=size * PDF.sheet_leading, leftIndent=15,
                     spaceAfter=3),
        bullet=_style("bullet", size, c.text, leading=size * PDF.sheet_leading, leftIndent=17,
                      bulletIndent=2, spaceAfter=2, bulletColor=_hex(c.heading)),
        question=_style("question", size, c.text, leading=size * PDF.sheet_leading, leftIndent=17,
                        bulletIndent=2, spaceAfter=2, bulletFontName=PDF.font_bold,
                        bulletColor=_hex(c.heading)),
        figure=_style("figure", PDF.sheet_figure_size, c.heading, PDF.font_bold,
                      leading=PDF.sheet_figure_size * 1.15),
        figure_label=_style("figure_label", size, c.text, leading=size * 1.2),
        caption=_style("caption", PDF.sheet_footer_size, c.muted, leading=size * PDF.sheet_leading),
        reading=_style("reading", size, c.text, leading=size * PDF.sheet_leading, leftIndent=12,
                       firstLineIndent=-12, spaceAfter=2),
        footer=_style("footer", PDF.sheet_footer_size, c.muted, leading=size * PDF.sheet_leading),
        page=_style("page", PDF.sheet_footer_size, c.muted, alignment=TA_RIGHT),
    )


_YEAR = re.compile(r"^(?P<authors>.*?)\s*\((?P<year>\d{4}[a-z]?)\)\s*(?P<rest>.*)$")


def short_citation(citation: str) -> str:
    """A reference cut to first author, year and main title: "Sidebotham, P. et al. (2016)
    Pathways to harm, pathways to protection"."""
    m = _YEAR.match(citation)
    if m:
        authors = m["authors"].strip()
        names = re.split(r"(?<=\.),\s+(?:and\s+)?|\s+and\s+", authors)
        if len(names) > 2:
            authors = f"{names[0].rstrip(',')} et al."
        title = re.split(r":\s|\.\s|\.$", m["rest"], maxsplit=1)[0].strip()
        return f"{authors} ({m['year']}) {title}".strip()
    parts = re.split(r"\.\s+", citation, maxsplit=2)
    title = re.split(r":\s", parts[0], maxsplit=1)
    if len(title) > 1 or len(parts) == 1:  # "Title: subtitle." or a title alone
        return title[0].strip().rstrip(".")
    second = re.split(r":\s", parts[1], maxsplit=1)[0]
    return f"{parts[0]}. {second}".strip().rstrip(".")


_SOURCE = re.compile(r"^(?P<short>.+?) p(?P<page>\d+(?:-\d+)?)$")


def _sources(plan: SheetPlan, kept: Sequence[PointView]) -> str:
    """The plan's sources cited by the kept points, pages grouped by report."""
    def cited(source: str) -> bool:
        m = _SOURCE.match(source)
        short, page = (m["short"], m["page"]) if m else (source, None)
        for pv in kept:
            text = pv.citation
            if page and re.match(re.escape(f"{short}, ") + r"(?:p[\d-]+, )*" + re.escape(f"p{page}")
                                 + r"(?:,|$)", text):
                return True
            if not page and (text == short or text.startswith(f"{short}, via ")):
                return True
        return False

    chosen = [s for s in plan.sources if cited(s)] or list(plan.sources)
    grouped: dict[str, list[str]] = {}
    for s in chosen:
        m = _SOURCE.match(s)
        short, page = (m["short"], m["page"]) if m else (s, None)
        pages = grouped.setdefault(short, [])
        if page and page not in pages:
            pages.append(page)
    parts = []
    for short, pages in grouped.items():
        if not pages:
            parts.append(short)
        else:
            prefix = "p." if len(pages) == 1 and "-" not in pages[0] else "pp."
            parts.append(f"{short}, {prefix} {', '.join(pages)}")
    return "; ".join(parts)


def _what_to_do(points: Sequence[PointView], per_point: int) -> list[tuple[str, int]]:
    """The first `per_point` implications of each point, deduplicated, with their point's index."""
    seen: dict[str, tuple[str, int]] = {}
    for n, pv in enumerate(points):
        for i in pv.implications[:per_point]:
            seen.setdefault(" ".join(i.split()).casefold(), (i, n))
    return list(seen.values())


def _questions(plan: SheetPlan, points: Sequence[PointView], most: int) -> list[tuple[str, int]]:
    """The plan's questions that belong to the kept points, with the first such point's index."""
    own: dict[str, int] = {}
    for n, pv in enumerate(points):
        for q in pv.questions:
            own.setdefault(q, n)
    return [(q, own[q]) for q in plan.questions if q in own][:most]


def _figures(ch: Chart, st: _SheetStyles, c: Colours, width: float) -> list[Flowable]:
    """The first figures of a chart as a grid of tiles (big number, label), then the caption."""
    most = 4
    shown = list(zip(ch.labels, ch.categories, strict=False))[:most]
    widest = max((pdfmetrics.stringWidth(clean(v, PDF.font_bold), PDF.font_bold,
                                         PDF.sheet_figure_size) for v, _ in shown), default=0)
    per_row = len(shown) if len(shown) <= 3 and widest <= width / len(shown) - 16 else 2
    more = f" ({most} of {len(ch.categories)} shown)" if len(ch.categories) > most else ""
    head = Paragraph(f"<b>{markup(ch.title, PDF.font_bold, 140)}</b>{more}", st.body)
    cells = [[Paragraph(markup(value, PDF.font_bold, 24), st.figure),
              Paragraph(markup(label, limit=70), st.figure_label)] for value, label in shown]
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    if len(rows) > 1 and len(rows[-1]) < per_row:
        rows[-1] = rows[-1] + [""] * (per_row - len(rows[-1]))
    cols = len(rows[0])
    tiles = _table(rows, [width / cols] * cols, [
        ("BACKGROUND", (0, 0), (-1, -1), _hex(c.panel)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEAFTER", (0, 0), (-2, -1), 4, _hex(c.background)),
        ("LINEBELOW", (0, 0), (-1, -2), 4, _hex(c.background)),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7)])
    note = markup(ch.note, limit=220) + " " if ch.note else ""
    caption = Paragraph(f"{note}Source: {markup(ch.citation, limit=160)}.", st.caption)
    return [KeepTogether([head, Spacer(1, 3), tiles, Spacer(1, 3), caption])]


def _sheet_intro(plan: SheetPlan, fit: _Fit, st: _SheetStyles, c: Colours) -> list[Flowable]:
    """The full-width opening: the background."""
    if not plan.background:
        return []
    limit = PDF.max_background_chars // (2 if fit.compact else 1)
    return [_Barred("Background", st.heading, bar=c.rule),
            Paragraph(markup(plan.background, limit=limit), st.body)]


def _sheet_columns(plan: SheetPlan, fit: _Fit, st: _SheetStyles, c: Colours,
                   column: float) -> list[Flowable]:
    """Why it matters, key learning, what to do, questions, reading: one flow over two columns
    (down the left, then down the right), so reading order is the visual order."""
    kept = plan.points[:fit.n]

    def limit(n: int, share: float = 1.0) -> int | None:
        """How long a text of point `n` may be: only the last kept point is ever shortened."""
        return int(fit.clip * share) if fit.clip and n == fit.n - 1 else None

    right: list[Flowable] = []

    def heading(text: str) -> None:
        right.append(_Barred(text, st.heading, bar=c.rule))

    if plan.charts and not fit.compact:
        heading("Why it matters")
        right += _figures(plan.charts[0], st, c, column)
    heading("Key learning")
    if not kept:
        right.append(Paragraph("No learning points match this selection.", st.body))
    for n, pv in enumerate(kept):
        right.append(Paragraph(markup(pv.title, PDF.font_bold, limit(n, 0.5)), st.point_title,
                               bulletText=f"{n + 1}"))
        right.append(Paragraph(markup(pv.summary, limit=limit(n)), st.point))
    actions = _what_to_do(kept, fit.per_point)[:PDF.max_what_to_do]
    if actions:
        heading("What to do")
        right += [Paragraph(markup(a, limit=limit(n, 0.5) or PDF.max_item_chars), st.bullet,
                            bulletText=WHAT_TO_DO_BULLET) for a, n in actions]
    questions = _questions(plan, kept, 2 if fit.compact else PDF.max_questions)
    if questions:
        heading("Questions to reflect on")
        right += [Paragraph(markup(q, limit=limit(n, 0.5) or PDF.max_item_chars), st.question,
                            bulletText="?") for q, n in questions]
    readings = plan.further_reading[:fit.readings]
    if readings:
        heading("Further reading")
        right += [Paragraph(markup(short_citation(r), limit=160), st.reading, bulletText="•")
                  for r in readings]
        extra = len(plan.further_reading) - len(readings)
        if extra and fit.more_note:
            right.append(Paragraph(f"and {extra} more in the session handout’s references.",
                                   st.caption))
    return right


def _header(plan: SheetPlan, options: PdfOptions, st: _SheetStyles,
            width: float) -> list[Paragraph]:
    date = options.date or plan.date
    meta = " · ".join(x for x in ("Learning briefing", clean(date)) if x)
    return [
        Paragraph(markup(plan.branding.partnership, PDF.font_bold, 120), st.kicker),
        Paragraph(markup(plan.title, PDF.font_bold, PDF.max_title_chars), st.title),
        Paragraph(f"{markup(meta)} · <b>For:</b> {markup(plan.audience, limit=200)}" + (
            "" if plan.themes.casefold() in plan.title.casefold()
            else f"<br/><b>Themes:</b> {markup(plan.themes, limit=240)}"), st.meta)]


def _footer(plan: SheetPlan, kept: Sequence[PointView], st: _SheetStyles,
            width: float) -> list[Paragraph]:
    sources = clean(_sources(plan, kept))
    extra = clean(" · ".join(x for x in (plan.branding.footer, plan.branding.website) if x))
    limit = len(sources)
    while True:
        text = f"<b>Sources:</b> {escape(clip(sources, limit))}" if sources else ""
        p = Paragraph(text, st.footer)
        if p.wrap(width, 1000)[1] <= st.footer.leading * PDF.max_footer_lines + 0.1 or limit < 20:
            break
        limit = int(limit * 0.85)
    out = [p]
    if extra:
        out.append(Paragraph(escape(clip(extra, 160)), st.footer))
    return out


def _sheet_build(plan: SheetPlan, options: PdfOptions, fit: _Fit, save: bool) -> bytes | None:
    """The sheet with `fit`'s content, or None when it needs more than one page."""
    size = _pagesize(options)
    c = colours(plan.branding)
    st = _sheet_styles(c)
    m, pad = PDF.sheet_margin, PDF.sheet_band_padding
    width = size[0] - 2 * m
    logo_w = PDF.logo_width if plan.logo else 0.0
    text_w = width - (logo_w + 14 if logo_w else 0)
    header = _header(plan, options, st, width)
    heights = [p.wrap(text_w, size[1])[1] for p in header]
    gaps = (3.0, 5.0, 0.0)
    band_h = max(sum(heights) + sum(gaps) + 2 * pad, PDF.logo_height + 2 * pad if logo_w else 0)
    kept = plan.points[:fit.n]
    page_w = 64.0
    footer = _footer(plan, kept, st, width - page_w - 12)
    page_label = Paragraph("Page 1 of 1", st.page)
    foot_h = sum(p.wrap(width - page_w - 12, size[1])[1] for p in footer)
    frame_bottom = m + foot_h + 12
    frame_top = size[1] - band_h - 10

    def on_page(canv, doc) -> None:
        canv.saveState()
        _fill_page(canv, c.background, size)
        canv.setFillColor(_hex(c.band))
        canv.rect(0, size[1] - band_h, size[0], band_h, stroke=0, fill=1)
        canv.setFillColor(_hex(c.rule))
        canv.rect(0, size[1] - band_h - 3, size[0], 3, stroke=0, fill=1)
        y = size[1] - pad
        for p, h, gap in zip(header, heights, gaps, strict=True):
            p.wrap(text_w, size[1])
            p.drawOn(canv, m, y - h)
            y -= h + gap
        if plan.logo:
            _draw_logo(canv, plan.logo, size[0] - m - logo_w, size[1] - pad - PDF.logo_height,
                       logo_w, PDF.logo_height)
        canv.restoreState()

    def on_page_end(canv, doc) -> None:
        canv.saveState()
        canv.setStrokeColor(_hex(c.muted))
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
    intro = _sheet_intro(plan, fit, st, c)
    intro_h = (sum(f.wrap(width, size[1])[1] for f in intro) + st.heading.spaceAfter + 4
               if intro else 0.0)
    columns_top = frame_top - intro_h
    flow = _sheet_columns(plan, fit, st, c, min(left_w, right_w))
    frames = [Frame(x, bottom, w, top - bottom, id=name, leftPadding=0, rightPadding=0,
                    topPadding=0, bottomPadding=0)
              for name, x, w, top, bottom in (
                  ("intro", m, width, frame_top, columns_top),
                  ("left", m, left_w, columns_top, frame_bottom),
                  ("right", m + left_w + gutter, right_w, columns_top, frame_bottom))
              if name != "intro" or intro]
    subject = f"One-page learning sheet for {plan.audience}: {plan.themes}"
    buf = io.BytesIO()
    doc = _Doc(buf, date=options.date or plan.date, one_page=True, pagesize=size, leftMargin=m,
               rightMargin=m, topMargin=size[1] - frame_top, bottomMargin=frame_bottom,
               **_metadata(plan.title, plan.branding.partnership, subject,
                           [t.strip() for t in plan.themes.split(",")]))
    doc._doSave = save
    doc.addPageTemplates([PageTemplate("sheet", frames, onPage=on_page, onPageEnd=on_page_end)])
    story = [*intro, FrameBreak()] if intro else []
    story += flow
    try:
        doc.build(story)
    except _Overflow:
        return None
    return buf.getvalue() if save else b""


def _largest(fits: Callable[[int], bool], lo: int, hi: int) -> int:
    """The largest n in [lo, hi] with fits(n), given fits(lo) and that fitting is monotone."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def sheet_fit(plan: SheetPlan, options: PdfOptions) -> _Fit:
    """What goes on the sheet, by priority. First the most points (in plan order) that fit on
    one page with the least of everything else. If the next point is an unusually long one (or
    not even the first fits), it is shortened with an ellipsis to fill the space left; as a last
    resort the key figures go and fewer questions are shown. Then more actions, readings and a
    note on the rest of the references, while they still fit."""
    _glyphs()
    total = len(plan.points)

    def fits(fit: _Fit) -> bool:
        return _sheet_build(plan, options, fit, save=False) is not None

    if fits(_Fit(total)):
        best = _Fit(total)
    else:
        n = _largest(lambda k: fits(_Fit(k)), 1, total - 1) if fits(_Fit(1)) else 0
        best = _Fit(n)
        if n == 0 or _length(plan.points[n]) > PDF.long_point_chars:
            clips = PDF.clip_steps if n else PDF.clip_steps + PDF.last_resort_clip_steps
            ladder = [_Fit(n + 1, clip=x) for x in clips]
            if n == 0:
                ladder += [_Fit(1, readings=1, clip=x, compact=True)
                           for x in PDF.last_resort_clip_steps]
            best = next((f for f in ladder if fits(f)), best)
        if best.n == 0:
            raise InputError("the learning sheet cannot fit on one page, even shortened",
                             hint="shorten the title, partnership name or background text")
    kept = plan.points[:best.n]
    most = max((len(pv.implications) for pv in kept), default=0)
    while best.per_point < most:
        actions = _what_to_do(kept, best.per_point + 1)
        more = replace(best, per_point=best.per_point + 1)
        if len(actions) > PDF.max_what_to_do or not fits(more):
            break
        best = more
    readings = min(len(plan.further_reading), PDF.max_further_reading)
    while best.readings < readings and fits(replace(best, readings=best.readings + 1)):
        best = replace(best, readings=best.readings + 1)
    if len(plan.further_reading) > best.readings and fits(replace(best, more_note=True)):
        best = replace(best, more_note=True)
    return best


def _length(pv: PointView) -> int:
    return len(pv.title) + len(pv.summary) + sum(len(i) for i in pv.implications[:1])


def render_sheet(plan: SheetPlan, options: PdfOptions) -> tuple[bytes, list[str]]:
    """Exactly one page: the plan's points in order while they fit (text shortened with an
    ellipsis if even one does not). Returns the PDF and the ids of the points left out."""
    fit = sheet_fit(plan, options)
    data = _sheet_build(plan, options, fit, save=True)
    assert data is not None
    return data, [pv.id for pv in plan.points[fit.n:]]
