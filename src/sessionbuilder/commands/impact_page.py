"""The web's "Report on training" page: the `impact` and `evaluation --format xlsx` commands,
with uploaded files in and the file's bytes (or the column mapping as values) out. The web
route saves the uploads in its temporary folder and passes their paths; nothing is kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sessionbuilder.commands import build, impact
from sessionbuilder.errors import InputError
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.recipes import load_recipe, recipe_names


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Columns:
    """What `impact --show-mapping` prints, as values for a table."""

    sheets: tuple[impact.SheetMapping, ...]
    warnings: tuple[str, ...] = ()


def recipes(libraries: Sequence[Path] = ()) -> list[tuple[str, str]]:
    """Every bundled recipe as (name, title), for the workbook's choice."""
    lib = load_library(libraries)
    out = []
    for name in recipe_names():
        try:
            out.append((name, load_recipe(lib, name).recipe.title))
        except InputError:
            continue
    return out


def report(files: Sequence[Path], fmt: str, folder: Path,
           libraries: Sequence[Path] = ()) -> Download:
    """The impact report, written by the CLI's own function into `folder`, then read back."""
    target = folder / f"impact-report.{fmt}"
    done = impact.impact(files, target, fmt, None, libraries)
    return Download(target.read_bytes(), target.name, done.warnings)


def columns(files: Sequence[Path], libraries: Sequence[Path] = ()) -> Columns:
    """Sheets are named by their file's name alone: the folder is the web's temporary one."""
    answers = impact.read(files, None, libraries)
    folders = {f"{Path(f).parent}/" for f in files}
    sheets = []
    for sheet in impact.mapping_table(answers):
        for folder in folders:
            sheet = replace(sheet, where=sheet.where.replace(folder, ""))
        sheets.append(sheet)
    return Columns(tuple(sheets), tuple(answers.warnings))


def workbook(recipe: str, folder: Path, libraries: Sequence[Path] = ()) -> Download:
    """The data-entry workbook for a recipe, as `evaluation RECIPE --format xlsx` writes it."""
    target = folder / f"{recipe}-evaluation.xlsx"
    impact.workbook(build.Request(recipe=recipe, libraries=tuple(libraries), command="evaluation"),
                    target)
    return Download(target.read_bytes(), target.name)
