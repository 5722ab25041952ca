"""The loader: every kind of bad library file gives one clear file:line problem."""

from __future__ import annotations

import time

import pytest

from sessionbuilder.errors import ValidationFailed
from sessionbuilder.library import load_library

from conftest import FIXTURES

BAD = FIXTURES / "bad"

CASES = [
    ("unknown_theme", 7, "unknown theme 'informaton-sharing'; did you mean 'information-sharing'?"),
    ("unknown_audience", 8, "unknown audience 'helth'; did you mean 'health'?"),
    ("missing_field", 2, "missing field 'summary'"),
    ("unknown_source", 11, "unknown source report 'local-review-b'"),
    ("bad_priority", 9, "'priority': input should be 'core' or 'supporting', got 'urgent'"),
    ("empty_text", 3, "'title' is empty"),
    ("unknown_field", 10, "unknown field 'colour'"),
    ("yaml_syntax", 8, "YAML syntax error"),
    ("not_utf8", 3, "is not UTF-8 text"),
    ("control_char", 3, "control character U+000B"),
    ("python_tag", 2, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("alias_bomb", 1, "YAML aliases (*name) are not supported"),
    ("deep_nesting", 1, "nested more than 32 levels deep"),
    ("empty_file", None, "is empty"),
    ("list_not_mapping", 1, "holds a list where a mapping is expected"),
    ("binary", None, "is a binary file"),
]


@pytest.mark.parametrize("case,line,message", CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_located_problem(case, line, message):
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as info:
        load_library([BAD / case])
    assert time.monotonic() - started < 5, "bad input must fail fast"
    (problem,) = info.value.problems
    assert problem.file.endswith(f"{case}/points.yaml")
    assert problem.line == line
    assert message in problem.message


def test_duplicate_id_names_both_places():
    with pytest.raises(ValidationFailed) as info:
        load_library([BAD / "duplicate_id"])
    (problem,) = info.value.problems
    assert problem.message == "duplicate id 'local-point-one'"
    assert problem.line == 12 and "points.yaml:2" in problem.hint


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "hacked"
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "points.yaml").write_text(
        f'points:\n  - !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(ValidationFailed):
        load_library([folder])
    assert not marker.exists()


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    text = (FIXTURES / "user_library" / "local.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
    (folder / "local.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    lib = load_library([folder])
    assert lib.point("local-point-two").title.startswith("“Was not brought”")


def test_all_problems_reported_together(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for case in ("unknown_theme", "bad_priority"):
        (folder / f"{case}.yaml").write_bytes((BAD / case / "points.yaml").read_bytes())
    (folder / "sources.yaml").write_bytes((BAD / "unknown_theme" / "sources.yaml").read_bytes())
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    assert len(info.value.problems) == 2
    assert {p.file.rsplit("/", 1)[-1] for p in info.value.problems} == {
        "unknown_theme.yaml", "bad_priority.yaml"}


def test_user_library_merges_with_bundled(lib, user_lib):
    assert len(user_lib.points) == len(lib.points) + 2
    assert user_lib.point("local-point-one").source.report == "local-review-a"
    assert "local-review-a" in user_lib.reports


def test_user_point_clashing_with_bundled_id(tmp_path, lib):
    folder = tmp_path / "lib"
    folder.mkdir()
    bundled_id = lib.points[0].id
    text = (FIXTURES / "user_library" / "local.yaml").read_text().replace("local-point-one", bundled_id)
    (folder / "local.yaml").write_text(text)
    (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    assert f"duplicate id '{bundled_id}'" in str(info.value.problems[0])
    assert "learning_points/" in info.value.problems[0].hint


class TestBundledLibrary:
    def test_at_least_100_points(self, lib):
        assert len(lib.points) >= 100

    def test_every_audience_has_20_points(self, lib):
        for audience in lib.audiences.ids:
            assert sum(audience in p.audiences for p in lib.points) >= 20, audience

    def test_every_theme_has_2_points(self, lib):
        for theme in lib.themes.ids:
            assert sum(theme in p.themes for p in lib.points) >= 2, theme

    def test_pages_only_for_the_paged_documents(self, lib):
        paged = {"rip-police-briefing", "wscb-briefing-7", "wscb-deck"}
        for p in lib.points:
            if p.source.page:
                assert p.source.document in paged, p.id

    def test_figures_from_the_seeds(self, lib):
        figures = {f.id: f for f in lib.figures}
        csc = figures["csc-involvement-2011-14"]
        assert sum(i.value for i in csc.items) == 175
        parental = {i.label: i.display for i in figures["parental-characteristics-2014-17"].items}
        assert parental["Mental health problems"] == "153 (55%)"
        assert sum(i.value for i in figures["multiple-problems-2011-14"].items) == 175

    def test_every_figure_names_its_period_in_title_and_alt_text(self, lib):
        """Charts of both analyses share decks; an undated chart invites a false trend."""
        for f in lib.figures:
            period = "2014-17" if f.source.report == "dfe-2020" else "2011-14"
            assert period in f.title and period in f.alt_text, f.id

    def test_2014_17_statistics_name_their_period(self, lib):
        for p in lib.points:
            if p.source.report != "dfe-2020":
                continue
            for text in (p.title, p.summary, *p.implications):
                if "%" in text:
                    assert "2014-17" in text, (p.id, text)

    def test_every_figure_number_is_in_a_seed(self):
        """The shared check: every number in the library appears in a source document."""
        import subprocess
        import sys
        from conftest import ROOT
        tool = ROOT.parent / "shared" / "tools" / "check_figures.py"
        if not tool.exists():
            pytest.skip("the shared seed checker is not beside this checkout")
        out = subprocess.run([sys.executable, str(tool), str(ROOT / "learning_points")],
                             capture_output=True, text=True)
        assert out.stdout == "" and out.returncode == 0


def test_a_name_shared_by_two_terms_of_one_vocabulary_is_refused(tmp_path, monkeypatch):
    from sessionbuilder import resources
    bundled = resources.library_dir()
    folder = tmp_path / "bundled"
    folder.mkdir()
    taxonomy = (bundled / "taxonomy.yaml").read_text()
    clash = taxonomy.replace("aliases: [deprivation,", "aliases: [deprivation, neglect,")
    assert clash != taxonomy
    (folder / "taxonomy.yaml").write_text(clash)
    (folder / "sources.yaml").write_text((bundled / "sources.yaml").read_text())
    monkeypatch.setattr(resources, "library_dir", lambda: folder)
    with pytest.raises(ValidationFailed) as info:
        load_library()
    [problem] = info.value.problems
    line = clash.splitlines().index(next(x for x in clash.splitlines() if "deprivation, neglect" in x))
    assert problem.line == line + 1
    assert problem.message == "theme 'poverty' is also called 'neglect', a name of 'neglect'"


@pytest.mark.parametrize("page, stored, printed", [
    (77, "77", "p77"), ("169-170", "169-170", "p169-170"), ("141, 161", "141, 161", "p141, p161"),
    ([141, 161], "141, 161", "p141, p161"), ("p141 and p161", "141, 161", "p141, p161"),
    ("169–170", "169-170", "p169-170"),
])
def test_a_page_may_be_several_places_or_ranges(page, stored, printed):
    from sessionbuilder.models import SourceRef, page_label
    ref = SourceRef(report="sidebotham-2016", page=page)
    assert ref.page == stored and page_label(ref.page) == printed


@pytest.mark.parametrize("page", ["p", "141,,161", "one", [], True])
def test_a_bad_page_is_refused_with_an_example(tmp_path, page):
    import yaml
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
    text = (FIXTURES / "user_library" / "local.yaml").read_text()
    text = text.replace("      report: local-review-a\n  - id: local-point-two",
                        f"      report: local-review-a\n      page: {yaml.safe_dump(page).split(chr(10))[0]}"
                        "\n  - id: local-point-two", 1)
    (folder / "local.yaml").write_text(text)
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    assert info.value.problems[0].line == 13
    assert "page" in info.value.problems[0].message


class TestSaysWhatTheSeedsSay:
    """Fixes from reading the 2011-14 points against their seeds (issue 8), kept fixed."""

    @pytest.mark.parametrize("point_id, words", [
        ("recognition-parental-factors-cumulative", "appear to interact"),
        ("strategy-discussions-neglected", "suggest"),
        ("info-cultural-barriers-not-law", "suggest"),
        ("recognition-complexity-professionals-isolated", "often"),
        ("process-targets-rigidity-desensitisation", "may impede"),
        ("edu-managed-moves", "potential"),
        ("child-other-family-risk-factors", "potential"),
        ("dis-communication-barriers", "A number of factors may"),
        ("criminality-entrenched-parental-offending", "a number of SCRs"),
    ])
    def test_hedges_are_kept_in_title_or_summary(self, lib, point_id, words):
        p = lib.point(point_id)
        assert words.lower() in (p.title + " " + p.summary).lower()

    @pytest.mark.parametrize("point_id, words", [
        ("adolescents-low-expectations-high-tolerance", "One SCR"),
        ("info-probation-missed-referral", "In one case"),
        ("info-neighbourhood-officer-referral", "example of good practice"),
        ("info-police-notify-schools", "good practice"),
    ])
    def test_one_review_or_one_example_says_so_in_its_title(self, lib, point_id, words):
        assert words.lower() in lib.point(point_id).title.lower()

    def test_a_proposal_stays_a_proposal(self, lib):
        p = lib.point("info-presume-to-share")
        assert "propos" in p.title and "would be to presume" in p.summary

    def test_pages_sit_where_the_seed_puts_them(self, lib):
        assert lib.point("curiosity-open-stance").source.page == "141, 161"
        drugs = lib.point("criminality-drugs-where-child-sleeps")  # p86 is the example's page
        assert drugs.source.page is None and drugs.quote.page == "86"
        for pid, page in (("org-stretched-resources", "(p193)"), ("org-long-term-not-episodic", "(p194)")):
            p = lib.point(pid)
            assert p.source.page is None and page in p.summary, pid

    def test_headline_findings_are_core_for_every_agency(self, lib):
        for pid in ("adolescents-particular-risks-of-harm", "mh-adult-services-ask-about-children",
                    "recognition-everyday-duties-opportunities", "da-embed-coercive-control-offence",
                    "strategy-discussions-neglected"):
            p = lib.point(pid)
            assert p.priority == "core" and set(p.audiences) == set(lib.audiences.ids), pid

    def test_no_point_repeats_the_remember_passage(self, lib):
        for p in lib.points:
            text = " ".join((p.summary, p.quote.text if p.quote else ""))
            assert "not because of, but in spite of" not in text, p.id

    def test_merged_and_chart_repeating_points_are_gone(self, lib):
        for gone in ("sys-harm-in-spite-of-good-work", "scr-purpose", "online-hidden-from-adults",
                     "recognition-csc-involvement-at-incident", "recognition-three-problems-overlap"):
            assert lib.point(gone) is None, gone
        online = lib.point("online-harmful-relationships")
        assert "hidden, and difficult for parents, teachers and other agencies" in online.summary

    @pytest.mark.parametrize("point_id, seed_words", [
        ("sys-explore-cumulative-risks", "awareness of how children are vulnerable at different ages"),
        ("yp-early-life-loss-and-rejection", "Loss and rejection in early life"),
        ("da-not-only-violent-incidents", "should not be seen solely in terms of violent incidents"),
        ("sys-culture-of-communication", "A culture of communication is important"),
    ])
    def test_added_points_carry_their_seed_finding(self, lib, point_id, seed_words):
        p = lib.point(point_id)
        assert seed_words in p.summary and p.priority == "core"
        assert set(p.audiences) == set(lib.audiences.ids)
