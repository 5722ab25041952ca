"""Speaker notes as the presenter reads them: the plan's `Notes` values joined into text, a line a
paragraph of the notes page, blank lines between parts, the running clock last."""

from __future__ import annotations

from sessionbuilder.session.notes import Notes
from sessionbuilder.session.timing import clock


def speaker_notes(n: Notes, continued: bool = False) -> str:
    """The notes' text; on a "(cont.)" slide, after a line saying it continues."""
    if continued:
        return f"Continued from the previous slide.\n\n{speaker_notes(n)}"
    first = list(n.say)
    if n.source and n.source_inline and first:
        first[0] = f"{first[0]} Source: {n.source}."
    parts = ["\n".join([*first, *(f"- {x}" for x in n.listed)])]
    if n.steps:
        parts.append("\n".join(f"{i}. {step}" for i, step in enumerate(n.steps, 1)))
    if n.talking_points:
        parts.append("\n".join(["Talking points:", *(f"- {x}" for x in n.talking_points)]))
    if n.questions:
        parts.append("\n".join(["Ask the group:", *(f"- {q}" for q in n.questions)]))
    if n.learning:
        parts.append("\n".join(["Related learning points:",
                                *(f"- {title}: {summary}" for title, summary in n.learning)]))
    if n.quote:
        parts.append(f"Quote: {n.quote}")
    if n.since:
        parts.append(n.since)
    if n.answer:
        parts.append(f"Answer: {n.answer}.\nAll values: {n.values}.")
    cited = [*([f"Source: {n.source}."] if n.source and not n.source_inline else []),
             *([f"Learning point: {n.point_id}"] if n.point_id else [])]
    if cited:
        parts.append("\n".join(cited))
    if n.extract_id:
        parts.append(f"Extract: {n.extract_id}")
    text = "\n\n".join(p for i, p in enumerate(parts) if p or i == 0)
    if n.start is None:
        return text
    when = (f"Suggested time: {clock(n.start, n.minutes)}." if n.minutes
            else f"At {clock(n.start, 0)} on the session clock.")
    return f"{text}\n\n{when}"
