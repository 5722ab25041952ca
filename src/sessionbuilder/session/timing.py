"""How a session spends its minutes: which parts a session of this length has, what each takes,
how long a learning point needs for its content, and whole-minute shares that add up exactly.

The opening, charts and discussion take a share of the session, not a fixed block, so a short
session still spends most of its time on learning.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessionbuilder.library.models import LearningPoint

# Minutes of each fixed part, and the shortest session that has it unless a recipe insists.
PART_MINUTES = {"title": 1, "aims": 2, "remember": 2, "what-is-scr": 3, "overview": 3,
                "further-reading": 1, "references": 1}
SHORTEST = {"remember": 45, "what-is-scr": 60, "overview": 90}
CHART_MINUTES = 2
MAX_CHARTS = 4
MINUTES_PER_CHART = 25  # one chart per this many minutes of session, at least one
MIN_POINT_MINUTES = 2
STRETCH = 1.5  # with too few points, each may run this much longer than its content needs
MIN_LEARNING_SHARE = 0.55  # trim the fixed parts of very short sessions until learning has this


def has_part(kind: str, minutes: int, insisted: bool) -> bool:
    return insisted or minutes >= SHORTEST.get(kind, 0)


def chart_count(minutes: int) -> int:
    return min(MAX_CHARTS, max(1, round(minutes / MINUTES_PER_CHART)))


def discussion_minutes(minutes: int) -> int:
    """About an eighth of the session, between 2 and 15 minutes."""
    return min(15, max(2, round(minutes * 0.13)))


def point_minutes(p: LearningPoint) -> float:
    """What a point needs in the room: the finding, each thing to do, each question discussed."""
    need = 1.0 + 0.5 * len(p.implications) + 1.0 * len(p.questions) + 0.5 * bool(p.quote)
    return max(float(MIN_POINT_MINUTES), need + 0.5 * (p.words > 120))


def share(total: int, weights: Sequence[float], floor: int = MIN_POINT_MINUTES) -> list[int]:
    """Whole minutes in proportion to `weights`, each at least `floor`, adding up exactly to
    `total` (largest remainder); `total` must allow the floor for each."""
    if total < floor * len(weights):
        raise ValueError(f"{total} minutes cannot give {len(weights)} items {floor} each")
    pinned: set[int] = set()
    while True:  # items whose share falls below the floor get the floor; the rest share the rest
        free = [i for i in range(len(weights)) if i not in pinned]
        left = total - floor * len(pinned)
        weight = sum(weights[i] for i in free) or 1.0
        raw = {i: left * weights[i] / weight for i in free}
        low = {i for i in free if raw[i] < floor}
        if not low:
            break
        pinned |= low
    whole = {i: int(r) for i, r in raw.items()}
    rest = total - floor * len(pinned) - sum(whole.values())
    for i in sorted(raw, key=lambda i: (whole[i] - raw[i], i))[:rest]:
        whole[i] += 1
    return [whole.get(i, floor) for i in range(len(weights))]


def stretched(weights: Sequence[float]) -> int:
    """The most minutes these points can fill without padding."""
    return sum(max(MIN_POINT_MINUTES, round(w * STRETCH)) for w in weights)


def hhmm(minutes: int) -> str:
    """Minutes from the start as a session clock: "01:05"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def span(start: int, minutes: int) -> str:
    """"00:24-00:26", or "00:24" for a slide that takes no time of its own."""
    return f"{hhmm(start)}-{hhmm(start + minutes)}" if minutes else hhmm(start)


def clock(start: int, minutes: int) -> str:
    """"00:24-00:26, 2 minutes", or "00:24" for a slide that takes no time of its own."""
    if not minutes:
        return hhmm(start)
    return f"{span(start, minutes)}, {minutes} minute{'s' if minutes != 1 else ''}"
