"""The board officer's "Briefing on our review" form: what was typed, checked by the library's own
models, turned into the one-review sheet or into the library folder `init` writes, and read back
from that folder's .zip.

The form keeps every field as typed (`ReviewForm`), so a page with errors shows what was
entered. Checking builds the same models `validate` builds (`Report`, `LearningPoint`,
`Branding`), then loads the written folder as `validate` would, so the web and the command line
agree on what is valid. Errors are `FieldError`s naming the form field they belong beside.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sessionbuilder.commands import starter
from sessionbuilder.errors import InputError, Problem, SessionError, ValidationFailed
from sessionbuilder.library import archive, cache
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.models import Branding, Context, LearningPoint, Report
from sessionbuilder.text import clean as textclean

MAX_FINDINGS = 20
MAX_CONTACTS = 8
MAX_CHARS = 5_000
FORMATS = {"docx": "Word", "html": "web page", "pdf": "PDF"}


@dataclass
class FindingFields:
    title: str = ""
    summary: str = ""
    actions: str = ""  # one per line
    questions: str = ""  # one per line
    page: str = ""
    theme: str = "information-sharing"

    @property
    def blank(self) -> bool:
        return not any((self.title, self.summary, self.actions, self.questions, self.page))


@dataclass
class ContactFields:
    label: str = ""
    detail: str = ""


@dataclass
class ReviewForm:
    """Every field of the form as typed."""

    title: str = ""
    citation: str = ""
    url: str = ""
    summary: str = ""
    published: str = ""
    partnership: str = ""
    website: str = ""
    primary: str = "1F3864"
    accent: str = "C55A11"
    findings: list[FindingFields] = field(default_factory=lambda: [FindingFields()])
    contacts: list[ContactFields] = field(default_factory=lambda: [ContactFields()])


@dataclass(frozen=True)
class FieldError:
    """A message for the error summary and beside the field whose id is `field`."""

    field: str
    message: str


class FormInvalid(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


REVIEW_FIELDS = ("title", "citation", "url", "summary", "published", "partnership", "website",
                 "primary", "accent")
FINDING_FIELDS = ("title", "summary", "actions", "questions", "page", "theme")


def _indexed(form: Mapping[str, str], prefix: str) -> list[int]:
    found = {int(m[1]) for key in form if (m := re.fullmatch(rf"{prefix}-(\d{{1,3}})-\w+", key))}
    return sorted(found)


def _text(value: Any) -> str:
    """A field's text with characters no output may hold removed (as the CLI does)."""
    return textclean.clean(str(value)) if value else ""


def from_fields(form: Mapping[str, str]) -> ReviewForm:
    """The form as posted: `finding-N-title`, `contact-N-label` and so on, in number order."""
    def get(key: str) -> str:
        return _text(form.get(key, ""))

    findings = [FindingFields(*(get(f"finding-{n}-{k}") for k in FINDING_FIELDS))
                for n in _indexed(form, "finding")][:MAX_FINDINGS]
    contacts = [ContactFields(get(f"contact-{n}-label"), get(f"contact-{n}-detail"))
                for n in _indexed(form, "contact")][:MAX_CONTACTS]
    return ReviewForm(*(get(k) for k in REVIEW_FIELDS[:7]), get("primary") or "1F3864",
                      get("accent") or "C55A11", findings or [FindingFields()],
                      contacts or [ContactFields()])


def apply(form: ReviewForm, action: str) -> ReviewForm:
    """"Add another finding", "Remove finding 2" and the same for contacts: the page's buttons,
    which work without JavaScript."""
    findings, contacts = list(form.findings), list(form.contacts)
    if action == "add-finding" and len(findings) < MAX_FINDINGS:
        findings.append(FindingFields())
    elif action == "add-contact" and len(contacts) < MAX_CONTACTS:
        contacts.append(ContactFields())
    elif m := re.fullmatch(r"remove-(finding|contact)-(\d{1,3})", action):
        items = findings if m[1] == "finding" else contacts
        index = int(m[2]) - 1
        if 0 <= index < len(items) and len(items) > 1:
            del items[index]
    return replace(form, findings=findings, contacts=contacts)


def _date(text: str) -> str:
    """30/06/2025, 30-6-2025, 30 6 2025 or 2025-06-30 as YYYY-MM-DD, for the model to check
    (31/02/2025 becomes 2025-02-31, which it refuses); anything else is passed as it is."""
    if m := re.fullmatch(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})", text.strip()):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return text.strip()


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "local-review"


def _lines(text: str) -> list[str]:
    return [line.strip(" \t-•") for line in text.splitlines() if line.strip(" \t-•")]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# What a field is called in messages, as GOV.UK words them: "Enter ...", "... must be ...".
ENTER = {"title": "the title of the review", "citation": "the full reference of the review",
         "summary": "what happened", "partnership": "your partnership's name",
         "published": "the date the review was published"}
NAMES = {"title": "Title", "citation": "Full reference", "url": "Web address",
         "summary": "What happened", "published": "Date published",
         "partnership": "Partnership name", "website": "Partnership website",
         "primary": "Main colour", "accent": "Accent colour"}
FINDING_ENTER = {"title": "the title of finding {n}", "summary": "what finding {n} found",
                 "actions": "at least one thing to do for finding {n}"}
MODEL_FIELDS = {"short": "title", "implications": "actions", "themes": "theme", "source": "page"}


def _message(kind: str, field_name: str, n: int | None, detail: str) -> str:
    if kind in ("missing", "string_too_short", "too_short"):
        words = (FINDING_ENTER.get(field_name, f"the {field_name} of finding {{n}}") if n
                 else ENTER.get(field_name, NAMES.get(field_name, field_name).lower()))
        return f"Enter {words.format(n=n)}"
    if field_name == "published":
        return "Date published must be a real date, like 30/06/2025"
    if field_name == "page":
        return (f"Page of finding {n} must be a page number, a range like 12-14, or pages like "
                "12, 15")
    if field_name in ("primary", "accent"):
        return f"{NAMES[field_name]} must be a colour code of six hex digits, like 1F3864"
    what = f"Finding {n}: {field_name}" if n else NAMES.get(field_name, field_name)
    return f"{what}: {detail}"


def _errors(e: ValidationError, prefix: str = "", n: int | None = None) -> list[FieldError]:
    out = []
    for err in e.errors():
        key = str(err["loc"][0]) if err["loc"] else "title"
        name = MODEL_FIELDS.get(key, key)
        if prefix == "contact":
            name = str(err["loc"][-1])
            kind = err["type"] in ("missing", "string_too_short")
            out.append(FieldError(f"contact-{n}-{name}",
                                  f"Enter the {'words' if name == 'label' else 'details'} of "
                                  f"contact {n}" if kind else f"Contact {n}: {err['msg']}"))
            continue
        out.append(FieldError(f"{prefix}-{n}-{name}" if prefix else name,
                              _message(err["type"], name, n, err["msg"].removeprefix("Value error, "))))
    return out


def _validated(model: type[BaseModel], data: dict, errors: list[FieldError],
               context: Context | None = None, prefix: str = "", n: int | None = None) -> Any:
    try:
        return model.model_validate(data, context={"ctx": context} if context else None)
    except ValidationError as e:
        errors.extend(_errors(e, prefix, n))
        return None


def _too_long(form: ReviewForm) -> list[FieldError]:
    fields = [(k, getattr(form, k)) for k in REVIEW_FIELDS]
    fields += [(f"finding-{n}-{k}", getattr(f, k)) for n, f in enumerate(form.findings, 1)
               for k in FINDING_FIELDS]
    fields += [(f"contact-{n}-{k}", getattr(c, k)) for n, c in enumerate(form.contacts, 1)
               for k in ("label", "detail")]
    return [FieldError(key, f"{_label(key)} must be {MAX_CHARS:,} characters or fewer")
            for key, value in fields if len(value) > MAX_CHARS]


def page_order(form: ReviewForm) -> dict[str, int]:
    """Each field's place on the page, so the error summary lists problems in the same order."""
    names = ["title", "published", "citation", "url", "summary"]
    names += [f"finding-{n}-{k}" for n in range(1, len(form.findings) + 1) for k in FINDING_FIELDS]
    names += ["partnership", "website", "primary", "accent"]
    names += [f"contact-{n}-{k}" for n in range(1, len(form.contacts) + 1)
              for k in ("label", "detail")]
    return {name: i for i, name in enumerate(names)}


def _label(key: str) -> str:
    if m := re.fullmatch(r"(finding|contact)-(\d+)-(\w+)", key):
        return f"{m[1].capitalize()} {m[2]}: {m[3]}"
    return NAMES.get(key, key)


def check(form: ReviewForm) -> starter.Review:
    """The review the form describes, or FormInvalid with every problem, each by its field."""
    errors = _too_long(form)
    if errors:
        raise FormInvalid(errors)
    review_id = _slug(form.title)
    report = {"id": review_id, "short": _one_line(form.title), "citation": _one_line(form.citation),
              "summary": _one_line(form.summary), "url": _one_line(form.url) or None,
              "published": _date(form.published) or None}
    checked = _validated(Report, report, errors)
    bundled = load_library()
    ctx = bundled.context()
    ctx = Context(ctx.audiences, ctx.themes, ctx.reports | {review_id}, ctx.documents)
    findings = []
    kept = [(n, f) for n, f in enumerate(form.findings, 1) if not f.blank]
    if not kept:
        errors.append(FieldError("finding-1-title", "Enter at least one finding of the review"))
    for n, f in kept:
        point = {"id": f"{review_id}-{n}", "title": _one_line(f.title),
                 "summary": _one_line(f.summary), "implications": _lines(f.actions),
                 "questions": _lines(f.questions), "themes": [f.theme], "audiences": ["all"],
                 "priority": "core", "source": {"report": review_id,
                                                **({"page": f.page.strip()} if f.page.strip() else {})}}
        if _validated(LearningPoint, point, errors, ctx, "finding", n):
            findings.append(starter.Finding(point["id"], point["title"], point["summary"],
                                            tuple(point["implications"]),
                                            tuple(point["questions"]), point["source"].get("page", ""),
                                            (f.theme,)))
    contacts = [(n, c) for n, c in enumerate(form.contacts, 1) if c.label or c.detail]
    for n, c in contacts:
        _validated(Branding, {"contacts": [{"label": _one_line(c.label),
                                            "detail": _one_line(c.detail)}]},
                   errors, prefix="contact", n=n)
    branding = {"partnership": _one_line(form.partnership), "primary": form.primary,
                "accent": form.accent, "website": _one_line(form.website) or None}
    _validated(Branding, branding, errors)
    if errors or checked is None:
        order = page_order(form)
        raise FormInvalid(sorted(errors, key=lambda e: order.get(e.field, len(order))))
    return starter.Review(review_id, report["short"], report["citation"], report["summary"],
                          report["published"] or "", report["url"] or "", tuple(findings),
                          branding["partnership"], branding["website"] or "",
                          tuple((_one_line(c.label), _one_line(c.detail)) for _, c in contacts),
                          form.primary.lstrip("#").upper(), form.accent.lstrip("#").upper())


def _in_folder(review: starter.Review, work: Callable[[Path], Any]) -> Any:
    """Run `work` on the review written as a library in a temporary folder, removed afterwards;
    the folder is loaded as `validate` loads it, so what it refuses is refused here."""
    with tempfile.TemporaryDirectory(prefix="sessionbuilder-review-") as tmp, cache.off():
        folder = Path(tmp) / review.id
        folder.mkdir()
        for name, text in starter.library_files(review, review.id).items():
            (folder / name).write_text(text, encoding="utf-8")
        try:
            load_library([folder])
        except ValidationFailed as e:
            raise FormInvalid([FieldError("title", f"The review cannot be saved: {p.message}")
                               for p in e.problems]) from None
        return work(folder)


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str
    warnings: list[str]


MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "html": "text/html; charset=utf-8", "pdf": "application/pdf", "zip": "application/zip"}


def briefing(form: ReviewForm, fmt: str) -> Download:
    """The one-review sheet, as `sessionbuilder sheet --library DIR --source ID --format FMT`
    makes it from the library folder this form downloads as."""
    from sessionbuilder.commands import build
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'", hint="choose Word, web page or PDF")
    review = check(form)
    result = _in_folder(review, lambda folder: build.build_sheet(
        build.SheetRequest(libraries=[folder], sources=[review.id]), fmt))
    return Download(result.data, f"{review.id}-briefing.{fmt}", MEDIA[fmt], list(result.warnings))


def library_zip(form: ReviewForm) -> Download:
    """The library folder `init` writes, filled in from the form, as a .zip."""
    review = check(form)
    _in_folder(review, lambda _folder: None)  # refused as `validate` would refuse it
    files = starter.library_files(review, review.id)
    return Download(archive.write_zip(review.id, files), f"{review.id}.zip", MEDIA["zip"], [])


@dataclass(frozen=True)
class Loaded:
    form: ReviewForm
    warnings: list[str]


def from_zip(data: bytes) -> Loaded:
    """The form filled from an uploaded library .zip (one this page made, or `init`'s, edited).

    Unsafe archives are refused before anything is unpacked; the library is then loaded and
    validated as `validate` would, and its problems are raised with their file and line."""
    files = archive.read_zip(data)
    with tempfile.TemporaryDirectory(prefix="sessionbuilder-upload-") as tmp, cache.off():
        folder = archive.unpack(files, Path(tmp) / "library")
        folder.mkdir(exist_ok=True)
        with _relative_problems(folder):
            lib = load_library([folder])
            branding = _branding(folder)
    bundled = load_library()
    local_reports = [r for rid, r in lib.reports.items() if rid not in bundled.reports]
    reviews = [r for r in local_reports if r.summary] or local_reports
    if not reviews:
        raise InputError("the .zip has no learning points citing a review of its own",
                         hint="upload a folder made by this page or by 'sessionbuilder init'")
    review = reviews[0]
    warnings = []
    if len(reviews) > 1:
        warnings.append(f"The folder has {len(reviews)} reviews; this form shows the first, "
                        f"'{review.short}'.")
    points = [p for p in lib.points if p.id in lib.local and p.source.report == review.id]
    findings = []
    for n, p in enumerate(points, 1):
        lost = [what for what, gone in (("its other themes", len(p.themes) > 1),
                                        ("its audiences", set(p.audiences) != set(lib.audiences.ids)),
                                        ("its quotation", p.quote is not None)) if gone]
        if lost:
            warnings.append(f"Finding {n} ({p.title}): the form does not hold {', '.join(lost)}; "
                            "downloading again leaves them out.")
        findings.append(FindingFields(p.title, p.summary, "\n".join(p.implications),
                                      "\n".join(p.questions), p.source.page or "", p.themes[0]))
    if branding.logo:
        warnings.append("The form does not hold the logo; the briefings made here have none. "
                        "Use 'sessionbuilder sheet' on the folder for a briefing with it.")
    published = review.published
    return Loaded(ReviewForm(review.short, review.citation, review.url or "", review.summary or "",
                             f"{published:%d/%m/%Y}" if published else "",
                             branding.partnership, branding.website or "", branding.primary,
                             branding.accent, findings or [FindingFields()],
                             [ContactFields(c.label, c.detail) for c in branding.contacts]
                             or [ContactFields()]), warnings)


@contextlib.contextmanager
def _relative_problems(folder: Path) -> Iterator[None]:
    """Problems in an upload named by their place in the folder, not the server's temporary
    path: "points.yaml:12: 'title' is empty"."""
    try:
        yield
    except ValidationFailed as e:
        raise ValidationFailed([Problem(_inside(p.file, folder), p.line, p.message, p.hint)
                                for p in e.problems]) from None
    except SessionError as e:
        raise InputError(_inside(e.message, folder)) from None


def _inside(text: str, folder: Path) -> str:
    return text.replace(f"{folder.resolve()}/", "").replace(f"{folder}/", "")


def _branding(folder: Path) -> Branding:
    """The upload's branding.yaml, read by the same model, or the defaults without one."""
    from sessionbuilder.library.recipes import load_branding
    for name in ("branding.yaml", "branding.yml"):
        if (folder / name).is_file():
            return load_branding(folder / name)
    return Branding()


def blank() -> Answer:
    """The page as first opened: one empty finding and one empty contact."""
    return Answer(ReviewForm())


@dataclass(frozen=True)
class Answer:
    """What the page shows after a button: the form as it now is, its problems, any warnings,
    and the file to download when one was asked for and the form is valid."""

    form: ReviewForm
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    download: Download | None = None
    themes: list[tuple[str, str]] = field(default_factory=lambda: theme_choices())


def submit(fields: Mapping[str, str], action: str) -> Answer:
    """One press of a button on the form: add or remove a finding or contact, or download the
    briefing (`download-docx`, `-html`, `-pdf`) or the library folder (`download-zip`)."""
    form = apply(from_fields(fields), action)
    kind = action.removeprefix("download-")
    if not action.startswith("download-"):
        return Answer(form)
    try:
        download = library_zip(form) if kind == "zip" else briefing(form, kind)
    except FormInvalid as e:
        return Answer(form, e.errors)
    except SessionError as e:
        return Answer(form, [FieldError("", e.format_message())])
    return Answer(form, warnings=download.warnings, download=download)


UPLOAD_FIELD = "library"


def upload(data: bytes) -> Answer:
    """The form filled from an uploaded library .zip, or an empty form with what is wrong."""
    try:
        loaded = from_zip(data)
    except ValidationFailed as e:
        return Answer(ReviewForm(), [FieldError(UPLOAD_FIELD, f"The folder has a problem: {p}")
                                     for p in e.problems])
    except SessionError as e:
        message = e.format_message()
        return Answer(ReviewForm(), [FieldError(UPLOAD_FIELD, message[0].upper() + message[1:])])
    return Answer(loaded.form, warnings=loaded.warnings)


def theme_choices() -> list[tuple[str, str]]:
    """The themes a finding can have, as (id, label), in the taxonomy's order."""
    return [(t.id, t.label) for t in load_library().themes.terms]
