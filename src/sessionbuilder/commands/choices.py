"""What a form offers: the bundled recipes, and the audiences and themes with how many points
each would match alongside what is already chosen (so a trainer sees a count, not an id)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sessionbuilder.library.loading import load_library
from sessionbuilder.library.recipes import load_recipe, recipe_names
from sessionbuilder.session.selection import Criteria, select


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    count: int  # points that match this choice together with the other kind's chosen terms


@dataclass(frozen=True)
class RecipeChoice:
    name: str
    title: str
    minutes: int


@dataclass(frozen=True)
class Choices:
    recipes: tuple[RecipeChoice, ...]
    audiences: tuple[Choice, ...]
    themes: tuple[Choice, ...]
    matching: int  # points matching everything chosen (the whole library when nothing is)


def session_choices(libraries: Sequence[Path], audiences: Sequence[str] = (),
                    themes: Sequence[str] = ()) -> Choices:
    """Counts follow the selection's rule: values of one kind are alternatives (OR), kinds must
    all hold (AND). So an audience's count is of points for it on any chosen theme."""
    lib = load_library(libraries)
    aud = tuple(a for a in audiences if a in lib.audiences.ids)
    thm = tuple(t for t in themes if t in lib.themes.ids)
    recipes = []
    for name in recipe_names():
        recipe = load_recipe(lib, name).recipe
        recipes.append(RecipeChoice(name, recipe.title, recipe.minutes))
    return Choices(
        tuple(recipes),
        tuple(Choice(t.id, t.label, len(select(lib, Criteria((t.id,), thm))))
              for t in lib.audiences.terms),
        tuple(Choice(t.id, t.label, len(select(lib, Criteria(aud, (t.id,)))))
              for t in lib.themes.terms),
        len(select(lib, Criteria(aud, thm))))
