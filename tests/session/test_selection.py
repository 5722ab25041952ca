"""Filters: OR within one option, AND across options, aliases, search, and balanced trimming."""

from __future__ import annotations

import pytest

from sessionbuilder.errors import InputError
from sessionbuilder.session.selection import balanced, resolve, select, theme_order
from sessionbuilder.library.models import LearningPoint
from sessionbuilder.session.selection import (MATCHES_NOTHING, Criteria, by_priority, matches, primary_theme)


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


@pytest.mark.parametrize("option, typed, message", [
    ("themes", "police", "unknown theme 'police' ('police' is an audience: use --audience police)"),
    ("audiences", "neglect", "unknown audience 'neglect' ('neglect' is a theme: use --theme neglect)"),
])
def test_a_name_from_the_other_vocabulary_names_the_right_option(lib, option, typed, message):
    with pytest.raises(InputError) as info:
        resolve(lib, **{option: [typed]})
    assert str(info.value) == message


# Exact semantics on small hand-made points, so every rule is pinned down.



def make(pid, themes=("neglect",), audiences=("health",), priority="core", report="r1", document=None,
         **text):
    return LearningPoint.model_validate({
        "id": pid, "title": text.get("title", f"Title {pid}"), "summary": text.get("summary", "Summary."),
        "implications": text.get("implications", ["Act."]), "questions": text.get("questions", []),
        "themes": list(themes), "audiences": list(audiences), "priority": priority,
        "source": {"report": report, **({"document": document} if document else {})}})


class TestNarrow:
    def test_shared_values_only(self):
        c = Criteria(audiences=("health", "education"), themes=("neglect",)).narrow(
            Criteria(audiences=("education", "police-justice")))
        assert c == Criteria(audiences=("education",), themes=("neglect",))

    def test_no_shared_value_matches_nothing(self):
        c = Criteria(themes=("neglect",), priorities=("core",)).narrow(
            Criteria(themes=("cse",), priorities=("supporting",)))
        assert c.themes == (MATCHES_NOTHING,) and c.priorities == (MATCHES_NOTHING,)
        assert not matches(make("a"), c)

    @pytest.mark.parametrize("field", ["audiences", "themes", "sources", "priorities"])
    def test_each_option_narrows_on_its_own(self, field):
        mine, theirs = Criteria(**{field: ("a", "b")}), Criteria(**{field: ("b", "c")})
        assert mine.narrow(Criteria()) == mine and Criteria().narrow(theirs) == theirs
        assert mine.narrow(theirs) == Criteria(**{field: ("b",)})

    def test_either_side_alone_applies(self):
        assert Criteria(themes=("neglect",)).narrow(Criteria(sources=("r1",))) == Criteria(
            themes=("neglect",), sources=("r1",))
        assert Criteria().narrow(Criteria(audiences=("health",))) == Criteria(audiences=("health",))

    def test_searches_combine(self):
        assert Criteria(search="home").narrow(Criteria(search="visit")).search == "home visit"
        assert Criteria(search="home").narrow(Criteria()).search == "home"
        assert Criteria().narrow(Criteria(search="visit")).search == "visit"


class TestMatches:
    def test_each_criterion(self):
        p = make("a-point", themes=("neglect", "poverty"), audiences=("health",), priority="supporting",
                 report="r1", document="d1")
        assert matches(p, Criteria())
        assert matches(p, Criteria(themes=("cse", "poverty")))
        assert not matches(p, Criteria(themes=("cse",)))
        assert matches(p, Criteria(audiences=("education", "health")))
        assert not matches(p, Criteria(audiences=("education",)))
        assert matches(p, Criteria(sources=("r1",))) and matches(p, Criteria(sources=("d1",)))
        assert not matches(p, Criteria(sources=("r2",)))
        assert matches(p, Criteria(priorities=("supporting",)))
        assert not matches(p, Criteria(priorities=("core",)))
        assert not matches(p, Criteria(themes=("poverty",), audiences=("police-justice",)))

    @pytest.mark.parametrize("field,value", [
        ("title", "A HOME visit matters"), ("summary", "Home visits matter."),
        ("implications", ["Make a home visit."]), ("questions", ["Who made the home visit?"])])
    def test_search_looks_in_every_text_field(self, field, value):
        p = make("x", **{field: value})
        assert matches(p, Criteria(search="home VISIT"))
        assert not matches(p, Criteria(search="home zebra"))

    def test_search_looks_in_the_id(self):
        assert matches(make("strategy-meetings"), Criteria(search="strategy"))

    def test_search_words_may_come_from_different_fields(self):
        p = make("x", title="Home", questions=["A visit?"])
        assert matches(p, Criteria(search="home visit"))
        assert not matches(p, Criteria(search="xx")) and not matches(p, Criteria(search="home,"))


class TestOrder:
    def test_select_keeps_library_order(self, lib):
        chosen = select(lib, Criteria(themes=("neglect",)))
        positions = [lib.points.index(p) for p in chosen]
        assert positions == sorted(positions)
        assert len(chosen) == sum("neglect" in p.themes for p in lib.points)

    def test_theme_order_puts_requested_themes_first(self, lib):
        order = theme_order(lib, Criteria(themes=("poverty", "cse")))
        assert order[:2] == ["poverty", "cse"]
        assert order[2:] == [t for t in lib.themes.ids if t not in ("poverty", "cse")]

    def test_primary_theme_is_the_earliest_in_the_order(self):
        p = make("a", themes=("neglect", "poverty", "unknown-theme"))
        assert primary_theme(p, ["cse", "poverty", "neglect"]) == "poverty"
        assert primary_theme(p, ["neglect", "poverty"]) == "neglect"
        assert primary_theme(make("b", themes=("zzz", "neglect")), ["neglect"]) == "neglect"

    def test_by_priority_keeps_order_within_a_priority(self):
        points = [make("s1", priority="supporting"), make("c1"),
                  make("s2", priority="supporting"), make("c2")]
        assert [p.id for p in by_priority(points)] == ["c1", "c2", "s1", "s2"]

    def test_balanced_round_robin_core_then_supporting(self):
        points = [make("n1"), make("n2"), make("n3"), make("p1", themes=("poverty",)),
                  make("c1", themes=("cse",), priority="supporting"), make("n4", priority="supporting"),
                  make("p2", themes=("poverty",))]
        order = ["poverty", "neglect", "cse"]
        assert [p.id for p in balanced(points, 100, order)] == ["p1", "n1", "p2", "n2", "n3", "n4", "c1"]
        assert [p.id for p in balanced(points, 3, order)] == ["p1", "n1", "p2"]
        assert [p.id for p in balanced(points, 6, order)] == ["p1", "n1", "p2", "n2", "n3", "n4"]
        assert balanced(points, 0, order) == []

    def test_resolve_keeps_sources_priorities_and_trims_search(self, lib):
        report = next(iter(lib.reports))
        c = resolve(lib, audiences=["police", "probation"], themes=["dv", "domestic-abuse"],
                    sources=[report], priorities=["core"], search="  home visit ")
        assert c == Criteria(("police-justice",), ("domestic-abuse",), (report,), ("core",), "home visit")

    def test_unknown_source_lists_known_ones(self, lib):
        with pytest.raises(InputError) as info:
            resolve(lib, sources=["nope"])
        known = sorted({*lib.reports, *lib.documents})
        assert str(info.value) == f"unknown source 'nope' (known: {', '.join(known)})"
        assert len(known) > 2

    def test_unknown_audience_hint(self, lib):
        with pytest.raises(InputError) as info:
            resolve(lib, audiences=["helth"])
        assert str(info.value) == ("unknown audience 'helth'; did you mean 'health'? "
                                   "(run 'sessionbuilder taxonomy' to see them all)")
