"""Which characters may reach an output, in one place: input is refused, terminal text escaped,
writer text cleaned.

Refused everywhere: control characters (they act in terminals and appear as `_x0007_` in
slides), bidirectional overrides, embeddings and isolates (they make text display in an order
other than the one written, e.g. a title starting with U+202E shows backwards), non-characters
such as U+FFFE, and unpaired surrogates (undecodable bytes). Tab and line breaks are allowed;
right-to-left marks (U+200E, U+200F, U+061C) are harmless and allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_ASTRAL_NONCHARACTERS = "".join(f"{chr(plane << 16 | 0xFFFE)}-{chr(plane << 16 | 0xFFFF)}"
                                for plane in range(1, 17))
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + _ASTRAL_NONCHARACTERS
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"


class _Refused:
    """A pattern for refused characters, fast on large texts: plain ASCII needs only the control
    characters; other text is searched with one character class that also takes in every
    character outside the BMP, and those found are kept unless noncharacters (a class listing
    the 32 noncharacters out there makes `re` 2-9x slower on every character)."""

    def __init__(self, extra: str) -> None:
        self.ascii = re.compile(f"[{extra}{_CONTROLS}]")
        self.wide = re.compile(f"[{extra}{_CONTROLS}\x80-\x9f{_BIDI}\ud800-\udfff\ufdd0-\ufdef"
                               f"\ufffe\uffff\U00010000-\U0010ffff]")
        self.astral = re.compile(f"[{_ASTRAL_NONCHARACTERS}]")

    def _refused(self, char: str) -> bool:
        return char <= "\uffff" or self.astral.match(char) is not None

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self.ascii.search(text)
        found = self.wide.search(text)
        while found and not self._refused(found.group()):
            found = self.wide.search(text, found.end())
        return found

    def sub(self, repl: Callable[[re.Match[str]], str] | str, text: str) -> str:
        if text.isascii():
            return self.ascii.sub(repl, text)
        replace = repl if callable(repl) else (lambda _: repl)
        return self.wide.sub(lambda m: replace(m) if self._refused(m.group()) else m.group(), text)


FILE_TEXT = _Refused("")  # a whole file: CR may end lines
VALUE = _Refused("\r")  # one value: a CR inside text is a stray control
UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, from surrogateescape

_HINTS = {
    "control": "delete it; it may have been pasted from Word or a terminal",
    "bidi": "delete it: it makes text display in another order than written, and right-to-left "
            "text displays correctly without it",
    "noncharacter": "it is not a character; delete it",
    "surrogate": "use UTF-8 text; check the encoding of the terminal, script or file",
}


def kind(char: str) -> str:
    code = ord(char)
    if re.fullmatch(f"[{_BIDI}]", char):
        return "bidi"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate"
    if re.fullmatch(f"[{_NONCHARACTERS}]", char):
        return "noncharacter"
    return "control"


def describe(char: str) -> tuple[str, str]:
    """What is wrong with a refused character, and a hint: (message, hint)."""
    code, what = ord(char), kind(char)
    if what == "bidi":
        return (f"contains the bidirectional control character U+{code:04X} "
                f"({unicodedata.name(char)})", _HINTS[what])
    if what == "surrogate":
        byte = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
        return f"is not UTF-8 text ({byte})", _HINTS[what]
    if what == "noncharacter":
        return f"contains the non-character U+{code:04X}", _HINTS[what]
    return f"contains the control character U+{code:04X}", _HINTS[what]


def problem(text: str, pattern: _Refused | re.Pattern[str] = VALUE) -> tuple[int, str, str] | None:
    """(offset, message, hint) for the first refused character in `text`, or None."""
    bad = pattern.search(text)
    return (bad.start(), *describe(bad.group())) if bad else None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # as a UTF-16 pair, so JSON output stays valid JSON
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def terminal(text: str) -> str:
    """Text safe to print: refused characters shown as visible `\\uXXXX` escapes, so escape
    sequences cannot act and nothing displays reversed. Valid inside JSON strings too."""
    return VALUE.sub(_escape, text)


def clean(text: str) -> str:
    """Text safe for a writer (slide XML, PDF, DOCX, HTML): refused characters dropped, bytes
    that were not UTF-8 shown as U+FFFD."""
    text = UNDECODED.sub("\ufffd", text)
    return VALUE.sub("", text)


# The writers' last step. (The PDF writer's own cleaning, render/pdf/base.py `clean`, also
# depends on which characters its fonts draw, so it lives with them.)

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PLAIN_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029\x85]+")


def xml_safe(text: str) -> str:
    """Drop characters that XML cannot hold (pasted from Word), which would corrupt the file."""
    return _XML_ILLEGAL.sub("", text)


def plain(text: str) -> str:
    """Text as Word and web writers show it: NFC, line breaks as spaces, and a visible "?" for a
    control character (which XML cannot hold)."""
    text = _BREAKS.sub(" ", unicodedata.normalize("NFC", text))
    return re.sub(r" {2,}", " ", _PLAIN_CONTROL.sub("?", text)).strip()
