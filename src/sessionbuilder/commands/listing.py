"""Text and JSON views of the library for `list`, `show` and `taxonomy`."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from pathlib import Path

from sessionbuilder.errors import InputError
from sessionbuilder.library.loading import Library, collector_paused, load_library
from sessionbuilder.library.models import LearningPoint, page_label
from sessionbuilder.session.selection import resolve, select

WIDTH = 80


def list_points(libraries: Sequence[Path], audiences, themes, sources, priorities, search: str,
                fmt: str) -> str:
    lib = load_library(libraries)
    points = select(lib, resolve(lib, audiences, themes, sources, priorities, search))
    if fmt == "json":
        with collector_paused():
            return json.dumps([point_json(lib, p) for p in points], ensure_ascii=False)
    return table(points)


def point_json(lib: Library, p: LearningPoint) -> dict:
    data = p.model_dump(exclude_none=True)
    data["source"]["citation"] = lib.cite(p.source.report, p.source.page)
    data["origin"] = str(lib.origins[p.id][0])
    return data


def table(points: Sequence[LearningPoint]) -> str:
    """ID, priority and title in at most 80 columns; ids are never cut (they are typed back into
    `show`), titles wrap under their column."""
    if not points:
        return "No learning points match."
    id_width = min(max(len(p.id) for p in points), 44)
    indent = id_width + 8
    lines = [f"{'ID':<{id_width}}  PRI   TITLE"]
    for p in points:
        title = textwrap.wrap(p.title, WIDTH - indent) or [""]
        head = f"{p.id:<{id_width}}  {p.priority[:4]:<4}  "
        if len(p.id) > id_width:
            lines.append(p.id)
            head = " " * id_width + f"  {p.priority[:4]:<4}  "
        lines.append(head + title[0])
        lines.extend(" " * indent + rest for rest in title[1:])
    lines.append(f"{len(points)} point{'s' * (len(points) != 1)}.")
    return "\n".join(lines)


def show_point(libraries: Sequence[Path], point_id: str) -> str:
    lib = load_library(libraries)
    p = lib.point(point_id)
    if p is None:
        import difflib
        close = difflib.get_close_matches(point_id, [x.id for x in lib.points], n=1)
        raise InputError(f"no learning point with id '{point_id}'",
                         hint=f"did you mean '{close[0]}'?" if close else "run 'sessionbuilder list'")
    wrap = lambda text, indent="  ": textwrap.fill(text, WIDTH, initial_indent=indent,  # noqa: E731
                                                   subsequent_indent=indent)
    out = [p.title, "=" * min(len(p.title), WIDTH), "", wrap(p.summary, ""), "", "What to do:"]
    out += [wrap(f"- {i}") for i in p.implications]
    if p.questions:
        out += ["", "Questions to reflect on:"] + [wrap(f"- {q}") for q in p.questions]
    if p.quote:
        page = f", {page_label(p.quote.page)}" if p.quote.page else ""
        out += ["", wrap(f"“{p.quote.text}” ({lib.reports[p.source.report].short}{page})", "")]
    labels = lambda vocab, ids: ", ".join(vocab.get(i).label for i in ids)  # noqa: E731
    out += ["", f"Themes:    {labels(lib.themes, p.themes)}",
            f"Audiences: {labels(lib.audiences, p.audiences)}",
            f"Priority:  {p.priority}"]
    if p.age_groups:
        out.append(f"Ages:      {', '.join(p.age_groups)}")
    out.append(f"Source:    {lib.cite(p.source.report, p.source.page)}")
    if p.source.document:
        out.append(f"           via {lib.documents[p.source.document].short}")
    out.append(f"Id:        {p.id} ({lib.where(p.id)})")
    return "\n".join(out)


def taxonomy_table(libraries: Sequence[Path]) -> str:
    lib = load_library(libraries)
    out = []
    for title, vocab, attr in (("Audiences", lib.audiences, "audiences"),
                               ("Themes", lib.themes, "themes")):
        out += [title, "-" * len(title)]
        for term in vocab.terms:
            count = sum(term.id in getattr(p, attr) for p in lib.points)
            out.append(f"{term.id:<26} {count:>4}  {term.label}")
            if term.aliases:
                out.append(textwrap.fill("also: " + ", ".join(term.aliases), WIDTH,
                                         initial_indent=" " * 33, subsequent_indent=" " * 39,
                                         break_on_hyphens=False))
        out.append("")
    out.append(f"{len(lib.points)} learning points.")
    return "\n".join(out)
