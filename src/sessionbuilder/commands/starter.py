"""`init`: a new user library a board officer can start from, and that passes `validate`.

The files are examples to overwrite: every field is explained by a comment beside it, and the
example texts say plainly that they are to be replaced, so none can pass for a real finding.
"""

from __future__ import annotations

from pathlib import Path

from sessionbuilder.errors import InputError
from sessionbuilder.library import guidance

REVIEW_ID = "local-review-2025"

SOURCES = f"""\
# Your partnership's own reviews (local child safeguarding practice reviews, or older serious
# case reviews). Points in this folder cite them, and
# `sessionbuilder sheet --library THIS-FOLDER --source ID` makes a briefing on one of them.
reports:
  # An example local child safeguarding practice review: replace every value with your own.
  - id: {REVIEW_ID}            # lower-case words joined by hyphens; used with --source
    short: Child A, local child safeguarding practice review (2025)   # how it is cited on sheets and slides
    citation: >-                         # the full reference, as in a reading list
      Anyshire Safeguarding Children Partnership (2025) Local child safeguarding practice
      review: Child A. Anyshire.
    summary: >-                          # "What happened": anonymised, two to four sentences
      Example text: replace it with a short, anonymised account of what happened, as your
      published review tells it. Leave out names, exact ages, places and dates that could
      identify the child or family.
    published: 2025-06-30                # the date the review was published (YYYY-MM-DD)
    url: https://www.example.org/reviews/child-a   # where readers can find the full report
"""

POINTS = f"""\
# Learning points from your own reviews: one entry per finding. Copy the example to add more.
# The format is described in full in docs/library-format.md.
points:
  - id: local-review-2025-example      # unique, lower-case words joined by hyphens
    title: Example point, to be replaced with one finding of your review   # a claim, 90 characters at most
    summary: >-                        # one to three sentences, 70 words at most
      Replace this with what the review found, in your own words, keeping its hedges
      ("sometimes", "appeared to") and copying any number exactly.
    implications:                      # what professionals should do differently: 1 to 4
      - Replace this with one thing practitioners should do differently.
    questions:                         # optional questions for teams to reflect on: 0 to 3
      - Replace this with a question for teams to discuss.
    themes: [information-sharing]      # see `sessionbuilder taxonomy` for the themes
    audiences: [all]                   # or, e.g., [health, police]
    priority: core                     # core points are kept first when space is short
    source:
      report: {REVIEW_ID}              # the id of a review in sources.yaml
      # page: 12                       # the page of the review, where you can give one
"""

BRANDING = """\
# How your briefings look, and who readers should contact. Colours are hex (RRGGBB);
# colours too pale to read are replaced with readable ones, with a warning.
partnership: Anyshire Safeguarding Children Partnership
# logo: logo.png                       # a PNG or JPEG placed in this folder
primary: "1F3864"                      # headings and the title band
accent: "C55A11"                       # rules and bars
footer: Anyshire Safeguarding Children Partnership
website: www.example.org/safeguarding
contacts:                              # shown as "Who to contact"; replace with your own
  - label: Worried about a child?
    detail: Call the Children's Front Door on 01632 960000 (example number)
  - label: Out of hours
    detail: Call the Emergency Duty Team on 01632 960001 (example number)
"""

README = f"""\
# Our local reviews

This folder is a sessionbuilder library: your own reviews and learning points, used next to
the bundled national ones.

1. Edit `sources.yaml`: your review's citation, an anonymised summary of what happened, the
   date it was published and its web address.
2. Edit `points.yaml`: one entry per finding of the review (copy the example to add more).
3. Edit `branding.yaml`: your partnership's name, colours, logo and contacts.
4. Edit `safeguarding.yaml`: what the facilitator guide tells a trainer to do if someone
   discloses abuse or raises a concern about an adult who works with children. Replace it with
   your own procedures and contacts, and ask your safeguarding lead to approve the words.
5. Check everything: `sessionbuilder validate {{folder}}`
6. Make the briefing on the review, in Word to edit and as a web page to publish:

       sessionbuilder sheet --library {{folder}} --source {REVIEW_ID} --format docx
       sessionbuilder sheet --library {{folder}} --source {REVIEW_ID} --format html

   Add `--format pdf` for a PDF, and `-o FILE` to name the file (default: into out/).
"""


def init(folder: Path) -> str:
    """Create the starter library in `folder`, which must be new or empty."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"'{folder}' is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise InputError(f"'{folder}' already has files in it",
                         hint="choose a new folder name; nothing was written")
    folder.mkdir(parents=True, exist_ok=True)
    files = {"sources.yaml": SOURCES, "points.yaml": POINTS, "branding.yaml": BRANDING,
             "safeguarding.yaml": guidance.default_file().read_text(encoding="utf-8"),
             "README.md": README.replace("{folder}", str(folder))}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return (f"Created {folder} with {', '.join(files)}.\n"
            f"Next: edit them, then run 'sessionbuilder validate {folder}'.")
