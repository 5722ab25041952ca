"""The web writer (Jinja2): a `Document` as one self-contained, accessible HTML page.

This is the only module that imports Jinja2; its templates sit beside it in `jinja/`.
Autoescaping is on for everything, so text from a library is always shown as text, never read
as markup. The page has no scripts and fetches nothing: styles are inline and the logo is a
data URI. Key figures are tables of values, each value with an inline SVG bar. A print
stylesheet sets a one-page document on one sheet of paper, in two columns.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from sessionbuilder.documents.model import (URL, Distribution, Document, Figure, Heading, Items,
                                            Para, Quote, Table, lead_in, plain)
from sessionbuilder.errors import InputError
from sessionbuilder.library.models import Branding
from sessionbuilder.render.colours import RATING_COLOURS, colours

PAPERS = {"a4": "A4", "letter": "letter"}
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".bmp": "image/bmp"}


@dataclass(frozen=True)
class HtmlOptions:
    paper: str = "a4"




def _linked(text: str) -> Markup:
    """Escaped text with its web addresses as links."""
    text = plain(text)
    out, last = [], 0
    for m in URL.finditer(text):
        out += [escape(text[last:m.start()]), Markup('<a href="{0}">{0}</a>').format(m[0])]
        last = m.end()
    return Markup("").join([*out, escape(text[last:])])


def _bar_share(figure: Figure, value: float) -> float:
    """A value's bar length as a share (0-100) of the longest bar, or of 100 for percentages."""
    top = max(figure.chart.values, default=1.0)
    if figure.chart.unit == "percent":
        top = max(top, 100.0)
    return round(100 * max(value, 0) / top, 1) if top > 0 else 0.0


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("sessionbuilder.render", "jinja"),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["plain"] = plain
    env.filters["linked"] = _linked
    env.filters["lead_in"] = lead_in
    env.globals["zip"] = zip
    env.globals["rating_colours"] = RATING_COLOURS
    env.filters["bar"] = _bar_share
    env.tests.update(heading=lambda b: isinstance(b, Heading), para=lambda b: isinstance(b, Para),
                     items=lambda b: isinstance(b, Items), figure=lambda b: isinstance(b, Figure),
                     quote=lambda b: isinstance(b, Quote), table=lambda b: isinstance(b, Table),
                     distribution=lambda b: isinstance(b, Distribution))
    return env


_ENV = _environment()


def _logo(path: Path | None) -> str | None:
    if path is None:
        return None
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"logo '{path.name}' is not a PNG, JPEG, GIF or BMP image", file=path)
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def stylesheet(branding: Branding = Branding(), paper: str = "a4") -> str:
    """The documents' own stylesheet, for pages that should look like them (the web app's)."""
    return _ENV.get_template("document.css.j2").render(
        doc=SimpleNamespace(one_page=False), c=colours(branding), paper=PAPERS[paper])


def render(doc: Document, options: HtmlOptions = HtmlOptions()) -> bytes:
    try:
        paper = PAPERS[options.paper.lower()]
    except KeyError:
        raise InputError(f"unknown paper size '{options.paper}'", hint="use a4 or letter") from None
    page = _ENV.get_template("document.html.j2").render(
        doc=doc, c=colours(doc.branding), logo=_logo(doc.logo), paper=paper)
    return page.encode("utf-8")
