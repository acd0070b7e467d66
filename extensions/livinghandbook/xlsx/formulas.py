"""Which cells of an .xlsx file hold formulas.

python-calamine (the fast reader) gives each formula's last computed value, with no sign
that it was a formula; openpyxl could tell, but only by parsing every cell a second time
in Python. So we look at the sheets' XML ourselves (an .xlsx file is a zip of XML): a
sheet without ``<f`` in it has no formula and is skipped unread, which is every sheet of
a normal workbook. Only the standard library is used.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_A1 = re.compile(r"^([A-Z]+)(\d+)$")


def _coordinates(ref: str) -> tuple[int, int] | None:
    """'F12' -> (11, 5): 0-based row and column."""
    match = _A1.match(ref)
    if not match:
        return None
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML."""
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = member
    return parts


def formula_cells(path: str) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> 0-based (row, column) of every cell with a formula."""
    found: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, member in _sheet_parts(archive).items():
            try:
                data = archive.read(member)
            except KeyError:
                continue
            if b"<f" not in data and b":f>" not in data and b":f " not in data:
                continue
            cells: set[tuple[int, int]] = set()
            for cell in ElementTree.fromstring(data).iter(f"{_MAIN}c"):
                if cell.find(f"{_MAIN}f") is not None:
                    where = _coordinates(cell.get("r", ""))
                    if where is not None:
                        cells.add(where)
            if cells:
                found[name] = cells
    return found
