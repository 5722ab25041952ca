"""`evaluation --format xlsx` (the workbook to type forms into) and `impact` (the board's report
from filled-in workbooks and Forms exports): read → match → analyse → lay out → write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sessionbuilder.commands import build
from sessionbuilder.errors import InputError
from sessionbuilder.impact import reading
from sessionbuilder.impact.matching import Role
from sessionbuilder.impact.responses import Answers, Recipe, read_answers
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.recipes import find_recipe, load_recipe, recipe_names
from sessionbuilder.output import check_suffix, check_target, name, write_atomic


@dataclass(frozen=True)
class Result:
    """What a command did, and what the user should know (printed by the CLI, not here)."""

    summary: str
    warnings: tuple[str, ...] = ()


def _outcomes(req: build.Request) -> tuple[Recipe, build.Selected, build.plan.SessionPlan]:
    """The session's name, title and learning outcomes (stated by its recipe, else one per
    theme, as on the paper form)."""
    from sessionbuilder.documents import evaluation
    s = build.choose(req)
    session = build.session_plan(s, req)
    outcomes = evaluation.outcomes(session, s.loaded.recipe.outcomes)
    key = Path(req.recipe).stem if req.recipe else "session" if req.filtered else s.loaded.path.stem
    return Recipe(key, session.title, tuple(outcomes)), s, session


def workbook(req: build.Request, output: Path | None, session_date: dt.date | None = None) -> Result:
    """The data-entry workbook for a session's evaluation forms."""
    from sessionbuilder.documents.entrybook import entry_book
    from sessionbuilder.render import xlsx
    found, s, session = _outcomes(req)
    target = check_target(output or build.default_output(f"{found.key}-evaluation.xlsx"))
    check_suffix(target, ".xlsx", "an Excel workbook")
    book = entry_book(found.key, found.title, found.outcomes, session.branding.partnership,
                      build.today(), session_date.isoformat() if session_date else None)
    write_atomic(target, xlsx.render(book), [s.loaded.path])
    return Result(f"Wrote {name(target)} (Excel workbook: {len(found.outcomes)} outcomes, "
                  "responses, follow-up and action plan sheets).")


def _candidates(recipe: str | None, libraries: Sequence[Path]) -> tuple[list[Recipe], Recipe | None]:
    """The recipe named, or every bundled recipe that states its outcomes (a Forms export is
    matched against them all)."""
    if recipe:
        chosen = _outcomes(build.Request(recipe=recipe, libraries=tuple(libraries),
                                         command="impact"))[0]
        return [chosen], chosen
    lib = load_library(libraries)
    found = []
    for n in recipe_names():
        try:
            loaded = load_recipe(lib, n).recipe
        except InputError:
            continue
        if loaded.outcomes:
            found.append(Recipe(n, loaded.title, tuple(o.outcome for o in loaded.outcomes)))
    return found, None


def read(files: Sequence[Path], recipe: str | None, libraries: Sequence[Path]) -> Answers:
    if not files:
        raise InputError("no files to read", hint="name the workbooks or Forms exports, e.g. "
                                                  "sessionbuilder impact responses.xlsx -o report.docx")
    unique = list({Path(f).resolve(): Path(f) for f in files}.values())  # a file named twice counts once
    sheets = [sheet for f in unique for sheet in reading.read(f)]
    if recipe:
        find_recipe(recipe)
    candidates, chosen = _candidates(recipe, libraries)
    return read_answers(sheets, candidates, chosen)


def mapping(answers: Answers) -> str:
    """Which column was taken as which outcome or question, sheet by sheet."""
    lines = []
    for s in answers.sheets:
        about = f" as {s.kind} of '{s.recipe.key}'" if s.recipe and s.kind != "unused" else \
            " (not used: no column matches an outcome or question)"
        lines.append(f"{s.sheet.where()}: headings in row {s.sheet.header_row}{about}")
        if s.kind == "unused":
            continue
        for c in s.columns:
            if c.role is Role.RATING:
                what = f"outcome {c.outcome + 1} {c.time}: {s.recipe.outcomes[c.outcome]}"
            elif c.role is Role.UNUSED:
                what = f"not used{': ' + c.note if c.note else ''}"
            else:
                what = c.role.value
            lines.append(f"  {c.letter} \"{_short(c.header)}\" → {what}")
    return "\n".join(lines)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def impact(files: Sequence[Path], output: Path | None, fmt: str | None, recipe: str | None,
           libraries: Sequence[Path], show_mapping: bool = False) -> Result:
    """The board's report from evaluation answers; with `show_mapping`, only how each column was
    read, and nothing written."""
    from sessionbuilder.documents import impact as docimpact
    from sessionbuilder.impact.analysis import analyse
    if not show_mapping:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = build.output_format(fmt or (None if suffix in build.FORMATS else "docx"), output)
        target = check_target(output or build.default_output(f"impact-report.{fmt}"), files)
    answers = read(files, recipe, libraries)
    warnings = (*answers.warnings, *_left_out_warnings(answers))
    if show_mapping:
        return Result(mapping(answers), warnings)
    results = analyse(answers)
    doc = docimpact.report(results, answers, build.today())
    made = build.write_document(doc, fmt)
    write_atomic(target, made.data, files)
    return Result(f"Wrote {name(target)} ({made.summary}: {len(answers.responses)} responses, "
                  f"{len(answers.left_out)} rows left out).", (*made.warnings, *warnings))


def _left_out_warnings(answers: Answers, shown: int = 10) -> tuple[str, ...]:
    out = []
    for x in answers.left_out[:shown]:
        sheet = f"sheet '{x.sheet}', " if x.sheet else ""
        out.append(f"{x.file}: {sheet}row {x.row}: left out: {x.reason}")
    if len(answers.left_out) > shown:
        out.append(f"{len(answers.left_out) - shown} more rows left out; the report lists them all")
    return tuple(out)
