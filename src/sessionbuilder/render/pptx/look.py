"""A deck's look: the default one written once on the master and layouts of a deck built without
a template, and `Look`, the fonts, colours and sizes the slides are set in (the default's, or
what is read back from a template's master and theme)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from sessionbuilder.errors import InputError
from sessionbuilder.session.plan import SessionPlan
from sessionbuilder.render.pptx import oxml
from sessionbuilder.render.pptx.layouts import Layouts
from sessionbuilder.render.pptx.placeholders import BODY_TYPES, SUBTITLE_TYPES, TITLE_TYPES, first, kind
from sessionbuilder.render.pptx.oxml import background_fill, clean, set_geometry, text_style
from sessionbuilder.render.style import (EMU_PER_INCH, EMU_PER_PT, MIN_CONTRAST, SLIDES, Palette, contrast,
                                         readable_on)

EA_FONT = "Noto Sans CJK SC"  # East Asian font for CJK runs where the theme names none


@dataclass(frozen=True)
class Look:
    """What the slides are set in, fixed before the first slide: our branding when there is no
    template (`branded`), else the template's fonts, theme colours and background."""

    branded: bool
    colours: Palette
    title_font: str
    body_font: str
    background: str
    indent: float  # points a first-level bullet's text is indented
    theme_colours: dict[str, str] = field(default_factory=dict)
    ea_font: str = EA_FONT

    @property
    def title_sizes(self) -> tuple[float, ...]:
        """A template's title boxes may be small: 20 pt before a title is shortened."""
        return (SLIDES.title_size, 30, 28, SLIDES.title_min_size) + (() if self.branded else (20,))

    @property
    def text_colour(self) -> str:
        """Text drawn on the slide's background by the deck itself (charts, captions)."""
        if self.branded:
            return self.colours.text
        options = [self.theme_colours.get(k) for k in ("dk1", "lt1", "dk2", "lt2")]
        readable = [c for c in options if c and contrast(c, self.background) >= MIN_CONTRAST]
        return readable[0] if readable else readable_on(self.background)

    @property
    def muted(self) -> str:
        """Secondary text: a point's source line, a chart's source."""
        return self.colours.muted if self.branded else self.text_colour


def default_look(colours: Palette, master) -> Look:
    return Look(True, colours, SLIDES.font, SLIDES.font, colours.background, _indent(master))


def template_look(colours: Palette, master, content_layout, info) -> Look:
    return Look(False, colours, _style_font(master, "p:titleStyle", info),
                _style_font(master, "p:bodyStyle", info), _background(content_layout, master, info),
                _indent(master), info.colours)


class DefaultLook:
    """The default look written once on the master and layouts: geometry, fonts, colours, the
    coloured title and section backgrounds, the accent rule, the logo, footer and slide number."""

    def __init__(self, prs, master, layouts: Layouts, plan: SessionPlan,
                 colours: Palette) -> None:
        self.prs, self.master, self.layouts, self.plan, self.c = prs, master, layouts, plan, colours

    def apply(self) -> None:
        c, w, h, m = self.c, SLIDES.width, SLIDES.height, SLIDES.margin
        _master_styles(self.prs, SLIDES.font, c)
        if c.background != "FFFFFF":
            background_fill(self.master.element, c.background)
        footer_top = h - SLIDES.footer_height
        number_width = int(0.9 * EMU_PER_INCH)
        for ph in self.master.placeholders:
            k = kind(ph)
            if k == PP_PLACEHOLDER.FOOTER:
                set_geometry(ph, m, footer_top, w - 2 * m - number_width, SLIDES.footer_height)
                text_style(ph, SLIDES.footer_size, c.muted, align="r", anchor="ctr")
            elif k == PP_PLACEHOLDER.SLIDE_NUMBER:
                set_geometry(ph, w - m - number_width, footer_top, number_width, SLIDES.footer_height)
                text_style(ph, SLIDES.footer_size, c.muted, align="r", anchor="ctr")
            elif k == PP_PLACEHOLDER.DATE:
                set_geometry(ph, m, footer_top, int(2 * EMU_PER_INCH), SLIDES.footer_height)
        lay = self.layouts
        for layout in (lay.content, lay.title_only):
            title = first(layout, TITLE_TYPES)
            set_geometry(title, m, SLIDES.title_top, SLIDES.body_width, SLIDES.title_height)
            text_style(title, None, None, align="l", anchor="ctr")
            body = first(layout, BODY_TYPES)
            if body is not None:
                set_geometry(body, m, SLIDES.body_top, SLIDES.body_width, SLIDES.body_height)
                text_style(body, None, None, anchor="t")
            self._rule(layout)
            self._logo(layout, large=False)
            self._inherit_footer(layout)
        for layout, title_box, body_box in (
                (lay.title, (0.28, 0.3), (0.6, 0.25)), (lay.section, (0.3, 0.25), (0.58, 0.25))):
            background_fill(layout.element, c.primary)
            title = first(layout, TITLE_TYPES)
            set_geometry(title, m, int(h * title_box[0]), SLIDES.body_width, int(h * title_box[1]))
            text_style(title, None, c.on_primary, align="l", anchor="b")
            body = first(layout, SUBTITLE_TYPES)
            set_geometry(body, m, int(h * body_box[0]), SLIDES.body_width, int(h * body_box[1]))
            text_style(body, None, c.on_primary, align="l", anchor="t", bullets=False)
            self._inherit_footer(layout, colour=c.on_primary)
        self._logo(lay.title, large=True)

    def _inherit_footer(self, layout, colour: str | None = None) -> None:
        """Footer and number placeholders on the layout take the master's place and style."""
        for ph in layout.placeholders:
            if kind(ph) in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER,
                                          PP_PLACEHOLDER.DATE):
                xfrm = ph.element.spPr.find(qn("a:xfrm"))
                if xfrm is not None:
                    ph.element.spPr.remove(xfrm)
                if colour:
                    text_style(ph, SLIDES.footer_size, colour, align="r", anchor="ctr")

    def _rule(self, layout) -> None:
        oxml.add_rule(layout.shapes, "Decorative rule",
                      (SLIDES.margin, SLIDES.title_top + SLIDES.title_height,
                       int(1.5 * EMU_PER_INCH), int(0.06 * EMU_PER_INCH)), self.c.accent)

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
        oxml.add_picture(layout.shapes, "Logo", clean(f"Logo of {self.plan.branding.partnership}"), rId,
                         (left, int(0.2 * EMU_PER_INCH), width, height))


def default_layouts(master) -> Layouts:
    by_type = {lay.element.get("type"): lay for lay in master.slide_layouts}
    return Layouts(by_type["title"], by_type["obj"], by_type["secHead"],
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
    oxml.set_blob(theme, etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True))
    styles = prs.slide_master.element.find(qn("p:txStyles"))
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
    latin = master.element.find(f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}/"
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
    for el in (layout.element, master.element):
        bg = el.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        for colour in bg.iter(qn("a:srgbClr"), qn("a:schemeClr")):
            val = colour.get("val", "")
            if colour.tag == qn("a:srgbClr"):
                return val.upper()
            clr_map = master.element.find(qn("p:clrMap"))
            name = _SCHEME_MAP.get(val, val)
            if clr_map is not None:
                name = clr_map.get(val, name)
            return info.colours.get(name, "FFFFFF")
        return info.colours.get("lt1", "FFFFFF")
    return info.colours.get("lt1", "FFFFFF")


def _indent(master) -> float:
    """Points a first-level bullet's text is indented by the master's body style."""
    lvl = master.element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{qn('a:lvl1pPr')}")
    mar = int(lvl.get("marL", "0")) if lvl is not None else 0
    return max(0.45 * 72, mar / EMU_PER_PT)
