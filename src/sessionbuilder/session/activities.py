"""Activities that get a room talking: case extracts for small groups, estimate-then-reveal
questions on figures, pairs discussion per theme, and a closing commitment.

This module chooses and words them; the session plan places and times them, and the facilitator
guide explains them. Nothing here invents content: extracts are quoted as the library holds them,
answers come from the figures' own values, pairs questions are the points' reflective questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import Extract, Figure, LearningPoint, SourceRef
from sessionbuilder.session.selection import Criteria, primary_theme, theme_order

# Minutes each activity takes in the room. They count as learning time, not as the opening or
# closing parts a short session gives up first.
ESTIMATE_MINUTES = 1  # the question, taken from the time of the chart that answers it
PAIRS_MINUTES = 3
COMMITMENT_MINUTES = 2
SHORTEST = 45  # sessions shorter than this have no case extract and no commitment ...
MINUTES_PER_PAIRS = 45  # ... and one pairs discussion per this many minutes
MINUTES_PER_EXTRACT = 60  # a second case extract from twice this, and so on
MAX_PAIRS_QUESTIONS = 3
KINDS = ("case-extract", "estimate", "pairs", "commitment")  # recipe sections that are activities

EXTRACT_STEPS = (
    "Say first that case extracts can be distressing, and that anyone may step out for a while.",
    "Read the extract aloud, or ask a volunteer to.",
    "In groups of three to five, discuss the questions on the slide.",
    "Take one point from each group, then draw out the learning the report takes from it.",
)
ESTIMATE_STEPS = (
    "Ask everyone to write down their estimate, then compare with the person next to them.",
    "Take two or three estimates from the room before showing the next slide.",
    "Show the chart and ask what surprised people.",
)
PAIRS_STEPS = (
    "Turn to the person next to you and discuss one or two of the questions.",
    "Take one or two reflections from the room.",
)
COMMITMENT_STEPS = (
    "Give everyone a minute in silence to write down one thing they will do differently.",
    "Invite two or three people to share theirs.",
    "Point out that the evaluation form asks about it again after 6-8 weeks, with their manager.",
)
COMMITMENT_PROMPTS = (
    "One thing I will do differently in my work after today is ...",
    "Who do I need to tell or involve, and by when?",
    "How will I know it has made a difference for a child?",
)


@dataclass(frozen=True)
class CaseExtract:
    """An extract as a room sees it, with what the facilitator draws out afterwards."""

    id: str
    title: str
    lines: tuple[str, ...]  # quoted word for word; several lines when the source gives a list
    context: str | None
    questions: tuple[str, ...]
    learning: tuple[tuple[str, str, str], ...]  # related points: (id, title, summary)
    source: SourceRef
    by: str | None = None  # the document whose own words these are, if not the report's


@dataclass(frozen=True)
class EstimateQuestion:
    figure: str
    title: str
    question: str
    answer: str  # the figure's value for the item asked about, or all its values
    values: str  # every value of the figure, for the facilitator
    source: SourceRef


@dataclass(frozen=True)
class PairsDiscussion:
    theme: str
    label: str
    questions: tuple[str, ...]


def extract_minutes(session_minutes: int) -> int:
    """Reading, small groups and feedback: longer groups in longer sessions."""
    return 10 if session_minutes >= 120 else 8 if session_minutes >= 90 else 6


def extract_count(session_minutes: int) -> int:
    return 0 if session_minutes < SHORTEST else max(1, session_minutes // MINUTES_PER_EXTRACT)


def pairs_count(session_minutes: int) -> int:
    return session_minutes // MINUTES_PER_PAIRS


def choose_extracts(lib: Library, points: Sequence[LearningPoint], c: Criteria, count: int,
                    wanted: Sequence[str] = ()) -> tuple[CaseExtract, ...]:
    """The recipe's named extracts, or those closest to the session: for its audience, on its
    requested themes (or its points' themes), most related points in the session first (the
    point an extract repeats counts: the extract then says it in the review's own words)."""
    by_id = {e.id: e for e in lib.extracts}
    if wanted:
        return tuple(case_extract(lib, by_id[i]) for i in wanted if i in by_id)
    ids = {p.id for p in points}
    themes = set(c.themes) or {t for p in points for t in p.themes}

    def fits(e: Extract) -> bool:
        for_audience = not c.audiences or bool(set(c.audiences) & set(e.audiences))
        return for_audience and bool(themes & set(e.themes))

    def rank(e: Extract) -> tuple[int, int]:  # one written for fewer audiences is closer to them
        close = (len(ids & {*e.related, *e.repeats})
                 + bool(c.audiences and len(e.audiences) < len(lib.audiences.ids)))
        return (-close, -len(themes & set(e.themes)))

    found = sorted((e for e in lib.extracts if fits(e)), key=rank)  # stable: library order breaks ties
    return tuple(case_extract(lib, e) for e in found[:count])


def case_extract(lib: Library, e: Extract) -> CaseExtract:
    learning = tuple((p.id, p.title, p.summary) for p in map(lib.point, e.related) if p)
    return CaseExtract(e.id, e.title, tuple(e.lines), e.context, tuple(e.questions), learning,
                       e.source, e.by)


def estimate_question(f: Figure) -> EstimateQuestion | None:
    """The figure's estimate question with its answer, or None when it has none."""
    if f.estimate is None:
        return None
    values = "; ".join(f"{i.label}: {f.value_text(i)}" for i in f.items)
    item = next((i for i in f.items if i.label == f.estimate.item), None)
    answer = f"{item.label}: {f.value_text(item)}" if item else values
    return EstimateQuestion(f.id, f.title, f.estimate.question, answer, values, f.source)


def pairs_discussions(lib: Library, points: Sequence[LearningPoint], c: Criteria
                      ) -> tuple[PairsDiscussion, ...]:
    """One pairs discussion per theme whose points carry reflective questions, in theme order."""
    order = theme_order(lib, c)
    questions: dict[str, list[str]] = {}
    for p in points:
        found = questions.setdefault(primary_theme(p, order), [])
        found.extend(q for q in p.questions if q not in found)
    return tuple(PairsDiscussion(t, lib.themes.get(t).label, tuple(questions[t][:MAX_PAIRS_QUESTIONS]))
                 for t in order if questions.get(t))

