"""The renderer-neutral plan: what goes on each slide, in the handout and on the sheet.

Renderers only lay out what is here; all choices of content, order, wording of fixed text,
citations and timings are made in this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sessionbuilder.library import Library
from sessionbuilder.models import (Branding, Figure, LearningPoint, Passage, Recipe, SourceRef,
                                   first_page, page_list)
from sessionbuilder.selection import Criteria, balanced, primary_theme, theme_order

# Minutes a section takes in the room; learning points share what is left.
FIXED_MINUTES = {"title": 1, "aims": 2, "remember": 2, "what-is-scr": 3, "overview": 3,
                 "further-reading": 2, "references": 1}
CHART_MINUTES = 2
DISCUSSION_MINUTES = 10
MIN_POINT_MINUTES = 2.0
MAX_FIGURES = 4
MAX_DIVIDED_GROUPS = 6  # up to this many themes, each gets a section slide ...
MIN_POINTS_FOR_DIVIDER = 3  # ... beyond it, only themes with this many points do
DEFAULT_QUESTIONS = (
    "What does this learning mean for our agency, and for our own practice?",
    "Which of these patterns do we recognise in our local cases?",
    "What will we do differently, and who needs to know?",
    "How will we know it has made a difference for children?",
)


@dataclass(frozen=True)
class Chart:
    """Numbers for a native chart, with their alt text and caption."""

    id: str
    kind: str
    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    labels: tuple[str, ...]
    unit: str
    alt_text: str
    note: str | None
    citation: str


@dataclass(frozen=True)
class Bullet:
    text: str
    level: int = 0
    bold: bool = False
    plain: bool = False  # a paragraph rather than a list item


@dataclass(frozen=True)
class Slide:
    """One logical slide; a renderer may continue it over "(cont.)" slides to avoid overflow."""

    kind: str  # title | bullets | quote | chart | section | point | discussion | references
    title: str
    bullets: tuple[Bullet, ...] = ()
    subtitle: str | None = None
    quote: str | None = None
    chart: Chart | None = None
    notes: str = ""
    minutes: float = 0.0
    citation: str | None = None


@dataclass(frozen=True)
class PointView:
    """A learning point as the documents show it, with its citation resolved."""

    id: str
    title: str
    summary: str
    implications: tuple[str, ...]
    questions: tuple[str, ...]
    quote: str | None
    citation: str
    priority: str
    theme: str


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    label: str
    description: str
    points: tuple[PointView, ...]


@dataclass(frozen=True)
class SessionPlan:
    title: str
    subtitle: str | None
    audience: str
    minutes: int
    slides: tuple[Slide, ...]
    branding: Branding
    logo: Path | None
    groups: tuple[ThemeGroup, ...]
    charts: tuple[Chart, ...]
    references: tuple[str, ...]
    questions: tuple[str, ...]
    left_out: tuple[str, ...] = ()
    notes_footer: str = ""


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


@dataclass
class _Budget:
    minutes: int
    used: float = 0.0
    slides: list[Slide] = field(default_factory=list)

    def add(self, slide: Slide) -> None:
        self.slides.append(slide)
        self.used += slide.minutes


def cite(lib: Library, ref: SourceRef, page: str | None = None) -> str:
    text = lib.cite(ref.report, page or ref.page)
    if ref.document and lib.documents[ref.document].short != lib.reports[ref.report].short:
        text += f", via {lib.documents[ref.document].short}"
    return text


def point_view(lib: Library, p: LearningPoint, theme: str) -> PointView:
    quote = None
    if p.quote:
        quote = f"“{p.quote.text}” ({cite(lib, SourceRef(report=p.source.report), p.quote.page)})"
    return PointView(p.id, p.title, p.summary, tuple(p.implications), tuple(p.questions), quote,
                     cite(lib, p.source), p.priority, theme)


def chart(lib: Library, f: Figure) -> Chart:
    return Chart(f.id, f.chart, f.title, tuple(i.label for i in f.items),
                 tuple(i.value for i in f.items),
                 tuple(i.display or f"{i.value:g}{'%' if f.unit == 'percent' else ''}" for i in f.items),
                 f.unit, f.alt_text, f.note, cite(lib, f.source))


def group(lib: Library, points: Sequence[LearningPoint], c: Criteria) -> tuple[ThemeGroup, ...]:
    """Points grouped under their first matching theme, groups in requested-then-taxonomy order."""
    order = theme_order(lib, c)
    buckets: dict[str, list[PointView]] = {}
    for p in points:
        theme = primary_theme(p, order)
        buckets.setdefault(theme, []).append(point_view(lib, p, theme))
    return tuple(ThemeGroup(t, lib.themes.get(t).label, lib.themes.get(t).description,
                            tuple(buckets[t])) for t in order if t in buckets)


def pick_figures(lib: Library, c: Criteria, points: Sequence[LearningPoint],
                 wanted: Sequence[str] = ()) -> tuple[Chart, ...]:
    """The recipe's named figures, or those sharing a theme with the selection."""
    if wanted:
        by_id = {f.id: f for f in lib.figures}
        return tuple(chart(lib, by_id[i]) for i in wanted)
    themes = set(c.themes) or {t for p in points for t in p.themes}
    found = [f for f in lib.figures if themes & set(f.themes)]
    return tuple(chart(lib, f) for f in found[:MAX_FIGURES])


def references(lib: Library, refs: Sequence[SourceRef]) -> tuple[str, ...]:
    """Full citations of every report and document cited, reports first, in registry order."""
    reports = {r.report for r in refs}
    documents = {r.document for r in refs if r.document}
    return (tuple(r.citation for r in lib.reports.values() if r.id in reports)
            + tuple(d.citation for d in lib.documents.values() if d.id in documents))


def audience_label(lib: Library, audiences: Sequence[str]) -> str:
    if not audiences or len(audiences) == len(lib.audiences.ids):
        return "All agencies"
    return ", ".join(lib.audiences.get(a).label for a in audiences)


def session(lib: Library, recipe: Recipe, points: Sequence[LearningPoint], c: Criteria,
            minutes: int, branding: Branding, logo: Path | None, title: str | None = None
            ) -> SessionPlan:
    """Plan a session: fixed sections, charts, points grouped by theme, all within `minutes`."""
    kinds = [s.kind for s in recipe.sections]
    voice = [p for p in points if "voice-of-child" in p.themes] if "voice-of-child" in kinds else []
    voice_ids = {p.id for p in voice}
    learning = [p for p in points if p.id not in voice_ids]
    wanted = [f for s in recipe.sections if s.kind == "figures" for f in s.figures]
    charts = pick_figures(lib, c, points, wanted) if "figures" in kinds else ()
    fixed = (sum(FIXED_MINUTES.get(k, 0) for k in kinds) + CHART_MINUTES * len(charts)
             + DISCUSSION_MINUTES * ("discussion" in kinds))
    room = max(minutes - fixed, MIN_POINT_MINUTES)
    capacity = max(1, int(room // MIN_POINT_MINUTES))
    kept = balanced([*voice, *learning], capacity, theme_order(lib, c))
    kept_ids = {p.id for p in kept}
    left_out = tuple(p.id for p in points if p.id not in kept_ids)
    voice = [p for p in voice if p.id in kept_ids]
    learning = [p for p in learning if p.id in kept_ids]
    per_point = round(room / max(1, len(kept)), 1)
    groups = group(lib, learning, c)
    if voice:  # the handout shows them too, under their own heading
        t = lib.themes.get("voice-of-child")
        groups += (ThemeGroup(t.id, t.label, t.description,
                              tuple(point_view(lib, p, t.id) for p in voice)),)
    audience = audience_label(lib, c.audiences or tuple(recipe.audiences))
    questions = tuple(recipe.questions) or DEFAULT_QUESTIONS
    b = _Budget(minutes)
    heading = title or recipe.title
    refs: list[SourceRef] = [p.source for p in kept]
    for section in recipe.sections:
        _add_section(b, lib, section.kind, section.title, heading, recipe, audience, charts, groups,
                     voice, per_point, questions, refs)
    return SessionPlan(heading, recipe.subtitle, audience, minutes, tuple(_unique_titles(b.slides)),
                       branding, logo, groups, charts, references(lib, refs), questions, left_out)


def _add_section(b: _Budget, lib: Library, kind: str, title: str | None, heading: str,
                 recipe: Recipe, audience: str, charts: Sequence[Chart],
                 groups: Sequence[ThemeGroup], voice: Sequence[LearningPoint], per_point: float,
                 questions: Sequence[str], refs: list[SourceRef]) -> None:
    minutes = FIXED_MINUTES.get(kind, 0)
    if kind == "title":
        b.add(Slide("title", heading, subtitle=recipe.subtitle or f"For: {audience}",
                    notes=f"Welcome and introductions. This session runs for about {b.minutes} "
                          f"minutes and is for: {audience}.", minutes=minutes))
    elif kind in ("aims", "what-is-scr", "further-reading"):
        passage = lib.passages[{"aims": "aims", "what-is-scr": "what-is-scr",
                                "further-reading": "further-reading"}[kind]]
        refs.append(passage.source)
        b.add(_passage_slide(lib, passage, title, minutes))
    elif kind == "remember":
        refs.append(lib.passages["remember"].source)
        b.add(_passage_slide(lib, lib.passages["remember"], title, minutes))
    elif kind == "overview":
        about, overview = lib.passages["about-the-report"], lib.passages["overview"]
        refs.extend((about.source, overview.source))
        b.add(_passage_slide(lib, about, None, minutes / 2))
        b.add(_passage_slide(lib, overview, title, minutes / 2))
    elif kind == "figures":
        for ch in charts:
            b.add(Slide("chart", ch.title, chart=ch, citation=ch.citation, minutes=CHART_MINUTES,
                        notes=_chart_notes(ch)))
    elif kind == "learning":
        dividers = len(groups) <= MAX_DIVIDED_GROUPS
        for g in groups:
            if dividers or len(g.points) >= MIN_POINTS_FOR_DIVIDER:
                b.add(Slide("section", g.label, subtitle=g.description, minutes=0,
                            notes=f"Section: {g.label}. {g.description}"))
            for pv in g.points:
                b.add(_point_slide(pv, per_point))
    elif kind == "voice-of-child" and voice:
        label = lib.themes.get("voice-of-child").label
        b.add(Slide("section", title or label, subtitle=lib.themes.get("voice-of-child").description,
                    notes=f"Section: {label}."))
        for p in voice:
            b.add(_point_slide(point_view(lib, p, "voice-of-child"), per_point))
    elif kind == "discussion":
        b.add(Slide("discussion", title or "What does this mean for our agency?",
                    bullets=tuple(Bullet(q) for q in questions), minutes=DISCUSSION_MINUTES,
                    notes="Discussion in small groups, then feedback to the whole group. "
                          f"Suggested time: {DISCUSSION_MINUTES} minutes."))
    elif kind == "references":
        b.add(Slide("references", title or "References",
                    bullets=tuple(Bullet(r) for r in references(lib, refs)), minutes=minutes,
                    notes="The reports and documents this session draws on. Suggested time: "
                          f"{minutes} minute."))


def _passage_slide(lib: Library, passage: Passage, title: str | None, minutes: float) -> Slide:
    citation = cite(lib, passage.source)
    timing = f"Suggested time: {minutes:g} minutes. Source: {citation}."
    if passage.verbatim:
        return Slide("quote", title or passage.title, quote=passage.text, citation=citation,
                     minutes=minutes,
                     notes=f"Read the quotation aloud. {timing}")
    bullets = tuple(Bullet(t) for t in passage.bullets) or (Bullet(passage.text or ""),)
    talk = " ".join(b.text for b in bullets)
    return Slide("bullets", title or passage.title, bullets=bullets, citation=citation,
                 minutes=minutes, notes=f"{talk}\n\n{timing}")


def _point_slide(pv: PointView, minutes: float) -> Slide:
    bullets = (Bullet(pv.summary, plain=True), Bullet("What to do:", bold=True, plain=True),
               *(Bullet(i) for i in pv.implications))
    notes = [pv.summary, "", "Talking points:", *(f"- {i}" for i in pv.implications)]
    if pv.questions:
        notes += ["", "Ask the group:", *(f"- {q}" for q in pv.questions)]
    if pv.quote:
        notes += ["", f"Quote: {pv.quote}"]
    notes += ["", f"Suggested time: {minutes:g} minutes.", f"Source: {pv.citation}.",
              f"Learning point: {pv.id}"]
    return Slide("point", pv.title, bullets=bullets, notes="\n".join(notes), minutes=minutes,
                 citation=pv.citation)


def _chart_notes(ch: Chart) -> str:
    values = "; ".join(f"{c}: {v}" for c, v in zip(ch.categories, ch.labels))
    note = f" {ch.note}" if ch.note else ""
    return (f"{ch.title}. {values}.{note}\n\nSuggested time: {CHART_MINUTES} minutes. "
            f"Source: {ch.citation}.")


def _unique_titles(slides: list[Slide]) -> list[Slide]:
    """Accessibility: every slide title unique; repeats get a number."""
    seen: dict[str, int] = {}
    out = []
    for s in slides:
        n = seen.get(s.title.casefold(), 0) + 1
        seen[s.title.casefold()] = n
        out.append(s if n == 1 else Slide(**{**s.__dict__, "title": f"{s.title} ({n})"}))
    return out


def sheet(lib: Library, points: Sequence[LearningPoint], c: Criteria, title: str | None,
          date: str, branding: Branding, logo: Path | None) -> SheetPlan:
    """Plan a one-page sheet: points core-first, questions and figures for the selection."""
    order = theme_order(lib, c)
    ordered = balanced(points, len(points), order)
    views = tuple(point_view(lib, p, primary_theme(p, order)) for p in ordered)
    theme_ids = c.themes or tuple(dict.fromkeys(v.theme for v in views))
    themes = ", ".join(lib.themes.get(t).label for t in theme_ids[:4]) + (
        " and more" if len(theme_ids) > 4 else "")
    audience = audience_label(lib, c.audiences)
    reports = tuple(dict.fromkeys(p.source.report for p in ordered))
    background = (
        f"What national reviews of serious harm to children tell us about {themes.lower()}. "
        "This sheet draws on the national analyses of serious case reviews: "
        + "; ".join(lib.reports[r].short for r in reports) + ".")
    questions = tuple(dict.fromkeys(q for v in views for q in v.questions))
    cited = sorted({(p.source.report, pg) for p in ordered for pg in page_list(p.source.page) or [None]},
                   key=lambda rp: (reports.index(rp[0]), first_page(rp[1])))
    sources = tuple(f"{lib.reports[r].short}" + (f" p{pg}" if pg else "") for r, pg in cited)
    return SheetPlan(title or f"Learning from case reviews: {themes}", audience, themes, date,
                     branding, logo, background, views, pick_figures(lib, c, ordered),
                     questions, references(lib, [p.source for p in ordered]), sources)
