"""Advance widths from real font files (fontTools), so text is measured in the font the deck uses.

A font is measured with its own file where installed, else with a metric-compatible substitute
(Carlito for Calibri, Liberation for Arial, Times New Roman and Courier New), else with a wider
font, so that an unknown font may leave a little room but never overflows. East Asian wide and
full-width characters count one em whatever the font: every CJK font draws them that wide.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sessionbuilder.library import cache
from sessionbuilder.resources import asset

# Fonts drawn with the same advance widths as the font named (metric-compatible clones).
SUBSTITUTES = {
    "calibri": "carlito", "arial": "liberationsans", "helvetica": "liberationsans",
    "arial nova": "liberationsans", "times new roman": "liberationserif", "times": "liberationserif",
    "courier new": "liberationmono", "courier": "liberationmono", "cambria": "caladea",
}
FALLBACK = "dejavusans"  # wider than the usual sans fonts, so unknown fonts do not overflow
FALLBACK_MONO = "dejavusansmono"  # 0.602 em, at least as wide as common monospaced fonts
FALLBACK_SCALE = 1.03
FALLBACK_LINE = 1.4  # a substituted font may be taller (Noto Sans: 1.36 em)
WIDE_LINE = 1.45  # CJK fonts' natural line height (Noto Sans CJK: 1.45 em)
_MONO = re.compile(r"mono|consol|courier|code|typewriter", re.I)
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts")
MISSING_GLYPH = 0.6  # ems, for a character the font has no glyph for


def is_wide(ch: str) -> bool:
    """A character drawn a full em wide (CJK ideographs, kana, hangul, full-width forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


_MAYBE_WIDE = re.compile("[\u1100-\U0003FFFD]")


def has_wide(text: str) -> bool:
    """Whether `text` holds any wide character (CJK), quickly for the usual Latin text."""
    return bool(_MAYBE_WIDE.search(text)) and any(ord(ch) > 0x10FF and is_wide(ch) for ch in text)


@dataclass(frozen=True)
class Metrics:
    """Advance widths in ems of one font file, with a scale for a substitute that is not exact."""

    name: str
    widths: dict[int, float]
    line: float  # natural line height in ems (single spacing)
    scale: float = 1.0

    def width(self, text: str, size: float) -> float:
        total = 0.0
        widths = self.widths
        for ch in text:
            w = widths.get(ord(ch))
            if w is None or (ord(ch) > 0x10FF and is_wide(ch)):
                w = 1.0 if is_wide(ch) else MISSING_GLYPH
            total += w * self.scale
        return total * size


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@lru_cache(maxsize=1)
def _installed() -> dict[str, Path]:
    """Font files by normalised file stem (LiberationSans-Bold -> liberationsansbold)."""
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if not root.is_dir():
            continue
        for dirpath, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                if f.lower().endswith((".ttf", ".otf")):
                    found.setdefault(_key(Path(f).stem), Path(dirpath) / f)
    for f in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):  # shipped, so a fallback always exists
        found.setdefault(_key(Path(f).stem), asset(f"fonts/{f}"))
    return found


def _file(family_key: str, bold: bool) -> Path | None:
    files = _installed()
    styles = ("bold", "b", "bd") if bold else ("regular", "", "book", "r")
    for style in styles:
        if family_key + style in files:
            return files[family_key + style]
    return None


def installed(family: str, bold: bool = False) -> bool:
    """Whether this machine has the family's own file, not a fallback in its place."""
    return _file(_key(family), bold) is not None


@lru_cache(maxsize=64)
def _read(path: Path) -> tuple[dict[int, float], float]:
    """A font's advance widths and line height, from the cache when the file is unchanged:
    importing fontTools and parsing a font takes longer than the rest of a short deck's fitting."""
    try:
        stat = path.stat()
        digest = cache.key(f"font metrics\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    except OSError:
        digest = None
    hit = cache.get(digest) if digest else None
    if (isinstance(hit, dict) and isinstance(hit.get("line"), float)
            and len(hit.get("codes", ())) == len(hit.get("widths", ()))):
        return dict(zip(hit["codes"], hit["widths"], strict=True)), hit["line"]
    widths, line = _parse(path)
    if digest:
        cache.put(digest, {"codes": list(widths), "widths": list(widths.values()), "line": line})
    return widths, line


def _parse(path: Path) -> tuple[dict[int, float], float]:
    from fontTools.ttLib import TTFont
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # odd dates in font headers are harmless
    with TTFont(str(path), lazy=True) as font:
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        hhea, os2 = font["hhea"], font["OS/2"]
        line = max(hhea.ascent - hhea.descent + hhea.lineGap, os2.usWinAscent + os2.usWinDescent)
        return {code: hmtx[glyph][0] / upm for code, glyph in cmap.items() if glyph in hmtx}, line / upm


@lru_cache(maxsize=64)
def metrics(family: str | None, bold: bool = False) -> Metrics:
    """The metrics to measure `family` with: its own, a metric-compatible clone's, or a wider font's."""
    name = (family or "Arial").strip()
    wanted = _key(name)
    for key, scale in ((wanted, 1.0), (_key(SUBSTITUTES.get(name.lower(), "")), 1.0)):
        path = _file(key, bold) if key else None
        if path is not None:
            return Metrics(path.stem, *_read(path), scale)
    mono = bool(_MONO.search(name))
    path = (_file(FALLBACK_MONO, bold) if mono else None) or _file(FALLBACK, bold) or _file(FALLBACK, False)
    assert path is not None  # the shipped DejaVu Sans
    widths, line = _read(path)
    if mono:  # monospaced fonts are substituted by monospaced ones of this width and height
        return Metrics(path.stem, widths, line, 1.0)
    return Metrics(path.stem, widths, max(line, FALLBACK_LINE), FALLBACK_SCALE)
