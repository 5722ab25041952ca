"""The home page: what the tool makes, and a way into each page."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from sessionbuilder.web.pages import page

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request) -> Response:
    return page(request, "home.html.j2")
