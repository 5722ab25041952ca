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

from sessionbuilder.render.pptx import template_file as templates
from sessionbuilder.render.pptx.placeholders import (BODY_TYPES, TITLE_TYPES, first, geometry, holds, insets,
                                                     kind, room_pt, text_height_pt)
from sessionbuilder.render.style import EMU_PER_PT

MIN_BODY_PT = 18
MIN_TITLE_PT = 20
MAX_SCAN = 200  # layouts looked at, at most


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
    ids = prs.slides.element
    for sld in list(ids):  # the template's own sample slides go; layouts, masters, theme stay
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    return prs, master


def theme_of(master) -> templates.ThemeInfo:
    return templates.theme_info(master.part.part_related_by(RT.THEME).blob)


def _vertical(layout) -> bool:
    return any(ph.element.ph.get("orient") == "vert" for ph in layout.placeholders)


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
    grown = room_pt(bodies[0], layout, slide_height) * g.width / EMU_PER_PT
    if not holds(bodies[0], MIN_BODY_PT):
        grown *= 0.8  # a box grown beyond the layout's own is second best
    t = geometry(title)
    title_insets = insets(title)
    title_room = (g.top - t.top if g.top > t.top else t.height) - title_insets.top - title_insets.bottom
    if title_room < MIN_TITLE_PT * 1.2 * EMU_PER_PT:
        return None
    return (layout.element.get("type") not in ("obj", "tx"), False, -grown)


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
        return [lay for lay in layouts if lay.element.get("type") == t]

    def with_title(lays):
        return [lay for lay in lays if holds(first(lay, TITLE_TYPES), MIN_TITLE_PT) and not _vertical(lay)]

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
