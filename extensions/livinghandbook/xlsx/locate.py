"""Findings about the would-be data folder -> issues at the workbook's cells.

The import validates the data it would write with the very same ``validate_folder`` as
``handbook validate`` (in a temporary folder), so the rules are not written twice. A
finding there points at a YAML position; this module parses that file again (with
positions), walks it in step with the workbook's entries, and so knows which cell every
key, value and list item came from (``Item.origin``). A finding on a position without a
cell of its own (the start of a mapping, say) takes the nearest position before it.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

from ..data.yaml_positions import YamlMapping, YamlSequence, YamlSyntaxError, load_yaml_file
from ..findings import Finding, Location
from .cells import Cell
from .from_rows import Document, Item
from .normalize import norm
from .report import Issue

REQUIRED = re.compile(r"mangler det påkrævede felt '([^']+)'")
Step = Any
Place = tuple["Item", tuple[Step, ...], tuple[str, "int | None"]]  # entry, path in it, (key, index)


class _FileMap:
    """Positions in one would-be file -> cells."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], Cell] = {}
        self.paths: dict[tuple[int, int], Place] = {}
        self.mappings: dict[tuple[int, int], Place] = {}
        self.entry: tuple[str, int | None] = ("", None)  # the top-level entry being walked
        self.sorted: list[tuple[int, int]] = []

    def add(self, loc: Location, cell: Cell, item: Item, path: tuple[Step, ...] = ()) -> None:
        self.cells.setdefault((loc.line, loc.column), cell)
        self.paths.setdefault((loc.line, loc.column), (item, path, self.entry))

    def walk(self, item: Item, node: Any, path: tuple[Step, ...]) -> None:
        if isinstance(node, YamlMapping):
            self.mappings.setdefault((node.location.line, node.location.column), (item, path, self.entry))
            for key, value in node.items():
                cell = cell_at(item, (*path, key))
                self.add(node.key_at(key), cell, item, (*path, key))
                self.add(node.value_at(key), cell, item, (*path, key))
                self.walk(item, value, (*path, key))
        elif isinstance(node, YamlSequence):
            for index, value in enumerate(node):
                if isinstance(value, dict) and "id" in value:
                    step: Step = f"#{value['id']}"
                elif isinstance(value, (dict, list)):
                    step = index
                else:
                    step = f"={value}"
                self.add(node.item_at(index), cell_at(item, (*path, step)), item, (*path, step))
                self.walk(item, value, (*path, step))

    def finish(self) -> None:
        self.sorted = sorted(self.cells)

    def cell_for(self, location: Location, message: str = "") -> Cell | None:
        loc = (location.line, location.column)
        required = REQUIRED.search(message)
        if required and loc in self.mappings:
            item, path, _entry = self.mappings[loc]
            return cell_at(item, (*path, required.group(1)))
        if loc in self.cells:
            return self.cells[loc]
        index = bisect.bisect_right(self.sorted, loc) - 1
        return self.cells[self.sorted[index]] if index >= 0 else None


def cell_at(item: Item, path: tuple[Step, ...]) -> Cell:
    """The cell a place in an entry came from: the longest known prefix of its path."""
    for length in range(len(path), 0, -1):
        cell = item.origin.get(path[:length])
        if cell is not None:
            return cell
    return item.where


class Locator:
    """Maps findings in the would-be folder ``temp`` to cells (the real ``folder`` for the rest)."""

    def __init__(self, doc: Document, temp: Path, folder: Path) -> None:
        self.temp = temp.resolve()
        self.folder = folder
        self.maps: dict[str, _FileMap | None] = {}
        self.singles = doc.singles
        self.entries: dict[tuple[str, Any], list[Item]] = {}
        for items in doc.lists.values():
            for item in items:
                self.entries.setdefault((item.key, item.id), []).append(item)

    def _entry(self, key: str, entry: Any) -> Item | None:
        """The workbook entry a YAML entry came from; of two with one id (an E003), the one
        most like it."""
        found = self.entries.get((key, entry.get("id") if isinstance(entry, dict) else None), [])
        if len(found) > 1 and isinstance(entry, dict):
            def likeness(item: Item) -> int:
                keys = set(item.data) | set(entry)
                return sum(norm(item.data.get(k), k) == norm(entry.get(k), k) for k in keys)
            return max(found, key=likeness)  # the first of equals: max() keeps it
        return found[0] if found else None

    def _file_map(self, shown: str) -> _FileMap | None:
        if shown not in self.maps:
            self.maps[shown] = self._build(Path(shown))
        return self.maps[shown]

    def _build(self, path: Path) -> _FileMap | None:
        try:
            document = load_yaml_file(path)
        except (YamlSyntaxError, OSError):
            return None
        file_map = _FileMap()
        for key, value in (document or {}).items():
            if key in self.singles:
                file_map.entry = (key, None)
                file_map.walk(self.singles[key], value, ())
            elif isinstance(value, YamlSequence):
                for index, entry in enumerate(value):
                    item = self._entry(key, entry)
                    if item is not None:
                        file_map.entry = (key, index)
                        file_map.walk(item, entry, ())
                        file_map.add(value.item_at(index), item.where, item)
        file_map.finish()
        return file_map

    def _in_temp(self, loc: Location) -> bool:
        try:
            Path(loc.path).resolve().relative_to(self.temp)
            return True
        except ValueError:
            return False

    def place(self, loc: Location) -> tuple[Cell | None, str]:
        """(cell, '') for a place in the would-be data, else (None, 'path:line:col')."""
        if not self._in_temp(loc):
            return None, str(loc)
        file_map = self._file_map(loc.path)
        cell = file_map.cell_for(loc) if file_map else None
        if cell is None:
            return None, str(Location(str(self.folder / Path(loc.path).name), loc.line, loc.column))
        return cell, ""

    def path_for(self, finding: Finding) -> tuple[tuple[str, int | None], Item, tuple[Step, ...], str | None] | None:
        """((top-level key, index in its list), entry, path in it, missing field) of the exact
        place a finding names, if known."""
        if not self._in_temp(finding.location):
            return None
        file_map = self._file_map(finding.location.path)
        loc = (finding.location.line, finding.location.column)
        required = REQUIRED.search(finding.message)
        if file_map is None:
            return None
        if required and loc in file_map.mappings:
            item, path, entry = file_map.mappings[loc]
            return entry, item, path, required.group(1)
        if loc in file_map.paths:
            item, path, entry = file_map.paths[loc]
            return entry, item, path, None
        return None

    def issue(self, finding: Finding) -> Issue:
        message = finding.message
        for related in finding.related:
            cell, place = self.place(related)
            message = message.replace(str(related), str(cell) if cell else place)
        if not self._in_temp(finding.location):
            return Issue(finding.rule, finding.severity, message, None, str(finding.location))
        file_map = self._file_map(finding.location.path)
        cell = file_map.cell_for(finding.location, finding.message) if file_map else None
        if cell is None:
            _cell, place = self.place(finding.location)
            return Issue(finding.rule, finding.severity, message, None, place)
        return Issue(finding.rule, finding.severity, message, cell)
