"""Answers from the sheets read: each row becomes a response, a follow-up or an action, or is
left out with its reason, so the report's totals always add up to the rows read.

A rating that is not a whole number from 1 to 5 (0, 6, "4/5") leaves its row out, naming the
column; "N/A" or an empty cell means that outcome was not rated. Respondents are told apart by
email, name or id, which are used only to find duplicates and are never kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sessionbuilder.errors import InputError
from sessionbuilder.impact import workbook
from sessionbuilder.impact.matching import Column, Role, classify_all, rated
from sessionbuilder.impact.reading import Formula, RawSheet, Value

NOT_RATED = frozenset({"n/a", "na", "n.a.", "not applicable", "-", "–", "—", "don't know",
                       "dont know", "prefer not to say", "not sure"})
RATING = re.compile(r"([1-5])(?:\.0+)?(?:\s*[-–:.)]\s*[^\d/].*)?", re.S)
ANONYMOUS = frozenset({"anonymous", "anon", "n/a", "none", "-"})
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y",
                "%d %B %Y", "%d %b %Y", "%B %d, %Y")
FOLLOW_UP_ROLES = (Role.CHANGED, Role.EXAMPLE, Role.MANAGER)
ACTION_ROLES = (Role.ACTION, Role.WHO, Role.BY_WHEN, Role.HOW_KNOW)


@dataclass(frozen=True)
class Recipe:
    """What a file's answers are about: a recipe's name, title and learning outcomes."""

    key: str
    title: str
    outcomes: tuple[str, ...]


@dataclass(frozen=True, order=True)
class Session:
    recipe: str
    date: dt.date | None


@dataclass(frozen=True)
class Response:
    session: Session
    ratings: tuple[tuple[int | None, int | None], ...]  # (before, after) per outcome
    useful: str | None = None
    different: str | None = None


@dataclass(frozen=True)
class FollowUp:
    recipe: str
    changed: str | None
    example: str | None
    manager: str | None


@dataclass(frozen=True)
class Action:
    recipe: str
    what: str
    who: str | None
    by_when: str | None
    how: str | None


@dataclass(frozen=True)
class LeftOut:
    file: str
    sheet: str | None
    row: int
    reason: str


@dataclass(frozen=True)
class SheetRead:
    """How one sheet was read: for `--show-mapping` and the report's count of rows."""

    sheet: RawSheet
    recipe: Recipe | None
    kind: str  # responses | follow-up | actions | unused
    columns: tuple[Column, ...]
    rows: int


@dataclass(frozen=True)
class Answers:
    recipes: tuple[Recipe, ...]
    responses: tuple[Response, ...]
    follow_ups: tuple[FollowUp, ...]
    actions: tuple[Action, ...]
    left_out: tuple[LeftOut, ...]
    sheets: tuple[SheetRead, ...]
    warnings: tuple[str, ...]

    @property
    def rows_read(self) -> int:
        return sum(s.rows for s in self.sheets)


class _Bad(Exception):
    """A row's reason to be left out."""


# ---------------------------------------------------------------------------------------------
# Cells


def rating(value: Value) -> int | None:
    """A rating from 1 to 5, None when not given; _Bad otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Bad(f"'{value}' is not a rating")
    if isinstance(value, int | float):
        if float(value).is_integer() and 1 <= value <= 5:
            return int(value)
        raise _Bad(f"rating {value:g} is not a whole number from 1 to 5")
    text = str(value).strip()
    if text.lower() in NOT_RATED:
        return None
    m = RATING.fullmatch(text)
    if m:
        return int(m[1])
    raise _Bad(f"rating '{text[:20]}' is not a whole number from 1 to 5")


def date(value: Value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = re.sub(r"\s*(GMT|BST|UTC)([+-]\d+(:\d\d)?)?$", "", str(value).strip())
    text = re.sub(r"[T ]\d{1,2}:\d\d(:\d\d(\.\d+)?)?(\s*[ap]\.?m\.?)?$", "", text, flags=re.I)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise _Bad(f"date '{str(value)[:30]}' is not a date (day/month/year or year-month-day)")


def _text(value: Value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if text and text.lower() not in NOT_RATED else None


# ---------------------------------------------------------------------------------------------
# Sheets


def _recipe_of(sheet: RawSheet, candidates: Sequence[Recipe],
               chosen: Recipe | None) -> tuple[Recipe | None, tuple[Column, ...]]:
    """Our workbook names its recipe; otherwise the one named with --recipe, else the recipe
    whose outcomes the headings match best."""
    if sheet.about.get(workbook.RECIPE):
        outcomes = tuple(v for k, v in sorted(sheet.about.items(), key=lambda kv: _number(kv[0]))
                         if k.startswith(workbook.OUTCOME + " "))
        found = Recipe(sheet.about[workbook.RECIPE],
                       sheet.about.get(workbook.TITLE, sheet.about[workbook.RECIPE]), outcomes)
        return found, classify_all(sheet.headers, outcomes)
    if chosen:
        return chosen, classify_all(sheet.headers, chosen.outcomes)
    scored = sorted(((rated(cols := classify_all(sheet.headers, r.outcomes)), -i, r, cols)
                     for i, r in enumerate(candidates)), key=lambda x: x[:2], reverse=True)
    if not scored or scored[0][0] == 0:
        return None, classify_all(sheet.headers, ())
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        raise InputError(f"{sheet.where()}: the headings fit the outcomes of both "
                         f"'{scored[0][2].key}' and '{scored[1][2].key}'",
                         hint="name the session with --recipe")
    return scored[0][2], scored[0][3]


def _number(key: str) -> int:
    tail = key.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _kind(sheet: RawSheet, columns: Sequence[Column]) -> str:
    roles = {c.role for c in columns}
    if sheet.sheet == workbook.FOLLOW_UP or (roles & set(FOLLOW_UP_ROLES) and Role.RATING not in roles):
        return "follow-up"
    if sheet.sheet == workbook.ACTIONS or (Role.ACTION in roles and Role.RATING not in roles):
        return "actions"
    if roles & {Role.RATING, Role.DIFFERENT, Role.USEFUL}:
        return "responses"
    return "unused"


def _check_columns(sheet: RawSheet, recipe: Recipe, columns: Sequence[Column]) -> None:
    """Each outcome rated before and after, in one column each."""
    seen: dict[tuple[int, str], Column] = {}
    for c in columns:
        if c.role is Role.RATING:
            key = (c.outcome, c.time)
            if key in seen:
                raise InputError(f"{sheet.where(sheet.header_row)}: columns {seen[key].letter} "
                                 f"and {c.letter} both look like outcome {c.outcome + 1} {c.time} "
                                 "the session", hint="word the headings apart; --show-mapping "
                                 "shows how each was read")
            seen[key] = c
    for (outcome, time), c in seen.items():
        other = "after" if time == "before" else "before"
        if (outcome, other) not in seen:
            raise InputError(f"{sheet.where(sheet.header_row)}, column {c.letter}: outcome "
                             f"{outcome + 1} is rated {time} the session but no column rates it "
                             f"{other}", hint=f"add the '{other}' column, or check its heading "
                             f"names outcome {outcome + 1} of '{recipe.key}' (--show-mapping)")


def read_answers(sheets: Sequence[RawSheet], candidates: Sequence[Recipe],
                 chosen: Recipe | None = None) -> Answers:
    """Every row of every sheet, as an answer or a row left out."""
    reads, responses, follow_ups, actions, left_out, warnings = [], [], [], [], [], []
    recipes: dict[str, Recipe] = {}
    seen: dict[tuple, tuple[str, int]] = {}
    found = [_recipe_of(sheet, candidates, chosen) for sheet in sheets]
    named = {r.key: r for r, _ in found if r}
    if len(named) == 1:  # a follow-up or action plan export: the one session the others name
        only = next(iter(named.values()))
        found = [(r, cols) if r else (only, classify_all(sheet.headers, only.outcomes))
                 for sheet, (r, cols) in zip(sheets, found, strict=True)]
    for sheet, (recipe, columns) in zip(sheets, found, strict=True):
        warnings += sheet.warnings
        kind = _kind(sheet, columns) if recipe else "unused"
        if kind == "responses":
            _check_columns(sheet, recipe, columns)
        reads.append(SheetRead(sheet, recipe, kind, columns, len(sheet.rows) if kind != "unused" else 0))
        if kind == "unused":
            continue
        recipes.setdefault(recipe.key, recipe)
        for number, cells in sheet.rows:
            try:
                answer = _row(sheet, recipe, columns, kind, number, cells, seen)
            except _Bad as e:
                left_out.append(LeftOut(str(sheet.file), sheet.sheet, number, str(e)))
                continue
            {"responses": responses, "follow-up": follow_ups, "actions": actions}[kind].append(answer)
    if not any(r.kind != "unused" for r in reads):
        files = ", ".join(dict.fromkeys(str(s.file) for s in sheets)) or "the files"
        raise InputError(f"{files}: no column matches a learning outcome or an evaluation question",
                         hint="name the session with --recipe; --show-mapping shows how each "
                              "heading was read")
    return Answers(tuple(recipes.values()), tuple(responses), tuple(follow_ups), tuple(actions),
                   tuple(left_out), tuple(reads), tuple(dict.fromkeys(warnings)))


def _row(sheet: RawSheet, recipe: Recipe, columns: Sequence[Column], kind: str, number: int,
         cells: Sequence[Value | Formula], seen: dict) -> Response | FollowUp | Action:
    used = [c for c in columns if c.role not in (Role.UNUSED,)]
    if all(cells[c.index] is None for c in columns):
        raise _Bad("blank row")
    for c in used:
        if isinstance(cells[c.index], Formula):
            raise InputError(f"{sheet.where(number, c.index)}: a formula "
                             f"({cells[c.index].text[:40]}), not a typed answer",
                             hint="copy the sheet and paste values only (Paste Special > Values)")
    answers = [c for c in used if c.role not in (Role.PERSONAL, Role.TIMESTAMP, Role.SESSION_DATE)]
    if all(cells[c.index] is None for c in answers):
        raise _Bad("no answers in the row")
    by_role = {c.role: cells[c.index] for c in reversed(used) if c.role is not Role.RATING}
    if kind == "follow-up":
        return FollowUp(recipe.key, *(_text(by_role.get(r)) for r in FOLLOW_UP_ROLES))
    if kind == "actions":
        what = _text(by_role.get(Role.ACTION))
        if what is None:
            raise _Bad("an action plan row with no action")
        return Action(recipe.key, what, *(_text(by_role.get(r)) for r in ACTION_ROLES[1:]))
    pairs = [[None, None] for _ in recipe.outcomes]
    for c in used:
        if c.role is Role.RATING:
            try:
                pairs[c.outcome][c.time == "after"] = rating(cells[c.index])
            except _Bad as e:
                raise _Bad(f"column {c.letter} ({_short(c.header)}): {e}") from None
    when = by_role.get(Role.SESSION_DATE) or by_role.get(Role.TIMESTAMP) \
        or sheet.about.get(workbook.DATE)
    session = Session(recipe.key, date(when) if when else None)
    identity = sorted((c for c in used if c.role is Role.PERSONAL and _who(cells[c.index])),
                      key=_identity_order)
    if identity:
        c = identity[0]
        key = (session, c.header.lower(), _who(cells[c.index]))
        if key in seen:
            first_where, first_row = seen[key]
            place = "" if first_where == sheet.where() else f" in {first_where}"
            raise _Bad(f"duplicate respondent: the same {c.header.lower()} as row {first_row}"
                       f"{place}")
        seen[key] = (sheet.where(), number)
    return Response(session, tuple(tuple(p) for p in pairs), _text(by_role.get(Role.USEFUL)),
                    _text(by_role.get(Role.DIFFERENT)))


def _identity_order(column: Column) -> int:
    """Email tells people apart best, then a name; a form's response id least (it is per answer)."""
    header = column.header.lower()
    return 0 if "mail" in header else 1 if "name" in header or "participant" in header else 2


def _who(value: Value) -> str | None:
    text = _text(value)
    return text.lower() if text and text.lower() not in ANONYMOUS else None


def _short(header: str, limit: int = 40) -> str:
    return header if len(header) <= limit else header[:limit - 1].rstrip() + "…"
