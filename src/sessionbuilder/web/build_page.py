"""Build a session: the trainer's page. Choose a recipe, or audiences and themes (each with how
many points match), the minutes and a title, optionally the partnership's look and PowerPoint
template; see the running order; download any part of the pack or all of it.

Without JavaScript every button posts the form and the page comes back; with it (build.js) a
change re-posts the form for a preview and swaps the running order in place. Downloads call
the same `commands.build` functions as the CLI, so the deck is the CLI's, byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from sessionbuilder.commands import build, choices, preview
from sessionbuilder.text import clean
from sessionbuilder.web import forms, jobs, uploads
from sessionbuilder.web.pages import FormErrors, page

router = APIRouter()
NAV = ("/build", "Build a session")
CARD = ("/build", "Build a session",
        "For trainers: choose a recipe, or audiences and themes, and the length. See the running "
        "order, then download the slides, handout, learning sheet, facilitator guide and "
        "evaluation form, or all of them at once.")

MINUTES = (10, 10_000)  # as the CLI's --minutes
TITLE_MAX, NAME_MAX = 200, 120
COLOUR = re.compile(r"#?[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Download:
    label: str
    kind: str  # a build function below
    fmt: str = ""


DOWNLOADS = {
    "deck": Download("Slides (PowerPoint)", "deck"),
    "handout-pdf": Download("Handout (PDF)", "handout", "pdf"),
    "handout-docx": Download("Handout (Word)", "handout", "docx"),
    "handout-html": Download("Handout (web page)", "handout", "html"),
    "sheet-pdf": Download("Learning sheet (PDF)", "sheet", "pdf"),
    "sheet-docx": Download("Learning sheet (Word)", "sheet", "docx"),
    "sheet-html": Download("Learning sheet (web page)", "sheet", "html"),
    "guide": Download("Facilitator guide (Word)", "guide", "docx"),
    "evaluation": Download("Evaluation form (Word)", "evaluation", "docx"),
    "pack": Download("Everything (.zip)", "pack"),
}


@dataclass
class SessionForm:
    """What the trainer typed and ticked, kept as typed so the page shows it back."""

    recipe: str = ""
    audiences: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    minutes: str = ""
    title: str = ""
    partnership: str = ""
    primary: str = ""
    accent: str = ""

    @property
    def chosen(self) -> bool:
        return bool(self.recipe or self.audiences or self.themes)

    @property
    def branded(self) -> bool:
        return bool(self.partnership or self.primary or self.accent)


def _text(form: FormData, name: str, limit: int, label: str, errors: FormErrors) -> str:
    value = forms.text(form, name).strip()
    if len(value) > limit:
        errors.add(name, f"{label} must be {limit} characters or fewer (it has {len(value):,})")
        return value[:limit]
    bad = clean.problem(value, clean.UNDECODED) if value else None
    if bad:
        errors.add(name, f"{label} {bad[1]}")
    return clean.clean(value)


def read(form: FormData, offered: choices.Choices) -> tuple[SessionForm, FormErrors]:
    errors = FormErrors()
    values = SessionForm(
        recipe=forms.text(form, "recipe"),
        audiences=[a for a in forms.texts(form, "audience")],
        themes=[t for t in forms.texts(form, "theme")],
        minutes=forms.text(form, "minutes").strip()[:20],
        title=_text(form, "title", TITLE_MAX, "Title", errors),
        partnership=_text(form, "partnership", NAME_MAX, "Partnership name", errors),
        primary=forms.text(form, "primary").strip()[:20],
        accent=forms.text(form, "accent").strip()[:20])
    if values.recipe and values.recipe not in {r.name for r in offered.recipes}:
        errors.add("recipe", "Choose one of the recipes listed")
    known_audiences, known_themes = {c.id for c in offered.audiences}, {c.id for c in offered.themes}
    if any(a not in known_audiences for a in values.audiences):
        errors.add("audience", "Choose audiences from the list")
    if any(t not in known_themes for t in values.themes):
        errors.add("theme", "Choose themes from the list")
    if values.minutes and not (values.minutes.isdigit()
                               and MINUTES[0] <= int(values.minutes) <= MINUTES[1]):
        errors.add("minutes", f"Enter the length as a whole number of minutes, from {MINUTES[0]} "
                              f"to {MINUTES[1]:,}")
    for name, label in (("primary", "Main colour"), ("accent", "Accent colour")):
        if getattr(values, name) and not COLOUR.fullmatch(getattr(values, name)):
            errors.add(name, f"{label} must be a colour like #1D70B8 (# and six letters or digits)")
    return values, errors


def _branding_library(values: SessionForm, logo: Path | None, folder: Path) -> Path:
    """The partnership's look as a library folder holding only branding.yaml, which the
    pipeline reads as it reads a user's own library (`sessionbuilder init` makes the same)."""
    brand = {k: v for k, v in (("partnership", values.partnership),
                               ("primary", values.primary.lstrip("#").upper()),
                               ("accent", values.accent.lstrip("#").upper())) if v}
    if logo:
        brand["logo"] = logo.name
    library = folder / "branding"
    library.mkdir()
    (library / "branding.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True),
                                           encoding="utf-8")
    if logo:
        logo.rename(library / logo.name)
    return library


def to_request(values: SessionForm, libraries: tuple[Path, ...], template: Path | None = None
               ) -> build.Request:
    return build.Request(recipe=values.recipe or None, audiences=tuple(values.audiences),
                         themes=tuple(values.themes), libraries=libraries,
                         minutes=int(values.minutes) if values.minutes else None,
                         title=values.title or None, template=template)


async def _page(request: Request, values: SessionForm, errors: FormErrors,
                libraries: tuple[Path, ...], status: int = 200) -> Response:
    offered = await jobs.quick(choices.session_choices, libraries, tuple(values.audiences),
                               tuple(values.themes))
    shown = None
    if values.chosen and not errors:
        outcome = await jobs.quick(preview.preview, to_request(values, libraries))
        for line in outcome.problems:
            errors.add("", line.removeprefix("error: "))
        shown = outcome.value
        status = outcome.status if outcome.problems else status
    return page(request, "build.html.j2",
                {"values": values, "offered": offered.value, "preview": shown,
                 "downloads": DOWNLOADS}, errors=errors, status=400 if errors else status)


@router.get("/build", include_in_schema=False)
async def build_form(request: Request) -> Response:
    return await _page(request, SessionForm(), FormErrors(), request.app.state.settings.libraries)


@router.post("/build", include_in_schema=False)
async def build_post(request: Request) -> Response:
    libraries = request.app.state.settings.libraries
    async with forms.posted(request) as form:
        offered = (await jobs.quick(choices.session_choices, libraries)).value
        values, errors = read(form, offered)
        action = forms.text(form, "action")
        wanted = DOWNLOADS.get(action)
        if wanted is None or errors:
            return await _page(request, values, errors, libraries)
        if not values.chosen:
            errors.add("recipe", "Choose a recipe, or at least one audience or theme")
            return await _page(request, values, errors, libraries)
        with uploads.workspace() as folder:
            template, logo = await _save_uploads(form, folder, errors)
            if errors:
                return await _page(request, values, errors, libraries)
            extra = (_branding_library(values, logo, folder),) if values.branded or logo else ()
            req = to_request(values, (*extra, *libraries), template)
            outcome = await jobs.run(request, make, req, wanted.kind, wanted.fmt, workspace=folder)
    if outcome.problems:
        for line in outcome.problems:
            errors.add("template" if "template" in line else "", line.removeprefix("error: "))
        return await _page(request, values, errors, libraries)
    return uploads.attachment(outcome.value.data, outcome.value.name)


async def _save_uploads(form: FormData, folder: Path, errors: FormErrors
                        ) -> tuple[Path | None, Path | None]:
    saved = []
    for name, save in (("template", uploads.save_template), ("logo", uploads.save_logo)):
        upload = forms.upload(form, name)
        try:
            saved.append(await save(upload, folder) if upload else None)
        except uploads.BadUpload as e:
            errors.add(e.field, str(e)[0].upper() + str(e)[1:])
            saved.append(None)
    return saved[0], saved[1]


def make(req: build.Request, kind: str, fmt: str) -> build.Built:
    """Runs in a worker: the one `commands.build` function for this download."""
    if kind == "deck":
        return build.build_deck(req)
    if kind == "handout":
        return build.build_handout(req, fmt)
    if kind == "sheet":
        return build.build_session_sheet(req, fmt)
    if kind == "pack":
        return build.build_pack_zip(req)
    return build.build_paperwork(req, kind, fmt)
