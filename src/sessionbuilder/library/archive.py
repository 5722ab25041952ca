"""A library folder as a .zip: written deterministically, and read back from an untrusted upload.

An uploaded .zip is checked entry by entry before anything is unpacked: no path that climbs out
(`..`) or starts at a root or a drive, no links, no encrypted entries, at most `MAX_FILES` files
and `MAX_BYTES` bytes once unpacked (counted as they are read, not as the archive claims).
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path, PurePosixPath

from sessionbuilder.errors import InputError

MAX_FILES = 50
MAX_BYTES = 5_000_000
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
IGNORED = ("__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini")


def write_zip(folder: str, files: dict[str, str]) -> bytes:
    """The files under one folder, byte-identical for the same contents."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def _refuse(what: str, hint: str | None = None) -> InputError:
    return InputError(f"this .zip cannot be used: {what}", hint=hint)


def _safe_name(info: zipfile.ZipInfo) -> PurePosixPath | None:
    """The entry's path inside the library, or None for an entry to skip."""
    raw = info.filename.replace("\\", "/")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if raw.startswith("/") or (parts and len(parts[0]) == 2 and parts[0][1] == ":"):
        raise _refuse(f"'{info.filename}' is an absolute path")
    if ".." in parts:
        raise _refuse(f"'{info.filename}' leads outside the folder")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _refuse(f"'{info.filename}' is a link", "zip the files themselves")
    if info.flag_bits & 0x1:
        raise _refuse(f"'{info.filename}' is encrypted", "zip it again without a password")
    if info.is_dir() or not parts or any(p in IGNORED or p.startswith("._") for p in parts):
        return None
    return PurePosixPath(*parts)


def read_zip(data: bytes) -> dict[PurePosixPath, bytes]:
    """The files of an uploaded library .zip, by path inside it; a single top folder (as made by
    zipping a folder) is dropped. Raises InputError naming the first unsafe entry."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError("the file is not a .zip", hint="upload the .zip this page gave you") from None
    names = [(info, _safe_name(info)) for info in infos]
    wanted = [(info, name) for info, name in names if name is not None]
    if len(wanted) > MAX_FILES:
        raise _refuse(f"it holds {len(wanted)} files, more than {MAX_FILES}")
    if sum(info.file_size for info, _ in wanted) > MAX_BYTES:
        raise _refuse(f"it unpacks to more than {MAX_BYTES // 1_000_000} MB")
    files: dict[PurePosixPath, bytes] = {}
    budget = MAX_BYTES
    with zf:
        for info, name in wanted:
            if name in files:
                raise _refuse(f"'{info.filename}' is in it twice")
            try:
                with zf.open(info) as f:
                    content = f.read(budget + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                raise _refuse(f"'{info.filename}' is damaged") from None
            budget -= len(content)
            if budget < 0:
                raise _refuse(f"it unpacks to more than {MAX_BYTES // 1_000_000} MB")
            files[name] = content
    tops = {name.parts[0] for name in files}
    if len(tops) == 1 and all(len(name.parts) > 1 for name in files):
        files = {PurePosixPath(*name.parts[1:]): content for name, content in files.items()}
    if not files:
        raise _refuse("it is empty")
    return files


def unpack(files: dict[PurePosixPath, bytes], folder: Path) -> Path:
    """Write checked files under `folder` (which must exist), never outside it."""
    root = folder.resolve()
    for name, content in files.items():
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            raise _refuse(f"'{name}' leads outside the folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder
