"""Fixed dates in a zip package (a .pptx or .docx), so equal inputs give equal bytes.

python-pptx and python-docx write each member with the time it was written. The dates are
rewritten in the zip's own headers, in place: the compressed members are left as they are, so
this costs no second compression however large the deck.
"""

from __future__ import annotations

import struct

_LOCAL, _CENTRAL, _END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the zip format's earliest date
DOS_TIME = 0


def fixed_dates(data: bytes) -> bytes:
    """The package with every member dated 1980-01-01 00:00."""
    end = data.rfind(_END)
    if end < 0:
        raise ValueError("not a zip file: no end of central directory")
    count, _, start = struct.unpack_from("<HII", data, end + 10)
    out = bytearray(data)
    pos = start
    for _ in range(count):
        if data[pos:pos + 4] != _CENTRAL:
            raise ValueError(f"not a zip file: no central directory entry at {pos}")
        struct.pack_into("<HH", out, pos + 12, DOS_TIME, DOS_DATE)
        local = struct.unpack_from("<I", data, pos + 42)[0]
        if data[local:local + 4] != _LOCAL:
            raise ValueError(f"not a zip file: no local header at {local}")
        struct.pack_into("<HH", out, local + 10, DOS_TIME, DOS_DATE)
        name, extra, comment = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + name + extra + comment
    return bytes(out)
