"""Each finding once in a session: when a chart, case extract or passage in the session says
what a learning point says, the point is left out, with the reason shown in `plan`.

A part says the same as a point when its data says so (`repeats: [point ids]` on a figure,
extract or passage), when they share a sentence or a run of RUN words or more, or, for a chart,
when the point restates most of its values. The same measure finds true duplicates between
two points, which `validate --strict` refuses (library/rules.py): those are merged in the
library rather than left to the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sessionbuilder.library.models import Extract, Figure, LearningPoint, Passage

RUN = 12  # words in a row that make two texts the same text
SENTENCE_WORDS = 6  # a shared sentence this long or longer is a repeat

_WORD = re.compile(r"[\w%]+(?:['’.,-][\w%]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def sentences(text: str) -> set[tuple[str, ...]]:
    """The text's sentences (and list lines) of SENTENCE_WORDS words or more, as word tuples."""
    out = set()
    for piece in _SENTENCE_END.split(text):
        w = tuple(words(piece))
        if len(w) >= SENTENCE_WORDS:
            out.add(w)
    return out


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of n words in a row within one sentence or line of the text."""
    out = set()
    for piece in _SENTENCE_END.split(text):
        w = words(piece)
        out.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    return out


def shared(a: Iterable[str], b: Iterable[str]) -> str | None:
    """A sentence or run of RUN words that texts `a` and `b` have in common, or None."""
    a_text, b_text = "\n".join(a), "\n".join(b)
    common = (sentences(a_text) & sentences(b_text)) or (runs(a_text) & runs(b_text))
    return " ".join(min(common)) if common else None


def point_texts(p: LearningPoint) -> list[str]:
    return [p.title, p.summary, *p.implications, *([p.quote.text] if p.quote else [])]


@dataclass(frozen=True)
class Part:
    """A chart, extract or passage as the repeat rule sees it."""

    kind: str  # chart | case extract | passage
    id: str
    title: str
    texts: tuple[str, ...]
    repeats: tuple[str, ...]
    values: tuple[str, ...] = ()  # a chart's values as shown


def figure_part(f: Figure) -> Part:
    values = tuple(f.value_text(i) for i in f.items)
    return Part("chart", f.id, f.title, (f.title, f.note or "", *(i.label for i in f.items)),
                tuple(f.repeats), values)


def extract_part(x: Extract) -> Part:
    return Part("case extract", x.id, x.title, (x.text, x.context or ""), tuple(x.repeats))


def passage_part(p: Passage) -> Part:
    return Part("passage", p.id, p.title, (p.text or "", *p.bullets), tuple(p.repeats))


def says_the_same(part: Part, p: LearningPoint) -> bool:
    if p.id in part.repeats:
        return True
    texts = point_texts(p)
    if part.values:
        joined = " ".join(texts)
        restated = sum(1 for v in part.values if re.search(rf"(?<![\d.]){re.escape(v)}", joined))
        if restated >= max(3, (len(part.values) + 1) // 2):
            return True
    return shared(part.texts, texts) is not None


def repeated(points: Sequence[LearningPoint], parts: Sequence[Part]
             ) -> Iterator[tuple[LearningPoint, Part]]:
    """Each point that a part of the session already says, with that part."""
    for p in points:
        part = next((x for x in parts if says_the_same(x, p)), None)
        if part:
            yield p, part


def reason(part: Part) -> str:
    return f"the {part.kind} '{part.title}' in this session says the same"


def duplicates(points: Sequence[LearningPoint]) -> Iterator[tuple[LearningPoint, LearningPoint, str]]:
    """Pairs of points that share a sentence or a run of RUN words: true duplicates."""
    texts = []
    for p in points:
        joined = "\n".join(point_texts(p))
        texts.append((p, sentences(joined), runs(joined)))
    for i, (a, a_sentences, a_runs) in enumerate(texts):
        for b, b_sentences, b_runs in texts[i + 1:]:
            common = (a_sentences & b_sentences) or (a_runs & b_runs)
            if common:
                yield a, b, " ".join(min(common))
