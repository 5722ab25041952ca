"""load → select → plan → render → write, one line per stage, for each command that makes a file.

Two layers. `build_deck`, `build_handout`, `build_paperwork`, `build_sheet` and `build_pack` make
files in memory and return them as `Built` values (bytes, a file name, a summary, warnings): they
write nothing, so the web app calls them as they are. `deck`, `handout`, `paperwork`, `sheet`,
`everything` and `running_order` are the CLI's: each checks the output path, calls a builder and
writes the file, and returns `Done` (the text for standard output, the warnings). Nothing here
prints: the front end decides how to show warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sessionbuilder.documents import handout as dochandout
from sessionbuilder.documents import model as docmodel
from sessionbuilder.documents import sheet as docsheet
from sessionbuilder.errors import InputError
from sessionbuilder.library.loading import BRANDING, Library, load_library
from sessionbuilder.library.models import Branding, LearningPoint
from sessionbuilder.library.recipes import (LoadedRecipe, find_recipe, load_branding, load_recipe,
                                            logo_path)
from sessionbuilder.output import check_suffix, check_target, is_stdout, name, write_atomic
from sessionbuilder.render.style import palette
from sessionbuilder.session import plan
from sessionbuilder.session.selection import Criteria, resolve, select


@dataclass(frozen=True)
class Request:
    """What a user asked for on the command line."""

    recipe: str | None = None
    audiences: Sequence[str] = ()
    themes: Sequence[str] = ()
    libraries: Sequence[Path] = ()
    minutes: int | None = None
    title: str | None = None
    template: Path | None = None
    sources: Sequence[str] = ()
    command: str = "deck"  # for messages that suggest a better command

    @property
    def filtered(self) -> bool:
        return bool(self.audiences or self.themes or self.sources)


@dataclass(frozen=True)
class SheetRequest:
    """What a user asked for in a one-page sheet or a local review's briefing."""

    audiences: Sequence[str] = ()
    themes: Sequence[str] = ()
    libraries: Sequence[Path] = ()
    sources: Sequence[str] = ()
    title: str | None = None
    paper: str = "a4"  # "a4" | "letter"
    branding_file: Path | None = None


@dataclass(frozen=True)
class Selected:
    lib: Library
    loaded: LoadedRecipe
    criteria: Criteria
    points: list[LearningPoint]
    from_selection: bool = False  # no recipe named: the whole library, the default structure
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Built:
    """A file made in memory and not yet written: its bytes, the name it is written under by
    default, a few words on it ("28 slides, 90 minutes") and what its user should be told."""

    data: bytes
    name: str
    summary: str
    warnings: tuple[str, ...] = ()
    inputs: tuple[Path, ...] = ()  # the files it was made from, never to be written over


@dataclass(frozen=True)
class Pack:
    """A recipe's whole pack: every file rendered, none written."""

    files: tuple[Built, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Done:
    """What a command did: its summary (or text) for standard output, and warnings for the user."""

    summary: str
    warnings: tuple[str, ...] = ()


def id_list(ids: Sequence[str], shown: int = 12) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def choose(req: Request) -> Selected:
    """With no recipe named, the filters select from the whole library; a named recipe's own
    selection is narrowed by them. An empty selection is an error."""
    lib = load_library(req.libraries)
    loaded = load_recipe(lib, req.recipe)
    recipe = loaded.recipe
    asked = resolve(lib, req.audiences, req.themes, req.sources)
    from_selection = req.recipe is None and req.filtered
    if from_selection:
        criteria = asked
        points = select(lib, criteria)
    else:
        criteria = Criteria(tuple(recipe.audiences), tuple(recipe.themes),
                            priorities=tuple(recipe.priority)).narrow(asked)
        points = select(lib, criteria)
        if recipe.points:  # a curated list of bundled points; local points always join
            wanted = set(recipe.points)
            points = [p for p in points if p.id in wanted or p.id in lib.local]
    if not points:
        raise InputError("no learning points match this recipe and these filters",
                         hint="try fewer --theme/--audience options; 'sessionbuilder list' shows what exists")
    warnings = _suggest_whole_library(lib, loaded, points, req) if req.recipe and req.filtered else ()
    warnings += tuple(palette(loaded.branding).warnings)
    warnings += tuple(str(problem) for problem in loaded.warnings)
    return Selected(lib, loaded, criteria, points, from_selection, warnings)


def _suggest_whole_library(lib: Library, loaded: LoadedRecipe, kept: Sequence[LearningPoint],
                           req: Request) -> tuple[str, ...]:
    """A warning when a recipe narrowed by the filters keeps only a few of the points they match."""
    recipe = loaded.recipe
    audiences = req.audiences or ([] if len(recipe.audiences) in (0, len(lib.audiences.ids))
                                  else recipe.audiences)
    themes = req.themes or recipe.themes
    wide = select(lib, resolve(lib, audiences, themes, req.sources))
    if len(kept) * 2 > len(wide) or len(wide) - len(kept) < 3:
        return ()
    options = [*(f"--audience {a}" for a in audiences), *(f"--theme {t}" for t in themes),
               *(f"--source {x}" for x in req.sources),
               *([f"--minutes {req.minutes}"] if req.minutes else [])]
    return (f"recipe '{req.recipe}' narrowed by these options keeps {len(kept)} of the "
            f"{len(wide)} points that match in the whole library; for a session on all of them, "
            f"run: sessionbuilder {req.command} {' '.join(options)}",)


def session_plan(s: Selected, req: Request) -> plan.SessionPlan:
    branding, logo = s.loaded.branding, s.loaded.logo
    if not s.loaded.recipe.branding and not s.loaded.recipe.branding_file:
        found = library_branding(req.libraries)  # a user library's look and contacts
        if found:
            branding = load_branding(found)
            logo = logo_path(branding, found.parent, found)
    return plan.session(s.lib, s.loaded.recipe, s.points, s.criteria,
                        req.minutes or s.loaded.recipe.minutes, branding, logo, req.title,
                        s.from_selection)


def plan_warnings(s: Selected, req: Request, p: plan.SessionPlan) -> tuple[str, ...]:
    """What a user making files from this plan should know: points left out, time not filled."""
    minutes = req.minutes or s.loaded.recipe.minutes
    warnings = []
    if p.left_out:
        warnings.append(f"{len(p.left_out)} point(s) did not fit in {minutes} minutes and were "
                        f"left out: {id_list(p.left_out)} (use --minutes to make room; "
                        "'sessionbuilder plan' shows the running order)")
    if p.minutes < minutes:
        warnings.append(f"only {len(s.points)} point(s) match: enough for a {p.minutes}-minute "
                        f"session, not {minutes}; it is planned and labelled as {p.minutes} minutes")
    return tuple(warnings)


def planned(req: Request) -> tuple[Selected, plan.SessionPlan, tuple[str, ...]]:
    """The selection, its session plan, and the warnings of both."""
    s = choose(req)
    p = session_plan(s, req)
    return s, p, s.warnings + plan_warnings(s, req, p)


def running_order(req: Request, fmt: str) -> Done:
    """The plan of a session as a table, JSON or YAML; nothing is written. What was left out is
    in the running order itself, so only the selection's warnings come with it."""
    from sessionbuilder.session import runningorder
    s = choose(req)
    return Done(runningorder.render(session_plan(s, req), fmt), s.warnings)


def _inputs(s: Selected, req: Request) -> tuple[Path, ...]:
    return (s.loaded.path, *(x for x in [req.template, s.loaded.logo] if x))


def _write(target: Path, made: Built) -> Done:
    write_atomic(target, made.data, made.inputs)
    return Done(f"Wrote {name(target)} ({made.summary}).", made.warnings)


def default_output(name: str) -> Path:
    """Outputs go into out/ unless -o says otherwise; out/ is created on first use."""
    folder = Path("out")
    if not folder.exists():
        folder.mkdir()
    return folder / name


def numbered_deck(req: Request,
                  session: plan.SessionPlan) -> tuple[bytes, str, list[int], int, tuple[str, ...]]:
    """The deck, a few words on it, where each planned slide begins in it (for the guide), and
    warnings (what was done to make a template usable)."""
    from sessionbuilder.render.pptx import deck as render_pptx
    data, starts, warnings = render_pptx.render_numbered(session, req.template)
    count = render_pptx.slide_count(data)
    return data, f"{count} slides, {session.minutes} minutes", starts, count, tuple(warnings)


def build_deck(req: Request) -> Built:
    """The session's PowerPoint deck."""
    s, session, warnings = planned(req)
    data, summary, _, _, deck_warnings = numbered_deck(req, session)
    return Built(data, f"{_slug(req)}.pptx", summary, warnings + deck_warnings, _inputs(s, req))


def deck(req: Request, output: Path | None) -> Done:
    target = check_target(output or default_output(f"{_slug(req)}.pptx"),
                          [req.template] if req.template else [])
    check_suffix(target, ".pptx", "a PowerPoint deck",
                 "for a PDF, export the deck from PowerPoint or LibreOffice; 'sessionbuilder "
                 "handout' makes the participants' PDF" if target.suffix.lower() == ".pdf" else None)
    return _write(target, build_deck(req))


def build_handout(req: Request, fmt: str = "pdf") -> Built:
    """The participants' handout: "pdf", "docx" or "html"."""
    s, session, warnings = planned(req)
    made = render_handout(session, fmt)
    return dataclasses.replace(made, name=f"{_slug(req)}-handout.{fmt}",
                               warnings=warnings + made.warnings, inputs=_inputs(s, req))


def handout(req: Request, output: Path | None, fmt: str | None = None) -> Done:
    fmt = output_format(fmt, output)
    target = check_target(output or default_output(f"{_slug(req)}-handout.{fmt}"))
    return _write(target, build_handout(req, fmt))


def facilitation(s: Selected, req: Request, session: plan.SessionPlan, kind: str,
                 numbering: tuple[list[int], int] = ([], 0)) -> docmodel.Document:
    """The facilitator guide (its slide numbers as the deck has them) or the evaluation form."""
    from sessionbuilder.documents import evaluation
    from sessionbuilder.documents import guide
    if kind == "evaluation":
        return evaluation.evaluation(session, s.loaded.recipe.outcomes, today())
    if not numbering[0]:
        numbering = numbered_deck(req, session)[2:4]
    from sessionbuilder.library.guidance import safeguarding
    outcomes = evaluation.outcomes(session, s.loaded.recipe.outcomes)
    return guide.guide(session, outcomes, today(), *numbering,
                       safeguarding=safeguarding(req.libraries))


def build_paperwork(req: Request, kind: str, fmt: str = "docx") -> Built:
    """The facilitator guide (`kind` "guide") or the evaluation form ("evaluation")."""
    s, session, warnings = planned(req)
    made = write_document(facilitation(s, req, session, kind), fmt)
    return dataclasses.replace(made, name=f"{_slug(req)}-{kind}.{fmt}",
                               warnings=warnings + made.warnings, inputs=_inputs(s, req))


def paperwork(req: Request, output: Path | None, fmt: str | None, kind: str) -> Done:
    """`guide` and `evaluation`: Word unless the format or the file's extension says otherwise."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    fmt = output_format(fmt or (None if suffix in FORMATS else "docx"), output)
    target = check_target(output or default_output(f"{_slug(req)}-{kind}.{fmt}"))
    return _write(target, build_paperwork(req, kind, fmt))


FORMATS = ("pdf", "docx", "html")
FORMAT_NAMES = {"pdf": "a PDF", "docx": "a Word document", "html": "a web page"}


def output_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output's extension names, else PDF."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    if fmt and suffix in FORMATS and suffix != fmt:
        raise InputError(f"output '{output}' ends in .{suffix} but --format is {fmt}",
                         hint=f"name the file .{fmt}, or drop --format")
    chosen = fmt or (suffix if suffix in FORMATS else "pdf")
    if output and suffix and suffix not in FORMATS:  # e.g. a handout written as handout.pptx
        check_suffix(output, f".{chosen}", FORMAT_NAMES[chosen])
    return chosen


def write_document(doc: docmodel.Document, fmt: str, paper: str = "a4") -> Built:
    """The document in one format, a few words on it, and a warning for characters a PDF cannot
    show; the caller gives it its name."""
    if fmt == "docx":
        from sessionbuilder.render import docx as render_docx
        return Built(render_docx.render(doc, render_docx.DocxOptions(paper)), "", "Word")
    if fmt == "html":
        from sessionbuilder.render import html as render_html
        return Built(render_html.render(doc, render_html.HtmlOptions(paper)), "", "web page")
    from sessionbuilder.render import pdf as render_pdf
    data, missing = render_pdf.render_checked(doc, render_pdf.PdfOptions(paper))
    pages = render_pdf.page_count(data)
    return Built(data, "", f"{pages} page{'s' * (pages != 1)}",
                 (missing_font_message(missing),) if missing else ())


def missing_font_message(chars: Sequence[str], shown: int = 10) -> str:
    """What to tell a user whose text has characters no font on this machine can put in a PDF."""
    listed = " ".join(chars[:shown]) + (f" and {len(chars) - shown} more" if len(chars) > shown else "")
    codes = ", ".join(f"U+{ord(c):04X}" for c in chars[:shown])
    return (f"no font that can be embedded in a PDF draws {listed} ({codes}); "
            f"{'it shows' if len(chars) == 1 else 'they show'} as '?' in the PDF. The Word and web "
            "page versions (--format docx or html) show them with the reader's own fonts")


def render_handout(session: plan.SessionPlan, fmt: str = "pdf") -> Built:
    return write_document(dochandout.handout(session, today()), fmt)


def library_branding(libraries: Sequence[Path]) -> Path | None:
    """The branding.yaml of the first user library that has one (`sessionbuilder init` makes it)."""
    for folder in libraries:
        for file in (f"{BRANDING}.yaml", f"{BRANDING}.yml"):
            if (Path(folder) / file).is_file():
                return Path(folder) / file
    return None


def build_sheet(req: SheetRequest, fmt: str = "pdf") -> Built:
    """The one-page learning sheet (or a local review's briefing), fitted once with the PDF, so
    every format shows the same points."""
    lib = load_library(req.libraries)
    criteria = resolve(lib, req.audiences, req.themes, req.sources)
    points = select(lib, criteria)
    if not points:
        raise InputError("no learning points match these filters",
                         hint="'sessionbuilder list' with the same options shows what exists")
    branding_file = req.branding_file or library_branding(req.libraries)
    branding, logo = Branding(), None
    if branding_file:
        branding = load_branding(branding_file)
        logo = logo_path(branding, branding_file.parent, branding_file)
    sheet_plan = docsheet.sheet_plan(lib, points, criteria, req.title, today(), branding, logo)
    from sessionbuilder.render import pdf as render_pdf
    options = render_pdf.PdfOptions(req.paper)
    doc, dropped = docsheet.fit_sheet(sheet_plan, lambda d: render_pdf.fits(d, options))
    made = write_document(doc, fmt, req.paper)
    left_out = (f"{len(dropped)} point(s) did not fit on one page and were left out: "
                f"{id_list(dropped, 40)}. Use 'sessionbuilder handout' for the full set.")
    kept = len(points) - len(dropped)
    return Built(made.data, f"learning-sheet.{fmt}", f"1 page, {kept} of {len(points)} points",
                 (*palette(branding).warnings, *made.warnings, *([left_out] if dropped else [])),
                 tuple(x for x in (branding_file, logo) if x))


def sheet(req: SheetRequest, output: Path | None, fmt: str | None = None) -> Done:
    fmt = output_format(fmt, output)
    target = check_target(output or default_output(f"learning-sheet.{fmt}"),
                          [req.branding_file] if req.branding_file else [])
    return _write(target, build_sheet(req, fmt))


def build_pack(req: Request) -> Pack:
    """A session's whole pack, each file named after its recipe (or its selection, as `deck`
    names it): the deck, the handout, the one-page sheet (PDF to print, web page to publish),
    the facilitator guide and the evaluation form."""
    stem = _slug(req)
    s, session, warnings = planned(req)
    deck_data, deck_summary, starts, count, deck_warnings = numbered_deck(req, session)
    sheet_doc, dropped = _recipe_sheet(s, session)
    made = [(f"{stem}.pptx", Built(deck_data, "", deck_summary, deck_warnings)),
            (f"{stem}-handout.pdf", render_handout(session)),
            (f"{stem}-sheet.pdf", write_document(sheet_doc, "pdf")),
            (f"{stem}-sheet.html", write_document(sheet_doc, "html")),
            (f"{stem}-guide.docx",
             write_document(facilitation(s, req, session, "guide", (starts, count)), "docx")),
            (f"{stem}-evaluation.docx",
             write_document(facilitation(s, req, session, "evaluation"), "docx"))]
    files = tuple(dataclasses.replace(b, name=file, inputs=_inputs(s, req)) for file, b in made)
    warnings += tuple(w for b in files for w in b.warnings)
    if dropped:
        warnings += (f"the sheet has room for {len(s.points) - len(dropped)} of the recipe's "
                     f"{len(s.points)} points; the handout has them all",)
    return Pack(files, warnings)


def everything(recipe: str, libraries: Sequence[Path], out_dir: Path) -> Done:
    """`build`: the recipe's pack side by side in `out_dir`; nothing is written unless every
    file rendered."""
    if is_stdout(out_dir):
        raise InputError("'build' writes several files into a folder, so it cannot write to standard output",
                         hint="give a folder with -o, or use 'deck -o -' and 'handout -o -'")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"'{out_dir}' is a file, not a folder")
    find_recipe(recipe)  # an unknown recipe is named before anything is built
    pack = build_pack(Request(recipe, libraries=libraries, command="build"))
    out_dir.mkdir(parents=True, exist_ok=True)  # only once everything has rendered
    lines = [f"Wrote {write_atomic(out_dir / b.name, b.data, b.inputs)} ({b.summary})."
             for b in pack.files]
    return Done("\n".join(lines), pack.warnings)


def _recipe_sheet(s: Selected, session: plan.SessionPlan) -> tuple[docmodel.Document, list[str]]:
    """The one-page sheet of the session's points, fitted once for print and web alike."""
    from sessionbuilder.render import pdf as render_pdf
    sheet_plan = docsheet.sheet_plan(s.lib, s.points, s.criteria, session.title, today(),
                                      session.branding, session.logo)
    options = render_pdf.PdfOptions("a4")
    return docsheet.fit_sheet(sheet_plan, lambda d: render_pdf.fits(d, options))


def today() -> str:
    """The date printed on outputs: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch and epoch.isdigit()
           else dt.date.today())
    return f"{day.day} {day:%B %Y}"


def _slug(req: Request) -> str:
    name = Path(req.recipe).stem if req.recipe else "session" if req.filtered else "pathways-to-harm"
    extra = "-".join(str(x).lower().replace(" ", "-")
                     for x in (*req.themes, *req.audiences, *req.sources))
    return f"{name}-{extra}" if extra else name


def build_session_sheet(req: Request, fmt: str = "pdf") -> Built:
    """The session's one-page sheet, as its pack has it: the session's points, titled after it,
    fitted once so every format shows the same points."""
    s, session, warnings = planned(req)
    doc, dropped = _recipe_sheet(s, session)
    made = write_document(doc, fmt)
    if dropped:
        warnings += (f"the sheet has room for {len(s.points) - len(dropped)} of the session's "
                     f"{len(s.points)} points; the handout has them all",)
    return dataclasses.replace(made, name=f"{_slug(req)}-sheet.{fmt}",
                               warnings=warnings + made.warnings, inputs=_inputs(s, req))


def pack_zip(pack: Pack, name: str) -> Built:
    """A pack as one .zip of the files `build` writes, with fixed dates (the same request gives
    the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for b in pack.files:
            info = zipfile.ZipInfo(b.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, b.data)
    return Built(buffer.getvalue(), name, f"{len(pack.files)} files", pack.warnings)


def build_pack_zip(req: Request) -> Built:
    """The whole pack of a session, as `build` writes it, in one .zip."""
    return pack_zip(build_pack(req), f"{_slug(req)}.zip")
