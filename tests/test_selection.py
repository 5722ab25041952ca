"""Filters: OR within one option, AND across options, aliases, search, and balanced trimming."""

from __future__ import annotations

import pytest

from sessionbuilder.errors import InputError
from sessionbuilder.selection import balanced, resolve, select, theme_order


def ids(points):
    return {p.id for p in points}


def test_aliases_resolve_to_ids(lib):
    for alias in ("cse", "child sexual exploitation", "sexual-exploitation", "CSE"):
        assert resolve(lib, themes=[alias]).themes == ("cse",)
    assert resolve(lib, audiences=["police", "probation"]).audiences == ("police-justice",)


def test_misspelling_suggests(lib):
    with pytest.raises(InputError) as info:
        resolve(lib, themes=["negelct"])
    assert "did you mean 'neglect'?" in str(info.value)


def test_values_of_one_option_are_alternatives(lib):
    neglect = ids(select(lib, resolve(lib, themes=["neglect"])))
    poverty = ids(select(lib, resolve(lib, themes=["poverty"])))
    either = ids(select(lib, resolve(lib, themes=["neglect", "poverty"])))
    assert either == neglect | poverty and len(either) > max(len(neglect), len(poverty))


def test_different_options_must_all_hold(lib):
    both = select(lib, resolve(lib, audiences=["education"], themes=["neglect"]))
    assert both and all("education" in p.audiences and "neglect" in p.themes for p in both)
    assert ids(both) == ids(select(lib, resolve(lib, themes=["neglect"]))) & ids(
        select(lib, resolve(lib, audiences=["education"])))


def test_search_needs_every_word(lib):
    found = select(lib, resolve(lib, search="strategy discussions"))
    assert found and all("strategy" in (p.title + p.summary + " ".join(p.implications)).lower()
                         for p in found)
    assert not select(lib, resolve(lib, search="strategy zebra"))


def test_priority_and_source(lib):
    core = select(lib, resolve(lib, priorities=["core"], sources=["dfe-2020"]))
    assert core and all(p.priority == "core" and p.source.report == "dfe-2020" for p in core)


def test_balanced_takes_core_first_and_spreads_themes(lib):
    points = select(lib, resolve(lib))
    order = theme_order(lib, resolve(lib))
    chosen = balanced(points, 20, order)
    assert len(chosen) == 20 and all(p.priority == "core" for p in chosen)
    assert len({p.themes[0] for p in chosen}) >= 10
