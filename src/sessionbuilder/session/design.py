"""Design a session for its length: which of the recipe's parts it has, which charts, which
learning points and how many minutes each takes, and what was left out and why.

The plan module turns a Design into slides; this module only decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sessionbuilder.session import activities, repeats
from sessionbuilder.session import timing
from sessionbuilder.session.activities import CaseExtract, PairsDiscussion
from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import Figure, LearningPoint, Recipe, Section
from sessionbuilder.session.selection import Criteria, balanced, theme_order

# Parts given up first when a very short session needs its time for learning.
TRIM_ORDER = ("overview", "what-is-scr", "remember", "figures", "further-reading", "references",
              "aims")


@dataclass(frozen=True)
class Omission:
    """Something the session could have had, and why it does not."""

    kind: Literal["point", "section", "figure"]
    id: str
    title: str
    reason: str
    said_by: str = ""  # a point left out because this chart, extract or passage says the same


@dataclass(frozen=True)
class Design:
    sections: tuple[Section, ...]  # the recipe's sections this session has, in order
    part_minutes: dict[str, int]  # minutes of each fixed part, by section kind
    figures: tuple[Figure, ...]
    points: tuple[LearningPoint, ...]  # kept, core first and balanced across themes
    point_minutes: dict[str, int]
    minutes: int  # what the session really fills
    omitted: tuple[Omission, ...]
    extracts: tuple[CaseExtract, ...] = ()  # one for each case-extract section, in order
    pairs: tuple[PairsDiscussion, ...] = ()  # pairs discussions, each closing its theme
    estimating: bool = False  # each chart with an estimate question is preceded by it


def design(lib: Library, recipe: Recipe, points: Sequence[LearningPoint], c: Criteria,
           minutes: int, from_selection: bool = False) -> Design:
    """Fit the recipe's structure and the selected points into `minutes`.

    `from_selection`: the recipe lends only its structure (no request named it), so its named
    figures give way to figures related to the selection."""
    omitted: list[Omission] = []
    sections = []
    local = local_only(lib, points)
    for s in recipe.sections:
        too_short = _activity_too_short(s, sections, minutes, from_selection)
        if too_short:
            omitted.append(Omission("section", s.kind, s.title or s.kind, too_short))
        elif local and s.kind in NATIONAL_ONLY:
            omitted.append(Omission("section", s.kind, s.title or s.kind,
                                    "about the national analyses; this session is on local reviews"))
        elif timing.has_part(s.kind, minutes, s.always):
            sections.append(s)
        else:
            omitted.append(Omission("section", s.kind, s.title or s.kind, f"only in sessions of "
                                    f"{timing.SHORTEST[s.kind]} minutes or more"))
    figures = list(_figures(lib, recipe, points, c, minutes, from_selection, omitted))
    parts = {s.kind: timing.PART_MINUTES.get(s.kind, 0) for s in sections}
    if "discussion" in parts:
        parts["discussion"] = timing.discussion_minutes(minutes)
    extracts = _extracts(lib, sections, points, c, minutes, parts, omitted)
    if "pairs" in parts:  # time for as many as the selection has themes with questions
        parts["pairs"] = activities.PAIRS_MINUTES * min(
            activities.pairs_count(minutes), len(activities.pairs_discussions(lib, points, c)))
    if "commitment" in parts:
        parts["commitment"] = activities.COMMITMENT_MINUTES
    sections = _trim(sections, parts, figures, minutes, omitted)
    fixed = sum(parts.values()) + timing.CHART_MINUTES * len(figures)
    curated = bool(recipe.points) and not from_selection
    pinned = () if from_selection else recipe.pinned
    shown = [*session_passages(lib, sections), *map(repeats.figure_part, figures),
             *(repeats.extract_part(x) for x in lib.extracts if x.id in {e.id for e in extracts})]
    points = _without_repeats(points, shown, omitted)
    kept, weights = _fit(lib, points, c, max(minutes - fixed, timing.MIN_POINT_MINUTES), curated,
                         pinned)
    if figures and (from_selection or not figures_named(recipe)):  # related to what is kept
        ranked = related_figures(lib, points, c, kept)
        figures = ranked[:len(figures)]
        omitted = [o for o in omitted if o.kind != "figure"] + [
            Omission("figure", f.id, f.title, f"no time: {len(figures)} chart"
                     f"{'s' if len(figures) != 1 else ''} in a {minutes}-minute session")
            for f in ranked[len(figures):]]
        said = {p.id for p in _without_repeats(kept, list(map(repeats.figure_part, figures)),
                                               omitted)}
        gone = {p.id for p in kept} - said
        weights = [w for p, w in zip(kept, weights, strict=True) if p.id not in gone]
        kept = [p for p in kept if p.id not in gone]
        points = [p for p in points if p.id not in gone]
    pairs: tuple[PairsDiscussion, ...] = ()
    if "pairs" in parts:  # the themes kept, requested ones first
        pairs = activities.pairs_discussions(lib, kept, c)[:parts["pairs"] // activities.PAIRS_MINUTES]
        parts["pairs"] = activities.PAIRS_MINUTES * len(pairs)
    fixed = sum(parts.values()) + timing.CHART_MINUTES * len(figures)
    room = max(minutes - fixed, timing.MIN_POINT_MINUTES * len(kept))
    learning = min(room, max(timing.stretched(weights), timing.MIN_POINT_MINUTES * len(kept)))
    if "discussion" in parts and learning < room:  # too few points: a longer discussion, then stop
        parts["discussion"] += min(room - learning, parts["discussion"] // 2)
    kept_ids = {p.id for p in kept}
    for p in points:
        if p.id not in kept_ids:
            omitted.append(Omission("point", p.id, p.title,
                                    f"no time left in {minutes} minutes ({p.priority})"))
    return Design(tuple(sections), parts, tuple(figures), tuple(kept),
                  dict(zip((p.id for p in kept), timing.share(learning, weights), strict=True)),
                  sum(parts.values()) + timing.CHART_MINUTES * len(figures) + learning,
                  tuple(omitted), extracts, pairs, "estimate" in parts)


def session_passages(lib: Library, sections: Sequence[Section]) -> list[repeats.Part]:
    """The fixed passages the session's sections show (the overview shows two)."""
    ids = [i for s in sections for i in PASSAGE_IDS.get(s.kind, ())]
    return [repeats.passage_part(lib.passages[i]) for i in ids if i in lib.passages]


def _without_repeats(points: Sequence[LearningPoint], shown: Sequence[repeats.Part],
                     omitted: list[Omission]) -> list[LearningPoint]:
    """The points no chart, extract or passage of the session already says; the rest are
    recorded as left out, with the part that says the same. A point a question or outcome draws
    on is left out too: the room still sees its finding, in the part that says it."""
    dropped = {p.id: part for p, part in repeats.repeated(points, shown)}
    omitted.extend(Omission("point", p.id, p.title, repeats.reason(dropped[p.id]), dropped[p.id].id)
                   for p in points if p.id in dropped)
    return [p for p in points if p.id not in dropped]


def _activity_too_short(s: Section, kept: Sequence[Section], minutes: int,
                        from_selection: bool) -> str | None:
    """Why a session this long has no room for this activity, or None when it has. A session
    made from a selection keeps its time for the points asked for: no extract, no pairs."""
    if s.always:
        return None
    if from_selection and s.kind in ("case-extract", "pairs"):
        return "in sessions from a recipe only; this one keeps its time for the points asked for"
    if s.kind == "case-extract":
        nth = 1 + sum(1 for k in kept if k.kind == "case-extract")
        if nth > activities.extract_count(minutes):
            return (f"only in sessions of {activities.SHORTEST} minutes or more" if nth == 1 else
                    f"one case extract per {activities.MINUTES_PER_EXTRACT} minutes of session")
    if s.kind == "commitment" and minutes < activities.SHORTEST:
        return f"only in sessions of {activities.SHORTEST} minutes or more"
    if s.kind == "pairs" and not activities.pairs_count(minutes):
        return f"only in sessions of {activities.MINUTES_PER_PAIRS} minutes or more"
    return None


def _extracts(lib: Library, sections: list[Section], points: Sequence[LearningPoint],
              c: Criteria, minutes: int, parts: dict[str, int], omitted: list[Omission]
              ) -> tuple[CaseExtract, ...]:
    """An extract for each case-extract section: the one it names, else the closest left;
    a section with none to show is given up, and the extracts' time is reserved."""
    slots = [s for s in sections if s.kind == "case-extract"]
    if not slots:
        return ()
    named = [i for s in slots for i in s.extracts]
    chosen = activities.choose_extracts(lib, points, c, len(slots), named)
    for s in slots[len(chosen):]:
        sections.remove(s)
        omitted.append(Omission("section", s.kind, s.title or s.kind,
                                "no case extract matches this selection"))
    parts.pop("case-extract", None)
    if chosen:
        parts["case-extract"] = activities.extract_minutes(minutes) * len(chosen)
    return chosen


def _figures(lib: Library, recipe: Recipe, points: Sequence[LearningPoint], c: Criteria,
             minutes: int, from_selection: bool, omitted: list[Omission]) -> list[Figure]:
    """The recipe's named figures, or figures sharing a theme with the request or the points,
    as many as the session's length allows."""
    section = next((s for s in recipe.sections if s.kind == "figures"), None)
    if section is None or not timing.has_part("figures", minutes, section.always):
        return []
    named = [] if from_selection else list(section.figures)
    if named:
        by_id = {f.id: f for f in lib.figures}
        candidates = [by_id[i] for i in named]
    else:
        candidates = related_figures(lib, points, c)
    candidates = [f for f in candidates if from_sources(f, c)]
    count = len(candidates) if section.always else timing.chart_count(minutes)
    for f in candidates[count:]:
        omitted.append(Omission("figure", f.id, f.title, f"no time: {count} chart"
                                f"{'s' if count != 1 else ''} in a {minutes}-minute session"))
    return candidates[:count]


def figures_named(recipe: Recipe) -> bool:
    return any(s.figures for s in recipe.sections if s.kind == "figures")


def from_sources(f: Figure, c: Criteria) -> bool:
    """A session limited to some reports (a local review, say) shows only their figures."""
    return not c.sources or f.source.report in c.sources or f.source.document in c.sources


def related_figures(lib: Library, points: Sequence[LearningPoint], c: Criteria,
                    kept: Sequence[LearningPoint] = ()) -> list[Figure]:
    """Figures sharing a theme with the request first, then with most of the points kept, then
    with most of the points selected."""
    def score(f: Figure) -> tuple[int, int, int]:
        themes = set(f.themes)
        return (len(themes & set(c.themes)), sum(bool(themes & set(p.themes)) for p in kept),
                sum(bool(themes & set(p.themes)) for p in points))
    related = [f for f in lib.figures if any(score(f)) and from_sources(f, c)]
    return sorted(related, key=lambda f: tuple(-x for x in score(f)))


def _trim(sections: list[Section], parts: dict[str, int], figures: list[Figure], minutes: int,
          omitted: list[Omission]) -> list[Section]:
    """Give up fixed parts of a very short session until learning has its share of the time."""
    def fixed() -> int:  # activities are learning time, not parts to give up
        return (sum(v for k, v in parts.items() if k not in activities.KINDS)
                + timing.CHART_MINUTES * len(figures))
    for kind in TRIM_ORDER:
        section = next((s for s in sections if s.kind == kind), None)
        while section and not section.always and fixed() > minutes * (1 - timing.MIN_LEARNING_SHARE):
            reason = f"no time in a {minutes}-minute session"
            if kind == "figures" and figures:
                f = figures.pop()
                omitted.append(Omission("figure", f.id, f.title, reason))
                continue
            sections.remove(section)
            parts.pop(kind, None)
            omitted.append(Omission("section", kind, section.title or kind, reason))
            section = None
    return sections


def _fit(lib: Library, points: Sequence[LearningPoint], c: Criteria, room: int, curated: bool,
         pinned: Sequence[str] = ()) -> tuple[list[LearningPoint], list[float]]:
    """The points the recipe's questions draw on, then core first, one theme after another, each
    point while its time still fits; kept in the balanced order. A recipe's curated list asked
    for its points: they are kept while each still gets the shortest time."""
    ordered = balanced(points, len(points), theme_order(lib, c))
    chosen: set[str] = set()
    used = 0.0
    for p in [p for p in ordered if p.id in pinned] + [p for p in ordered if p.id not in pinned]:
        need = timing.MIN_POINT_MINUTES if curated else timing.point_minutes(p)
        if not chosen or p.id in pinned or used + need <= room:
            chosen.add(p.id)
            used += need
    kept = [p for p in ordered if p.id in chosen]
    return kept, [timing.point_minutes(p) for p in kept]


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


NATIONAL_ONLY = ("aims", "overview", "further-reading")  # passages on the national analyses
PASSAGE_IDS = {"aims": ("aims",), "remember": ("remember",), "what-is-scr": ("what-is-scr",),
               "overview": ("about-the-report", "overview"), "further-reading": ("further-reading",)}


def local_only(lib: Library, points: Sequence[LearningPoint]) -> bool:
    """Every point comes from a user's own library: a session on their local reviews."""
    return bool(points) and all(p.id in lib.local for p in points)


def headings(lib: Library, c: Criteria, points: Sequence[LearningPoint] = ()) -> tuple[str, str]:
    """Title and subtitle that say what a session made from the selection is about."""
    labels = [lib.themes.get(t).label for t in c.themes]
    if len(labels) > 3:
        labels = labels[:3] + ["more"]
    themes = _and([labels[0], *map(_lower_first, labels[1:])]) if labels else ""
    reviews = list(dict.fromkeys(lib.reports[p.source.report].short for p in points))
    if not themes and local_only(lib, points) and len(reviews) <= 2:
        title = f"Learning from {_and(reviews)}"
    else:
        reviews_of = ("local child safeguarding practice reviews" if local_only(lib, points)
                      else "serious case reviews")
        title = f"{themes}: learning from {reviews_of}" if themes else f"Learning from {reviews_of}"
    if not c.audiences or len(c.audiences) == len(lib.audiences.ids):
        return title, "For: all agencies"
    return title, "For: " + _and([_lower_first(lib.audiences.get(a).label)
                                  for a in c.audiences]) + " staff"
