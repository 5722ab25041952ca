"""The PDF writer (reportlab): a `Document` as a flowing PDF (the handout) or on exactly one page
(the sheet). This package is the only code that imports reportlab."""

from __future__ import annotations

from sessionbuilder.documents.model import Document
from sessionbuilder.render.pdf import flowing, onepage
from sessionbuilder.render.colours import colours
from sessionbuilder.render.pdf.base import PdfOptions, _glyphs, clean, page_count
from sessionbuilder.render.pdf import fonts

__all__ = ["PdfOptions", "_glyphs", "clean", "colours", "fits", "page_count", "render",
           "render_checked"]

A4 = PdfOptions()


def render(doc: Document, options: PdfOptions = A4) -> bytes:
    """The document as a PDF: one page for a one-page document, else as many as it needs."""
    _glyphs()
    if not doc.one_page:
        return flowing.render(doc, options)
    data = onepage.render(doc, options)
    if data is None:
        raise ValueError("this document does not fit on one page; plan it with fit_sheet")
    return data


def render_checked(doc: Document, options: PdfOptions = A4) -> tuple[bytes, tuple[str, ...]]:
    """The PDF, and the characters in it that no font here can draw (shown as "?")."""
    with fonts.missing() as missing:
        data = render(doc, options)
    return data, tuple(missing)


def fits(doc: Document, options: PdfOptions = A4) -> bool:
    """Whether a one-page document's content fits on one page."""
    _glyphs()
    return onepage.render(doc, options, save=False) is not None
