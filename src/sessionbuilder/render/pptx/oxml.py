"""Low-level DrawingML for the pptx writer: placeholder geometry and text styles, solid
backgrounds, raw runs and fields, alt text and the decorative flag, and `clean` for text that XML
cannot hold.

The one module that reaches into python-pptx's private attributes, where it has no public API
(a paragraph's or run's XML, a shape tree's next id, a part's blob, a slide-id list): a new
python-pptx version is checked here first (python-pptx is pinned to a minor version).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from xml.sax.saxutils import escape

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.picture import CT_Picture
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.util import Emu, Pt

from sessionbuilder.render.style import SLIDES
from sessionbuilder.text.clean import xml_safe as clean  # slide text's last step

SLIDENUM_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_SP, _NV_PH, _TX_BODY = qn("p:sp"), f"{qn('p:nvPr')}/{qn('p:ph')}", qn("p:txBody")
_R, _RPR, _T, _EA, _END_PARA = qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:ea"), qn("a:endParaRPr")


def set_geometry(ph, left: int, top: int, width: int, height: int) -> None:
    ph.left, ph.top, ph.width, ph.height = Emu(left), Emu(top), Emu(width), Emu(height)


def place(shape, geometry: Sequence[int]) -> None:
    """Give a shape with no position of its own one, as the setters above would write it (built
    directly: there is one on every slide, and python-pptx's setters are slow)."""
    x, y, cx, cy = geometry
    shape.element.spPr.insert(0, etree.fromstring(
        f'<a:xfrm {nsdecls("a")}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'))


def text_style(ph, size: float | None, colour: str | None, align: str | None = None,
                anchor: str | None = None, bullets: bool = True) -> None:
    """First-level text style and text insets of a layout or master placeholder."""
    tx = ph.element.get_or_add_txBody()
    body = tx.find(qn("a:bodyPr"))
    body.set("lIns", str(SLIDES.inset))
    body.set("rIns", str(SLIDES.inset))
    body.set("tIns", str(SLIDES.inset // 2))
    body.set("bIns", str(SLIDES.inset // 2))
    if anchor:
        body.set("anchor", anchor)
    lst = tx.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        body.addnext(lst)
    for el in list(lst):
        lst.remove(el)
    ppr = etree.SubElement(lst, qn("a:lvl1pPr"))
    if align:
        ppr.set("algn", align)
    if not bullets:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    if size:
        rpr.set("sz", str(int(size * 100)))
    if colour:
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=colour)


def background_fill(element, colour: str) -> None:
    csld = element.find(qn("p:cSld"))
    for old in csld.findall(qn("p:bg")):
        csld.remove(old)
    bg = etree.Element(qn("p:bg"))
    pr = etree.SubElement(bg, qn("p:bgPr"))
    fill = etree.SubElement(pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    etree.SubElement(pr, qn("a:effectLst"))
    csld.insert(0, bg)


def add_placeholder(slide, layout_ph, paragraph: str, bare: dict | None = None, xfrm=None,
                    geometry: Sequence[int] | None = None) -> None:
    """A copy of the layout's placeholder on the slide, style inherited, holding `paragraph`
    (DrawingML), and placed where the layout draws it: a copy of `xfrm` (the position it
    inherits, turned as it is), moved to `geometry` if given. `bare` keeps each layout
    placeholder's emptied copy for reuse."""
    bare = {} if bare is None else bare
    key = id(layout_ph.element)
    if key not in bare:
        bare[key] = _emptied(layout_ph.element, xfrm, geometry)
    sp = copy.deepcopy(bare[key])
    tree = slide.shapes.element
    sp[0][0].set("id", str(next_shape_id(slide.shapes)))
    sp.find(_TX_BODY).append(etree.fromstring(f'<a:p {nsdecls("a")}>{paragraph}</a:p>'))
    tree.append(sp)


def _emptied(layout_sp, xfrm=None, geometry: Sequence[int] | None = None):
    """A layout placeholder with no style or text of its own (a slide's copy inherits them),
    placed by a copy of `xfrm`, moved to `geometry` if given."""
    sp = copy.deepcopy(layout_sp)
    for el in list(sp.spPr):
        sp.spPr.remove(el)
    if xfrm is None and geometry is not None:
        xfrm = etree.fromstring(f'<a:xfrm {nsdecls("a")}><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>')
    if xfrm is not None:
        xfrm = copy.deepcopy(xfrm)
        if geometry is not None:
            x, y, cx, cy = geometry
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            off.set("x", str(x))
            off.set("y", str(y))
            ext.set("cx", str(cx))
            ext.set("cy", str(cy))
        sp.spPr.append(xfrm)
    tx = sp.find(_TX_BODY)
    for el in list(tx):  # text body, list styles and all: the layout's apply by inheritance
        tx.remove(el)
    etree.SubElement(tx, qn("a:bodyPr"))
    etree.SubElement(tx, qn("a:lstStyle"))
    for extra in sp.findall(qn("p:style")):
        sp.remove(extra)
    return sp


def add_line_box(shapes, name: str, geometry: Sequence[int], text: str, size: float, colour: str,
                  ea_font: str | None = None) -> None:
    """A text box holding one run, with no insets above or below, as python-pptx's add_textbox
    would make it, written directly (there is one on most slides, and python-pptx is slow)."""
    x, y, cx, cy = geometry
    tree = shapes.element
    ea = f'<a:ea typeface="{escape(ea_font, {chr(34): "&quot;"})}"/>' if ea_font else ""
    tree.append(etree.fromstring(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr>'
        f'<p:cNvPr id="{next_shape_id(shapes)}" name="{escape(name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>'
        f'<a:bodyPr wrap="square" tIns="0" bIns="0"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p>'
        f'<a:r><a:rPr sz="{int(size * 100)}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f'{ea}</a:rPr><a:t>{escape(text)}</a:t></a:r></a:p></p:txBody></p:sp>'))


def run_xml(size: float, text: str, ea_font: str | None = None) -> str:
    """A run of text in DrawingML; `ea_font` names the East Asian font its CJK is drawn in."""
    ea = f'<a:ea typeface="{escape(ea_font, {chr(34): "&quot;"})}"/>' if ea_font else ""
    close = f">{ea}</a:rPr>" if ea else "/>"
    return f'<a:r><a:rPr lang="en-GB" sz="{int(size * 100)}" dirty="0"{close}<a:t>{escape(text)}</a:t></a:r>'


def field_xml(number: str, size: float) -> str:
    return (f'<a:fld id="{SLIDENUM_FIELD}" type="slidenum"><a:rPr lang="en-GB" sz="{int(size * 100)}"/>'
            f'<a:t>{number}</a:t></a:fld>')


def ph_key(ph) -> tuple[str | None, str | None]:
    """A placeholder's idx and type, read with plain lxml (python-pptx's xpath is slow)."""
    el = ph.element[0].find(_NV_PH)
    return el.get("idx"), el.get("type")


def roles(slide, *wanted: Sequence) -> list:
    """The first placeholder of each wanted kind (or None), each text placeholder's type read once
    with plain lxml (the wanted kinds are all text placeholders, which python-pptx gives as
    SlidePlaceholder)."""
    typed = []
    for sp in slide.shapes.element.iterchildren(_SP):
        ph = sp[0].find(_NV_PH)
        if ph is not None:
            typed.append((PP_PLACEHOLDER.from_xml(ph.get("type", "obj")), sp))
    return [next((SlidePlaceholder(sp, slide.placeholders) for kind, sp in typed if kind in types), None)
            for types in wanted]


def add_run(paragraph, text: str, size: float, bold: bool = False, italic: bool = False,
             ea_font: str | None = None) -> None:
    """A run as python-pptx's add_run and font setters write it (size, then bold, italic and an
    East Asian font), built directly: a deck has thousands and python-pptx is slow."""
    p = paragraph._p
    r = etree.SubElement(p, _R)
    end = p.find(_END_PARA)
    if end is not None:
        end.addprevious(r)
    rpr = etree.SubElement(r, _RPR, sz=str(Pt(size).centipoints))
    if bold:
        rpr.set("b", "1")
    if italic:
        rpr.set("i", "1")
    if ea_font:
        etree.SubElement(rpr, _EA, typeface=ea_font)
    etree.SubElement(r, _T).text = clean(text)


def plain(paragraph) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", "0")
    pPr.set("indent", "0")
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for el in pPr.findall(qn(tag)):
            pPr.remove(el)
    pPr.append(pPr.makeelement(qn("a:buNone"), {}))


def describe(shape, name: str, alt_text: str) -> None:
    """The shape's name and its alt text (python-pptx has no setter for the description)."""
    shape.name = name
    if alt_text:
        shape.element.xpath("./*[1]/p:cNvPr")[0].set("descr", clean(alt_text))


DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def mark_decorative(sp) -> None:
    """Office's 'decorative' flag, so screen readers skip the shape. Its prefix is named (as
    PowerPoint names it), because one lxml generates depends on what the process did before."""
    cNvPr = sp.xpath("./*[1]/p:cNvPr")[0]
    ext_lst = cNvPr.makeelement(qn("a:extLst"), {})
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, f"{{{DECORATIVE}}}decorative", nsmap={"adec": DECORATIVE}, val="1")
    cNvPr.append(ext_lst)


def next_shape_id(shapes) -> int:
    """The id a new shape in this shape tree takes (python-pptx's rule: the first free one)."""
    return shapes.element._next_shape_id


def add_rule(shapes, name: str, geometry: Sequence[int], colour: str) -> None:
    """A filled rectangle with no outline, marked decorative."""
    sp = CT_Shape.new_autoshape_sp(next_shape_id(shapes), name, "rect", *geometry)
    fill = etree.SubElement(sp.spPr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    ln = etree.SubElement(sp.spPr, qn("a:ln"))
    etree.SubElement(ln, qn("a:noFill"))
    shapes.element.append(sp)
    mark_decorative(sp)


def add_picture(shapes, name: str, alt_text: str, rId: str, geometry: Sequence[int]) -> None:
    shapes.element.append(CT_Picture.new_pic(next_shape_id(shapes), name, alt_text, rId, *geometry))


def set_blob(part, blob: bytes) -> None:
    """Replace a non-XML part's bytes (a theme python-pptx keeps as a blob)."""
    part._blob = blob


def east_asian(run, typeface: str) -> None:
    """Name the East Asian font of a run python-pptx made (replacing any it had)."""
    rpr = run._r.get_or_add_rPr()
    for el in rpr.findall(_EA):
        rpr.remove(el)
    etree.SubElement(rpr, _EA, typeface=typeface)


def labels_on_one_line(series) -> None:
    """A series' data labels are never wrapped."""
    labels = series._element.get_or_add_dLbls()
    labels.get_or_add_txPr().find(qn("a:bodyPr")).set("wrap", "none")


def add_relationship(rels, reltype: str, target):
    """A new relationship, without python-pptx's search for an existing one."""
    return rels._add_relationship(reltype, target)


def add_slide_id(slide_ids, id_: int, rId: str) -> None:
    slide_ids._add_sldId(id=id_, rId=rId)


def part_element(part):
    return part._element


def add_own_placeholder(slide, role: str, geometry: Sequence[int], insets: Sequence[int]):
    """A title or body placeholder of our own, where the slide's layout has none: placed and
    inset explicitly, its text styled by the master's title or body style."""
    tree = slide.shapes.element
    used = [int(i) for i in tree.xpath(".//p:ph/@idx") if i.isdigit()]
    idx = max(used, default=0) + 1
    ph = '<p:ph type="title"/>' if role == "title" else f'<p:ph type="body" idx="{idx}"/>'
    x, y, cx, cy = geometry
    left, top, right, bottom = insets
    tree.append(etree.fromstring(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{next_shape_id(slide.shapes)}" '
        f'name="{"Title" if role == "title" else "Content"}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm></p:spPr><p:txBody><a:bodyPr lIns="{left}" tIns="{top}" '
        f'rIns="{right}" bIns="{bottom}"/><a:lstStyle/><a:p/></p:txBody></p:sp>'))
    return SlidePlaceholder(tree[-1], slide.placeholders)
