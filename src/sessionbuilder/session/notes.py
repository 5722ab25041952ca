"""A slide's speaker notes as values: what to say, the steps of an activity, the talking points,
questions and answers, the source and the running clock.

The plan fills them in; only the deck writer joins them into text (render/pptx/notes.py), and
the facilitator guide reads the parts it shows. So rewording a note changes both alike, and
nothing is ever read back out of the text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notes:
    say: tuple[str, ...] = ()  # what to say or do first, a line each
    listed: tuple[str, ...] = ()  # a list under `say`'s last line (who to contact)
    steps: tuple[str, ...] = ()  # an activity's steps, in order
    talking_points: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # to ask the group
    learning: tuple[tuple[str, str], ...] = ()  # (title, summary): what a case extract teaches
    quote: str | None = None  # a point's quotation, with its citation
    since: str | None = None  # what has changed since the source was written
    answer: str | None = None  # an estimate's answer ...
    values: str | None = None  # ... and every value of the figure
    source: str | None = None  # the citation
    source_inline: bool = False  # the source is named in the first line, not on its own
    point_id: str | None = None
    extract_id: str | None = None
    start: int | None = None  # the running clock, once the session is timed: minutes from 00:00
    minutes: int = 0  # the slide's own time; none for a slide left up as the room leaves
