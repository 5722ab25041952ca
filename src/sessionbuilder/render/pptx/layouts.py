"""Choosing slide layouts in a trainer's template, as PowerPoint does: by layout type and by the
types and indexes of their placeholders (never by name, which is localised), from the master the
template's own slides use, with each placeholder's geometry inherited layout -> master.

Part of the deck writer, so it may import python-pptx.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from sessionbuilder.render.pptx import template_file as templates
from sessionbuilder.render.pptx.placeholders import (BODY_TYPES, FOOTER_TYPES, TITLE_TYPES, Rect,
                                                     bottom_limit, first, geometry, holds, insets, kind,
                                                     room_pt, text_height_pt)
from sessionbuilder.render.style import EMU_PER_PT

MIN_BODY_PT = 18
MIN_TITLE_PT = 20
MIN_ROOM = 0.28  # share of the slide a content layout's body must offer, grown to the footer
MAX_SCAN = 200  # layouts looked at, at most


@dataclass(frozen=True)
class Layouts:
    """The layouts each kind of slide is built on; `boxes`, our own title and body boxes on the
    content layout when its own will not do, and `note`, why (for a warning)."""

    title: object
    content: object
    section: object
    title_only: object
    boxes: tuple[Rect, Rect] | None = None
    note: str = ""


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
        ids.remove(sld)
    for rel in list(prs.part.rels.values()):  # with any slide no list names
        if rel.reltype == RT.SLIDE:
            prs.part.drop_rel(rel.rId)
    return prs, master


def theme_of(master) -> templates.ThemeInfo:
    return templates.theme_info(master.part.part_related_by(RT.THEME).blob)


def _vertical(layout) -> bool:
    return any(ph.element.ph.get("orient") == "vert" for ph in layout.placeholders)


def _bodies(layout) -> list:
    return [ph for ph in layout.placeholders if kind(ph) in BODY_TYPES]


def _content_score(layout, slide_width: int, slide_height: int) -> float | None:
    """The share of the slide a layout's body offers, grown down to the footer; None: not a
    content layout (a title and one body, across), or one whose body cannot hold a line."""
    title, bodies = first(layout, TITLE_TYPES), _bodies(layout)
    if title is None or len(bodies) != 1 or _vertical(layout) or geometry(bodies[0]) is None:
        return None
    if geometry(title) is None:
        return None
    g = geometry(bodies[0])
    room = room_pt(bodies[0], layout, slide_height)
    if room < MIN_BODY_PT * 1.2:
        return None
    if text_height_pt(bodies[0]) >= MIN_BODY_PT * 1.2 * 4:  # the box as the layout draws it,
        room = text_height_pt(bodies[0])                    # when it has room for a few lines
    else:
        room *= 0.8  # a box grown beyond the layout's own is second best
    share = room * EMU_PER_PT * g.width / (slide_width * slide_height)
    t = geometry(title)
    title_insets = insets(title)
    title_room = (g.top - t.top if g.top > t.top else t.height) - title_insets.top - title_insets.bottom
    if title_room < MIN_TITLE_PT * 1.2 * EMU_PER_PT:
        return None
    return share


def choose(prs, used_master, path: Path) -> tuple[object, Layouts]:
    """The master and layouts to build with, as a person would pick them: a layout with a title
    and a body with room (MIN_ROOM of the slide), on the master the template's own slides use,
    of type obj or tx (Title and Content), with the largest body. With none, the closest layout
    and our own title and body boxes in the template's margins (see `own_boxes`)."""
    width, height = prs.slide_width, prs.slide_height
    masters = list(prs.slide_masters)
    if used_master is not None:
        masters.sort(key=lambda m: m is not used_master)
    best = None
    for rank, master in enumerate(masters):
        layouts = list(master.slide_layouts)[:MAX_SCAN]
        for i, lay in enumerate(layouts):
            share = _content_score(lay, width, height)
            if share is not None:
                key = (share < MIN_ROOM, rank, lay.element.get("type") not in ("obj", "tx"), -share, i)
                if best is None or key < best[0]:
                    best = (key, lay, layouts)
    if best is not None and not best[0][0]:
        return _others(best[2], best[1])
    if best is not None:
        content, layouts = best[1], best[2]
        note = (f"its '{content.name}' layout leaves little room for text, so the deck's own "
                f"title and body boxes are placed in its margins")
    else:
        content, layouts = _closest(masters, path)
        note = (f"it has no layout with a title and a body placeholder that holds a line of text, so "
                f"the deck's own title and body boxes are placed on its '{content.name}' layout, in "
                f"its margins")
    master, chosen = _others(layouts, content)
    return master, replace(chosen, boxes=own_boxes(content, width, height), note=note)


def _closest(masters: list, path: Path) -> tuple[object, list]:
    """The layout nearest to 'Title and Content' when none has both: one with a title and no
    other text box, else the one with the fewest placeholders (a blank one)."""
    candidates = [(rank, i, lay, layouts) for rank, master in enumerate(masters)
                  for layouts in [list(master.slide_layouts)[:MAX_SCAN]] for i, lay in enumerate(layouts)]
    if not candidates:
        raise templates.refuse(path, "has no slide layouts", hint="save it from PowerPoint as a .potx")

    def score(c):
        rank, i, lay, _ = c
        text = [ph for ph in lay.placeholders if kind(ph) not in FOOTER_TYPES]
        titled = first(lay, TITLE_TYPES) is not None and geometry(first(lay, TITLE_TYPES)) is not None
        drawn = any(sh.has_text_frame and sh.text_frame.text.strip() for sh in lay.shapes
                    if not sh.is_placeholder)  # text the layout shows on every slide
        return (rank, drawn, not (titled and len(text) == 1), len(text), i)
    _, _, lay, layouts = min(candidates, key=score)
    return lay, layouts


def own_boxes(layout, width: int, height: int) -> tuple[Rect, Rect]:
    """A title box and a body box of our own on `layout`: across the width its title and body
    span (else the slide less 6% each side), the title from its own top if that is near the top
    (else 5% down) and at most 16% of the slide high, the body from under it down to the footer."""
    title = first(layout, TITLE_TYPES)
    bodies = _bodies(layout)
    own_title = geometry(title) if title is not None else None
    boxes = [g for g in (own_title, geometry(bodies[0]) if len(bodies) == 1 else None) if g is not None]
    left = min((g.left for g in boxes), default=int(width * 0.06))
    right = max((g.right for g in boxes), default=width - left)
    if right - left < width * 0.6:  # a narrow title box: the slide's own margins instead
        left, right = min(left, int(width * 0.06)), max(right, width - int(width * 0.06))
    top = own_title.top if own_title and own_title.top <= height * 0.2 else int(height * 0.05)
    title_height = min(own_title.height if own_title else height, int(height * 0.16))
    title_box = Rect(left, top, right - left, title_height)
    body_top = title_box.bottom + int(height * 0.02)
    bottom = bottom_limit(layout, body_top, height, Rect(left, body_top, right - left, 1))
    return title_box, Rect(left, body_top, right - left, max(bottom - body_top, int(height * 0.3)))


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
