"""Turn a SessionPlan into an editable PowerPoint deck: real layouts and placeholders, native
charts with alt text, speaker notes, and text measured so that it never leaves its box.

The render/pptx/ package is the only one that imports python-pptx: this module lays out the
slides; look.py the default master and layouts, charts.py native charts, oxml.py low-level
DrawingML (and the only private python-pptx access), package.py part names and fixed dates,
placeholders.py where a template's placeholders sit (`Rect`), layouts.py the choice of a
template's layouts, template_file.py reading a user's template as untrusted input.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from sessionbuilder.text import fit as textfit
from sessionbuilder.text.fontmetrics import has_wide
from sessionbuilder.render.pptx.notes import speaker_notes
from sessionbuilder.session.kinds import SlideKind
from sessionbuilder.session.notes import Notes
from sessionbuilder.session.plan import Chart, SessionPlan, Slide
from sessionbuilder.render.pptx import layouts as pptx_template
from sessionbuilder.render.pptx import oxml
from sessionbuilder.render.pptx import placeholders as phs
from sessionbuilder.render.pptx.charts import CHART_TYPES, ChartStyler, chart_data, valid_axis_ids
from sessionbuilder.render.pptx.look import DefaultLook, Look, default_layouts, default_look, template_look
from sessionbuilder.render.pptx.package import FIXED_DATE, Parts, fast_partnames, fixed_workbook_dates
from sessionbuilder.render.pptx.placeholders import BODY_TYPES, SUBTITLE_TYPES, TITLE_TYPES, Insets, Rect
from sessionbuilder.render.pptx.oxml import (add_line_box, add_placeholder, add_run, describe,
                                             field_xml, ph_key, plain, roles, run_xml, clean)
from sessionbuilder.render.style import EMU_PER_PT, SLIDES, palette
from sessionbuilder.render.zipdates import fixed_dates

__all__ = ["clean", "render", "render_numbered", "slide_count"]

SOURCE_LINE_SIZE = 14  # the dated source under a learning point
BODY_SIZES = (24, 22, 20, 18)
SUBTITLE_SIZES = (24, 22, 20, 18)
FOOTER_SIZES = (12, 11, 10, 9)
TITLE_LINES = 3
_XFRM = qn("a:xfrm")


def render(plan: SessionPlan, template: Path | None = None) -> bytes:
    return render_numbered(plan, template)[0]


def render_numbered(plan: SessionPlan, template: Path | None = None) -> tuple[bytes, list[int], list[str]]:
    """The deck; the slide number each planned slide begins on (a long one continues over
    the slides that follow), so a running order can name the deck's own slide numbers; and
    warnings (what was done to make a template usable)."""
    starts = []
    deck = _Deck(plan, template)
    for slide in plan.slides:
        starts.append(len(deck.prs.slides) + 1)
        deck.add(slide)
    warnings = [f"template '{template.name}': {deck.layouts.note}"] if template and deck.layouts.note else []
    return deck.save(), starts, warnings


def slide_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(1 for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))


class _Deck:
    """One pass over the plan, slide by slide; python-pptx objects stay inside this class.

    Formatting lives on the master and layouts (the default look is written there once, a
    template brings its own); slides carry their text, its fitted size and their placeholders.
    What each layout's placeholders measure is read once and cached.
    """

    def __init__(self, plan: SessionPlan, template: Path | None) -> None:
        self.plan = plan
        colours = palette(plan.branding)
        if template is None:
            self.prs = Presentation()
            self.prs.slide_width, self.prs.slide_height = Emu(SLIDES.width), Emu(SLIDES.height)
            master = self.prs.slide_master
            self.layouts = default_layouts(master)
            DefaultLook(self.prs, master, self.layouts, plan, colours).apply()
            self.look: Look = default_look(colours, master)
        else:
            self.prs, used = pptx_template.open_template(template)
            master, self.layouts = pptx_template.choose(self.prs, used, template)
            self.look = template_look(colours, master, self.layouts.content,
                                      pptx_template.theme_of(master))
        self.charts = ChartStyler(self.look)
        self.titles: set[str] = set()
        self.number = 0
        self.cache: dict[tuple, object] = {}
        self.bare: dict[int, object] = {}  # emptied copies of layout placeholders, for _chrome
        fast_partnames(self.prs)
        self.parts = Parts(self.prs)
        self._set_properties()

    # --- slides -------------------------------------------------------------------------

    def add(self, spec: Slide) -> None:
        WRITERS[spec.kind](self, spec)

    def _title_slide(self, spec: Slide) -> None:
        layout = self.layouts.title
        slide = self._new(layout)
        title, subtitle = self._roles(slide, layout, TITLE_TYPES, SUBTITLE_TYPES)
        self._set_title(slide, layout, title, spec.title, sizes=self._big_title_sizes(), lines=None)
        lines = [t for t in (spec.subtitle or "", self.plan.branding.partnership) if t]
        self._fill_short(slide, layout, subtitle, [textfit.Para(clean(t), plain=True) for t in lines])
        self._notes(slide, spec.notes)

    def _section_slide(self, spec: Slide) -> None:
        layout = self.layouts.section
        slide = self._new(layout)
        title, body = self._roles(slide, layout, TITLE_TYPES, SUBTITLE_TYPES)
        self._set_title(slide, layout, title, spec.title, sizes=self._big_title_sizes(), lines=None)
        paras = [textfit.Para(clean(spec.subtitle), plain=True)] if spec.subtitle else []
        self._fill_short(slide, layout, body, paras)
        self._chrome(slide, layout)
        self._notes(slide, spec.notes)

    def _text_slides(self, spec: Slide) -> None:
        paras = [textfit.Para(clean(b.text), b.level, b.bold, b.plain, lead=clean(b.lead))
                 for b in spec.bullets]
        if spec.kind == "quote" and spec.quote:
            paras = [textfit.Para(f"“{clean(spec.quote)}”", plain=True),
                     textfit.Para(f"— {clean(spec.citation or '')}", plain=True, bold=True)]
        source_line = clean(getattr(spec, "source_line", None) or "")
        layout = self.layouts.content
        probe = self._new(layout)
        title_ph, body = self._roles(probe, layout, TITLE_TYPES, BODY_TYPES)
        full_title = clean(spec.title)
        shortened = self._title_box_fit(probe, layout, title_ph, full_title) != full_title
        if shortened:
            paras.insert(0, textfit.Para(full_title, bold=True, plain=True))
        sizes = (SLIDES.quote_size, *BODY_SIZES) if spec.kind == "quote" else BODY_SIZES
        box = self._box(probe, layout, body, [p.text for p in paras], source_line)
        size, pages = textfit.paginate(paras, box, sizes)
        for i, page in enumerate(pages):
            slide = probe if i == 0 else self._new(layout)
            if i:
                title_ph, body = self._roles(slide, layout, TITLE_TYPES, BODY_TYPES)
                self._box(slide, layout, body, [], source_line)  # the same room as on the first slide
            suffix = "" if i == 0 else (" (cont.)" if i == 1 else f" (cont. {i})")
            self._set_title(slide, layout, title_ph, full_title, suffix=suffix)
            self._fill(body, page, size, italic=spec.kind == "quote")
            self._source_line(slide, layout, body, source_line)
            self._chrome(slide, layout)
            self._notes(slide, spec.notes, continued=i > 0)

    def _chart_slide(self, spec: Slide, chart: Chart) -> None:
        layout = self.layouts.title_only
        slide = self._new(layout)
        (title,) = self._roles(slide, layout, TITLE_TYPES)
        for ph in list(slide.placeholders):
            if ph.element is not title.element:
                ph.element.getparent().remove(ph.element)
        area = (self.layouts.boxes[1] if self.layouts.boxes
                else phs.geometry(phs.first(self.layouts.content, BODY_TYPES)))
        t = self._geo(layout, title)
        self._set_title(slide, layout, title, chart.title, limit=area.top if t.top < area.top else None)
        t = self._geo(layout, title)
        beside = t.right <= area.left or t.left >= area.right
        top = area.top if beside else max(area.top, t.bottom + Emu(int(0.05 * 914400)))
        bottom = phs.bottom_limit(layout, top, self.prs.slide_height, area)
        caption = clean(" ".join(x for x in (chart.note, f"Source: {chart.citation}.") if x))
        cap_box = textfit.for_font(textfit.Box((area.width - 2 * 91440) / EMU_PER_PT, 10_000, 0),
                                   self.look.body_font, [caption])
        cap_size = 18
        cap_lines = len(textfit.wrap(caption, cap_size, cap_box.width, font=cap_box.font))
        cap_height = Emu(int((cap_lines * textfit.line_height(cap_size, cap_box) + 10) * EMU_PER_PT))
        height = max(bottom - top - cap_height, Emu(914400))
        with fixed_workbook_dates():
            frame = slide.shapes.add_chart(CHART_TYPES[chart.kind], area.left, top, area.width, height,
                                           chart_data(chart))
        describe(frame, f"Chart: {chart.title}", chart.alt_text)
        self.charts.style(frame.chart, chart, area.width)
        valid_axis_ids(frame.chart)
        text = slide.shapes.add_textbox(area.left, top + height, area.width, cap_height)
        describe(text, "Chart source", "")
        tf = text.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        run = tf.paragraphs[0].add_run()
        run.text = caption
        self._font(run, cap_size)
        run.font.color.rgb = RGBColor.from_string(self.look.muted)
        self._chrome(slide, layout)
        self._notes(slide, spec.notes)

    # --- pieces -------------------------------------------------------------------------

    def _big_title_sizes(self) -> tuple[float, ...]:
        """A title or section slide's title; a template's title box may be small: 20 pt before
        the title is shortened."""
        return (SLIDES.big_title_size, 36, 32, 28, 24) + (() if self.look.branded else (20,))

    def _roles(self, slide, layout, *wanted) -> list:
        """The slide's placeholders of each wanted kind (title first, then body); on a layout
        given our own boxes, placed in them, and added where the layout has none."""
        found = roles(slide, *wanted)
        boxes = self.layouts.boxes if layout is self.layouts.content else None
        for i, rect in enumerate(boxes[:len(wanted)] if boxes else ()):
            if found[i] is None:
                found[i] = oxml.add_own_placeholder(slide, "title" if i == 0 else "body", rect,
                                                    phs.DEFAULT_INSETS)
            else:
                oxml.set_geometry(found[i], *rect)
        return found

    def _new(self, layout):
        self.number += 1
        return self.parts.slide(layout)

    def _base(self, layout, ph):
        """The layout placeholder `ph` (on a slide) inherits from, found once per layout."""
        key = ("base", id(layout), ph_key(ph))
        if key not in self.cache:
            self.cache[key] = phs.layout_placeholder(layout, ph)
        return self.cache[key]

    def _geo(self, layout, ph) -> Rect | None:
        """Geometry of a placeholder on a slide: its own, or its layout's (read through
        python-pptx's inheritance once per layout and placeholder, which is slow)."""
        if ph.element.spPr.find(_XFRM) is not None:  # its own position, read directly
            return phs.geometry(ph)
        key = ("geo", id(layout), ph_key(ph))
        if key not in self.cache:
            base = self._base(layout, ph)
            self.cache[key] = phs.geometry(base) if base is not None else None
        return self.cache[key]

    def _pin(self, layout, ph) -> None:
        """Write the box that was measured on the slide's placeholder itself, so every client
        draws it there whatever its rules of inheritance."""
        if ph.element.spPr.find(_XFRM) is None:
            g = self._geo(layout, ph)
            if g is not None:
                oxml.place(ph, g)

    def _insets(self, layout, ph) -> Insets:
        key = ("insets", id(layout), ph_key(ph))
        if key not in self.cache:
            base = self._base(layout, ph)
            ins = phs.insets(base) if base is not None else Insets(*phs.DEFAULT_INSETS)
            # measured with room above and below at least PowerPoint's default: glyphs' ascents
            # and descents reach past their lines in a box with none
            low = phs.DEFAULT_INSETS[1]
            self.cache[key] = ins._replace(top=max(ins.top, low), bottom=max(ins.bottom, low))
        return self.cache[key]

    def _box(self, slide, layout, ph, texts: Sequence[str], source_line: str = "") -> textfit.Box:
        """The text room of a body placeholder, grown down towards the footer if the layout's
        box cannot hold a line of body text; a point's source line takes a line under it."""
        ins = self._insets(layout, ph)
        self._pin(layout, ph)
        if (self._geo(layout, ph).height - ins.top - ins.bottom) / EMU_PER_PT < min(BODY_SIZES) * 1.2 * 1.45:
            self._grow(slide, layout, ph)
        if source_line:
            g = self._geo(layout, ph)
            ph.left, ph.top, ph.width = Emu(g.left), Emu(g.top), Emu(g.width)
            ph.height = Emu(g.height - self._source_height())
        g = self._geo(layout, ph)
        box = textfit.Box((g.width - ins.left - ins.right) / EMU_PER_PT,
                          (g.height - ins.top - ins.bottom) / EMU_PER_PT,
                          indent=self.look.indent, space_before=SLIDES.space_before)
        return textfit.for_font(box, self._font_of(layout, ph), texts)

    def _source_height(self) -> int:
        line = textfit.for_font(textfit.Box(0, 0, 0), self.look.body_font).line_spacing
        return int((SOURCE_LINE_SIZE * line + 7.2) * EMU_PER_PT)

    def _source_line(self, slide, layout, body, source_line: str) -> None:
        """The point's dated source in one line under its body, at 14 pt, shortened to fit."""
        if not source_line:
            return
        g = self._geo(layout, body)
        limit = textfit.for_font(textfit.Box((g.width - 2 * 91440) / EMU_PER_PT, 0, 0),
                                 self.look.body_font, [source_line])
        text = textfit.fit_title(source_line, limit, (SOURCE_LINE_SIZE,), 1, bold=False)[1]
        add_line_box(slide.shapes, "Source", (g.left, g.bottom, g.width, self._source_height()),
                     text, SOURCE_LINE_SIZE, self.look.muted,
                     self.look.ea_font if has_wide(text) else None)

    def _font_of(self, layout, ph) -> str:
        if self.look.branded:
            return self.look.title_font
        key = ("font", id(layout), ph_key(ph))
        if key not in self.cache:
            base = self._base(layout, ph)
            if base is not None:
                self.cache[key] = phs.font_of(base, self.look.title_font, self.look.body_font)
            else:
                title = phs.kind(ph) in TITLE_TYPES
                self.cache[key] = self.look.title_font if title else self.look.body_font
        return self.cache[key]

    def _grow(self, slide, layout, ph, limit: int | None = None) -> None:
        """Extend a box too small for its text down to the footer, or to the top of the next
        box below it on the slide (or to `limit`)."""
        g = self._geo(layout, ph)
        limit = min(limit or self.prs.slide_height,
                    phs.bottom_limit(layout, g.top, self.prs.slide_height, g))
        for other in slide.placeholders:
            o = self._geo(layout, other) if other.element is not ph.element else None
            if o is not None and o.top > g.top and g.overlaps_columns(o):
                limit = min(limit, o.top)
        if limit - g.top > g.height:
            ph.left, ph.top, ph.width, ph.height = Emu(g.left), Emu(g.top), Emu(g.width), Emu(limit - g.top)

    def _title_fit(self, layout, title, text: str, suffix: str, sizes,
                   lines: int | None = TITLE_LINES) -> tuple[float, str]:
        ins = self._insets(layout, title)
        g = self._geo(layout, title)
        font = self._font_of(layout, title)
        key = ("title", g, ins.left + ins.right, ins.top + ins.bottom, font, text, suffix,
               tuple(sizes), lines)
        if key not in self.cache:  # each title is fitted before and while it is set
            inner = textfit.Box((g.width - ins.left - ins.right) / EMU_PER_PT,
                                (g.height - ins.top - ins.bottom) / EMU_PER_PT, 0)
            box = textfit.for_font(inner, font, [text])
            self.cache[key] = textfit.fit_title(text, box, sizes, lines, suffix)
        return self.cache[key]

    def _title_box_fit(self, slide, layout, title, text: str, suffix: str = "",
                       sizes=None, limit: int | None = None, lines: int | None = TITLE_LINES) -> str:
        sizes = sizes or self.look.title_sizes
        try:
            return self._title_fit(layout, title, text, suffix, sizes, lines)[1]
        except textfit.NoRoom:
            self._grow(slide, layout, title, limit)
            return self._title_fit(layout, title, text, suffix, sizes, lines)[1]

    def _set_title(self, slide, layout, title, text: str, suffix: str = "",
                   sizes=None, limit: int | None = None, lines: int | None = TITLE_LINES) -> None:
        """The title at the largest size that fits its box (`lines` lines at most, or as many as
        the box holds when None), shortened with an ellipsis only if nothing fits."""
        text = clean(text)
        sizes = sizes or self.look.title_sizes
        self._pin(layout, title)
        self._title_box_fit(slide, layout, title, text, suffix, sizes, limit, lines)
        size, fitted = self._title_fit(layout, title, text, suffix, sizes, lines)
        unique, n = fitted, 2
        while unique.casefold() in self.titles:
            unique, n = f"{fitted} ({n})", n + 1
        self.titles.add(unique.casefold())
        tf = title.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        p = tf.paragraphs[0]
        if not self.look.branded:  # the template's own spacing may differ from what was measured
            p.space_before, p.space_after, p.line_spacing = Pt(0), Pt(0), 1.0
        self._run(p, unique, size)

    def _fill_short(self, slide, layout, ph, paras: list[textfit.Para]) -> None:
        """Subtitle or section text: one box, shrunk to fit; if it still does not fit, the box
        grown down as far as the text needs (never past the footer or the next box), and only
        then shortened with "…" (the notes keep it whole). The placeholder is removed when there
        is nothing to put in it or no room at all."""
        if ph is None:
            return
        try:
            if paras:
                box = self._box(slide, layout, ph, [p.text for p in paras])
                smallest = min(SUBTITLE_SIZES)
                if not textfit.fits(paras, smallest, box):
                    g, ins = self._geo(layout, ph), self._insets(layout, ph)
                    need = textfit.total_height(paras, smallest, box) * EMU_PER_PT + ins.top + ins.bottom
                    if phs.picture_background(layout):  # unseen shapes below
                        need = min(need, g.height + textfit.line_height(smallest, box) * EMU_PER_PT)
                    self._grow(slide, layout, ph, limit=g.top + int(need) + 1)
                    box = self._box(slide, layout, ph, [p.text for p in paras])
                size, fitted = textfit.fit_paras(paras, box, SUBTITLE_SIZES)
                self._fill(ph, fitted, size)
                return
        except textfit.NoRoom:
            pass
        ph.element.getparent().remove(ph.element)

    def _fill(self, body, paras: Sequence[textfit.Para], size: float, italic: bool = False) -> None:
        tf = body.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        for i, para in enumerate(paras):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if para.level:
                p.level = para.level
            if para.plain:
                plain(p)
            if not self.look.branded:  # the template's own spacing may differ from what was measured
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
        add_run(p, text, size, bold, italic, self.look.ea_font if has_wide(text) else None)

    def _font(self, run, size: float, bold: bool = False, italic: bool = False) -> None:
        font = run.font
        font.size = Pt(size)
        if bold:
            font.bold = True
        if italic:
            font.italic = True
        if has_wide(run.text):  # CJK drawn in an East Asian font, as measured (full width)
            oxml.east_asian(run, self.look.ea_font)

    def _chrome(self, slide, layout) -> None:
        """The layout's own footer and slide-number placeholders, filled: the partnership's
        footer text and a slidenum field, so numbers follow the slides when they are moved."""
        key = ("chrome", id(layout))
        if key not in self.cache:
            self.cache[key] = (phs.first(layout, (PP_PLACEHOLDER.FOOTER,)),
                               phs.first(layout, (PP_PLACEHOLDER.SLIDE_NUMBER,)))
        footer, number = self.cache[key]
        if footer is not None:
            text = clean(self.plan.branding.footer or self.plan.branding.partnership)
            fitted = self._one_line(layout, footer, text)
            if fitted:
                ea = self.look.ea_font if has_wide(fitted[1]) else None
                add_placeholder(slide, footer, run_xml(fitted[0], fitted[1], ea), self.bare,
                                *self._placed(footer))
        if number is not None:
            fitted = self._one_line(layout, number, "888")
            xfrm, box = self._placed(number)
            if not fitted and box is not None:  # a box too small for its own number: grown
                fitted, box = self._number_box(layout, number, box)
            if fitted:
                add_placeholder(slide, number, field_xml(str(self.number), fitted[0]), self.bare,
                                xfrm, box)

    def _placed(self, layout_ph) -> tuple[object, Rect | None]:
        """Where a layout placeholder is drawn: the xfrm that places it, and its box (once each:
        python-pptx's inheritance is slow)."""
        key = ("placed", id(layout_ph.element))
        if key not in self.cache:
            self.cache[key] = (phs.placed_by(layout_ph), phs.geometry(layout_ph))
        return self.cache[key]

    def _number_box(self, layout, number, g: Rect) -> tuple[tuple[float, str] | None, Rect]:
        """A slide-number box grown about its centre, right edge kept, to hold "888" at the
        smallest footer size: some templates draw the number in a box a few points wide."""
        key = ("number box", id(layout))
        if key not in self.cache:
            ins, size = phs.insets(number), min(FOOTER_SIZES)
            font = self._font_of(layout, number)
            box = textfit.for_font(textfit.Box(0, 0, 0), font, ["888"])
            width = int((textfit.word_width("888", size, font=font) / textfit.SAFETY + 2) * EMU_PER_PT
                        + ins.left + ins.right)
            height = int(textfit.line_height(size, box) * EMU_PER_PT + ins.top + ins.bottom)
            width, height = max(width, g.width), max(height, g.height)
            grown = Rect(max(0, g.right - width), max(0, g.top + g.height // 2 - height // 2), width, height)
            self.cache[key] = ((size, "888"), grown)
        return self.cache[key]

    def _one_line(self, layout, ph, text: str) -> tuple[float, str] | None:
        key = ("line", id(layout), ph_key(ph), text)
        if key not in self.cache:
            self.cache[key] = self._fit_line(layout, ph, text)
        return self.cache[key]

    def _fit_line(self, layout, ph, text: str) -> tuple[float, str] | None:
        g = phs.geometry(ph)
        if g is None:
            return None
        ins = phs.insets(ph)
        box = textfit.for_font(textfit.Box((g.width - ins.left - ins.right) / EMU_PER_PT,
                                           (g.height - ins.top - ins.bottom) / EMU_PER_PT, 0),
                               self._font_of(layout, ph), [text])
        if box.width < 12:
            return None
        try:
            return textfit.fit_title(text, box, FOOTER_SIZES, 1, bold=False)
        except textfit.NoRoom:
            return None

    def _notes(self, slide, notes: Notes, continued: bool = False) -> None:
        self.parts.notes_text(slide, clean(speaker_notes(notes, continued)))

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
        return fixed_dates(out.getvalue())


def _chart_or_text(deck: _Deck, spec: Slide) -> None:
    if spec.chart:
        deck._chart_slide(spec, spec.chart)
    else:
        deck._text_slides(spec)


# How each kind of slide is drawn; a kind missing here fails tests/session/test_kinds.py.
K = SlideKind
WRITERS = {K.TITLE: _Deck._title_slide, K.SECTION: _Deck._section_slide, K.CHART: _chart_or_text,
           **dict.fromkeys((K.BULLETS, K.QUOTE, K.POINT, K.DISCUSSION, K.REFERENCES, K.CONTACTS,
                            K.CASE_EXTRACT, K.ESTIMATE, K.PAIRS, K.COMMITMENT), _Deck._text_slides)}
