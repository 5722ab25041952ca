"""The library's writing rules, which `validate` reports as warnings (errors with `--strict`).

A point can be valid and still mislead a room: a percentage with no period invites a trend the
research never claims, and a title too long for a slide gets cut. These rules are the ones in
docs/library-format.md; they hold for a board officer's own library as for the bundled one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sessionbuilder.errors import Problem
from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import Extract, Figure, LearningPoint
from sessionbuilder.session import repeats
from sessionbuilder.library.yamlfile import YamlDoc, load

MAX_TITLE_CHARS = 90
MAX_SUMMARY_WORDS = 70
MAX_IMPLICATIONS = 4
MAX_IMPLICATION_WORDS = 35
MAX_QUESTIONS = 3

_NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                 "fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
_COUNTED = (r"(?:reviews?|SCRs?|cases?|famil(?:y|ies)|child(?:ren)?|young people|reports?|deaths?|"
            r"incidents?|parents?|mothers?|fathers?|bab(?:y|ies)|infants?|adolescents?|girls?|boys?|"
            r"people|victims?|referrals?|households?|pupils?)")
_NUMBER = rf"(?:(?<![\w.\-–/])(?!(?:19|20)\d\d\b|999\b)\d[\d,]*(?:\.\d+)?|\b(?:{_NUMBER_WORDS}))"
_FILLER = r"(?!(?:of|in|a|an|the|to|for|with|from|at|on|by)\b)[\w-]+"
STATISTIC = re.compile(
    rf"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s?(?:%|per ?cent\b)"                     # 54%, 74.8 per cent
    rf"|{_NUMBER}\s+(?:out\s+)?of\s+(?:the\s+|all\s+|these\s+)?{_NUMBER}"  # 25 of the 175
    rf"|{_NUMBER}(?![\s-]+(?:years?|months?|weeks?|days?)[\s-]+old)"        # not an age:
    rf"\s+(?:{_FILLER}\s+){{0,3}}?{_COUNTED}\b"                              # 14 non-fatal SCRs
    r"|\b(?:two[- ]thirds|three[- ]quarters|a (?:third|quarter)|(?:more|less|fewer) than half|"
    r"over half|half) of\b",
    re.IGNORECASE)
PERIOD = re.compile(r"\b(?:19|20)\d\d\b")
INLINE_PAGE = re.compile(r"\(pp?\.?\s?\d+")


def statistics(text: str) -> list[str]:
    return [m.group(0) for m in STATISTIC.finditer(text)]


def undated_statistic(text: str) -> str | None:
    """The first statistic in `text` when the text names no period or date."""
    found = statistics(text)
    return found[0] if found and not PERIOD.search(text) else None


def has_page(p: LearningPoint) -> bool:
    return bool(p.source.page or (p.quote and p.quote.page)
                or INLINE_PAGE.search(" ".join((p.summary, *p.implications))))


def words(text: str) -> int:
    return len(text.split())


def point_texts(p: LearningPoint) -> Iterator[tuple[tuple, str]]:
    """Each text a reader sees, with its location in the point."""
    yield ("title",), p.title
    yield ("summary",), p.summary
    for i, text in enumerate(p.implications):
        yield ("implications", i), text
    for i, text in enumerate(p.questions):
        yield ("questions", i), text


def point_warnings(p: LearningPoint) -> Iterator[tuple[tuple, str]]:
    if len(p.title) > MAX_TITLE_CHARS:
        yield ("title",), (f"title is {len(p.title)} characters, over {MAX_TITLE_CHARS} "
                           "(shorten it so it fits a slide title)")
    if words(p.summary) > MAX_SUMMARY_WORDS:
        yield ("summary",), (f"summary is {words(p.summary)} words, over {MAX_SUMMARY_WORDS} "
                             "(keep it to one to three sentences)")
    if len(p.implications) > MAX_IMPLICATIONS:
        yield ("implications", MAX_IMPLICATIONS), (
            f"{len(p.implications)} implications, more than {MAX_IMPLICATIONS} "
            "(keep the ones that matter most)")
    for i, text in enumerate(p.implications):
        if words(text) > MAX_IMPLICATION_WORDS:
            yield ("implications", i), (f"implication is {words(text)} words, over "
                                        f"{MAX_IMPLICATION_WORDS}")
    if len(p.questions) > MAX_QUESTIONS:
        yield ("questions", MAX_QUESTIONS), (
            f"{len(p.questions)} questions, more than {MAX_QUESTIONS}")
    if not has_page(p):
        for loc, text in point_texts(p):
            stat = undated_statistic(text)
            if stat:
                yield loc, (f"statistic '{stat}' names no period or date and the point gives no page "
                            "(name the period, e.g. 'in the 2011-14 reviews', or give the page)")


def _shape(display: str) -> str:
    return re.sub(r"\d[\d,]*(?:\.\d+)?", "N", display.strip())


def figure_warnings(f: Figure) -> Iterator[tuple[tuple, str]]:
    """A chart's bars must all be in the figure's unit: counts, or percentages, not a mix."""
    shapes = {}
    for i, item in enumerate(f.items):
        shown = item.display or f"{item.value:g}" + ("%" if f.unit == "percent" else "")
        if re.search(r"\d", shown):
            shapes[i] = _shape(shown)
    leads_percent = {i: bool(re.match(r"N\s?(?:%|per ?cent)", s)) for i, s in shapes.items()}
    for i, percent in leads_percent.items():
        if percent != (f.unit == "percent"):
            yield ("items", i, "display"), (
                f"figure is in unit '{f.unit}' but item '{f.items[i].label}' shows "
                f"'{f.items[i].display}' (a chart must not mix counts and percentages)")
            return
    if len(set(shapes.values())) > 1:
        first = next(iter(shapes))
        odd = next(i for i, s in shapes.items() if s != shapes[first])
        yield ("items", odd, "display"), (
            f"item '{f.items[odd].label}' is shown as '{f.items[odd].display}', unlike "
            f"'{f.items[first].display or f.items[first].value}' (show every item in the same unit)")


def deck_only(lib: Library, p: LearningPoint) -> bool:
    """The point rests on a local training deck's summary, not on the report's own words."""
    doc = lib.documents.get(p.source.document) if p.source.document else None
    return bool(doc and doc.kind == "training-deck" and not (p.quote and not p.quote.by))


def credit_warnings(lib: Library, p: LearningPoint) -> Iterator[tuple[tuple, str]]:
    """Whose words: a quotation credited to a document must be one on the point's report; a
    claim resting only on a training deck says so, and is never core nor in a title."""
    if p.quote and p.quote.by and lib.documents[p.quote.by].report != p.source.report:
        yield ("quote", "by"), (f"quotation is credited to '{p.quote.by}', a document on another "
                                "report (credit the document whose words these are)")
    if deck_only(lib, p):
        deck = lib.documents[p.source.document].short
        if p.priority == "core":
            yield ("priority",), (f"rests only on a training deck's summary ({deck}), so it cannot "
                                  "be core (make it supporting, or cite the report or a briefing)")
        stat = statistics(p.title)
        if stat:
            yield ("title",), (f"title states '{stat[0]}', which rests only on a training deck's "
                               "summary (keep the figure out of the title)")
        if "training deck" not in p.summary.lower():
            yield ("summary",), (f"rests only on a training deck's summary ({deck}) but does not say "
                                 "so (write e.g. 'The ... training deck summarises the report ...')")


def extract_warnings(lib: Library, x: Extract) -> Iterator[tuple[tuple, str]]:
    """A passage in a briefing's own words is not a case extract."""
    if x.by and x.title.lower().startswith("case extract"):
        yield ("title",), (f"is in the words of '{x.by}', not of a review, so it is not a case "
                           "extract (retitle it, e.g. 'From the briefing: ...')")
    if x.by and lib.documents[x.by].report != x.source.report:
        yield ("by",), f"'{x.by}' is a document on another report"


def repeat_warnings(lib: Library) -> Iterator[tuple[str, tuple, str]]:
    """True duplicates: two points sharing a sentence or a run of words, to be merged; and
    `repeats:` naming points that do not exist."""
    for a, b, text in repeats.duplicates(lib.points):
        yield b.id, ("summary",), (f"says the same as '{a.id}' (both have: \"{text}\"); merge "
                                   "the two points, or say each in your own words")
    known = {p.id for p in lib.points}
    for kind, items in (("figures", lib.figures), ("extracts", lib.extracts),
                        ("passages", list(lib.passages.values()))):
        for item in items:
            for pid in item.repeats:
                if pid not in known:
                    yield f"{kind}:{item.id}", ("repeats",), f"repeats unknown learning point '{pid}'"


def check(lib: Library) -> list[Problem]:
    """Every warning for the library's points and figures, each with its file and line."""
    found = []
    docs: dict[Path, YamlDoc] = {}

    def line(path: Path, loc: tuple) -> int | None:
        if path not in docs:
            docs[path] = load(path)
        return docs[path].line_of(loc)

    for p in lib.points:
        path, index = lib.origins[p.id]
        for loc, message in (*point_warnings(p), *credit_warnings(lib, p)):
            found.append(Problem(str(path), line(path, ("points", index, *loc)), message))
    for owner, loc, message in repeat_warnings(lib):
        if owner in lib.origins:
            path, index = lib.origins[owner]
            found.append(Problem(str(path), line(path, ("points", index, *loc)), message))
        else:
            found.append(Problem(_special_file(lib, owner.split(":")[0]), None,
                                 f"{owner.split(':')[1]}: {message}"))
    for x in lib.extracts:
        for _loc, message in extract_warnings(lib, x):
            found.append(Problem(_special_file(lib, "extracts"), None, f"extract '{x.id}': {message}"))
    for f, (path, index) in zip(lib.figures, lib.figure_origins, strict=True):
        for loc, message in figure_warnings(f):
            found.append(Problem(str(path), line(path, ("figures", index, *loc)),
                                 f"figure '{f.id}': {message}"))
    return sorted(set(found), key=lambda w: (w.file, w.line or 0, w.message))


def _special_file(lib: Library, stem: str) -> str:
    """The file that holds a library's figures, extracts or passages (the last one read)."""
    found = [p for d in lib.dirs for p in ([d] if d.is_file() else d.glob(f"{stem}.y*ml"))
             if p.stem == stem]
    return str(found[-1]) if found else stem
