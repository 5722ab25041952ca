"""The loader: every kind of bad library file gives one clear file:line problem."""

from __future__ import annotations

import pytest

from sessionbuilder.errors import ValidationFailed
from sessionbuilder.library.loading import load_library

from support import FIXTURES

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
    with pytest.raises(ValidationFailed) as info:
        load_library([BAD / case])
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
        from support import ROOT
        tool = ROOT.parent / "shared" / "tools" / "check_figures.py"
        if not tool.exists():
            pytest.skip("the shared seed checker is not beside this checkout")
        from support import names_current_law
        out = subprocess.run([sys.executable, str(tool), "learning_points"], cwd=ROOT,
                             capture_output=True, text=True)
        assert [x for x in out.stdout.splitlines() if not names_current_law(x)] == []


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
    assert str(problem) == (f"{folder}/taxonomy.yaml:{line + 1}: theme 'poverty' is also called 'neglect', "
                            "a name of 'neglect' (each id, label and alias must name one term only)")


@pytest.mark.parametrize("page, stored, printed", [
    (77, "77", "p77"), ("169-170", "169-170", "p169-170"), ("141, 161", "141, 161", "p141, p161"),
    ([141, 161], "141, 161", "p141, p161"), ("p141 and p161", "141, 161", "p141, p161"),
    ("169–170", "169-170", "p169-170"),
])
def test_a_page_may_be_several_places_or_ranges(page, stored, printed):
    from sessionbuilder.library.models import SourceRef, page_label
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
        ("yp-early-life-loss-and-rejection", "loss and rejection in early life"),
        ("da-not-only-violent-incidents", "should not be seen solely in terms of violent incidents"),
        ("sys-culture-of-communication", "A culture of communication is important"),
    ])
    def test_added_points_carry_their_seed_finding(self, lib, point_id, seed_words):
        from sessionbuilder.library.rules import deck_only
        p = lib.point(point_id)
        assert seed_words in p.summary
        assert p.priority == ("supporting" if deck_only(lib, p) else "core"), "deck-only: never core"
        assert set(p.audiences) == set(lib.audiences.ids)


class TestPathsThatAreFiles:
    """A library entry may be a single learning-point file, read with the sources beside it."""

    def test_validate_reads_a_point_file(self, cli, tmp_path):
        folder = tmp_path / "lib"
        folder.mkdir()
        (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
        (folder / "mine.yaml").write_bytes((BAD / "unknown_theme" / "points.yaml").read_bytes())
        (folder / "other.yaml").write_text("points: [not a mapping\n")  # not named: not read
        result = cli("validate", folder / "mine.yaml")
        assert result.exit_code == 1
        assert result.stderr == (f"error: {folder}/mine.yaml:7: unknown theme 'informaton-sharing'; "
                                 "did you mean 'information-sharing'?\n")

    def test_good_point_file_counts_its_points(self, cli, lib):
        result = cli("validate", FIXTURES / "user_library" / "local.yaml")
        assert result.exit_code == 0
        assert result.output == f"OK: {len(lib.points) + 2} learning points in 2 libraries, 0 recipes.\n"

    def test_file_and_its_folder_are_read_once(self, user_lib):
        both = load_library([FIXTURES / "user_library" / "local.yaml", FIXTURES / "user_library"])
        assert [p.id for p in both.points] == [p.id for p in user_lib.points]

    def test_environment_entry_that_is_a_file_is_used(self, cli):
        env = {"SESSIONBUILDER_LIBRARY": str(FIXTURES / "user_library" / "local.yaml")}
        result = cli("show", "local-point-two", env=env)
        assert result.exit_code == 0 and "Local Child Safeguarding Practice Review A" in result.output

    def test_file_that_is_not_yaml_is_refused(self, cli, tmp_path):
        notes = tmp_path / "notes.txt"
        notes.write_text("points:\n")
        result = cli("list", env={"SESSIONBUILDER_LIBRARY": str(notes)})
        assert result.exit_code == 1
        assert result.stderr == f"error: {notes}: is neither a library folder nor a .yaml file\n"

    @pytest.mark.parametrize("value", [":{lib}", "{lib}:", "{lib}::{lib}"])
    def test_empty_environment_entry_names_the_variable(self, cli, value):
        value = value.format(lib=FIXTURES / "user_library")
        result = cli("list", env={"SESSIONBUILDER_LIBRARY": value})
        assert result.exit_code == 2
        assert result.stderr == ("error: SESSIONBUILDER_LIBRARY has an empty entry (separate folders "
                                 "with a single ':' and none at either end)\n")

    def test_missing_environment_entry_names_the_variable(self, cli, tmp_path):
        result = cli("list", env={"SESSIONBUILDER_LIBRARY": f"{FIXTURES}:{tmp_path}/nope"})
        assert result.exit_code == 2
        assert result.stderr == (f"error: SESSIONBUILDER_LIBRARY names '{tmp_path}/nope', which does "
                                 "not exist\n")

    def test_missing_library_option(self, cli, tmp_path):
        result = cli("taxonomy", "--library", tmp_path / "nope")
        assert result.exit_code == 2
        assert result.stderr == f"error: library '{tmp_path}/nope' does not exist\n"

    def test_missing_folder_from_python(self, tmp_path):
        with pytest.raises(ValidationFailed) as info:
            load_library([tmp_path / "nope"])
        assert [str(p) for p in info.value.problems] == [f"{tmp_path}/nope: library not found"]


def _lib_with(tmp_path, files: dict[str, str]):
    folder = tmp_path / "lib"
    folder.mkdir(exist_ok=True)
    (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


GOOD = ("  - id: local-good\n    title: T\n    summary: S\n    implications: [I]\n    themes: [neglect]\n"
        "    audiences: [health]\n    priority: core\n    source:\n      report: local-review-a\n")


@pytest.mark.parametrize("change,line,message,hint", [
    (("id: local-good", "id: Bad Id"), 2, "'id' must be lower-case words joined by hyphens, got 'Bad Id'",
     "for example 'da-always-harmful'"),
    (("report: local-review-a", "report: Local_A"), 10,
     "'report' must be lower-case words joined by hyphens, got 'Local_A'", "for example 'da-always-harmful'"),
    (("report: local-review-a", "report: local-review-a\n      page: seven"), 11,
     "'page' must be a page number, a range or several, got 'seven'",
     'for example 77, "169-170" or "141, 161"'),
    (("title: T", "title:\n      note: this"), 4, "'title' should be text but reads as a mapping",
     "put text that contains ': ' in quotes"),
    (("report: local-review-a", "report: local-review-a\n      document: Doc_A"), 11,
     "'document' must be lower-case words joined by hyphens, got 'Doc_A'", "for example 'da-always-harmful'"),
    (("title: T", "title: ''"), 3, "'title' is empty", "write the text or remove the field"),
    (("implications: [I]", "implications: []"), 5, "'implications' needs at least one entry", None),
    (("priority: core", "priority: high"), 8,
     "'priority': input should be 'core' or 'supporting', got 'high'",
     None),
    (("summary: S", "summary: [S, T]"), 4, "'summary': input should be a valid string", None),
    (("themes: [neglect]", "themes: [neglekt]"), 6, "unknown theme 'neglekt'; did you mean 'neglect'?", None),
    (("    title: T\n", ""), 2, "missing field 'title'", None),
    (("priority: core", "priority: core\n    colour: red"), 9, "unknown field 'colour'",
     "check the spelling against docs/library-format.md"),
])
def test_each_problem_has_its_own_words(tmp_path, change, line, message, hint):
    folder = _lib_with(tmp_path, {"points.yaml": "points:\n" + GOOD.replace(*change)})
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.message, problem.hint) == (
        str(folder / "points.yaml"), line, message, hint)


@pytest.mark.parametrize("text,message,hint", [
    ("just a sentence\n", "holds text where a mapping is expected", "start the file with 'points:'"),
    ("- a\n- b\n", "holds a list where a mapping is expected", "start the file with 'points:'"),
    ("42\n", "holds int where a mapping is expected", "start the file with 'points:'"),
])
def test_files_that_are_not_mappings(tmp_path, text, message, hint):
    folder = _lib_with(tmp_path, {"points.yaml": text})
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    assert [(p.line, p.message, p.hint) for p in info.value.problems] == [(1, message, hint)]


def test_a_user_library_cannot_redefine_the_taxonomy(tmp_path):
    folder = _lib_with(tmp_path, {"taxonomy.yml": "audiences: []\n", "zz.yaml": "- not a mapping\n"})
    assert _problems(folder) == [
        f"{folder}/taxonomy.yml: a user library cannot redefine the taxonomy (remove taxonomy.yaml; "
        "use the bundled themes and audiences)",
        f"{folder}/zz.yaml:1: holds a list where a mapping is expected (start the file with 'points:')"]


def test_duplicate_source_ids_are_named_with_their_line(tmp_path):
    folder = _lib_with(tmp_path, {})
    (folder / "more.yaml").write_text("points: []\n")
    entry = "  - id: local-review-a\n    short: A\n    citation: A.\n"
    (folder / "sources.yaml").write_text("reports:\n" + entry + entry)
    with pytest.raises(ValidationFailed) as info:
        load_library([folder])
    assert [(p.line, p.message) for p in info.value.problems] == [(5, "duplicate source id 'local-review-a'")]


def test_points_sources_figures_and_passages_of_a_user_library_join(tmp_path, lib):
    folder = _lib_with(tmp_path, {
        "points.yaml": "points:\n" + GOOD,
        "figures.yaml": "figures:\n  - id: local-figure\n    title: Local numbers\n    items:\n"
                        "      - {label: A, value: 3}\n    source:\n      report: local-review-a\n",
        "passages.yaml": "passages:\n  - id: local-passage\n    title: Local words\n    text: Words.\n"
                         "    source:\n      report: local-review-a\n"})
    mine = load_library([folder])
    assert [p.id for p in mine.points] == [p.id for p in lib.points] + ["local-good"]
    assert mine.local == {"local-good"}
    assert [f.id for f in mine.figures] == [f.id for f in lib.figures] + ["local-figure"]
    assert set(mine.passages) == set(lib.passages) | {"local-passage"}
    assert mine.where("local-good") == f"{folder}/points.yaml:2"
    assert mine.dirs[1:] == [folder]
    assert mine.cite("local-review-a") == "Local Child Safeguarding Practice Review A (2024)"
    assert mine.cite("local-review-a", "7") == "Local Child Safeguarding Practice Review A (2024), p7"
    assert mine.origins["local-good"] == (folder / "points.yaml", 0)


def test_where_names_file_and_line_of_the_id(lib):
    point = lib.points[-1]
    path, index = lib.origins[point.id]
    where = lib.where(point.id)
    line = int(where.rsplit(":", 1)[1])
    assert where.startswith(f"{path}:")
    assert path.read_text().splitlines()[line - 1].strip() == f"- id: {point.id}"


def test_library_dirs_drop_repeats(tmp_path):
    from sessionbuilder.library.loading import library_dirs
    from sessionbuilder.resources import library_dir
    dirs = library_dirs([tmp_path, str(tmp_path), tmp_path / ".", library_dir()])
    assert dirs == [library_dir(), tmp_path]


def test_yaml_files_in_a_folder_and_beside_a_file(tmp_path):
    from sessionbuilder.library.loading import yaml_files
    for name in ("b.yaml", "a.yml", "notes.txt", "sources.yaml", "figures.yml", "sub/c.yaml",
                 "taxonomy.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    assert [p.relative_to(tmp_path).as_posix() for p in yaml_files(tmp_path)] == [
        "a.yml", "b.yaml", "figures.yml", "sources.yaml", "sub/c.yaml", "taxonomy.yaml"]
    assert [p.name for p in yaml_files(tmp_path / "b.yaml")] == ["b.yaml", "figures.yml", "sources.yaml"]


def _problems(folder_or_entries) -> list[str]:
    entries = folder_or_entries if isinstance(folder_or_entries, list) else [folder_or_entries]
    with pytest.raises(ValidationFailed) as info:
        load_library(entries)
    return [str(p) for p in info.value.problems]


def _point(point_id: str, priority: str = "core") -> str:
    return GOOD.replace("local-good", point_id).replace("priority: core", f"priority: {priority}")


def _id_second(entry: str) -> str:
    """A list entry with its first two fields swapped, so that its id is not on its first line."""
    first, second, rest = entry.split("\n", 2)
    return f"  - {second.strip()}\n    {first.strip()[2:]}\n{rest}"


def test_every_bad_point_in_a_file_is_reported_after_the_first(tmp_path):
    # points start on lines 2, 11, 20 and 29 (nine lines each); priority is each one's 7th line
    folder = _lib_with(tmp_path, {"points.yaml": "points:\n" + _point("local-bad", "high") + GOOD
                                  + _id_second(GOOD) + _point("local-bad-two", "urgent")})
    path = folder / "points.yaml"
    assert _problems(folder) == [
        f"{path}:8: 'priority': input should be 'core' or 'supporting', got 'high'",
        f"{path}:21: duplicate id 'local-good' (already used at {path}:11)",
        f"{path}:35: 'priority': input should be 'core' or 'supporting', got 'urgent'"]


def test_every_bad_library_entry_is_reported(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("points:\n")
    folder = _lib_with(tmp_path, {"points.yaml": "points:\n" + _point("local-bad", "high")})
    assert _problems([notes, tmp_path / "nope", notes.with_suffix(".md"), folder]) == [
        f"{folder}/points.yaml:8: 'priority': input should be 'core' or 'supporting', got 'high'",
        f"{tmp_path}/nope: library not found",
        f"{tmp_path}/notes.md: library not found",
        f"{notes}: is neither a library folder nor a .yaml file"]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("entries", [[], ["no-such-folder"]])
def test_loading_leaves_the_garbage_collector_as_it_found_it(enabled, entries):
    import gc
    (gc.enable if enabled else gc.disable)()
    try:
        try:
            load_library(entries)
        except ValidationFailed:
            pass
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_a_user_librarys_branding_file_is_not_read_as_points(tmp_path):
    first = _lib_with(tmp_path, {"points.yaml": "points:\n" + GOOD, "branding.yaml": "partnership: A\n"})
    second = tmp_path / "second"
    second.mkdir()
    (second / "branding.yml").write_text("partnership: B\n")
    mine = load_library([first, second])
    assert [p.id for p in mine.points][-1:] == ["local-good"] and mine.local == {"local-good"}


def test_a_bundled_library_without_taxonomy(tmp_path, monkeypatch):
    from sessionbuilder import resources
    monkeypatch.setattr(resources, "library_dir", lambda: tmp_path)
    assert _problems([]) == [f"{tmp_path}: taxonomy.yaml is missing"]
    (tmp_path / "taxonomy.yaml").write_text("audiences: [\n")
    (problem,) = _problems([])
    assert problem.startswith(f"{tmp_path}/taxonomy.yaml:2: YAML syntax error")
    (tmp_path / "taxonomy.yaml").write_text("audiences: []\n")
    assert _problems([]) == [f"{tmp_path}/taxonomy.yaml:1: 'audiences' needs at least one entry",
                             f"{tmp_path}/taxonomy.yaml:1: missing field 'themes'"]


EXTRACT = ("  - id: {id}\n    title: Local words\n    text: Words.\n    questions: [Why?]\n"
           "    related:\n      - local-good\n{more}    themes: [neglect]\n    audiences: [health]\n"
           "    source:\n      report: local-review-a\n      page: 3\n")


def test_extracts_of_a_user_library_join(tmp_path, lib):
    text = "extracts:\n" + EXTRACT.format(id="local-extract", more="")
    folder = _lib_with(tmp_path, {"points.yaml": "points:\n" + GOOD, "extracts.yaml": text})
    mine = load_library([folder])
    assert [x.id for x in mine.extracts] == [x.id for x in lib.extracts] + ["local-extract"]
    assert mine.extracts[-1].related == ["local-good"] and mine.extracts[-1].source.page == "3"


def test_each_bad_extract_is_named_with_its_line(tmp_path, lib):
    bundled = lib.extracts[0].id
    # extracts start on lines 2, 13, 24 and 35 (eleven lines each, the 2nd's id on its 2nd);
    # the 4th's related ids are on lines 40-41
    text = "extracts:\n" + "".join([
        EXTRACT.format(id="local-extract", more=""),
        _id_second(EXTRACT.format(id="local-extract", more="")),
        EXTRACT.format(id=bundled, more=""),
        EXTRACT.format(id="local-unknown", more="      - no-such-point\n"),
    ])
    folder = _lib_with(tmp_path, {"points.yaml": "points:\n" + GOOD, "extracts.yaml": text})
    path = folder / "extracts.yaml"
    assert _problems(folder) == [
        f"{path}:14: duplicate extract id 'local-extract'",
        f"{path}:24: duplicate extract id '{bundled}'",
        f"{path}:41: unknown learning point 'no-such-point' in 'related' ('sessionbuilder list' shows "
        "the ids)"]


def test_figures_keep_where_they_came_from(tmp_path, lib):
    figure = ("  - id: local-{n}\n    title: Local numbers {n}\n    items:\n      - {{label: A, value: 3}}\n"
              "    source:\n      report: local-review-a\n")
    folder = _lib_with(tmp_path, {"figures.yaml": "figures:\n" + figure.format(n=1) + figure.format(n=2)})
    mine = load_library([folder])
    assert len(mine.figure_origins) == len(mine.figures)
    assert mine.figure_origins[:len(lib.figures)] == lib.figure_origins
    assert mine.figure_origins[-2:] == [(folder / "figures.yaml", 0), (folder / "figures.yaml", 1)]
    assert [f.title for f in mine.figures[-2:]] == ["Local numbers 1", "Local numbers 2"]


def test_where_names_the_line_of_the_id_when_it_is_not_the_first_field(tmp_path):
    folder = _lib_with(tmp_path, {"points.yaml": "points:\n" + _id_second(GOOD)})
    assert load_library([folder]).where("local-good") == f"{folder}/points.yaml:3"


def test_duplicate_document_ids_are_named_with_their_line(tmp_path):
    folder = _lib_with(tmp_path, {})
    doc = "  - id: doc-a\n    report: local-review-a\n    short: A\n    citation: A.\n"
    (folder / "sources.yaml").write_text((folder / "sources.yaml").read_text() + "documents:\n" + doc
                                         + _id_second(doc))
    assert _problems(folder) == [f"{folder}/sources.yaml:11: duplicate source id 'doc-a'"]


def test_a_file_read_first_is_skipped_in_its_folder_but_the_rest_are_read(tmp_path):
    folder = _lib_with(tmp_path, {"a.yml": "points:\n" + GOOD,
                                  "b.yaml": "points:\n" + _point("local-other", "supporting")})
    mine = load_library([folder / "a.yml", folder])
    assert [p.id for p in mine.points][-2:] == ["local-good", "local-other"]
    assert mine.origins["local-good"] == (folder / "a.yml", 0)
    assert mine.local == {"local-good", "local-other"}


@pytest.mark.parametrize("name,text,line,message", [
    ("sources.yaml", "- a list\n", 1,
     "holds a list where a mapping is expected (start the file with 'reports:')"),
    ("sources.yaml", "reports:\n  - id: local-review-a\n    short: A\n", 2, "missing field 'citation'"),
    ("figures.yaml", "Some words\n", 1,
     "holds text where a mapping is expected (start the file with 'figures:')"),
    ("figures.yaml", "figures:\n  - id: local-figure\n    title: T\n    items: [{label: A, value: 3}]\n"
     "    source:\n      report: local-review-b\n", 6,
     "unknown source report 'local-review-b'; did you mean 'local-review-a'?"),
    ("passages.yaml", "passages:\n  - id: local-passage\n    title: T\n    source:\n      report: nope\n", 5,
     "unknown source report 'nope'"),
    ("extracts.yaml", "[1, 2]\n", 1,
     "holds a list where a mapping is expected (start the file with 'extracts:')"),
    ("points.yaml", "", None, "is empty (a library file needs a top-level mapping such as 'points:')"),
])
def test_each_kind_of_library_file_is_checked(tmp_path, name, text, line, message):
    folder = _lib_with(tmp_path, {name: text})
    where = f"{folder / name}:{line}" if line else f"{folder / name}"
    assert _problems(folder) == [f"{where}: {message}"]
