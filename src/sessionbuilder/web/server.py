"""`sessionbuilder serve`: checks who may connect, then runs the app on uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

from sessionbuilder.errors import InputError
from sessionbuilder.web.settings import Settings, is_loopback

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def read_token(path: Path) -> str:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"token file cannot be read: {getattr(e, 'strerror', None) or e}",
                         file=path) from None
    if len(token) < 16 or "\n" in token:
        raise InputError("token file must hold one line of at least 16 characters", file=path,
                         hint="make one with: python3 -c 'import secrets; "
                              "print(secrets.token_urlsafe(24))' > token.txt")
    return token


def check_access(settings: Settings) -> list[str]:
    """Refuses an address others can reach unless access is decided; returns warnings."""
    if settings.token and settings.no_auth:
        raise InputError("--token-file and --no-auth cannot be used together")
    if not is_loopback(settings.host) and not settings.token and not settings.no_auth:
        raise InputError(f"--host {settings.host} lets other computers connect, so say who may use it",
                         hint="give --token-file FILE (a shared access code), or --no-auth when "
                              "your own sign-in (a reverse proxy) already protects it")
    if settings.no_auth:
        return ["--no-auth: anyone who can reach this address can use the server; run it only "
                "behind your organisation's own sign-in"]
    return []


def serve(settings: Settings) -> None:
    import uvicorn

    from sessionbuilder.library.loading import load_library
    from sessionbuilder.web.app import create_app
    load_library(settings.libraries)  # a broken library is reported now, not on each request
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, access_log=False,
                server_header=False, proxy_headers=True, log_config=None,
                timeout_graceful_shutdown=5)
