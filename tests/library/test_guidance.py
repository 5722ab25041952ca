"""The guide's safeguarding text: safe to follow as written, and replaceable by a partnership."""

from __future__ import annotations

import re

from sessionbuilder.library import guidance

from support import docx_text


def text_of(s: guidance.Safeguarding) -> str:
    return " ".join([*s.contacts_to_check, *s.distressing_content.paragraphs,
                     *(x for r in s.responses for x in r.steps)])


def test_the_ground_rules_never_promise_confidentiality():
    s = guidance.safeguarding()
    rules = next(p for p in s.distressing_content.paragraphs if "ground rules" in p)
    assert "stays in the room" not in text_of(s)
    assert "a safeguarding concern will always be passed on" in rules
    assert "Do not promise to keep it secret" in text_of(s)


def test_a_disclosure_goes_to_999_first_then_the_designated_lead_straight_away():
    s = guidance.safeguarding()
    disclosure = next(r for r in s.responses if r.heading == "If someone discloses abuse")
    assert disclosure.steps[0] == "If a child is in immediate danger, call the police on 999 first."
    told = next(i for i, x in enumerate(disclosure.steps) if "designated safeguarding lead" in x)
    assert "Tell your designated safeguarding lead straight away" in disclosure.steps[told]
    social_care = [i for i, x in enumerate(disclosure.steps) if "children's social care" in x]
    assert social_care and min(social_care) >= told, "the designated lead comes first"
    assert "same day" not in text_of(s)
    support = disclosure.steps[-1]
    assert "employee assistance scheme" in support and "NAPAC" in support


def test_a_concern_about_an_adult_who_works_with_children_goes_to_the_lado():
    s = guidance.safeguarding()
    adult = next(r for r in s.responses if "adult who works or volunteers with children" in r.heading)
    steps = " ".join(adult.steps)
    assert adult.steps[0].endswith("call the police on 999 first.")
    for words in ("designated safeguarding lead", "named senior manager",
                  "managing allegations against staff and volunteers",
                  "Local Authority Designated Officer (LADO)"):
        assert words in steps, words
    assert any("LADO" in c for c in s.contacts_to_check), "the LADO is a local contact to check"
    assert any("joining instructions" in p for p in s.distressing_content.paragraphs)


def test_a_library_s_own_safeguarding_text_replaces_ours(cli, tmp_path):
    folder = tmp_path / "ours"
    assert cli("init", folder).exit_code == 0
    assert (folder / "safeguarding.yaml").read_text() == guidance.default_file().read_text()
    own = (folder / "safeguarding.yaml").read_text().replace(
        "Tell your designated safeguarding lead straight away",
        "Ring the Anyshire safeguarding team on 01632 960999 straight away")
    (folder / "safeguarding.yaml").write_text(own)
    assert guidance.safeguarding([folder]).responses[0].steps[3].startswith("Ring the Anyshire")
    out = tmp_path / "guide.docx"
    result = cli("guide", "--library", folder, "-o", out)
    assert result.exit_code == 0, result.output
    text = docx_text(out.read_bytes())
    assert "4. Ring the Anyshire safeguarding team on 01632 960999 straight away" in text
    assert "1. If a child is in immediate danger, call the police on 999 first." in text, \
        "each list of steps is numbered from 1"
    assert "Tell your designated safeguarding lead straight away" not in text


def test_validate_reports_a_broken_safeguarding_file_by_line(cli, tmp_path):
    folder = tmp_path / "ours"
    cli("init", folder)
    (folder / "safeguarding.yaml").write_text("contacts_to_check: []\nresponses: []\n")
    result = cli("validate", folder)
    assert result.exit_code == 1
    assert re.search(r"safeguarding\.yaml:\d+: .*contacts_to_check", result.output), result.output
