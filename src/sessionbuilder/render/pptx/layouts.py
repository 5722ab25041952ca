"""Choosing slide layouts in a trainer's template, as PowerPoint does: by layout type and by the
types and indexes of their placeholders (never by name, which is localised), from the master the
template's own slides use, with each placeholder's geometry inherited layout -> master.

Part of the deck writer, so it may import python-pptx.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from sessionbuilder.render.pptx import template_file as templates
from sessionbuilder.render.style import EMU_PER_PT

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE,) + BODY_TYPES
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom: PowerPoint's defaults
MIN_BODY_PT = 18
MIN_TITLE_PT = 20
MAX_SCAN = 200  # layouts looked at, at most
_XFRM, _OFF, _EXT = qn("a:xfrm"), qn("a:off"), qn("a:ext")


@dataclass(frozen=True)
class Layouts:
    title: object
    content: object
    section: object
    title_only: object


def open_template(path: Path):
    """A python-pptx Presentation of the template, its sample slides removed, and the master its
    slides used (None if it had none)."""
    data = templates.read(path)
    try:
        prs = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, TypeError, AttributeError,
            etree.XMLSyntaxError) as e:
        raise templates.refuse(path, f"is not a readable PowerPoint .pptx or .potx file "
                                     f"({type(e).__name__})") from None
    used = [s.slide_layout.slide_master for s in prs.slides]
    master = max(used, key=used.count) if used else None
    ids = prs.slides._sldIdLst
    for sld in list(ids):  # the template's own sample slides go; layouts, masters, theme stay
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    return prs, master


def theme_of(master) -> templates.ThemeInfo:
    return templates.theme_info(master.part.part_related_by(RT.THEME).blob)


def kind(ph) -> PP_PLACEHOLDER:
    return ph.placeholder_format.type


def first(layout_or_slide, types) -> object | None:
    return next((ph for ph in layout_or_slide.placeholders if kind(ph) in types), None)


def geometry(ph) -> tuple[int, int, int, int] | None:
    """left, top, width, height in EMU, inherited layout -> master; None if nowhere given.
    A shape's own complete position is read directly (python-pptx's properties are slow)."""
    sppr = getattr(ph._element, "spPr", None)
    xfrm = sppr.find(_XFRM) if sppr is not None else None
    if xfrm is not None:
        off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
        if off is not None and ext is not None and int(ext.get("cx")) > 0 and int(ext.get("cy")) > 0:
            return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))
    try:
        g = (ph.left, ph.top, ph.width, ph.height)
    except (AttributeError, KeyError, ValueError):
        return None
    return g if all(v is not None for v in g) and g[2] > 0 and g[3] > 0 else None


def insets(ph) -> tuple[int, int, int, int]:
    """Text insets of a placeholder, from its own bodyPr, its layout's, then its master's."""
    chain = [ph._element]
    layout_ph = getattr(ph, "_base_placeholder", None)
    while layout_ph is not None and len(chain) < 4:
        chain.append(layout_ph._element)
        layout_ph = getattr(layout_ph, "_base_placeholder", None)
    out = []
    for attr, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True):
        value = default
        for el in chain:
            body = el.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if body is not None and body.get(attr) is not None:
                value = int(body.get(attr))
                break
        out.append(value)
    return tuple(out)


def font_of(ph, major: str, minor: str) -> str:
    """The Latin font a placeholder's first-level text is drawn in: named in its own, its
    layout's or its master's list style, else the theme's (major for titles, minor otherwise)."""
    node = ph
    while node is not None:
        latin = node._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/"
                                   f"{qn('a:defRPr')}/{qn('a:latin')}")
        face = latin.get("typeface", "") if latin is not None else ""
        if face:
            return major if face.startswith("+mj") else minor if face.startswith("+mn") else face
        node = getattr(node, "_base_placeholder", None)
    return major if kind(ph) in TITLE_TYPES else minor


def text_height_pt(ph, geo=None) -> float:
    g = geo or geometry(ph)
    if g is None:
        return 0.0
    _, top, _, bottom = insets(ph)
    return (g[3] - top - bottom) / EMU_PER_PT


def _holds(ph, size: float) -> bool:
    return ph is not None and geometry(ph) is not None and text_height_pt(ph) >= size * 1.2


def drawn_box(ph) -> tuple[int, int, int, int] | None:
    """Where the placeholder is drawn: its geometry, turned about its centre if it is rotated a
    quarter turn (rotation inherited like the geometry)."""
    g = geometry(ph)
    node, rotation = ph, 0.0
    while g is not None and node is not None and not rotation:
        rotation = node.rotation
        node = getattr(node, "_base_placeholder", None)
    if g is None or round(rotation) % 180 != 90:
        return g
    cx, cy = g[0] + g[2] // 2, g[1] + g[3] // 2
    return cx - g[3] // 2, cy - g[2] // 2, g[3], g[2]


def bottom_limit(layout_or_slide, top: int, slide_height: int,
                 span: tuple[int, int] | None = None) -> int:
    """How far down a box starting at `top` (and spanning `span`, left to right) may grow: to
    the highest footer, date or number placeholder below it, else to 95% of the slide's height."""
    limit = int(slide_height * 0.95)
    for ph in layout_or_slide.placeholders:
        g = drawn_box(ph) if kind(ph) in FOOTER_TYPES else None
        if g is None or g[1] <= top:
            continue
        if span is not None and (g[0] >= span[1] or g[0] + g[2] <= span[0]):
            continue  # beside the box, not below it
        limit = min(limit, g[1])
    return limit


def picture_background(layout) -> bool:
    """Whether the layout (or its master) is drawn on a picture, whose shapes cannot be seen."""
    for el in (layout._element, layout.slide_master._element):
        bg = el.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is not None:
            return bg.find(f".//{qn('a:blipFill')}") is not None
    return False


def room_pt(ph, layout_or_slide, slide_height: int) -> float:
    """Text height the placeholder would have if grown down to its bottom limit."""
    g = geometry(ph)
    if g is None:
        return 0.0
    grown = (g[0], g[1], g[2],
             bottom_limit(layout_or_slide, g[1], slide_height, (g[0], g[0] + g[2])) - g[1])
    return text_height_pt(ph, grown)


def _vertical(layout) -> bool:
    return any(ph._element.ph.get("orient") == "vert" for ph in layout.placeholders)


def _bodies(layout) -> list:
    return [ph for ph in layout.placeholders if kind(ph) in BODY_TYPES]


def _content_score(layout, slide_height: int) -> tuple | None:
    """Lower is better; None: not a content layout, or one whose body cannot hold a line even
    when grown down to the footer."""
    title, bodies = first(layout, TITLE_TYPES), _bodies(layout)
    if title is None or len(bodies) != 1 or _vertical(layout) or geometry(bodies[0]) is None:
        return None
    if geometry(title) is None:
        return None
    g = geometry(bodies[0])
    grown = room_pt(bodies[0], layout, slide_height) * g[2] / EMU_PER_PT
    if not _holds(bodies[0], MIN_BODY_PT):
        grown *= 0.8  # a box grown beyond the layout's own is second best
    t = geometry(title)
    title_room = (g[1] - t[1] if g[1] > t[1] else t[3]) - sum(insets(title)[1::2])
    if title_room < MIN_TITLE_PT * 1.2 * EMU_PER_PT:
        return None
    return (layout._element.get("type") not in ("obj", "tx"), False, -grown)


def choose(prs, used_master, path: Path) -> tuple[object, Layouts]:
    """The master and layouts to build with. A layout whose boxes are too small is used only if
    no better one exists (its boxes are then grown down towards the footer); a template with no
    layout that can hold a line of body text is refused with one line naming the layout."""
    height = prs.slide_height
    masters = list(prs.slide_masters)
    if used_master is not None:
        masters.sort(key=lambda m: m is not used_master)
    best = None
    for rank, master in enumerate(masters):
        layouts = list(master.slide_layouts)[:MAX_SCAN]
        for i, lay in enumerate(layouts):
            score = _content_score(lay, height)
            if score is not None:
                key = (score[1], rank, score, i)
                if best is None or key < best[0]:
                    best = (key, lay, layouts)
    if best is None:
        raise templates.refuse(path, "has no slide layout with a title and a body placeholder",
                               hint="add a 'Title and Content' layout to its slide master")
    _, content, layouts = best
    body = _bodies(content)[0]
    if room_pt(body, content, height) < MIN_BODY_PT * 1.2:
        raise templates.refuse(
            path, f"layout '{content.name}': its body box is {text_height_pt(body):.0f} pt high, "
                  f"too small for one line of {MIN_BODY_PT} pt text",
            hint="give the layout's body placeholder room for at least one line")
    return _others(layouts, content)


def _others(layouts: list, content) -> tuple[object, Layouts]:
    def typed(t: str):
        return [lay for lay in layouts if lay._element.get("type") == t]

    def with_title(lays):
        return [lay for lay in lays if _holds(first(lay, TITLE_TYPES), MIN_TITLE_PT) and not _vertical(lay)]

    title = next(iter(with_title(typed("title"))), None) or next(iter(with_title(
        [lay for lay in layouts if first(lay, (PP_PLACEHOLDER.CENTER_TITLE,)) is not None
         and first(lay, (PP_PLACEHOLDER.SUBTITLE,)) is not None])), None)
    section = next(iter(with_title(typed("secHead"))), None)
    title = title or section or content
    section = section or title
    title_only = next(iter(with_title(typed("titleOnly"))), None) or next(iter(with_title(
        [lay for lay in layouts if not _bodies(lay) and first(lay, (PP_PLACEHOLDER.SUBTITLE,)) is None])),
        None) or content
    return content.slide_master, Layouts(title, content, section, title_only)
