"""The one-page sheet ("7-minute briefing"): its plan, and the choice of what fits on one page.

All wording, order and shortening are decided here, so the three forms of one sheet say the same
thing. Writers only lay out a `Document`; the one thing a writer is asked is whether a sheet fits
on one page (`fit_sheet`'s `fits`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import Branding, LearningPoint, first_page, page_list
from sessionbuilder.session.plan import (Chart, PointView, audience_label, pick_figures, point_view,
                                         references)
from sessionbuilder.session.selection import Criteria, balanced, primary_theme
from sessionbuilder.session.selection import by_priority, theme_order
from sessionbuilder.render.style import PDF

from sessionbuilder.documents.model import (Block, Document, Figure, Heading, Item, Items, Para, clip,
                                            contacts_blocks)



@dataclass(frozen=True)
class SourcePage:
    """A report (by its short name) and one page of it that the sheet's points cite, or none,
    with the points that cite it: the footer names only the pages of the points kept."""

    short: str
    page: str | None
    points: frozenset[str]


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
    sources: tuple[SourcePage, ...]
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
    if len({p.source.report for p in points}) == 1 and lib.reports[points[0].source.report].summary:
        ordered = by_priority(points)  # one review's briefing: its findings in its own order
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
    sources = tuple(SourcePage(lib.reports[r].short, pg, frozenset(
        p.id for p in ordered
        if p.source.report == r and pg in (page_list(p.source.page) or [None]))) for r, pg in cited)
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


def _sources(plan: SheetPlan, kept: Sequence[PointView]) -> str:
    """The plan's sources cited by the kept points, pages grouped by report."""
    kept_ids = {pv.id for pv in kept}
    chosen = [s for s in plan.sources if s.points & kept_ids] or list(plan.sources)
    grouped: dict[str, list[str]] = {}
    for s in chosen:
        pages = grouped.setdefault(s.short, [])
        if s.page and s.page not in pages:
            pages.append(s.page)
    parts = []
    for short, pages in grouped.items():
        if not pages:
            parts.append(short)
        else:
            prefix = "p." if len(pages) == 1 and "-" not in pages[0] else "pp."
            parts.append(f"{short}, {prefix} {', '.join(pages)}")
    return "; ".join(parts)
