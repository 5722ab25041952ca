"""Right-to-left words (Hebrew, Arabic) inside left-to-right text, put in the order they are seen.

Our documents are English, so a paragraph runs left to right; a run of Hebrew or Arabic words
inside it must show its first word on the right. PDF writers draw words in the order given, so
the words of each such run are reversed here. The letters inside each word are ordered (and
Arabic joined) by the shaping engine, which lays a right-to-left word out itself; without one,
`shaped=False` reverses the letters too (Arabic then shows unjoined, but in the right order).

This is the part of the Unicode bidirectional algorithm our text needs, not all of it: a
paragraph is never right-to-left as a whole. As the algorithm says, words are reordered line by
line after the paragraph is broken into lines, so a run that wraps reads on from one line to the
next (`display_order` gives one line's order).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_TOKENS = re.compile(r"(\s+)")
_RTL_CLASSES = ("R", "AL")


def direction(word: str) -> str | None:
    """"R" or "L" by the word's first strongly directional character; None for numbers and
    punctuation, which take the direction of the words around them."""
    for ch in word:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES:
            return "R"
        if kind == "L":
            return "L"
    return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


_COMPLEX = re.compile("[\u0900-\u0dff\u0f00-\u109f\u1780-\u17ff]")  # Indic, Tibetan, Myanmar, Khmer


def needs_shaping(text: str) -> bool:
    """Whether a shaping engine must lay `text` out: right-to-left letters, or the syllables of
    Indic and other scripts whose vowel signs are placed around the consonant. (Thai and Lao
    draw correctly without; shaping is kept to where it is needed, as reportlab's shaping of a
    word set in two fonts loses the space after it.)"""
    return has_rtl(text) or bool(_COMPLEX.search(text))


def display_order(words: Sequence[str]) -> list[int]:
    """The indexes of `words` (one line's, in the order written) in the order they are seen left
    to right: each run of right-to-left words, with the numbers and punctuation between them,
    reversed."""
    kinds = [direction(w) for w in words]
    order = list(range(len(words)))
    i = 0
    while i < len(words):
        if kinds[i] != "R":
            i += 1
            continue
        end = i  # the run: R words, with neutral words only between two R words
        j = i + 1
        while j < len(words) and kinds[j] != "L":
            if kinds[j] == "R":
                end = j
            j += 1
        order[i:end + 1] = order[i:end + 1][::-1]
        i = end + 1
    return order


def visual_order(text: str, shaped: bool = True) -> str:
    """`text` with each run of right-to-left words (and the numbers and punctuation between
    them) reversed, word by word, for text drawn on one line."""
    if not has_rtl(text):
        return text
    tokens = _TOKENS.split(text)  # words at even indexes, spaces at odd ones
    words = tokens[0::2]
    if not shaped:
        words = [w[::-1] if direction(w) == "R" else w for w in words]
    tokens[0::2] = [words[i] for i in display_order(words)]
    return "".join(tokens)
