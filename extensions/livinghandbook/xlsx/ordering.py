"""Key order from the data schema: new YAML is written in the order the schema lists the
keys (``id``, ``title``, …), and a key added to an existing mapping goes where that order
puts it. The schema is the single source of truth, so a new field needs no change here."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..data.schema_check import MUNICIPALITY_SCHEMA, load_schema


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    root = load_schema(MUNICIPALITY_SCHEMA)
    while "$ref" in node and node["$ref"].startswith("#/definitions/"):
        node = root["definitions"][node["$ref"].rsplit("/", 1)[1]]
    return node


@cache
def _object_at(path: tuple[str, ...]) -> dict[str, Any] | None:
    """The schema of the mapping at a path of keys ('*' for a list's items) from the root."""
    node: dict[str, Any] = load_schema(MUNICIPALITY_SCHEMA)
    for step in path:
        node = _resolve(node)
        if step == "*":
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
    node = _resolve(node)
    return node if "properties" in node else None


def property_schema(path: tuple[str, ...], key: str) -> dict[str, Any]:
    """The schema of one key of the mapping at ``path`` (references resolved)."""
    schema = _object_at(path) or {}
    return _resolve(schema.get("properties", {}).get(key, {}))


def key_order(path: tuple[str, ...]) -> list[str]:
    """The schema's key order for the mapping at ``path`` (e.g. ('projects', '*'))."""
    schema = _object_at(path)
    return list(schema["properties"]) if schema else []


def ordered(data: Any, path: tuple[str, ...]) -> Any:
    """A copy of ``data`` with every mapping's keys in schema order (unknown keys last)."""
    if isinstance(data, dict):
        if path and path[-1] == "roles":
            return dict(data)  # role order is the editor's (it orders each person's assignments)
        order = key_order(path)
        keys = sorted(data, key=lambda k: order.index(k) if k in order else len(order))
        return {k: ordered(data[k], (*path, k)) for k in keys}
    if isinstance(data, list):
        return [ordered(item, (*path, "*")) for item in data]
    return data


def insert_position(existing: list[str], key: str, path: tuple[str, ...]) -> int:
    """Where a new key goes among a mapping's existing keys: after the last key that the
    schema puts before it."""
    order = key_order(path)
    if key not in order:
        return len(existing)
    rank = order.index(key)
    position = 0
    for index, other in enumerate(existing):
        if other in order and order.index(other) < rank:
            position = index + 1
    return position
