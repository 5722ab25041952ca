"""Typed models for everything read from YAML: the taxonomy, sources, learning points, key
figures, passages, recipes and branding. All shape validation lives here; cross-references
(themes, audiences, sources) are checked against a `Context` passed at validation time.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      StringConstraints, ValidationInfo, field_validator)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
AGE_GROUPS = ("infant", "early-years", "middle-childhood", "adolescent")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG)]


PAGE_RANGE = r"\d+(?:-\d+)?"
PAGES = rf"^{PAGE_RANGE}(?:, {PAGE_RANGE})*$"
_CANONICAL_PAGES = re.compile(rf"{PAGE_RANGE}(?:, {PAGE_RANGE})*\Z")  # as written, nothing to tidy


def _page(value: Any) -> Any:
    """One canonical spelling for pages: 77, "169-170", "p141 and p161" or [141, 161] become
    "77", "169-170", "141, 161", so a statement citing two places keeps both."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, (int, str)) and not isinstance(v, bool)
                                                 for v in value):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str) and not _CANONICAL_PAGES.match(value):
        value = re.sub(r"\s*[\u2013\u2014]\s*", "-", value.strip())
        value = re.sub(r"\bp{1,2}\.?\s*(?=\d)", "", value)
        return re.sub(r"\s*(?:,|;|&|\band\b)\s*", ", ", value)
    return value


Page = Annotated[str, BeforeValidator(_page), StringConstraints(pattern=PAGES)]


def page_list(page: str | None) -> list[str]:
    """The pages and ranges of a canonical page field, in the order written."""
    return page.split(", ") if page else []


def page_label(page: str) -> str:
    """How a citation prints pages, in the seeds' own style: "p77", "p169-170", "p141, p161"."""
    return ", ".join(f"p{p}" for p in page_list(page))


def first_page(page: str | None) -> int:
    """The first page number, for ordering citations (0 when there is none)."""
    return int(re.match(r"\d+", page)[0]) if page else 0


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Term(Model):
    """An audience or a theme in the controlled vocabulary."""

    id: Slug
    label: Text
    description: Text
    aliases: list[Text] = []


class Taxonomy(Model):
    audiences: list[Term] = Field(min_length=1)
    themes: list[Term] = Field(min_length=1)


def name_clashes(terms: list[Term]) -> list[tuple[tuple[Any, ...], str, str]]:
    """Names that two terms of one vocabulary share, as (location in the term, name, the term
    that already has it): a name must resolve to one term. Vocabularies are separate, so a theme
    may be called what an audience is called (`--theme education`, `--audience education`)."""
    owner: dict[str, str] = {}
    found = []
    for i, term in enumerate(terms):
        names = [(("id",), term.id), (("label",), term.label),
                 *((("aliases", j), a) for j, a in enumerate(term.aliases))]
        for loc, name in names:
            key = normalise(name)
            if owner.setdefault(key, term.id) != term.id:
                found.append(((i, *loc), name, owner[key]))
    return found


def normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


@dataclass
class Vocabulary:
    """Resolves ids, labels and aliases of one kind of term, suggesting near misses."""

    kind: str
    terms: list[Term]
    _names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self._names = {}
        for term in self.terms:
            for name in (term.id, term.label, *term.aliases):
                self._names.setdefault(normalise(name), term.id)

    def resolve(self, name: str) -> str:
        if name in self._names:  # the usual case, an id as written: already in normal form
            return self._names[name]
        key = normalise(name)
        if key in self._names:
            return self._names[key]
        close = difflib.get_close_matches(key, list(self._names), n=1, cutoff=0.6)
        hint = f"; did you mean '{self._names[close[0]]}'?" if close else ""
        raise ValueError(f"unknown {self.kind} '{name}'{hint}")

    @property
    def kind_with_article(self) -> str:
        return f"{'an' if self.kind[0] in 'aeiou' else 'a'} {self.kind}"

    def knows(self, name: str) -> bool:
        return normalise(name) in self._names

    def get(self, term_id: str) -> Term:
        return next(t for t in self.terms if t.id == term_id)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.terms]


@dataclass
class Context:
    """What cross-references are checked against while validating points and recipes."""

    audiences: Vocabulary
    themes: Vocabulary
    reports: set[str]
    documents: dict[str, str]  # document id -> report id


def _ctx(info: ValidationInfo) -> Context | None:
    return info.context.get("ctx") if info.context else None


def _theme(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    return ctx.themes.resolve(value) if ctx else value


def _audience(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    return ctx.audiences.resolve(value) if ctx else value


ThemeId = Annotated[Text, AfterValidator(_theme)]
AudienceId = Annotated[Text, AfterValidator(_audience)]


class Report(Model):
    id: Slug
    short: Text
    citation: Text
    url: str | None = None
    period: Text | None = None  # the years of the cases it analyses, e.g. "2011-14"
    summary: Text | None = None  # a local review: what happened, anonymised
    published: datetime.date | None = None


DocumentKind = Literal["summary", "briefing", "training-deck", "guidance"]


class Document(Model):
    """A document a point was drawn from: a summary or briefing on a report, a local training
    deck built on it, or current guidance. A claim that rests only on a training deck's summary
    must say so, and is never core nor in a title (library/rules.py)."""

    id: Slug
    report: Slug
    short: Text
    citation: Text
    url: str | None = None
    kind: DocumentKind = "summary"


class Sources(Model):
    reports: list[Report] = []
    documents: list[Document] = []


class SourceRef(Model):
    """Where a point or figure comes from: a report, the document it came through, a page."""

    report: Slug
    document: Slug | None = None
    page: Page | None = None

    @field_validator("report")
    @classmethod
    def _known_report(cls, value: str, info: ValidationInfo) -> str:
        ctx = _ctx(info)
        if ctx and value not in ctx.reports:
            raise ValueError(_unknown("source report", value, ctx.reports))
        return value

    @field_validator("document")
    @classmethod
    def _known_document(cls, value: str | None, info: ValidationInfo) -> str | None:
        ctx = _ctx(info)
        if ctx and value is not None:
            if value not in ctx.documents:
                raise ValueError(_unknown("source document", value, ctx.documents))
            report = info.data.get("report")
            if report and ctx.documents[value] != report:
                raise ValueError(f"document '{value}' belongs to report '{ctx.documents[value]}', "
                                 f"not '{report}'")
        return value


def _known_document_id(value: str | None, info: ValidationInfo) -> str | None:
    ctx = _ctx(info)
    if ctx and value is not None and value not in ctx.documents:
        raise ValueError(_unknown("source document", value, ctx.documents))
    return value


def _unknown(kind: str, value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"unknown {kind} '{value}'" + (f"; did you mean '{close[0]}'?" if close else "")


class Since(Model):
    """What has changed since the source was written (a law or an arrangement replaced), in one
    line, citing the current guidance or law: the finding stays in its own time, the note
    brings the reader up to date."""

    text: Text
    source: SourceRef


class Quote(Model):
    """Words in quotation marks. They are the report's own (quoted in the document the point came
    through) unless `by` names the document whose own words they are; `page` is then the page of
    the report those words are about ("Research in Practice briefing, on Sidebotham et al.
    (2016), p169")."""

    text: Text
    page: Page | None = None
    by: Slug | None = None

    @field_validator("by")
    @classmethod
    def _known_by(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _known_document_id(value, info)


def _expand_all(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and any(isinstance(v, str) and v.strip().lower() == "all"
                                       for v in value):
        return ["__all__"]
    return value


def _text_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class LearningPoint(Model):
    """One finding a professional should act on, with its citation."""

    id: Slug
    title: Text
    summary: Text
    implications: Annotated[list[Text], BeforeValidator(_text_list)] = Field(min_length=1)
    questions: Annotated[list[Text], BeforeValidator(_text_list)] = []
    quote: Quote | None = None
    themes: Annotated[list[ThemeId], BeforeValidator(_text_list)] = Field(min_length=1)
    audiences: Annotated[list[Text], BeforeValidator(_expand_all)] = Field(min_length=1)
    priority: Literal["core", "supporting"]
    age_groups: list[Literal[AGE_GROUPS]] = []  # type: ignore[valid-type]
    since: Since | None = None
    source: SourceRef

    @field_validator("audiences")
    @classmethod
    def _audiences(cls, value: list[str], info: ValidationInfo) -> list[str]:
        ctx = _ctx(info)
        if value == ["__all__"]:
            return ctx.audiences.ids if ctx else ["all"]
        return list(dict.fromkeys(_audience(v, info) for v in value))

    @field_validator("themes")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in (self.title, self.summary, *self.implications))


class FigureItem(Model):
    label: Text
    value: float
    display: Text | None = None


def _estimate(value: Any) -> Any:
    return {"question": value} if isinstance(value, str) else value


class Estimate(Model):
    """A question a room answers before the chart is shown; the answer is the figure's values,
    or one item of them when `item` names its label."""

    question: Text
    item: Text | None = None


class Figure(Model):
    """A set of numbers from a seed, drawn as a native chart."""

    id: Slug
    title: Text
    chart: Literal["bar", "column", "pie", "doughnut"] = "bar"
    unit: Literal["count", "percent"] = "count"
    items: list[FigureItem] = Field(min_length=1)
    note: Text | None = None
    themes: list[ThemeId] = []
    estimate: Annotated[Estimate | None, BeforeValidator(_estimate)] = None
    repeats: list[Slug] = []  # points that say what this chart shows: a session showing it leaves them out
    source: SourceRef

    @field_validator("estimate")
    @classmethod
    def _known_item(cls, value: Estimate | None, info: ValidationInfo) -> Estimate | None:
        labels = [i.label for i in info.data.get("items", [])]
        if value and value.item and labels and value.item not in labels:
            raise ValueError(_unknown("figure item", value.item, labels))
        return value

    def value_text(self, item: FigureItem) -> str:
        return item.display or _num(item.value, self.unit)

    @property
    def alt_text(self) -> str:
        kind = {"bar": "Bar chart", "column": "Column chart", "pie": "Pie chart",
                "doughnut": "Doughnut chart"}[self.chart]
        values = "; ".join(f"{i.label}: {self.value_text(i)}" for i in self.items)
        return f"{kind}: {self.title}. {values}."


def _num(value: float, unit: str) -> str:
    text = f"{value:g}"
    return f"{text}%" if unit == "percent" else text


class Figures(Model):
    figures: list[Figure] = []


class Passage(Model):
    """Fixed session text (aims, the "Remember" quote, what an SCR is), quoted or restated."""

    id: Slug
    title: Text
    text: Text | None = None
    bullets: list[Text] = []
    verbatim: bool = False
    repeats: list[Slug] = []  # points that say what this passage says: a session showing it leaves them out
    since: Since | None = None
    source: SourceRef


class Passages(Model):
    passages: list[Passage] = []


def _audience_ids(value: list[str], info: ValidationInfo) -> list[str]:
    return LearningPoint._audiences(value, info)


class Extract(Model):
    """A passage quoted word for word from a source, for small groups to discuss.

    Line breaks in `text` are kept (a list in the source stays a list); `context` says, in our
    own words and only as far as the source does, what the passage is."""

    id: Slug
    title: Text
    text: Text
    context: Text | None = None
    questions: list[Text] = Field(min_length=1, max_length=3)
    by: Slug | None = None  # the document whose own words these are, if not the report's
    related: Annotated[list[Slug], BeforeValidator(_text_list)] = Field(min_length=1)
    themes: Annotated[list[ThemeId], BeforeValidator(_text_list)] = Field(min_length=1)
    audiences: Annotated[list[Text], BeforeValidator(_expand_all),
                         AfterValidator(_audience_ids)] = Field(min_length=1)
    repeats: list[Slug] = []  # points that say what this extract says: a session showing it leaves them out
    source: SourceRef

    @field_validator("by")
    @classmethod
    def _known_by(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _known_document_id(value, info)

    @field_validator("source")
    @classmethod
    def _has_page(cls, value: SourceRef) -> SourceRef:
        if value.page is None:
            raise ValueError("an extract needs the page it is quoted from")
        return value

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class Extracts(Model):
    extracts: list[Extract] = []


class PointsFile(Model):
    points: list[dict[str, Any]] = []


HEX = r"^#?[0-9A-Fa-f]{6}$"
Colour = Annotated[str, StringConstraints(strip_whitespace=True, pattern=HEX),
                   AfterValidator(lambda v: v.lstrip("#").upper())]


class Contact(Model):
    """Who to contact: "Worried about a child?" and "Call the Front Door on ..."."""

    label: Text
    detail: Text


class Branding(Model):
    """The look of a partnership's outputs."""

    partnership: Text = "Safeguarding Children Partnership"
    logo: Text | None = None
    primary: Colour = "1F3864"
    accent: Colour = "C55A11"
    text: Colour = "1A1A1A"
    background: Colour = "FFFFFF"
    footer: Text | None = None
    website: Text | None = None
    contacts: list[Contact] = []


def _question(value: Any) -> Any:
    return {"ask": value} if isinstance(value, str) else value


class Question(Model):
    """A discussion question and the learning points it draws on: a session that asks it keeps
    them, so a room is never asked about something it was not shown."""

    ask: Text
    points: Annotated[list[Slug], BeforeValidator(_text_list)] = []


def _outcome(value: Any) -> Any:
    return {"outcome": value} if isinstance(value, str) else value


class Outcome(Model):
    """A learning outcome and what in the session carries it: the points it draws on, which a
    session always keeps, or the activity (the closing commitment) that delivers it. A recipe
    that states an outcome with neither is refused: a room cannot be rated on what it was not
    shown."""

    outcome: Text
    points: Annotated[list[Slug], BeforeValidator(_text_list)] = []
    activity: Literal["commitment", "pairs", "discussion", "case-extract", "estimate"] | None = None


SectionKind = Literal["title", "aims", "remember", "what-is-scr", "overview", "figures",
                      "learning", "voice-of-child", "discussion", "further-reading", "references",
                      "case-extract", "estimate", "pairs", "commitment"]


class Section(Model):
    kind: SectionKind
    title: Text | None = None
    figures: list[Slug] = []
    always: bool = False  # keep it (and all its figures) however short the session
    extracts: list[Slug] = []  # case-extract: the extract to use (default: the closest one)


class Recipe(Model):
    """A session: what to select, how long it runs, which sections in which order."""

    title: Text
    subtitle: Text | None = None
    audiences: Annotated[list[Text], BeforeValidator(_expand_all)] = []
    themes: Annotated[list[ThemeId], BeforeValidator(_text_list)] = []
    priority: list[Literal["core", "supporting"]] = []
    points: list[Slug] = []
    minutes: int = Field(default=60, ge=10, le=10_000)
    sections: list[Section] = Field(min_length=1)
    questions: list[Annotated[Question, BeforeValidator(_question)]] = []
    outcomes: list[Annotated[Outcome, BeforeValidator(_outcome)]] = []
    branding: Branding | None = None
    branding_file: Text | None = None

    @field_validator("audiences")
    @classmethod
    def _audiences(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return LearningPoint._audiences(value, info)

    @property
    def pinned(self) -> tuple[str, ...]:
        """The points its discussion questions and learning outcomes draw on, which the session
        always keeps."""
        return tuple(dict.fromkeys([*(pid for q in self.questions for pid in q.points),
                                    *(pid for o in self.outcomes for pid in o.points)]))

    @field_validator("sections")
    @classmethod
    def _has_core_sections(cls, value: list[Section]) -> list[Section]:
        kinds = [s.kind for s in value]
        if "learning" not in kinds:
            raise ValueError("missing section 'learning' (where the learning points go)")
        if kinds[0] != "title":
            raise ValueError("the first section must be 'title'")
        return value
