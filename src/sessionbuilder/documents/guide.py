"""The facilitator guide: how to run a planned session, part by part, from its own slides.

Everything here is read off the session plan, so the guide and the deck cannot disagree: the
running order is the slides' own minutes from 00:00, and the notes for each activity are the
speaker notes the deck carries (instructions, answers, the learning to draw out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessionbuilder.documents.model import (Block, Document, Heading, Item, Items, Para, Quote,
                                            Table, clip, contacts_blocks)
from sessionbuilder.library.guidance import Safeguarding
from sessionbuilder.session import timing
from sessionbuilder.session.kinds import SlideKind
from sessionbuilder.session.notes import Notes
from sessionbuilder.session.plan import SessionPlan, Slide
from sessionbuilder.render.style import PDF

# How each kind of slide is run, and what it needs in the room.
METHODS = {
    SlideKind.TITLE: ("Welcome, introductions and ground rules", "Sign-in sheet"),
    SlideKind.BULLETS: ("Presentation", ""),
    SlideKind.QUOTE: ("Presentation: read the quotation aloud", ""),
    SlideKind.CHART: ("Presentation of key figures", ""),
    SlideKind.SECTION: ("Presentation, with questions to the group", "Handout"),
    SlideKind.POINT: ("Presentation, with questions to the group", "Handout"),
    SlideKind.CASE_EXTRACT: ("Small groups of three to five", "Printed extract, one per group"),
    SlideKind.ESTIMATE: ("Individual estimate, then pairs", "Paper and pens"),
    SlideKind.PAIRS: ("Pairs", ""),
    SlideKind.DISCUSSION: ("Small groups, then feedback to the whole group", "Flip chart and pens"),
    SlideKind.COMMITMENT: ("Individual reflection", "Evaluation forms"),
    SlideKind.REFERENCES: ("Signposting", "Handout"),
    SlideKind.CONTACTS: ("Signposting: who to contact", ""),
}


@dataclass(frozen=True)
class Part:
    """One row of the running order: a slide, or a theme's divider with its points."""

    start: int  # minutes from the start of the session
    minutes: int
    first: int  # slide numbers in the deck, first and last
    last: int
    title: str
    kind: SlideKind
    method: str
    resources: str
    slides: tuple[Slide, ...]

    @property
    def slide_numbers(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


clock = timing.hhmm


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
        method, resources = METHODS[head.kind]
        title = head.title if head.kind != "point" or len(slides) == 1 else (
            f"{len(slides)} learning points, from “{head.title}”")  # points under no divider
        out.append(Part(clock_at, minutes, numbers[idx[0]], ends[idx[-1]], title, head.kind,
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


ACTIVITY_KINDS = ("case-extract", "estimate", "pairs", "commitment", "discussion")


def guide(plan: SessionPlan, outcomes: Sequence[str], date: str, starts: Sequence[int] = (),
          total: int = 0, safeguarding: Safeguarding | None = None) -> Document:
    """The facilitator guide for a planned session; `starts` and `total` number its slides as
    the rendered deck does (see `parts`). The safeguarding text is a partnership's own, or
    ours (library/guidance.py)."""
    if safeguarding is None:
        from sessionbuilder.library.guidance import safeguarding as default
        safeguarding = default()
    rows = parts(plan, starts, total)
    deck_slides = rows[-1].last if rows else 0
    body: list[Block] = [
        Heading("Learning outcomes"),
        Para("By the end of the session, participants will be able to:"),
        Items(tuple(Item(o) for o in outcomes), "numbered"),
        Heading("Preparation"),
        Heading("Equipment", 2), Items(tuple(Item(x) for x in EQUIPMENT)),
        Heading("What to print", 2), Items(tuple(Item(x) for x in to_print(rows))),
        Heading("What to read first", 2), Items(tuple(Item(x) for x in READ_FIRST)),
        Heading("Local contacts to check", 2),
        Items(tuple(Item(x) for x in safeguarding.contacts_to_check)),
        *contacts_blocks(plan.branding),
        *safeguarding_blocks(safeguarding),
        Heading("Running order"),
        Para(f"The session runs for {plan.minutes} minutes over {deck_slides} slides. Times are "
             "from the start of the session (00:00); the speaker notes carry the same clock."),
        running_order_table(plan, rows),
        Heading("Facilitator notes"),
    ]
    for row in rows:
        body += _notes_blocks(row)
    extracts = [r for r in rows if r.kind == "case-extract"]
    if extracts:
        body.append(Heading("Case extracts to print"))
        for r in extracts:
            body += [Heading(r.title, 2), *_on_slide(r.slides[0])]
    if plan.references:
        body += [Heading("References"), Items(tuple(Item(x) for x in plan.references), "references")]
    meta = tuple((label, value) for label, value in (
        ("For", plan.audience), ("Length", f"{plan.minutes} minutes"),
        ("Slides", str(deck_slides)), ("Date", date)) if value)
    footer = " · ".join(x for x in (plan.branding.footer, plan.branding.website, date) if x)
    return Document(
        "guide", clip(f"Facilitator guide: {plan.title}", PDF.max_title_chars),
        clip(plan.subtitle, PDF.max_title_chars) if plan.subtitle else None,
        plan.branding.partnership, meta,
        (Para("How to run this session: its learning outcomes, what to prepare, a timed running "
              "order, notes for each part with the activities' instructions and answers, and "
              "the references. The deck's speaker notes say the same, slide by slide.", "lead"),),
        tuple(body), (footer,) if footer else (), plan.branding, plan.logo, date,
        f"Facilitator guide for the safeguarding training session “{plan.title}”, for "
        f"{plan.audience}", ("facilitator guide", "running order", *(g.label for g in plan.groups)))


def safeguarding_blocks(s: Safeguarding) -> list[Block]:
    """Distressing content and what to do on a disclosure or a concern about an adult, in the
    file's own words and order: steps are numbered from 1 because their order matters (as
    paragraphs, so Word does not carry numbering on from the outcomes list)."""
    return [Heading(s.distressing_content.heading),
            *(Para(x) for x in s.distressing_content.paragraphs),
            *(b for r in s.responses
              for b in (Heading(r.heading, 2),
                        *(Para(f"{i}. {x}") for i, x in enumerate(r.steps, 1))))]


def running_order_table(plan: SessionPlan, rows: Sequence[Part]) -> Table:
    body = tuple((clock(r.start), str(r.minutes), r.slide_numbers, r.title, r.method,
                  r.resources) for r in rows)
    end = sum(r.minutes for r in rows)
    return Table(f"Running order: {plan.minutes} minutes",
                 ("Start", "Min", "Slides", "Section or activity", "Method", "Resources"),
                 (*body, (clock(end), str(end), "", "End of the session", "", "")),
                 (9, 7, 10, 36, 22, 16))


def _notes_blocks(row: Part) -> list[Block]:
    when = f"{clock(row.start)}, {row.minutes} minute{'s' * (row.minutes != 1)}"
    out: list[Block] = [Heading(f"{row.title} ({when}, slide {row.slide_numbers})", 2),
                        Para(f"Method: {row.method}." + (f" Resources: {row.resources}."
                                                         if row.resources else ""), "caption")]
    points = [s for s in row.slides if s.kind == "point"]
    if points:
        out += [Para("Learning points (the speaker notes give each one's talking points):", "label"),
                Items(tuple(Item(s.bullets[0].text if s.bullets else "", s.title) for s in points))]
        return out
    if row.kind in ACTIVITY_KINDS:
        out += [Para("On the slide:", "label"), *_on_slide(row.slides[0])]
    return out + _from_notes(row.slides[0].notes)


def _on_slide(slide: Slide) -> list[Block]:
    """What the room sees: quotations as quotations, headings as labels, questions as a list."""
    out: list[Block] = []
    listed: list[Item] = []
    for b in slide.bullets:
        if b.plain and listed:
            out.append(Items(tuple(listed)))
            listed = []
        if b.text.startswith("“"):
            out.append(Quote(b.text))
        elif b.plain:
            out.append(Para(b.text, "label" if b.bold else "body"))
        else:
            listed.append(Item(b.text))
    return out + ([Items(tuple(listed))] if listed else [])


def _from_notes(n: Notes) -> list[Block]:
    """The speaker notes as the guide shows them, from their parts: steps numbered (as
    paragraphs, so Word does not carry numbering on from one list to the next), lists listed.
    The clock and the ids the notes end with are in the running order already."""
    say = list(n.say)
    if n.source and n.source_inline and say:
        say[0] = f"{say[0]} Source: {n.source}."
    out: list[Block] = [Para(line, "label" if n.listed and i == len(say) - 1 else "body")
                        for i, line in enumerate(say)]
    out += _listed(n.listed)
    out += [Para(f"{i}. {step}") for i, step in enumerate(n.steps, 1)]
    for label, items in (("Talking points:", n.talking_points), ("Ask the group:", n.questions),
                         ("Related learning points:",
                          tuple(f"{title}: {summary}" for title, summary in n.learning))):
        if items:
            out += [Para(label, "label"), *_listed(items)]
    if n.quote:
        out.append(Para(f"Quote: {n.quote}"))
    if n.since:
        out.append(Para(n.since))
    if n.answer:
        out += [Para(f"Answer: {n.answer}."), Para(f"All values: {n.values}.")]
    if n.source and not n.source_inline:
        out.append(Para(f"Source: {n.source}."))
    return out


def _listed(items: Sequence[str]) -> list[Block]:
    return [Items(tuple(Item(x) for x in items))] if items else []
