"""Every layout constant in one place: slide geometry and type sizes, PDF page layout, and the
colour checks (WCAG contrast) applied to the default look and any branding.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessionbuilder.library.models import Branding

EMU_PER_INCH = 914400
EMU_PER_PT = 12700
MIN_CONTRAST = 4.5


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an RRGGBB colour."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: str) -> str:
    """Black or white text, whichever contrasts more with `background`."""
    return "FFFFFF" if contrast("FFFFFF", background) >= contrast("1A1A1A", background) else "1A1A1A"


@dataclass(frozen=True)
class Palette:
    """Colours actually used, adjusted so that all text meets the contrast minimum."""

    primary: str
    accent: str
    text: str
    background: str
    on_primary: str
    muted: str
    warnings: tuple[str, ...]


def palette(branding: Branding) -> Palette:
    """Use the branding colours where text on them stays readable; say where they were not."""
    warnings = []
    bg, text = branding.background, branding.text
    if contrast(text, bg) < MIN_CONTRAST:
        warnings.append(f"branding text colour #{text} on background #{bg} has contrast "
                        f"{contrast(text, bg):.1f}:1 (below {MIN_CONTRAST}:1); using "
                        f"#{readable_on(bg)} for text instead")
        text = readable_on(bg)
    primary = branding.primary
    if contrast(primary, bg) < MIN_CONTRAST:
        warnings.append(f"branding primary colour #{primary} has contrast "
                        f"{contrast(primary, bg):.1f}:1 with the background (below "
                        f"{MIN_CONTRAST}:1); headings use the text colour instead")
        heading = text
    else:
        heading = primary
    accent = branding.accent if contrast(branding.accent, bg) >= 3.0 else heading
    muted = "595959" if contrast("595959", bg) >= MIN_CONTRAST else text
    return Palette(heading, accent, text, bg, readable_on(heading), muted, tuple(warnings))


@dataclass(frozen=True)
class SlideTheme:
    """16:9 slide geometry in EMU and type sizes in points."""

    width: int = 12192000
    height: int = 6858000
    margin: int = int(0.6 * EMU_PER_INCH)
    title_top: int = int(0.35 * EMU_PER_INCH)
    title_height: int = int(1.25 * EMU_PER_INCH)
    body_top: int = int(1.75 * EMU_PER_INCH)
    footer_height: int = int(0.45 * EMU_PER_INCH)
    logo_height: int = int(0.6 * EMU_PER_INCH)
    font: str = "Arial"
    title_size: float = 32
    title_min_size: float = 24
    body_size: float = 24
    footer_size: float = 12
    quote_size: float = 26
    big_title_size: float = 40
    line_spacing: float = 1.2
    space_before: float = 6
    inset: int = int(0.1 * EMU_PER_INCH)

    @property
    def body_width(self) -> int:
        return self.width - 2 * self.margin

    @property
    def body_height(self) -> int:
        return self.height - self.body_top - self.footer_height - int(0.2 * EMU_PER_INCH)


SLIDES = SlideTheme()


@dataclass(frozen=True)
class PdfTheme:
    """PDF page layout in points (1/72 inch) and type sizes; colours come from `palette()`."""

    font: str = "SB-DejaVuSans"
    font_bold: str = "SB-DejaVuSans-Bold"
    font_italic: str = "SB-DejaVuSans-Oblique"
    font_file: str = "fonts/DejaVuSans.ttf"
    font_bold_file: str = "fonts/DejaVuSans-Bold.ttf"
    font_italic_file: str = "fonts/DejaVuSans-Oblique.ttf"
    lang: str = "en-GB"
    min_size: float = 10
    leading: float = 1.3
    # handout
    margin: float = 54
    body_size: float = 11
    title_size: float = 26
    subtitle_size: float = 15
    h1_size: float = 18
    h2_size: float = 13
    label_size: float = 11
    caption_size: float = 10
    running_size: float = 10
    chart_width: float = 487
    chart_bar_height: float = 16
    chart_label_width: float = 170
    # one-page sheet
    sheet_margin: float = 34
    sheet_band_padding: float = 14
    sheet_title_size: float = 17
    sheet_body_size: float = 10
    sheet_leading: float = 1.2
    sheet_heading_size: float = 12
    sheet_figure_size: float = 18
    sheet_footer_size: float = 10
    sheet_gap: float = 7
    sheet_gutter: float = 18
    sheet_left_share: float = 0.5  # the left column's share of the width
    logo_height: float = 50
    logo_width: float = 120
    rule_width: float = 3
    panel_tint: float = 0.08  # panel fill: this share of the heading colour over the background
    max_title_chars: int = 160
    max_background_chars: int = 700
    max_questions: int = 4
    max_further_reading: int = 3
    max_what_to_do: int = 8
    max_footer_lines: int = 3
    max_item_chars: int = 400  # an action or question on the sheet
    long_point_chars: int = 700  # a point this long may be shortened rather than left out
    clip_steps: tuple[int, ...] = (1600, 1200, 900, 700, 500, 350, 250)
    last_resort_clip_steps: tuple[int, ...] = (160, 80, 40)


PDF = PdfTheme()
