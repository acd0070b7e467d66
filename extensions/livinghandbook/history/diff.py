"""``handbook diff <folder> <rev> [<rev>]``: what changed between two versions of a
municipality's data, entity by entity, grouped by programme.

Each version is validated with the project's own pipeline (``validate.validate_folder``;
a version from git is written to a temporary folder first) and must be free of data
errors to be compared: a version with errors is named with its findings, never a
traceback. The comparison itself is the one the handbook's history uses (records,
``changes.compare``), so the command and the changes page say the same thing.

Exit codes: 0 compared (with or without changes), 1 a version has data errors,
2 usage (no such folder or version, folder not in git).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..data.files import data_files
from ..roles.catalogue import load_catalogue
from ..validate import Validation, validate_folder
from ..views import labels as L
from .changes import EntityChange, compare
from .chunks import ChunkParser
from .gitrepo import GitUnavailable, Objects, Repo, git, locate, resolve_rev
from .records import Recorder, Record
from .wording import Words

WORKTREE = "arbejdskopien"


class DiffError(Exception):
    """A usage problem, in Danish (exit code 2)."""


@dataclass
class Side:
    rev: str | None  # None: the working tree
    commit: str | None
    date: dt.date | None
    files: dict[str, bytes]
    validation: Validation | None = None

    @property
    def name(self) -> str:
        if self.rev is None:
            return WORKTREE
        return f"{self.rev} ({self.commit[:12] if self.commit else '?'}, {L.date_da(self.date)})"

    def as_json(self) -> dict[str, Any]:
        return {"rev": self.rev, "commit": self.commit, "date": self.date.isoformat() if self.date else None,
                "worktree": self.rev is None}


class DataErrors(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("data errors")
        self.errors = errors


def _side(repo: Repo, folder: Path, rev: str | None, objects: Objects) -> Side:
    if rev is None:
        return Side(None, None, None, {p.name: p.read_bytes() for p in data_files(folder)[0]})
    try:
        commit = resolve_rev(repo, rev)
    except GitUnavailable as exc:
        raise DiffError(str(exc)) from exc
    iso = git(repo.root, "show", "-s", "--format=%cI", commit).strip()
    files = {name: objects.blob(blob) for name, blob in objects.files(commit).items()}
    return Side(rev, commit, dt.date.fromisoformat(iso[:10]) if iso else None, files)


def _validate(side: Side, folder: Path, where: str, today: dt.date | None) -> list[str]:
    """The version's data errors as lines (paths as in the repository); [] when sound."""
    if side.rev is None:
        side.validation = validate_folder(folder, today=today)
        return [f.format_line() for f in side.validation.data_errors]
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as tmp:
        copy = Path(tmp) / (folder.name or "data")
        copy.mkdir()
        for name, data in side.files.items():
            (copy / name).write_bytes(data)
        side.validation = validate_folder(copy, today=today, assets=folder)  # the logo is not copied
        shown = f"{side.rev}:{where + '/' if where else ''}"
        return [f.format_line().replace(str(copy) + "/", shown, 1) for f in side.validation.data_errors]


def _records(sides: list[Side], where: str) -> list[dict[str, Record]]:
    """Both versions' records, through the parser and recorder the history uses."""
    blobs: dict[str, bytes] = {}
    named: list[dict[str, str]] = []
    for side in sides:
        ids = {}
        for name, data in side.files.items():
            blob = hashlib.sha1(data, usedforsecurity=False).hexdigest()
            blobs[blob] = data
            ids[name] = blob
        named.append(ids)
    recorder = Recorder(load_catalogue(paths.roles_dir())[0], ChunkParser(), blobs.__getitem__, where)
    return [recorder.snapshot(files, known=None).records for files in named]


def run_diff(folder: Path, rev_a: str, rev_b: str | None,
             today: dt.date | None = None) -> tuple[Side, Side, list[EntityChange]]:
    """Compare two versions; DiffError for usage problems, DataErrors for bad data."""
    if not folder.is_dir():
        raise DiffError(f"mappen findes ikke: {folder}")
    try:
        repo = locate(folder.resolve())
    except GitUnavailable as exc:
        raise DiffError(f"{exc}; handbook diff sammenligner versioner i git") from exc
    with Objects(repo) as objects:
        sides = [_side(repo, folder, rev_a, objects), _side(repo, folder, rev_b, objects)]
    errors = {side.name: _validate(side, folder, repo.prefix, today) for side in sides}
    if any(errors.values()):
        raise DataErrors(errors)
    before, after = _records(sides, repo.prefix)
    models = [side.validation.model for side in sides if side.validation and side.validation.model]
    publish = all(m.publish_names for m in models)
    role_names = {rid: role.name for m in models for rid, role in m.roles.items()}
    return sides[0], sides[1], compare(before, after, Words(before, after, role_names, publish))


def _grouped(after: Side, changes: list[EntityChange]) -> list[tuple[str, str, list[EntityChange]]]:
    """(programme id, heading, changes) in the newer version's programme order."""
    model = after.validation.model if after.validation else None
    order = {p.id: i for i, p in enumerate(model.programmes)} if model else {}
    groups: dict[str, list[EntityChange]] = {}
    for change in changes:
        groups.setdefault(change.programme or "", []).append(change)
    out = []
    for pid in sorted(groups, key=lambda p: (p == "", order.get(p, len(order)), p)):
        entity = model.entities.get(pid) if model and pid else None
        heading = f"{pid} {entity.label}" if entity else (pid or "Uden for programmer")
        out.append((pid, heading, sorted(groups[pid], key=lambda c: c.key)))
    return out


def _line(change: EntityChange) -> str:
    who = change.title if change.kind == "person" or change.key.startswith("@") else f"{change.key} {change.title}"
    return f"{who}: {change.text}"


def format_text(folder: str, before: Side, after: Side, changes: list[EntityChange]) -> str:
    lines = [f"Ændringer i {folder} fra {before.name} til {after.name}:", ""]
    if not changes:
        return "\n".join([*lines, "Ingen ændringer.", ""])
    for _pid, heading, group in _grouped(after, changes):
        lines.append(heading)
        lines.extend(f"  {_line(c)}" for c in group)
        lines.append("")
    lines.append(f"{L.plural(len(changes), 'ændring', 'ændringer')}.")
    return "\n".join(lines) + "\n"


def format_json(folder: str, before: Side, after: Side, changes: list[EntityChange]) -> str:
    ordered = [c for _pid, _h, group in _grouped(after, changes) for c in group]
    payload = {"folder": folder, "from": before.as_json(), "to": after.as_json(),
               "changes": [c.as_json() for c in ordered]}
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(folder: Path, rev_a: str, rev_b: str | None, fmt: str, today: dt.date | None = None) -> int:
    try:
        before, after, changes = run_diff(folder, rev_a, rev_b, today)
    except DiffError as exc:
        print(f"handbook diff: {exc}", file=sys.stderr)
        return 2
    except DataErrors as exc:
        for name, lines in exc.errors.items():
            if lines:
                print(f"Versionen {name} har fejl i data og kan ikke sammenlignes:", file=sys.stderr)
                for line in lines:
                    print(f"  {line}", file=sys.stderr)
        return 1
    shown = str(folder)
    sys.stdout.write(format_json(shown, before, after, changes) if fmt == "json"
                     else format_text(shown, before, after, changes))
    return 0
