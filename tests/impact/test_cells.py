"""A cell's rating or date as Forms and Excel write them."""

from __future__ import annotations

import datetime as dt

import pytest

from sessionbuilder.impact import responses
from sessionbuilder.impact.analysis import change, half_up


@pytest.mark.parametrize("value, rating", [
    (1, 1), (5, 5), (3.0, 3), ("4", 4), (" 2 ", 2), ("4.0", 4), ("4 - Quite confident", 4),
    ("5: very confident", 5), (None, None), ("N/A", None), ("n/a", None), ("Not applicable", None),
    ("-", None), ("Don't know", None),
])
def test_ratings(value, rating):
    assert responses.rating(value) == rating


@pytest.mark.parametrize("value, message", [
    (0, "rating 0 is not a whole number from 1 to 5"),
    (6, "rating 6 is not a whole number from 1 to 5"),
    (3.5, "rating 3.5 is not a whole number from 1 to 5"),
    ("4/5", "rating '4/5' is not a whole number from 1 to 5"),
    ("0", "rating '0' is not a whole number from 1 to 5"),
    ("four", "rating 'four' is not a whole number from 1 to 5"),
    (True, "'True' is not a rating"),
])
def test_bad_ratings(value, message):
    with pytest.raises(responses._Bad, match=f"^{message.replace('.', '[.]')}$"):
        responses.rating(value)


@pytest.mark.parametrize("value", [
    dt.datetime(2026, 3, 4, 10, 15), dt.date(2026, 3, 4), "2026-03-04", "2026-03-04T10:15:00",
    "2026/03/04 10:15:32 am GMT", "2026/03/04 2:15:32 PM GMT+1", "04/03/2026 10:15:32",
    "04/03/2026 10:15", "4/3/2026", "04/03/26", "4 March 2026", "4 Mar 2026",
])
def test_dates(value):
    assert responses.date(value) == dt.date(2026, 3, 4)


@pytest.mark.parametrize("value", ["last week", "13/13/2026", "2026-02-30"])
def test_bad_dates(value):
    with pytest.raises(responses._Bad, match="is not a date"):
        responses.date(value)


def test_change_by_hand():
    c = change([(2, 4), (1, 3), (3, 3), (2, 5), (4, 4), (3, 2)])
    assert (c.pairs, c.before, c.after) == (6, (1, 2, 2, 1, 0), (0, 1, 2, 2, 1))
    assert (c.median_before, c.median_after) == (2.5, 3.5)
    assert (c.higher, c.same, c.lower, c.higher_percent) == (3, 2, 1, 50)
    assert c.mean_change == pytest.approx(6 / 6)
    assert not c.suppressed
    assert change([(1, 2)] * 4).suppressed and not change([(1, 2)] * 5).suppressed


def test_rounding_is_half_up():
    assert [str(half_up(x)) for x in (0.5, 1.5, 2.5, 66.5)] == ["1", "2", "3", "67"]
    assert str(half_up(1.25, 1)) == "1.3"
