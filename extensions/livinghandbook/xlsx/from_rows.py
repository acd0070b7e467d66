"""Rows -> data: the workbook's sheets back into the data contract's shape.

Each top-level entry (a programme, a person, the municipality, …) becomes an
:class:`Item`: its YAML-shaped data, the file it belongs in, and ``origin``, which maps
every place in its data (``('status', 'phase')``, ``('deliverables', '#D-1', 'title')``,
``('goals', '=G-2')``) to the cell it came from, so that whatever validation later says
about that place can be reported at the cell.

Only what has no place in the data is checked here: a row of a child sheet whose parent
does not exist (a deliverable of an unknown project has nowhere to go), a row without an
id, and an unknown choice in a dropdown column. Everything else goes into the data as
written and is checked by the same validation as ``handbook validate``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .cells import ABSENT, Cell, from_cell
from .layout import BY_NAME, HOLDER_SHEETS, SHEETS, Kind, Sheet, Source
from .ordering import ordered
from .read import ReadBook, ReadSheet
from .report import Issue, error

Path_ = tuple[Any, ...]
FILE_NAME = re.compile(r"^[A-Za-z0-9æøåÆØÅ_][A-Za-z0-9æøåÆØÅ_.-]*\.yaml$")


@dataclass
class Item:
    key: str  # the top-level key: 'programmes', 'municipality', …
    data: dict[str, Any]
    where: Cell  # the row's id cell
    file: str | None = None  # the Fil column
    origin: dict[Path_, Cell] = field(default_factory=dict)

    @property
    def id(self) -> Any:
        return self.data.get("id")


@dataclass
class Document:
    lists: dict[str, list[Item]] = field(default_factory=dict)
    singles: dict[str, Item] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # What the workbook does not carry (a missing sheet or column), as (top-level key, path
    # pattern with '*' for every list item): those data are kept as they are in the folder.
    kept: list[tuple[str, Path_]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Danish, for the user

    def items(self) -> list[Item]:
        return [*self.singles.values(), *(i for items in self.lists.values() for i in items)]


def set_path(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    data[path[-1]] = value


@dataclass
class _Parent:
    item: Item
    prefix: Path_
    data: dict[str, Any]


def root_of(sheet: Sheet) -> tuple[str, Path_]:
    """(top-level key, path pattern) of a sheet's entries: Målinger -> ('benefits',
    ('indicators', '*', 'measurements', '*'))."""
    if sheet.source in (Source.LIST, Source.SINGLE):
        return sheet.data_key, ()
    if not sheet.parent:  # Rolletildelinger and Regler: spread over several entries
        return "", ()
    key, pattern = root_of(BY_NAME[sheet.parent])
    return key, (*pattern, sheet.data_key, "*") if sheet.source is Source.CHILD else (*pattern, sheet.data_key)


class _Builder:
    def __init__(self, book: ReadBook) -> None:
        self.book = book
        self.doc = Document(issues=list(book.issues))
        self.parents: dict[str, dict[str, _Parent]] = {}

    def convert(self, read: ReadSheet, row: int, values: dict[str, Any]) -> dict[str, Any]:
        """Cell values -> data values by column key; unknown choices are reported."""
        out: dict[str, Any] = {}
        for key, raw in values.items():
            column = read.sheet.column(key)
            if column is None:
                continue
            value, problem = from_cell(column, raw)
            if problem:
                self.doc.issues.append(error("E002", problem, read.cell(row, key)))
            elif value is not ABSENT:
                out[key] = value
        return out

    def fill(self, read: ReadSheet, row: int, values: dict[str, Any], item: Item, prefix: Path_,
             target: dict[str, Any]) -> None:
        for column in read.sheet.data_columns:
            if column.kind is Kind.FILE or column.key not in read.columns:
                continue
            if read.sheet.source in (Source.CHILD,) and column is read.sheet.columns[0]:
                continue  # the parent reference: where the entry goes, not a field of it
            item.origin[(*prefix, *column.path)] = read.cell(row, column.key)
            if column.key in values:
                set_path(target, column.path, values[column.key])

    def entity(self, read: ReadSheet, row: int, values: dict[str, Any]) -> Item | None:
        sheet = read.sheet
        id_column = sheet.id_column
        if id_column is not None and "id" not in values and sheet.source is not Source.SINGLE:
            self.doc.issues.append(error("E002", f"rækken har intet id; udfyld kolonnen '{id_column.label}'",
                                         read.cell(row, id_column.key)))
            return None
        where = read.cell(row, id_column.key if id_column else "")
        item = Item(sheet.data_key, {}, where)
        file = values.get("_file")
        if isinstance(file, str):
            if FILE_NAME.match(file):
                item.file = file
            else:
                self.doc.issues.append(error("E002", f"'{file}' er ikke et gyldigt filnavn; det skal ende på "
                                                     ".yaml og må ikke indeholde mapper", read.cell(row, "_file")))
        self.fill(read, row, values, item, (), item.data)
        return item

    def register(self, sheet: Sheet, ident: Any, parent: _Parent) -> None:
        if isinstance(ident, str):
            self.parents.setdefault(sheet.name, {}).setdefault(ident, parent)

    def find_parent(self, read: ReadSheet, row: int, values: dict[str, Any]) -> _Parent | None:
        sheet, column = read.sheet, read.sheet.columns[0]
        ref = values.get(column.key)
        if ref is None:
            self.doc.issues.append(error("E002", f"kolonnen '{column.label}' skal udfyldes",
                                         read.cell(row, column.key)))
            return None
        targets = HOLDER_SHEETS if sheet.source is Source.ROLES else (sheet.parent,)
        for name in targets:
            found = self.parents.get(name, {}).get(str(ref))
            if found is not None:
                return found
        known = [i for name in targets for i in self.parents.get(name, {})]
        close = difflib.get_close_matches(str(ref), known, n=1)
        hint = f" Mente du '{close[0]}'?" if close else ""
        where = "arkene " + ", ".join(targets) if len(targets) > 1 else f"arket {targets[0]}"
        self.doc.issues.append(error("E004", f"'{ref}' i kolonnen '{column.label}' findes ikke i {where}.{hint}",
                                     read.cell(row, column.key)))
        return None

    # -- one method per kind of sheet -----------------------------------------------------
    def list_sheet(self, read: ReadSheet) -> None:
        items = self.doc.lists.setdefault(read.sheet.data_key, [])
        for row, raw in read.rows:
            item = self.entity(read, row, self.convert(read, row, raw))
            if item is not None:
                items.append(item)
                self.register(read.sheet, item.id, _Parent(item, (), item.data))

    def single_sheet(self, read: ReadSheet) -> None:
        rows = [(row, self.convert(read, row, raw)) for row, raw in read.rows]
        if not rows:
            if read.sheet.required:
                self.doc.issues.append(error("E002", f"arket '{read.title}' skal have præcis én række",
                                             Cell(read.title, 3, 0)))
            return
        for row, _values in rows[1:]:
            self.doc.issues.append(error("E002", f"arket '{read.title}' må kun have én række; slet række {row}",
                                         Cell(read.title, row, 0)))
        item = self.entity(read, *rows[0])
        if item is not None:
            self.doc.singles[read.sheet.data_key] = item
            self.register(read.sheet, item.id, _Parent(item, (), item.data))

    def child_sheet(self, read: ReadSheet) -> None:
        sheet = read.sheet
        for row, raw in read.rows:
            values = self.convert(read, row, raw)
            parent = self.find_parent(read, row, values)
            if parent is None:
                continue
            if sheet.id_column is not None and "id" not in values:
                self.doc.issues.append(error("E002", "rækken har intet id; udfyld kolonnen "
                                                     f"'{sheet.id_column.label}'", read.cell(row, "id")))
                continue
            children = parent.data.setdefault(sheet.data_key, [])
            step = f"#{values['id']}" if sheet.id_column is not None else len(children)
            prefix = (*parent.prefix, sheet.data_key, step)
            child: dict[str, Any] = {}
            self.fill(read, row, values, parent.item, prefix, child)
            children.append(child)
            if sheet.id_column is not None:
                self.register(sheet, values["id"], _Parent(parent.item, prefix, child))

    def values_sheet(self, read: ReadSheet) -> None:
        sheet = read.sheet
        columns = [c for c in sheet.columns[1:] if c.key in read.columns]
        for row, raw in read.rows:
            values = self.convert(read, row, raw)
            present = [c for c in columns if c.key in values]
            if not present:
                continue  # a row naming only the parent links nothing
            parent = self.find_parent(read, row, values)
            if parent is None:
                continue
            target = parent.data.setdefault(sheet.data_key, [])
            for column in present:
                target.append(values[column.key])
                parent.item.origin.setdefault((*parent.prefix, sheet.data_key, f"={values[column.key]}"),
                                              read.cell(row, column.key))

    def roles_sheet(self, read: ReadSheet) -> None:
        holders: list[dict[str, Any]] = []
        for row, raw in read.rows:
            values = self.convert(read, row, raw)
            parent = self.find_parent(read, row, values)
            if parent is None:
                continue
            empty = [c for c in read.sheet.columns[1:] if c.key not in values]
            for column in empty:
                self.doc.issues.append(error("E002", f"kolonnen '{column.label}' skal udfyldes",
                                             read.cell(row, column.key)))
            if empty:
                continue
            role, person = values["role"], values["person"]
            roles = parent.data.setdefault("roles", {})
            holders.append(roles)
            roles.setdefault(role, []).append(person)
            parent.item.origin.setdefault(("roles", role), read.cell(row, "role"))
            parent.item.origin.setdefault(("roles", role, f"={person}"), read.cell(row, "person"))
        for roles in holders:
            for role, people in roles.items():
                if isinstance(people, list) and len(people) == 1:
                    roles[role] = people[0]  # 'programejer: aks', as editors write one person

    def rules_sheet(self, read: ReadSheet) -> None:
        municipality = self.doc.singles.get("municipality")
        if municipality is None:
            return
        rules: dict[str, Any] = {}
        for row, raw in read.rows:
            values = self.convert(read, row, raw)
            rule = values.get("rule")
            severity = values.get("severity")
            setting = rule_setting(None if severity == "default" else severity, values.get("max"))
            if rule is None or setting is None:
                continue
            rules[rule] = setting
            for step, key in (((), "rule"), (("severity",), "severity"), (("max",), "max")):
                municipality.origin[("rules", rule, *step)] = read.cell(row, key)
        if rules:
            municipality.data["rules"] = rules


def rule_setting(severity: str | None, limit: Any) -> Any:
    """The ``municipality.rules`` entry for a row of the Regler sheet (None: the default)."""
    if limit is None:
        return severity
    return {"max": limit} if severity is None else {"severity": severity, "max": limit}


ROLE_HOLDER_KEYS = ("portfolio", "programmes", "projects", "adhoc", "benefits")
HANDLERS = {Source.LIST: _Builder.list_sheet, Source.SINGLE: _Builder.single_sheet,
            Source.CHILD: _Builder.child_sheet, Source.VALUES: _Builder.values_sheet,
            Source.ROLES: _Builder.roles_sheet, Source.RULES: _Builder.rules_sheet}
ORDER = (Source.LIST, Source.SINGLE, Source.CHILD, Source.VALUES, Source.ROLES, Source.RULES)


def _coverage(book: ReadBook, doc: Document) -> set[str]:
    """Record what the workbook does not carry (kept as it is); return the unusable sheets."""
    unusable: set[str] = set()
    for sheet in SHEETS:
        key, pattern = root_of(sheet)
        whole = pattern[:-1] if sheet.source is Source.CHILD else pattern
        read = book.sheets.get(sheet.name)
        if read is None:
            doc.notes.append(f"arket '{sheet.name}' findes ikke i regnearket; de data er ikke ændret")
            if sheet.source is Source.ROLES:
                doc.kept.extend((k, ("roles",)) for k in ROLE_HOLDER_KEYS)
            elif sheet.source is Source.RULES:
                doc.kept.append(("municipality", ("rules",)))
            else:
                doc.kept.append((key, whole))
            continue
        needed = {Source.LIST: ["id"], Source.CHILD: [sheet.columns[0].key, "id" if sheet.id_column else ""],
                  Source.VALUES: [sheet.columns[0].key], Source.ROLES: ["holder", "role", "person"],
                  Source.RULES: ["rule"]}.get(sheet.source, [])
        for key_needed in filter(None, needed):
            if key_needed not in read.columns:
                label = sheet.column(key_needed).label  # type: ignore[union-attr]
                doc.issues.append(error("E001", f"kolonnen '{label}' mangler i arket '{read.title}'; "
                                                "arket kan ikke importeres uden den", Cell(read.title, 2, 0)))
                unusable.add(sheet.name)
        for column in read.missing:
            if column.kind is Kind.FILE or sheet.name in unusable:
                continue
            doc.notes.append(f"kolonnen '{column.label}' findes ikke i arket '{read.title}'; "
                             "de data er ikke ændret")
            if sheet.source in (Source.LIST, Source.SINGLE, Source.CHILD):
                doc.kept.append((key, (*pattern, *column.path)))
            elif sheet.source is Source.VALUES:
                doc.kept.append((key, whole))
            elif sheet.source is Source.RULES:
                doc.kept.append(("municipality", ("rules",)))
    return unusable


def document_from(book: ReadBook) -> Document:
    """The workbook as data (with origins), plus what was wrong with it."""
    builder = _Builder(book)
    unusable = _coverage(book, builder.doc)
    for source in ORDER:
        for sheet in SHEETS:
            read = book.sheets.get(sheet.name)
            if sheet.source is source and read is not None and sheet.name not in unusable:
                HANDLERS[source](builder, read)
    doc = builder.doc
    for key, items in doc.lists.items():
        for item in items:
            item.data = ordered(item.data, (key, "*"))
    for key, item in doc.singles.items():
        item.data = ordered(item.data, (key,))
    return doc
