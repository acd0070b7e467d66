"""Keep what passed the schema: an entity that failed it is set aside, not its whole file.

Issue 11 (item 7): one schema error (E002) must not hide the duplicate ids, dangling
references and cycles (E003–E005) elsewhere, or editors fix one round only to meet the
next. So a file with schema errors still contributes every top-level entry that passed;
the entries that failed are removed (a project with a bad deliverable goes as a whole,
so everything that is resolved later matches the schema), and their ids are remembered
so that a reference to one of them is not reported as a second, false error.

Also the checks the JSON Schema cannot express (one field against another), run on the
entries that passed: a project's ``end`` before its ``start``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, Severity
from .yaml_positions import YamlMapping, YamlSequence

LIST_KEYS = ("units", "people", "goals", "programmes", "projects", "adhoc", "benefits", "roles")

Path_ = tuple[str | int, ...]


@dataclass
class Pruned:
    document: Any  # what is left (None: nothing)
    skipped_ids: list[str] = field(default_factory=list)
    skipped_keys: list[str] = field(default_factory=list)  # top-level keys removed whole


def ids_in(value: Any) -> list[str]:
    """Every ``id`` in a removed subtree: references to them are not false E004s."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("id"), str):
                found.append(item["id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def prune(document: Any, bad_paths: Iterable[Path_]) -> Pruned:
    """``document`` without the top-level entries that the paths (of schema errors) touch."""
    drop_keys: set[str] = set()
    drop_items: dict[str, set[int]] = {}
    for path in bad_paths:
        if not path or not isinstance(document, YamlMapping):
            return Pruned(None, ids_in(document), list(document) if isinstance(document, dict) else [])
        key = str(path[0])
        value = document.get(key)
        if key in LIST_KEYS and len(path) >= 2 and isinstance(path[1], int) and isinstance(value, YamlSequence):
            drop_items.setdefault(key, set()).add(path[1])
        else:
            drop_keys.add(key)
    if not drop_keys and not drop_items:
        return Pruned(document)
    kept = YamlMapping(document.location)
    result = Pruned(kept)
    for key, value in document.items():
        if key in drop_keys:
            result.skipped_ids.extend(ids_in(value))
            result.skipped_keys.append(key)
            continue
        if key in drop_items:
            value = _without(value, drop_items[key], result.skipped_ids)
        kept[key] = value
        kept.key_locations[key] = document.key_at(key)
        kept.value_locations[key] = document.value_at(key)
    return result


def _without(items: YamlSequence, drop: set[int], skipped: list[str]) -> YamlSequence:
    kept = YamlSequence(items.location)
    for index, item in enumerate(items):
        if index in drop:
            skipped.extend(ids_in(item))
        else:
            kept.append(item)
            kept.item_locations.append(items.item_at(index))
    return kept


def cross_field_problems(document: Any) -> list[tuple[Finding, Path_]]:
    """E002 findings for rules between fields, on entries that passed the schema."""
    problems: list[tuple[Finding, Path_]] = []
    projects = document.get("projects") if isinstance(document, YamlMapping) else None
    for index, project in enumerate(projects if isinstance(projects, YamlSequence) else []):
        start, end = project.get("start"), project.get("end")
        if not (isinstance(start, str) and isinstance(end, str)):
            continue
        try:
            backwards = dt.date.fromisoformat(end) < dt.date.fromisoformat(start)
        except ValueError:  # the schema reports the date itself
            continue
        if backwards:
            problems.append((Finding(
                "E002", Severity.ERROR,
                f"'end' ({end}) ligger før 'start' ({start}) (i {project.get('id')}); et projekt kan ikke "
                "slutte, før det begynder", project.value_at("end"), entity=project.get("id")),
                ("projects", index, "end")))
    return problems
