"""`init`: a new user library a board officer can start from, and that passes `validate`.

The files are examples to overwrite: every field is explained by a comment beside it, and the
example texts say plainly that they are to be replaced, so none can pass for a real finding.
The web's review form writes the same files from what was typed (`library_files`), so a review
made in a browser can be reused from the command line, and one made by hand can be uploaded.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from sessionbuilder.errors import InputError
from sessionbuilder.library import guidance

REVIEW_ID = "local-review-2025"
FILES = ("sources.yaml", "points.yaml", "branding.yaml", "README.md")


@dataclass(frozen=True)
class Finding:
    """One finding of a review, as a learning point."""

    id: str
    title: str
    summary: str
    actions: tuple[str, ...]
    questions: tuple[str, ...] = ()
    page: str = ""
    themes: tuple[str, ...] = ("information-sharing",)
    audiences: tuple[str, ...] = ("all",)
    priority: str = "core"


@dataclass(frozen=True)
class Review:
    """One local review with its findings, and the partnership's look and contacts: what a
    starter library holds."""

    id: str
    short: str
    citation: str
    summary: str
    published: str  # YYYY-MM-DD
    url: str
    findings: tuple[Finding, ...]
    partnership: str = "Anyshire Safeguarding Children Partnership"
    website: str = ""
    contacts: tuple[tuple[str, str], ...] = ()
    primary: str = "1F3864"
    accent: str = "C55A11"


EXAMPLE = Review(
    REVIEW_ID, "Child A, local child safeguarding practice review (2025)",
    "Anyshire Safeguarding Children Partnership (2025) Local child safeguarding practice review: "
    "Child A. Anyshire.",
    "Example text: replace it with a short, anonymised account of what happened, as your "
    "published review tells it. Leave out names, exact ages, places and dates that could identify "
    "the child or family.",
    "2025-06-30", "https://www.example.org/reviews/child-a",
    (Finding("local-review-2025-example",
             "Example point, to be replaced with one finding of your review",
             "Replace this with what the review found, in your own words, keeping its hedges "
             "(\"sometimes\", \"appeared to\") and copying any number exactly.",
             ("Replace this with one thing practitioners should do differently.",),
             ("Replace this with a question for teams to discuss.",)),),
    website="www.example.org/safeguarding",
    contacts=(("Worried about a child?",
               "Call the Children's Front Door on 01632 960000 (example number)"),
              ("Out of hours", "Call the Emergency Duty Team on 01632 960001 (example number)")))


def _plain(text: str) -> bool:
    """Whether `text` reads back as itself written bare after "key: "."""
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        return False


def _value(text: str, indent: int, width: int = 84) -> str:
    """`text` as YAML after "key: ": bare when short and safe, else a folded block (which holds
    any character literally) or, for text with line breaks, a quoted string."""
    if "\n" not in text and len(text) <= width and _plain(text):
        return text
    if "\n" in text or text != text.strip() or "  " in text:
        return json.dumps(text, ensure_ascii=False)
    lines = textwrap.wrap(text, 92 - indent, break_long_words=False, break_on_hyphens=False)
    return ">-\n" + "\n".join(" " * indent + line for line in lines)


def _field(key: str, text: str, indent: int, comment: str = "") -> str:
    value = _value(text, indent + 2, 84 - indent - len(key))
    head, _, rest = value.partition("\n")
    line = f"{' ' * indent}{key}: {head}"
    if comment:
        line = f"{line:<38} # {comment}"
    return line + ("\n" + rest if rest else "") + "\n"


def _line(text: str, comment: str) -> str:
    return f"{text:<38} # {comment}\n"


def _items(key: str, items: tuple[str, ...], indent: int, comment: str) -> str:
    if not items:
        return f"{' ' * indent}{key}: []{' ' * max(1, 31 - len(key))}# {comment}\n"
    out = f"{' ' * indent}{key}:{' ' * max(1, 34 - len(key))}# {comment}\n"
    for item in items:
        value = _value(item, indent + 4, 84 - indent)
        out += f"{' ' * indent}  - {value}\n"
    return out


def sources_yaml(r: Review) -> str:
    return ("# Your partnership's own reviews (local child safeguarding practice reviews, or older\n"
            "# serious case reviews). Points in this folder cite them, and\n"
            "# `sessionbuilder sheet --library THIS-FOLDER --source ID` makes a briefing on one of"
            " them.\nreports:\n"
            f"  # A local child safeguarding practice review"
            f"{': replace every value with your own' if r is EXAMPLE else ''}.\n"
            + _field("- id", r.id, 2, "lower-case words joined by hyphens; used with --source")
            + _field("short", r.short, 4, "how the review is cited on sheets and slides")
            + _field("citation", r.citation, 4, "the full reference, as in a reading list")
            + _field("summary", r.summary, 4, '"What happened": anonymised, two to four sentences')
            + (_line(f"    published: {r.published}", "the date the review was published (YYYY-MM-DD)")
               if r.published else "")
            + (_field("url", r.url, 4, "where readers can find the full report") if r.url else ""))


def _finding(f: Finding, review_id: str) -> str:
    written = f.page if re.fullmatch(r"[\d, -]+", f.page) else json.dumps(f.page, ensure_ascii=False)
    page = (_line(f"      page: {written}", "the page of the review") if f.page
            else "      # page: 12                       # the page of the review, where you can"
                 " give one\n")
    return (_field("- id", f.id, 2, "unique, lower-case words joined by hyphens")
            + _field("title", f.title, 4, "a claim, 90 characters at most")
            + _field("summary", f.summary, 4, "one to three sentences, 70 words at most")
            + _items("implications", f.actions, 4,
                     "what professionals should do differently: 1 to 4")
            + _items("questions", f.questions, 4,
                     "optional questions for teams to reflect on: 0 to 3")
            + f"    themes: [{', '.join(f.themes)}]      # see `sessionbuilder taxonomy` for the"
              " themes\n"
            + f"    audiences: [{', '.join(f.audiences)}]                   # or, e.g., [health,"
              " police]\n"
            + f"    priority: {f.priority}                     # core points are kept first when"
              " space is short\n"
            + "    source:\n"
            + _line(f"      report: {review_id}", "the id of a review in sources.yaml")
            + page)


def points_yaml(r: Review) -> str:
    return ("# Learning points from your own reviews: one entry per finding. Copy one to add more.\n"
            "# The format is described in full in docs/library-format.md.\npoints:\n"
            + "".join(_finding(f, r.id) for f in r.findings))


def branding_yaml(r: Review) -> str:
    out = ("# How your briefings look, and who readers should contact. Colours are hex (RRGGBB);\n"
           "# colours too pale to read are replaced with readable ones, with a warning.\n"
           + _field("partnership", r.partnership, 0)
           + "# logo: logo.png                       # a PNG or JPEG placed in this folder\n"
           + f'primary: "{r.primary}"                      # headings and the title band\n'
           + f'accent: "{r.accent}"                       # rules and bars\n'
           + _field("footer", r.partnership, 0))
    if r.website:
        out += _field("website", r.website, 0)
    if not r.contacts:
        return out + "contacts: []                           # shown as \"Who to contact\"\n"
    out += "contacts:                              # shown as \"Who to contact\"; replace with your own\n"
    for label, detail in r.contacts:
        out += _field("- label", label, 2) + _field("detail", detail, 4)
    return out


README = """\
# Our local reviews

This folder is a sessionbuilder library: your own reviews and learning points, used next to
the bundled national ones.

1. Edit `sources.yaml`: your review's citation, an anonymised summary of what happened, the
   date it was published and its web address.
2. Edit `points.yaml`: one entry per finding of the review (copy the example to add more).
3. Edit `branding.yaml`: your partnership's name, colours, logo and contacts.
4. Edit `safeguarding.yaml` (`sessionbuilder init` makes it): what the facilitator guide tells a
   trainer to do if someone discloses abuse or raises a concern about an adult who works with
   children. Replace it with your own procedures and contacts, and ask your safeguarding lead to
   approve the words.
5. Check everything: `sessionbuilder validate {folder}`
6. Make the briefing on the review, in Word to edit and as a web page to publish:

       sessionbuilder sheet --library {folder} --source {review} --format docx
       sessionbuilder sheet --library {folder} --source {review} --format html

   Add `--format pdf` for a PDF, and `-o FILE` to name the file (default: into out/).

You can also upload this folder as a .zip to the "Briefing on our review" page of
`sessionbuilder serve`, change it there and download it again.
"""


def library_files(review: Review, folder: str) -> dict[str, str]:
    """The four files of a starter library holding `review`, by name, in the order `init`
    writes them."""
    return dict(zip(FILES, (sources_yaml(review), points_yaml(review), branding_yaml(review),
                            README.format(folder=folder, review=review.id)), strict=True))


def init(folder: Path) -> str:
    """Create the starter library in `folder`, which must be new or empty."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"'{folder}' is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise InputError(f"'{folder}' already has files in it",
                         hint="choose a new folder name; nothing was written")
    folder.mkdir(parents=True, exist_ok=True)
    files = {**library_files(EXAMPLE, str(folder)),
             "safeguarding.yaml": guidance.default_file().read_text(encoding="utf-8")}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return (f"Created {folder} with {', '.join(files)}.\n"
            f"Next: edit them, then run 'sessionbuilder validate {folder}'.")
