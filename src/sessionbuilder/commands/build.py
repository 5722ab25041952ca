"""load → select → plan → render → write, one line per stage, for each command that makes a file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from sessionbuilder.documents import handout as dochandout
from sessionbuilder.documents import model as docmodel
from sessionbuilder.documents import sheet as docsheet  # FIXME
from sessionbuilder.session import plan
from sessionbuilder.errors import InputError
from sessionbuilder.library.loading import BRANDING, Library, load_library
from sessionbuilder.library.models import Branding, LearningPoint
from sessionbuilder.output import check_suffix, check_target, is_stdout, name, write_atomic
from sessionbuilder.library.recipes import (LoadedRecipe, find_recipe, load_branding, load_recipe, logo_path)
from sessionbuilder.session.selection import Criteria, resolve, select
from sessionbuilder.render.style import palette


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
class Selected:
    lib: Library
    loaded: LoadedRecipe
    criteria: Criteria
    points: list[LearningPoint]
    from_selection: bool = False  # no recipe named: the whole library, the default structure


def warn(message: str) -> None:
    from sessionbuilder.text.clean import terminal
    click.echo(terminal(f"warning: {message}"), err=True)


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
    if req.recipe and req.filtered:
        _suggest_whole_library(lib, loaded, asked, points, req)
    for w in palette(loaded.branding).warnings:
        warn(w)
    for problem in loaded.warnings:
        warn(str(problem))
    return Selected(lib, loaded, criteria, points, from_selection)


def _suggest_whole_library(lib: Library, loaded: LoadedRecipe, asked: Criteria,
                           kept: Sequence[LearningPoint], req: Request) -> None:
    """Say so when a recipe narrowed by the filters keeps only a few of the points they match."""
    recipe = loaded.recipe
    audiences = req.audiences or ([] if len(recipe.audiences) in (0, len(lib.audiences.ids))
                                  else recipe.audiences)
    themes = req.themes or recipe.themes
    wide = select(lib, resolve(lib, audiences, themes, req.sources))
    if len(kept) * 2 > len(wide) or len(wide) - len(kept) < 3:
        return
    options = [*(f"--audience {a}" for a in audiences), *(f"--theme {t}" for t in themes),
               *(f"--source {x}" for x in req.sources),
               *([f"--minutes {req.minutes}"] if req.minutes else [])]
    warn(f"recipe '{req.recipe}' narrowed by these options keeps {len(kept)} of the {len(wide)} "
         f"points that match in the whole library; for a session on all of them, run: "
         f"sessionbuilder {req.command} {' '.join(options)}")


def session_plan(s: Selected, req: Request, quiet: bool = False) -> plan.SessionPlan:
    minutes = req.minutes or s.loaded.recipe.minutes
    branding, logo = s.loaded.branding, s.loaded.logo
    if not s.loaded.recipe.branding and not s.loaded.recipe.branding_file:
        found = library_branding(req.libraries)  # a user library's look and contacts
        if found:
            branding = load_branding(found)
            logo = logo_path(branding, found.parent, found)
    p = plan.session(s.lib, s.loaded.recipe, s.points, s.criteria, minutes, branding, logo,
                     req.title, s.from_selection)
    if quiet:
        return p
    if p.left_out:
        warn(f"{len(p.left_out)} point(s) did not fit in {minutes} minutes and were left out: "
             f"{id_list(p.left_out)} (use --minutes to make room; 'sessionbuilder plan' shows "
             "the running order)")
    if p.minutes < minutes:
        warn(f"only {len(s.points)} point(s) match: enough for a {p.minutes}-minute session, "
             f"not {minutes}; it is planned and labelled as {p.minutes} minutes")
    return p


def running_order(req: Request, fmt: str) -> str:
    """The plan of a session as a table, JSON or YAML; nothing is written."""
    from sessionbuilder.session import runningorder
    s = choose(req)
    return runningorder.render(session_plan(s, req, quiet=True), fmt)


def _inputs(s: Selected, req: Request) -> list[Path]:
    return [s.loaded.path, *(x for x in [req.template, s.loaded.logo] if x)]


def default_output(name: str) -> Path:
    """Outputs go into out/ unless -o says otherwise; out/ is created on first use."""
    folder = Path("out")
    if not folder.exists():
        folder.mkdir()
    return folder / name


def render_deck(s: Selected, req: Request, session: plan.SessionPlan) -> tuple[bytes, str]:
    return numbered_deck(req, session)[:2]


def numbered_deck(req: Request, session: plan.SessionPlan) -> tuple[bytes, str, list[int], int]:
    """The deck, a few words on it, and where each planned slide begins in it (for the guide)."""
    from sessionbuilder.render.pptx import deck as render_pptx
    data, starts, warnings = render_pptx.render_numbered(session, req.template)
    for w in warnings:
        warn(w)
    count = render_pptx.slide_count(data)
    return data, f"{count} slides, {session.minutes} minutes", starts, count


def facilitation(s: Selected, req: Request, session: plan.SessionPlan, kind: str,
                 numbering: tuple[list[int], int] = ([], 0)) -> docmodel.Document:
    """The facilitator guide (its slide numbers as the deck has them) or the evaluation form."""
    from sessionbuilder.documents import evaluation
    from sessionbuilder.documents import guide
    if kind == "evaluation":
        return evaluation.evaluation(session, s.loaded.recipe.outcomes, today())
    if not numbering[0]:
        numbering = numbered_deck(req, session)[2:]
    outcomes = evaluation.outcomes(session, s.loaded.recipe.outcomes)
    return guide.guide(session, outcomes, today(), *numbering)


def paperwork(req: Request, output: Path | None, fmt: str | None, kind: str) -> str:
    """`guide` and `evaluation`: Word unless the format or the file's extension says otherwise."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    fmt = output_format(fmt or (None if suffix in FORMATS else "docx"), output)
    target = check_target(output or default_output(f"{_slug(req)}-{kind}.{fmt}"))
    s = choose(req)
    session = session_plan(s, req)
    data, summary = write_document(facilitation(s, req, session, kind), fmt)
    write_atomic(target, data, _inputs(s, req))
    return f"Wrote {name(target)} ({summary})."


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


def write_document(doc: docmodel.Document, fmt: str, paper: str = "a4") -> tuple[bytes, str]:
    """The document in one format, and a few words on what was written."""
    if fmt == "docx":
        from sessionbuilder.render import docx as render_docx
        return render_docx.render(doc, render_docx.DocxOptions(paper)), "Word"
    if fmt == "html":
        from sessionbuilder.render import html as render_html
        return render_html.render(doc, render_html.HtmlOptions(paper)), "web page"
    from sessionbuilder.render import pdf as render_pdf
    render_pdf.missing_characters()  # forget any met while fitting a sheet
    data = render_pdf.render(doc, render_pdf.PdfOptions(paper))
    missing = render_pdf.missing_characters()
    if missing:
        warn(missing_font_message(missing))
    pages = render_pdf.page_count(data)
    return data, f"{pages} page{'s' * (pages != 1)}"


def missing_font_message(chars: Sequence[str], shown: int = 10) -> str:
    """What to tell a user whose text has characters no font on this machine can put in a PDF."""
    listed = " ".join(chars[:shown]) + (f" and {len(chars) - shown} more" if len(chars) > shown else "")
    codes = ", ".join(f"U+{ord(c):04X}" for c in chars[:shown])
    return (f"no font that can be embedded in a PDF draws {listed} ({codes}); "
            f"{'it shows' if len(chars) == 1 else 'they show'} as '?' in the PDF. The Word and web "
            "page versions (--format docx or html) show them with the reader's own fonts")


def render_handout(session: plan.SessionPlan, fmt: str = "pdf") -> tuple[bytes, str]:
    return write_document(dochandout.handout(session, today()), fmt)


def deck(req: Request, output: Path | None) -> str:
    target = check_target(output or default_output(f"{_slug(req)}.pptx"),
                          [req.template] if req.template else [])
    check_suffix(target, ".pptx", "a PowerPoint deck",
                 "for a PDF, export the deck from PowerPoint or LibreOffice; 'sessionbuilder "
                 "handout' makes the participants' PDF" if target.suffix.lower() == ".pdf" else None)
    s = choose(req)
    data, summary = render_deck(s, req, session_plan(s, req))
    write_atomic(target, data, _inputs(s, req))
    return f"Wrote {name(target)} ({summary})."


def handout(req: Request, output: Path | None, fmt: str | None = None) -> str:
    fmt = output_format(fmt, output)
    target = check_target(output or default_output(f"{_slug(req)}-handout.{fmt}"))
    s = choose(req)
    data, summary = render_handout(session_plan(s, req), fmt)
    write_atomic(target, data, _inputs(s, req))
    return f"Wrote {name(target)} ({summary})."


def library_branding(libraries: Sequence[Path]) -> Path | None:
    """The branding.yaml of the first user library that has one (`sessionbuilder init` makes it)."""
    for folder in libraries:
        for name in (f"{BRANDING}.yaml", f"{BRANDING}.yml"):
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    return None


def sheet(audiences: Sequence[str], themes: Sequence[str], libraries: Sequence[Path],
          title: str | None, paper: str, branding_file: Path | None, output: Path | None,
          sources: Sequence[str] = (), fmt: str | None = None) -> str:
    fmt = output_format(fmt, output)
    target = check_target(output or default_output(f"learning-sheet.{fmt}"),
                          [branding_file] if branding_file else [])
    lib = load_library(libraries)
    criteria = resolve(lib, audiences, themes, sources)
    points = select(lib, criteria)
    if not points:
        raise InputError("no learning points match these filters",
                         hint="'sessionbuilder list' with the same options shows what exists")
    branding_file = branding_file or library_branding(libraries)
    branding, logo = Branding(), None
    if branding_file:
        branding = load_branding(branding_file)
        logo = logo_path(branding, branding_file.parent, branding_file)
    for w in palette(branding).warnings:
        warn(w)
    sheet_plan = docsheet.sheet_plan(lib, points, criteria, title, today(), branding, logo)
    from sessionbuilder.render import pdf as render_pdf
    options = render_pdf.PdfOptions(paper)
    doc, dropped = docsheet.fit_sheet(sheet_plan, lambda d: render_pdf.fits(d, options))
    data, _ = write_document(doc, fmt, paper)
    write_atomic(target, data, [x for x in (branding_file, logo) if x])
    if dropped:
        warn(f"{len(dropped)} point(s) did not fit on one page and were left out: "
             f"{id_list(dropped, 40)}. Use 'sessionbuilder handout' for the full set.")
    kept = len(points) - len(dropped)
    return f"Wrote {name(target)} (1 page, {kept} of {len(points)} points)."


def everything(recipe: str, libraries: Sequence[Path], out_dir: Path) -> str:
    """A recipe's whole pack, named after it, side by side in `out_dir`: the deck, the
    handout, the one-page sheet (PDF to print, web page to publish), the facilitator guide and
    the evaluation form. Nothing is written unless every one of them rendered."""
    if is_stdout(out_dir):
        raise InputError("'build' writes several files into a folder, so it cannot write to standard output",
                         hint="give a folder with -o, or use 'deck -o -' and 'handout -o -'")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"'{out_dir}' is a file, not a folder")
    name = find_recipe(recipe).stem
    req = Request(recipe, libraries=libraries, command="build")
    s = choose(req)
    session = session_plan(s, req)
    deck_data, deck_summary, starts, count = numbered_deck(req, session)
    sheet_doc, dropped = _recipe_sheet(s, session)
    files = [(f"{name}.pptx", (deck_data, deck_summary)),
             (f"{name}-handout.pdf", render_handout(session)),
             (f"{name}-sheet.pdf", write_document(sheet_doc, "pdf")),
             (f"{name}-sheet.html", write_document(sheet_doc, "html")),
             (f"{name}-guide.docx",
              write_document(facilitation(s, req, session, "guide", (starts, count)), "docx")),
             (f"{name}-evaluation.docx",
              write_document(facilitation(s, req, session, "evaluation"), "docx"))]
    out_dir.mkdir(parents=True, exist_ok=True)  # only once everything has rendered
    lines = [f"Wrote {write_atomic(out_dir / file, data, _inputs(s, req))} ({summary})."
             for file, (data, summary) in files]
    if dropped:
        warn(f"the sheet has room for {len(s.points) - len(dropped)} of the recipe's "
             f"{len(s.points)} points; the handout has them all")
    return "\n".join(lines)


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
