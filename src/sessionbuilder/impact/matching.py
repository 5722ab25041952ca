"""Which column holds which question: a rating of an outcome before or after the session, a
free-text answer, a follow-up or an action, or personal data that is never copied.

Partnerships word their own forms, so outcomes are matched by their words, allowing small
differences (a typo, a plural, a shortened phrase): a column is taken as an outcome when most of
the outcome's meaningful words appear in its heading. Google's rating grids put the outcome in
brackets ("How confident were you before? [Explain how neglect ...]"); then only the bracketed
text is matched and the question outside says before or after.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

MATCH = 0.7  # share of an outcome's meaningful words a heading must hold
STOP = frozenset("""a an the and or of to in on at for by with from as is are was were be been
    their them they there this that these those it its his her your you our we i me my who what
    which how why when will would can could should one own all any each into about after before
    than then so not no do does did has have had just also more most very""".split())
BEFORE = frozenset("before beforehand prior pre previously baseline start".split())
AFTER = frozenset("after afterwards now post end today".split())
# Words every outcome uses ("explain", "practice"): an answer saying them mentions none in particular.
GENERIC = frozenset("""explain describe identify recognise recognize respond understand know
    apply share make change changes practice session agency learning learned learnt people
    work working able use going over time""".split())


class Role(enum.Enum):
    """What a column holds."""

    RATING = "rating"
    PERSONAL = "personal data (never copied)"
    TIMESTAMP = "time answered"
    SESSION_DATE = "session date"
    USEFUL = "most useful"
    DIFFERENT = "will do differently"
    IMPROVE = "could improve"
    CHANGED = "what has changed"
    EXAMPLE = "example"
    MANAGER = "manager's comment"
    ACTION = "action"
    WHO = "who"
    BY_WHEN = "by when"
    HOW_KNOW = "how we will know"
    UNUSED = "not used"


PERSONAL = frozenset({"id", "email", "e mail", "email address", "name", "name optional",
                      "full name", "your name", "respondent", "respondent id", "participant",
                      "username", "user", "staff number", "employee number"})
TIMESTAMPS = {"completion time": 0, "timestamp": 0, "submitted": 1, "submission time": 1,
              "date submitted": 1, "last modified time": 2, "start time": 3}
# In order: the first that matches a heading decides (a "will do differently" question asks for
# "one example", so it comes before the follow-up's example).
PATTERNS = (
    (Role.SESSION_DATE, r"\b(date of (the )?session|session date|date of training|training date)\b"),
    (Role.CHANGED, r"\b(has|have) changed\b|\bwhat changed\b|\bsince the (session|training)\b"),
    (Role.DIFFERENT, r"\bdifferently\b|\bdo different\b|\bwill you change\b|\bone thing\b"),
    (Role.MANAGER, r"\bmanager"),
    (Role.EXAMPLE, r"\bexample"),
    (Role.USEFUL, r"\buseful|\bvaluable|\bhelpful|\bliked?\b"),
    (Role.IMPROVE, r"\bimprove|\bbetter\b|\bsuggest"),
    (Role.HOW_KNOW, r"\bhow (we|will we|you) (will )?know\b|\bmeasure\b|\bevidence\b"),
    (Role.BY_WHEN, r"\bby when\b|\bdeadline\b|\bdue( date)?\b|\btarget date\b"),
    (Role.WHO, r"^who\b|\blead\b|\bowner\b|\bresponsible\b"),
    (Role.ACTION, r"\bwhat we will do\b|\baction\b"),
)


@dataclass(frozen=True)
class Column:
    """One column of a sheet and what it was taken as."""

    index: int  # 0-based
    header: str
    role: Role
    outcome: int | None = None  # 0-based index into the outcomes
    time: str | None = None     # "before" | "after"
    note: str = ""              # why a heading was not used

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def column_letter(index: int) -> str:
    """A spreadsheet's name for a 0-based column: 0 → A, 26 → AA."""
    out, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation; digits kept ("11-15" gives 11, 15)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))


def meaningful(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP]


def same_word(a: str, b: str) -> bool:
    """Equal, or a plural or a small typo of a longer word."""
    if a == b or a.rstrip("s") == b.rstrip("s"):
        return True
    return min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.85


def coverage(wanted: Sequence[str], found: Sequence[str]) -> float:
    """The share of `wanted` words that appear in `found`."""
    if not wanted:
        return 0.0
    return sum(any(same_word(w, f) for f in found) for w in wanted) / len(wanted)


def _normal(header: str) -> str:
    return " ".join(words(header))


def _outcome_of(text: str, outcomes: Sequence[str]) -> tuple[int | None, float, str]:
    """The outcome `text` names, its score, and why none was taken."""
    found = meaningful(text)
    scores = sorted(((coverage(meaningful(o), found), i) for i, o in enumerate(outcomes)),
                    reverse=True)
    if not scores or scores[0][0] < MATCH:
        return None, scores[0][0] if scores else 0.0, ""
    if len(scores) > 1 and scores[1][0] >= scores[0][0] - 0.05:
        return None, scores[0][0], (f"could be outcome {scores[0][1] + 1} or "
                                    f"{scores[1][1] + 1}; word the heading more fully")
    return scores[0][1], scores[0][0], ""


def _time(question_words: list[str]) -> str | None:
    before = any(w in BEFORE for w in question_words)
    after = any(w in AFTER for w in question_words)
    return "before" if before and not after else "after" if after and not before else None


def _without(have: list[str], take: list[str]) -> list[str]:
    """`have` with the words of `take` removed once each (an outcome's own words)."""
    left = Counter(take)
    out = []
    for w in have:
        if left[w]:
            left[w] -= 1
        else:
            out.append(w)
    return out


def classify(index: int, header: str, outcomes: Sequence[str]) -> Column:
    """What one heading asks."""
    norm = _normal(header)
    if not norm:
        return Column(index, header, Role.UNUSED, note="no heading")
    if norm in PERSONAL or norm.startswith(("email", "name ", "participant")):
        return Column(index, header, Role.PERSONAL)
    if norm in TIMESTAMPS:
        return Column(index, header, Role.TIMESTAMP)
    grid = re.fullmatch(r"(.*)\[([^\[\]]+)\]\s*", header, re.S)
    named = grid[2] if grid else header
    outcome, _, why = _outcome_of(named, outcomes)
    if outcome is not None:
        if grid:
            time = _time(words(grid[1]))
        else:  # "after" may be in the outcome itself: words beyond it decide, else the first
            time = _time(_without(words(header), words(outcomes[outcome]))) or next(
                ("before" if w in BEFORE else "after" for w in words(header)
                 if w in BEFORE | AFTER), None)
        if time:
            return Column(index, header, Role.RATING, outcome, time)
        return Column(index, header, Role.UNUSED, outcome,
                      note=f"names outcome {outcome + 1} but not whether before or after")
    if why:
        return Column(index, header, Role.UNUSED, note=why)
    for role, pattern in PATTERNS:
        if re.search(pattern, norm):
            return Column(index, header, role)
    return Column(index, header, Role.UNUSED)


def classify_all(headers: Sequence[str], outcomes: Sequence[str]) -> tuple[Column, ...]:
    """Every column; of two timestamps, the completion time is used."""
    columns = [classify(i, h, outcomes) for i, h in enumerate(headers)]
    stamps = [c for c in columns if c.role is Role.TIMESTAMP]
    if len(stamps) > 1:
        keep = min(stamps, key=lambda c: TIMESTAMPS[_normal(c.header)])
        columns = [c if c.role is not Role.TIMESTAMP or c is keep
                   else Column(c.index, c.header, Role.UNUSED, note="another time column is used")
                   for c in columns]
    return tuple(columns)


def rated(columns: Sequence[Column]) -> int:
    """How many rating columns (for choosing the recipe whose outcomes fit best)."""
    return sum(c.role is Role.RATING for c in columns)


def mentions(text: str, outcomes: Sequence[str]) -> int | None:
    """The outcome a free-text answer mentions most, by the outcomes' distinctive words (those few
    other outcomes share count for more); None when it mentions none."""
    stems = [{w[:5] for w in meaningful(o) if len(w) >= 4 and w not in GENERIC} for o in outcomes]
    shared = Counter(s for group in stems for s in group)
    said = {w[:5] for w in meaningful(text) if len(w) >= 4 and w not in GENERIC}
    scores = [sum(1 / shared[s] for s in group & said) for group in stems]
    best = max(scores, default=0)
    return scores.index(best) if best >= 1 else None
