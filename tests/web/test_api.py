"""The JSON API answers as the CLI does: /api/plan with what `plan --format json` prints, the
others with the CLI's file, and a bad request with a 4xx and the CLI's own problem lines."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

BODY = {"audiences": ["education"], "themes": ["neglect", "adolescents"], "minutes": 60}
ARGS = ("--audience", "education", "--theme", "neglect", "--theme", "adolescents", "--minutes", "60")


def test_plan_is_what_plan_format_json_prints(client, cli):
    r = client.post("/api/plan", json=BODY)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == json.loads(cli("plan", *ARGS, "--format", "json").stdout)


@pytest.mark.parametrize("endpoint, command, extra, name", [
    ("deck", "deck", {}, "session-neglect-adolescents-education.pptx"),
    ("handout", "handout", {"format": "docx"}, "session-neglect-adolescents-education-handout.docx"),
    ("guide", "guide", {}, "session-neglect-adolescents-education-guide.docx"),
    ("evaluation", "evaluation", {"format": "html"},
     "session-neglect-adolescents-education-evaluation.html"),
])
def test_files_are_the_clis_byte_for_byte(client, cli_process, endpoint, command, extra, name):
    r = client.post(f"/api/{endpoint}", json={**BODY, **extra})
    assert r.status_code == 200, r.text
    fmt = ["--format", extra["format"]] if extra else []
    assert r.content == cli_process(command, *ARGS, *fmt, name=name)
    assert f'filename="{name}"' in r.headers["content-disposition"]


def test_sheet_takes_the_sheet_commands_options(client, cli_process):
    r = client.post("/api/sheet", json={"themes": ["domestic-abuse"], "audiences": ["police"],
                                        "format": "html"})
    assert r.status_code == 200, r.text
    assert r.content == cli_process("sheet", "--theme", "domestic-abuse", "--audience", "police",
                                    name="sheet.html")


def test_pack_holds_the_files_build_writes(client, cli_process):
    r = client.post("/api/pack", json={"recipe": "health"})
    assert r.status_code == 200, r.text
    tmp_path = cli_process("build", "health", name="pack")
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert sorted(z.namelist()) == sorted(p.name for p in tmp_path.iterdir())
        assert all(z.read(p.name) == p.read_bytes() for p in tmp_path.iterdir())
    assert client.post("/api/pack", json={"recipe": "health"}).content == r.content


def test_a_misspelt_theme_gets_the_clis_line(client, cli):
    r = client.post("/api/deck", json={"themes": ["negelct"]})
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    expected = cli("deck", "--theme", "negelct").stderr.strip().splitlines()
    assert r.json()["problems"] == expected
    assert "did you mean" in expected[0]


def test_a_body_outside_the_schema_names_each_field(client):
    r = client.post("/api/deck", json={"minutes": 5, "colour": "red", "themes": "neglect"})
    assert r.status_code == 400
    problems = r.json()["problems"]
    assert "error: minutes: Input should be greater than or equal to 10" in problems
    assert "error: colour: Extra inputs are not permitted" in problems
    assert any(p.startswith("error: themes: ") for p in problems)


def test_a_form_post_cannot_call_the_api(client):
    """A cross-site form can send text/plain, never JSON: the API does not read it."""
    r = client.post("/api/deck", content=b'{"themes": ["neglect"]}',
                    headers={"content-type": "text/plain"})
    assert r.status_code == 400


def test_warnings_come_in_a_header(client):
    r = client.post("/api/deck", json={"recipe": "health", "themes": ["neglect"]})
    assert r.status_code == 200
    warnings = json.loads(r.headers["x-sessionbuilder-warnings"])
    assert any("narrowed by these options" in w for w in warnings)


def test_openapi_describes_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {f"/api/{k}" for k in
                                    ("plan", "deck", "handout", "sheet", "guide", "evaluation", "pack")}
    html = client.get("/api/docs").text
    assert "<code>POST /api/deck</code>" in html
    assert "<th scope=\"row\"><code>minutes</code></th><td>integer or null</td>" \
           "<td>at least 10; at most 10000</td>" in html
