"""The renderer-neutral plan: what goes on each slide, in the handout and on the sheet.

Renderers only lay out what is here; all choices of content, order, wording of fixed text,
citations and timings are made in this module (what a session of its length holds is decided in
`design`, its minutes in `timing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sessionbuilder.session import activities
from sessionbuilder.session import timing
from sessionbuilder.session.kinds import SlideKind
from sessionbuilder.session.notes import Notes
from sessionbuilder.session.activities import CaseExtract, EstimateQuestion, PairsDiscussion
from sessionbuilder.session.credits import credit, extract_kind, since_note
from sessionbuilder.session.design import Design, Omission, design, headings
from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import (Branding, Figure, LearningPoint, Passage, Recipe,
                                           Section, SourceRef)
from sessionbuilder.session.selection import Criteria, primary_theme, theme_order

MAX_FIGURES = 4  # on a one-page sheet
MAX_DIVIDED_GROUPS = 6  # up to this many themes, each gets a section slide ...
MIN_POINTS_FOR_DIVIDER = 3  # ... beyond it, only themes with this many points do
PASSAGES = {"aims": "aims", "remember": "remember", "what-is-scr": "what-is-scr",
            "further-reading": "further-reading", "overview": "overview"}
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
    lead: str = ""  # the text begins with this bold lead-in (a contact's label)


@dataclass(frozen=True)
class Slide:
    """One logical slide; a renderer may continue it over "(cont.)" slides to avoid overflow."""

    kind: SlideKind
    title: str
    bullets: tuple[Bullet, ...] = ()
    subtitle: str | None = None
    quote: str | None = None
    chart: Chart | None = None
    notes: Notes = Notes()
    minutes: int = 0
    citation: str | None = None
    source_line: str | None = None  # shown on the slide: report, period, page
    point_id: str | None = None
    start: int = 0  # minutes into the session

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", SlideKind(self.kind))  # an unknown kind fails here


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
    since: str | None = None  # what has changed since the source, with the current guidance


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
    left_out: tuple[str, ...] = ()  # ids of matching points with no time
    omitted: tuple[Omission, ...] = ()  # points, sections and figures left out, with reasons
    matching: int = 0  # how many points the selection offered




def cite(lib: Library, ref: SourceRef, page: str | None = None) -> str:
    text = lib.cite(ref.report, page or ref.page)
    if ref.document and lib.documents[ref.document].short != lib.reports[ref.report].short:
        text += f", via {lib.documents[ref.document].short}"
    return text


def source_line(lib: Library, ref: SourceRef) -> str:
    """The short source a slide shows, dated, so figures from different periods never mix."""
    report = lib.reports[ref.report]
    text = lib.cite(ref.report, ref.page)
    if report.period:
        text = text.replace(report.short, f"{report.short}, SCRs {report.period}", 1)
    return f"Source: {text}"


def point_view(lib: Library, p: LearningPoint, theme: str) -> PointView:
    quote = None
    if p.quote:
        quote = f"“{p.quote.text}” ({credit(lib, p.source.report, p.quote.page, p.quote.by)})"
    return PointView(p.id, p.title, p.summary, tuple(p.implications), tuple(p.questions), quote,
                     cite(lib, p.source), p.priority, theme,
                     since_note(lib, p.since) if p.since else None)


def chart(lib: Library, f: Figure) -> Chart:
    return Chart(f.id, f.chart, f.title, tuple(i.label for i in f.items),
                 tuple(i.value for i in f.items),
                 tuple(f.value_text(i) for i in f.items),
                 f.unit, f.alt_text, f.note, cite(lib, f.source))


def group(lib: Library, points: Sequence[LearningPoint], c: Criteria) -> tuple[ThemeGroup, ...]:
    """Points under their first theme in requested-then-taxonomy order. With too many themes for
    a divider each, a point of a small theme moves to another of its own themes that has one;
    small themes left over come first, before any divider, so no point ever sits under another
    theme's divider."""
    order = theme_order(lib, c)
    buckets: dict[str, list[LearningPoint]] = {}
    for p in points:
        buckets.setdefault(primary_theme(p, order), []).append(p)
    if len(buckets) > MAX_DIVIDED_GROUPS:
        big = [t for t in order if len(buckets.get(t, ())) >= MIN_POINTS_FOR_DIVIDER]
        moved: dict[str, list[LearningPoint]] = {}
        for p in points:
            home = next((t for t in sorted(p.themes, key=order.index) if t in big),
                        primary_theme(p, order))
            moved.setdefault(home, []).append(p)
        buckets = moved
        order = [t for t in order if t not in big] + big
    return tuple(ThemeGroup(t, lib.themes.get(t).label, lib.themes.get(t).description,
                            tuple(point_view(lib, p, t) for p in buckets[t]))
                 for t in order if t in buckets)


def dividers(groups: Sequence[ThemeGroup]) -> list[bool]:
    """Which groups get a section slide: all of several, or with many only the larger ones
    (which `group` puts last)."""
    if len(groups) < 2:
        return [False] * len(groups)
    if len(groups) <= MAX_DIVIDED_GROUPS:
        return [True] * len(groups)
    return [len(g.points) >= MIN_POINTS_FOR_DIVIDER for g in groups]


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


@dataclass(frozen=True)
class _Parts:
    """What the slides of one session are made from."""

    lib: Library
    design: Design
    heading: str
    subtitle: str
    audience: str
    charts: tuple[Chart, ...]
    groups: tuple[ThemeGroup, ...]
    voice: ThemeGroup | None
    questions: tuple[str, ...]
    references: tuple[str, ...]


def session(lib: Library, recipe: Recipe, points: Sequence[LearningPoint], c: Criteria,
            minutes: int, branding: Branding, logo: Path | None, title: str | None = None,
            from_selection: bool = False) -> SessionPlan:
    """Plan a session of about `minutes`: the parts its length calls for, each point once under
    its own theme, whole minutes adding up exactly to the length stated.

    `from_selection`: no recipe was named, so the recipe lends only its structure; the title,
    subtitle, charts and questions come from the selection."""
    d = design(lib, recipe, points, c, minutes, from_selection)
    kinds = {s.kind for s in d.sections}
    voice = [p for p in d.points if "voice-of-child" in p.themes] if "voice-of-child" in kinds else []
    voice_ids = {p.id for p in voice}
    learning = [p for p in d.points if p.id not in voice_ids]
    groups = group(lib, learning, c)
    voice_group = None
    if voice:
        t = lib.themes.get("voice-of-child")
        voice_group = ThemeGroup(t.id, t.label, t.description,
                                 tuple(point_view(lib, p, t.id) for p in voice))
    audience = audience_label(lib, c.audiences or tuple(recipe.audiences))
    if from_selection:
        heading, subtitle = headings(lib, c, points)
        questions = DEFAULT_QUESTIONS
    else:
        heading, subtitle = recipe.title, recipe.subtitle or f"For: {audience}"
        questions = tuple(q.ask for q in recipe.questions) or DEFAULT_QUESTIONS
    heading = title or heading
    shown_passages = [lib.passages[n] for k in kinds if k in PASSAGES
                      for n in (("about-the-report", "overview") if k == "overview" else (PASSAGES[k],))]
    refs = [p.source for p in d.points] + [f.source for f in d.figures] + [
        x.source for x in shown_passages] + [
        x.since.source for x in (*d.points, *shown_passages) if x.since]
    parts = _Parts(lib, d, heading, subtitle, audience, tuple(chart(lib, f) for f in d.figures),
                   groups, voice_group, questions, references(lib, refs))
    slides = [slide for s in d.sections for slide in _section(parts, s)] + contacts_slides(branding)
    return SessionPlan(heading, None if not from_selection and not recipe.subtitle else subtitle,
                       audience, d.minutes, tuple(_stamp(_unique_titles(slides))), branding, logo,
                       groups + ((voice_group,) if voice_group else ()), parts.charts,
                       parts.references, questions,
                       tuple(o.id for o in d.omitted if o.kind == "point"),
                       omitted=d.omitted, matching=len(points))


def _section(parts: _Parts, section: Section) -> list[Slide]:
    lib, kind, title = parts.lib, section.kind, section.title
    minutes = parts.design.part_minutes.get(kind, 0)
    if kind == "title":
        return [Slide("title", parts.heading, subtitle=parts.subtitle, minutes=minutes,
                      notes=Notes((f"Welcome and introductions. This session runs for "
                                   f"{parts.design.minutes} minutes and is for: {parts.audience}.",)))]
    if kind == "overview":
        return [_passage_slide(lib, lib.passages["about-the-report"], None, 1),
                _passage_slide(lib, lib.passages["overview"], title, minutes - 1)]
    if kind in PASSAGES:
        return [_passage_slide(lib, lib.passages[PASSAGES[kind]], title, minutes)]
    if kind == "figures":
        slides = []
        for ch, f in zip(parts.charts, parts.design.figures, strict=True):
            asked = activities.estimate_question(f) if parts.design.estimating else None
            if asked:  # right before the chart that answers it, in the chart's time
                slides.append(estimate_slide(lib, asked))
            slides.append(Slide("chart", ch.title, chart=ch, citation=ch.citation,
                                minutes=timing.CHART_MINUTES - (activities.ESTIMATE_MINUTES
                                                                if asked else 0),
                                notes=_chart_notes(ch)))
        return slides
    if kind == "learning":
        return _with_pairs(parts, [s for g, divider in zip(parts.groups, dividers(parts.groups), strict=True)
                                   for s in _group_slides(parts, g, divider)])
    if kind == "case-extract":
        slots = [s for s in parts.design.sections if s.kind == "case-extract"]
        nth = next(i for i, s in enumerate(slots) if s is section)
        return [extract_slide(lib, parts.design.extracts[nth], minutes // len(slots))]
    if kind == "commitment":
        return [commitment_slide(minutes)]
    if kind == "voice-of-child" and parts.voice:
        return _group_slides(parts, replace(parts.voice, label=title or parts.voice.label), True)
    if kind == "discussion":
        return [Slide("discussion", title or "What does this mean for our agency?",
                      bullets=tuple(Bullet(q) for q in parts.questions), minutes=minutes,
                      notes=Notes(("Discussion in small groups, then feedback to the whole group.",)))]
    if kind == "references":
        return [Slide("references", title or "References", minutes=minutes,
                      bullets=tuple(Bullet(r) for r in parts.references),
                      notes=Notes(("The reports and documents this session draws on.",)))]
    return []


def contacts_slides(branding: Branding) -> list[Slide]:
    """"Who to contact" last, from the branding's contacts, left on screen as the room leaves:
    it takes none of the session's minutes."""
    if not branding.contacts:
        return []
    return [Slide("contacts", "Who to contact",
                  bullets=tuple(Bullet(f"{c.label} {c.detail}", lead=c.label)
                                for c in branding.contacts),
                  notes=Notes(("Leave this slide up as people leave, and point out who to contact "
                               "about a worry or a question:",),
                              listed=tuple(f"{c.label} {c.detail}" for c in branding.contacts)))]


def _with_pairs(parts: _Parts, slides: list[Slide]) -> list[Slide]:
    """Each pairs discussion after the last slide of its theme; one whose theme has no slides of
    its own (its points sit under another theme) closes the learning."""
    out, left = list(slides), list(parts.design.pairs)
    for g in reversed(parts.groups):
        d = next((d for d in left if d.theme == g.theme), None)
        if d and g.points:
            last = max(i for i, s in enumerate(out) if s.point_id in {pv.id for pv in g.points})
            out.insert(last + 1, pairs_slide(d))
            left.remove(d)
    return out + [pairs_slide(d) for d in left]


def _group_slides(parts: _Parts, g: ThemeGroup, divider: bool) -> list[Slide]:
    slides = [Slide("section", g.label, subtitle=g.description,
                    notes=Notes((f"Section: {g.label}. {g.description}",)))] if divider else []
    by_id = {p.id: p for p in parts.design.points}
    return slides + [_point_slide(pv, parts.design.point_minutes[pv.id],
                                  source_line(parts.lib, by_id[pv.id].source)) for pv in g.points]


def _passage_slide(lib: Library, passage: Passage, title: str | None, minutes: int) -> Slide:
    citation = cite(lib, passage.source)
    if passage.verbatim:
        return Slide("quote", title or passage.title, quote=passage.text, citation=citation,
                     minutes=minutes, notes=Notes(("Read the quotation aloud.",), source=citation,
                                                  source_inline=True))
    bullets = tuple(Bullet(t) for t in passage.bullets) or (Bullet(passage.text or ""),)
    talk = " ".join(b.text for b in bullets)
    since = since_note(lib, passage.since) if passage.since else None
    if passage.since:
        bullets += (Bullet(passage.since.text),)
    return Slide("bullets", title or passage.title, bullets=bullets, citation=citation,
                 minutes=minutes, notes=Notes((talk,), since=since, source=citation))


def _point_slide(pv: PointView, minutes: int, source: str) -> Slide:
    bullets = (Bullet(pv.summary, plain=True), Bullet("What to do:", bold=True, plain=True),
               *(Bullet(i) for i in pv.implications))
    notes = Notes((pv.summary,), talking_points=pv.implications, questions=pv.questions,
                  quote=pv.quote, since=pv.since, source=pv.citation, point_id=pv.id)
    return Slide("point", pv.title, bullets=bullets, notes=notes, minutes=minutes,
                 citation=pv.citation, source_line=source, point_id=pv.id)


def _chart_notes(ch: Chart) -> Notes:
    values = "; ".join(f"{c}: {v}" for c, v in zip(ch.categories, ch.labels, strict=True))
    note = f" {ch.note}" if ch.note else ""
    return Notes((f"{ch.title}. {values}.{note}",), source=ch.citation)


def _stamp(slides: Sequence[Slide]) -> list[Slide]:
    """The running clock: each slide's start, on the slide and in its notes."""
    out, start = [], 0
    for s in slides:
        out.append(replace(s, start=start, notes=replace(s.notes, start=start, minutes=s.minutes)))
        start += s.minutes
    return out


def _unique_titles(slides: list[Slide]) -> list[Slide]:
    """Accessibility: every slide title unique; repeats get a number."""
    seen: dict[str, int] = {}
    out = []
    for s in slides:
        n = seen.get(s.title.casefold(), 0) + 1
        seen[s.title.casefold()] = n
        out.append(s if n == 1 else replace(s, title=f"{s.title} ({n})"))
    return out


# Activity slides: what the room sees; the notes say what the facilitator does and draws out.

def extract_slide(lib: Library, x: CaseExtract, minutes: int) -> Slide:
    """The extract quoted exactly with its page, then the questions for small groups."""
    citation = cite(lib, x.source)
    bullets = (*(Bullet(f"“{line}”", plain=True) for line in x.lines),
               Bullet(f"— {credit(lib, x.source.report, x.source.page, x.by)}", plain=True),
               Bullet("In small groups:", bold=True, plain=True),
               *(Bullet(q) for q in x.questions))
    notes = Notes((f"{extract_kind(lib, x.by)}.", *([x.context] if x.context else [])),
                  steps=tuple(activities.EXTRACT_STEPS),
                  learning=tuple((title, summary) for _, title, summary in x.learning),
                  source=citation, source_inline=True, extract_id=x.id)
    return Slide("case-extract", x.title, bullets=bullets, notes=notes,
                 minutes=minutes, citation=citation, source_line=source_line(lib, x.source))


def estimate_slide(lib: Library, q: EstimateQuestion) -> Slide:
    """The question before the chart that answers it; the answer is only in the notes."""
    bullets = (Bullet(q.question, bold=True, plain=True),
               Bullet("Write down your estimate, then compare it with the person next to you.",
                      plain=True))
    notes = Notes(("Estimate, then reveal: the next slide shows the answer.",),
                  steps=tuple(activities.ESTIMATE_STEPS), answer=q.answer, values=q.values,
                  source=cite(lib, q.source))
    return Slide("estimate", f"Estimate: {q.title}", bullets=bullets, notes=notes,
                 minutes=activities.ESTIMATE_MINUTES)


def pairs_slide(d: PairsDiscussion) -> Slide:
    bullets = (Bullet("Discuss with the person next to you:", bold=True, plain=True),
               *(Bullet(q) for q in d.questions))
    notes = Notes((f"Pairs discussion on {d.label}, from the learning points' reflective "
                   "questions.",), steps=tuple(activities.PAIRS_STEPS))
    return Slide("pairs", f"In pairs: {d.label}", bullets=bullets, notes=notes,
                 minutes=activities.PAIRS_MINUTES)


def commitment_slide(minutes: int) -> Slide:
    notes = Notes(("Closing commitment: each person writes down one change they will make.",),
                  steps=tuple(activities.COMMITMENT_STEPS))
    return Slide("commitment", "One thing I will do differently",
                 bullets=tuple(Bullet(p) for p in activities.COMMITMENT_PROMPTS),
                 notes=notes, minutes=minutes)
