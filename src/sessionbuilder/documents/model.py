"""The document model every writer lays out: headings, paragraphs, lists, figure tables and
quotes, and the small wording helpers they share (shortening, lead-ins, plain text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sessionbuilder.library.models import Branding
from sessionbuilder.session.plan import Chart
from sessionbuilder.text.clean import plain as plain  # the writers' plain text, from here

ELLIPSIS = "…"
LANGUAGE = "en-GB"


# ---------------------------------------------------------------------------------------------
# The model


# What a list lists, so each writer can mark it as readers expect.
ItemsKind = Literal["bullet", "numbered", "points", "actions", "questions", "readings",
                    "references", "contacts"]
DocumentKind = Literal["sheet", "handout", "guide", "evaluation", "report"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = a section; the document title is above all of them
    new_page: bool = False  # printed at the top of a page (a form's separate part)


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | lead (an introduction, set apart) | label | caption


@dataclass(frozen=True)
class Item:
    text: str
    title: str | None = None  # a bold lead-in: a point's title, a contact's label


@dataclass(frozen=True)
class Items:
    """A list. `kind` says what it lists, so each writer can mark it as readers expect."""

    items: tuple[Item, ...]
    kind: ItemsKind = "bullet"

    @property
    def ordered(self) -> bool:
        return self.kind in ("numbered", "points")


@dataclass(frozen=True)
class Figure:
    """Key figures: a chart's numbers, shown as a table of values (and a bar or tiles)."""

    chart: Chart
    total: int          # items in the whole chart; `chart` may hold only the first few
    compact: bool = False  # a few big numbers (the sheet) rather than every bar (the handout)

    @property
    def more(self) -> str:
        shown = len(self.chart.categories)
        return f"({shown} of {self.total} shown)" if self.total > shown else ""


@dataclass(frozen=True)
class Table:
    """A table of text (a running order, a rating scale): a caption, one header row, rows.

    Each row's first cell names the row; empty cells are left for a reader to fill in."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # shares of the width, one per column (default: even)
    write_in: bool = False  # a form: body rows are tall enough to write an answer in

    def shares(self) -> tuple[float, ...]:
        n = len(self.header)
        total = sum(self.widths) if len(self.widths) == n else 0
        return tuple(w / total for w in self.widths) if total else (1 / n,) * n


@dataclass(frozen=True)
class Quote:
    text: str  # already cited


@dataclass(frozen=True)
class Distribution:
    """How many chose each point of a rating scale, in two groups (before and after a session):
    a diverging stacked bar centred on the middle of the scale, lower points to the left, with
    the numbers as a table beside it and the picture described in `alt`."""

    caption: str
    scale: tuple[str, ...]                            # the points, low to high
    groups: tuple[tuple[str, tuple[int, ...]], ...]   # ("Before", counts per point), ...
    alt: str

    def segments(self, group: int) -> tuple[tuple[int, float, float], ...]:
        """(point, start, width) of each non-empty point of a group as shares of the group:
        the middle point straddles 0, so lower points end left of 0 and higher ones right."""
        counts = self.groups[group][1]
        total = sum(counts) or 1
        middle = len(counts) // 2
        start = -(sum(counts[:middle]) + counts[middle] / 2) / total
        out = []
        for point, n in enumerate(counts):
            if n:
                out.append((point, start, n / total))
            start += n / total
        return tuple(out)

    def table(self) -> Table:
        """The numbers: for each point, how many in each group and their share."""
        totals = [sum(c) or 1 for _, c in self.groups]
        rows = tuple((label, *(f"{c[i]} ({int(100 * c[i] / t + 0.5)}%)"
                               for (_, c), t in zip(self.groups, totals, strict=True)))
                     for i, label in enumerate(self.scale))
        return Table(self.caption, ("Rating", *(name for name, _ in self.groups)), rows,
                     (50, *(50 / len(self.groups),) * len(self.groups)))


Block = Heading | Para | Items | Figure | Table | Quote | Distribution


@dataclass(frozen=True)
class Document:
    """A document as a reader meets it: a title block, an opening part, then the body.

    On one-page documents the opening spans the page and the body may flow in columns."""

    kind: DocumentKind
    title: str
    subtitle: str | None
    kicker: str                        # above the title: the partnership
    meta: tuple[tuple[str, str], ...]  # (label, value) lines under the title; label may be ""
    intro: tuple[Block, ...]
    body: tuple[Block, ...]
    footer: tuple[str, ...]            # small print at the foot: sources, footer, website
    branding: Branding
    logo: Path | None
    date: str
    subject: str
    keywords: tuple[str, ...]
    one_page: bool = False
    language: str = LANGUAGE

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.intro + self.body

    @property
    def author(self) -> str:
        return self.branding.partnership


def figure_table(figure: Figure) -> Table:
    """Key figures as the table of values every writer can show."""
    ch = figure.chart
    return Table(f"{ch.title} {figure.more}".strip(), ("Category", "Figure"),
                 tuple(zip(ch.categories, ch.labels, strict=False)), (62, 38))


def contacts_blocks(branding: Branding) -> tuple[Block, ...]:
    if not branding.contacts:
        return ()
    return (Heading("Who to contact"),
            Items(tuple(Item(c.detail, c.label) for c in branding.contacts), "contacts"))


URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:)!?]")


def lead_in(label: str) -> str:
    """A label as it leads into its text: "For:", but "Worried about a child?" as it is."""
    return label if label[-1:] in "?:!." else f"{label}:"


def clip(text: str, limit: int | None) -> str:
    """At most `limit` characters, cut at a word where possible and marked with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS
