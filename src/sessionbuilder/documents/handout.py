"""The participants' handout as a `Document`: about, learning by theme, figures, questions,
references.
"""

from __future__ import annotations

from sessionbuilder.documents.model import (Block, Document, Figure, Heading, Item, Items, Para, Quote,
                                            clip, contacts_blocks)
from sessionbuilder.render.style import PDF
from sessionbuilder.session.plan import PointView, SessionPlan


def handout(plan: SessionPlan, date: str) -> Document:
    """The participants' handout: about, learning by theme, figures, questions, references."""
    body: list[Block] = [Heading("About this handout"), Para(_handout_intro(plan))]
    if plan.groups:
        body.append(Heading("Key learning"))
    for g in plan.groups:
        body.append(Heading(g.label, 2))
        if g.description:
            body.append(Para(g.description, "lead"))
        for pv in g.points:
            body += _point_blocks(pv)
    if plan.charts:
        body.append(Heading("Key figures"))
        for ch in plan.charts:
            body += [Heading(ch.title, 2), Figure(ch, len(ch.categories))]
            if ch.note:
                body.append(Para(ch.note))
            body.append(Para(f"Source: {ch.citation}", "caption"))
    if plan.questions:
        body += [Heading("Questions for discussion"),
                 Items(tuple(Item(q) for q in plan.questions), "numbered")]
    body += contacts_blocks(plan.branding)
    if plan.references:
        body += [Heading("References"),
                 Items(tuple(Item(r) for r in plan.references), "references")]
    meta = tuple((label, value) for label, value in (
        ("For", None if (plan.subtitle or "").startswith("For:") else plan.audience),
        ("Session", f"about {plan.minutes} minutes"),
        ("From", plan.branding.partnership), ("Date", date)) if value)
    footer = " · ".join(x for x in (plan.branding.footer, plan.branding.website, date) if x)
    return Document(
        "handout", clip(plan.title, PDF.max_title_chars),
        clip(plan.subtitle, PDF.max_title_chars) if plan.subtitle else None,
        plan.branding.partnership, meta, (), tuple(body), (footer,) if footer else (),
        plan.branding, plan.logo, date,
        f"Handout for the safeguarding training session “{plan.title}”, for {plan.audience}",
        tuple(g.label for g in plan.groups))


def _handout_intro(plan: SessionPlan) -> str:
    shown = sum(len(g.points) for g in plan.groups)
    text = (f"This handout goes with the session “{plan.title}”. It sets out the key learning "
            "from the case reviews listed under References, grouped by theme: for each point, "
            "what to do differently, questions to reflect on and where it comes from. "
            + ("Key figures, questions" if plan.charts else "Questions")
            + " for discussion and the full references follow.")
    if shown:
        text += f" It covers {shown} learning point{'s' if shown != 1 else ''}"
        more = len(plan.left_out)
        text += (f"; {more} more matching point{'s' if more != 1 else ''} did not fit in the "
                 "session time." if more else ".")
    return text


def _point_blocks(pv: PointView) -> list[Block]:
    out: list[Block] = [Heading(pv.title, 3), Para(pv.summary)]
    if pv.implications:
        out += [Para("What to do", "label"),
                Items(tuple(Item(i) for i in pv.implications), "actions")]
    if pv.questions:
        out += [Para("Questions to reflect on", "label"),
                Items(tuple(Item(q) for q in pv.questions), "questions")]
    if pv.quote:
        out.append(Quote(pv.quote))
    out.append(Para(f"Source: {pv.citation}", "caption"))
    return out
