"""Our own data-entry workbook's names: `documents/entrybook.py` writes them and `reading.py`
finds them again, so the report knows the recipe, its outcomes and the session date."""

from __future__ import annotations

RESPONSES = "Responses"
FOLLOW_UP = "Follow-up"
ACTIONS = "Team action plan"
ABOUT = "About"  # hidden: what the workbook is for
RECIPE = "Recipe"
TITLE = "Session title"
DATE = "Session date"
OUTCOME = "Outcome"  # "Outcome 1", "Outcome 2", ...
PARTICIPANT = "Participant (name or number)"


def rating_header(time: str, outcome: str) -> str:
    """A rating column's heading: "Before: <outcome>" or "After: <outcome>"."""
    return f"{time.capitalize()}: {outcome}"
