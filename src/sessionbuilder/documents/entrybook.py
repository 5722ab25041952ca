"""The data-entry workbook for a session's evaluation forms: one row per participant with each
outcome rated before and after, then their answers; a sheet for the follow-up with managers; a
sheet for the team action plan; and a hidden sheet naming the recipe, its outcomes and the
session date, so that `sessionbuilder impact` knows what it reads.

Renderer-neutral: `render/xlsx.py` writes it. The questions are the paper form's own
(documents/evaluation.py), so the form and the workbook always ask the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sessionbuilder.documents.evaluation import ACTION_HEADERS, AFTER_SESSION, FOLLOW_UP, SCALE
from sessionbuilder.impact import workbook

ROWS = 60  # rows made ready for typing (validation, borders); more may be added below


@dataclass(frozen=True)
class EntryColumn:
    header: str
    kind: Literal["text", "rating", "date"] = "text"
    width: float = 30  # characters


@dataclass(frozen=True)
class EntrySheet:
    name: str
    title: str
    instructions: str
    columns: tuple[EntryColumn, ...]
    rows: int = ROWS
    date_label: str | None = None  # a "Session date" field above the table
    date: str | None = None        # its value (ISO), when known


@dataclass(frozen=True)
class EntryBook:
    title: str
    author: str
    sheets: tuple[EntrySheet, ...]
    about: tuple[tuple[str, str], ...]  # the hidden sheet's (key, value) rows
    date: str                           # the document date, for its properties


def entry_book(recipe: str, title: str, outcomes: tuple[str, ...], author: str,
               made: str, session_date: str | None = None) -> EntryBook:
    ratings = tuple(EntryColumn(workbook.rating_header(time, o), "rating", 20)
                    for o in outcomes for time in ("before", "after"))
    responses = EntrySheet(
        workbook.RESPONSES, f"Evaluation: {title}",
        "One row per participant, from part 1 of their form. Ratings are whole numbers from 1 "
        f"to 5 ({SCALE}); leave a cell empty when a rating was not given. Headings are "
        "protected; type in the rows below them.",
        (EntryColumn(workbook.PARTICIPANT, width=18), *ratings,
         *(EntryColumn(q, width=40) for q in AFTER_SESSION)),
        date_label=workbook.DATE, date=session_date)
    follow_up = EntrySheet(
        workbook.FOLLOW_UP, f"Follow-up 6-8 weeks later: {title}",
        "One row per follow-up conversation, from part 2 of the form.",
        (EntryColumn(workbook.PARTICIPANT, width=18), *(EntryColumn(q, width=45) for q in FOLLOW_UP),
         EntryColumn("Date of the conversation", "date", 16)))
    actions = EntrySheet(
        workbook.ACTIONS, f"Team action plan: {title}",
        "One row per action, from part 3 of the form.",
        tuple(EntryColumn(h, width=w) for h, w in zip(ACTION_HEADERS, (45, 20, 14, 40),
                                                       strict=True)))
    about = ((workbook.RECIPE, recipe), (workbook.TITLE, title),
             (workbook.DATE, session_date or ""),
             *((f"{workbook.OUTCOME} {n}", o) for n, o in enumerate(outcomes, 1)))
    return EntryBook(f"Evaluation responses: {title}", author, (responses, follow_up, actions),
                     about, made)
