"""A limit on the bytes one request may send, checked as the body arrives (a Content-Length that
says more is refused at once). An oversized body is read to its end and thrown away before the
answer, so a browser shows the message instead of a reset connection; past a hard cap the
connection is simply dropped."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DRAIN_CAP = 512 * 2**20


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"what was sent is larger than {limit // 2**20} MB, the most this "
                         "server accepts in one go")
        self.limit = limit


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        seen = 0

        async def drain(more: bool) -> None:
            drained = seen
            while more and drained < DRAIN_CAP:
                message = await receive()
                drained += len(message.get("body", b""))
                more = message.get("more_body", False)

        async def limited() -> Message:
            nonlocal seen
            if declared.isdigit() and int(declared) > self.limit:
                await drain(True)
                raise BodyTooLarge(self.limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    await drain(message.get("more_body", False))
                    raise BodyTooLarge(self.limit)
            return message
        await self.app(scope, limited, send)
