"""Library .zip files: written byte for byte the same, and uploads refused for every way a .zip
can reach outside its folder or grow without bound."""

from __future__ import annotations

import io
import stat
import warnings
import zipfile
from pathlib import PurePosixPath

import pytest

from sessionbuilder.errors import InputError
from sessionbuilder.library import archive


def make_zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # a name twice, on purpose
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


def test_written_zip_is_deterministic_and_reads_back():
    files = {"sources.yaml": "reports: []\n", "README.md": "# Ours\n"}
    data = archive.write_zip("my-review", files)
    assert data == archive.write_zip("my-review", files)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["my-review/sources.yaml", "my-review/README.md"]
    assert archive.read_zip(data) == {PurePosixPath("sources.yaml"): b"reports: []\n",
                                      PurePosixPath("README.md"): b"# Ours\n"}


def test_files_at_the_top_and_in_subfolders_are_kept():
    data = make_zip([("points.yaml", b"a"), ("more/extra.yaml", b"b"), ("__MACOSX/._x", b"c")])
    assert set(archive.read_zip(data)) == {PurePosixPath("points.yaml"),
                                           PurePosixPath("more/extra.yaml")}


def link_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("lib/points.yaml")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize("entries, message", [
    ([("../../etc/evil.yaml", b"x")], "'../../etc/evil.yaml' leads outside the folder"),
    ([("lib/../../evil.yaml", b"x")], "leads outside the folder"),
    ([("..\\evil.yaml", b"x")], "leads outside the folder"),
    ([("/etc/passwd", b"x")], "'/etc/passwd' is an absolute path"),
    ([("C:/Windows/evil.yaml", b"x")], "is an absolute path"),
    ([(link_entry(), b"/etc/passwd")], "'lib/points.yaml' is a link"),
    ([(f"f{i}.yaml", b"x") for i in range(archive.MAX_FILES + 1)], "it holds 51 files, more than 50"),
    ([("big.yaml", b" " * (archive.MAX_BYTES + 1))], "it unpacks to more than 5 MB"),
    ([("lib/a.yaml", b"x"), ("lib/a.yaml", b"y")], "is in it twice"),
    ([("lib/", b"")], "it is empty"),
], ids=["dot-dot", "dot-dot-inside", "backslash", "absolute", "drive", "symlink", "too-many",
        "too-big", "twice", "empty"])
def test_unsafe_archives_are_refused(entries, message):
    with pytest.raises(InputError, match="this .zip cannot be used") as e:
        archive.read_zip(make_zip(entries))
    assert message in str(e.value)


def test_a_size_that_lies_is_caught_while_reading():
    data = bytearray(make_zip([("bomb.yaml", b"0" * 3_000_000), ("b2.yaml", b"0" * 3_000_000)]))
    # shrink both declared sizes in the central directory so the header check passes
    for size in (3_000_000,):
        old = size.to_bytes(4, "little")
        data = data.replace(old, (10).to_bytes(4, "little"))
    with pytest.raises(InputError, match="this .zip cannot be used: 'bomb.yaml' is damaged"):
        archive.read_zip(bytes(data))


def test_not_a_zip():
    with pytest.raises(InputError, match="the file is not a .zip"):
        archive.read_zip(b"MZ\x90\x00 this is an exe")
