"""Speed and determinism of the saved package: part names from counters, slides and notes pages
copied from the first of their kind, and fixed dates in the workbook embedded in each chart, so
equal inputs give equal bytes (the zip's own dates are fixed in render/zipdates.py)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Iterator

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart, SlidePart

from sessionbuilder.render.pptx import oxml

FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)


def fast_partnames(prs) -> None:
    """Hand out part names from counters instead of rescanning the package for each new part
    (python-pptx's scan makes notes slides quadratic; scanny/python-pptx#644)."""
    package = prs.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        counters[tmpl] = n + 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname
    rels = prs.part.rels
    get_or_add = rels.get_or_add

    def relate(reltype: str, target):  # a slide being added is never already related
        if reltype == RT.SLIDE:
            return oxml.add_relationship(rels, reltype, target)
        return get_or_add(reltype, target)

    rels.get_or_add = relate


class Parts:
    """New slides and notes pages as copies of the first of their kind. python-pptx clones a
    layout's placeholders for each new slide, and the notes master for each notes page, querying
    every shape as it goes; a copy of the first result is the same XML, made far faster."""

    def __init__(self, prs) -> None:
        self.prs = prs
        self.slides: dict[str, etree._Element] = {}  # layout part name -> a new slide's XML
        self.notes: etree._Element | None = None
        self.next_id = 256

    def slide(self, layout):
        key = str(layout.part.partname)
        ids = self.prs.slides.element
        if key not in self.slides:
            slide = self.prs.slides.add_slide(layout)
            self.slides[key] = copy.deepcopy(slide.element)
            self.next_id = int(ids[-1].get("id")) + 1  # python-pptx's: the largest id, plus one
            return slide
        presentation = self.prs.part
        part = SlidePart(PackURI(f"/ppt/slides/slide{len(ids) + 1}.xml"), CT.PML_SLIDE,
                         presentation.package, copy.deepcopy(self.slides[key]))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        oxml.add_slide_id(ids, self.next_id, presentation.relate_to(part, RT.SLIDE))
        self.next_id += 1  # not python-pptx's search of every id, which makes decks quadratic
        return part.slide

    def notes_text(self, slide, text: str) -> None:
        """The slide's speaker notes: one paragraph a line, in the notes page's body."""
        if self.notes is None:
            element = slide.notes_slide.element
            self.notes = copy.deepcopy(element)
        else:
            package = self.prs.part.package
            part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                  CT.PML_NOTES_SLIDE, package, copy.deepcopy(self.notes))
            part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
            element = oxml.part_element(part)
        body = _notes_body(element)
        for p in body.findall(_P):
            body.remove(p)
        for line in text.split("\n"):
            p = etree.SubElement(body, _P)
            if line:
                etree.SubElement(etree.SubElement(p, _R), _T).text = line


_P, _R, _T = qn("a:p"), qn("a:r"), qn("a:t")
_SP, _PH_PATH, _TX_BODY = qn("p:sp"), f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}", qn("p:txBody")


def _notes_body(element) -> etree._Element:
    """The text body of a notes page's notes placeholder (its first body placeholder), added
    when the template's notes master has none to copy, so the notes are never lost."""
    for sp in element.iter(_SP):
        ph = sp.find(_PH_PATH)
        if ph is not None and ph.get("type") == "body":
            body = sp.find(_TX_BODY)
            if body is None:
                body = etree.SubElement(sp, _TX_BODY)
                etree.SubElement(body, qn("a:bodyPr"))
            return body
    tree = element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    ids = [int(i) for i in tree.xpath(".//@id") if i.isdigit()]
    tree.append(etree.fromstring(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr>'
        f'<p:cNvPr id="{max(ids, default=1) + 1}" name="Notes Placeholder"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/></p:txBody></p:sp>'))
    return tree[-1].find(_TX_BODY)


@contextlib.contextmanager
def fixed_workbook_dates() -> Iterator[None]:
    """The spreadsheet embedded in a chart, with a fixed creation date. Imported only when a
    chart is drawn: xlsxwriter takes a noticeable part of a chartless deck's start-up."""
    from pptx.chart import xlsx as chart_xlsx

    original = chart_xlsx.Workbook

    class FixedDateWorkbook(original):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.set_properties({"created": FIXED_DATE})

    chart_xlsx.Workbook = FixedDateWorkbook
    try:
        yield
    finally:
        chart_xlsx.Workbook = original
