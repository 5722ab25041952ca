"""The facilitator guide's safeguarding text, read from a data file so that a partnership can
replace our default wording with its own procedures (as `init` does for branding).

The words are guidance a room of professionals will follow after a disclosure, so they live in
one reviewed file (assets/safeguarding.yaml), never in code; a user library's own
safeguarding.yaml replaces the whole of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import Field

from sessionbuilder import resources
from sessionbuilder.errors import Problem, ValidationFailed
from sessionbuilder.library.loading import validate_model
from sessionbuilder.library.models import Model, Text
from sessionbuilder.library.yamlfile import YamlProblem, load

SAFEGUARDING = "safeguarding"  # a user library's safeguarding.yaml, read by the guide only


class Paragraphs(Model):
    heading: Text
    paragraphs: list[Text] = Field(min_length=1)


class Steps(Model):
    """What to do, in the order to do it."""

    heading: Text
    steps: list[Text] = Field(min_length=1)


class Safeguarding(Model):
    contacts_to_check: list[Text] = Field(min_length=1)
    distressing_content: Paragraphs
    responses: list[Steps] = Field(min_length=1)


def default_file() -> Path:
    return resources.asset(f"{SAFEGUARDING}.yaml")


def library_file(libraries: Sequence[Path]) -> Path | None:
    """The safeguarding.yaml of the first user library that has one."""
    for folder in libraries:
        for name in (f"{SAFEGUARDING}.yaml", f"{SAFEGUARDING}.yml"):
            if Path(folder).is_dir() and (Path(folder) / name).is_file():
                return Path(folder) / name
    return None


def read(path: Path) -> Safeguarding:
    problems: list[Problem] = []
    try:
        doc = load(path)
    except YamlProblem as e:
        raise ValidationFailed([e.problem]) from None
    found = validate_model(doc, Safeguarding, problems)
    if found is None:
        raise ValidationFailed(problems)
    return found


def safeguarding(libraries: Sequence[Path] = ()) -> Safeguarding:
    """A user library's own safeguarding text, else ours."""
    return read(library_file(libraries) or default_file())
