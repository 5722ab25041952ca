"""Helpers the tests share: paths, sample templates and libraries, the issue's sheets, and reading
each output format back as the words a reader sees."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


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
    from sessionbuilder.documents import sheet as docsheet
    from sessionbuilder.library.models import Branding
    from sessionbuilder.render import pdf
    from sessionbuilder.session.selection import resolve, select
    criteria = resolve(lib, audiences, themes, sources)
    plan = docsheet.sheet_plan(lib, select(lib, criteria), criteria, None, DOC_DATE,
                                branding or Branding(), logo)
    return docsheet.fit_sheet(plan, pdf.fits)


def font_param(family: str, *values, package: str):
    """A test case that needs an installed font, skipped with the reason when it is missing."""
    import pytest

    from sessionbuilder.text import fontmetrics
    missing = f"font {family!r} is not installed: apt-get install {package}"
    return pytest.param(family, *values,
                        marks=pytest.mark.skipif(not fontmetrics.installed(family), reason=missing))


def planned(recipe: str | None = None, **options):
    """(the selection, the session plan) as the commands make them, warnings not shown."""
    from sessionbuilder.commands import build
    req = build.Request(recipe, **options)
    s = build.choose(req)
    return s, build.session_plan(s, req)


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

        def handle_starttag(self, tag, _attrs) -> None:
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


# The years in the names of the guidance and law that replaced the 2011-17 arrangements (cited
# in `since:` notes): names, not statistics, and the only numbers from outside the seeds.
CURRENT_LAW = ("Working Together to Safeguard Children", "Data Protection Act 2018",
               "ukpga/2018/12")


def names_current_law(flagged: str) -> bool:
    where, _, what = flagged.rpartition(": ")
    path, lineno = where.rsplit(":", 1)
    line = (ROOT / path).read_text(encoding="utf-8").splitlines()[int(lineno) - 1]
    year = what.split()[0]
    return year in ("2018", "2023") and any(name in line for name in CURRENT_LAW)


# --- the board officer's review form ----------------------------------------------------------

REVIEW_FORM = {
    "title": "Local review Child C (2025)",
    "citation": "Anyshire Safeguarding Children Partnership (2025) Local child safeguarding "
                "practice review: Child C. Anyshire.",
    "url": "https://www.example.org/reviews/child-c",
    "summary": "Child C, aged under one, was seriously injured at home. Agencies knew of "
               "domestic abuse but did not share it.",
    "published": "30/06/2025",
    "partnership": "Anyshire Safeguarding Children Partnership",
    "website": "www.example.org/safeguarding",
    "finding-1-title": "Agencies held pieces of the picture but no one put them together",
    "finding-1-summary": "Health, police and the nursery each knew something about the risks.",
    "finding-1-actions": "Share concerns about a baby's home with the health visitor.\n"
                         "Ask children's social care what they know.",
    "finding-1-questions": "What stops our staff sharing a worry?",
    "finding-1-page": "12",
    "finding-1-theme": "information-sharing",
    "finding-2-title": "The father was not seen by any agency",
    "finding-2-summary": "Professionals worked with the mother only.",
    "finding-2-actions": "Ask who lives in and visits the home.",
    "finding-2-questions": "",
    "finding-2-page": "14-15",
    "finding-2-theme": "voice-of-family",
    "contact-1-label": "Worried about a child?",
    "contact-1-detail": "Call the Children's Front Door on 01632 960000",
}


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, *args: str):
    """`sessionbuilder serve` on 127.0.0.1:port in its own process, once it answers; the
    caller stops it (`.terminate()`)."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request
    exe = str(Path(sys.executable).with_name("sessionbuilder"))
    server = subprocess.Popen([exe, "serve", "--port", str(port), "--workers", "1", *args],
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + 60
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("sessionbuilder serve stopped at start") from None
            time.sleep(0.25)
    server.terminate()
    raise RuntimeError("sessionbuilder serve did not answer within 60 s")


def fill_review(page, values: dict[str, str]) -> None:
    """Types the review form in a browser as a user would: a second finding by its button."""
    if page.locator("#finding-2-title").count() == 0:
        page.get_by_role("button", name="Add another finding").click()
    for name, value in values.items():
        field = page.locator(f"#{name}")
        if name.endswith("-theme"):
            field.select_option(value)
        else:
            field.fill(value)
