"""The JSON API: the CLI's operations for a partnership's intranet or learning system. Each
endpoint takes the CLI's options as a JSON body and answers with what the command would write:
/api/plan with what `plan --format json` prints, the others with the file. A bad request gets a
4xx with `{"title", "status", "problems": [...]}`, the problems being the lines the CLI prints.
Described in OpenAPI at /openapi.json and on the page /api/docs."""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response

from sessionbuilder.commands import build
from sessionbuilder.web import failures, jobs, uploads
from sessionbuilder.web.pages import page

router = APIRouter(prefix="/api")
NAV = ("/api/docs", "API")

FILE = {200: {"description": "The file, as an attachment named as the CLI names it.",
              "content": {"application/octet-stream": {}}},
        400: {"description": "The request cannot be used: the CLI's problem lines.",
              "content": {"application/problem+json": {}}},
        422: {"description": "A library or recipe has problems: one line each, as the CLI prints."},
        503: {"description": "Every worker is busy: try again after Retry-After seconds."},
        504: {"description": "The build ran past the time limit and was stopped."}}


class SessionOptions(BaseModel):
    """The options of `deck`, `handout`, `guide`, `evaluation` and `plan`: a recipe, or
    audiences, themes and sources (ids, labels or aliases, as on the command line)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"audiences": ["education"], "themes": ["neglect", "adolescents"], "minutes": 60}]})

    recipe: str | None = Field(None, max_length=100, description="A bundled recipe's name.")
    audiences: list[str] = Field([], max_length=50)
    themes: list[str] = Field([], max_length=50)
    sources: list[str] = Field([], max_length=50)
    minutes: int | None = Field(None, ge=10, le=10_000)
    title: str | None = Field(None, max_length=200)

    def request(self, libraries, command: str) -> build.Request:
        return build.Request(recipe=self.recipe, audiences=tuple(self.audiences),
                             themes=tuple(self.themes), libraries=libraries, minutes=self.minutes,
                             title=self.title, sources=tuple(self.sources), command=command)


class DocumentOptions(SessionOptions):
    format: Literal["pdf", "docx", "html"] | None = None


class SheetOptions(BaseModel):
    """The options of `sheet`: a one-page learning sheet, or a local review's briefing."""

    model_config = ConfigDict(extra="forbid")
    audiences: list[str] = Field([], max_length=50)
    themes: list[str] = Field([], max_length=50)
    sources: list[str] = Field([], max_length=50)
    title: str | None = Field(None, max_length=200)
    paper: Literal["a4", "letter"] = "a4"
    format: Literal["pdf", "docx", "html"] | None = None


async def _file(request: Request, fn, *args) -> Response:
    outcome = await jobs.run(request, fn, *args)
    if outcome.problems:
        return failures.problem(request, outcome.status, outcome.problems)
    built = outcome.value
    response = uploads.attachment(built.data, built.name)
    if outcome.warnings:
        response.headers["x-sessionbuilder-warnings"] = json.dumps(list(outcome.warnings))[:8000]
    return response


def _libraries(request: Request):
    return request.app.state.settings.libraries


@router.post("/plan", responses={200: {"description": "The running order: what `plan --format "
                                                     "json` prints."},
                                 400: FILE[400], 422: FILE[422]},
             summary="The running order, as `plan --format json` prints it")
async def plan(request: Request, options: SessionOptions) -> Response:
    outcome = await jobs.quick(build.running_order, options.request(_libraries(request), "plan"),
                              "json")
    if outcome.problems:
        return failures.problem(request, outcome.status, outcome.problems)
    return Response(outcome.value.summary, media_type="application/json")


@router.post("/deck", responses=FILE, summary="The session's PowerPoint deck")
async def deck(request: Request, options: SessionOptions) -> Response:
    return await _file(request, build.build_deck, options.request(_libraries(request), "deck"))


@router.post("/handout", responses=FILE, summary="The participants' handout (PDF by default)")
async def handout(request: Request, options: DocumentOptions) -> Response:
    return await _file(request, build.build_handout, options.request(_libraries(request), "handout"),
                       options.format or "pdf")


@router.post("/guide", responses=FILE, summary="The facilitator guide (Word by default)")
async def guide(request: Request, options: DocumentOptions) -> Response:
    return await _file(request, build.build_paperwork, options.request(_libraries(request), "guide"),
                       "guide", options.format or "docx")


@router.post("/evaluation", responses=FILE, summary="The evaluation form (Word by default)")
async def evaluation(request: Request, options: DocumentOptions) -> Response:
    return await _file(request, build.build_paperwork,
                       options.request(_libraries(request), "evaluation"), "evaluation",
                       options.format or "docx")


@router.post("/sheet", responses=FILE, summary="A one-page learning sheet (PDF by default)")
async def sheet(request: Request, options: SheetOptions) -> Response:
    req = build.SheetRequest(audiences=tuple(options.audiences), themes=tuple(options.themes),
                             libraries=_libraries(request), sources=tuple(options.sources),
                             title=options.title, paper=options.paper)
    return await _file(request, build.build_sheet, req, options.format or "pdf")


@router.post("/pack", responses=FILE, summary="The whole pack as one .zip: the files `build` writes")
async def pack(request: Request, options: SessionOptions) -> Response:
    return await _file(request, build.build_pack_zip, options.request(_libraries(request), "build"))


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> Response:
    """The API described from its own OpenAPI schema, as a page (Swagger UI needs a CDN)."""
    schema = request.app.openapi()
    return page(request, "api.html.j2", {"version": schema["openapi"],
                                         "endpoints": list(_endpoints(schema))})


def _type(prop: dict) -> str:
    if "enum" in prop:
        return " or ".join(f'"{v}"' for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"])
    if prop.get("type") == "array":
        return f"list of {_type(prop.get('items', {}))}"
    return prop.get("type", "")


def _notes(prop: dict) -> str:
    limits = {**prop, **next((p for p in prop.get("anyOf", []) if p.get("type") != "null"), {})}
    notes = [prop.get("description", "").rstrip(".")]
    for key, words in (("minimum", "at least"), ("maximum", "at most"),
                       ("maxLength", "at most"), ("maxItems", "at most")):
        if key in limits:
            unit = {"maxLength": " characters", "maxItems": " values"}.get(key, "")
            notes.append(f"{words} {limits[key]:g}{unit}")
    if prop.get("default") not in (None, []):
        notes.append(f"default {prop['default']}")
    return "; ".join(n for n in notes if n)


def _endpoints(schema: dict):
    """Each operation with its body's fields, read from the OpenAPI schema itself."""
    models = schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            body = models[ref.rsplit("/", 1)[-1]]
            fields = [(name, _type(prop), _notes(prop)) for name, prop in body["properties"].items()]
            answers = [(code, r["description"]) for code, r in op["responses"].items()
                       if code != "422" or "problems" in r["description"]]
            yield {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                   "body": body.get("description", ""), "fields": fields, "answers": answers}


def _field(loc) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


async def invalid(request: Request, e: Exception) -> Response:
    """A body that does not fit the schema: one problem line per field, as the CLI names a bad
    option."""
    assert isinstance(e, RequestValidationError)
    lines = [f"error: {_field(err['loc'])}: {err['msg']}" for err in e.errors()]
    return failures.problem(request, 400, lines)
