"""The numbers a board reads, per learning outcome: how participants rated their confidence
before (looking back) and after the session, the medians, the share who rated themselves higher
and the paired change, overall and per session. A breakdown of fewer than five people is
suppressed, so no one can be picked out.

Only participants who rated an outcome both before and after count for it, so the before and
after bars always describe the same people.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sessionbuilder.impact.matching import Role
from sessionbuilder.impact.responses import Answers, Response, Session

MIN_SHOWN = 5
SCALE = (1, 2, 3, 4, 5)


def half_up(value: float, places: int = 0) -> Decimal:
    """Rounded as people do by hand (2.5 → 3), not to even."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


@dataclass(frozen=True)
class Change:
    """One outcome's ratings from one group of participants."""

    pairs: int                    # rated it both before and after
    before: tuple[int, ...]       # how many chose 1, 2, 3, 4, 5
    after: tuple[int, ...]
    median_before: float
    median_after: float
    higher: int
    same: int
    lower: int
    mean_change: float

    @property
    def suppressed(self) -> bool:
        return self.pairs < MIN_SHOWN

    @property
    def higher_percent(self) -> int:
        return int(half_up(100 * self.higher / self.pairs)) if self.pairs else 0


def change(pairs: Sequence[tuple[int, int]]) -> Change:
    if not pairs:
        return Change(0, (0,) * 5, (0,) * 5, 0, 0, 0, 0, 0, 0)
    before = [b for b, _ in pairs]
    after = [a for _, a in pairs]
    diffs = [a - b for b, a in pairs]
    return Change(len(pairs), tuple(before.count(k) for k in SCALE),
                  tuple(after.count(k) for k in SCALE), statistics.median(before),
                  statistics.median(after), sum(d > 0 for d in diffs), sum(d == 0 for d in diffs),
                  sum(d < 0 for d in diffs), sum(diffs) / len(diffs))


def paired(responses: Sequence[Response], outcome: int) -> list[tuple[int, int]]:
    return [r.ratings[outcome] for r in responses
            if outcome < len(r.ratings) and None not in r.ratings[outcome]]


@dataclass(frozen=True)
class OutcomeResult:
    outcome: str
    overall: Change
    sessions: tuple[tuple[Session, Change], ...]
    not_rated: int  # responses that did not rate this outcome both times
    asked: bool = True  # some sheet had a column rating it


@dataclass(frozen=True)
class RecipeResult:
    key: str
    title: str
    sessions: tuple[tuple[Session, int], ...]  # each session and its responses
    outcomes: tuple[OutcomeResult, ...]
    responses: tuple[Response, ...]

    @property
    def total(self) -> int:
        return len(self.responses)


def analyse(answers: Answers) -> tuple[RecipeResult, ...]:
    """Per recipe, in the order first read; sessions by date."""
    out = []
    for recipe in answers.recipes:
        mine = [r for r in answers.responses if r.session.recipe == recipe.key]
        sessions = sorted({r.session for r in mine}, key=lambda s: (s.date is None, s.date))
        by_session = {s: [r for r in mine if r.session == s] for s in sessions}
        asked = {c.outcome for s in answers.sheets if s.recipe and s.recipe.key == recipe.key
                 for c in s.columns if c.role is Role.RATING}
        outcomes = tuple(
            OutcomeResult(text, change(paired(mine, i)),
                          tuple((s, change(paired(by_session[s], i))) for s in sessions),
                          len(mine) - len(paired(mine, i)), i in asked)
            for i, text in enumerate(recipe.outcomes))
        out.append(RecipeResult(recipe.key, recipe.title,
                                tuple((s, len(by_session[s])) for s in sessions), outcomes,
                                tuple(mine)))
    return tuple(out)
