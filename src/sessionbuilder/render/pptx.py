"""Turn a SessionPlan into an editable PowerPoint deck: real layouts and placeholders, native
charts with alt text, speaker notes, and text measured so that it never leaves its box.

The only module that imports python-pptx.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from lxml import etree
from pptx import Presentation
from pptx.chart import xlsx as chart_xlsx
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.exc import PackageNotFoundError
from pptx.opc import serialized
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from sessionbuilder import textfit
from sessionbuilder.errors import InputError
from sessionbuilder.plan import Chart, SessionPlan, Slide
from sessionbuilder.theme import EMU_PER_PT, SLIDES, Palette, palette

FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "pie": XL_CHART_TYPE.PIE, "doughnut": XL_CHART_TYPE.DOUGHNUT}
SOURCE_LINE_SIZE = 14  # the dated source under a learning point
SLICE_SHADES = ("1F3864", "C55A11", "2E75B6", "7F6000", "385723", "7030A0")
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


@dataclass(frozen=True)
class _Layouts:
    title: object
    content: object
    section: object
    title_only: object


class _Deck:
    """One pass over the plan; python-pptx objects stay inside this class."""

    def __init__(self, plan: SessionPlan, template: Path | None) -> None:
        self.plan = plan
        self.prs = _open(template)
        self.branded = template is None
        if self.branded:
            self.prs.slide_width, self.prs.slide_height = Emu(SLIDES.width), Emu(SLIDES.height)
        self.colours: Palette = palette(plan.branding)
        self.layouts = _find_layouts(self.prs, template)
        self.titles: set[str] = set()
        self.number = 0
        _fast_partnames(self.prs)
        self._set_properties()
        self.inherited: set[str] = set()  # colours the master's text styles already give
        if self.branded:
            _master_styles(self.prs, SLIDES.font, self.colours)
            self.inherited = {self.colours.primary, self.colours.text}

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
        title, subtitle = _roles(slide, TITLE_TYPES, (PP_PLACEHOLDER.SUBTITLE,))
        sub_lines = [spec.subtitle or "", self.plan.branding.partnership]
        if self.branded:
            self._band(slide, self.colours.primary)
            self._place(title, SLIDES.margin, int(SLIDES.height * 0.28), SLIDES.body_width,
                        int(SLIDES.height * 0.3))
            if subtitle is not None:
                self._place(subtitle, SLIDES.margin, int(SLIDES.height * 0.6), SLIDES.body_width,
                            int(SLIDES.height * 0.25))
        on = self.colours.on_primary if self.branded else None
        self._set_title(slide, title, spec.title, sizes=(SLIDES.big_title_size, 36, 32, 28),
                        colour=on, lines=3, anchor=MSO_ANCHOR.BOTTOM)
        if subtitle is not None:
            box = self._box(subtitle)
            size, pages = textfit.paginate([textfit.Para(t, plain=True) for t in sub_lines if t],
                                           box, (24, 22, 20, 18))
            self._fill(subtitle, pages[0], size, colour=on, plain=True)
        self._logo(slide, large=True)
        self._notes(slide, spec.notes)

    def _section_slide(self, spec: Slide) -> None:
        slide = self._new(self.layouts.section)
        title, body = _roles(slide, TITLE_TYPES, BODY_TYPES + (PP_PLACEHOLDER.SUBTITLE,))
        on = None
        if self.branded:
            self._band(slide, self.colours.primary)
            on = self.colours.on_primary
            self._place(title, SLIDES.margin, int(SLIDES.height * 0.3), SLIDES.body_width,
                        int(SLIDES.height * 0.25))
            if body is not None:
                self._place(body, SLIDES.margin, int(SLIDES.height * 0.58), SLIDES.body_width,
                            int(SLIDES.height * 0.25))
        self._set_title(slide, title, spec.title, sizes=(SLIDES.big_title_size, 36, 32),
                        colour=on, anchor=MSO_ANCHOR.BOTTOM)
        if body is not None:
            if spec.subtitle:
                box = self._box(body)
                size, pages = textfit.paginate([textfit.Para(spec.subtitle, plain=True)], box,
                                               (24, 22, 20, 18))
                self._fill(body, pages[0], size, colour=on, plain=True)
            else:
                body._element.getparent().remove(body._element)
        self._footer(slide, on_band=self.branded)
        self._notes(slide, spec.notes)

    def _text_slides(self, spec: Slide) -> None:
        paras = [textfit.Para(clean(b.text), b.level, b.bold, b.plain) for b in spec.bullets]
        if spec.kind == "quote" and spec.quote:
            paras = [textfit.Para(f"“{clean(spec.quote)}”", plain=True),
                     textfit.Para(f"— {spec.citation}", plain=True, bold=True)]
        probe = self._new(self.layouts.content)
        title_ph, body = _roles(probe, TITLE_TYPES, BODY_TYPES)
        if body is None:
            raise InputError("the template's content layout has no body placeholder")
        self._layout_content(title_ph, body)
        self._make_room(body, spec.source_line)
        box = self._box(body)
        sizes = (SLIDES.quote_size, 24, 22, 20, 18) if spec.kind == "quote" else (24, 22, 20, 18)
        full_title = clean(spec.title)
        head, shortened = self._fit_title(title_ph, full_title, "")
        if shortened:
            paras.insert(0, textfit.Para(full_title, bold=True, plain=True))
        size, pages = textfit.paginate(paras, box, sizes)
        for i, page in enumerate(pages):
            slide = probe if i == 0 else self._new(self.layouts.content)
            title_ph, body = _roles(slide, TITLE_TYPES, BODY_TYPES)
            if i:
                self._layout_content(title_ph, body)
                self._make_room(body, spec.source_line)
            suffix = "" if i == 0 else (" (cont.)" if i == 1 else f" (cont. {i})")
            self._set_title(slide, title_ph, full_title, suffix=suffix)
            self._fill(body, page, size, italic=spec.kind == "quote")
            self._source_line(slide, body, spec.source_line)
            self._decorate(slide)
            notes = spec.notes if i == 0 else f"Continued from the previous slide.\n\n{spec.notes}"
            self._notes(slide, notes)

    def _chart_slide(self, spec: Slide, chart: Chart) -> None:
        slide = self._new(self.layouts.title_only)
        (title,) = _roles(slide, TITLE_TYPES)
        for ph in list(slide.placeholders):
            if ph is not title and ph._element is not title._element:
                ph._element.getparent().remove(ph._element)
        if self.branded:
            self._place(title, SLIDES.margin, SLIDES.title_top, SLIDES.body_width, SLIDES.title_height)
        self._set_title(slide, title, chart.title)
        left, top = title.left, title.top + title.height + Emu(int(0.1 * 914400))
        width = self.prs.slide_width - 2 * left
        caption = " ".join(x for x in (chart.note, f"Source: {chart.citation}.") if x)
        cap_box = textfit.Box(width / EMU_PER_PT - 14.4, 10_000, 0)
        cap_size = 18
        cap_lines = len(textfit.wrap(caption, cap_size, cap_box.width))
        cap_height = Emu(int((cap_lines * cap_size * 1.2 + 10) * EMU_PER_PT))
        bottom = self.prs.slide_height - Emu(SLIDES.footer_height) - Emu(int(0.1 * 914400))
        height = bottom - top - cap_height
        frame = slide.shapes.add_chart(CHART_TYPES[chart.kind], left, top, width, height,
                                       _chart_data(chart))
        _describe(frame, f"Chart: {chart.title}", chart.alt_text)
        self._style_chart(frame.chart, chart)
        text = slide.shapes.add_textbox(left, top + height, width, cap_height)
        tf = text.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        run = tf.paragraphs[0].add_run()
        run.text = clean(caption)
        self._font(run.font, cap_size, colour=self.colours.muted)
        self._decorate(slide)
        self._notes(slide, spec.notes)

    # --- pieces -------------------------------------------------------------------------

    def _make_room(self, body, source_line: str | None) -> None:
        """A point's source line goes under its body, which gives up the height of one line."""
        if source_line:
            self._place(body, body.left, body.top, body.width,
                        body.height - Emu(int(SOURCE_LINE_SIZE * 1.6 * EMU_PER_PT)))

    def _source_line(self, slide, body, source_line: str | None) -> None:
        if not source_line:
            return
        box = slide.shapes.add_textbox(body.left, body.top + body.height, body.width,
                                       Emu(int(SOURCE_LINE_SIZE * 1.6 * EMU_PER_PT)))
        _describe(box, "Source", "")
        tf = box.text_frame
        tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
        limit = textfit.Box((box.width - 2 * 91440) / EMU_PER_PT, 0, 0)
        run = tf.paragraphs[0].add_run()
        run.text = textfit.fit_title(clean(source_line), limit, (SOURCE_LINE_SIZE,), 1)[1]
        self._font(run.font, SOURCE_LINE_SIZE, colour=self.colours.muted)

    def _new(self, layout):
        self.number += 1
        slide = self.prs.slides.add_slide(layout)
        if self.branded and self.colours.background != "FFFFFF":
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(self.colours.background)
        return slide

    def _layout_content(self, title, body) -> None:
        if self.branded:
            self._place(title, SLIDES.margin, SLIDES.title_top, SLIDES.body_width, SLIDES.title_height)
            self._place(body, SLIDES.margin, SLIDES.body_top, SLIDES.body_width, SLIDES.body_height)

    def _place(self, shape, left: int, top: int, width: int, height: int) -> None:
        shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)

    def _box(self, shape) -> textfit.Box:
        tf = shape.text_frame
        if self.branded:
            for side in ("margin_left", "margin_right"):
                setattr(tf, side, Emu(SLIDES.inset))
            tf.margin_top = tf.margin_bottom = Emu(SLIDES.inset // 2)
        inset_w = 2 * SLIDES.inset if self.branded else 2 * 91440
        inset_h = SLIDES.inset if self.branded else 91440
        return textfit.Box((shape.width - inset_w) / EMU_PER_PT, (shape.height - inset_h) / EMU_PER_PT,
                           indent=0.45 * 72, line_spacing=SLIDES.line_spacing,
                           space_before=SLIDES.space_before)

    def _fit_title(self, title, text: str, suffix: str, sizes=None, lines=None) -> tuple[tuple[float, str], bool]:
        box = textfit.Box((title.width - 2 * 91440) / EMU_PER_PT, 0, 0)
        sizes = sizes or (SLIDES.title_size, 30, 28, SLIDES.title_min_size)
        size, fitted = textfit.fit_title(text, box, sizes, lines or SLIDES.title_lines, suffix)
        return (size, fitted), fitted != text + suffix

    def _set_title(self, slide, title, text: str, suffix: str = "", sizes=None, colour=None,
                   lines=None, anchor=MSO_ANCHOR.MIDDLE) -> None:
        text = clean(text)
        (size, fitted), _ = self._fit_title(title, text, suffix, sizes, lines)
        unique, n = fitted, 2
        while unique.casefold() in self.titles:
            unique, n = f"{fitted} ({n})", n + 1
        self.titles.add(unique.casefold())
        tf = title.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = anchor
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        run = p.add_run()
        run.text = unique
        self._font(run.font, size, bold=True, colour=colour or self.colours.primary)

    def _fill(self, body, paras: Sequence[textfit.Para], size: float, colour: str | None = None,
              italic: bool = False, plain: bool = False) -> None:
        tf = body.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.TOP
        _no_autofit(tf)
        for i, para in enumerate(paras):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.level = para.level
            if para.plain or plain:
                _plain(p)
            if i:
                p.space_before = Pt(SLIDES.space_before)
            p.line_spacing = 1.0
            run = p.add_run()
            run.text = para.text
            self._font(run.font, size, bold=para.bold, italic=italic and not para.bold,
                       colour=colour or self.colours.text)

    def _font(self, font, size: float, bold: bool = False, italic: bool = False,
              colour: str | None = None) -> None:
        font.size = Pt(size)
        font.bold = bold
        if italic:
            font.italic = True
        if self.branded and colour and colour not in self.inherited:
            font.color.rgb = RGBColor.from_string(colour)

    def _style_chart(self, chart, spec: Chart) -> None:
        chart.has_title = False
        chart.font.size = Pt(18)
        if self.branded:
            chart.font.name = SLIDES.font
            chart.font.color.rgb = RGBColor.from_string(self.colours.text)
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
                point.format.fill.fore_color.rgb = RGBColor.from_string(SLICE_SHADES[i % len(SLICE_SHADES)])
        else:
            plot.gap_width = 60
            plot.vary_by_categories = False
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor.from_string(self.colours.primary)
            chart.value_axis.visible = False
            chart.value_axis.has_major_gridlines = False
            chart.category_axis.tick_labels.font.size = Pt(18)
            chart.category_axis.format.line.fill.background()
            if spec.kind == "bar":
                chart.category_axis.reverse_order = True
            plot.has_data_labels = True
            for i, point in enumerate(series.points):
                tf = point.data_label.text_frame
                tf.text = spec.labels[i]
                for r in tf.paragraphs[0].runs:
                    r.font.size = Pt(18)
                point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END

    def _band(self, slide, colour: str) -> None:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(colour)

    def _decorate(self, slide) -> None:
        """Accent rule under the title, logo and footer: after the content in reading order."""
        if self.branded:
            rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(SLIDES.margin),
                                          Emu(SLIDES.title_top + SLIDES.title_height),
                                          Emu(int(1.5 * 914400)), Emu(int(0.06 * 914400)))
            rule.fill.solid()
            rule.fill.fore_color.rgb = RGBColor.from_string(self.colours.accent)
            rule.line.fill.background()
            _describe(rule, "Decorative rule", "")
            _mark_decorative(rule)
        self._logo(slide)
        self._footer(slide)

    def _logo(self, slide, large: bool = False) -> None:
        if not self.plan.logo:
            return
        height = Emu(int(SLIDES.logo_height * (1.8 if large else 1)))
        top = Emu(int(0.2 * 914400))
        try:
            pic = slide.shapes.add_picture(str(self.plan.logo), 0, top, height=height)
        except Exception as e:  # python-pptx/PIL raise many kinds for a bad image
            raise InputError(f"logo cannot be read as an image: {e}", file=self.plan.logo) from None
        max_width = Emu(int(2.5 * 914400))
        if pic.width > max_width:
            ratio = max_width / pic.width
            pic.width, pic.height = max_width, Emu(int(pic.height * ratio))
        pic.left = self.prs.slide_width - pic.width - Emu(int(0.3 * 914400))
        _describe(pic, "Logo", f"Logo of {self.plan.branding.partnership}")

    def _footer(self, slide, on_band: bool = False) -> None:
        text = self.plan.branding.footer or self.plan.branding.partnership
        height = Emu(SLIDES.footer_height)
        top = self.prs.slide_height - height
        box = slide.shapes.add_textbox(Emu(SLIDES.margin), top, self.prs.slide_width - 2 * Emu(SLIDES.margin), height)
        _describe(box, "Footer", "")
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        limit = (box.width - 2 * 91440) / EMU_PER_PT - 40
        line = textfit.fit_title(clean(text), textfit.Box(limit, 0, 0), (SLIDES.footer_size,), 1)[1]
        p = tf.paragraphs[0]
        run = p.add_run()
        run.text = f"{line}   |   {self.number}"
        colour = self.colours.on_primary if on_band else self.colours.muted
        self._font(run.font, SLIDES.footer_size, colour=colour)
        p.alignment = PP_ALIGN.RIGHT

    def _notes(self, slide, notes: str) -> None:
        slide.notes_slide.notes_text_frame.text = clean(notes)

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


# --- helpers on python-pptx objects -------------------------------------------------------


def _open(template: Path | None):
    if template is None:
        return Presentation()
    if not template.is_file():
        raise InputError(f"template '{template}' not found", hint="give the path of a .pptx file")
    try:
        prs = Presentation(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise InputError(f"template is not a readable PowerPoint .pptx file ({type(e).__name__})",
                         file=template, hint="open it in PowerPoint and save it as .pptx") from None
    except OSError as e:
        raise InputError(f"template cannot be read: {e}", file=template) from None
    _remove_slides(prs)
    return prs


def _remove_slides(prs) -> None:
    """A template's own sample slides are dropped; its layouts, masters and theme are kept."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)


def _types(layout) -> set:
    return {ph.placeholder_format.type for ph in layout.placeholders}


def _find_layouts(prs, template: Path | None) -> _Layouts:
    """Layouts by the placeholders they hold (title, body, subtitle), never by position."""
    layouts = list(prs.slide_layouts)
    has_title = [lay for lay in layouts if _types(lay) & set(TITLE_TYPES)]
    bodies = [lay for lay in has_title if _types(lay) & set(BODY_TYPES) and not _vertical(lay)]
    content = min(bodies, key=_content_rank, default=None)
    if content is None:
        raise InputError("the template has no slide layout with a title and a body placeholder",
                         file=template, hint="add a 'Title and Content' layout to its slide master")
    title = next((lay for lay in has_title if PP_PLACEHOLDER.SUBTITLE in _types(lay)), content)
    section = next((lay for lay in has_title if "section" in lay.name.lower()), title)
    title_only = next((lay for lay in has_title if _types(lay) <= set(TITLE_TYPES) | {
        PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}), content)
    return _Layouts(title, content, section, title_only)


def _master_styles(prs, font: str, colours: Palette) -> None:
    """Font and colours once, in the theme and the master's text styles, instead of on every run:
    titles in the heading colour, body text in the text colour."""
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
            for fill in rpr.findall(qn("a:solidFill")):
                rpr.remove(fill)
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=colour)
            rpr.insert(0, fill)


def _vertical(layout) -> bool:
    return any(ph._element.ph.get("orient") == "vert" for ph in layout.placeholders)


def _content_rank(layout) -> tuple[int, int]:
    """Prefer one body placeholder (not 'Two Content'), then a name that says content."""
    bodies = sum(ph.placeholder_format.type in BODY_TYPES for ph in layout.placeholders)
    return (bodies != 1, "content" not in layout.name.lower())


def _roles(slide, *wanted: Sequence) -> list:
    """The first placeholder of each wanted kind (or None), reading each placeholder's type once."""
    typed = [(ph.placeholder_format.type, ph) for ph in slide.placeholders]
    return [next((ph for kind, ph in typed if kind in types), None) for types in wanted]


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


def _mark_decorative(shape) -> None:
    """Office's 'decorative' flag, so screen readers skip the shape."""
    cNvPr = shape._element.xpath("./*[1]/p:cNvPr")[0]
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
