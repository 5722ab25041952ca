"""Find, read and validate session recipes (decks/*.yaml) and branding files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from sessionbuilder import resources
from sessionbuilder.library import images
from sessionbuilder.errors import InputError, Problem, ValidationFailed
from sessionbuilder.library.loading import Library, problems_from, validate_model
from sessionbuilder.library.models import Branding, Recipe
from sessionbuilder.library.yamlfile import YamlProblem, load

DEFAULT_RECIPE = "pathways-to-harm"


@dataclass(frozen=True)
class LoadedRecipe:
    recipe: Recipe
    path: Path
    branding: Branding
    logo: Path | None
    warnings: tuple[Problem, ...] = ()  # what was read but not used (a section listed twice)


def recipe_names() -> list[str]:
    return sorted(p.stem for p in resources.decks_dir().glob("*.yaml") if not p.stem.startswith("_"))


def find_recipe(name_or_path: str | None) -> Path:
    """A bundled recipe by name, or a recipe file by path."""
    name = name_or_path or DEFAULT_RECIPE
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise InputError(f"recipe file '{name}' not found")
        return path
    bundled = resources.decks_dir() / f"{name}.yaml"
    if not bundled.is_file():
        raise InputError(f"unknown recipe '{name}'", hint="bundled recipes: " + ", ".join(recipe_names()))
    return bundled


def load_recipe(lib: Library, name_or_path: str | None) -> LoadedRecipe:
    path = find_recipe(name_or_path)
    problems: list[Problem] = []
    try:
        doc = load(path)
    except YamlProblem as e:
        raise ValidationFailed([e.problem]) from None
    recipe = validate_model(doc, Recipe, problems, lib.context())
    if recipe is None:
        raise ValidationFailed(problems)
    recipe, warnings = _sections_once(recipe, path, doc)
    figure_ids = {f.id for f in lib.figures}
    for i, section in enumerate(recipe.sections):
        for j, fid in enumerate(section.figures):
            if fid not in figure_ids:
                problems.append(Problem(str(path), doc.line_of(("sections", i, "figures", j)),
                                        f"unknown figure '{fid}'"))
        for j, xid in enumerate(section.extracts):
            if xid not in {x.id for x in lib.extracts}:
                problems.append(Problem(str(path), doc.line_of(("sections", i, "extracts", j)),
                                        f"unknown extract '{xid}'", "see learning_points/extracts.yaml"))
    known = {p.id for p in lib.points}
    for i, pid in enumerate(recipe.points):
        if pid not in known:
            problems.append(Problem(str(path), doc.line_of(("points", i)), f"unknown learning point '{pid}'",
                                    "'sessionbuilder list' shows the ids"))
    for i, q in enumerate(recipe.questions):
        for j, pid in enumerate(q.points):
            if pid not in known or (recipe.points and pid not in recipe.points):
                where = "in the library" if pid not in known else "in this recipe's points"
                problems.append(Problem(str(path), doc.line_of(("questions", i, "points", j)),
                                        f"question draws on '{pid}', which is not {where}",
                                        "list the point under points: or fix the id"))
    problems += outcome_problems(recipe, known, doc, path)
    branding = recipe.branding or Branding()
    base = path.parent
    if recipe.branding_file:
        bpath = inside(base, recipe.branding_file, path, doc.line_of(("branding_file",)))
        branding, base = load_branding(bpath), bpath.parent
    if problems:
        raise ValidationFailed(problems)
    return LoadedRecipe(recipe, path, branding, logo_path(branding, base, path), warnings)


def _sections_once(recipe: Recipe, path: Path, doc) -> tuple[Recipe, tuple[Problem, ...]]:
    """The recipe with each section once: a section listed again word for word would repeat its
    slides. The repeat is named, with its line and the first one's."""
    first: dict[str, int] = {}
    kept, warnings = [], []
    for i, section in enumerate(recipe.sections):
        key = section.model_dump_json()
        if key in first:
            line = doc.line_of(("sections", first[key]))
            warnings.append(Problem(str(path), doc.line_of(("sections", i)),
                                    f"section '{section.kind}' is listed again (first on line {line}); "
                                    f"it is shown once", "remove the repeated section"))
        else:
            first[key] = i
            kept.append(section)
    return (recipe.model_copy(update={"sections": kept}) if warnings else recipe), tuple(warnings)


def outcome_problems(recipe: Recipe, known: set[str], doc, path: Path) -> list[Problem]:
    """Each outcome must name what carries it: points in the library (and in a curated recipe's
    list), or an activity among the recipe's sections."""
    problems = []
    kinds = {s.kind for s in recipe.sections}
    for i, o in enumerate(recipe.outcomes):
        if not o.points and not o.activity:
            problems.append(Problem(str(path), doc.line_of(("outcomes", i)),
                                    f"outcome '{o.outcome}' names no points that carry it",
                                    "write it as '- outcome: ...' with 'points: [id, ...]' "
                                    "(or 'activity: commitment')"))
        if o.activity and o.activity not in kinds:
            problems.append(Problem(str(path), doc.line_of(("outcomes", i, "activity")),
                                    f"outcome's activity '{o.activity}' is not a section of this "
                                    "recipe", "add the section or name the points instead"))
        for j, pid in enumerate(o.points):
            if pid not in known or (recipe.points and pid not in recipe.points):
                where = "in the library" if pid not in known else "in this recipe's points"
                problems.append(Problem(str(path), doc.line_of(("outcomes", i, "points", j)),
                                        f"outcome draws on '{pid}', which is not {where}",
                                        "list the point under points: or fix the id"))
    return problems


def load_branding(path: Path) -> Branding:
    if not path.is_file():
        raise InputError(f"branding file '{path}' not found")
    try:
        doc = load(path)
    except YamlProblem as e:
        raise ValidationFailed([e.problem]) from None
    problems: list[Problem] = []
    data = doc.data.get("branding", doc.data) if isinstance(doc.data, dict) else doc.data
    if isinstance(data, dict):
        try:
            return Branding.model_validate(data)
        except ValidationError as e:
            base = ("branding",) if "branding" in doc.data else ()
            raise ValidationFailed(problems_from(doc, e, base)) from None
    validate_model(doc, Branding, problems)
    raise ValidationFailed(problems)


def logo_path(branding: Branding, base: Path, owner: Path) -> Path | None:
    """The branding's logo, resolved inside `base` (the folder of `owner`) and checked."""
    if not branding.logo:
        return None
    logo = inside(base, branding.logo, owner)
    images.check(logo)
    return logo


def inside(base: Path, relative: str, owner: Path, line: int | None = None) -> Path:
    """Resolve an asset path named in `owner`, refusing anything outside `owner`'s folder."""
    target = (base / relative).resolve()
    if not target.is_relative_to(base.resolve()):
        raise InputError(f"'{relative}' is outside the folder of {owner.name}", file=owner, line=line,
                         hint="copy the file next to the recipe or library and name it relatively")
    if not target.is_file():
        raise InputError(f"'{relative}' not found", file=owner, line=line)
    return target
