"""Build a session, through the app as a browser would post it: the form's choices with their
counts, the running order as `plan` gives it, downloads equal to the CLI's files, and every
problem beside its field with the error summary at the top."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from support import html_text, make_template

from sessionbuilder.web import security

TRAINER = {"audience": ["education"], "theme": ["neglect", "adolescents"], "minutes": "60"}


def post(client, data: dict, files: dict | None = None, action: str = "preview"):
    client.get("/build")
    form = {**data, "action": action, security.CSRF_FIELD: client.cookies[security.CSRF_COOKIE]}
    return client.post("/build", data=form, files=files or {"template": ("", b"")})


def cli_plan(cli, *args) -> dict:
    result = cli("plan", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_empty_form_offers_labelled_choices_with_counts(client, lib):
    html = client.get("/build").text
    assert "<h1>Build a session</h1>" in html
    education = sum(1 for p in lib.points if "education" in p.audiences or "all" in p.audiences)
    assert re.search(r'<label for="audience-education">Education <span class="count"[^>]*>'
                     r'\((\d+) points\)', html)
    assert '<label for="theme-neglect">Neglect ' in html
    assert 'value="neglect-and-adolescents"' in html and "Neglect and adolescents" in html
    assert "Choose a recipe, or at least one audience or theme" in html
    assert education > 0


def test_counts_follow_what_is_ticked(client, cli):
    html = post(client, {"theme": ["neglect"]}).text
    count = re.search(r'data-count="audience-education">\((\d+) points?\)', html)
    listed = cli("list", "--theme", "neglect", "--audience", "education", "--format", "json")
    assert int(count[1]) == len(json.loads(listed.stdout))


def test_the_running_order_is_the_one_plan_prints(client, cli):
    r = post(client, TRAINER)
    assert r.status_code == 200
    planned = cli_plan(cli, "--audience", "education", "--theme", "neglect", "--theme",
                       "adolescents", "--minutes", "60")
    table = r.text.split('<table class="running-order">')[1].split("</table>")[0]
    rows = re.findall(r'<tr><td class="clock">(\d\d:\d\d)</td><td class="num">([^<]+)</td>'
                      r'<td>([^<]+)</td><td>([^<]+)', table)
    assert [row[3].replace("&#39;", "'").replace("&amp;", "&") for row in rows] == \
        [s["title"] for s in planned["slides"]]
    assert [int(row[1]) if row[1] != "–" else 0 for row in rows] == \
        [s["minutes"] for s in planned["slides"]]
    assert rows[0][0] == "00:00"
    assert f"60 minutes, {len(planned['slides'])} slides, {planned['points']} of " \
           f"{planned['matching']} matching learning points" in r.text
    left = planned["left_out"]
    assert f"<h3>Left out ({len(left)})</h3>" in r.text
    assert left[0]["id"] in r.text and left[0]["reason"] in html_text(r.content)


def test_the_deck_is_the_clis_byte_for_byte(client, cli_process):
    r = post(client, TRAINER, action="deck")
    assert r.status_code == 200, r.text[:2000]
    assert r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.presentationml")
    assert r.content == cli_process("deck", "--audience", "education", "--theme", "neglect",
                                    "--theme", "adolescents", "--minutes", "60", name="cli.pptx")
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="session-') and "filename*=UTF-8''" in disposition


def test_the_pack_holds_the_files_build_writes(client, cli_process):
    r = post(client, {"recipe": "neglect-and-adolescents"}, action="pack")
    assert r.status_code == 200, r.text[:2000]
    tmp_path = cli_process("build", "neglect-and-adolescents", name="pack")
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = sorted(z.namelist())
        assert names == sorted(p.name for p in tmp_path.iterdir())
        for name in names:
            assert z.read(name) == (tmp_path / name).read_bytes(), name


@pytest.mark.parametrize("action, suffix, words", [
    ("handout-docx", ".docx", "Neglect"), ("sheet-html", ".html", "Neglect"),
    ("guide", ".docx", "Running order"), ("evaluation", ".docx", "follow-up")])
def test_each_download_is_the_file_it_names(client, action, suffix, words):
    r = post(client, TRAINER, action=action)
    assert r.status_code == 200, r.text[:2000]
    assert f'{suffix}"' in r.headers["content-disposition"]
    if suffix == ".html":
        assert words in html_text(r.content)
    else:
        from support import docx_text
        assert words.lower() in docx_text(r.content).lower()


def test_a_bad_length_is_named_beside_its_field_and_kept(client):
    r = post(client, {**TRAINER, "minutes": "sixty"})
    assert r.status_code == 400
    assert "<title>Error: Build a session – sessionbuilder</title>" in r.text
    assert '<li><a href="#minutes">Enter the length as a whole number of minutes' in r.text
    assert 'id="minutes-error"' in r.text and 'value="sixty"' in r.text
    assert 'aria-describedby="minutes-hint minutes-error"' in r.text
    assert 'value="neglect" checked' in r.text


def test_a_download_with_nothing_chosen_says_what_to_choose(client):
    r = post(client, {}, action="deck")
    assert r.status_code == 400
    assert '<a href="#recipe">Choose a recipe, or at least one audience or theme</a>' in r.text


def test_an_empty_selection_shows_the_clis_problem(client):
    r = post(client, {"audience": ["education"], "theme": ["neglect"], "recipe": "health"})
    text = html_text(r.content)
    assert r.status_code == 400
    assert "no learning points match this recipe and these filters" in text


def test_script_in_every_field_shows_as_text(client):
    script = "<script>alert(1)</script>"
    r = post(client, {**TRAINER, "title": script, "partnership": script, "primary": script,
                      "accent": script, "minutes": script, "recipe": script,
                      "audience": ["education", script], "theme": [script]})
    assert r.status_code == 400
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = post(client, {**TRAINER, "title": script})
    assert r.status_code == 200 and "<script>alert" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text  # the title, in the running order


def test_a_megabyte_in_a_field_is_refused_beside_it_and_the_next_request_is_served(client):
    r = post(client, {**TRAINER, "title": "x" * 1_000_000})
    assert r.status_code == 400
    assert "Title must be 200 characters or fewer (it has 1,000,000)" in r.text
    assert len(r.text) < 200_000  # not echoed back whole
    assert post(client, TRAINER).status_code == 200


def test_a_program_renamed_pptx_is_refused_by_its_content(client):
    r = post(client, TRAINER, {"template": ("board.pptx", b"MZ\x90\x00" + b"\x00" * 4000)},
             action="deck")
    assert r.status_code == 400
    assert "the template must be a powerpoint file (.pptx or .potx), and it looks like a " \
           "windows program" in html_text(r.content).lower()
    assert 'href="#template"' in r.text
    assert post(client, TRAINER).status_code == 200


def test_a_zip_bomb_template_gets_the_template_limit_message(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/media/bomb.bin", b"\x00" * (80 * 2**20))
    r = post(client, TRAINER, {"template": ("bomb.pptx", buffer.getvalue())}, action="deck")
    assert r.status_code == 400
    assert "inflates to more than 64 MB" in html_text(r.content)
    assert "sessionbuilder-web-" not in r.text  # the temporary folder is never named
    assert post(client, TRAINER).status_code == 200


def test_a_trainers_template_is_used(client, tmp_path):
    template = make_template(tmp_path / "board.pptx")
    r = post(client, TRAINER, {"template": ("My board's template.pptx", template.read_bytes())},
             action="deck")
    assert r.status_code == 200, r.text[:3000]
    from pptx import Presentation
    deck = Presentation(io.BytesIO(r.content))
    assert deck.slide_height * 4 == deck.slide_width * 3  # the template's 4:3, not our 16:9
    assert all(s.shapes.title is None or s.shapes.title.text != "Board template sample slide"
               for s in deck.slides)


def test_branding_and_logo_reach_the_handout(client):
    from PIL import Image
    png = io.BytesIO()
    Image.new("RGB", (120, 60), "#00594F").save(png, "PNG")
    files = {"logo": ("our logo.png", png.getvalue())}
    r = post(client, {**TRAINER, "partnership": "Northshire Safeguarding Children Partnership",
                      "primary": "#00594F"}, files, action="handout-html")
    assert r.status_code == 200, r.text[:3000]
    assert "Northshire Safeguarding Children Partnership" in html_text(r.content)
    assert b"--heading: #00594F" in r.content
    assert b'<img class="logo" src="data:image/png;base64,' in r.content


def test_a_logo_that_is_not_an_image_is_refused(client):
    r = post(client, TRAINER, {"logo": ("logo.png", b"%PDF-1.7 not an image")}, action="deck")
    assert r.status_code == 400
    assert "the logo must be a png, jpeg, gif or bmp image, and it looks like a pdf" in \
        html_text(r.content).lower()


def test_a_100_mb_upload_gets_a_clear_message_and_the_server_goes_on(client):
    r = post(client, TRAINER, {"template": ("big.pptx", b"PK\x03\x04" + b"\x00" * (100 * 2**20))},
             action="deck")
    assert r.status_code == 413
    assert "larger than 25 MB" in r.text
    assert post(client, TRAINER).status_code == 200


def test_no_temporary_folder_is_left_behind(client):
    import tempfile
    before = set(Path(tempfile.gettempdir()).glob("sessionbuilder-web-*"))
    post(client, TRAINER, {"template": ("x.pptx", b"MZ")}, action="deck")
    post(client, TRAINER, action="deck")
    assert set(Path(tempfile.gettempdir()).glob("sessionbuilder-web-*")) <= before
