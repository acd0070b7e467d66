"""Data -> rows: the municipality's merged YAML data as the rows of each sheet.

The rows hold cell values (Danish labels for enums, dates as dates), one dict per row
keyed by column key. The data is the raw, schema-checked YAML (not the resolved model),
so every key is carried exactly as written and ``from_rows.py`` can give it back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..data.schema_check import MUNICIPALITY_SCHEMA, load_schema
from ..rules.engine import ALL_RULES
from .cells import to_cell
from .layout import BY_NAME, SEVERITY_SETTING, SHEETS, Kind, Sheet, Source

Row = dict[str, Any]
FileOf = Callable[[Mapping[str, Any]], str | None]


def rule_ids() -> list[str]:
    """The rules a municipality may tune: those the data schema accepts under ``rules``."""
    schema = load_schema(MUNICIPALITY_SCHEMA)
    return list(schema["definitions"]["municipality"]["properties"]["rules"]["properties"])


def get_path(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for step in path:
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


class _Rows:
    def __init__(self, lists: Mapping[str, list[Any]], singles: Mapping[str, Any], file_of: FileOf) -> None:
        self.lists = lists
        self.singles = singles
        self.file_of = file_of

    def items_of(self, sheet: Sheet) -> list[Mapping[str, Any]]:
        if sheet.source is Source.LIST:
            return list(self.lists.get(sheet.data_key, []))
        if sheet.source is Source.SINGLE:
            single = self.singles.get(sheet.data_key)
            return [single] if single is not None else []
        if sheet.source is Source.CHILD:
            return [child for parent in self.items_of(BY_NAME[sheet.parent])
                    for child in parent.get(sheet.data_key, [])]
        return []

    def row(self, sheet: Sheet, item: Mapping[str, Any], top_level: bool) -> Row:
        row: Row = {}
        for column in sheet.data_columns:
            if column.kind is Kind.FILE:
                row[column.key] = self.file_of(item) if top_level else None
            else:
                row[column.key] = to_cell(column, get_path(item, column.path))
        return row

    def entity_rows(self, sheet: Sheet) -> list[Row]:
        if sheet.source is not Source.CHILD:
            return [self.row(sheet, item, True) for item in self.items_of(sheet)]
        parent_key = sheet.columns[0].key
        rows = []
        for parent in self.items_of(BY_NAME[sheet.parent]):
            for child in parent.get(sheet.data_key, []):
                row = self.row(sheet, child, False)
                row[parent_key] = parent.get("id")
                rows.append(row)
        return rows

    def value_rows(self, sheet: Sheet) -> list[Row]:
        parent_key = sheet.columns[0].key
        kinds = self.enabler_kinds() if sheet.data_key == "enabled_by" else {}
        rows = []
        for parent in self.items_of(BY_NAME[sheet.parent]):
            for value in parent.get(sheet.data_key, []):
                column = kinds.get(value, sheet.columns[1].key)
                rows.append({parent_key: parent.get("id"), column: to_cell(sheet.columns[1], value)})
        return rows

    def enabler_kinds(self) -> dict[str, str]:
        """Which Muliggørere column an enabler id belongs in, by the kind of what it names."""
        kinds: dict[str, str] = {}
        for key, column in (("adhoc", "adhoc"), ("projects", "project")):
            kinds.update({item.get("id"): column for item in self.lists.get(key, [])})
        for project in self.lists.get("projects", []):
            kinds.update({d.get("id"): "deliverable" for d in project.get("deliverables", [])})
        return kinds

    def role_rows(self) -> list[Row]:
        holders: list[Mapping[str, Any]] = []
        if self.singles.get("portfolio") is not None:
            holders.append(self.singles["portfolio"])
        for key in ("programmes", "projects", "adhoc", "benefits"):
            holders.extend(self.lists.get(key, []))
        rows = []
        for holder in holders:
            for role, people in (holder.get("roles") or {}).items():
                for person in people if isinstance(people, list) else [people]:
                    rows.append({"holder": holder.get("id"), "role": role, "person": person})
        return rows

    def rule_rows(self, sheet: Sheet) -> list[Row]:
        settings = (self.singles.get("municipality") or {}).get("rules") or {}
        rows = []
        for rule_id in rule_ids():
            rule = ALL_RULES.get(rule_id)
            severity, limit = _setting_cells(settings.get(rule_id))
            rows.append({"rule": rule_id, "_title": rule.title if rule else "",
                         "_default": SEVERITY_SETTING[rule.severity.value] if rule else "",
                         "severity": to_cell(sheet.column("severity"), severity),  # type: ignore[arg-type]
                         "max": limit})
        return rows


def _setting_cells(raw: Any) -> tuple[str | None, int | None]:
    """(severity token or None for the default, the ``max`` parameter) of one rule setting."""
    if raw is None or raw is True:
        return None, None
    if raw is False or raw == "off":
        return "off", None
    if isinstance(raw, str):
        return raw, None
    if isinstance(raw, Mapping):
        severity = raw.get("severity")
        return ("off" if severity is False else severity), raw.get("max")
    return None, None


def to_rows(lists: Mapping[str, list[Any]], singles: Mapping[str, Any], file_of: FileOf) -> dict[str, list[Row]]:
    """Every sheet's rows, by sheet name, in the order of the data."""
    rows = _Rows(lists, singles, file_of)
    out: dict[str, list[Row]] = {}
    for sheet in SHEETS:
        if sheet.source in (Source.LIST, Source.SINGLE, Source.CHILD):
            out[sheet.name] = rows.entity_rows(sheet)
        elif sheet.source is Source.VALUES:
            out[sheet.name] = rows.value_rows(sheet)
        elif sheet.source is Source.ROLES:
            out[sheet.name] = rows.role_rows()
        else:
            out[sheet.name] = rows.rule_rows(sheet)
    return out
