"""One log line per request: method, path, status and time. Never a query string, a form field,
a file name or a header, so nothing a user typed or sent reaches the log."""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("sessionbuilder.web")


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = 500

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)
        try:
            await self.app(scope, receive, noting)
        finally:
            path = scope.get("raw_path") or scope["path"].encode()  # as sent: percent-encoded
            log.info("%s %s %d %.0fms", scope["method"], path.decode("ascii", "replace"), status,
                     (time.perf_counter() - started) * 1000)
