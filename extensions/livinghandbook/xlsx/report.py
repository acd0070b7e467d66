"""What the import reports: findings that point at a cell of the workbook.

The line format is the one ``handbook validate`` prints, with the cell in place of the
line and column: ``nordby.xlsx:Projekter!F12: error: E004: …``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Severity
from .cells import Cell


@dataclass(frozen=True)
class Issue:
    rule: str
    severity: Severity
    message: str
    cell: Cell | None = None  # None: about the workbook as a whole (or a place outside it)
    place: str = ""  # a place outside the workbook, e.g. the role catalogue's path:line:col

    def format_line(self, workbook: str) -> str:
        where = self.place or (f"{workbook}:{self.cell}" if self.cell else workbook)
        return f"{where}: {self.severity.value}: {self.rule}: {self.message}"

    @property
    def stops_import(self) -> bool:
        """Data errors (E…) stop an import; method findings (G…) never do, as in a build."""
        return self.severity is Severity.ERROR and self.rule.startswith("E")

    @property
    def sort_key(self) -> tuple[int, str, str, int, int, str]:
        cell = self.cell or Cell("", 0, 0)
        return (self.severity.rank, self.place, cell.sheet, cell.row, cell.col, self.message)


def error(rule: str, message: str, cell: Cell | None = None) -> Issue:
    return Issue(rule, Severity.ERROR, message, cell)
