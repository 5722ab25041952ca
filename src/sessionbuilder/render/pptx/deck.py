"""Turn a SessionPlan into an editable PowerPoint deck: real layouts and placeholders, native
charts with alt text, speaker notes, and text measured so that it never leaves its box.

The render/pptx/ package is the only one that imports python-pptx: this module lays out the
slides; look.py the default master and layouts, charts.py native charts, oxml.py low-level
DrawingML, package.py part names and fixed dates, layouts.py the choice of a template's layouts,
template_file.py reading a user's template as untrusted input.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from sessionbuilder.text import fit as textfit
from sessionbuilder.text.fontmetrics import has_wide
from sessionbuilder.session.plan import Chart, SessionPlan, Slide
from sessionbuilder.render.pptx import layouts as pptx_template
from sessionbuilder.render.pptx.charts import CHART_TYPES, _chart_data, _ChartLook, _valid_axis_ids
from sessionbuilder.render.pptx.look import (_background, _default_layouts, _DefaultLook, _indent,
                                             _style_font)
from sessionbuilder.render.pptx.package import (FIXED_DATE, _deterministic_package, _fast_partnames,
                                                _fixed_workbook_dates, _Parts)
from sessionbuilder.render.pptx.layouts import BODY_TYPES, SUBTITLE_TYPES, TITLE_TYPES
from sessionbuilder.render.pptx.oxml import (_add_line_box, _add_placeholder, _add_run, _describe,
                                             _field_xml, _no_autofit, _ph_key, _plain, _roles,
                                             _run_xml, clean)
from sessionbuilder.render.style import EMU_PER_PT, SLIDES, Palette, palette

__all__ = ["clean", "render", "render_numbered", "slide_count"]

SOURCE_LINE_SIZE = 14  # the dated source under a learning point
EA_FONT = "Noto Sans CJK SC"  # East Asian font for CJK runs where the theme names none
BODY_SIZES = (24, 22, 20, 18)
SUBTITLE_SIZES = (24, 22, 20, 18)
FOOTER_SIZES = (12, 11, 10, 9)
TITLE_LINES = 3
_XFRM = qn("a:xfrm")


def render(plan: SessionPlan, template: Path | None = None) -> bytes:
    return render_numbered(plan, template)[0]


def render_numbered(plan: SessionPlan, template: Path | None = None) -> tuple[bytes, list[int]]:
    """The deck, and the slide number each planned slide begins on (a long one continues over
    the slides that follow), so a running order can name the deck's own slide numbers."""
    starts = []
    with _deterministic_package():
        deck = _Deck(plan, template)
        for slide in plan.slides:
            starts.append(len(deck.prs.slides) + 1)
            deck.add(slide)
        return deck.save(), starts


def slide_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(1 for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))


class _Deck(_ChartLook):
    """One pass over the plan; python-pptx objects stay inside this class.

    Formatting lives on the master and layouts (the default look is written there once, a
    template brings its own); slides carry their text, its fitted size and their placeholders.
    """

    def __init__(self, plan: SessionPlan, template: Path | None) -> None:
        self.plan = plan
        self.colours: Palette = palette(plan.branding)
        self.branded = template is None
        if template is None:
            self.prs = Presentation()
            self.prs.slide_width, self.prs.slide_height = Emu(SLIDES.width), Emu(SLIDES.height)
            master = self.prs.slide_master
            self.layouts = _default_layouts(master)
            _DefaultLook(self.prs, master, self.layouts, plan, self.colours).apply()
            self.fonts = (SLIDES.font, SLIDES.font)
            self.background = self.colours.background
        else:
            self.prs, used = pptx_template.open_template(template)
            master, self.layouts = pptx_template.choose(self.prs, used, template)
            info = pptx_template.theme_of(master)
            self.fonts = (_style_font(master, "p:titleStyle", info),
                          _style_font(master, "p:bodyStyle", info))
            self.background = _background(self.layouts.content, master, info)
            self.theme_colours = info.colours
        self.ea_font = EA_FONT
        self.indent = _indent(master)
        # a template's title boxes may be small: 20 pt before a title is shortened
        self.title_sizes = ((SLIDES.title_size, 30, 28, SLIDES.title_min_size)
                            + (() if self.branded else (20,)))
        self.titles: set[str] = set()
        self.number = 0
        self.layout = None  # of the slide being built
        self.cache: dict[tuple, object] = {}
        self.bare: dict[int, object] = {}  # emptied copies of layout placeholders, for _chrome
        _fast_partnames(self.prs)
        self.parts = _Parts(self.prs)
        self._set_properties()

    # --- slides -------------------------------------------------------------------------

    def add(self, spec: Slide) -> None:
        if spec.kind == "title":
            self._title_slide(spec)
        elif spec.kind == "section":
            self._section_slide(spec)
        elif spec.kind == "chart" and spec.chart:
            self._chart_slide(spec, spec.chart)
        else:
            self._text_slides(spec)

    def _title_slide(self, spec: Slide) -> None:
        slide = self._new(self.layouts.title)
        title, subtitle = _roles(slide, TITLE_TYPES, SUBTITLE_TYPES)
        self._set_title(slide, title, spec.title, sizes=(SLIDES.big_title_size, 36, 32, 28, 24),
                        lines=None)
        lines = [t for t in (spec.subtitle or "", self.plan.branding.partnership) if t]
        self._fill_short(slide, subtitle, [textfit.Para(clean(t), plain=True) for t in lines])
        self._notes(slide, spec.notes)

    def _section_slide(self, spec: Slide) -> None:
        slide = self._new(self.layouts.section)
        title, body = _roles(slide, TITLE_TYPES, SUBTITLE_TYPES)
        self._set_title(slide, title, spec.title, sizes=(SLIDES.big_title_size, 36, 32, 28, 24),
                        lines=None)
        paras = [textfit.Para(clean(spec.subtitle), plain=True)] if spec.subtitle else []
        self._fill_short(slide, body, paras)
        self._chrome(slide)
        self._notes(slide, spec.notes)

    def _text_slides(self, spec: Slide) -> None:
        paras = [textfit.Para(clean(b.text), b.level, b.bold, b.plain, lead=clean(b.lead))
                 for b in spec.bullets]
        if spec.kind == "quote" and spec.quote:
            paras = [textfit.Para(f"“{clean(spec.quote)}”", plain=True),
                     textfit.Para(f"— {clean(spec.citation or '')}", plain=True, bold=True)]
        source_line = clean(getattr(spec, "source_line", None) or "")
        probe = self._new(self.layouts.content)
        title_ph, body = _roles(probe, TITLE_TYPES, BODY_TYPES)
        full_title = clean(spec.title)
        shortened = self._title_box_fit(probe, title_ph, full_title) != full_title
        if shortened:
            paras.insert(0, textfit.Para(full_title, bold=True, plain=True))
        sizes = (SLIDES.quote_size, *BODY_SIZES) if spec.kind == "quote" else BODY_SIZES
        box = self._box(probe, body, [p.text for p in paras], source_line)
        size, pages = textfit.paginate(paras, box, sizes)
        for i, page in enumerate(pages):
            slide = probe if i == 0 else self._new(self.layouts.content)
            title_ph, body = (title_ph, body) if i == 0 else _roles(slide, TITLE_TYPES, BODY_TYPES)
            if i:
                self._box(slide, body, [], source_line)  # the same room as on the first slide
            suffix = "" if i == 0 else (" (cont.)" if i == 1 else f" (cont. {i})")
            self._set_title(slide, title_ph, full_title, suffix=suffix)
            self._fill(body, page, size, italic=spec.kind == "quote")
            self._source_line(slide, body, source_line)
            self._chrome(slide)
            notes = spec.notes if i == 0 else f"Continued from the previous slide.\n\n{spec.notes}"
            self._notes(slide, notes)

    def _chart_slide(self, spec: Slide, chart: Chart) -> None:
        slide = self._new(self.layouts.title_only)
        (title,) = _roles(slide, TITLE_TYPES)
        for ph in list(slide.placeholders):
            if ph._element is not title._element:
                ph._element.getparent().remove(ph._element)
        area = pptx_template.geometry(pptx_template.first(self.layouts.content, BODY_TYPES))
        t = pptx_template.geometry(title)
        self._set_title(slide, title, chart.title, limit=area[1] if t[1] < area[1] else None)
        t = pptx_template.geometry(title)
        left, width = area[0], area[2]
        beside = t[0] + t[2] <= area[0] or t[0] >= area[0] + area[2]
        top = area[1] if beside else max(area[1], t[1] + t[3] + Emu(int(0.05 * 914400)))
        bottom = pptx_template.bottom_limit(self.layout, top, self.prs.slide_height,
                                            (left, left + width))
        caption = clean(" ".join(x for x in (chart.note, f"Source: {chart.citation}.") if x))
        cap_box = textfit.for_font(textfit.Box((width - 2 * 91440) / EMU_PER_PT, 10_000, 0),
                                   self.fonts[1], [caption])
        cap_size = 18
        cap_lines = len(textfit.wrap(caption, cap_size, cap_box.width, font=cap_box.font))
        cap_height = Emu(int((cap_lines * textfit.line_height(cap_size, cap_box) + 10) * EMU_PER_PT))
        height = max(bottom - top - cap_height, Emu(914400))
        with _fixed_workbook_dates():
            frame = slide.shapes.add_chart(CHART_TYPES[chart.kind], left, top, width, height,
                                           _chart_data(chart))
        _describe(frame, f"Chart: {chart.title}", chart.alt_text)
        self._style_chart(frame.chart, chart, width)
        _valid_axis_ids(frame.chart)
        text = slide.shapes.add_textbox(left, top + height, width, cap_height)
        _describe(text, "Chart source", "")
        tf = text.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        run = tf.paragraphs[0].add_run()
        run.text = caption
        self._font(run, cap_size)
        run.font.color.rgb = RGBColor.from_string(self.colours.muted if self.branded
                                                  else self._chart_text_colour())
        self._chrome(slide)
        self._notes(slide, spec.notes)

    # --- pieces -------------------------------------------------------------------------

    def _new(self, layout):
        self.number += 1
        self.layout = layout
        return self.parts.slide(layout)

    def _geo(self, ph) -> tuple[int, int, int, int] | None:
        """Geometry of a placeholder on the slide being built: its own, or its layout's (read
        through python-pptx's inheritance once per layout and placeholder, which is slow)."""
        if ph._element.spPr.find(_XFRM) is not None:  # its own position, read directly
            return pptx_template.geometry(ph)
        key = ("geo", id(self.layout), _ph_key(ph))
        if key not in self.cache:
            self.cache[key] = pptx_template.geometry(ph)
        return self.cache[key]

    def _insets(self, ph) -> tuple[int, int, int, int]:
        key = ("insets", id(self.layout), _ph_key(ph))
        if key not in self.cache:
            self.cache[key] = pptx_template.insets(ph)
        return self.cache[key]

    def _box(self, slide, ph, texts: Sequence[str], source_line: str = "") -> textfit.Box:
        """The text room of a body placeholder, grown down towards the footer if the layout's
        box cannot hold a line of body text; a point's source line takes a line under it."""
        left, top, right, bottom = self._insets(ph)
        if (self._geo(ph)[3] - top - bottom) / EMU_PER_PT < min(BODY_SIZES) * 1.2 * 1.45:
            self._grow(slide, ph)
        if source_line:
            g = self._geo(ph)
            ph.left, ph.top, ph.width = Emu(g[0]), Emu(g[1]), Emu(g[2])
            ph.height = Emu(g[3] - self._source_height())
        g = self._geo(ph)
        box = textfit.Box((g[2] - left - right) / EMU_PER_PT, (g[3] - top - bottom) / EMU_PER_PT,
                          indent=self.indent, space_before=SLIDES.space_before)
        return textfit.for_font(box, self._font_of(ph), texts)

    def _source_height(self) -> int:
        line = textfit.for_font(textfit.Box(0, 0, 0), self.fonts[1]).line_spacing
        return int((SOURCE_LINE_SIZE * line + 7.2) * EMU_PER_PT)

    def _source_line(self, slide, body, source_line: str) -> None:
        """The point's dated source in one line under its body, at 14 pt, shortened to fit."""
        if not source_line:
            return
        g = self._geo(body)
        limit = textfit.for_font(textfit.Box((g[2] - 2 * 91440) / EMU_PER_PT, 0, 0), self.fonts[1],
                                 [source_line])
        text = textfit.fit_title(source_line, limit, (SOURCE_LINE_SIZE,), 1, bold=False)[1]
        _add_line_box(slide.shapes._spTree, "Source", (g[0], g[1] + g[3], g[2], self._source_height()),
                      text, SOURCE_LINE_SIZE,
                      self.colours.muted if self.branded else self._chart_text_colour(),
                      self.ea_font if has_wide(text) else None)

    def _font_of(self, ph) -> str:
        if self.branded:
            return self.fonts[0]
        key = ("font", id(self.layout), _ph_key(ph))
        if key not in self.cache:
            self.cache[key] = pptx_template.font_of(ph, *self.fonts)
        return self.cache[key]

    def _grow(self, slide, ph, limit: int | None = None) -> None:
        """Extend a box too small for its text down to the footer, or to the top of the next
        box below it on the slide (or to `limit`)."""
        g = self._geo(ph)
        limit = min(limit or self.prs.slide_height,
                    pptx_template.bottom_limit(self.layout, g[1], self.prs.slide_height,
                                               (g[0], g[0] + g[2])))
        for other in slide.placeholders:
            o = self._geo(other) if other._element is not ph._element else None
            if o is not None and o[1] > g[1] and o[0] < g[0] + g[2] and o[0] + o[2] > g[0]:
                limit = min(limit, o[1])
        if limit - g[1] > g[3]:
            ph.left, ph.top, ph.width, ph.height = Emu(g[0]), Emu(g[1]), Emu(g[2]), Emu(limit - g[1])

    def _title_fit(self, title, text: str, suffix: str, sizes,
                   lines: int | None = TITLE_LINES) -> tuple[float, str]:
        left, top, right, bottom = self._insets(title)
        g = self._geo(title)
        font = self._font_of(title)
        key = ("title", g, left + right, top + bottom, font, text, suffix, tuple(sizes), lines)
        if key not in self.cache:  # each title is fitted before and while it is set
            box = textfit.for_font(textfit.Box((g[2] - left - right) / EMU_PER_PT,
                                               (g[3] - top - bottom) / EMU_PER_PT, 0), font, [text])
            self.cache[key] = textfit.fit_title(text, box, sizes, lines, suffix)
        return self.cache[key]

    def _title_box_fit(self, slide, title, text: str, suffix: str = "",
                       sizes=None, limit: int | None = None, lines: int | None = TITLE_LINES) -> str:
        sizes = sizes or self.title_sizes
        try:
            return self._title_fit(title, text, suffix, sizes, lines)[1]
        except textfit.NoRoom:
            self._grow(slide, title, limit)
            return self._title_fit(title, text, suffix, sizes, lines)[1]

    def _set_title(self, slide, title, text: str, suffix: str = "",
                   sizes=None, limit: int | None = None, lines: int | None = TITLE_LINES) -> None:
        """The title at the largest size that fits its box (`lines` lines at most, or as many as
        the box holds when None), shortened with an ellipsis only if nothing fits."""
        text = clean(text)
        sizes = sizes or self.title_sizes
        self._title_box_fit(slide, title, text, suffix, sizes, limit, lines)
        size, fitted = self._title_fit(title, text, suffix, sizes, lines)
        unique, n = fitted, 2
        while unique.casefold() in self.titles:
            unique, n = f"{fitted} ({n})", n + 1
        self.titles.add(unique.casefold())
        tf = title.text_frame
        tf.word_wrap = True
        _no_autofit(tf)
        p = tf.paragraphs[0]
        if not self.branded:  # the template's own spacing may differ from what was measured
            p.space_before, p.space_after, p.line_spacing = Pt(0), Pt(0), 1.0
        self._run(p, unique, size)

    def _fill_short(self, slide, ph, paras: list[textfit.Para]) -> None:
        """Subtitle or section text: one box, shrunk to fit; if it still does not fit, the box
        grown down as far as the text needs (never past the footer or the next box), and only
        then shortened with "…" (the notes keep it whole). The placeholder is removed when there
        is nothing to put in it or no room at all."""
        if ph is None:
            return
        try:
            if paras:
                box = self._box(slide, ph, [p.text for p in paras])
                smallest = min(SUBTITLE_SIZES)
                if not textfit.fits(paras, smallest, box):
                    g, (_, top, _, bottom) = self._geo(ph), self._insets(ph)
                    need = textfit.total_height(paras, smallest, box) * EMU_PER_PT + top + bottom
                    if pptx_template.picture_background(self.layout):  # unseen shapes below
                        need = min(need, g[3] + textfit.line_height(smallest, box) * EMU_PER_PT)
                    self._grow(slide, ph, limit=g[1] + int(need) + 1)
                    box = self._box(slide, ph, [p.text for p in paras])
                size, fitted = textfit.fit_paras(paras, box, SUBTITLE_SIZES)
                self._fill(ph, fitted, size)
                return
        except textfit.NoRoom:
            pass
        ph._element.getparent().remove(ph._element)

    def _fill(self, body, paras: Sequence[textfit.Para], size: float, italic: bool = False) -> None:
        tf = body.text_frame
        tf.word_wrap = True
        _no_autofit(tf)
        for i, para in enumerate(paras):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if para.level:
                p.level = para.level
            if para.plain:
                _plain(p)
            if not self.branded:  # the template's own spacing may differ from what was measured
                p.space_before = Pt(SLIDES.space_before)
                p.space_after = Pt(0)
                p.line_spacing = 1.0
            text = para.text
            if para.lead and text.startswith(para.lead):  # a page's first piece has the lead-in
                self._run(p, para.lead, size, bold=True)
                text = text[len(para.lead):]
            self._run(p, text, size, bold=para.bold, italic=(italic or para.italic) and not para.bold)

    def _run(self, p, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
        """A run of text; CJK is drawn in an East Asian font, as it was measured (full width)."""
        _add_run(p, text, size, bold, italic, self.ea_font if has_wide(text) else None)

    def _font(self, run, size: float, bold: bool = False, italic: bool = False) -> None:
        font = run.font
        font.size = Pt(size)
        if bold:
            font.bold = True
        if italic:
            font.italic = True
        if has_wide(run.text):  # CJK drawn in an East Asian font, as measured (full width)
            rpr = run._r.get_or_add_rPr()
            for el in rpr.findall(qn("a:ea")):
                rpr.remove(el)
            etree.SubElement(rpr, qn("a:ea"), typeface=self.ea_font)

    def _chrome(self, slide) -> None:
        """The layout's own footer and slide-number placeholders, filled: the partnership's
        footer text and a slidenum field, so numbers follow the slides when they are moved."""
        key = ("chrome", id(self.layout))
        if key not in self.cache:
            self.cache[key] = (pptx_template.first(self.layout, (PP_PLACEHOLDER.FOOTER,)),
                               pptx_template.first(self.layout, (PP_PLACEHOLDER.SLIDE_NUMBER,)))
        footer, number = self.cache[key]
        if footer is not None:
            text = clean(self.plan.branding.footer or self.plan.branding.partnership)
            fitted = self._one_line(footer, text)
            if fitted:
                _add_placeholder(slide, footer, _run_xml(fitted[0], fitted[1]), self.bare)
        if number is not None:
            fitted = self._one_line(number, "888")
            if fitted:
                _add_placeholder(slide, number, _field_xml(str(self.number), fitted[0]), self.bare)

    def _one_line(self, ph, text: str) -> tuple[float, str] | None:
        key = ("line", id(self.layout), _ph_key(ph), text)
        if key not in self.cache:
            self.cache[key] = self._fit_line(ph, text)
        return self.cache[key]

    def _fit_line(self, ph, text: str) -> tuple[float, str] | None:
        g = pptx_template.geometry(ph)
        if g is None:
            return None
        left, top, right, bottom = pptx_template.insets(ph)
        box = textfit.for_font(textfit.Box((g[2] - left - right) / EMU_PER_PT,
                                           (g[3] - top - bottom) / EMU_PER_PT, 0), self._font_of(ph), [text])
        if box.width < 12:
            return None
        try:
            return textfit.fit_title(text, box, FOOTER_SIZES, 1, bold=False)
        except textfit.NoRoom:
            return None

    def _notes(self, slide, notes: str) -> None:
        self.parts.notes_text(slide, clean(notes))

    def _set_properties(self) -> None:
        props = self.prs.core_properties
        props.title = clean(self.plan.title)[:255]
        props.subject = clean(f"Safeguarding training session for: {self.plan.audience}")[:255]
        props.author = props.last_modified_by = clean(self.plan.branding.partnership)[:255]
        props.keywords = "safeguarding; serious case reviews; training"
        props.comments = "Built with sessionbuilder"
        props.created = props.modified = FIXED_DATE
        props.last_printed = FIXED_DATE
        props.revision = 1
        props.language = "en-GB"

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()
