"""Measure and wrap text with real font metrics, and split paragraphs into boxes that fit.

Helvetica's widths (built into reportlab) match Arial and Liberation Sans, the fonts the decks
name, so a line measured here is the line PowerPoint and LibreOffice draw. A small safety margin
covers differences in how each breaks lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

SAFETY = 0.93  # use this share of the box width when wrapping
_BREAK_AFTER = re.compile(r"(?<=[/\-_.?&=])")


@lru_cache(maxsize=65536)
def word_width(word: str, size: float, bold: bool = False) -> float:
    return stringWidth(word, "Helvetica-Bold" if bold else "Helvetica", size)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` points; words wider than a line are broken inside."""
    limit = width * SAFETY
    space = word_width(" ", size, bold)
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        w = word_width(word, size, bold)
        if w > limit:
            for piece in _break_word(word, size, limit, bold):
                if line:
                    lines.append(line)
                line, used = piece, word_width(piece, size, bold)
            continue
        if line and used + space + w <= limit:
            line, used = f"{line} {word}", used + space + w
        else:
            if line:
                lines.append(line)
            line, used = word, w
    if line:
        lines.append(line)
    return lines or [""]


def _break_word(word: str, size: float, limit: float, bold: bool) -> list[str]:
    """Break a long word (a URL, say) after punctuation where possible, else between letters."""
    pieces, current = [], ""
    for chunk in (c for c in _BREAK_AFTER.split(word) if c):
        for ch in (chunk if word_width(chunk, size, bold) > limit else [chunk]):
            if current and word_width(current + ch, size, bold) > limit:
                pieces.append(current)
                current = ch
            else:
                current += ch
    return pieces + [current] if current else pieces


@dataclass(frozen=True)
class Para:
    """A paragraph to place: text, bullet level, weight."""

    text: str
    level: int = 0
    bold: bool = False
    plain: bool = False  # a paragraph, not a list item: no bullet, no indent


@dataclass(frozen=True)
class Box:
    """A text box's usable size in points and how paragraphs are spaced in it."""

    width: float
    height: float
    indent: float  # per bullet level
    line_spacing: float = 1.2
    space_before: float = 6


def para_lines(p: Para, size: float, box: Box) -> list[str]:
    return wrap(p.text, size, box.width - (0 if p.plain else box.indent * (p.level + 1)), p.bold)


def line_height(size: float, box: Box) -> float:
    return size * box.line_spacing


def fits(paras: Sequence[Para], size: float, box: Box) -> bool:
    return total_height(paras, size, box) <= box.height


def total_height(paras: Sequence[Para], size: float, box: Box) -> float:
    lines = sum(len(para_lines(p, size, box)) for p in paras)
    return lines * line_height(size, box) + box.space_before * max(0, len(paras) - 1)


def paginate(paras: Sequence[Para], box: Box, sizes: Sequence[float]) -> tuple[float, list[list[Para]]]:
    """The largest size in `sizes` at which everything fits one box; else pages at the smallest.

    A paragraph too long for the remaining space is split between lines, so nothing is lost
    and no page is ever overfull.
    """
    for size in sizes:
        if fits(paras, size, box):
            return size, [list(paras)]
    size = min(sizes)
    lh = line_height(size, box)
    pages: list[list[Para]] = [[]]
    used = 0.0
    for p in paras:
        lines = para_lines(p, size, box)
        while lines:
            gap = box.space_before if pages[-1] else 0.0
            room = int((box.height - used - gap + 1e-6) // lh)
            if room <= 0:
                pages.append([])
                used = 0.0
                continue
            if room < len(lines) and room < 2 and pages[-1]:
                pages.append([])  # avoid a lone first line at the foot of a page
                used = 0.0
                continue
            take, lines = lines[:room], lines[room:]
            pages[-1].append(Para(" ".join(take), p.level, p.bold, p.plain))
            used += gap + len(take) * lh
    return size, [page for page in pages if page]


def fit_title(text: str, box: Box, sizes: Sequence[float], max_lines: int,
              suffix: str = "") -> tuple[float, str]:
    """The largest size at which `text` + `suffix` fits `max_lines`; else shorten the text (never
    the suffix, such as " (cont.)") with an ellipsis."""
    for size in sizes:
        if len(wrap(text + suffix, size, box.width, bold=True)) <= max_lines:
            return size, text + suffix
    size = min(sizes)
    words = text.split()
    while words and len(wrap(" ".join(words) + "…" + suffix, size, box.width, bold=True)) > max_lines:
        words.pop()
    return size, (" ".join(words) if words else text[:20]) + "…" + suffix
