"""Shared fixtures: the bundled library, a CLI runner, sample libraries and LibreOffice rendering."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionbuilder.cli import main
from sessionbuilder.library import load_library

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def lib():
    return load_library()


@pytest.fixture(scope="session")
def user_lib():
    return load_library([FIXTURES / "user_library"])


@pytest.fixture
def cli(monkeypatch):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    monkeypatch.delenv("SESSIONBUILDER_LIBRARY", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict | None = None):
        return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    return invoke


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests keep the YAML cache out of the user's home folder."""
    import os
    os.environ["SESSIONBUILDER_CACHE"] = str(tmp_path_factory.mktemp("cache"))


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def to_pdf(tmp_path_factory):
    """Convert .pptx files to PDF with real LibreOffice, in one process for speed."""
    exe = soffice_path()
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-impress")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(*decks: Path) -> list[Path]:
        outdir = decks[0].parent
        subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)],
                       check=True, capture_output=True, timeout=600,
                       env={**os.environ, "HOME": str(profile)})
        pdfs = [d.with_suffix(".pdf") for d in decks]
        missing = [p for p in pdfs if not p.exists()]
        assert not missing, f"LibreOffice did not convert {missing}"
        return pdfs
    return convert


def make_template(path: Path, with_body: bool = True) -> Path:
    """A board's template: 4:3, layouts in an unusual order, a sample slide, a theme colour.

    With `with_body=False`, only layouts without a body placeholder remain.
    """
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(10), Inches(7.5)
    layouts = prs.slide_layouts
    sample = prs.slides.add_slide(layouts[0])
    sample.shapes.title.text = "Board template sample slide"
    lst = layouts._sldLayoutIdLst
    ids = list(lst)
    for el in ids:  # reverse the order, so finding layouts by index would pick the wrong ones
        lst.remove(el)
    for el in reversed(ids):
        lst.append(el)
    if not with_body:
        for layout in list(layouts):
            if layout.name not in ("Title Only", "Blank"):
                if not layout.used_by_slides:
                    layouts.remove(layout)
        prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(path))
    return path


LONG_WORDS = ("professionals should keep the child in view throughout their work with the family "
              "and record what they see hear and think about the child's daily life ").split()


def write_long_point_library(folder: Path, words: int = 400) -> Path:
    """A user library with one very long learning point (about `words` words)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(words))
    (folder / "sources.yaml").write_text(
        "reports:\n  - id: local-long\n    short: Local review (long)\n    citation: A local review.\n")
    (folder / "long.yaml").write_text(
        "points:\n  - id: local-very-long-point\n"
        "    title: A very long local learning point that goes on and on to test continuation slides"
        " and titles that are far longer than any title box could possibly hold on one slide\n"
        f"    summary: {text}\n"
        "    implications:\n"
        "      - 'Keep the child at the centre: https://example.org/a/very/long/url/that/has/no/spaces/"
        "at/all/and/keeps/going/and/going/for/ever/and/ever/index.html'\n"
        "      - Supercalifragilisticexpialidociousantidisestablishmentarianismpneumonoultramicroscopic\n"
        "    themes: [voice-of-child]\n    audiences: [all]\n    priority: core\n"
        "    source:\n      report: local-long\n")
    return folder


# --- documents: the sheets and handout the issue names, and reading each format back ----------

DOC_DATE = "23 November 2026"
SHEET_SELECTIONS = {"all": ((), ()), "neglect-health": (("health",), ("neglect",)),
                    "da-police": (("police",), ("domestic-abuse",))}
BRIEFING = FIXTURES / "briefing_library"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def fitted_sheet(lib, audiences=(), themes=(), sources=(), branding=None, logo=None):
    """A sheet as `sessionbuilder sheet` makes it: planned, then fitted once with the PDF."""
    from sessionbuilder import documents
    from sessionbuilder.models import Branding
    from sessionbuilder.render import pdf
    from sessionbuilder.selection import resolve, select
    criteria = resolve(lib, audiences, themes, sources)
    plan = documents.sheet_plan(lib, select(lib, criteria), criteria, None, DOC_DATE,
                                branding or Branding(), logo)
    return documents.fit_sheet(plan, pdf.fits)


@pytest.fixture(scope="session")
def briefing():
    """The one-review briefing from the fixture library, with its branding and contacts."""
    from sessionbuilder.recipes import load_branding
    lib = load_library([BRIEFING])
    doc, dropped = fitted_sheet(lib, sources=["review-child-b"],
                                branding=load_branding(BRIEFING / "branding.yaml"))
    return lib, doc, dropped


@pytest.fixture(scope="session")
def sheets(lib, briefing):
    """name -> (Document, dropped ids) for the issue's three sheets and the briefing."""
    out = {name: fitted_sheet(lib, a, t) for name, (a, t) in SHEET_SELECTIONS.items()}
    out["briefing"] = briefing[1:]
    return out


@pytest.fixture(scope="session")
def handout_doc():
    from sessionbuilder import build, documents
    req = build.Request()
    return documents.handout(build.session_plan(build.choose(req), req), DOC_DATE)


def words(text: str) -> str:
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    """Every word a reader sees in a .docx: body paragraphs, tables and the footer, in order."""
    import io

    import docx
    d = docx.Document(io.BytesIO(data))
    parts = []
    for para in d.element.body.iter("{*}p"):
        parts += [t.text or "" for t in para.iter("{*}t")]
        parts.append(" ")
    for p in d.sections[0].footer.paragraphs:
        parts.append(p.text + " ")
    return words("".join(parts))


def html_text(data: bytes) -> str:
    """The text of a page as a reader sees it (tags dropped, entities decoded)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs) -> None:
            self.skip += tag in ("style", "title", "svg")
            self.parts.append(" " if tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th",
                                             "caption", "figcaption", "br") else "")

        def handle_endtag(self, tag) -> None:
            self.skip -= tag in ("style", "title", "svg")

        def handle_data(self, data) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(data.decode("utf-8"))
    return words("".join(parser.parts))


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader
    return words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped with the reason when it is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
