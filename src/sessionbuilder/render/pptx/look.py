"""The default look of a deck built without a template, written once on the master and layouts,
and what the deck reads back from a template's master (fonts, background, bullet indent)."""

from __future__ import annotations

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.picture import CT_Picture

from sessionbuilder.errors import InputError
from sessionbuilder.session.plan import SessionPlan
from sessionbuilder.render.pptx import layouts as pptx_template
from sessionbuilder.render.pptx.layouts import BODY_TYPES, SUBTITLE_TYPES, TITLE_TYPES
from sessionbuilder.render.pptx.oxml import (_background_fill, _geometry, _mark_decorative_element,
                                             _text_style, clean)
from sessionbuilder.render.style import EMU_PER_INCH, EMU_PER_PT, SLIDES, Palette


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
        alt = clean(f"Logo of {self.plan.branding.partnership}")
        pic = CT_Picture.new_pic(tree._next_shape_id, "Logo", alt, rId, left,
                                 int(0.2 * EMU_PER_INCH), width, height)
        tree.append(pic)


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
            name = _SCHEME_MAP.get(val, val)
            if clr_map is not None:
                name = clr_map.get(val, name)
            return info.colours.get(name, "FFFFFF")
        return info.colours.get("lt1", "FFFFFF")
    return info.colours.get("lt1", "FFFFFF")


def _indent(master) -> float:
    """Points a first-level bullet's text is indented by the master's body style."""
    lvl = master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{qn('a:lvl1pPr')}")
    mar = int(lvl.get("marL", "0")) if lvl is not None else 0
    return max(0.45 * 72, mar / EMU_PER_PT)
