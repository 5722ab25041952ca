"""Renderer-neutral documents: the handout and the one-page sheet as headings, paragraphs, lists,
figure tables and quotes, planned once and laid out by every writer (PDF, Word, web page).

All wording, order, shortening and the sheet's choice of what fits on one page are decided here,
so the three forms of one document say the same thing. Writers only lay out a `Document`; the
one thing a writer is asked is whether a sheet fits on one page (`fit_sheet`'s `fits`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sessionbuilder.library import Library
from sessionbuilder.models import Branding, LearningPoint, first_page, page_list
from sessionbuilder.plan import (Chart, PointView, SessionPlan, audience_label, pick_figures,
                                 point_view, references)
from sessionbuilder.selection import Criteria, balanced, primary_theme
from sessionbuilder.selection import theme_order
from sessionbuilder.theme import PDF

ELLIPSIS = "…"
LANGUAGE = "en-GB"


# ---------------------------------------------------------------------------------------------
# The model


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
    kind: str = "bullet"  # bullet | numbered | points | actions | questions | readings
    #                       | references | contacts

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


Block = Heading | Para | Items | Figure | Table | Quote


@dataclass(frozen=True)
class Document:
    """A document as a reader meets it: a title block, an opening part, then the body.

    On one-page documents the opening spans the page and the body may flow in columns."""

    kind: str  # sheet | handout (| guide | evaluation)
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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029\x85]+")


def plain(text: str) -> str:
    """Text as Word and web writers show it: NFC, line breaks as spaces, and a visible "?" for a
    control character (which XML cannot hold)."""
    text = _BREAKS.sub(" ", unicodedata.normalize("NFC", text))
    return re.sub(r" {2,}", " ", _CONTROL.sub("?", text)).strip()


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


# ---------------------------------------------------------------------------------------------
# The handout


def handout(plan: SessionPlan, date: str) -> Document:
    """The participants' handout: about, learning by theme, figures, questions, references."""
    body: list[Block] = [Heading("About this handout"), Para(_handout_intro(plan))]
    if plan.groups:
        body.append(Heading("Key learning"))
    for g in plan.groups:
        body.append(Heading(g.label, 2))
        if g.description:
            body.append(Para(g.description, "lead"))
        for pv in g.points:
            body += _point_blocks(pv)
    if plan.charts:
        body.append(Heading("Key figures"))
        for ch in plan.charts:
            body += [Heading(ch.title, 2), Figure(ch, len(ch.categories))]
            if ch.note:
                body.append(Para(ch.note))
            body.append(Para(f"Source: {ch.citation}", "caption"))
    if plan.questions:
        body += [Heading("Questions for discussion"),
                 Items(tuple(Item(q) for q in plan.questions), "numbered")]
    body += contacts_blocks(plan.branding)
    if plan.references:
        body += [Heading("References"),
                 Items(tuple(Item(r) for r in plan.references), "references")]
    meta = tuple((label, value) for label, value in (
        ("For", None if (plan.subtitle or "").startswith("For:") else plan.audience),
        ("Session", f"about {plan.minutes} minutes"),
        ("From", plan.branding.partnership), ("Date", date)) if value)
    footer = " · ".join(x for x in (plan.branding.footer, plan.branding.website, date) if x)
    return Document(
        "handout", clip(plan.title, PDF.max_title_chars),
        clip(plan.subtitle, PDF.max_title_chars) if plan.subtitle else None,
        plan.branding.partnership, meta, (), tuple(body), (footer,) if footer else (),
        plan.branding, plan.logo, date,
        f"Handout for the safeguarding training session “{plan.title}”, for {plan.audience}",
        tuple(g.label for g in plan.groups))


def _handout_intro(plan: SessionPlan) -> str:
    shown = sum(len(g.points) for g in plan.groups)
    text = (f"This handout goes with the session “{plan.title}”. It sets out the key learning "
            "from the case reviews listed under References, grouped by theme: for each point, "
            "what to do differently, questions to reflect on and where it comes from. "
            + ("Key figures, questions" if plan.charts else "Questions")
            + " for discussion and the full references follow.")
    if shown:
        text += f" It covers {shown} learning point{'s' if shown != 1 else ''}"
        more = len(plan.left_out)
        text += (f"; {more} more matching point{'s' if more != 1 else ''} did not fit in the "
                 "session time." if more else ".")
    return text


def _point_blocks(pv: PointView) -> list[Block]:
    out: list[Block] = [Heading(pv.title, 3), Para(pv.summary)]
    if pv.implications:
        out += [Para("What to do", "label"),
                Items(tuple(Item(i) for i in pv.implications), "actions")]
    if pv.questions:
        out += [Para("Questions to reflect on", "label"),
                Items(tuple(Item(q) for q in pv.questions), "questions")]
    if pv.quote:
        out.append(Quote(pv.quote))
    out.append(Para(f"Source: {pv.citation}", "caption"))
    return out


# ---------------------------------------------------------------------------------------------
# The one-page sheet: its plan


@dataclass(frozen=True)
class SheetPlan:
    """Content for a one-page learning sheet, points in the order they should be kept."""

    title: str
    audience: str
    themes: str
    date: str
    branding: Branding
    logo: Path | None
    background: str
    points: tuple[PointView, ...]
    charts: tuple[Chart, ...]
    questions: tuple[str, ...]
    further_reading: tuple[str, ...]
    sources: tuple[str, ...]
    background_heading: str = "Background"
    kind: str = "Learning briefing"


def sheet_plan(lib: Library, points: Sequence[LearningPoint], c: Criteria, title: str | None,
               date: str, branding: Branding, logo: Path | None) -> SheetPlan:
    """Plan a one-page sheet: the user's own points first, then the bundled ones, each core
    first and a theme at a time; questions and figures for the selection.

    When every point comes from one report that has a summary (a local review), the sheet is a
    briefing on that review: its summary as "What happened" and its citation to read further."""
    order = theme_order(lib, c)
    local = [p for p in points if p.id in lib.local]  # a partnership's own points lead
    national = [p for p in points if p.id not in lib.local]
    ordered = balanced(local, len(local), order) + balanced(national, len(national), order)
    views = tuple(point_view(lib, p, primary_theme(p, order)) for p in ordered)
    theme_ids = c.themes or tuple(dict.fromkeys(v.theme for v in views))
    themes = ", ".join(lib.themes.get(t).label for t in theme_ids[:4]) + (
        " and more" if len(theme_ids) > 4 else "")
    audience = audience_label(lib, c.audiences)
    reports = tuple(dict.fromkeys(p.source.report for p in ordered))
    questions = tuple(dict.fromkeys(q for v in views for q in v.questions))
    cited = sorted({(p.source.report, pg) for p in ordered
                    for pg in page_list(p.source.page) or [None]},
                   key=lambda rp: (reports.index(rp[0]), first_page(rp[1])))
    sources = tuple(f"{lib.reports[r].short}" + (f" p{pg}" if pg else "") for r, pg in cited)
    review = lib.reports[reports[0]] if len(reports) == 1 else None
    if review and review.summary:
        published = (f" Published {review.published.day} {review.published:%B %Y}."
                     if review.published else "")
        reading = review.citation + (f" {review.url}" if review.url else "")
        return SheetPlan(title or f"Learning from {review.short}", audience, themes, date,
                         branding, logo, review.summary + published, views, (), questions,
                         (reading,), sources, "What happened", "Local review briefing")
    background = (
        f"What national reviews of serious harm to children tell us about {themes.lower()}. "
        "This sheet draws on the national analyses of serious case reviews: "
        + "; ".join(lib.reports[r].short for r in reports) + ".")
    return SheetPlan(title or f"Learning from case reviews: {themes}", audience, themes, date,
                     branding, logo, background, views, pick_figures(lib, c, ordered),
                     questions, references(lib, [p.source for p in ordered]), sources)


# ---------------------------------------------------------------------------------------------
# The one-page sheet: what fits, and the document


@dataclass(frozen=True)
class SheetFit:
    """How much of the plan goes on the sheet."""

    n: int                   # points kept, in plan order
    per_point: int = 1       # implications per point under "What to do"
    readings: int = 2        # entries under "Further reading"
    more_note: bool = False  # say how many more references the handout has
    clip: int | None = None  # most characters of the last point's summary (None: whole)
    compact: bool = False    # last resort: no figures, fewer questions


def sheet(plan: SheetPlan, fit: SheetFit) -> Document:
    """The sheet with `fit`'s share of the plan."""
    kept = plan.points[:fit.n]

    def limit(n: int, share: float = 1.0) -> int | None:
        """How long a text of point `n` may be: only the last kept point is ever shortened."""
        return int(fit.clip * share) if fit.clip and n == fit.n - 1 else None

    intro: list[Block] = []
    if plan.background:
        limit_bg = PDF.max_background_chars // (2 if fit.compact else 1)
        intro = [Heading(plan.background_heading), Para(clip(plan.background, limit_bg))]
    body: list[Block] = []
    if plan.charts and not fit.compact:
        ch = plan.charts[0]
        most = 4
        shown = replace(ch, title=clip(ch.title, 140),
                        categories=tuple(clip(x, 70) for x in ch.categories[:most]),
                        values=ch.values[:most],
                        labels=tuple(clip(x, 24) for x in ch.labels[:most]),
                        note=clip(ch.note, 220) if ch.note else None,
                        citation=clip(ch.citation, 160))
        body += [Heading("Why it matters"), Figure(shown, len(ch.categories), compact=True)]
    body.append(Heading("Key learning"))
    if kept:
        body.append(Items(tuple(Item(clip(pv.summary, limit(n)), clip(pv.title, limit(n, 0.5)))
                                for n, pv in enumerate(kept)), "points"))
    else:
        body.append(Para("No learning points match this selection."))
    actions = _what_to_do(kept, fit.per_point)[:PDF.max_what_to_do]
    if actions:
        body += [Heading("What to do"), Items(tuple(
            Item(clip(a, limit(n, 0.5) or PDF.max_item_chars)) for a, n in actions), "actions")]
    questions = _questions(plan, kept, 2 if fit.compact else PDF.max_questions)
    if questions:
        body += [Heading("Questions to reflect on"), Items(tuple(
            Item(clip(q, limit(n, 0.5) or PDF.max_item_chars)) for q, n in questions),
            "questions")]
    readings = plan.further_reading[:fit.readings]
    if readings:
        body += [Heading("Further reading"),
                 Items(tuple(Item(clip(short_citation(r), 160)) for r in readings), "readings")]
        extra = len(plan.further_reading) - len(readings)
        if extra and fit.more_note:
            body.append(Para(f"and {extra} more in the session handout’s references.", "caption"))
    body += contacts_blocks(plan.branding)
    meta = " · ".join(x for x in (plan.kind, plan.date) if x)
    lines = [("", meta), ("For", clip(plan.audience, 200))]
    if plan.themes.casefold() not in plan.title.casefold():
        lines.append(("Themes", clip(plan.themes, 240)))
    sources = _sources(plan, kept)
    extra_footer = clip(" · ".join(x for x in (plan.branding.footer, plan.branding.website) if x),
                        160)
    footer = tuple(x for x in (f"Sources: {sources}" if sources else "", extra_footer) if x)
    return Document(
        "sheet", clip(plan.title, PDF.max_title_chars), None,
        clip(plan.branding.partnership, 120), tuple(lines), tuple(intro), tuple(body), footer,
        plan.branding, plan.logo, plan.date,
        f"One-page learning sheet for {plan.audience}: {plan.themes}",
        tuple(t.strip() for t in plan.themes.split(",")), one_page=True)


def fit_sheet(plan: SheetPlan, fits: Callable[[Document], bool]) -> tuple[Document, list[str]]:
    """The sheet with as much as fits on one page, and the ids of the points left out.

    By priority: first the most points (in plan order) that fit with the least of everything
    else. If the next point is an unusually long one (or not even the first fits), it is
    shortened with an ellipsis to fill the space left; as a last resort the key figures go and
    fewer questions are shown. Then more actions, readings and a note on the rest of the
    references, while they still fit. `fits` is asked of the PDF layout, the strictest."""
    def ok(fit: SheetFit) -> bool:
        return fits(sheet(plan, fit))

    best = _most_points(plan, ok)
    kept = plan.points[:best.n]
    most = max((len(pv.implications) for pv in kept), default=0)
    while best.per_point < most:
        more = replace(best, per_point=best.per_point + 1)
        if len(_what_to_do(kept, more.per_point)) > PDF.max_what_to_do or not ok(more):
            break
        best = more
    readings = min(len(plan.further_reading), PDF.max_further_reading)
    while best.readings < readings and ok(replace(best, readings=best.readings + 1)):
        best = replace(best, readings=best.readings + 1)
    if len(plan.further_reading) > best.readings and ok(replace(best, more_note=True)):
        best = replace(best, more_note=True)
    return sheet(plan, best), [pv.id for pv in plan.points[best.n:]]


def _most_points(plan: SheetPlan, ok: Callable[[SheetFit], bool]) -> SheetFit:
    from sessionbuilder.errors import InputError
    total = len(plan.points)
    if ok(SheetFit(total)):
        return SheetFit(total)
    n = _largest(lambda k: ok(SheetFit(k)), 1, total - 1) if ok(SheetFit(1)) else 0
    best = SheetFit(n)
    if n == 0 or _length(plan.points[n]) > PDF.long_point_chars:
        clips = PDF.clip_steps if n else PDF.clip_steps + PDF.last_resort_clip_steps
        ladder = [SheetFit(n + 1, clip=x) for x in clips]
        if n == 0:
            ladder += [SheetFit(1, readings=1, clip=x, compact=True)
                       for x in PDF.last_resort_clip_steps]
        best = next((f for f in ladder if ok(f)), best)
    if best.n == 0:
        raise InputError("the learning sheet cannot fit on one page, even shortened",
                         hint="shorten the title, partnership name or background text")
    return best


def _largest(fits: Callable[[int], bool], lo: int, hi: int) -> int:
    """The largest n in [lo, hi] with fits(n), given fits(lo) and that fitting is monotone."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _length(pv: PointView) -> int:
    return len(pv.title) + len(pv.summary) + sum(len(i) for i in pv.implications[:1])


def _what_to_do(points: Sequence[PointView], per_point: int) -> list[tuple[str, int]]:
    """The first `per_point` implications of each point, deduplicated, with their point's index."""
    seen: dict[str, tuple[str, int]] = {}
    for n, pv in enumerate(points):
        for i in pv.implications[:per_point]:
            seen.setdefault(" ".join(i.split()).casefold(), (i, n))
    return list(seen.values())


def _questions(plan: SheetPlan, points: Sequence[PointView], most: int) -> list[tuple[str, int]]:
    """The plan's questions that belong to the kept points, with the first such point's index."""
    own: dict[str, int] = {}
    for n, pv in enumerate(points):
        for q in pv.questions:
            own.setdefault(q, n)
    return [(q, own[q]) for q in plan.questions if q in own][:most]


_YEAR = re.compile(r"^(?P<authors>.*?)\s*\((?P<year>\d{4}[a-z]?)\)\s*(?P<rest>.*)$")


def short_citation(citation: str) -> str:
    """A reference cut to first author, year and main title: "Sidebotham, P. et al. (2016)
    Pathways to harm, pathways to protection"."""
    m = _YEAR.match(citation)
    if m:
        authors = m["authors"].strip()
        names = re.split(r"(?<=\.),\s+(?:and\s+)?|\s+and\s+", authors)
        if len(names) > 2:
            authors = f"{names[0].rstrip(',')} et al."
        title = re.split(r":\s|\.\s|\.$", m["rest"], maxsplit=1)[0].strip()
        url = re.search(r"\s(https?://\S+)$", m["rest"])
        return f"{authors} ({m['year']}) {title}".strip() + (f". {url[1]}" if url else "")
    parts = re.split(r"\.\s+", citation, maxsplit=2)
    title = re.split(r":\s", parts[0], maxsplit=1)
    if len(title) > 1 or len(parts) == 1:  # "Title: subtitle." or a title alone
        return title[0].strip().rstrip(".")
    second = re.split(r":\s", parts[1], maxsplit=1)[0]
    return f"{parts[0]}. {second}".strip().rstrip(".")


_SOURCE = re.compile(r"^(?P<short>.+?) p(?P<page>\d+(?:-\d+)?)$")


def _sources(plan: SheetPlan, kept: Sequence[PointView]) -> str:
    """The plan's sources cited by the kept points, pages grouped by report."""
    def cited(source: str) -> bool:
        m = _SOURCE.match(source)
        short, page = (m["short"], m["page"]) if m else (source, None)
        for pv in kept:
            text = pv.citation
            if page and re.match(re.escape(f"{short}, ") + r"(?:p[\d-]+, )*"
                                 + re.escape(f"p{page}") + r"(?:,|$)", text):
                return True
            if not page and (text == short or text.startswith(f"{short}, via ")):
                return True
        return False

    chosen = [s for s in plan.sources if cited(s)] or list(plan.sources)
    grouped: dict[str, list[str]] = {}
    for s in chosen:
        m = _SOURCE.match(s)
        short, page = (m["short"], m["page"]) if m else (s, None)
        pages = grouped.setdefault(short, [])
        if page and page not in pages:
            pages.append(page)
    parts = []
    for short, pages in grouped.items():
        if not pages:
            parts.append(short)
        else:
            prefix = "p." if len(pages) == 1 and "-" not in pages[0] else "pp."
            parts.append(f"{short}, {prefix} {', '.join(pages)}")
    return "; ".join(parts)
