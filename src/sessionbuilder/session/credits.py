"""Whose words a quotation is: the report's own, or a document's own account of the report.

A briefing's sentence about a page of the report is the briefing's, not the report's, so it is
credited to both: "Research in Practice briefing ..., on Sidebotham et al. (2016), p169".
"""

from __future__ import annotations

from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import Since


def credit(lib: Library, report: str, page: str | None, by: str | None) -> str:
    cited = lib.cite(report, page)
    return f"{lib.documents[by].short}, on {cited}" if by else cited


def extract_kind(lib: Library, by: str | None) -> str:
    """What the speaker notes call an extract: a review's words, or a document's own account."""
    if by:
        return (f"A passage from the {lib.documents[by].short} (its own account of the report, "
                "not a review's words), quoted word for word")
    return "Case extract for small groups, quoted word for word"


def since_note(lib: Library, since: Since) -> str:
    """"Since then: ..." with the current guidance or law it rests on."""
    source = lib.reports[since.source.report]
    where = f", {source.url}" if source.url else ""
    return f"Since then: {since.text} ({lib.cite(since.source.report, since.source.page)}{where})"
