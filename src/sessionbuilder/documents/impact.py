"""The impact report a board reads: who answered, how confident participants felt in each
learning outcome before and after the session, what they will do differently, what had changed
at the follow-up with their manager, and the teams' action plans.

The wording is honest about what the numbers are: self-rated confidence, the "before" rated
looking back at the end of the session, and not a measure of practice. Names, email addresses
and response ids never reach this document (responses.py does not keep them); any breakdown of
fewer than five people is left out with a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sessionbuilder.documents.model import (Block, Distribution, Document, Heading, Item, Items,
                                            Para, Table)
from sessionbuilder.impact.analysis import MIN_SHOWN, Change, RecipeResult, half_up
from sessionbuilder.impact.matching import mentions
from sessionbuilder.impact.responses import Answers, Session
from sessionbuilder.library.models import Branding

SCALE = ("1 Not at all confident", "2", "3", "4", "5 Very confident")
SUPPRESSED = f"fewer than {MIN_SHOWN}: not shown"
HOW_TO_READ = (
    "The ratings are self-rated confidence, from 1 (not at all confident) to 5 (very confident). "
    "Participants gave both ratings at the end of the session, rating “before” by looking back, "
    "so the change shows how confident people felt, not what they do in practice. The follow-up "
    "with managers 6-8 weeks later comes nearer to practice. Each outcome counts only the "
    "participants who rated it both before and after. A group of fewer than "
    f"{MIN_SHOWN} responses is not shown, so that no one can be identified.")


def day(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else "date not given"


def number(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def signed(value: float) -> str:
    rounded = half_up(value, 1)
    return f"+{rounded}" if rounded > 0 else f"{rounded}" if rounded < 0 else "0.0"


def median(value: float) -> str:
    return f"{value:g}"


def report(results: Sequence[RecipeResult], answers: Answers, date: str,
           branding: Branding = Branding()) -> Document:
    sessions = [s for r in results for s, _ in r.sessions]
    dates = sorted(s.date for s in sessions if s.date)
    title = (f"Impact of training: {results[0].title}" if len(results) == 1
             else "Impact of training: evaluation report")
    span = (day(dates[0]) if len(dates) == 1 or dates[0] == dates[-1]
            else f"{day(dates[0])} to {day(dates[-1])}") if dates else "dates not given"
    meta = (("Sessions", f"{len(sessions)}, {span}"),
            ("Responses", str(len(answers.responses))), ("Report made", date))
    intro = (Para("What participants said about the training: how confident they felt in each "
                  "learning outcome before and after the session, what they will do "
                  "differently, and what had changed when they met their manager 6-8 weeks "
                  "later.", "lead"),
             Heading("How to read this report"), Para(HOW_TO_READ))
    nested = len(results) > 1
    body: list[Block] = [] if nested or not results[0].total else list(at_a_glance(results[0], 1))
    body += who_answered(results, answers)
    for result in results:
        if nested:
            body.append(Heading(f"Session: {result.title}"))
        body += recipe_blocks(result, answers, 1 + nested, glance=nested)
    return Document(
        "report", title, None, branding.partnership, meta, intro, tuple(body),
        ("Self-rated confidence: not a measure of practice. Check free-text answers before "
         "publishing.",), branding, None, date,
        f"Training evaluation report: {', '.join(r.title for r in results)}",
        ("training evaluation", "impact", "learning outcomes"))


def who_answered(results: Sequence[RecipeResult], answers: Answers) -> tuple[Block, ...]:
    used = [(len(answers.responses), "response"), (len(answers.follow_ups), "follow-up"),
            (len(answers.actions), "action plan item")]
    parts = [number(n, what) for n, what in used if n]
    files = len({s.sheet.file for s in answers.sheets})
    left = len(answers.left_out)
    summary = (f"{number(answers.rows_read, 'row')} were read from {number(files, 'file')}: "
               f"{', '.join(parts) or 'nothing'} used, and {number(left, 'row')} left out"
               f"{' (listed below with the reason)' if left else ''}.")
    blocks: list[Block] = [Heading("Who answered"), Para(summary)]
    rows = tuple((r.title, day(s.date), str(n)) for r in results for s, n in r.sessions)
    if rows:
        blocks.append(Table("Responses by session", ("Session", "Date", "Responses"),
                            (*rows, ("All sessions", "", str(len(answers.responses)))),
                            (50, 30, 20)))
    blocks.append(Table("Rows read, by file",
                        ("File", "Sheet", "Read as", "Rows read", "Used", "Left out"),
                        _by_file(answers), (30, 18, 16, 12, 12, 12)))
    if left:
        blocks.append(Table("Rows left out, and why", ("File", "Sheet", "Row", "Reason"),
                            tuple((Path(x.file).name, x.sheet or "", str(x.row), x.reason)
                                  for x in answers.left_out), (25, 15, 8, 52)))
    return tuple(blocks)


def _by_file(answers: Answers) -> tuple[tuple[str, ...], ...]:
    rows = []
    for s in answers.sheets:
        if s.kind == "unused" or not s.rows:
            continue
        left = sum(1 for x in answers.left_out
                   if x.file == str(s.sheet.file) and x.sheet == s.sheet.sheet)
        rows.append((s.sheet.file.name, s.sheet.sheet or "", s.kind, str(s.rows),
                     str(s.rows - left), str(left)))
    total = sum(s.rows for s in answers.sheets)
    return (*rows, ("All files", "", "", str(total), str(total - len(answers.left_out)),
                    str(len(answers.left_out))))


def at_a_glance(result: RecipeResult, level: int) -> tuple[Block, ...]:
    """Every outcome in one table: what a board member reads first."""
    rows = []
    for n, o in enumerate(result.outcomes, 1):
        c = o.overall
        rows.append((f"{n}. {o.outcome}", *(
            ("not asked", "", "", "") if not o.asked else
            (str(c.pairs), SUPPRESSED, "", "") if c.suppressed else
            (str(c.pairs), f"{median(c.median_before)} → {median(c.median_after)}",
             f"{c.higher_percent}%", signed(c.mean_change)))))
    return (Heading("At a glance", level),
            Table("Confidence in each outcome, before and after the session",
                  ("Learning outcome", "Rated both", "Median before → after", "Rated higher",
                   "Average change"), tuple(rows), (44, 11, 17, 13, 15)))


def recipe_blocks(result: RecipeResult, answers: Answers, level: int,
                  glance: bool = True) -> tuple[Block, ...]:
    blocks: list[Block] = [*(at_a_glance(result, level) if glance and result.total else ()),
                           Heading("Confidence in each learning outcome", level)]
    if not result.total:
        blocks.append(Para("No end-of-session responses were read for this session."))
    for n, o in enumerate(result.outcomes, 1):
        if not result.total:
            break
        blocks.append(Heading(f"Outcome {n}: {o.outcome}", level + 1))
        blocks += (outcome_blocks(n, o.overall, o.sessions, o.not_rated) if o.asked else
                   (Para("The files read did not ask about this outcome."),))
    blocks += different_blocks(result, level)
    blocks += follow_up_blocks(result, answers, level)
    blocks += action_blocks(result, answers, level)
    return tuple(blocks)


def summary(c: Change) -> str:
    return (f"Median {median(c.median_before)} before and {median(c.median_after)} after. "
            f"{c.higher} of {c.pairs} ({c.higher_percent}%) rated themselves higher after the "
            f"session, {c.same} the same and {c.lower} lower; on average "
            f"{signed(c.mean_change)} points.")


def outcome_blocks(n: int, c: Change, sessions: Sequence[tuple[Session, Change]],
                   not_rated: int) -> tuple[Block, ...]:
    skipped = (f" {number(not_rated, 'response')} did not rate it both before and after."
               if not_rated else "")
    if c.suppressed:
        return (Para(f"Fewer than {MIN_SHOWN} participants rated this outcome both before and "
                     f"after, so the results are not shown.{skipped}"),)
    alt = (f"Diverging bar chart of confidence in outcome {n}, {c.pairs} participants. Before: "
           + ", ".join(f"{k} rated {i}" for i, k in enumerate(c.before, 1))
           + ". After: " + ", ".join(f"{k} rated {i}" for i, k in enumerate(c.after, 1))
           + f". Median {median(c.median_before)} before, {median(c.median_after)} after.")
    blocks: list[Block] = [
        Para(summary(c) + skipped),
        Distribution(f"Outcome {n}: how many chose each rating ({c.pairs} participants)", SCALE,
                     (("Before", c.before), ("After", c.after)), alt)]
    if len(sessions) > 1:
        rows = tuple(
            (day(s.date), str(x.pairs), *((SUPPRESSED, "", "") if x.suppressed else
                                          (f"{median(x.median_before)} → {median(x.median_after)}",
                                           f"{x.higher_percent}%", signed(x.mean_change))))
            for s, x in sessions)
        blocks.append(Table(f"Outcome {n} by session",
                            ("Session date", "Rated both", "Median before → after",
                             "Rated higher", "Average change"), rows, (26, 14, 24, 18, 18)))
    return tuple(blocks)


def _quoted(texts: Sequence[str]) -> Items:
    """Each answer as written, once; the same words from several people say how many."""
    counts: dict[str, list] = {}
    for t in texts:
        counts.setdefault(" ".join(t.lower().split()), [t, 0])[1] += 1
    return Items(tuple(Item(f"“{t}”" + (f" ({n} people)" if n > 1 else ""))
                       for t, n in counts.values()))


def different_blocks(result: RecipeResult, level: int) -> tuple[Block, ...]:
    answers = [r.different for r in result.responses if r.different]
    blocks: list[Block] = [Heading("What participants will do differently", level)]
    if not answers:
        return (*blocks, Para("No one answered this question."))
    outcomes = [o.outcome for o in result.outcomes]
    grouped: dict[int | None, list[str]] = {}
    for text in answers:
        grouped.setdefault(mentions(text, outcomes), []).append(text)
    blocks.append(Para(f"{number(len(answers), 'participant')} said, in their own words, what "
                       "they will do differently. Each answer is listed under the learning "
                       "outcome it mentions."))
    for i, text in enumerate(outcomes):
        if grouped.get(i):
            blocks += [Para(f"Outcome {i + 1}: {text}", "label"), _quoted(grouped[i])]
    if grouped.get(None):
        blocks += [Para("Answers that mention no outcome in particular", "label"),
                   _quoted(grouped[None])]
    return tuple(blocks)


def follow_up_blocks(result: RecipeResult, answers: Answers, level: int) -> tuple[Block, ...]:
    mine = [f for f in answers.follow_ups if f.recipe == result.key]
    blocks: list[Block] = [Heading("Follow-up 6-8 weeks later", level)]
    if not mine:
        return (*blocks, Para("No follow-ups with managers have come back yet."))
    share = (f", {int(half_up(100 * len(mine) / result.total))}% of the "
             f"{result.total} who answered at the end of the session" if result.total else "")
    blocks.append(Para(f"{number(len(mine), 'follow-up conversation')} with a manager came "
                       f"back{share}."))
    for label, texts in (("What has changed in practice", [f.changed for f in mine]),
                         ("Examples of using the learning", [f.example for f in mine]),
                         ("Managers' comments", [f.manager for f in mine])):
        given = [t for t in texts if t]
        if given:
            blocks += [Para(label, "label"), _quoted(given)]
    return tuple(blocks)


def action_blocks(result: RecipeResult, answers: Answers, level: int) -> tuple[Block, ...]:
    mine = [a for a in answers.actions if a.recipe == result.key]
    if not mine:
        return ()
    return (Heading("Team action plan", level),
            Table("What teams will do", ("What we will do", "Who", "By when", "How we will know"),
                  tuple((a.what, a.who or "", a.by_when or "", a.how or "") for a in mine),
                  (40, 15, 15, 30)))
