"""The writers that reach past a library's public API say so here: a new version that moves what
they use fails these tests by name, instead of giving wrong output later."""

from __future__ import annotations

from importlib.metadata import version


def major_minor(name: str) -> tuple[int, int]:
    return tuple(int(x) for x in version(name).split(".")[:2])  # type: ignore[return-value]


def test_reportlab_is_a_version_the_pdf_writer_was_tested_with():
    # render/pdf sets the document's timestamp and save flag through reportlab's internals
    assert (5, 1) <= major_minor("reportlab") < (6, 0), "check render/pdf/base.py's _startBuild use"
    from reportlab.platypus.doctemplate import BaseDocTemplate
    assert hasattr(BaseDocTemplate, "_startBuild")


def test_python_pptx_is_the_minor_version_render_pptx_oxml_was_written_for():
    # render/pptx/oxml.py is the one module reading python-pptx's private attributes
    assert major_minor("python-pptx") == (1, 0), "check every private access in render/pptx/oxml.py"
    from pptx.oxml.shapes.groupshape import CT_GroupShape
    from pptx.oxml.presentation import CT_SlideIdList
    assert hasattr(CT_GroupShape, "_next_shape_id") and hasattr(CT_SlideIdList, "_add_sldId")
