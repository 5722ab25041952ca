"""`validate`: check library folders, learning-point files and recipes, reporting every problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sessionbuilder.library import rules as library_rules
from sessionbuilder.errors import Problem, SessionError, ValidationFailed
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.recipes import load_recipe, recipe_names
from sessionbuilder.library.yamlfile import YamlProblem, load


def is_recipe(path: Path) -> bool:
    try:
        data = load(path).data
    except YamlProblem:
        return False
    return isinstance(data, dict) and "sections" in data


@dataclass(frozen=True)
class Checked:
    summary: str
    warnings: list[Problem]


def validate(paths: Sequence[Path], libraries: Sequence[Path], strict: bool = False) -> Checked:
    """Validate everything named (or everything bundled); raise ValidationFailed on problems.

    Breaches of the writing rules are warnings, or problems too when `strict`."""
    recipes = [p for p in paths if p.is_file() and is_recipe(p)]
    extra = [*libraries, *(p for p in paths if p not in recipes)]
    lib = load_library(extra)
    if not paths:
        recipes = recipe_names()
    problems: list[Problem] = [*branding_problems(lib.dirs[1:]),
                               *safeguarding_problems(lib.dirs[1:])]
    repeated: list[Problem] = []
    for recipe in recipes:
        try:
            repeated.extend(load_recipe(lib, str(recipe)).warnings)
        except ValidationFailed as e:
            problems.extend(e.problems)
        except SessionError as e:
            problems.append(e.problem if e.problem.file else Problem(str(recipe), None, e.message))
    warnings = [*repeated, *library_rules.check(lib)]
    if strict:
        problems.extend(warnings)
    if problems:
        raise ValidationFailed(problems)
    found = f"; {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""
    return Checked(f"OK: {len(lib.points)} learning points in {len(lib.dirs)} "
                   f"librar{'y' if len(lib.dirs) == 1 else 'ies'}, {len(recipes)} recipe"
                   f"{'s' * (len(recipes) != 1)}{found}.", warnings)


def branding_problems(folders: Sequence[Path]) -> list[Problem]:
    """Problems in the branding.yaml of user libraries (as `init` makes), so that `validate`
    checks everything `sheet` and `handout` will read."""
    from sessionbuilder.library.loading import BRANDING
    from sessionbuilder.library.recipes import load_branding, logo_path
    problems: list[Problem] = []
    for folder in folders:
        for path in (folder / f"{BRANDING}.yaml", folder / f"{BRANDING}.yml"):
            if not path.is_file():
                continue
            try:
                logo_path(load_branding(path), folder, path)
            except ValidationFailed as e:
                problems.extend(e.problems)
            except SessionError as e:
                problems.append(e.problem if e.problem.file else Problem(str(path), None, e.message))
    return problems


def safeguarding_problems(folders: Sequence[Path]) -> list[Problem]:
    """Problems in a user library's safeguarding.yaml, the guide's replacement safeguarding text."""
    from sessionbuilder.library.guidance import library_file, read
    problems: list[Problem] = []
    for folder in folders:
        path = library_file([folder])
        if path:
            try:
                read(path)
            except ValidationFailed as e:
                problems.extend(e.problems)
    return problems
