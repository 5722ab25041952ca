"""Speed and determinism of the saved package: part names from counters, fixed zip timestamps
and fixed dates in the workbook embedded in each chart, so equal inputs give equal bytes."""

from __future__ import annotations

import contextlib
import datetime as dt
import zipfile
from collections.abc import Iterator

import xlsxwriter
from pptx.chart import xlsx as chart_xlsx
from pptx.opc import serialized
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI

FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)


def _fast_partnames(prs) -> None:
    """Hand out part names from counters instead of rescanning the package for each new part
    (python-pptx's scan makes notes slides quadratic; scanny/python-pptx#644)."""
    package = prs.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        counters[tmpl] = n + 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname
    rels = prs.part.rels
    get_or_add = rels.get_or_add

    def relate(reltype: str, target):  # a slide being added is never already related
        if reltype == RT.SLIDE:
            return rels._add_relationship(reltype, target)
        return get_or_add(reltype, target)

    rels.get_or_add = relate


class _FixedDateWorkbook(xlsxwriter.Workbook):
    """The spreadsheet embedded in each chart, with a fixed creation date."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_properties({"created": FIXED_DATE})


@contextlib.contextmanager
def _deterministic_package() -> Iterator[None]:
    """Fixed zip timestamps and embedded-workbook dates, so equal inputs give equal bytes."""
    original_write, original_wb = serialized._ZipPkgWriter.write, chart_xlsx.Workbook

    def write(self, pack_uri, blob) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zipf.writestr(info, blob)

    serialized._ZipPkgWriter.write = write
    chart_xlsx.Workbook = _FixedDateWorkbook
    try:
        yield
    finally:
        serialized._ZipPkgWriter.write = original_write
        chart_xlsx.Workbook = original_wb
