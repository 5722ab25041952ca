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


def recipe_file(tmp_path, *sections, name="r"):
    """A recipe of these section kinds, each kept however short the session ("kind:fig1,fig2"
    names a figures section's figures)."""
    lines = ["title: T", "minutes: 45", "sections:"]
    for s in sections:
        kind, _, figures = s.partition(":")
        lines += [f"  - kind: {kind}", "    always: true"]
        if figures:
            lines.append(f"    figures: [{figures}]")
    path = tmp_path / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def said(slide) -> str:
    """A slide's speaker notes as the deck's presenter reads them."""
    from sessionbuilder.render.pptx.notes import speaker_notes
    return speaker_notes(slide.notes)


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


# --- a corpus of templates standing for other origins (see tests/render/test_template_corpus.py)

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
_NAMES_DE = ["Titelfolie", "Titel und Inhalt", "Abschnittsüberschrift", "Zwei Inhalte", "Vergleich",
             "Nur Titel", "Leer", "Inhalt mit Überschrift", "Bild mit Überschrift",
             "Titel und vertikaler Text", "Vertikaler Titel und Text"]
_NAMES_ZH = ["标题幻灯片", "标题和内容", "节标题", "两栏内容", "比较", "仅标题", "空白", "内容与标题",
             "图片与标题", "标题和竖排文字", "竖排标题与文本"]
_NAMES_KEYNOTE = ["Title & Subtitle", "Title & Bullets", "Section", "Title & Bullets - 2 Column",
                  "Title - Top", "Title Only", "Blank", "Bullets", "Photo", "Statement", "Big Fact"]
CORPUS = {  # name: (origin, slide size in EMU, what is special)
    "google-slides": ("Google Slides export", (9144000, 5143500), "CUSTOM_n layouts, no footers"),
    "keynote": ("Keynote export", (13004800, 9753600), "1024 x 768 pt, Helvetica Neue, no layout types"),
    "onlyoffice": ("ONLYOFFICE", (12192000, 6858000), "16:9, body typed 'body', a tiny Disclaimer layout"),
    "wps": ("WPS Office", (12192000, 6858000), "Chinese layout names, East Asian theme fonts"),
    "a4": ("A4 landscape", (10692000, 7560000), "297 x 210 mm"),
    "huge": ("very large", (51206400, 28803600), "56 x 31.5 in, PowerPoint's largest"),
    "german": ("German PowerPoint", (9144000, 6858000), "4:3, German layout names"),
    "two-masters": ("several masters", (12192000, 6858000), "a first master with no layouts"),
    "no-title": ("no title placeholder", (12192000, 6858000), "no layout or master has a title"),
    "textbox-body": ("body as a text box", (12192000, 6858000), "bodies are plain text boxes"),
}


def _scale_layouts(prs, width: int, height: int) -> None:
    """Resize the slide and every master and layout shape with it."""
    fx, fy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = width, height
    for master in prs.slide_masters:
        for part in (master, *master.slide_layouts):
            for sh in part.shapes:
                xfrm = sh.element.find(".//{*}xfrm")
                if xfrm is not None and xfrm.find("{*}off") is not None:
                    sh.left, sh.top = int(sh.left * fx), int(sh.top * fy)
                    sh.width, sh.height = int(sh.width * fx), int(sh.height * fy)


def _drop(shape) -> None:
    shape.element.getparent().remove(shape.element)


def _theme_fonts(prs, major: str, minor: str, ea: str = "") -> None:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    xml = etree.fromstring(theme.blob)
    for tag, face in (("majorFont", major), ("minorFont", minor)):
        font = xml.find(f".//{{*}}{tag}")
        font.find("{*}latin").set("typeface", face)
        if ea:
            font.find("{*}ea").set("typeface", ea)
    theme._blob = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layoutless_master_first(prs) -> None:
    """A copy of the master with no layouts at all, listed before the real one."""
    import copy

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn
    from pptx.parts.slide import SlideMasterPart
    master = prs.slide_master.part
    package = prs.part.package
    element = copy.deepcopy(master._element)
    element.remove(element.find(qn("p:sldLayoutIdLst")))
    part = SlideMasterPart(package.next_partname("/ppt/slideMasters/slideMaster%d.xml"),
                           master.content_type, package, element)
    part.relate_to(master.part_related_by(RT.THEME), RT.THEME)
    ids = prs.part._element.find(qn("p:sldMasterIdLst"))
    new = copy.deepcopy(ids[0])
    new.set("id", str(max(int(x) for x in prs.part._element.xpath("//@id") if x.isdigit()) + 1000))
    new.set(qn("r:id"), prs.part.relate_to(part, RT.SLIDE_MASTER))
    ids.insert(0, new)


def _disclaimer_first(prs, layout) -> None:
    """`layout` made a 'Disclaimer' of type obj with one 73 pt high body, listed first: a title
    and a body, but no room for content."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn
    from pptx.util import Pt
    layout.name = "Disclaimer"
    layout.element.set("type", "obj")
    bodies = [ph for ph in layout.placeholders if ph.placeholder_format.type in (PH.OBJECT, PH.BODY)]
    for ph in bodies[1:]:
        _drop(ph)
    body = bodies[0]
    body.left, body.top, body.width, body.height = Pt(40), Pt(120), prs.slide_width - Pt(80), Pt(73)
    ids = prs.slide_master.element.find(qn("p:sldLayoutIdLst"))
    rid = prs.slide_master.part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    entry = next(e for e in ids if e.get(qn("r:id")) == rid)
    ids.remove(entry)
    ids.insert(0, entry)


def _exported(prs, names: list[str], keynote: bool) -> None:
    """Google Slides and Keynote: their own layout names, no footers (Keynote: no layout types,
    Helvetica Neue)."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH
    layouts = list(prs.slide_layouts)
    for layout, title in zip(layouts, names, strict=False):
        layout.name = title
        if keynote:
            layout.element.attrib.pop("type", None)
    for part in (prs.slide_master, *layouts):
        for ph in list(part.placeholders):
            if ph.placeholder_format.type in (PH.DATE, PH.FOOTER, PH.SLIDE_NUMBER):
                _drop(ph)
    if keynote:
        _theme_fonts(prs, "Helvetica Neue", "Helvetica Neue")


def _onlyoffice(prs) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER as PH
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type == PH.OBJECT:
                ph.element.ph.set("type", "body")
    _disclaimer_first(prs, list(prs.slide_layouts)[7])


def _renamed(prs, names: list[str]) -> None:
    for layout, title in zip(prs.slide_layouts, names, strict=False):
        layout.name = title


def _without_titles(prs) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER as PH
    for part in (prs.slide_master, *prs.slide_layouts):
        for ph in list(part.placeholders):
            if ph.placeholder_format.type in (PH.TITLE, PH.CENTER_TITLE):
                _drop(ph)


def _bodies_as_text_boxes(prs) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER as PH
    from pptx.util import Pt
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type in (PH.BODY, PH.OBJECT, PH.SUBTITLE):
                nv = ph.element.find("{*}nvSpPr")
                nv.find("{*}nvPr").remove(nv.find("{*}nvPr")[0])
                nv.find("{*}cNvSpPr").set("txBox", "1")
                for p in ph.text_frame.paragraphs:
                    p.text = "Click to add text"
                    p.runs[0].font.size = Pt(20)


_TRAITS = {
    "google-slides": lambda prs: _exported(prs, [f"CUSTOM_{i + 1}" for i in range(11)], keynote=False),
    "keynote": lambda prs: _exported(prs, _NAMES_KEYNOTE, keynote=True),
    "onlyoffice": _onlyoffice,
    "wps": lambda prs: (_renamed(prs, _NAMES_ZH), _theme_fonts(prs, "Calibri Light", "Calibri", ea="宋体")),
    "german": lambda prs: _renamed(prs, _NAMES_DE),
    "two-masters": _layoutless_master_first,
    "no-title": _without_titles,
    "textbox-body": _bodies_as_text_boxes,
}


def make_corpus_template(name: str, path: Path) -> Path:
    """A template with the traits of one origin in CORPUS, built from python-pptx's own."""
    from pptx import Presentation
    prs = Presentation()
    _scale_layouts(prs, *CORPUS[name][1])
    if name in _TRAITS:  # the sizes need nothing more
        _TRAITS[name](prs)
    prs.save(str(path))
    return path
