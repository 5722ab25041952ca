"""The typed models: what each field accepts, how values are normalised, and the exact messages
a person sees when a value is refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sessionbuilder.library.models import (Branding, Figure, LearningPoint, Quote, Recipe,
                                           SourceRef, Term, Vocabulary, first_page, name_clashes,
                                           normalise, page_label)

POINT = {"id": "local-one", "title": " A title ", "summary": "Two words.", "implications": ["Do it now."],
         "themes": ["neglect"], "audiences": ["health"], "priority": "core",
         "source": {"report": "local-review-a"}}


def ctx_of(lib):
    return {"ctx": lib.context()}


def point(lib=None, **changes):
    data = {**POINT, **changes}
    if lib is None:
        return LearningPoint.model_validate(data)
    if "source" not in changes:
        data["source"] = {"report": next(iter(lib.reports))}
    return LearningPoint.model_validate(data, context=ctx_of(lib))


def messages(info) -> list[str]:
    return [e["msg"] for e in info.value.errors()]


class TestText:
    def test_whitespace_is_stripped_and_empty_text_refused(self):
        assert point().title == "A title"
        with pytest.raises(ValidationError) as info:
            point(summary="   ")
        assert [e["type"] for e in info.value.errors()] == ["string_too_short"]

    @pytest.mark.parametrize("bad", ["Bad Id", "bad--id", "-bad", "bad-", "bad_id", ""])
    def test_ids_are_lower_case_words_joined_by_hyphens(self, bad):
        with pytest.raises(ValidationError):
            point(id=bad)

    def test_good_ids(self):
        assert point(id="a1-b2-c3").id == "a1-b2-c3"

    def test_text_lists_accept_a_single_string(self):
        p = point(implications="Only one thing to do.", questions="Just one question?")
        assert p.implications == ["Only one thing to do."] and p.questions == ["Just one question?"]

    def test_words_counts_title_summary_and_implications(self):
        assert point(implications=["One two three.", "Four."]).words == 2 + 2 + 3 + 1


class TestPages:
    @pytest.mark.parametrize("given,kept", [(77, "77"), ("169-170", "169-170"), ("5", "5"),
                                            ("p141 and p161", "141, 161"),
                                            ([141, "169–170"], "141, 169-170")])
    def test_pages(self, given, kept):
        assert SourceRef(report="r", page=given).page == kept
        assert Quote(text="Words.", page=given).page == kept

    @pytest.mark.parametrize("bad", ["77-", "seven", True, 7.5, "", [True]])
    def test_bad_pages(self, bad):
        with pytest.raises(ValidationError):
            SourceRef(report="r", page=bad)

    @pytest.mark.parametrize("bad,kind", [("seven", "string_pattern_mismatch"), ([True], "string_type"),
                                          ([7.5], "string_type"), ([], "string_type")])
    def test_a_list_joins_only_whole_page_numbers(self, bad, kind):
        # A list holding anything but page numbers is refused as a list, not joined into text.
        with pytest.raises(ValidationError) as info:
            SourceRef(report="r", page=bad)
        assert [e["type"] for e in info.value.errors()] == [kind]

    @pytest.mark.parametrize("page,first,label", [("141, 161", 141, "p141, p161"),
                                                  ("169-170", 169, "p169-170"), ("7", 7, "p7"),
                                                  (None, 0, ""), ("", 0, "")])
    def test_first_page_and_label(self, page, first, label):
        assert first_page(page) == first
        if page is not None:
            assert page_label(page) == label


class TestVocabulary:
    @pytest.fixture
    def vocab(self):
        return Vocabulary("theme", [
            Term(id="domestic-abuse", label="Domestic abuse", description="D.", aliases=["dv", "DA"]),
            Term(id="neglect", label="Neglect", description="N."),
            Term(id="child-sexual-exploitation", label="Child sexual exploitation", description="C.",
                 aliases=["cse", "dv"]),
        ])

    @pytest.mark.parametrize("name,term", [
        ("domestic-abuse", "domestic-abuse"), ("Domestic Abuse", "domestic-abuse"),
        ("  domestic_abuse ", "domestic-abuse"), ("DV", "domestic-abuse"), ("da", "domestic-abuse"),
        ("CSE", "child-sexual-exploitation"), ("child sexual exploitation", "child-sexual-exploitation"),
        ("NEGLECT", "neglect"),
    ])
    def test_ids_labels_and_aliases(self, vocab, name, term):
        assert vocab.resolve(name) == term

    def test_first_term_keeps_a_shared_alias(self, vocab):
        assert vocab.resolve("dv") == "domestic-abuse"

    def test_near_miss_suggests_the_id(self, vocab):
        with pytest.raises(ValueError) as info:
            vocab.resolve("negelct")
        assert str(info.value) == "unknown theme 'negelct'; did you mean 'neglect'?"

    def test_far_miss_has_no_suggestion(self, vocab):
        with pytest.raises(ValueError) as info:
            vocab.resolve("zzzz")
        assert str(info.value) == "unknown theme 'zzzz'"

    def test_get_and_ids(self, vocab):
        assert vocab.get("neglect").label == "Neglect"
        assert vocab.ids == ["domestic-abuse", "neglect", "child-sexual-exploitation"]

    def test_name_clashes_say_where_and_with_whom(self):
        terms = [Term(id="neglect", label="Neglect", description="N.", aliases=["poor care"]),
                 Term(id="poor-care", label="Neglect", description="P.", aliases=["neglect", "other"])]
        assert name_clashes(terms) == [((1, "id"), "poor-care", "neglect"),
                                       ((1, "label"), "Neglect", "neglect"),
                                       ((1, "aliases", 0), "neglect", "neglect")]
        assert name_clashes(terms[:1]) == []

    def test_normalise(self):
        assert normalise("  Child_Sexual  exploitation ") == "child-sexual-exploitation"


class TestCrossReferences:
    def test_themes_and_audiences_resolve_to_ids_without_repeats(self, lib):
        p = point(lib, themes=["dv", "domestic-abuse", "Neglect"], audiences=["probation", "police-justice"])
        assert p.themes == ["domestic-abuse", "neglect"]
        assert p.audiences == ["police-justice"]

    def test_all_means_every_audience_in_taxonomy_order(self, lib):
        assert point(lib, audiences="all").audiences == lib.audiences.ids
        assert point(lib, audiences=["health", " ALL "]).audiences == lib.audiences.ids
        assert point(audiences=["all"]).audiences == ["all"]  # no context: kept as written

    def test_unknown_theme_message(self, lib):
        with pytest.raises(ValidationError) as info:
            point(lib, themes=["neglectt"])
        assert messages(info) == ["Value error, unknown theme 'neglectt'; did you mean 'neglect'?"]

    def test_unknown_report_suggests(self, lib):
        report = next(iter(lib.reports))
        with pytest.raises(ValidationError) as info:
            point(lib, source={"report": report + "x"})
        assert messages(info) == [f"Value error, unknown source report '{report}x'; did you mean '{report}'?"]

    def test_document_must_belong_to_the_report(self, lib):
        doc = next(iter(lib.documents.values()))
        other = next(r for r in lib.reports if r != doc.report)
        with pytest.raises(ValidationError) as info:
            point(lib, source={"report": other, "document": doc.id})
        assert messages(info) == [f"Value error, document '{doc.id}' belongs to report "
                                  f"'{doc.report}', not '{other}'"]
        ok = point(lib, source={"report": doc.report, "document": doc.id, "page": 3})
        assert (ok.source.document, ok.source.page) == (doc.id, "3")

    def test_unknown_document(self, lib):
        with pytest.raises(ValidationError) as info:
            point(lib, source={"report": next(iter(lib.reports)), "document": "zzzz"})
        assert messages(info) == ["Value error, unknown source document 'zzzz'"]

    def test_priority_and_age_groups(self):
        assert point(age_groups=["infant", "adolescent"]).age_groups == ["infant", "adolescent"]
        for field, bad in (("priority", "urgent"), ("age_groups", ["teen"])):
            with pytest.raises(ValidationError):
                point(**{field: bad})

    def test_unknown_field_is_refused(self):
        with pytest.raises(ValidationError) as info:
            point(colour="red")
        assert info.value.errors()[0]["type"] == "extra_forbidden"


class TestFigure:
    @pytest.mark.parametrize("kind,words", [("bar", "Bar chart"), ("column", "Column chart"),
                                            ("pie", "Pie chart"), ("doughnut", "Doughnut chart")])
    def test_alt_text_gives_every_value(self, kind, words):
        f = Figure(id="f", title="Ages", chart=kind, unit="percent", source={"report": "r"},
                   items=[{"label": "Under 1", "value": 36}, {"label": "1-5", "value": 24.5},
                          {"label": "Other", "value": 3, "display": "about 3%"}])
        assert f.alt_text == f"{words}: Ages. Under 1: 36%; 1-5: 24.5%; Other: about 3%."

    def test_counts_have_no_percent_sign(self):
        f = Figure(id="f", title="Reviews", source={"report": "r"},
                   items=[{"label": "Fatal", "value": 1000.0}])
        assert f.alt_text == "Bar chart: Reviews. Fatal: 1000."


class TestBranding:
    def test_defaults(self):
        b = Branding()
        assert (b.partnership, b.primary, b.accent, b.text, b.background) == (
            "Safeguarding Children Partnership", "1F3864", "C55A11", "1A1A1A", "FFFFFF")

    def test_colours_are_normalised(self):
        b = Branding(primary="#004b87", accent=" c55a11 ")
        assert (b.primary, b.accent) == ("004B87", "C55A11")

    @pytest.mark.parametrize("bad", ["blue", "#12345", "1234567", "#GGGGGG"])
    def test_bad_colours(self, bad):
        with pytest.raises(ValidationError):
            Branding(primary=bad)


class TestRecipe:
    SECTIONS = [{"kind": "title"}, {"kind": "learning"}]

    def test_defaults(self):
        r = Recipe(title="T", sections=self.SECTIONS)
        assert (r.minutes, r.audiences, r.themes, r.points, r.questions) == (60, [], [], [], [])

    def test_sections_must_start_with_title_and_hold_learning(self):
        with pytest.raises(ValidationError) as info:
            Recipe(title="T", sections=[{"kind": "title"}, {"kind": "aims"}])
        assert messages(info) == ["Value error, missing section 'learning' (where the learning points go)"]
        with pytest.raises(ValidationError) as info:
            Recipe(title="T", sections=[{"kind": "learning"}, {"kind": "title"}])
        assert messages(info) == ["Value error, the first section must be 'title'"]

    @pytest.mark.parametrize("minutes,ok", [(10, True), (10_000, True), (9, False), (10_001, False)])
    def test_minutes_bounds(self, minutes, ok):
        if ok:
            assert Recipe(title="T", sections=self.SECTIONS, minutes=minutes).minutes == minutes
        else:
            with pytest.raises(ValidationError):
                Recipe(title="T", sections=self.SECTIONS, minutes=minutes)

    def test_audiences_and_themes_resolve(self, lib):
        r = Recipe.model_validate({"title": "T", "sections": self.SECTIONS, "audiences": "all",
                                   "themes": "dv"}, context=ctx_of(lib))
        assert r.audiences == lib.audiences.ids and r.themes == ["domestic-abuse"]
