"""The facilitator guide: how to run a planned session, part by part, from its own slides.

Everything here is read off the session plan, so the guide and the deck cannot disagree: the
running order is the slides' own minutes from 00:00, and the notes for each activity are the
speaker notes the deck carries (instructions, answers, the learning to draw out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessionbuilder.plan import SessionPlan, Slide

# How each kind of slide is run, and what it needs in the room.
METHODS = {
    "title": ("Welcome, introductions and ground rules", "Sign-in sheet"),
    "bullets": ("Presentation", ""),
    "quote": ("Presentation: read the quotation aloud", ""),
    "chart": ("Presentation of key figures", ""),
    "section": ("Presentation, with questions to the group", "Handout"),
    "point": ("Presentation, with questions to the group", "Handout"),
    "case-extract": ("Small groups of three to five", "Printed extract, one per group"),
    "estimate": ("Individual estimate, then pairs", "Paper and pens"),
    "pairs": ("Pairs", ""),
    "discussion": ("Small groups, then feedback to the whole group", "Flip chart and pens"),
    "commitment": ("Individual reflection", "Evaluation forms"),
    "references": ("Signposting", "Handout"),
}


@dataclass(frozen=True)
class Part:
    """One row of the running order: a slide, or a theme's divider with its points."""

    start: int  # minutes from the start of the session
    minutes: int
    first: int  # slide numbers in the deck, first and last
    last: int
    title: str
    kind: str
    method: str
    resources: str
    slides: tuple[Slide, ...]

    @property
    def slide_numbers(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parts(plan: SessionPlan, starts: Sequence[int] = (), total: int = 0) -> tuple[Part, ...]:
    """The running order: a theme's divider and its points make one part, every other slide is
    a part of its own. `starts` gives the deck slide number each planned slide begins on and
    `total` the deck's slide count (the deck may continue a long slide over several); by
    default each planned slide is one deck slide."""
    numbers = list(starts) or list(range(1, len(plan.slides) + 1))
    ends = [n - 1 for n in numbers[1:]] + [max(total, numbers[-1])]
    rows: list[list[int]] = []
    for i, s in enumerate(plan.slides):
        joins = s.kind == "point" and rows and plan.slides[rows[-1][0]].kind in ("section", "point")
        if joins:
            rows[-1].append(i)
        else:
            rows.append([i])
    out, clock_at = [], 0
    for idx in rows:
        slides = tuple(plan.slides[i] for i in idx)
        head = slides[0]
        minutes = int(round(sum(s.minutes for s in slides)))
        method, resources = METHODS.get(head.kind, ("Presentation", ""))
        out.append(Part(clock_at, minutes, numbers[idx[0]], ends[idx[-1]], head.title, head.kind,
                        method, resources, slides))
        clock_at += minutes
    return tuple(out)


# What a facilitator needs before the day and in the room. Our own practical guidance, not
# findings from the reviews: it says what to do, never what the reviews found.

EQUIPMENT = (
    "A computer with the deck, and a projector or large screen; presenter view shows you the "
    "speaker notes and the running clock",
    "A flip chart or whiteboard and pens",
    "Paper and pens for participants",
)
READ_FIRST = (
    "The speaker notes of every slide: they give the talking points, the questions to ask, the "
    "answers and the source of each finding",
    "The case extracts and the learning to draw out from them (below)",
    "Your organisation's safeguarding procedures, and your partnership's procedure for resolving "
    "professional disagreements (escalation)",
)
CONTACTS_TO_CHECK = (
    "Who to call if a child is at immediate risk or a participant discloses abuse: your local "
    "children's social care front door or multi-agency safeguarding hub, and the police on 999 "
    "in an emergency",
    "Your organisation's designated safeguarding lead, and how to reach them on the day",
    "Support for staff affected by the session, such as an employee assistance programme",
)
DISTRESSING = (
    "This session is about the serious harm and deaths of children, and its case extracts "
    "describe real events. Some participants may have experienced abuse themselves, or have "
    "worked with a child whose case was reviewed.",
    "At the start, say what the session covers, that anyone may step out at any time, and how "
    "they can let you know if they would like to talk. Agree ground rules: what is shared "
    "stays in the room, nobody is asked to share personal experiences, and no local case is "
    "discussed in a way that could identify a child or family.",
    "During the session, notice anyone who seems distressed and check in with them privately "
    "at the break or afterwards.",
)
DISCLOSURE = (
    "Listen calmly and take it seriously. Do not question them in detail or investigate.",
    "Do not promise to keep it secret: explain that you may need to share it to keep a child, "
    "or someone else, safe.",
    "If a child is in immediate danger, call the police on 999.",
    "Otherwise follow your organisation's safeguarding procedures: tell your designated "
    "safeguarding lead the same day, and refer to children's social care where a child may be "
    "at risk. This applies too when an adult discloses abuse in their own childhood and others "
    "may still be at risk.",
    "Write down what was said, in the person's own words, with the date and time and whom you "
    "told.",
    "Make sure the person knows where to find support afterwards.",
)


def to_print(parts_: Sequence[Part]) -> tuple[str, ...]:
    """What to print and how many, from what the session holds."""
    extracts = sum(1 for p in parts_ if p.kind == "case-extract")
    out = ["The handout: one per participant",
           "The evaluation form: one per participant (they keep its follow-up and action plan "
           "pages for the conversation with their manager 6-8 weeks later)"]
    if extracts:
        out.append(f"The case extract{'s' * (extracts > 1)} (at the end of this guide): one "
                   f"copy {'of each ' * (extracts > 1)}per small group of three to five")
    out.append("The one-page learning sheet, if you would like participants to take one away: "
               "one per participant")
    return tuple(out)


def note_lines(notes: str) -> list[tuple[str, str]]:
    """Speaker notes as the guide shows them: ("step" | "item" | "label" | "para", text)."""
    out = []
    for line in (x.strip() for x in notes.splitlines()):
        if not line:
            continue
        head, _, rest = line.partition(". ")
        if head.isdigit() and rest:
            out.append(("step", rest))
        elif line.startswith("- "):
            out.append(("item", line[2:]))
        elif line.endswith(":"):
            out.append(("label", line))
        else:
            out.append(("para", line))
    return out
