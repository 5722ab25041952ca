"""The live library pages: the static site's own pages in the app's layout, filtered as
`sessionbuilder list` filters."""

from __future__ import annotations

import re

import pytest
from support import html_text

from sessionbuilder.library.loading import load_library
from sessionbuilder.render.pages import site_files
from sessionbuilder.session.selection import resolve, select


@pytest.fixture(scope="module")
def static():
    return site_files(load_library())


def main_of(html: str) -> str:
    return re.search(r'<div class="library">(.*)</div>\s*</main>', html, re.DOTALL)[1]


@pytest.mark.parametrize("path", ["points/da-living-with-abuse-always-harmful.html",
                                  "themes/neglect.html", "audiences/health.html",
                                  "sources/dfe-2020.html", "figures.html"])
def test_live_page_is_the_static_page(client, static, path):
    r = client.get(f"/library/{path}")
    assert r.status_code == 200
    static_main = re.search(r'<main id="main" tabindex="-1">(.*)</main>', static[path].decode(), re.DOTALL)[1]
    assert main_of(r.text).strip() == static_main.strip()
    assert f'href="{"../" * path.count("/")}style.css"' in r.text


def test_filters_select_as_list_does(client, lib):
    r = client.get("/library/?audience=health&theme=neglect&theme=poverty&words=poverty")
    expected = select(lib, resolve(lib, ["health"], ["neglect", "poverty"], (), (), "poverty"))
    titles = re.findall(r'<h3 class="point-title"><a href="points/([^"]+)\.html">', r.text)
    assert titles == [p.id for p in expected] and titles
    words = html_text(r.content)
    assert f"{len(expected)} learning point{'s' * (len(expected) != 1)} match" in words
    assert 'id="theme-poverty" name="theme" value="poverty" checked' in r.text
    assert 'id="audience-education" name="audience" value="education">' in r.text
    assert 'value="poverty" aria-describedby="words-hint"' in r.text


def test_nothing_matches(client):
    words = html_text(client.get("/library/index.html?words=zzzqqq").content)
    assert "0 learning points match No learning points match." in words


def test_unknown_filter_value_is_an_error_summary(client):
    r = client.get("/library/?theme=<script>")
    assert r.status_code == 400
    assert "unknown theme &#39;&lt;script&gt;&#39;" in r.text and "<script>" not in r.text.replace(
        '<script src="/static/app.js" defer></script>', "")


@pytest.mark.parametrize("path", ["nope.html", "points/nope.html", "themes/nope.html",
                                  "points/../../etc/passwd", "a/b/c.html", "style"])
def test_unknown_pages_are_404(client, path):
    assert client.get(f"/library/{path}").status_code == 404


def test_library_stylesheet_and_redirect(client):
    assert client.get("/library/style.css").headers["content-type"].startswith("text/css")
    r = client.get("/library", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/library/"
