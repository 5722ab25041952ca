"""Choose and order learning points for an audience, themes, a source, a priority or search text.

Semantics: values of one option are OR-ed (`--theme neglect --theme poverty` is either theme);
different options are AND-ed (`--audience health --theme neglect` is both). Search words must all
appear (case-insensitive) in the title, summary, implications, questions or id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sessionbuilder.errors import InputError
from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import LearningPoint, Vocabulary

PRIORITY_ORDER = {"core": 0, "supporting": 1}
MATCHES_NOTHING = "\0"  # no id is empty, so a criterion of only this selects no point


@dataclass(frozen=True)
class Criteria:
    """What to select, already resolved to taxonomy ids."""

    audiences: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    search: str = ""

    def narrow(self, other: Criteria) -> Criteria:
        """Both criteria at once, as when command-line options narrow a recipe."""
        def both(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            if a and b:  # both restrict: only the shared values, or a value nothing matches
                return tuple(x for x in a if x in b) or (MATCHES_NOTHING,)
            return a or b
        return Criteria(both(self.audiences, other.audiences), both(self.themes, other.themes),
                        both(self.sources, other.sources), both(self.priorities, other.priorities),
                        " ".join(x for x in (self.search, other.search) if x))


def resolve(lib: Library, audiences: Iterable[str] = (), themes: Iterable[str] = (),
            sources: Iterable[str] = (), priorities: Iterable[str] = (), search: str = "") -> Criteria:
    """Turn what a user typed (ids, labels, aliases) into Criteria, or a clear usage error."""
    aud = _ids(lib.audiences, audiences, lib.themes, "--theme")
    thm = _ids(lib.themes, themes, lib.audiences, "--audience")
    known = set(lib.reports) | set(lib.documents)
    for s in sources:
        if s not in known:
            raise InputError(f"unknown source '{s}'", hint="known: " + ", ".join(sorted(known)))
    return Criteria(aud, thm, tuple(sources), tuple(priorities), search.strip())


def _ids(vocab: Vocabulary, names: Iterable[str], other: Vocabulary, other_option: str
         ) -> tuple[str, ...]:
    """Resolved ids; a name from the other vocabulary gets a hint naming the right option."""
    ids = []
    for name in names:
        try:
            ids.append(vocab.resolve(name))
        except ValueError as e:
            if other.knows(name):
                raise InputError(f"unknown {vocab.kind} '{name}'",
                                 hint=f"'{name}' is {other.kind_with_article}: use {other_option} "
                                      f"{name}") from None
            raise InputError(str(e), hint="run 'sessionbuilder taxonomy' to see them all") from None
    return tuple(dict.fromkeys(ids))


def matches(point: LearningPoint, c: Criteria) -> bool:
    if c.audiences and not any(a in point.audiences for a in c.audiences):
        return False
    if c.themes and not any(t in point.themes for t in c.themes):
        return False
    if c.sources and point.source.report not in c.sources and point.source.document not in c.sources:
        return False
    if c.priorities and point.priority not in c.priorities:
        return False
    if c.search:
        haystack = " ".join((point.id, point.title, point.summary, *point.implications,
                             *point.questions)).lower()
        return all(word in haystack for word in c.search.lower().split())
    return True


def select(lib: Library, c: Criteria) -> list[LearningPoint]:
    """Matching points in library order."""
    return [p for p in lib.points if matches(p, c)]


def theme_order(lib: Library, c: Criteria) -> list[str]:
    """Themes to group points under: the requested ones first, then taxonomy order."""
    return list(c.themes) + [t for t in lib.themes.ids if t not in c.themes]


def primary_theme(point: LearningPoint, order: Sequence[str]) -> str:
    """The one theme a point is shown under: its earliest theme in `order`."""
    return min(point.themes, key=lambda t: order.index(t) if t in order else len(order))


def by_priority(points: Sequence[LearningPoint]) -> list[LearningPoint]:
    """Core points first, keeping library order within a priority."""
    return sorted(points, key=lambda p: PRIORITY_ORDER[p.priority])


def balanced(points: Sequence[LearningPoint], limit: int, order: Sequence[str]) -> list[LearningPoint]:
    """At most `limit` points in the order to keep them: core before supporting, and within a
    priority one from each theme in turn, so a short session still covers every theme it can."""
    chosen: list[LearningPoint] = []
    for priority in PRIORITY_ORDER:
        queues: dict[str, list[LearningPoint]] = {}
        for p in points:
            if p.priority == priority:
                queues.setdefault(primary_theme(p, order), []).append(p)
        while queues and len(chosen) < limit:
            for theme in [t for t in order if t in queues]:
                chosen.append(queues[theme].pop(0))
                if not queues[theme]:
                    del queues[theme]
                if len(chosen) >= limit:
                    break
    return chosen
