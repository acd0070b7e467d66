"""Read a municipality folder: every ``*.yaml`` directly in it, parsed, checked, merged.

The result is still raw (positioned) data; :mod:`livinghandbook.model.resolve` turns
it into the typed graph. Nothing here writes anything, except into a parse cache when
one is given (``parse_cache.py``, used by ``handbook build``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding, Location, Severity
from .parse_cache import ParseCache
from .schema_check import MUNICIPALITY_SCHEMA, check_document
from .yaml_positions import YamlMapping, YamlSequence, YamlSyntaxError, display_path, load_yaml_file

LIST_KEYS = ("units", "people", "goals", "programmes", "projects", "adhoc", "benefits", "roles")
SINGLE_KEYS = ("municipality", "portfolio", "maturity")
REQUIRED_SINGLE_KEYS = ("municipality", "portfolio")


@dataclass
class RawMunicipality:
    """The merged content of a folder; each list item keeps its own file location."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    lists: dict[str, list[YamlMapping]] = field(default_factory=lambda: {k: [] for k in LIST_KEYS})
    singles: dict[str, YamlMapping] = field(default_factory=dict)


def read_checked(path: Path, schema: str = MUNICIPALITY_SCHEMA,
                 cache: ParseCache | None = None) -> tuple[Any, list[Finding]]:
    """Parse one file and check it against a schema: (document or None, E001/E002 findings).

    An empty file (or one with only comments) gives (None, [])."""
    if cache is not None:
        return cache.read(path, display_path(path), schema, lambda: read_checked(path, schema))
    shown = display_path(path)
    try:
        document = load_yaml_file(path)
    except YamlSyntaxError as exc:
        return None, [exc.finding]
    except OSError as exc:
        return None, [Finding("E001", Severity.ERROR, f"filen kan ikke læses: {exc.strerror}", Location(shown))]
    if document is None:
        return None, []
    problems = check_document(document, Location(shown), schema)
    return (None if problems else document), problems


def data_files(folder: Path) -> list[Path]:
    """The files a folder contributes, sorted so merging is deterministic."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def read_folder(folder: Path, cache: ParseCache | None = None) -> tuple[RawMunicipality, list[Finding]]:
    """Parse and schema-check every file, then merge; E001/E002 findings on any problem.
    ``cache``: parsed files from an earlier read (``parse_cache.py``)."""
    raw = RawMunicipality(folder=folder)
    findings: list[Finding] = []
    folder_loc = Location(display_path(folder), 1, 1)
    if not folder.is_dir():
        return raw, [Finding("E001", Severity.ERROR,
                             "mappen findes ikke eller er ikke en mappe", folder_loc)]
    raw.files = data_files(folder)
    if not raw.files:
        return raw, [Finding("E001", Severity.ERROR,
                             "mappen indeholder ingen *.yaml-filer", folder_loc)]

    first_single: dict[str, Location] = {}
    for path in raw.files:
        document, problems = read_checked(path, cache=cache)
        findings.extend(problems)
        if not isinstance(document, YamlMapping):  # empty, unreadable or not matching the schema
            continue
        for key, value in document.items():
            if key in SINGLE_KEYS:
                if key in raw.singles:
                    first = first_single[key]
                    findings.append(Finding(
                        "E002", Severity.ERROR,
                        f"'{key}' må kun stå én gang i kommunens data; står også i {first}",
                        document.key_at(key), related=(first,)))
                    continue
                raw.singles[key] = value
                first_single[key] = document.key_at(key)
            elif isinstance(value, YamlSequence):
                raw.lists[key].extend(value)

    if not any(f.rule == "E001" or f.rule == "E002" for f in findings):
        for key in REQUIRED_SINGLE_KEYS:
            if key not in raw.singles:
                findings.append(Finding(
                    "E002", Severity.ERROR,
                    f"'{key}' mangler: mindst én fil i mappen skal have en '{key}:'-sektion",
                    Location(display_path(raw.files[0]), 1, 1)))
    return raw, findings

