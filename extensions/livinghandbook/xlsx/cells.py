"""Cells: their A1 names, and the conversion of one value between the data and a cell.

Reading is tolerant: a number typed into a text column becomes text, a date typed as
text ('2026-12-31', '31-12-2026', '31.12.2026') becomes a date, Danish number formats
('1.250.000', '2,5') become numbers, and 'Ja'/'Nej' become true/false. A value that
cannot be converted is passed on unchanged, so that validation (the same checks as
``handbook validate``) reports it at its cell. Enums are the exception: their cells
hold Danish labels, so an unknown one is reported here, naming the Danish choices.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .layout import Column, Kind

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 of the 1900 date system (with Excel's leap-year bug)


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class Cell:
    """A cell as users name it: ``Projekter!F12`` (row 1-based, column 0-based)."""

    sheet: str
    row: int
    col: int

    def __str__(self) -> str:
        return f"{self.sheet}!{column_letters(self.col)}{self.row}"


class Absent:
    """An empty cell: the key is left out of the data."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = Absent()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id or a year typed as a number
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_DANISH_DATE = re.compile(r"^\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s*$")


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2_958_466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))  # a date cell without a date format
    text = _as_text(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DANISH_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    return text  # not a date: validation says so at the cell


def _as_number(value: Any, whole: bool) -> Any:
    if isinstance(value, bool):
        return value  # validation rejects it
    if isinstance(value, (int, float)):
        number = value
    else:
        text = _as_text(value).strip().replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):  # 1.250.000
            text = text.replace(".", "")
        elif re.fullmatch(r"-?\d+,\d+", text):  # 2,5
            text = text.replace(",", ".")
        try:
            number = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            return _as_text(value)  # validation reports the wrong type at the cell
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)  # 35.0 from a spreadsheet is the 35 of the YAML
    if whole and isinstance(number, float):
        return number  # validation: 'skal være et helt tal'
    return number


def _as_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = _as_text(value).strip().lower()
    if text in ("ja", "true", "sand", "1", "yes"):
        return True
    if text in ("nej", "false", "falsk", "0", "no"):
        return False
    return _as_text(value)


def _choice(column: Column, text: str) -> str | None:
    wanted = text.strip().casefold()
    for token, label in (column.choices or {}).items():
        if wanted in (token.casefold(), label.casefold()):
            return token
    return None


def choices_text(column: Column) -> str:
    return ", ".join((column.choices or {}).values())


def from_cell(column: Column, value: Any) -> tuple[Any, str | None]:
    """(data value or ABSENT, problem) for one cell; a problem is a Danish E002 message."""
    if value is None or value == "":
        return ABSENT, None
    kind = column.kind
    if kind is Kind.TEXT:
        return _as_text(value), None  # exactly as written, spaces too: the data may hold ' '
    if is_empty(value):
        return ABSENT, None
    if kind in (Kind.ID, Kind.REF, Kind.FILE):
        return _as_text(value).strip(), None
    if kind is Kind.DATE:
        return _as_date(value), None
    if kind in (Kind.INT, Kind.NUMBER):
        return _as_number(value, kind is Kind.INT), None
    if kind is Kind.BOOL:
        return _as_bool(value), None
    if kind is Kind.ENUM:
        token = _choice(column, _as_text(value))
        if token is None:
            return ABSENT, (f"'{_as_text(value)}' er ikke en af valgmulighederne i kolonnen "
                            f"'{column.label}'; vælg en af: {choices_text(column)}")
        return token, None
    if kind is Kind.LINES:
        lines = [line.strip("\r") for line in _as_text(value).split("\n")]
        lines = [line for line in lines if line.strip()]
        if column.choices:
            tokens = [_choice(column, line) for line in lines]
            bad = [line for line, token in zip(lines, tokens) if token is None]
            if bad:
                return ABSENT, (f"'{bad[0]}' er ikke en af valgmulighederne i kolonnen "
                                f"'{column.label}'; skriv en pr. linje: {choices_text(column)}")
            lines = [t for t in tokens if t is not None]
        return lines, None
    return ABSENT, None  # INFO columns are never imported


def to_cell(column: Column, value: Any) -> Any:
    """The cell value for one data value (None for an empty cell)."""
    if value is None:
        return None
    kind = column.kind
    if kind is Kind.DATE:
        return _as_date(value)
    if kind is Kind.BOOL:
        return "Ja" if value else "Nej"
    if kind is Kind.ENUM:
        return (column.choices or {}).get(str(value), str(value))
    if kind is Kind.LINES:
        items = [str(v) for v in value]
        if column.choices:
            items = [column.choices.get(v, v) for v in items]
        return "\n".join(items) if items else None
    if kind in (Kind.INT, Kind.NUMBER) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return _as_text(value)
