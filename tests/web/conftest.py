"""Fixtures for the web app: one app with a running build pool per test session (starting
workers takes a second), and clients for it with and without an access token."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sessionbuilder.web.app import create_app
from sessionbuilder.web.settings import Settings

TOKEN = "a-long-enough-shared-secret"


@pytest.fixture(scope="session")
def fixed_epoch():
    """Workers start once per session, so they get the tests' fixed date here."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    yield
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session")
def app(fixed_epoch):  # noqa: ARG001 - the workers must start with the fixed date
    return create_app(Settings(workers=2, timeout=20))


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app, base_url="http://testserver") as c:
        yield c


@pytest.fixture(scope="session")
def token_client(fixed_epoch):  # noqa: ARG001 - as app
    app = create_app(Settings(workers=1, token=TOKEN, timeout=5, queue=1))
    with TestClient(app, base_url="http://testserver") as c:
        yield c


@pytest.fixture(scope="session")
def served():
    """The app served by `sessionbuilder serve` on a free loopback port, for a real browser."""
    from support import free_port, start_server
    port = free_port()
    server = start_server(port)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def cli_process(tmp_path):
    """The CLI as a user runs it: a fresh process (in-process runs carry other tests' state),
    with the workers' fixed date. Returns the bytes it wrote to -o."""
    import subprocess
    import sys

    def run(*args: str, name: str = "out") -> bytes | Path:
        out = tmp_path / name
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
        env.pop("SESSIONBUILDER_LIBRARY", None)
        result = subprocess.run([sys.executable, "-m", "sessionbuilder", *map(str, args), "-o",
                                 str(out)], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return out if out.is_dir() else out.read_bytes()
    return run
