"""The library as web pages: an index with filters, a page per point, per audience, theme and
source, and the key figures as tables of values.

`sessionbuilder site` writes these pages as a static site and `serve` answers with the very same
pages, so what a partnership publishes is what its staff browse. Links are relative (a page
under points/ reaches the index as ../index.html), so the site works from any folder of any web
server, or opened from disk. No page has a script; the live index adds a filter form that
works by a plain GET. Jinja2 autoescapes everything: library text is always shown as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from sessionbuilder.documents.model import plain
from sessionbuilder.library.loading import Library
from sessionbuilder.library.models import Branding, Figure, LearningPoint, page_label
from sessionbuilder.render.colours import colours
from sessionbuilder.session.selection import Criteria, resolve, select

LAYOUT = "site/layout.html.j2"
KINDS = {"audiences": "Audience", "themes": "Theme", "sources": "Source"}


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("sessionbuilder.render", "jinja"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["plain"] = plain
    return env


ENV = _environment()


@dataclass(frozen=True)
class PointView:
    id: str
    title: str
    summary: str
    implications: list[str]
    questions: list[str]
    quote: str | None
    quote_page: str
    themes: list[tuple[str, str]]
    audiences: list[tuple[str, str]]
    priority: str
    citation: str
    citation_full: str
    short: str
    page: str
    via: str | None
    url: str | None

    @property
    def theme_labels(self) -> list[str]:
        return [label for _, label in self.themes]


@dataclass(frozen=True)
class FigureView:
    id: str
    title: str
    unit_label: str
    rows: list[tuple[str, str]]
    note: str | None
    citation: str


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class Group:
    kind: str  # the folder of its pages: audiences, themes, sources
    param: str  # the query parameter of the live filter form
    heading: str
    legend: str
    terms: list[Term]
    chosen: tuple[str, ...] = ()


def point_view(lib: Library, p: LearningPoint) -> PointView:
    report = lib.reports[p.source.report]
    return PointView(p.id, p.title, p.summary, list(p.implications), list(p.questions),
                     p.quote.text if p.quote else None,
                     page_label(p.quote.page) if p.quote and p.quote.page else "",
                     [(t, lib.themes.get(t).label) for t in p.themes],
                     [(a, lib.audiences.get(a).label) for a in p.audiences], p.priority,
                     lib.cite(p.source.report, p.source.page), report.citation, report.short,
                     page_label(p.source.page) if p.source.page else "",
                     lib.documents[p.source.document].short if p.source.document else None,
                     report.url)


def figure_view(lib: Library, f: Figure) -> FigureView:
    return FigureView(f.id, f.title, "Per cent" if f.unit == "percent" else "Number",
                      [(i.label, f.value_text(i)) for i in f.items], f.note,
                      lib.cite(f.source.report, f.source.page))


def _count(n: int) -> str:
    return f"{n} learning point{'s' * (n != 1)}"


class LibraryPages:
    """Every page of one library. `live` pages are served by the app and have the filter form;
    the static site's index lists the audiences, themes and sources to browse instead."""

    def __init__(self, lib: Library, live: bool = False, layout: str = LAYOUT,
                 env: Environment = ENV) -> None:
        self.lib, self.live, self.layout, self.env = lib, live, layout, env
        self.counts = {"points": len(lib.points), "sources": len(self.sources())}

    def sources(self) -> list[Term]:
        used: dict[str, int] = {}
        for p in self.lib.points:
            used[p.source.report] = used.get(p.source.report, 0) + 1
        return [Term(r, self.lib.reports[r].short, n) for r, n in used.items()]

    def groups(self, chosen: Criteria | None = None) -> list[Group]:
        chosen = chosen or Criteria()
        def terms(vocab, attr: str) -> list[Term]:
            counts = [(t, sum(t.id in getattr(p, attr) for p in self.lib.points))
                      for t in vocab.terms]
            return [Term(t.id, t.label, n) for t, n in counts if n]
        return [Group("audiences", "audience", "Browse by audience", "Who it is for",
                      terms(self.lib.audiences, "audiences"), chosen.audiences),
                Group("themes", "theme", "Browse by theme", "Themes",
                      terms(self.lib.themes, "themes"), chosen.themes),
                Group("sources", "source", "Browse by source", "Sources", self.sources(),
                      chosen.sources)]

    def _page(self, template: str, root: str, **values) -> str:
        return self.env.get_template(f"site/{template}").render(
            layout=self.layout, root=root, live=self.live, counts=self.counts, **values)

    def index(self, audiences: Sequence[str] = (), themes: Sequence[str] = (),
              sources: Sequence[str] = (), words: str = "") -> str:
        """All points, or those the filters select as `sessionbuilder list` selects them
        (raises InputError for an unknown audience, theme or source)."""
        criteria = resolve(self.lib, audiences, themes, sources, (), words)
        points = select(self.lib, criteria)
        filtered = bool(audiences or themes or sources or words.strip())
        heading = (f"{_count(len(points))} match" if filtered
                   else f"All {_count(len(points))}")
        return self._page("index.html.j2", "", page_title="Learning points from case reviews",
                          groups=self.groups(criteria), words=words,
                          points=[point_view(self.lib, p) for p in points],
                          results_heading=heading)

    def point(self, point_id: str) -> str | None:
        p = self.lib.point(point_id)
        if p is None:
            return None
        return self._page("point.html.j2", "../", page_title=plain(p.title),
                          p=point_view(self.lib, p))

    def term(self, kind: str, term_id: str) -> str | None:
        """The page of one audience, theme or source: its points (and a theme's figures)."""
        title = self.title(kind, term_id)
        if title is None:
            return None
        if kind == "sources":
            report = self.lib.reports[term_id]
            description, link = report.citation, report.url
            points = select(self.lib, Criteria(sources=(term_id,)))
            figures = [f for f in self.lib.figures if f.source.report == term_id]
        else:
            vocab = self.lib.audiences if kind == "audiences" else self.lib.themes
            description, link = vocab.get(term_id).description, None
            points = select(self.lib, Criteria(**{kind: (term_id,)}))
            figures = [f for f in self.lib.figures if term_id in f.themes]
        return self._page("term.html.j2", "../", page_title=title, description=description,
                          link=link, kind_label=KINDS[kind], results_heading=_count(len(points)),
                          points=[point_view(self.lib, p) for p in points],
                          figures=[figure_view(self.lib, f) for f in figures])

    def title(self, kind: str, term_id: str) -> str | None:
        """The heading of an audience's, theme's or source's page; None when there is none."""
        if kind == "sources":
            report = self.lib.reports.get(term_id)
            return plain(report.short) if report else None
        vocab = {"audiences": self.lib.audiences, "themes": self.lib.themes}.get(kind)
        if vocab is None or term_id not in vocab.ids:
            return None
        label = vocab.get(term_id).label
        return f"For {label[0].lower()}{label[1:]}" if kind == "audiences" else label

    def figures(self) -> str:
        return self._page("figures.html.j2", "", page_title="Key figures",
                          figures=[figure_view(self.lib, f) for f in self.lib.figures])


BARE = "site/bare.html.j2"  # a page's content alone, for the web app's own layout


def stylesheet(static: bool = True, branding: Branding | None = None) -> str:
    """The static site's whole stylesheet (the documents' own, then the library pages'
    pieces and the site's frame), or for the web app, which has the rest, the pieces alone."""
    from sessionbuilder.render import html
    branding = branding or Branding()
    own = ENV.get_template("site/site.css.j2").render(c=colours(branding), static=static)
    return html.stylesheet(branding) + own if static else own


def site_files(lib: Library) -> dict[str, bytes]:
    """Every file of the static site, by relative path, in a fixed order."""
    pages = LibraryPages(lib)
    files = {"index.html": pages.index(), "figures.html": pages.figures(),
             "style.css": stylesheet()}
    for group in pages.groups():
        for term in group.terms:
            files[f"{group.kind}/{term.id}.html"] = pages.term(group.kind, term.id) or ""
    for p in lib.points:
        files[f"points/{p.id}.html"] = pages.point(p.id) or ""
    return {name: text.encode("utf-8") for name, text in files.items()}
