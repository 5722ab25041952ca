"""What a template's placeholders are and where they sit: their kinds, their boxes (`Rect`),
text insets and fonts, inherited slide -> layout -> master, and how far a box may grow down.

Part of the deck writer, so it may import python-pptx.
"""

from __future__ import annotations

from typing import NamedTuple

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from sessionbuilder.render.style import EMU_PER_PT

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE,) + BODY_TYPES
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom: PowerPoint's defaults
_XFRM, _OFF, _EXT = qn("a:xfrm"), qn("a:off"), qn("a:ext")


class Rect(NamedTuple):
    """A box on the slide in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def overlaps_columns(self, other: Rect) -> bool:
        """Whether the two share some horizontal span (one may lie above the other)."""
        return other.left < self.right and other.right > self.left


class Insets(NamedTuple):
    """A text frame's insets in EMU."""

    left: int
    top: int
    right: int
    bottom: int


def kind(ph) -> PP_PLACEHOLDER:
    return ph.placeholder_format.type


def first(layout_or_slide, types) -> object | None:
    return next((ph for ph in layout_or_slide.placeholders if kind(ph) in types), None)


def geometry(ph) -> Rect | None:
    """The placeholder's box, inherited layout -> master; None if nowhere given.
    A shape's own complete position is read directly (python-pptx's properties are slow)."""
    sppr = getattr(ph.element, "spPr", None)
    xfrm = sppr.find(_XFRM) if sppr is not None else None
    if xfrm is not None:
        off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
        if off is not None and ext is not None and int(ext.get("cx")) > 0 and int(ext.get("cy")) > 0:
            return Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    try:
        g = (ph.left, ph.top, ph.width, ph.height)
    except (AttributeError, KeyError, ValueError):
        return None
    return Rect(*g) if all(v is not None for v in g) and g[2] > 0 and g[3] > 0 else None


def placed_by(ph):
    """The xfrm element that places a layout placeholder: its own, else its master's (with any
    turn it has); None if neither is complete."""
    node = ph
    while node is not None:
        sppr = getattr(node.element, "spPr", None)
        xfrm = sppr.find(_XFRM) if sppr is not None else None
        if xfrm is not None and xfrm.find(_OFF) is not None and xfrm.find(_EXT) is not None:
            return xfrm
        node = _base(node)
    return None


def insets(ph) -> Insets:
    """Text insets of a placeholder, from its own bodyPr, its layout's, then its master's."""
    chain = [ph.element]
    layout_ph = _base(ph)
    while layout_ph is not None and len(chain) < 4:
        chain.append(layout_ph.element)
        layout_ph = _base(layout_ph)
    out = []
    for attr, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True):
        value = default
        for el in chain:
            body = el.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if body is not None and body.get(attr) is not None:
                value = int(body.get(attr))
                break
        out.append(value)
    return Insets(*out)


def font_of(ph, major: str, minor: str) -> str:
    """The Latin font a placeholder's first-level text is drawn in: named in its own, its
    layout's or its master's list style, else the theme's (major for titles, minor otherwise)."""
    node = ph
    while node is not None:
        latin = node.element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/"
                                  f"{qn('a:defRPr')}/{qn('a:latin')}")
        face = latin.get("typeface", "") if latin is not None else ""
        if face:
            return major if face.startswith("+mj") else minor if face.startswith("+mn") else face
        node = _base(node)
    return major if kind(ph) in TITLE_TYPES else minor


def _base(ph):
    """The master's placeholder a layout's inherits from (by type, as python-pptx finds it)."""
    return getattr(ph, "_base_placeholder", None)


_TITLES = ("title", "ctrTitle")
_FAMILIES = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}


def layout_placeholder(layout, ph):
    """The layout placeholder a slide placeholder inherits from, matched as PowerPoint matches
    them rather than by idx alone (python-pptx's way, which sends every placeholder without an
    idx, as LibreOffice writes them, to the layout's title): the same idx and type; else the
    same type; else the same family (a title, or a body: body, obj, subTitle...)."""
    own = ph.element.ph
    key = (own.get("idx"), own.get("type", "obj"))
    family = _FAMILIES.get(key[1], "body")
    candidates = [(lp, lp.element.ph) for lp in layout.placeholders]
    for test in (lambda el: (el.get("idx"), el.get("type", "obj")) == key,
                 lambda el: key[1] not in ("obj", "body") and el.get("type", "obj") == key[1],
                 lambda el: _FAMILIES.get(el.get("type", "obj"), "body") == family):
        found = next((lp for lp, el in candidates if test(el)), None)
        if found is not None:
            return found
    return None


def text_height_pt(ph, geo: Rect | None = None) -> float:
    g = geo or geometry(ph)
    if g is None:
        return 0.0
    i = insets(ph)
    return (g.height - i.top - i.bottom) / EMU_PER_PT


def holds(ph, size: float) -> bool:
    return ph is not None and geometry(ph) is not None and text_height_pt(ph) >= size * 1.2


def drawn_box(ph) -> Rect | None:
    """Where the placeholder is drawn: its geometry, turned about its centre if it is rotated a
    quarter turn (rotation inherited like the geometry)."""
    g = geometry(ph)
    node, rotation = ph, 0.0
    while g is not None and node is not None and not rotation:
        rotation = node.rotation
        node = _base(node)
    if g is None or round(rotation) % 180 != 90:
        return g
    cx, cy = g.left + g.width // 2, g.top + g.height // 2
    return Rect(cx - g.height // 2, cy - g.width // 2, g.height, g.width)


def bottom_limit(layout_or_slide, top: int, slide_height: int, span: Rect | None = None) -> int:
    """How far down a box starting at `top` (and as wide as `span`) may grow: to the highest
    footer, date or number placeholder below it, else to 95% of the slide's height."""
    limit = int(slide_height * 0.95)
    for ph in layout_or_slide.placeholders:
        g = drawn_box(ph) if kind(ph) in FOOTER_TYPES else None
        if g is None or g.top <= top:
            continue
        if span is not None and not span.overlaps_columns(g):
            continue  # beside the box, not below it
        limit = min(limit, g.top)
    return limit


def room_pt(ph, layout_or_slide, slide_height: int) -> float:
    """Text height the placeholder would have if grown down to its bottom limit."""
    g = geometry(ph)
    if g is None:
        return 0.0
    grown = g._replace(height=bottom_limit(layout_or_slide, g.top, slide_height, g) - g.top)
    return text_height_pt(ph, grown)


def picture_background(layout) -> bool:
    """Whether the layout (or its master) is drawn on a picture, whose shapes cannot be seen."""
    for el in (layout.element, layout.slide_master.element):
        bg = el.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is not None:
            return bg.find(f".//{qn('a:blipFill')}") is not None
    return False
