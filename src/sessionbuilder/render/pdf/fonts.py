"""Fallback fonts for characters the bundled DejaVu Sans cannot draw (Devanagari, Bengali, Thai,
many symbols...), found among the TrueType fonts installed on the machine, and a record of the
characters no usable font draws, so the user is told instead of seeing silent "?" marks.

reportlab embeds TrueType outlines only: CFF-based OpenType fonts (Noto CJK, for example) cannot
be used. Chinese, Japanese and Korean are drawn with a TrueType CJK font where one is installed
(WenQuanYi Zen Hei, `fonts-wqy-zenhei` on Debian, a TrueType collection; or the arphic fonts).
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
GENERAL = ("NotoSans-Regular", "NotoSansSymbols-Regular", "NotoSansSymbols2-Regular",
           "NotoSansMath-Regular", "FreeSerif", "FreeSans")
CJK = ("wqy-zenhei", "wqy-microhei", "uming", "ukai", "fireflysung")  # TrueType, embeddable
CJK_SCRIPTS = ("cjk", "hiragana", "katakana", "hangul", "bopomofo", "ideographic", "fullwidth",
               "halfwidth")
MAX_TRIED = 8  # fonts opened to look for one character, at most
# characters no font could draw, in the order met, while a `missing()` block runs (per thread)
_missing: ContextVar[dict[str, None] | None] = ContextVar("missing", default=None)


@functools.cache
def _installed() -> dict[str, Path]:
    """Installed TrueType files by stem (the first found wins, in a fixed order)."""
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        if folder.is_dir():
            for path in sorted([*folder.rglob("*.ttf"), *folder.rglob("*.ttc")]):
                found.setdefault(path.stem, path)
    return found


def _candidates(ch: str) -> list[str]:
    """Font stems likely to have `ch`: those named after its script first (the first word of
    its Unicode name, e.g. DEVANAGARI), regular sans before serif and bold, then general ones."""
    script = unicodedata.name(ch, "").split(" ")[0].replace("-", "").lower()
    named = [s for s in _installed() if script and len(script) > 2 and script in s.lower()]
    named.sort(key=lambda s: ("Sans" not in s, "Regular" not in s, "UI" in s, s))
    wide = script in CJK_SCRIPTS or unicodedata.east_asian_width(ch) in ("W", "F")
    cjk = [s for s in CJK if s in _installed()] if wide else []
    return [*cjk, *named, *(s for s in GENERAL if s in _installed())][:MAX_TRIED]


@functools.cache
def _font(stem: str) -> tuple[str, frozenset[int]] | None:
    """Register an installed font under our own name; None if reportlab cannot embed it."""
    name = f"fallback-{stem}"
    try:
        path = _installed()[stem]
        font = TTFont(name, str(path), subfontIndex=0) if path.suffix == ".ttc" else TTFont(name, str(path))
    except Exception:  # noqa: BLE001 - not TrueType outlines, or a damaged file: not usable
        return None
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name, frozenset(font.face.charToGlyph)


@functools.cache
def fallback(ch: str) -> str | None:
    """The registered name of an installed font that draws `ch`, or None."""
    for stem in _candidates(ch):
        font = _font(stem)
        if font and ord(ch) in font[1]:
            return font[0]
    return None


def draws(name: str, ch: str) -> bool:
    """Whether the fallback font registered as `name` has a glyph for `ch`."""
    font = _font(name.removeprefix("fallback-"))
    return bool(font) and ord(ch) in font[1]


def note_missing(ch: str) -> None:
    found = _missing.get()
    if found is not None:
        found.setdefault(ch)


@contextlib.contextmanager
def missing() -> Iterator[dict[str, None]]:
    """Collects the characters no font could draw while the block runs, in the order met:
    a value for the caller to return, not state the next render would inherit."""
    found: dict[str, None] = {}
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)
