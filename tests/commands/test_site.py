"""`sessionbuilder site -o DIR`."""

from __future__ import annotations

from support import BRIEFING, html_text


def test_site_writes_every_page(cli, tmp_path):
    from sessionbuilder.library.loading import load_library
    out = tmp_path / "site"
    result = cli("site", "--library", BRIEFING, "-o", out)
    assert result.exit_code == 0, result.output
    points = len(load_library([BRIEFING]).points)
    assert result.output.startswith("Wrote ") and f"{points} point pages" in result.output
    assert (out / "style.css").is_file()
    assert "The father was not seen by any agency" in html_text(
        (out / "sources" / "review-child-b.html").read_bytes())
    first = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert cli("site", "--library", BRIEFING, "-o", out).exit_code == 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == first


def test_site_refuses_a_file_and_stdout(cli, tmp_path):
    file = tmp_path / "x.html"
    file.write_text("mine")
    result = cli("site", "-o", file)
    assert result.exit_code == 2 and "is a file, not a folder" in result.output
    assert file.read_text() == "mine"
    assert cli("site", "-o", "-").exit_code == 2
