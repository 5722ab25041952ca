"""The app's frame: headers on every answer, pages in the shared layout, failures as pages or
JSON with no stack trace, the body limit, and `serve`'s refusal to listen unprotected."""

from __future__ import annotations

import re

from sessionbuilder.web import security

TOKEN = "a-long-enough-shared-secret"  # as tests/web/conftest.py gives the app


def test_every_answer_has_the_security_headers(client):
    for path in ("/", "/static/app.css", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == "no-store"


def test_home_page_is_in_the_shared_layout_with_no_inline_script(client):
    html = client.get("/").text
    assert '<html lang="en-GB">' in html
    assert "<title>Home – sessionbuilder</title>" in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert 'href="/static/document.css"' in html and 'href="/static/app.css"' in html


def test_documents_stylesheet_is_the_html_writers_own(client):
    css = client.get("/static/document.css")
    assert css.headers["content-type"].startswith("text/css")
    assert ".band {" in css.text and "--heading: #" in css.text


def test_unknown_page_is_a_page_not_a_trace(client):
    r = client.get("/no-such-page")
    assert r.status_code == 404
    assert "<h1>Page not found</h1>" in r.text and "Traceback" not in r.text


def test_unknown_api_path_is_json(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 404


def test_a_body_over_the_limit_gets_a_clear_413_and_the_next_request_is_served(app, client):
    limit = app.state.settings.max_upload
    r = client.post("/login", content=b"x" * (limit + 1),
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert "larger than 25 MB" in r.text
    assert client.get("/").status_code == 200


def test_the_log_has_one_line_per_request_and_no_form_contents(client, caplog):
    import logging
    caplog.set_level(logging.INFO, logger="sessionbuilder.web")
    client.get("/login")
    client.post("/login?next=secret-in-query", data={"token": "Secret 12345", "csrf": client.cookies[
        security.CSRF_COOKIE]}, follow_redirects=False)
    lines = [r.getMessage() for r in caplog.records if r.name == "sessionbuilder.web"]
    assert len(lines) == 2
    assert re.fullmatch(r"GET /login 200 \d+ms", lines[0])
    assert re.fullmatch(r"POST /login 303 \d+ms", lines[1])
    assert "Secret" not in caplog.text and "secret-in-query" not in caplog.text


def test_a_form_without_its_csrf_token_is_refused(client):
    r = client.post("/login", data={"token": "x"})
    assert r.status_code == 403
    assert "expired or came from another site" in r.text


def test_a_form_from_another_site_is_refused_even_with_the_token(client):
    client.get("/login")
    csrf = client.cookies[security.CSRF_COOKIE]
    r = client.post("/login", data={"csrf": csrf}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403


class TestToken:
    def test_pages_ask_for_the_access_code_first(self, token_client):
        token_client.cookies.clear()
        r = token_client.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/"

    def test_the_api_answers_401_in_json(self, token_client):
        token_client.cookies.clear()
        r = token_client.post("/api/plan", json={})
        assert r.status_code == 401 and r.json()["problems"][0].startswith("error: ")

    def test_a_wrong_code_is_named_beside_its_field(self, token_client):
        token_client.cookies.clear()
        token_client.get("/login")
        r = token_client.post("/login", data={"token": "wrong", "csrf": token_client.cookies[
            security.CSRF_COOKIE], "next": "/"}, follow_redirects=False)
        assert r.status_code == 401
        assert "<title>Error: Sign in – sessionbuilder</title>" in r.text
        assert 'href="#token">That access code is not right' in r.text

    def test_the_right_code_sets_a_strict_httponly_cookie_and_lets_the_user_in(self, token_client):
        token_client.cookies.clear()
        token_client.get("/login")
        r = token_client.post("/login", data={"token": TOKEN, "csrf": token_client.cookies[
            security.CSRF_COOKIE], "next": "//evil.example/"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = [c for c in r.headers.get_list("set-cookie") if c.startswith(security.AUTH_COOKIE)][0]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
        assert token_client.get("/", follow_redirects=False).status_code == 200

    def test_the_api_takes_the_token_as_a_bearer_header(self, token_client):
        token_client.cookies.clear()
        r = token_client.get("/", headers={"authorization": f"Bearer {TOKEN}"},
                             follow_redirects=False)
        assert r.status_code == 200


class TestServe:
    def test_refuses_another_address_without_a_token_or_no_auth(self, cli):
        result = cli("serve", "--host", "0.0.0.0")
        assert result.exit_code == 2
        assert "--host 0.0.0.0 lets other computers connect" in result.stderr
        assert "--token-file" in result.stderr

    def test_refuses_a_short_token_file(self, cli, tmp_path):
        (tmp_path / "token").write_text("short\n")
        result = cli("serve", "--host", "0.0.0.0", "--token-file", tmp_path / "token")
        assert result.exit_code == 2 and "at least 16 characters" in result.stderr

    def test_no_auth_warns(self):
        from sessionbuilder.web.server import check_access
        from sessionbuilder.web.settings import Settings
        warnings = check_access(Settings(host="0.0.0.0", no_auth=True))
        assert "anyone who can reach this address" in warnings[0]
        assert check_access(Settings()) == []
