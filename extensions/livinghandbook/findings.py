"""Findings: what validation reports, and where.

Every finding carries a :class:`Location` (file, line, column, all 1-based) so an
editor can jump straight to the YAML that caused it. Messages are Danish because
they are read by the consultants who edit the data.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any

# Characters that would break a finding over lines, move the cursor or reorder the text
# in a terminal or CI log: C0/C1 controls (newline, escape, …), line and paragraph
# separators, and the bidirectional controls. Also a surrogate from an undecodable file name.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with every unsafe character written as an escape (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


class Severity(str, enum.Enum):
    """How serious a finding is. ``error`` makes ``handbook validate`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def danish(self) -> str:
        return {"error": "fejl", "warning": "advarsel", "info": "info"}[self.value]

    @property
    def rank(self) -> int:
        """Sort key: most serious first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A position in a source file; line and column are 1-based."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def __reduce__(self) -> tuple[type, tuple[str, int, int]]:
        # Pickled by the thousand in the parse cache; the dataclass default for frozen
        # slots (__setstate__ with object.__setattr__ per field) was 4× slower to load.
        return Location, (self.path, self.line, self.column)


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a data check (``E…``) or a method rule (``G…``)."""

    rule: str
    severity: Severity
    message: str
    location: Location
    entity: str | None = None  # id of the entity the finding is about, if any
    related: tuple[Location, ...] = field(default=())  # e.g. the first of two duplicates

    def format_line(self) -> str:
        """The ``path:line:col: severity: RULE: message`` form of the command contract:
        always one line, whatever the data or a file name holds (control characters,
        newlines and bidi overrides are escaped; ``as_json`` keeps the raw text)."""
        return f"{one_line(str(self.location))}: {self.severity.value}: {self.rule}: {one_line(self.message)}"

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "entity": self.entity,
            "related": [str(loc) for loc in self.related],
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Deterministic order: by file, line, column, rule."""
    return sorted(findings, key=lambda f: f.sort_key)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
