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


@pytest.mark.parametrize("typed, theme", [
    ("education", "education-attendance"), ("school absence", "education-attendance"),
    ("exclusions", "education-attendance"), ("home education", "education-attendance"),
    ("online", "online-safety"), ("e-safety", "online-safety"),
    ("mental health", "parental-mental-health"), ("mental illness", "parental-mental-health"),
    ("domestic violence", "domestic-abuse"), ("DA", "domestic-abuse"),
    ("coercive control", "coercive-control"), ("drugs", "substance-misuse"),
    ("substance use", "substance-misuse"), ("neglect", "neglect"), ("poverty", "poverty"),
    ("CSE", "cse"), ("county lines", "criminal-exploitation"), ("gangs", "criminal-exploitation"),
    ("teenagers", "adolescents"), ("adolescent", "adolescents"), ("missing", "going-missing"),
    ("suicide", "self-harm-suicide"), ("self harm", "self-harm-suicide"), ("babies", "infants"),
    ("baby", "infants"), ("disabled", "disabled-children"), ("SEND", "disabled-children"),
    ("voice of the child", "voice-of-child"), ("fathers", "voice-of-family"),
    ("separation", "parental-separation"), ("criminality", "parental-criminality"),
    ("looked after", "looked-after-children"), ("care leavers", "looked-after-children"),
    ("information sharing", "information-sharing"), ("multi-agency", "multi-agency-working"),
    ("curiosity", "professional-curiosity"), ("assessment", "assessment"),
    ("early help", "thresholds-early-help"), ("supervision", "supervision-leadership"),
    ("strategy meetings", "strategy-discussions"), ("unsubstantiated", "unsubstantiated-concerns"),
    ("HSB", "harmful-sexual-behaviour"), ("transitions", "transitions"),
    ("managed moves", "transitions"), ("SCRs", "case-review-practice"),
    ("CSPR", "case-review-practice"), ("toxic trio", "cumulative-risk"),
    ("child sexual abuse", "sexual-abuse"),
])
def test_themes_a_user_would_type_resolve(lib, typed, theme):
    assert resolve(lib, themes=[typed]).themes == (theme,)


def test_one_name_in_two_vocabularies_means_each_in_its_own(lib):
    both = resolve(lib, audiences=["education"], themes=["education"])
    assert both.audiences == ("education",) and both.themes == ("education-attendance",)


@pytest.mark.parametrize("option, typed, hint", [
    ("themes", "police", "'police' is an audience: use --audience police"),
    ("audiences", "neglect", "'neglect' is a theme: use --theme neglect"),
])
def test_a_name_from_the_other_vocabulary_names_the_right_option(lib, option, typed, hint):
    with pytest.raises(InputError) as info:
        resolve(lib, **{option: [typed]})
    assert hint in str(info.value)
