"""Which files the import writes, and what goes in them.

Into an existing data folder, each entry of the workbook is matched by id with the entry
in the folder (the singles by key) and compared in meaning (``normalize.py``). Only
files with a changed, new or deleted entry are rewritten (``merge.py``); every other
file is left alone. A new entry goes to the file its ``Fil`` cell names, else to the
file of the entry it hangs on (a project to its programme's file) when that file holds
entries of its kind, else to the first file that does.

Into a new folder, every entry goes to the file its ``Fil`` cell names, so an exported
folder comes back split as it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..data.folder import SINGLE_KEYS
from ..data.prune import LIST_KEYS
from ..data.files import data_files
from ..data.yaml_positions import YamlSyntaxError, load_yaml_file
from ..findings import Finding
from .from_rows import Document, Item, root_of
from .layout import SHEETS, Source
from .merge import FileEdit, rewrite
from .normalize import norm
from .ordering import key_order

DEFAULT_FILE = "kommune.yaml"
LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Existing:
    """A data folder as it is: texts, parsed data, and where each entry stands."""

    folder: Path
    texts: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    entries: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (key, id) -> (file, index)
    singles: dict[str, str] = field(default_factory=dict)  # key -> file
    problems: list[Finding] = field(default_factory=list)


def read_existing(folder: Path) -> Existing:
    """Every file of the folder, parsed without positions (libyaml, in C: the folder is
    validated with positions later, with everything else)."""
    found = Existing(folder)
    for path in data_files(folder)[0] if folder.is_dir() else []:
        try:
            text = path.read_bytes().decode("utf-8-sig")
            document = yaml.load(text, Loader=LOADER)
        except (UnicodeDecodeError, yaml.YAMLError):
            try:  # the validator's own reading gives the E001 message with its position
                load_yaml_file(path)
            except YamlSyntaxError as exc:
                found.problems.append(exc.finding)
            continue
        found.texts[path.name] = text
        found.data[path.name] = document
        if not isinstance(document, dict):
            continue
        for key, value in document.items():
            if key in SINGLE_KEYS and isinstance(value, dict):
                found.singles.setdefault(key, path.name)
            elif key in LIST_KEYS and isinstance(value, list):
                for index, entry in enumerate(value):
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        found.entries.setdefault((key, entry["id"]), (path.name, index))
    return found


@dataclass
class Plan:
    """The import's outcome before anything is written."""

    texts: dict[str, str] = field(default_factory=dict)  # file name -> new text (changed or new files)
    changed: list[str] = field(default_factory=list)  # ids (or keys) of changed entries
    added: list[str] = field(default_factory=list)
    deleted: list[tuple[str, str, str]] = field(default_factory=list)  # (key, id, file)
    edits: dict[str, FileEdit] = field(default_factory=dict)


def managed_keys(key: str) -> set[str]:
    """The keys of a top-level entry that the workbook carries; any other key is kept."""
    keys: set[str] = set()
    for sheet in SHEETS:
        root, pattern = root_of(sheet)
        if sheet.source in (Source.LIST, Source.SINGLE) and sheet.data_key == key:
            keys.update(c.path[0] for c in sheet.data_columns if not c.key.startswith("_"))
        elif root == key and pattern:
            keys.add(str(pattern[0]))
    if key in ("portfolio", "programmes", "projects", "adhoc", "benefits"):
        keys.add("roles")
    if key == "municipality":
        keys.add("rules")
    return keys


def _keep(new: Any, old: Any, pattern: tuple[Any, ...]) -> None:
    """Copy what ``pattern`` names from ``old`` into ``new`` (both mappings)."""
    step, rest = pattern[0], pattern[1:]
    if not isinstance(new, dict) or not isinstance(old, dict):
        return
    if not rest:
        if step in old:
            new[step] = copy.deepcopy(old[step])
        else:
            new.pop(step, None)
        return
    if rest[0] == "*":
        olds = {e.get("id"): e for e in old.get(step) or [] if isinstance(e, dict)}
        for entry in new.get(step) or []:
            if isinstance(entry, dict) and entry.get("id") in olds and rest[1:]:
                _keep(entry, olds[entry["id"]], rest[1:])
        return
    if isinstance(old.get(step), dict):
        _keep(new.setdefault(step, {}), old[step], rest)


def with_kept(item: Item, old: dict[str, Any], doc: Document) -> dict[str, Any]:
    """The workbook's entry, plus what the workbook does not carry taken from the folder."""
    new = copy.deepcopy(item.data)
    for key, pattern in doc.kept:
        if key == item.key:
            if not pattern:
                return copy.deepcopy(dict(old))
            _keep(new, old, pattern)
    managed = managed_keys(item.key)
    for key, value in old.items():
        if key not in managed:
            new[key] = copy.deepcopy(value)
    return new


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's libyaml emitter (fast), with multi-line texts as ``|`` blocks."""


def _str(dumper: Any, data: str) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _str)


def dump_new(content: dict[str, Any], workbook: str) -> str:
    """A new YAML file's text, top-level keys in schema order."""
    order = key_order(())
    ordered_content = {k: content[k] for k in sorted(content, key=order.index)}
    body = yaml.dump(ordered_content, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"# Skrevet af 'handbook import' fra {workbook}.\n{body}"


def _anchor(item: Item) -> Any:
    """The id of the entry a new entry hangs on (its file is the natural home)."""
    data = item.data
    if item.key in ("projects", "adhoc"):
        return data.get("programme")
    if item.key == "benefits":
        refs = data.get("enabled_by") or []
        return refs[0] if refs else None
    return {"people": data.get("unit"), "units": data.get("parent")}.get(item.key)


class _Files:
    """Which file holds which kind and which id, growing as new entries are placed."""

    def __init__(self) -> None:
        self.holds: dict[str, list[str]] = {}
        self.file_of: dict[Any, str] = {}

    def place(self, key: str, data: dict[str, Any], file: str) -> None:
        if file not in self.holds.setdefault(key, []):
            self.holds[key].append(file)
        self.file_of.setdefault(data.get("id"), file)
        nested = data.get("deliverables") if key == "projects" else None
        for deliverable in nested if isinstance(nested, list) else []:
            if isinstance(deliverable, dict):
                self.file_of.setdefault(deliverable.get("id"), file)

    def choose(self, item: Item) -> str:
        if item.file:
            return item.file
        candidates = self.holds.get(item.key, [])
        anchored = self.file_of.get(_anchor(item))
        if anchored is not None and anchored in candidates:
            return anchored
        if candidates:
            return candidates[0]
        return (self.holds.get("municipality") or [DEFAULT_FILE])[0]


def plan_new(doc: Document, workbook: str) -> Plan:
    """Every entry into the file its Fil cell names (or a sensible one)."""
    plan = Plan()
    files = _Files()
    groups: dict[str, dict[str, Any]] = {}
    for item in doc.items():
        file = files.choose(item)
        files.place(item.key, item.data, file)
        content = groups.setdefault(file, {})
        if item.key in SINGLE_KEYS:
            content[item.key] = item.data
        else:
            content.setdefault(item.key, []).append(item.data)
        plan.added.append(str(item.id or item.key))
    plan.texts = {file: dump_new(content, workbook) for file, content in sorted(groups.items())}
    return plan


def _nested_ids(entries: list[tuple[str, dict[str, Any]]]) -> dict[tuple[str, str], str]:
    """(list key, id) of entries inside entries (deliverables, indicators) -> the parent's key."""
    found: dict[tuple[str, str], str] = {}
    for sheet in SHEETS:
        key, pattern = root_of(sheet)
        if sheet.source is not Source.CHILD or sheet.id_column is None or len(pattern) != 2:
            continue
        for top_key, data in entries:
            if top_key != key:
                continue
            for child in data.get(pattern[0]) or []:
                if isinstance(child, dict) and isinstance(child.get("id"), str):
                    found[(str(pattern[0]), child["id"])] = str(data.get("id"))
    return found


class _Merge:
    def __init__(self, doc: Document, existing: Existing, allow_delete: bool) -> None:
        self.doc = doc
        self.existing = existing
        self.allow_delete = allow_delete
        self.plan = Plan()
        self.files = _Files()
        for (key, _ident), (file, index) in sorted(existing.entries.items(), key=lambda e: e[1]):
            self.files.place(key, existing.data[file][key][index], file)
        for key, file in existing.singles.items():
            self.files.place(key, existing.data[file][key], file)

    def edit(self, file: str) -> FileEdit:
        return self.plan.edits.setdefault(file, FileEdit())

    def entry(self, item: Item, seen: set[tuple[str, Any]]) -> None:
        if item.key in SINGLE_KEYS:
            file = self.existing.singles.get(item.key)
            index = None
        else:
            where = self.existing.entries.get((item.key, item.id))
            file, index = where if where and (item.key, item.id) not in seen else (None, None)
            seen.add((item.key, item.id))
        if file is None:
            file = self.files.choose(item)
            self.files.place(item.key, item.data, file)
            self.edit(file).appends.append((item.key, item.data))
            self.plan.added.append(str(item.id or item.key))
            return
        stored = self.existing.data[file][item.key]
        old = stored if index is None else stored[index]
        item.data = with_kept(item, old, self.doc)
        if norm(item.data) != norm(dict(old)):
            self.edit(file).updates.append((item.key, index, item.data, old))
            self.plan.changed.append(str(item.id or item.key))

    def deletions(self, seen: set[tuple[str, Any]]) -> None:
        whole = {key for key, pattern in self.doc.kept if not pattern}
        for (key, ident), (file, index) in sorted(self.existing.entries.items()):
            if (key, ident) not in seen and key not in whole:
                self.plan.deleted.append((key, ident, file))
                if self.allow_delete:
                    self.edit(file).deletes.append((key, index))
        for key, file in self.existing.singles.items():
            if key not in self.doc.singles and key not in whole:
                self.plan.deleted.append((key, key, file))
                if self.allow_delete:
                    self.edit(file).deletes.append((key, -1))
        before = _nested_ids([(k, self.existing.data[f][k][i]) for (k, _), (f, i) in self.existing.entries.items()])
        after = _nested_ids([(i.key, i.data) for items in self.doc.lists.values() for i in items])
        for (key, ident), parent in sorted(before.items()):
            if (key, ident) not in after:
                where = self.existing.entries.get(("projects" if key == "deliverables" else "benefits", parent))
                self.plan.deleted.append((key, ident, where[0] if where else ""))


def plan_merge(doc: Document, existing: Existing, workbook: str, allow_delete: bool, literal: bool = True) -> Plan:
    """The changed, new and deleted entries, and the new text of each file they touch."""
    merge = _Merge(doc, existing, allow_delete)
    seen: set[tuple[str, Any]] = set()
    for item in doc.items():
        merge.entry(item, seen)
    merge.deletions(seen)
    plan = merge.plan
    for file, edit in sorted(plan.edits.items()):
        if file in existing.texts:
            plan.texts[file] = rewrite(existing.texts[file], edit, literal)
        else:
            content: dict[str, Any] = {}
            for key, data in edit.appends:
                if key in SINGLE_KEYS:
                    content[key] = data
                else:
                    content.setdefault(key, []).append(data)
            plan.texts[file] = dump_new(content, workbook)
    return plan
