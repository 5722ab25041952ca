"""What the trainer's page shows before anything is built: the running order as `plan` prints
it (clock, minutes, kind, title, source), what was left out and why, and the selection's
warnings, as values."""

from __future__ import annotations

from dataclasses import dataclass

from sessionbuilder.commands import build
from sessionbuilder.session import runningorder
from sessionbuilder.session.design import Omission


@dataclass(frozen=True)
class Preview:
    title: str
    subtitle: str | None
    minutes: int  # as planned: fewer than asked when too few points match
    asked: int  # the minutes asked for, or the recipe's
    points: int
    matching: int
    rows: tuple[runningorder.Row, ...]
    left_out: tuple[Omission, ...]
    warnings: tuple[str, ...] = ()


def preview(req: build.Request) -> Preview:
    s = build.choose(req)
    plan = build.session_plan(s, req)
    rows = runningorder.rows(plan)
    return Preview(plan.title, plan.subtitle, plan.minutes, req.minutes or s.loaded.recipe.minutes,
                   sum(1 for r in rows if r.point), plan.matching, rows, plan.omitted, s.warnings)
