"""When are two versions of an entry the same? Normalised data, compared with ``==``.

The import rewrites an entry only when it changed in meaning, so that an edit of one cell
touches one YAML file and nothing else. Equal in meaning, though written differently:

* a missing key, an empty text and an empty list (``enabled_by: []``);
* ``programejer: aks`` and ``programejer: [aks]``; the people in a role in any order;
* the entries of a list in any order (references, deliverables, indicators, measurements,
  success criteria): sorting a sheet in the spreadsheet is not an edit;
* ``35`` and ``35.0``; a date and its ISO text (PyYAML keeps dates as text, ruamel.yaml
  and the spreadsheet as dates);
* rule settings with the same effect (``G13: off`` and ``G13: {severity: off}``, or a
  ``max`` equal to the default).

Everything else is compared as it stands (the lines of a cell in the local roles sheet
keep their order: sorting never moves them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..rules.engine import ALL_RULES
from ..rules.registry import effective_setting

UNORDERED = {"goals", "enabled_by", "success_criteria", "measurements"}
EMPTY: tuple[Any, ...] = (None, "", [], {})


def _rules(settings: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for rule_id, raw in settings.items():
        rule = ALL_RULES.get(str(rule_id))
        if rule is None or not rule.configurable:
            out[str(rule_id)] = norm(raw)
            continue
        try:
            setting = effective_setting(rule, raw)
        except (ValueError, TypeError):  # not a valid setting: compare as written
            out[str(rule_id)] = norm(raw)
            continue
        default = effective_setting(rule, None)
        if setting != default:
            out[str(rule_id)] = (setting.enabled, setting.severity.value, sorted(setting.params.items()))
    return out


def _roles(roles: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for role, people in roles.items():
        listed = people if isinstance(people, list) else [people]
        values = sorted((norm(p) for p in listed if p not in EMPTY), key=repr)
        if values:
            out[str(role)] = values
    return out


def norm(value: Any, key: str | None = None) -> Any:
    """A comparable form of a YAML value; ``key`` is the key it stands under."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        if key == "roles":
            return _roles(value)
        if key == "rules":
            return _rules(value)
        out = {}
        for k, v in value.items():
            n = norm(v, str(k))
            if n not in EMPTY:
                out[str(k)] = n
        return out
    if isinstance(value, list):
        items = [norm(v) for v in value]
        if key in UNORDERED or (items and all(isinstance(i, dict) and "id" in i for i in items)):
            return sorted(items, key=repr)  # the order of rows in a sheet is not an edit
        return items
    return value


def same(a: Any, b: Any, key: str | None = None) -> bool:
    return bool(norm(a, key) == norm(b, key))
