"""Right-to-left words inside left-to-right text: the order they are seen in."""

from __future__ import annotations

import pytest

from sessionbuilder.text.rtl import direction, display_order, has_rtl, needs_shaping, visual_order


@pytest.mark.parametrize("text,seen", [
    ("plain English, unchanged", "plain English, unchanged"),
    ("Interpreters matter: حماية الطفل — Zoë", "Interpreters matter: الطفل حماية — Zoë"),
    ("Hebrew: שלום עולם and more", "Hebrew: עולם שלום and more"),
    ("عام 2014 كان", "كان 2014 عام"),  # a number inside a run moves with it
    ("a שלום b עולם c", "a שלום b עולם c"),  # single words: nothing to reorder
    ("x (العربية) – y", "x (العربية) – y"),
    ("one  שתיים   שלוש four", "one  שלוש   שתיים four"),  # the spaces stay where they were
    ("ends with עולם שלום", "ends with שלום עולם"),
])
def test_runs_of_right_to_left_words_are_reversed(text, seen):
    assert visual_order(text) == seen


@pytest.mark.parametrize("words,order", [
    (["say", "שלום", "עולם", "now"], [0, 2, 1, 3]),
    (["אחת", "שתיים", "שלוש"], [2, 1, 0]),  # a line wholly right to left
    (["עולם", "2014", "שלום", "x"], [2, 1, 0, 3]),  # a number between two such words moves
    (["שלום", "עולם", "2014"], [1, 0, 2]),  # but not one after the run's last word
    (["a", "שלום", "b", "עולם"], [0, 1, 2, 3]),
    ([], []),
])
def test_one_lines_words_in_display_order(words, order):
    """The order for one line: PDFs put each line in this order after breaking the paragraph."""
    assert display_order(words) == order


def test_without_a_shaping_engine_letters_are_reversed_too():
    assert visual_order("say שלום עולם now", shaped=False) == "say םלוע םולש now"
    assert visual_order("no change", shaped=False) == "no change"


def test_direction_and_detection():
    assert [direction(w) for w in ("שלום", "word", "2014", "—", "(العربية)", "")] == [
        "R", "L", None, None, "R", None]
    assert has_rtl("a ש") and not has_rtl("Zoë ⇒ Michał")
    assert needs_shaping("حماية") and needs_shaping("हिन्दी") and needs_shaping("שלום")
    assert not needs_shaping("Zoë, Michał – ⇒ “quoted”") and not needs_shaping("ภาษาไทย")
