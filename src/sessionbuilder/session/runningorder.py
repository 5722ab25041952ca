"""A session's running order as a trainer reads it before building anything: clock time,
minutes, slide titles and point ids, then what was left out and why. Also as JSON or YAML for
tools and for the golden files the tests compare against.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from sessionbuilder.session import timing
from sessionbuilder.session.kinds import SlideKind
from sessionbuilder.session.plan import SessionPlan

K = SlideKind
KIND_LABELS = {K.TITLE: "Title", K.BULLETS: "Text", K.QUOTE: "Quote", K.CHART: "Chart",
               K.SECTION: "Section", K.POINT: "Point", K.DISCUSSION: "Discuss",
               K.REFERENCES: "Refs", K.CASE_EXTRACT: "Extract", K.ESTIMATE: "Estimate",
               K.PAIRS: "Pairs", K.COMMITMENT: "Commit", K.CONTACTS: "Contacts"}


@dataclass(frozen=True)
class Row:
    """One line of the running order as a page shows it."""

    clock: str  # "00:24" when the slide starts
    minutes: int
    kind: str  # the label `plan` prints: Point, Chart, Discuss...
    title: str
    point: str | None
    source: str | None


def rows(plan: SessionPlan) -> tuple[Row, ...]:
    return tuple(Row(timing.clock(s.start, 0), s.minutes, KIND_LABELS.get(s.kind, s.kind), s.title,
                     s.point_id, s.citation) for s in plan.slides)


def as_data(plan: SessionPlan) -> dict[str, Any]:
    """Plain data: what the session holds, in order, with its minutes."""
    slides = []
    for s in plan.slides:
        row: dict[str, Any] = {"start": s.start, "minutes": s.minutes, "kind": s.kind.value,
                               "title": s.title}
        if s.point_id:
            row["point"] = s.point_id
        slides.append(row)
    points = sum(1 for s in plan.slides if s.point_id)
    return {"title": plan.title, "subtitle": plan.subtitle, "audience": plan.audience,
            "minutes": plan.minutes, "points": points, "matching": plan.matching,
            "slides": slides,
            "left_out": [{"kind": o.kind, "id": o.id, "reason": o.reason} for o in plan.omitted]}


def render(plan: SessionPlan, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(as_data(plan), indent=2, ensure_ascii=False)
    if fmt == "yaml":
        return to_yaml(plan)
    return table(plan)


def to_yaml(plan: SessionPlan) -> str:
    return yaml.safe_dump(as_data(plan), sort_keys=False, allow_unicode=True, width=100)


def table(plan: SessionPlan) -> str:
    data = as_data(plan)
    lines = [plan.title]
    if plan.subtitle:
        lines.append(plan.subtitle)
    lines += [f"{plan.minutes} minutes, {len(plan.slides)} slides, {data['points']} of "
              f"{plan.matching} matching learning points", "",
              f"{'Clock':<12} {'Min':>3}  {'Slide':<8} Title"]
    for s in plan.slides:
        when = timing.span(s.start, s.minutes)
        title = f"  {s.title}  [{s.point_id}]" if s.point_id else s.title
        minutes = str(s.minutes) if s.minutes else "-"
        lines.append(f"{when:<12} {minutes:>3}  {KIND_LABELS[s.kind]:<8} {title}")
    lines.append(f"{'':<12} {sum(s.minutes for s in plan.slides):>3}  total")
    if plan.omitted:
        lines += ["", f"Left out ({len(plan.omitted)}):"]
        for o in plan.omitted:
            lines.append(f"  {o.kind:<8} {o.id}: {o.reason}")
    return "\n".join(lines)
