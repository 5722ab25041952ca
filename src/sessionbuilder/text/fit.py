"""Measure and wrap text with real font metrics, and split paragraphs into boxes that fit.

Text is measured in the font the box uses (see `fontmetrics`), so a line measured here is the
line PowerPoint and LibreOffice draw. A small safety margin covers differences in how each breaks
lines. A box too small for one line is an error (`NoRoom`), never an endless run of pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from sessionbuilder.text.fontmetrics import WIDE_LINE, has_wide, metrics

SAFETY = 0.93  # use this share of the box width when wrapping
DEFAULT_FONT = "Arial"
# Words a shortened text does not end on: "the risks of…" reads as a mistake, "the risks…" does not.
_DANGLING = frozenset("a an and as at by for from in into of on or the to with".split())
_BREAK_AFTER = re.compile(r"(?<=[/\-_.?&=])")


class NoRoom(ValueError):
    """The box cannot hold a single line of text at the smallest size allowed."""


@lru_cache(maxsize=65536)
def word_width(word: str, size: float, bold: bool = False, font: str = DEFAULT_FONT) -> float:
    return metrics(font, bold).width(word, size)


def wrap(text: str, size: float, width: float, bold: bool = False, font: str = DEFAULT_FONT) -> list[str]:
    """Greedy word wrap to `width` points; words wider than a line are broken inside."""
    return [line for line, _ in _wrap(text, size, width, bold, font)]


def _wrap(text: str, size: float, width: float, bold: bool, font: str) -> list[tuple[str, bool]]:
    """Lines, each with whether it ends inside a word (so rejoining it must add no space)."""
    limit = width * SAFETY
    space = word_width(" ", size, bold, font)
    lines: list[tuple[str, bool]] = []
    line, used = "", 0.0
    for word in text.split():
        w = word_width(word, size, bold, font)
        if w > limit:
            pieces = _break_word(word, size, limit, bold, font)
            if line:
                lines.append((line, False))
            lines.extend((piece, True) for piece in pieces[:-1])
            line, used = pieces[-1], word_width(pieces[-1], size, bold, font)
            continue
        if line and used + space + w <= limit:
            line, used = f"{line} {word}", used + space + w
        else:
            if line:
                lines.append((line, False))
            line, used = word, w
    if line:
        lines.append((line, False))
    return lines or [("", False)]


def join(lines: Sequence[tuple[str, bool]]) -> str:
    """Lines back into text: a space between words, none inside a word broken across lines."""
    return "".join(text + ("" if inside or i == len(lines) - 1 else " ")
                   for i, (text, inside) in enumerate(lines))


def _break_word(word: str, size: float, limit: float, bold: bool, font: str) -> list[str]:
    """Break a long word (a URL, say) after punctuation where possible, else between letters."""
    pieces, current = [], ""
    for chunk in (c for c in _BREAK_AFTER.split(word) if c):
        for ch in (chunk if word_width(chunk, size, bold, font) > limit else [chunk]):
            if current and word_width(current + ch, size, bold, font) > limit:
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
    italic: bool = False
    lead: str = ""  # a bold lead-in the text begins with (measured as if all were bold)


@dataclass(frozen=True)
class Box:
    """A text box's usable size in points and how paragraphs are spaced in it."""

    width: float
    height: float
    indent: float  # per bullet level
    line_spacing: float = 1.2  # line height in ems: at least the font's natural line height
    space_before: float = 6
    font: str = DEFAULT_FONT


def for_font(box: Box, font: str, texts: Sequence[str] = ()) -> Box:
    """`box` measuring in `font`, with lines as tall as that font's (or a CJK font's) lines."""
    line = max(box.line_spacing, metrics(font).line, metrics(font, True).line)
    if any(has_wide(t) for t in texts):
        line = max(line, WIDE_LINE)
    return replace(box, font=font, line_spacing=line)


def para_lines(p: Para, size: float, box: Box) -> list[str]:
    return [line for line, _ in _para_lines(p, size, box)]


def _para_lines(p: Para, size: float, box: Box) -> list[tuple[str, bool]]:
    width = box.width - (0 if p.plain else box.indent * (p.level + 1))
    return _wrap(p.text, size, width, p.bold or bool(p.lead), box.font)


def line_height(size: float, box: Box) -> float:
    return size * box.line_spacing


def fits(paras: Sequence[Para], size: float, box: Box) -> bool:
    return total_height(paras, size, box) <= box.height


def total_height(paras: Sequence[Para], size: float, box: Box) -> float:
    lines = sum(len(para_lines(p, size, box)) for p in paras)
    return lines * line_height(size, box) + box.space_before * len(paras)


def paginate(paras: Sequence[Para], box: Box, sizes: Sequence[float]) -> tuple[float, list[list[Para]]]:
    """The largest size in `sizes` at which everything fits one box; else pages at the smallest.

    Pages break between paragraphs. A paragraph is split only when it cannot fit on a page
    alone, and then after a sentence where one ends (between lines only when one sentence is
    longer than a page), so nothing is lost and no page is ever overfull. A box that cannot hold
    one line at the smallest size raises `NoRoom` at once.
    """
    size = min(sizes)
    lh = line_height(size, box)
    if lh + box.space_before > box.height + 1e-6 or box.width - box.indent <= size:
        raise NoRoom(f"a {box.width:.0f} x {box.height:.0f} pt box cannot hold one line of "
                     f"{size:g} pt text")
    for s in sizes:
        if fits(paras, s, box):
            return s, [list(paras)]
    pages: list[list[Para]] = [[]]
    used = 0.0
    gap = box.space_before

    def room() -> int:
        return int((box.height - used - gap + 1e-6) // lh)

    for p in paras:
        lines = len(_para_lines(p, size, box))
        alone = lines <= int((box.height - gap + 1e-6) // lh)
        if lines > room() and pages[-1] and alone:
            pages.append([])  # a paragraph that fits a page alone starts the next one
            used = 0.0
        if lines <= room():
            pages[-1].append(p)
            used += gap + lines * lh
            continue
        sentences = sentences_of(p.text)
        while sentences:
            if room() <= 0 or (room() < 2 and pages[-1]):
                pages.append([])  # no lone first line at the foot of a page
                used = 0.0
            take = 0
            while take < len(sentences) and len(para_lines(
                    replace(p, text=" ".join(sentences[:take + 1])), size, box)) <= room():
                take += 1
            if take == 0 and pages[-1]:
                pages.append([])
                used = 0.0
                continue
            if take == 0:  # one sentence longer than a page: between lines
                split = _para_lines(replace(p, text=sentences[0]), size, box)
                pages[-1].append(replace(p, text=join(split[:room()])))
                sentences[0] = join(split[room():])
                used += gap + room() * lh
                continue
            text = " ".join(sentences[:take])
            pages[-1].append(replace(p, text=text))
            used += gap + len(para_lines(replace(p, text=text), size, box)) * lh
            sentences = sentences[take:]
    return size, [page for page in pages if page]


_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][”’\"')\]]))\s+(?=[A-Z0-9“‘\"])")


def sentences_of(text: str) -> list[str]:
    """`text` cut after each sentence (a full stop, question or exclamation mark, and a capital
    or a number after it), keeping every word: joined with spaces, they are the text."""
    return [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]


def fit_title(text: str, box: Box, sizes: Sequence[float], max_lines: int | None = None,
              suffix: str = "", bold: bool = True) -> tuple[float, str]:
    """The largest size at which `text` + `suffix` fits the box: `max_lines` lines, and as many
    as the box's height holds where it has one; else shorten the text (never the suffix, such as
    " (cont.)") with an ellipsis."""
    def allowed(size: float) -> int:
        by_height = int((box.height + 1e-6) // line_height(size, box)) if box.height else None
        return min(n for n in (max_lines, by_height, 10_000) if n is not None)

    def count(t: str, size: float) -> int:
        return len(wrap(t, size, box.width, bold, box.font))

    def whole_words(t: str, size: float) -> bool:
        lines = _wrap(t, size, box.width, bold, box.font)
        return len(lines) <= allowed(size) and not any(inside for _, inside in lines)

    for size in sizes:  # a size at which no word has to be broken ...
        if whole_words(text + suffix, size):
            return size, text + suffix
    for size in sizes:  # ... else one at which it fits at all
        if count(text + suffix, size) <= allowed(size):
            return size, text + suffix
    size = min(sizes)
    room = allowed(size)
    if room < 1:
        raise NoRoom(f"a {box.height:.0f} pt high box cannot hold one line of {size:g} pt text")
    return size, shorten(text, lambda t: count(t + suffix, size) <= room) + suffix


def shorten(text: str, fits: Callable[[str], bool]) -> str:
    """The one rule for text too long for its box at the smallest size: cut it after the last
    whole word that fits and mark the cut with "…" (between letters only when not even the first
    word fits), so text is never cut silently."""
    words = text.split()
    while words and not fits(" ".join(words) + "…"):
        words.pop()
    while len(words) > 1 and words[-1].casefold() in _DANGLING:
        words.pop()
    if words:
        return " ".join(words).rstrip(",;:") + "…"
    chars = text
    while chars and not fits(chars + "…"):
        chars = chars[:-1]
    return chars + "…"


def fit_paras(paras: Sequence[Para], box: Box, sizes: Sequence[float]) -> tuple[float, list[Para]]:
    """Short text in one box (a subtitle, a section's description): the largest size at which all
    of it fits; else at the smallest size the first paragraph, shortened by `shorten` if it must
    be, and each later one that still fits whole (a name cut short, "Local Safeguarding…", says
    nothing; the partnership's name is in every slide's footer)."""
    size, pages = paginate(paras, box, sizes)
    if len(pages) == 1:
        return size, pages[0]
    first = paras[0]
    if not fits([first], size, box):
        return size, [replace(first, text=shorten(first.text, lambda t: fits(
            [replace(first, text=t)], size, box)))]
    kept = [first]
    for p in paras[1:]:
        if fits([*kept, p], size, box):
            kept.append(p)
    return size, kept
