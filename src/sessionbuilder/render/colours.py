"""The colours every document writer uses, derived once from a branding's adjusted palette, so
the PDF, Word and web forms of a document look alike and all meet the contrast minimum."""

from __future__ import annotations

from dataclasses import dataclass

from sessionbuilder.library.models import Branding
from sessionbuilder.render.style import MIN_CONTRAST, PDF, contrast, palette, readable_on


@dataclass(frozen=True)
class Colours:
    """Every colour the PDFs use (RRGGBB), derived from the branding's adjusted palette."""

    text: str
    heading: str
    muted: str
    background: str
    band: str      # header band and title block fill
    on_band: str   # text on the band
    panel: str     # light fill behind key figures
    rule: str      # decorative rules and bars (non-text, >= 3:1)

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, text colour, background colour) for every kind of text drawn."""
        return [("body", self.text, self.background), ("headings", self.heading, self.background),
                ("captions", self.muted, self.background), ("band", self.on_band, self.band),
                ("figures", self.heading, self.panel), ("figure labels", self.text, self.panel),
                ("figure captions", self.muted, self.panel)]


# A rating scale from 1 to 5 in charts: warm for low, grey for the middle, purple for high;
# each at least 3:1 against white, as WCAG asks of the parts of a chart.
RATING_COLOURS = ("8C2D04", "D97A1E", "8C8C8C", "7B6BB0", "3F007D")


def _mix(a: str, b: str, share: float) -> str:
    """`share` of colour `b` over colour `a`."""
    return "".join(f"{round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share):02X}"
                   for i in (0, 2, 4))


def colours(branding: Branding) -> Colours:
    pal = palette(branding)
    band = pal.primary
    on_band = readable_on(band)
    if contrast(on_band, band) < MIN_CONTRAST:
        band = pal.text
        on_band = readable_on(band)
    panel = _mix(pal.background, pal.primary, PDF.panel_tint)
    if min(contrast(x, panel) for x in (pal.text, pal.primary, pal.muted)) < MIN_CONTRAST:
        panel = pal.background
    return Colours(pal.text, pal.primary, pal.muted, pal.background, band, on_band, panel,
                   pal.accent)
