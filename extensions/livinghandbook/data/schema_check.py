"""E002: check one parsed YAML file against the JSON Schema, in Danish, with positions.

The JSON Schema files next to this module are the single source of truth for the data
contract: VS Code's YAML plugin reads them for hovers and completion, and this module
enforces them. Validation runs in Rust (``jsonschema-rs``, which sphinx-needs already
depends on), so checking 3,000 benefits takes milliseconds; we only translate its
errors into Danish messages located at the offending key or value.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from ..findings import Finding, Location, Severity
from .yaml_positions import YamlMapping, YamlSequence, location_of

SCHEMA_PACKAGE = "livinghandbook.data.schema"
MUNICIPALITY_SCHEMA = "municipality.schema.json"
ROLE_SCHEMA = "role.schema.json"

# The patterns of the schemas, each with what it really enforces, in Danish.
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]*$"
MUNICIPALITY_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
ROLE_ID_PATTERN = "^[a-z][a-z0-9_-]*$"
TEXT_PATTERN = "\\S"
DATE_PATTERN = "^(19|20|21)[0-9][0-9]-"
DATE_MESSAGE = "'{value}' er ikke en gyldig dato for '{field}'{where}; skriv ÅÅÅÅ-MM-DD med et år fra 1900 til 2199"
TEXT_MESSAGE = "'{field}' må ikke være tom eller kun bestå af mellemrum{where}"
PATTERN_MESSAGES = {
    ID_PATTERN: ("'{value}' er ikke et gyldigt id for '{field}'{where}; et id begynder med et bogstav (a-z, A-Z) "
                 "eller et tal og indeholder kun bogstaver a-z og A-Z, tal, bindestreg og understregning "
                 "(ingen æøå eller mellemrum)"),
    MUNICIPALITY_ID_PATTERN: ("'{value}' er ikke et gyldigt kommune-id{where}; brug kun små bogstaver a-z, tal og "
                              "bindestreg, og begynd med et bogstav eller et tal (ingen store bogstaver, "
                              "understregning, æøå eller mellemrum), fx 'solbjerg'"),
    ROLE_ID_PATTERN: ("'{value}' er ikke et gyldigt rolle-id{where}; brug kun små bogstaver a-z, tal, bindestreg og "
                      "understregning, og begynd med et bogstav, fx gevinstansvarlig"),
    TEXT_PATTERN: TEXT_MESSAGE,
    DATE_PATTERN: DATE_MESSAGE,
}
_NAN_OR_INF = re.compile(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")

_TYPE_NAMES = {
    "string": "en tekst",
    "integer": "et helt tal",
    "number": "et tal",
    "boolean": "true eller false",
    "array": "en liste",
    "object": "en mapping (nøgle: værdi)",
    "null": "tom",
}


def schema_text(name: str) -> str:
    return resources.files(SCHEMA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema as a dict, with the municipality schema's reference to the role schema inlined."""
    schema: dict[str, Any] = json.loads(schema_text(name))
    if name == MUNICIPALITY_SCHEMA:
        role = dict(load_schema(ROLE_SCHEMA))
        role.pop("$schema", None)
        # A local entry may override only some fields of a catalogue role; a wholly new
        # role's completeness is checked when the catalogue is merged.
        role["required"] = ["id"]
        # The role schema's own "#/definitions/..." references must resolve in the schema
        # it is inlined into, so its definitions move along (their names must not clash).
        definitions = role.pop("definitions", {})
        clash = set(definitions) & set(schema.get("definitions", {}))
        assert not clash, f"role and municipality schemas both define {sorted(clash)}"
        schema.setdefault("definitions", {}).update(definitions)
        schema["properties"]["roles"]["items"] = role
    return schema


@cache
def _validator(name: str) -> Any:
    return jsonschema_rs.Draft7Validator(load_schema(name), validate_formats=True)


def _python_type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "et tal"
    if isinstance(value, float):
        return "et decimaltal"
    if isinstance(value, str):
        return "en tekst"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en mapping"
    return "tom" if value is None else type(value).__name__


def _walk(document: Any, path: list[str | int]) -> tuple[Any, Any, str | int | None]:
    """Follow ``path``; return (parent container, value, last key)."""
    parent, value, key = None, document, None
    for step in path:
        parent, key = value, step
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return parent, None, key
    return parent, value, key


def _location(document: Any, path: list[str | int], fallback: Location) -> Location:
    for depth in range(len(path), 0, -1):
        parent, _value, key = _walk(document, path[:depth])
        if key is not None:
            loc = location_of(parent, key)
            if loc is not None:
                return loc
    if isinstance(document, (YamlMapping, YamlSequence)):
        return document.location
    return fallback


def _schema_at(root: dict[str, Any], schema_path: list[str | int]) -> dict[str, Any] | None:
    node: Any = root
    for step in schema_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(node, dict) and "$ref" in node and set(node) <= {"$ref", "description"}:
            ref = node["$ref"]
            if ref.startswith("#/"):
                node = _schema_at(root, ref[2:].split("/")) or node
    return node if isinstance(node, dict) else None


def _context(document: Any, path: list[str | int]) -> str:
    """' (i P-SKOLE)': the id of the nearest enclosing entity, to orient the reader."""
    for depth in range(len(path), -1, -1):
        _parent, value, _key = _walk(document, path[:depth])
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return f" (i {value['id']})"
    return ""


def _field_name(path: list[str | int]) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return "værdien"


def _danish(error: Any, document: Any, root: dict[str, Any]) -> list[tuple[str, list[str | int], bool]]:
    """Messages for one schema error: (message, instance path, point at key?)."""
    kind = type(error.kind).__name__
    path = list(error.instance_path)
    _parent, value, _key = _walk(document, path)
    field = _field_name(path)
    where = _context(document, path)
    schema_path = list(error.schema_path)

    if kind == "AdditionalProperties":
        owner = _schema_at(root, schema_path[:-1]) or {}
        allowed = sorted(owner.get("properties", {}))
        out = []
        for key in error.kind.unexpected:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            suggestion = f" Mente du '{close[0]}'?" if close else ""
            out.append((f"ukendt nøgle '{_shown(key)}'{where}.{suggestion} Tilladte nøgler: "
                        f"{', '.join(allowed)}", path + [key], True))
        return out
    if kind == "Required":
        return [(f"mangler det påkrævede felt '{error.kind.property}'{where}", path, False)]
    if kind == "Type":
        wanted = " eller ".join(_TYPE_NAMES.get(t, t) for t in _as_list(error.kind.types))
        hint = ""
        if "string" in _as_list(error.kind.types) and isinstance(value, (int, float, bool)):
            hint = " (sæt værdien i anførselstegn, fx '2026' eller 'no')"
        numeric = {"number", "integer"} & set(_as_list(error.kind.types))
        if numeric and isinstance(value, str) and _not_finite(value):
            return [(f"'{field}' skal være et almindeligt tal{where}; '{_shown(value)}' kan ikke bruges "
                     "(.nan er 'ikke et tal', .inf er uendelig, og tallet må ikke være astronomisk stort)",
                     path, False)]
        return [(f"'{field}' skal være {wanted}, ikke {_python_type_name(value)}{hint}{where}",
                 path, False)]
    if kind == "Enum":
        options = ", ".join(str(o) for o in error.kind.options)
        return [(f"'{_shown(value)}' er ikke en gyldig værdi for '{field}'{where}; vælg en af: {options}",
                 path, False)]
    if kind == "Format":
        return [(DATE_MESSAGE.format(value=_shown(value), field=field, where=where), path, False)]
    if kind == "Pattern":
        template = PATTERN_MESSAGES.get(error.kind.pattern,
                                        "'{value}' har ikke den form, '{field}' skal have{where}")
        return [(template.format(value=_shown(value), field=field, where=where), path, False)]
    if kind == "PropertyNames":
        bad = [k for k in (value or {}) if not re.match(r"^[a-z][a-z0-9_-]*$", str(k))]
        return [(PATTERN_MESSAGES[ROLE_ID_PATTERN].format(value=_shown(k), field=field, where=where),
                 path + [k], True) for k in bad]
    if kind == "MinLength":
        return [(TEXT_MESSAGE.format(field=field, where=where), path, False)]
    if kind == "MaxLength":
        return [(f"'{field}' er for lang{where}; højst {_number(error.kind.limit)} tegn", path, False)]
    if kind in ("Minimum", "ExclusiveMinimum"):
        return [(f"'{field}' er for lille{where}; mindst {_number(error.kind.limit)}", path, False)]
    if kind in ("Maximum", "ExclusiveMaximum"):
        return [(f"'{field}' er for stor{where}; højst {_number(error.kind.limit)}", path, False)]
    if kind == "MinItems":
        return [(f"'{field}' skal have mindst {error.kind.limit} element(er){where}", path, False)]
    if kind == "UniqueItems":
        return [(f"'{field}' indeholder den samme værdi flere gange{where}", path, False)]
    if kind in ("OneOfNotValid", "AnyOf"):
        owner = _schema_at(root, schema_path[:-1]) or {}
        expected = owner.get("description", "en anden form")
        return [(f"'{field}' har en ugyldig form{where}. Forventet: {expected}", path, False)]
    return [(f"'{field}' passer ikke med dataformatet{where}", path, False)]


def _not_finite(text: str) -> bool:
    """A YAML number no field can use, which yaml_positions.py kept as text: .nan, .inf,
    1e400, or an integer of thousands of digits."""
    if _NAN_OR_INF.fullmatch(text.strip()):
        return True
    try:
        return not math.isfinite(float(text.replace("_", "")))
    except (ValueError, OverflowError):
        return False


def _shown(value: Any, limit: int = 80) -> str:
    """A value quoted in a message, cut when long (the line must stay readable)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any) -> str:
    """Danish thousands separator: 100.000.000.000."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def schema_problems(document: Any, fallback: Location,
                    schema: str = MUNICIPALITY_SCHEMA) -> list[tuple[Finding, tuple[str | int, ...]]]:
    """Every E002 finding for one parsed file, with the instance path it is about (so the
    entity can be set aside: prune.py). Empty when the file matches the schema."""
    validator = _validator(schema)
    if validator.is_valid(document):  # fast path: Rust only, no error objects
        return []
    root = load_schema(schema)
    problems: list[tuple[Finding, tuple[str | int, ...]]] = []
    seen: set[tuple[str, Location]] = set()
    for error in validator.iter_errors(document):
        for message, path, at_key in _danish(error, document, root):
            if at_key:
                parent, _value, key = _walk(document, path)
                loc = location_of(parent, key, want_key=True) if key is not None else None
                loc = loc or _location(document, path[:-1], fallback)
            else:
                loc = _location(document, path, fallback)
            if (message, loc) in seen:
                continue
            seen.add((message, loc))
            problems.append((Finding("E002", Severity.ERROR, message, loc), tuple(path)))
    return problems


def check_document(document: Any, fallback: Location, schema: str = MUNICIPALITY_SCHEMA) -> list[Finding]:
    """All E002 findings for one parsed file (empty list when it matches the schema)."""
    return [finding for finding, _path in schema_problems(document, fallback, schema)]
