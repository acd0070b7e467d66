"""Validate the would-be data folder with ``handbook validate``'s own checks, report at cells.

Validation is staged (syntax and schema first; ids and references only on data that
passed), so one pass stops at the first stage with errors. An import should name every
error at once, so when the first pass finds schema errors, a second pass validates the
same data without the entries that have them, and adds its id and reference errors
(E003–E005), leaving out those that only echo a left-out entry.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from ..data.folder import SINGLE_KEYS
from ..findings import Finding, Severity
from ..validate import Validation, validate_folder
from .from_rows import Document, Item
from .locate import Locator
from .ordering import property_schema as ordering_property
from .normalize import norm
from .report import Issue

_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@contextmanager
def would_be_folder(name: str, texts: dict[str, str]) -> Iterator[Path]:
    """A temporary folder holding the given files."""
    with tempfile.TemporaryDirectory(prefix="handbook-import-") as tmp:
        folder = Path(tmp) / (name or "data")
        folder.mkdir()
        for file, text in texts.items():
            (folder / file).write_text(text, encoding="utf-8")
        yield folder


def _issues(doc: Document, locator: Locator, findings: list[Finding]) -> list[Issue]:
    taken = {i.cell for i in doc.issues if i.cell is not None}
    issues = []
    for finding in findings:
        issue = locator.issue(finding)
        if issue.cell is None or issue.cell not in taken:  # not the echo of a problem found while reading
            issues.append(issue)
    return issues


def _step(node: Any, step: Any) -> Any:
    if isinstance(node, list):
        if isinstance(step, int):
            return node[step] if 0 <= step < len(node) else None
        if isinstance(step, str) and step.startswith("#"):
            return next((e for e in node if isinstance(e, dict) and str(e.get("id")) == step[1:]), None)
        return None
    return node.get(step) if isinstance(node, dict) else None


def _remove(node: Any, step: Any) -> None:
    if isinstance(node, dict):
        node.pop(step, None)
    elif isinstance(node, list):
        target = _step(node, step) if not (isinstance(step, str) and step.startswith("=")) else None
        for index, element in enumerate(node):
            if element is target or (target is None and f"={element}" == step):
                del node[index]
                return


def _repair(entry: dict[str, Any], key: str, path: tuple[Any, ...], missing: str | None) -> bool:
    """Take one schema error out of an entry: drop the bad value (or the mapping missing a
    field); a missing top-level field gets a stand-in. False when there is nothing to do."""
    if missing is not None and not path:
        prop = ordering_property((key, "*") if key not in SINGLE_KEYS else (key,), missing)
        entry[missing] = prop.get("enum", ["?"])[0]
        return True
    if not path:
        return False
    parent: Any = entry
    for step in path[:-1]:
        parent = _step(parent, step)
        if parent is None:
            return False
    _remove(parent, path[-1])
    return True


def _repaired(texts: dict[str, str], fixes: list[tuple[str, tuple[str, int | None], Item, tuple[Any, ...],
                                                     str | None]]) -> dict[str, str] | None:
    data = {file: yaml.load(text, Loader=_LOADER) for file, text in texts.items()}
    for file, (key, index), item, path, missing in fixes:
        document = data.get(file)
        value = document.get(key) if isinstance(document, dict) else None
        entry = value if index is None else (value[index] if isinstance(value, list) and index < len(value) else None)
        if not isinstance(entry, dict) or not _repair(entry, item.key, path, missing):
            return None
    return {file: yaml.dump(d, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) for file, d in data.items()}


def _second_pass(doc: Document, texts: dict[str, str], folder: Path, first: Validation, locator: Locator,
                 today: dt.date | None, roles_dir: Path) -> list[Issue]:
    schema_errors = [f for f in first.findings if f.rule in ("E001", "E002") and f.severity is Severity.ERROR]
    fixes = []
    for finding in schema_errors:
        place = locator.path_for(finding)
        if place is None:
            return []  # an error the entries cannot be mended around: the first pass says it all
        fixes.append((Path(finding.location.path).name, *place))
    repaired = _repaired(texts, fixes) if fixes else None
    if repaired is None:
        return []
    with would_be_folder(folder.name, repaired) as temp:
        second = validate_folder(temp, today=today, roles_dir=roles_dir, assets=folder)
        wanted = [f for f in second.findings if f.rule in ("E003", "E004", "E005")]
        return _issues(doc, Locator(doc, temp, folder), wanted)


def _mismatches(written: dict[str, str], doc: Document) -> list[str]:
    """Entries in the written files that would not read back as the workbook says (a bug,
    never a user error). Unchanged files were compared entry by entry while planning."""
    stored: dict[tuple[str, Any], Any] = {}
    for text in written.values():
        data = yaml.load(text, Loader=_LOADER)
        for key, value in (data or {}).items():
            if key in SINGLE_KEYS:
                stored[(key, None)] = value
            for entry in value if isinstance(value, list) else []:
                if isinstance(entry, dict):
                    stored.setdefault((key, entry.get("id")), entry)
    bad = []
    for item in doc.items():
        found = stored.get((item.key, None if item.key in SINGLE_KEYS else item.id))
        if found is not None and norm(found) != norm(item.data):
            bad.append(str(item.id or item.key))
    return bad


def check(doc: Document, texts: dict[str, str], written: dict[str, str], folder: Path, today: dt.date | None,
          roles_dir: Path) -> tuple[list[Issue], Validation, list[str]]:
    """(issues at cells, the validation, entries that would not read back as written)."""
    with would_be_folder(folder.name, texts) as temp:
        validation = validate_folder(temp, today=today, roles_dir=roles_dir, assets=folder)
        locator = Locator(doc, temp, folder)
        issues = [*doc.issues, *_issues(doc, locator, validation.findings)]
        issues.extend(_second_pass(doc, texts, folder, validation, locator, today, roles_dir))
        stopped = any(i.stops_import for i in issues)
        return issues, validation, [] if stopped else _mismatches(written, doc)
