"""The cache of parsed YAML and font metrics: used when the input is unchanged, ignored when broken
or unsafe."""

from __future__ import annotations

import json

from sessionbuilder.library import cache
from sessionbuilder.library.yamlfile import load


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSIONBUILDER_CACHE", str(tmp_path / "c"))
    f = tmp_path / "a.yaml"
    f.write_text("points:\n  - id: a\n")
    first = load(f)
    assert first.data == {"points": [{"id": "a"}]}
    (entry,) = (tmp_path / "c").glob("*.json")
    entry.write_text('{"points": [{"id": "from-cache"}]}')
    assert load(f).data == {"points": [{"id": "from-cache"}]}
    f.write_text("points:\n  - id: b\n")  # changed text: a new key, parsed again
    assert load(f).data == {"points": [{"id": "b"}]}


def test_broken_cache_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSIONBUILDER_CACHE", str(tmp_path / "c"))
    f = tmp_path / "a.yaml"
    f.write_text("x: 1\n")
    load(f)
    (entry,) = (tmp_path / "c").glob("*.json")
    entry.write_text("{not json")
    assert load(f).data == {"x": 1}


def test_data_json_cannot_hold_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSIONBUILDER_CACHE", str(tmp_path / "c"))
    f = tmp_path / "a.yaml"
    f.write_text("1: integer key\nwhen: 2024-01-01\n")
    load(f)
    assert not list((tmp_path / "c").glob("*.json")) if (tmp_path / "c").exists() else True


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSIONBUILDER_CACHE", "0")
    assert cache.folder() is None
    f = tmp_path / "a.yaml"
    f.write_text("x: 1\n")
    assert load(f).data == {"x": 1}


def test_font_metrics_come_from_the_cache_until_the_font_changes(tmp_path, monkeypatch):
    """A font's widths are read with fontTools once, then from the cache, the same to the last
    digit; a changed or damaged entry is never trusted over the font."""
    import shutil

    from sessionbuilder.text import fontmetrics
    from sessionbuilder.resources import asset
    monkeypatch.setenv("SESSIONBUILDER_CACHE", str(tmp_path / "c"))
    font = tmp_path / "DejaVuSans.ttf"
    shutil.copy(asset("fonts/DejaVuSans.ttf"), font)
    parsed = fontmetrics._parse(font)
    fontmetrics._read.cache_clear()
    assert fontmetrics._read(font) == parsed
    (entry,) = (tmp_path / "c").glob("*.json")
    fontmetrics._read.cache_clear()
    assert fontmetrics._read(font) == parsed, "read back from the cache, exactly"
    assert parsed[0][ord("W")] > parsed[0][ord("i")] > 0 and 1.0 < parsed[1] < 1.5
    data = json.loads(entry.read_text())
    data["widths"][data["codes"].index(ord("W"))] = 9.0
    entry.write_text(json.dumps(data))
    fontmetrics._read.cache_clear()
    assert fontmetrics._read(font)[0][ord("W")] == 9.0, "the entry is what was used"
    entry.write_text('{"codes": [1, 2], "widths": [0.5], "line": 1.2}')
    fontmetrics._read.cache_clear()
    assert fontmetrics._read(font) == parsed, "a damaged entry is parsed again"
    font.write_bytes(font.read_bytes() + b"\0\0\0\0")  # another size: another key
    fontmetrics._read.cache_clear()
    assert fontmetrics._read(font) == parsed and len(list((tmp_path / "c").glob("*.json"))) == 2
    fontmetrics._read.cache_clear()
