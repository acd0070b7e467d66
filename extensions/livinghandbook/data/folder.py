"""Read a municipality folder: every data file directly in it, parsed, checked, merged.

The result is still raw (positioned) data; :mod:`livinghandbook.model.resolve` turns
it into the typed graph. Nothing here writes anything, except into a parse cache when
one is given (``parse_cache.py``, used by ``handbook build``).

A file with schema errors still contributes the entries that passed (``prune.py``), so
the later checks (ids, references, cycles) see everything they can be trusted with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding, Location, Severity
from .files import FileRefused, data_files, read_data_file
from .parse_cache import ParseCache
from .prune import LIST_KEYS, cross_field_problems, ids_in, prune
from .schema_check import MUNICIPALITY_SCHEMA, schema_problems
from .yaml_positions import YamlMapping, YamlSequence, YamlSyntaxError, display_path, load_yaml_bytes

SINGLE_KEYS = ("municipality", "portfolio", "maturity")
REQUIRED_SINGLE_KEYS = ("municipality", "portfolio")


@dataclass
class CheckedFile:
    """One file, parsed and checked against its schema."""

    document: Any  # what passed the schema (None: nothing, e.g. empty or unreadable)
    findings: list[Finding] = field(default_factory=list)
    parsed: bool = True  # False: unreadable or not YAML, so nothing of its content is known
    skipped_ids: list[str] = field(default_factory=list)  # ids of entries that failed the schema
    skipped_keys: list[str] = field(default_factory=list)  # top-level keys removed whole


@dataclass
class RawMunicipality:
    """The merged content of a folder; each list item keeps its own file location."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    lists: dict[str, list[YamlMapping]] = field(default_factory=lambda: {k: [] for k in LIST_KEYS})
    singles: dict[str, YamlMapping] = field(default_factory=dict)
    complete: bool = True  # False when some file could not be read: its ids are unknown
    skipped_ids: set[str] = field(default_factory=set)
    skipped_singles: set[str] = field(default_factory=set)


def check_text(raw: bytes, shown: str, schema: str) -> CheckedFile:
    """Parse one file's bytes and check them: the pure function the parse cache keeps."""
    try:
        document = load_yaml_bytes(raw, shown)
    except YamlSyntaxError as exc:
        return CheckedFile(None, [exc.finding], parsed=False)
    if document is None:
        return CheckedFile(None)
    problems = schema_problems(document, Location(shown), schema)
    if schema != MUNICIPALITY_SCHEMA:  # a role file is one entry: it passes or is set aside whole
        if not problems:
            return CheckedFile(document)
        skipped = [document["id"]] if isinstance(document, dict) and isinstance(document.get("id"), str) else []
        return CheckedFile(None, [f for f, _ in problems], skipped_ids=skipped)
    pruned = prune(document, [path for _f, path in problems])
    more = cross_field_problems(pruned.document)
    if more:
        again = prune(pruned.document, [path for _f, path in more])
        pruned.document = again.document
        pruned.skipped_ids += again.skipped_ids
        problems += more
    return CheckedFile(pruned.document, [f for f, _ in problems], skipped_ids=pruned.skipped_ids,
                       skipped_keys=pruned.skipped_keys)


def read_checked(path: Path, schema: str = MUNICIPALITY_SCHEMA, cache: ParseCache | None = None) -> CheckedFile:
    """Read one listed file (``files.data_files``), parse and check it."""
    shown = display_path(path)
    try:
        raw = read_data_file(path)
    except FileRefused as exc:
        return CheckedFile(None, [exc.finding], parsed=False)
    if cache is not None:
        return cache.read(raw, shown, schema, lambda: check_text(raw, shown, schema))
    return check_text(raw, shown, schema)


def _merge(raw: RawMunicipality, checked: CheckedFile, first_single: dict[str, Location],
           findings: list[Finding]) -> None:
    raw.skipped_ids.update(checked.skipped_ids)
    raw.skipped_singles.update(k for k in checked.skipped_keys if k in SINGLE_KEYS)
    raw.complete = raw.complete and checked.parsed
    document = checked.document
    if not isinstance(document, YamlMapping):  # empty, unreadable or set aside whole
        return
    for key, value in document.items():
        if key in SINGLE_KEYS:
            if key in raw.singles:
                first = first_single[key]
                findings.append(Finding(
                    "E002", Severity.ERROR,
                    f"'{key}' må kun stå én gang i kommunens data; står også i {first}",
                    document.key_at(key), related=(first,)))
                raw.skipped_ids.update(ids_in(value))
                continue
            raw.singles[key] = value
            first_single[key] = document.key_at(key)
        elif isinstance(value, YamlSequence):
            raw.lists[key].extend(value)


def read_folder(folder: Path, cache: ParseCache | None = None) -> tuple[RawMunicipality, list[Finding]]:
    """Parse and schema-check every file, then merge; E001/E002 findings on any problem.
    ``cache``: parsed files from an earlier read (``parse_cache.py``)."""
    raw = RawMunicipality(folder=folder)
    folder_loc = Location(display_path(folder), 1, 1)
    if not folder.is_dir():
        raw.complete = False
        return raw, [Finding("E001", Severity.ERROR, "mappen findes ikke eller er ikke en mappe", folder_loc)]
    raw.files, findings = data_files(folder)
    if findings:
        raw.complete = False  # a refused entry may hold ids that others refer to
    if not raw.files:
        raw.complete = False
        if not findings:
            findings.append(Finding("E001", Severity.ERROR, "mappen indeholder ingen *.yaml- eller *.yml-filer",
                                    folder_loc))
        return raw, findings

    first_single: dict[str, Location] = {}
    for path in raw.files:
        checked = read_checked(path, cache=cache)
        findings.extend(checked.findings)
        _merge(raw, checked, first_single, findings)

    for key in REQUIRED_SINGLE_KEYS:
        if key not in raw.singles and key not in raw.skipped_singles and raw.complete:
            findings.append(Finding(
                "E002", Severity.ERROR,
                f"'{key}' mangler: mindst én fil i mappen skal have en '{key}:'-sektion",
                Location(display_path(raw.files[0]), 1, 1)))
    return raw, findings
