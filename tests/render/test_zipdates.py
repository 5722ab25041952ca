"""Zip packages get fixed dates in place, their members unchanged."""

from __future__ import annotations

import io
import zipfile

import pytest

from sessionbuilder.render.zipdates import fixed_dates


def package(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)  # dated now, as python-pptx and python-docx write them
    return out.getvalue()


def test_every_member_is_dated_1980_and_keeps_its_bytes():
    members = {"[Content_Types].xml": b"<Types/>", "ppt/slides/slide1.xml": b"<p:sld/>" * 500,
               "docProps/thumbnail.jpeg": bytes(range(256))}
    fixed = fixed_dates(package(members))
    with zipfile.ZipFile(io.BytesIO(fixed)) as z:
        assert z.testzip() is None
        assert [i.date_time for i in z.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 3
        assert {n: z.read(n) for n in z.namelist()} == members
    # the local headers too: what a streaming reader sees
    assert fixed.count(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x21\x00") == 3


def test_not_a_zip_is_an_error():
    with pytest.raises(ValueError, match="not a zip"):
        fixed_dates(b"plain text")
