"""Click commands only: parse options, call one function, print its result or a clean error.

Heavy imports (pydantic models, python-pptx, reportlab) happen inside the commands, so
`sessionbuilder --help` stays instant.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from sessionbuilder import __version__

LIBRARY_ENV = "SESSIONBUILDER_LIBRARY"


def _options(*decorators: Callable) -> Callable:
    def apply(func: Callable) -> Callable:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func
    return apply


def _libraries(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[Path]:
    """Every entry must exist; one from the environment is named as such, so a stray ':' in
    the variable is easy to find."""
    from click.core import ParameterSource
    from sessionbuilder.errors import InputError
    from_env = ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT
    for value in values:
        if from_env and not value:
            raise InputError(f"{LIBRARY_ENV} has an empty entry",
                             hint="separate folders with a single ':' and none at either end")
        if not os.path.exists(value):
            raise InputError(f"{LIBRARY_ENV} names '{value}', which does not exist" if from_env
                             else f"library '{value}' does not exist")
    return [Path(v) for v in values]


def _text(ctx: click.Context, param: click.Parameter, value):  # noqa: ARG001 - click's signature
    """Text options: bytes that are not UTF-8 are refused (what was meant cannot be known);
    characters no output may hold (controls, bidi overrides) are dropped."""
    from sessionbuilder.text import clean as textclean
    from sessionbuilder.errors import InputError
    values = value if isinstance(value, tuple) else (value,)
    for text in values:
        bad = textclean.problem(text, textclean.UNDECODED) if text else None
        if bad:
            raise InputError(f"{max(param.opts, key=len)} {bad[1]}", hint=bad[2])
    cleaned = tuple(textclean.clean(t) if t else t for t in values)
    return cleaned if isinstance(value, tuple) else cleaned[0]


library_option = click.option(
    "--library", "libraries", multiple=True, envvar=LIBRARY_ENV, callback=_libraries,
    type=click.Path(), metavar="PATH",
    help=f"Add your own library folder or file (repeatable; also ${LIBRARY_ENV}, "
         "separated by ':').")
audience_option = click.option("--audience", "audiences", multiple=True, metavar="A", callback=_text,
                               help="Audience id or alias, e.g. police (repeatable: any of them).")
theme_option = click.option("--theme", "themes", multiple=True, metavar="T", callback=_text,
                            help="Theme id or alias, e.g. cse (repeatable: any of them).")
selection = _options(audience_option, theme_option, library_option)
output_option = click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                             help="Output file, or - for standard output (default: into out/).")
document_format_option = click.option(
    "--format", "fmt", type=click.Choice(["pdf", "docx", "html"]), default=None,
    help="pdf, docx (Word) or html (web page); default: from -o's extension, else pdf.")


paperwork_format_option = click.option(
    "--format", "fmt", type=click.Choice(["docx", "pdf", "html"]), default=None,
    help="docx (default), pdf or html; also taken from the -o file's extension.")


def _echo(text: str, output: Path | None = None, err: bool = False) -> None:
    """Print a result with control characters made visible; to stderr when the file itself
    went to standard output."""
    from sessionbuilder.output import is_stdout
    from sessionbuilder.text.clean import terminal
    click.echo(terminal(text), err=err or is_stdout(output))


class _Group(click.Group):
    """Turns any failure that is not already a clean error into one line, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OSError as e:
            from sessionbuilder.errors import InputError
            where = f"{e.filename}: " if e.filename else ""
            raise InputError(f"{where}{e.strerror or e}") from None
        except Exception as e:  # a bug: say so plainly, keep the detail for a report
            if os.environ.get("SESSIONBUILDER_DEBUG"):
                raise
            from sessionbuilder.errors import InternalError
            raise InternalError(f"unexpected {type(e).__name__}: {e}") from None


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sessionbuilder")
def main() -> None:
    """Build safeguarding training sessions from a cited library of case-review learning points.

    \b
    Example:
      sessionbuilder deck --audience education --theme neglect --minutes 60
      sessionbuilder sheet --theme domestic-abuse --audience police
    """


@main.command("list")
@selection
@click.option("--source", "sources", multiple=True, callback=_text,
              help="Report or document id (repeatable).")
@click.option("--priority", "priorities", multiple=True, type=click.Choice(["core", "supporting"]))
@click.option("--search", default="", callback=_text, help="Words that must all appear in the point.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def list_cmd(audiences, themes, libraries, sources, priorities, search, fmt) -> None:
    """List learning points matching the filters.

    Values of one option are alternatives (OR); different options must all hold (AND).

    \b
    Example:
      sessionbuilder list --audience health --theme neglect --theme poverty
      sessionbuilder list --search "strategy" --format json
    """
    from sessionbuilder.commands import listing
    _echo(listing.list_points(libraries, audiences, themes, sources, priorities, search, fmt))


@main.command()
@click.argument("point_id")
@library_option
def show(point_id, libraries) -> None:
    """Show one learning point in full, with its citation.

    \b
    Example:
      sessionbuilder show da-always-harmful
    """
    from sessionbuilder.commands import listing
    _echo(listing.show_point(libraries, point_id))


@main.command()
@library_option
def taxonomy(libraries) -> None:
    """List the audiences and themes, with aliases and how many points each has.

    \b
    Example:
      sessionbuilder taxonomy
    """
    from sessionbuilder.commands import listing
    _echo(listing.taxonomy_table(libraries))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@library_option
@click.option("--strict", is_flag=True,
              help="Treat warnings (undated statistics, over-long titles...) as errors.")
def validate(paths, libraries, strict) -> None:
    """Check libraries and recipes; exit 1 with one line per problem.

    With no PATH, checks the bundled library, any --library folders and the bundled recipes.
    A PATH may be a library folder, a learning-point file (checked with the sources.yaml beside
    it) or a recipe file. Breaches of the writing rules in docs/library-format.md are warnings
    (exit 0) unless --strict.

    \b
    Example:
      sessionbuilder validate my_points/ decks/neglect-and-adolescents.yaml
      sessionbuilder validate --strict my_points/
    """
    from sessionbuilder.commands import checking
    checked = checking.validate(paths, libraries, strict)
    _show(checked, None)


source_option = click.option("--source", "sources", multiple=True, metavar="S", callback=_text,
                             help="Report or document id, e.g. dfe-2020 (repeatable: any of them).")
minutes_option = click.option("--minutes", type=click.IntRange(10, 10_000),
                              help="Target session length.")


def _recipe_options(func: Callable) -> Callable:
    return _options(
        click.argument("recipe", required=False),
        selection,
        source_option,
        minutes_option,
        click.option("--title", callback=_text, help="Replace the recipe's title."),
        click.option("--template", type=click.Path(path_type=Path),
                     help="Your organisation's PowerPoint template (.pptx or .potx)."),
        output_option,
    )(func)


@main.command()
@_recipe_options
def deck(recipe, audiences, themes, libraries, sources, minutes, title, template, output) -> None:
    """Build a session deck (.pptx) from a recipe, or from the whole library with filters.

    RECIPE is a bundled recipe name or a recipe file. With no RECIPE, --audience, --theme and
    --source choose from the whole library; with none of them either, the default
    "Pathways to harm" session is built. A RECIPE named with filters keeps only its own points
    that match them.

    \b
    Example:
      sessionbuilder deck --audience education --theme neglect --theme adolescents --minutes 60
      sessionbuilder deck education --minutes 45 -o education.pptx
    """
    from sessionbuilder.commands import build
    done = build.deck(build.Request(recipe=recipe, audiences=audiences, themes=themes,
                                    libraries=libraries, minutes=minutes, title=title,
                                    template=template, sources=sources), output)
    _show(done, output)


@main.command()
@_recipe_options
@document_format_option
def handout(recipe, audiences, themes, libraries, sources, minutes, title, template, output,
            fmt) -> None:
    """Build the participants' handout for a session (PDF, Word or web page).

    \b
    Example:
      sessionbuilder handout police-and-criminal-justice -o handout.pdf
      sessionbuilder handout --theme neglect --format docx
    """
    from sessionbuilder.commands import build
    done = build.handout(build.Request(recipe=recipe, audiences=audiences, themes=themes,
                                       libraries=libraries, minutes=minutes, title=title,
                                       template=template, sources=sources, command="handout"),
                         output, fmt)
    _show(done, output)


@main.command()
@_recipe_options
@paperwork_format_option
def guide(recipe, audiences, themes, libraries, sources, minutes, title, template, output,
          fmt) -> None:
    """Build the facilitator guide for a session (Word, PDF or web page).

    Learning outcomes, preparation, distressing content and disclosures, a running order from
    00:00 with the deck's slide numbers, notes for each part with the activities' instructions
    and answers, and the references.

    \b
    Example:
      sessionbuilder guide neglect-and-adolescents
      sessionbuilder guide health --format pdf -o health-guide.pdf
    """
    _paperwork("guide", recipe, audiences, themes, libraries, sources, minutes, title, template,
               output, fmt)


@main.command()
@_recipe_options
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "html", "xlsx"]), default=None,
              help="docx (default), pdf, html, or xlsx (a workbook to type the forms into); "
                   "also taken from the -o file's extension.")
@click.option("--date", "session_date", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
              help="The session's date, for the workbook (e.g. 2026-03-04).")
def evaluation(recipe, audiences, themes, libraries, sources, minutes, title, template, output,
               fmt, session_date) -> None:
    """Build the evaluation form for a session (Word, PDF, web page or Excel workbook).

    Each learning outcome rated 1-5 before and after, what was most useful and what will change,
    a follow-up 6-8 weeks later with the participant's manager, and a team action plan. With
    --format xlsx, a workbook to type the filled-in forms into, for 'sessionbuilder impact'.

    \b
    Example:
      sessionbuilder evaluation neglect-and-adolescents
      sessionbuilder evaluation neglect-and-adolescents --format xlsx --date 2026-03-04
    """
    if fmt == "xlsx" or (fmt is None and output and output.suffix.lower() == ".xlsx"):
        from sessionbuilder.commands import build
        from sessionbuilder.commands import impact as impact_
        req = build.Request(recipe=recipe, audiences=audiences, themes=themes,
                            libraries=libraries, minutes=minutes, title=title, template=template,
                            sources=sources, command="evaluation")
        _show(impact_.workbook(req, output, session_date.date() if session_date else None),
              output)
        return
    _paperwork("evaluation", recipe, audiences, themes, libraries, sources, minutes, title,
               template, output, fmt)


def _paperwork(kind, recipe, audiences, themes, libraries, sources, minutes, title, template,
               output, fmt) -> None:
    from sessionbuilder.commands import build
    done = build.paperwork(build.Request(recipe=recipe, audiences=audiences, themes=themes,
                                         libraries=libraries, minutes=minutes, title=title,
                                         template=template, sources=sources, command=kind),
                           output, fmt, kind)
    _show(done, output)


@main.command("plan")
@click.argument("recipe", required=False)
@selection
@source_option
@minutes_option
@click.option("--title", callback=_text, help="Replace the title.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "yaml"]), default="table",
              show_default=True)
def plan_cmd(recipe, audiences, themes, libraries, sources, minutes, title, fmt) -> None:
    """Show a session's running order without building it.

    Clock time, minutes, slide titles and learning point ids, then what was left out and why.
    Takes the same RECIPE and selection options as 'deck'.

    \b
    Example:
      sessionbuilder plan --audience education --theme neglect --theme adolescents --minutes 60
      sessionbuilder plan education --minutes 45 --format yaml
    """
    from sessionbuilder.commands import build
    done = build.running_order(build.Request(recipe=recipe, audiences=audiences, themes=themes,
                                             libraries=libraries, minutes=minutes, title=title,
                                             sources=sources, command="plan"), fmt)
    _show(done, None)


@main.command()
@selection
@source_option
@click.option("--title", callback=_text, help="Sheet title (default: from the themes and audiences).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--branding", "branding_file", type=click.Path(path_type=Path),
              help="Branding YAML (partnership name, logo, colours, contacts); default: "
                   "branding.yaml in your --library folder.")
@document_format_option
@output_option
def sheet(audiences, themes, libraries, sources, title, paper, branding_file, fmt,
          output) -> None:
    """Build a one-page learning sheet or 7-minute briefing (PDF, Word or web page).

    Core points come first; supporting points are added while they fit. Points left out are
    listed on stderr. With --source naming one local review (from your sources.yaml, with a
    summary), the sheet is a briefing on that review: what happened, its learning, its report.

    \b
    Example:
      sessionbuilder sheet --theme domestic-abuse --audience police --audience probation
      sessionbuilder sheet --library my-reviews --source review-2025 --format docx
    """
    from sessionbuilder.commands import build
    done = build.sheet(build.SheetRequest(audiences=audiences, themes=themes, libraries=libraries,
                                          sources=sources, title=title, paper=paper,
                                          branding_file=branding_file), output, fmt)
    _show(done, output)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder) -> None:
    """Start your own library: a local review, an example point, branding and a README.

    Refuses a folder that already has files in it.

    \b
    Example:
      sessionbuilder init my-reviews
      sessionbuilder validate my-reviews
    """
    from sessionbuilder.commands import starter
    _echo(starter.init(folder))


@main.command()
@library_option
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True, help="Folder to write the site into.")
def site(libraries, out_dir) -> None:
    """Write the library as a static website: no server, no JavaScript, relative links.

    An index of every point with pages to browse by audience, theme and source, a page for each
    point (summary, what to do, questions, source and page) and the key figures as tables.
    Upload the folder to any web server, or open index.html from disk.

    \b
    Example:
      sessionbuilder site -o library-site
      sessionbuilder site --library my-reviews -o library-site
    """
    from sessionbuilder.commands import site as site_command
    _echo(site_command.site(libraries, out_dir))


@main.command("build")
@click.argument("recipe")
@library_option
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write into.")
def build_cmd(recipe, libraries, out_dir) -> None:
    """Build a recipe's whole pack into a folder, each file named after the recipe.

    RECIPE.pptx (the deck), RECIPE-handout.pdf, RECIPE-sheet.pdf and RECIPE-sheet.html (the
    one-page learning sheet), RECIPE-guide.docx (facilitator guide) and RECIPE-evaluation.docx.
    Nothing is written unless every file rendered.

    \b
    Example:
      sessionbuilder build pathways-to-harm
    """
    from sessionbuilder.commands import build
    _show(build.everything(recipe, libraries, out_dir), None)


@main.command()
@library_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but this computer's own needs --token-file or --no-auth.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token-file", type=click.Path(path_type=Path),
              help="File holding a shared access code; the first visit asks for it.")
@click.option("--no-auth", is_flag=True,
              help="No access code: only behind your organisation's own sign-in.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Builds run at once (default: one per core).")
def serve(libraries, host, port, token_file, no_auth, workers) -> None:
    """Serve the web app: build sessions, briefings and the library from a browser.

    Listens on 127.0.0.1 (this computer only) unless --host says otherwise. Needs the web
    extra: pip install 'sessionbuilder[web]'.

    \b
    Example:
      sessionbuilder serve
      sessionbuilder serve --host 0.0.0.0 --port 8080 --token-file /etc/sessionbuilder/token
    """
    from sessionbuilder.errors import InputError
    try:
        from sessionbuilder.web import server
        from sessionbuilder.web.settings import Settings
    except ImportError as e:
        raise InputError(f"the web app needs packages that are not installed ({e.name})",
                         hint="pip install 'sessionbuilder[web]'") from None
    settings = Settings(tuple(libraries), host, port,
                        server.read_token(token_file) if token_file else None, no_auth,
                        **({"workers": workers} if workers else {}))
    for warning in server.check_access(settings):
        _echo(f"warning: {warning}", err=True)
    _echo(f"Serving on http://{host if ':' not in host else f'[{host}]'}:{port}/ (Ctrl+C stops it)")
    server.serve(settings)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--recipe", help="The session the Forms exports evaluate (default: the recipe "
                               "whose outcomes their headings match).")
@library_option
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "html"]), default=None,
              help="docx (default), pdf or html; also taken from the -o file's extension.")
@output_option
@click.option("--show-mapping", is_flag=True,
              help="Print which column was taken as which outcome or question; write nothing.")
def impact(files, recipe, libraries, fmt, output, show_mapping) -> None:
    """Report to the board what the training changed, from evaluation answers.

    FILES are workbooks from 'evaluation --format xlsx', filled in, and Microsoft Forms or
    Google Forms exports (.xlsx or .csv). Columns are matched to the recipe's learning outcomes
    by their words. Names, emails and ids are never copied into the report; check free-text
    answers before publishing it.

    \b
    Example:
      sessionbuilder impact march.xlsx forms-export.csv -o impact.docx
      sessionbuilder impact forms-export.csv --recipe neglect-and-adolescents --show-mapping
    """
    from sessionbuilder.commands import impact as impact_
    _show(impact_.impact(files, output, fmt, recipe, libraries, show_mapping), output)


def _show(result, output: Path | None) -> None:
    """A command's warnings on stderr, then its summary (to stderr too when the file itself went
    to standard output)."""
    for w in result.warnings:
        _echo(f"warning: {w}", err=True)
    _echo(result.summary, output)
