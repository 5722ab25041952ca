"""The parsed-YAML cache: used when the text is unchanged, ignored when broken or unsafe."""

from __future__ import annotations

from sessionbuilder import cache
from sessionbuilder.yamlfile import load


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
