"""Find, read and validate library folders into one merged `Library`.

Every problem in every file is collected with its file and line, then reported together.
"""

from __future__ import annotations

import contextlib
import gc

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sessionbuilder import resources
from sessionbuilder.errors import Problem, ValidationFailed
from sessionbuilder.library.models import (Context, Document, Extract, Extracts, Figure, Figures,
                                           LearningPoint, Passage, Passages, PointsFile, Report,
                                           Sources, Taxonomy, Vocabulary, name_clashes, page_label)
from sessionbuilder.library.yamlfile import YamlDoc, YamlProblem, load

SPECIAL = {"taxonomy", "sources", "figures", "passages", "extracts"}
BRANDING = "branding"  # a user library's branding.yaml is read by the commands, not as points
OWN_FILES = {BRANDING, "safeguarding"}  # ... and so is its safeguarding.yaml (library/guidance.py)
M = TypeVar("M", bound=BaseModel)


@dataclass
class Library:
    """The merged, validated bundled library plus any user libraries."""

    audiences: Vocabulary
    themes: Vocabulary
    reports: dict[str, Report]
    documents: dict[str, Document]
    points: list[LearningPoint] = field(default_factory=list)
    origins: dict[str, tuple[Path, int]] = field(default_factory=dict)  # id -> (file, index)
    local: set[str] = field(default_factory=set)  # ids of points from user libraries
    figures: list[Figure] = field(default_factory=list)
    figure_origins: list[tuple[Path, int]] = field(default_factory=list)  # (file, index), as figures
    passages: dict[str, Passage] = field(default_factory=dict)
    dirs: list[Path] = field(default_factory=list)
    extracts: list[Extract] = field(default_factory=list)

    def point(self, point_id: str) -> LearningPoint | None:
        return next((p for p in self.points if p.id == point_id), None)

    def where(self, point_id: str) -> str:
        """"file:line" of a point, for messages; parses that file's layout only when asked."""
        path, index = self.origins[point_id]
        return f"{path}:{load(path).line_of(('points', index, 'id'))}"

    def context(self) -> Context:
        """What points, figures and recipes are validated against."""
        return Context(self.audiences, self.themes, set(self.reports),
                       {d.id: d.report for d in self.documents.values()})

    def cite(self, report: str, page: str | None = None) -> str:
        short = self.reports[report].short
        return f"{short}, {page_label(page)}" if page else short


def library_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """The bundled library first, then user libraries in the order given."""
    dirs = [resources.library_dir()]
    for d in extra:
        path = Path(d)
        if path.resolve() not in {x.resolve() for x in dirs}:
            dirs.append(path)
    return dirs


def yaml_files(entry: Path) -> list[Path]:
    """A folder's library files; for a single file, that file and the special files beside it
    (so a learning-point file is checked against its folder's sources.yaml)."""
    if entry.is_file():
        beside = (p for p in entry.parent.glob("*.y*ml") if p.stem in SPECIAL - {"taxonomy"})
        return sorted({entry, *(p for p in beside if p.suffix in (".yaml", ".yml"))})
    return sorted(p for p in entry.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_library(extra: Sequence[str | Path] = ()) -> Library:
    """Read and validate every library folder; raise ValidationFailed listing all problems."""
    with collector_paused():
        return _load(extra)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused, while many small objects and no cycles are made (a
    large library, or its listing): its repeated scans of all that is loaded would otherwise
    take as long as the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(extra: Sequence[str | Path]) -> Library:
    dirs = library_dirs(extra)
    problems: list[Problem] = []
    docs = _read_files(dirs, problems)
    taxonomy = _one(docs["taxonomy"], Taxonomy, problems)
    if taxonomy is None:
        raise ValidationFailed(problems or [Problem(str(dirs[0]), None, "taxonomy.yaml is missing")])
    _check_names(docs["taxonomy"][0], taxonomy, problems)
    lib = Library(Vocabulary("audience", taxonomy.audiences), Vocabulary("theme", taxonomy.themes),
                  {}, {}, dirs=dirs)
    for doc in docs["sources"]:
        sources = validate_model(doc, Sources, problems)
        if sources:
            _merge(doc, "reports", sources.reports, lib.reports, problems)
            _merge(doc, "documents", sources.documents, lib.documents, problems)
    ctx = lib.context()
    for doc in docs["figures"]:
        figures = validate_model(doc, Figures, problems, ctx)
        if figures:
            lib.figures.extend(figures.figures)
            lib.figure_origins.extend((doc.path, i) for i in range(len(figures.figures)))
    for doc in docs["passages"]:
        passages = validate_model(doc, Passages, problems, ctx)
        if passages:
            lib.passages.update({p.id: p for p in passages.passages})
    for doc in docs["points"]:
        _read_points(doc, lib, ctx, problems)
    for doc in docs["extracts"]:
        _read_extracts(doc, lib, ctx, problems)
    local_files = {str(d.path) for d in docs["points"] if not d.path.is_relative_to(dirs[0])}
    lib.local = {p.id for p in lib.points if str(lib.origins[p.id][0]) in local_files}
    if problems:
        raise ValidationFailed(problems)
    return lib


def _read_files(dirs: Sequence[Path], problems: list[Problem]) -> dict[str, list[YamlDoc]]:
    """Every YAML file of every library, by kind; the first library is the bundled one."""
    docs: dict[str, list[YamlDoc]] = {name: [] for name in (*SPECIAL, "points")}
    seen: set[Path] = set()
    for i, folder in enumerate(dirs):
        if folder.is_file() and folder.suffix not in (".yaml", ".yml"):
            problems.append(Problem(str(folder), None, "is neither a library folder nor a .yaml file"))
            continue
        if not folder.exists():
            problems.append(Problem(str(folder), None, "library not found"))
            continue
        for path in yaml_files(folder):
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            if i > 0 and path.stem in OWN_FILES:
                continue
            kind = path.stem if path.stem in SPECIAL else "points"
            if kind == "taxonomy" and i > 0:
                problems.append(Problem(str(path), None, "a user library cannot redefine the taxonomy",
                                        "remove taxonomy.yaml; use the bundled themes and audiences"))
                continue
            try:
                docs[kind].append(load(path))
            except YamlProblem as e:
                problems.append(e.problem)
    return docs


def _check_names(doc: YamlDoc, taxonomy: Taxonomy, problems: list[Problem]) -> None:
    for kind in ("audiences", "themes"):
        for loc, name, other in name_clashes(getattr(taxonomy, kind)):
            term = getattr(taxonomy, kind)[loc[0]].id
            problems.append(Problem(str(doc.path), doc.line_of((kind, *loc)),
                                    f"{kind[:-1]} '{term}' is also called '{name}', a name of '{other}'",
                                    "each id, label and alias must name one term only"))


def _read_points(doc: YamlDoc, lib: Library, ctx: Context, problems: list[Problem]) -> None:
    wrapper = validate_model(doc, PointsFile, problems)
    if wrapper is None:
        return
    for index, raw in enumerate(wrapper.points):
        loc = ("points", index)
        try:
            point = LearningPoint.model_validate(raw, context={"ctx": ctx})
        except ValidationError as e:
            problems.extend(problems_from(doc, e, loc))
            continue
        if point.id in lib.origins:
            problems.append(Problem(str(doc.path), doc.line_of(loc + ("id",)),
                                    f"duplicate id '{point.id}'",
                                    f"already used at {lib.where(point.id)}"))
            continue
        lib.origins[point.id] = (doc.path, index)
        lib.points.append(point)


def _read_extracts(doc: YamlDoc, lib: Library, ctx: Context, problems: list[Problem]) -> None:
    """Extracts, each checked for a unique id and for related points that exist."""
    extracts = validate_model(doc, Extracts, problems, ctx)
    if extracts is None:
        return
    seen = {e.id for e in lib.extracts}
    for i, extract in enumerate(extracts.extracts):
        if extract.id in seen:
            problems.append(Problem(str(doc.path), doc.line_of(("extracts", i, "id")),
                                    f"duplicate extract id '{extract.id}'"))
            continue
        unknown = [(j, pid) for j, pid in enumerate(extract.related) if lib.point(pid) is None]
        for j, pid in unknown:
            problems.append(Problem(str(doc.path), doc.line_of(("extracts", i, "related", j)),
                                    f"unknown learning point '{pid}' in 'related'",
                                    "'sessionbuilder list' shows the ids"))
        if not unknown:
            seen.add(extract.id)
            lib.extracts.append(extract)


def _one(docs: list[YamlDoc], model: type[M], problems: list[Problem]) -> M | None:
    return validate_model(docs[0], model, problems) if docs else None


def validate_model(doc: YamlDoc, model: type[M], problems: list[Problem], ctx: Context | None = None
              ) -> M | None:
    if doc.data is None:
        problems.append(Problem(str(doc.path), None, "is empty",
                                "a library file needs a top-level mapping such as 'points:'"))
        return None
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__.replace("str", "text").replace("list", "a list")
        problems.append(Problem(str(doc.path), 1, f"holds {kind} where a mapping is expected",
                                f"start the file with '{next(iter(model.model_fields))}:'"))
        return None
    try:
        return model.model_validate(doc.data, context={"ctx": ctx} if ctx else None)
    except ValidationError as e:
        problems.extend(problems_from(doc, e))
        return None


def _merge(doc: YamlDoc, key: str, items: list[Any], into: dict[str, Any],
           problems: list[Problem]) -> None:
    for index, item in enumerate(items):
        if item.id in into:
            problems.append(Problem(str(doc.path), doc.line_of((key, index, "id")),
                                    f"duplicate source id '{item.id}'"))
        else:
            into[item.id] = item


def problems_from(doc: YamlDoc, error: ValidationError, base: tuple = ()) -> list[Problem]:
    """Turn pydantic's errors into file:line problems a person can act on."""
    out = []
    for err in error.errors():
        loc = base + tuple(err["loc"])
        out.append(Problem(str(doc.path), doc.line_of(loc), *_describe(err, loc)))
    return out


def _describe(err: dict[str, Any], loc: tuple) -> tuple[str, str | None]:
    names = [str(x) for x in loc if isinstance(x, str)]
    name = names[-1] if names else "value"
    kind = err["type"]
    if kind == "missing":
        return f"missing field '{name}'", None
    if kind == "extra_forbidden":
        return f"unknown field '{name}'", "check the spelling against docs/library-format.md"
    if kind == "string_too_short":
        return f"'{name}' is empty", "write the text or remove the field"
    if kind == "too_short":
        return f"'{name}' needs at least one entry", None
    if kind == "string_pattern_mismatch" and name in ("id", "report", "document"):
        return (f"'{name}' must be lower-case words joined by hyphens, got {err['input']!r}",
                "for example 'da-always-harmful'")
    if kind == "string_pattern_mismatch" and name == "page":
        return (f"'page' must be a page number, a range or several, got {err['input']!r}",
                "for example 77, \"169-170\" or \"141, 161\"")
    if kind == "string_type" and isinstance(err.get("input"), dict):
        return (f"'{name}' should be text but reads as a mapping",
                "put text that contains ': ' in quotes")
    if kind == "literal_error":
        return f"'{name}': {err['msg'].lower()}, got {err['input']!r}", None
    message = err["msg"].removeprefix("Value error, ")
    if message.startswith("unknown") or name == "sections":
        return message, None
    return f"'{name}': {message[0].lower()}{message[1:]}", None
