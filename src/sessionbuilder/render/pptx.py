"""Turn a SessionPlan into an editable PowerPoint deck: real layouts and placeholders, native
charts with alt text, speaker notes, and text measured so that it never leaves its box.

With `render/pptx_template.py`, the only module that imports python-pptx.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter
from lxml import etree
from pptx import Presentation
from pptx.chart import xlsx as chart_xlsx
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc import serialized
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.picture import CT_Picture
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt

from sessionbuilder import textfit
from sessionbuilder.errors import InputError
from sessionbuilder.fontmetrics import has_wide
from sessionbuilder.plan import Chart, SessionPlan, Slide
from sessionbuilder.render import pptx_template
from sessionbuilder.render.pptx_template import BODY_TYPES, SUBTITLE_TYPES, TITLE_TYPES
from sessionbuilder.theme import (EMU_PER_INCH, EMU_PER_PT, MIN_CONTRAST, SLIDES, Palette, contrast,
                                  palette, readable_on)

FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)
CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "pie": XL_CHART_TYPE.PIE, "doughnut": XL_CHART_TYPE.DOUGHNUT}
CHART_TEXT_SIZE = 18
PLOT_WIDTH = 0.9  # of the chart's frame, axis labels included (see _plot_margin)
LABEL_GAP = 12  # points between a bar and its label, and around the axis labels
SOURCE_LINE_SIZE = 14  # the dated source under a learning point
SLICE_SHADES = ("1F3864", "C55A11", "2E75B6", "7F6000", "385723", "7030A0")
ACCENTS = (MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3,
           MSO_THEME_COLOR.ACCENT_4, MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6)
EA_FONT = "Noto Sans CJK SC"  # East Asian font for CJK runs where the theme names none
SLIDENUM_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
BODY_SIZES = (24, 22, 20, 18)
SUBTITLE_SIZES = (24, 22, 20, 18)
FOOTER_SIZES = (12, 11, 10, 9)
TITLE_LINES = 3
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


def clean(text: str) -> str:
    """Drop characters that XML cannot hold (pasted from Word), which would corrupt the file."""
    return _XML_ILLEGAL.sub("", text)


class _Deck:
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
        self.title_sizes = (SLIDES.title_size, 30, 28, SLIDES.title_min_size) + (() if self.branded else (20,))
        self.titles: set[str] = set()
        self.number = 0
        self.layout = None  # of the slide being built
        self.notes_proto = None
        self.cache: dict[tuple, object] = {}
        _fast_partnames(self.prs)
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
        return self.prs.slides.add_slide(layout)

    def _geo(self, ph) -> tuple[int, int, int, int] | None:
        """Geometry of a placeholder on the slide being built: its own, or its layout's (read
        through python-pptx's inheritance once per layout and placeholder, which is slow)."""
        xfrm = ph._element.spPr.find(qn("a:xfrm"))
        if xfrm is not None:
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
        box = slide.shapes.add_textbox(Emu(g[0]), Emu(g[1] + g[3]), Emu(g[2]), Emu(self._source_height()))
        _describe(box, "Source", "")
        tf = box.text_frame
        tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
        tf.margin_top = tf.margin_bottom = Emu(0)
        limit = textfit.for_font(textfit.Box((g[2] - 2 * 91440) / EMU_PER_PT, 0, 0), self.fonts[1],
                                 [source_line])
        run = tf.paragraphs[0].add_run()
        run.text = textfit.fit_title(source_line, limit, (SOURCE_LINE_SIZE,), 1, bold=False)[1]
        self._font(run, SOURCE_LINE_SIZE)
        run.font.color.rgb = RGBColor.from_string(self.colours.muted if self.branded
                                                  else self._chart_text_colour())

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

    def _title_fit(self, title, text: str, suffix: str, sizes, lines: int | None = TITLE_LINES) -> tuple[float, str]:
        left, top, right, bottom = self._insets(title)
        g = self._geo(title)
        box = textfit.for_font(textfit.Box((g[2] - left - right) / EMU_PER_PT,
                                           (g[3] - top - bottom) / EMU_PER_PT, 0),
                               self._font_of(title), [text])
        return textfit.fit_title(text, box, sizes, lines, suffix)

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
        run = p.add_run()
        run.text = unique
        self._font(run, size)

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
                self._font(_run(p, para.lead), size, bold=True)
                text = text[len(para.lead):]
            self._font(_run(p, text), size, bold=para.bold, italic=(italic or para.italic) and not para.bold)

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
                _add_placeholder(slide, footer, _run_xml(fitted[0], fitted[1]))
        if number is not None:
            fitted = self._one_line(number, "888")
            if fitted:
                _add_placeholder(slide, number, _field_xml(str(self.number), fitted[0]))

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

    def _style_chart(self, chart, spec: Chart, chart_width: int) -> None:
        chart.has_title = False
        chart.font.size = Pt(CHART_TEXT_SIZE)
        text_colour = self._chart_text_colour()
        chart.font.color.rgb = RGBColor.from_string(text_colour)
        if self.branded:
            chart.font.name = SLIDES.font
        plot = chart.plots[0]
        series = plot.series[0]
        round_chart = spec.kind in ("pie", "doughnut")
        chart.has_legend = round_chart
        if round_chart:  # values go in the legend: labels inside slices get cut off
            chart.legend.position = XL_LEGEND_POSITION.RIGHT
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(18)
            for i, point in enumerate(series.points):
                point.format.fill.solid()
                if self.branded:
                    point.format.fill.fore_color.rgb = RGBColor.from_string(SLICE_SHADES[i % len(SLICE_SHADES)])
                else:
                    point.format.fill.fore_color.theme_color = ACCENTS[i % len(ACCENTS)]
        else:
            plot.gap_width = 60
            plot.vary_by_categories = False
            series.format.fill.solid()
            fill = self._bar_fill()
            if isinstance(fill, str):
                series.format.fill.fore_color.rgb = RGBColor.from_string(fill)
            else:
                series.format.fill.fore_color.theme_color = fill
            chart.value_axis.visible = False
            chart.value_axis.has_major_gridlines = False
            chart.value_axis.minimum_scale = 0
            chart.value_axis.maximum_scale = self._value_room(spec, chart_width)
            chart.category_axis.tick_labels.font.size = Pt(18)
            chart.category_axis.format.line.fill.background()
            if spec.kind == "bar":
                chart.category_axis.reverse_order = True
            _plot_margin(chart)
            plot.has_data_labels = True
            labels = series._element.get_or_add_dLbls()  # one line each, never wrapped
            labels.get_or_add_txPr().find(qn("a:bodyPr")).set("wrap", "none")
            for i, point in enumerate(series.points):
                tf = point.data_label.text_frame
                tf.word_wrap = False
                tf.text = clean(spec.labels[i])
                for r in tf.paragraphs[0].runs:
                    r.font.size = Pt(18)
                    r.font.color.rgb = RGBColor.from_string(text_colour)
                point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END

    def _value_room(self, spec: Chart, chart_width: int) -> float:
        """The value axis's maximum: room right of each bar (above each column) for its label on
        one line, measured in the chart's font, so no label overlaps another or leaves the chart."""
        top = max(spec.values) or 1
        if spec.kind != "bar":
            return top * 1.25
        font = SLIDES.font if self.branded else self.fonts[1]
        def width(text: str) -> float:
            return textfit.word_width(clean(text), CHART_TEXT_SIZE, font=font)
        plot = (PLOT_WIDTH * chart_width / EMU_PER_PT - max(map(width, spec.categories))
                - LABEL_GAP)
        need = [v * plot / max(plot - LABEL_GAP - width(label), plot * 0.25)
                for v, label in zip(spec.values, spec.labels)]
        return max(top * 1.1, *need)

    def _chart_text_colour(self) -> str:
        if self.branded:
            return self.colours.text
        options = [self.theme_colours.get(k) for k in ("dk1", "lt1", "dk2", "lt2")]
        readable = [c for c in options if c and contrast(c, self.background) >= MIN_CONTRAST]
        return readable[0] if readable else readable_on(self.background)

    def _bar_fill(self):
        """The branding's primary colour, or the first theme accent that stands out from the
        slide background (3:1, as for graphics), as a theme colour so it follows the theme."""
        if self.branded:
            return self.colours.primary
        for i, key in enumerate(("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")):
            rgb = self.theme_colours.get(key)
            if rgb and contrast(rgb, self.background) >= 3.0:
                return ACCENTS[i]
        return self._chart_text_colour()

    def _notes(self, slide, notes: str) -> None:
        """Speaker notes. The first notes page is made by python-pptx from the notes master;
        the rest are copies of it (python-pptx's clone of the master each time is slow)."""
        if self.notes_proto is None:
            notes_slide = slide.notes_slide
            self.notes_proto = copy.deepcopy(notes_slide._element)
        else:
            package = self.prs.part.package
            part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                  CT.PML_NOTES_SLIDE, package, copy.deepcopy(self.notes_proto))
            part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
            notes_slide = part.notes_slide
        notes_slide.notes_text_frame.text = clean(notes)

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


class _DefaultLook:
    """The default look written once on the master and layouts: geometry, fonts, colours, the
    coloured title and section backgrounds, the accent rule, the logo, footer and slide number."""

    def __init__(self, prs, master, layouts: pptx_template.Layouts, plan: SessionPlan,
                 colours: Palette) -> None:
        self.prs, self.master, self.layouts, self.plan, self.c = prs, master, layouts, plan, colours

    def apply(self) -> None:
        c, w, h, m = self.c, SLIDES.width, SLIDES.height, SLIDES.margin
        _master_styles(self.prs, SLIDES.font, c)
        if c.background != "FFFFFF":
            _background_fill(self.master._element, c.background)
        footer_top = h - SLIDES.footer_height
        number_width = int(0.9 * EMU_PER_INCH)
        for ph in self.master.placeholders:
            k = pptx_template.kind(ph)
            if k == PP_PLACEHOLDER.FOOTER:
                _geometry(ph, m, footer_top, w - 2 * m - number_width, SLIDES.footer_height)
                _text_style(ph, SLIDES.footer_size, c.muted, align="r", anchor="ctr")
            elif k == PP_PLACEHOLDER.SLIDE_NUMBER:
                _geometry(ph, w - m - number_width, footer_top, number_width, SLIDES.footer_height)
                _text_style(ph, SLIDES.footer_size, c.muted, align="r", anchor="ctr")
            elif k == PP_PLACEHOLDER.DATE:
                _geometry(ph, m, footer_top, int(2 * EMU_PER_INCH), SLIDES.footer_height)
        lay = self.layouts
        for layout in (lay.content, lay.title_only):
            title = pptx_template.first(layout, TITLE_TYPES)
            _geometry(title, m, SLIDES.title_top, SLIDES.body_width, SLIDES.title_height)
            _text_style(title, None, None, align="l", anchor="ctr")
            body = pptx_template.first(layout, BODY_TYPES)
            if body is not None:
                _geometry(body, m, SLIDES.body_top, SLIDES.body_width, SLIDES.body_height)
                _text_style(body, None, None, anchor="t")
            self._rule(layout)
            self._logo(layout, large=False)
            self._inherit_footer(layout)
        for layout, title_box, body_box in (
                (lay.title, (0.28, 0.3), (0.6, 0.25)), (lay.section, (0.3, 0.25), (0.58, 0.25))):
            _background_fill(layout._element, c.primary)
            title = pptx_template.first(layout, TITLE_TYPES)
            _geometry(title, m, int(h * title_box[0]), SLIDES.body_width, int(h * title_box[1]))
            _text_style(title, None, c.on_primary, align="l", anchor="b")
            body = pptx_template.first(layout, SUBTITLE_TYPES)
            _geometry(body, m, int(h * body_box[0]), SLIDES.body_width, int(h * body_box[1]))
            _text_style(body, None, c.on_primary, align="l", anchor="t", bullets=False)
            self._inherit_footer(layout, colour=c.on_primary)
        self._logo(lay.title, large=True)

    def _inherit_footer(self, layout, colour: str | None = None) -> None:
        """Footer and number placeholders on the layout take the master's place and style."""
        for ph in layout.placeholders:
            if pptx_template.kind(ph) in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER,
                                          PP_PLACEHOLDER.DATE):
                xfrm = ph._element.spPr.find(qn("a:xfrm"))
                if xfrm is not None:
                    ph._element.spPr.remove(xfrm)
                if colour:
                    _text_style(ph, SLIDES.footer_size, colour, align="r", anchor="ctr")

    def _rule(self, layout) -> None:
        tree = layout.shapes._spTree
        sp = CT_Shape.new_autoshape_sp(tree._next_shape_id, "Decorative rule", "rect", SLIDES.margin,
                                       SLIDES.title_top + SLIDES.title_height,
                                       int(1.5 * EMU_PER_INCH), int(0.06 * EMU_PER_INCH))
        spPr = sp.spPr
        fill = etree.SubElement(spPr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=self.c.accent)
        ln = etree.SubElement(spPr, qn("a:ln"))
        etree.SubElement(ln, qn("a:noFill"))
        tree.append(sp)
        _mark_decorative_element(sp)

    def _logo(self, layout, large: bool) -> None:
        if not self.plan.logo:
            return
        try:
            image_part, rId = layout.part.get_or_add_image_part(str(self.plan.logo))
        except Exception as e:  # python-pptx/PIL raise many kinds for a bad image
            raise InputError(f"logo cannot be read as an image: {e}", file=self.plan.logo) from None
        height = int(SLIDES.logo_height * (1.8 if large else 1))
        width, height = image_part.scale(None, height)
        max_width = int(2.5 * EMU_PER_INCH)
        if width > max_width:
            width, height = max_width, int(height * max_width / width)
        left = SLIDES.width - width - int(0.3 * EMU_PER_INCH)
        tree = layout.shapes._spTree
        pic = CT_Picture.new_pic(tree._next_shape_id, "Logo", clean(f"Logo of {self.plan.branding.partnership}"),
                                 rId, left, int(0.2 * EMU_PER_INCH), width, height)
        tree.append(pic)


# --- helpers on python-pptx objects -------------------------------------------------------


def _default_layouts(master) -> pptx_template.Layouts:
    by_type = {lay._element.get("type"): lay for lay in master.slide_layouts}
    return pptx_template.Layouts(by_type["title"], by_type["obj"], by_type["secHead"],
                                 by_type["titleOnly"])


def _master_styles(prs, font: str, colours: Palette) -> None:
    """Font, colours and spacing once, in the theme and the master's text styles, instead of on
    every run: titles bold in the heading colour, body text in the text colour, single-spaced
    lines with 6 pt before each paragraph (as measured)."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    xml = etree.fromstring(theme.blob)
    for latin in xml.iter(qn("a:latin")):
        if latin.getparent().tag in (qn("a:majorFont"), qn("a:minorFont")):
            latin.set("typeface", font)
    theme._blob = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    for style, colour in (("p:titleStyle", colours.primary), ("p:bodyStyle", colours.text)):
        for level in styles.find(qn(style)):
            rpr = level.find(qn("a:defRPr"))
            if rpr is None:
                continue
            if style == "p:titleStyle":
                rpr.set("b", "1")
            else:
                _spacing(level)
            for fill in rpr.findall(qn("a:solidFill")):
                rpr.remove(fill)
            fill = etree.Element(qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=colour)
            rpr.insert(0, fill)


def _spacing(ppr) -> None:
    for tag in ("a:lnSpc", "a:spcBef"):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    ln = etree.Element(qn("a:lnSpc"))
    etree.SubElement(ln, qn("a:spcPct"), val="100000")
    before = etree.Element(qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts"), val=str(int(SLIDES.space_before * 100)))
    ppr.insert(0, before)
    ppr.insert(0, ln)


def _style_font(master, style: str, info) -> str:
    """The font a master text style names: an explicit typeface, or the theme's major/minor."""
    latin = master._element.find(f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}/"
                                 f"{qn('a:defRPr')}/{qn('a:latin')}")
    face = (latin.get("typeface") if latin is not None else None) or ""
    if face.startswith("+mj") or (not face and style == "p:titleStyle"):
        return info.major_font
    if face.startswith("+mn") or not face:
        return info.minor_font
    return face


_SCHEME_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


def _background(layout, master, info) -> str:
    """The content layout's background colour (RRGGBB) as far as a solid fill gives it; white
    otherwise (pictures and gradients are assumed light, as most templates are)."""
    for el in (layout._element, master._element):
        bg = el.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        for colour in bg.iter(qn("a:srgbClr"), qn("a:schemeClr")):
            val = colour.get("val", "")
            if colour.tag == qn("a:srgbClr"):
                return val.upper()
            clr_map = master._element.find(qn("p:clrMap"))
            name = clr_map.get(val, _SCHEME_MAP.get(val, val)) if clr_map is not None else _SCHEME_MAP.get(val, val)
            return info.colours.get(name, "FFFFFF")
        return info.colours.get("lt1", "FFFFFF")
    return info.colours.get("lt1", "FFFFFF")


def _indent(master) -> float:
    """Points a first-level bullet's text is indented by the master's body style."""
    lvl = master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{qn('a:lvl1pPr')}")
    mar = int(lvl.get("marL", "0")) if lvl is not None else 0
    return max(0.45 * 72, mar / EMU_PER_PT)


def _geometry(ph, left: int, top: int, width: int, height: int) -> None:
    ph.left, ph.top, ph.width, ph.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _text_style(ph, size: float | None, colour: str | None, align: str | None = None,
                anchor: str | None = None, bullets: bool = True) -> None:
    """First-level text style and text insets of a layout or master placeholder."""
    tx = ph._element.get_or_add_txBody()
    body = tx.find(qn("a:bodyPr"))
    body.set("lIns", str(SLIDES.inset))
    body.set("rIns", str(SLIDES.inset))
    body.set("tIns", str(SLIDES.inset // 2))
    body.set("bIns", str(SLIDES.inset // 2))
    if anchor:
        body.set("anchor", anchor)
    lst = tx.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        body.addnext(lst)
    for el in list(lst):
        lst.remove(el)
    ppr = etree.SubElement(lst, qn("a:lvl1pPr"))
    if align:
        ppr.set("algn", align)
    if not bullets:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    if size:
        rpr.set("sz", str(int(size * 100)))
    if colour:
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=colour)


def _background_fill(element, colour: str) -> None:
    csld = element.find(qn("p:cSld"))
    for old in csld.findall(qn("p:bg")):
        csld.remove(old)
    bg = etree.Element(qn("p:bg"))
    pr = etree.SubElement(bg, qn("p:bgPr"))
    fill = etree.SubElement(pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    etree.SubElement(pr, qn("a:effectLst"))
    csld.insert(0, bg)


def _add_placeholder(slide, layout_ph, paragraph: str) -> None:
    """A copy of the layout's placeholder on the slide, geometry and style inherited, holding
    `paragraph` (DrawingML)."""
    sp = copy.deepcopy(layout_ph._element)
    tree = slide.shapes._spTree
    sp.nvSpPr.cNvPr.set("id", str(tree._next_shape_id))
    for el in list(sp.spPr):
        sp.spPr.remove(el)
    tx = sp.find(qn("p:txBody"))
    for el in list(tx):  # text body, list styles and all: the layout's apply by inheritance
        tx.remove(el)
    etree.SubElement(tx, qn("a:bodyPr"))
    etree.SubElement(tx, qn("a:lstStyle"))
    tx.append(etree.fromstring(f'<a:p xmlns:a="{_A}">{paragraph}</a:p>'))
    for extra in sp.findall(qn("p:style")):
        sp.remove(extra)
    tree.append(sp)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _run_xml(size: float, text: str) -> str:
    return f'<a:r><a:rPr lang="en-GB" sz="{int(size * 100)}" dirty="0"/><a:t>{escape(text)}</a:t></a:r>'


def _field_xml(number: str, size: float) -> str:
    return (f'<a:fld id="{SLIDENUM_FIELD}" type="slidenum"><a:rPr lang="en-GB" sz="{int(size * 100)}"/>'
            f'<a:t>{number}</a:t></a:fld>')


def _plot_margin(chart) -> None:
    """Keep the plot (axis labels included) inside the frame with room at the top and right,
    so value labels outside the bars are still drawn inside the chart's frame."""
    plot_area = chart._chartSpace.chart.plotArea
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = etree.fromstring(
        '<c:layout xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:manualLayout>'
        '<c:layoutTarget val="outer"/><c:xMode val="edge"/><c:yMode val="edge"/>'
        f'<c:x val="0.01"/><c:y val="0.07"/><c:w val="{PLOT_WIDTH}"/><c:h val="0.9"/></c:manualLayout></c:layout>')
    plot_area.insert(0, layout)


def _valid_axis_ids(chart) -> None:
    """python-pptx writes negative axis ids; the schema wants unsigned ints, PowerPoint ones
    below 2**31."""
    for el in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        el.set("val", str(abs(int(el.get("val"))) % 2**31))


def _ph_key(ph) -> tuple[str | None, str | None]:
    """A placeholder's idx and type, read with plain lxml (python-pptx's xpath is slow)."""
    el = ph._element[0].find(qn("p:nvPr")).find(qn("p:ph"))
    return el.get("idx"), el.get("type")


def _roles(slide, *wanted: Sequence) -> list:
    """The first placeholder of each wanted kind (or None), reading each placeholder's type once."""
    typed = [(ph.placeholder_format.type, ph) for ph in slide.placeholders]
    return [next((ph for kind, ph in typed if kind in types), None) for types in wanted]


def _run(paragraph, text: str):
    run = paragraph.add_run()
    run.text = text
    return run


def _plain(paragraph) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", "0")
    pPr.set("indent", "0")
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for el in pPr.findall(qn(tag)):
            pPr.remove(el)
    pPr.append(pPr.makeelement(qn("a:buNone"), {}))


def _no_autofit(tf) -> None:
    body = tf._txBody.bodyPr
    for tag in ("a:spAutoFit", "a:normAutofit", "a:noAutofit"):
        for el in body.findall(qn(tag)):
            body.remove(el)
    body.append(body.makeelement(qn("a:noAutofit"), {}))


def _describe(shape, name: str, alt_text: str) -> None:
    cNvPr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    cNvPr.set("name", name)
    if alt_text:
        cNvPr.set("descr", clean(alt_text))


def _mark_decorative_element(sp) -> None:
    """Office's 'decorative' flag, so screen readers skip the shape."""
    cNvPr = sp.xpath("./*[1]/p:cNvPr")[0]
    ext_lst = cNvPr.makeelement(qn("a:extLst"), {})
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative",
                     val="1")
    cNvPr.append(ext_lst)


def _chart_data(chart: Chart) -> CategoryChartData:
    data = CategoryChartData(number_format='0.0' if any(v % 1 for v in chart.values) else '0')
    if chart.kind in ("pie", "doughnut"):
        data.categories = [clean(f"{c}: {label}") for c, label in zip(chart.categories, chart.labels)]
    else:
        data.categories = [clean(c) for c in chart.categories]
    data.add_series(clean(chart.title)[:250], chart.values)
    return data


# --- speed and determinism ---------------------------------------------------------------


def _fast_partnames(prs) -> None:
    """Hand out part names from counters instead of rescanning the package for each new part
    (python-pptx's scan makes notes slides quadratic; scanny/python-pptx#644)."""
    package = prs.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        counters[tmpl] = n + 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname
    rels = prs.part.rels
    get_or_add = rels.get_or_add

    def relate(reltype: str, target):  # a slide being added is never already related
        if reltype == RT.SLIDE:
            return rels._add_relationship(reltype, target)
        return get_or_add(reltype, target)

    rels.get_or_add = relate


class _FixedDateWorkbook(xlsxwriter.Workbook):
    """The spreadsheet embedded in each chart, with a fixed creation date."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_properties({"created": FIXED_DATE})


@contextlib.contextmanager
def _deterministic_package() -> Iterator[None]:
    """Fixed zip timestamps and embedded-workbook dates, so equal inputs give equal bytes."""
    original_write, original_wb = serialized._ZipPkgWriter.write, chart_xlsx.Workbook

    def write(self, pack_uri, blob) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zipf.writestr(info, blob)

    serialized._ZipPkgWriter.write = write
    chart_xlsx.Workbook = _FixedDateWorkbook
    try:
        yield
    finally:
        serialized._ZipPkgWriter.write = original_write
        chart_xlsx.Workbook = original_wb
