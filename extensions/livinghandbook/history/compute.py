"""The history of a data folder: its versions in git over the last N days, with what
changed in each, entity by entity.

The versions are the commits that changed the folder's ``*.yaml`` files along the
first-parent line of ``HEAD`` (a merged branch counts as one version, its merge). The
window is the ``history_days`` (default 90) before the build's "today"; the version just
before the window is read too, so that the first version in it has something to be
compared with. A version whose files do not parse or match the schema is shown with its
error, and the next readable version is compared with the last readable one.

Each computed version is cached by commit id in ``<build>/.cache/history/`` as JSON (never
pickle: the file must not be loadable as code), together with the records of the newest
version's files, so a rebuild after a new commit reads only the files that commit changed.
The cache key covers the folder, the code, the role catalogue and the settings that change
the wording (``publish_names`` and role names); any mismatch starts afresh.

Never an error: a folder outside git, a shallow clone or a detached checkout gives an
empty history with a Danish note saying why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import __version__, paths
from ..fileio import write_bytes_atomic
from ..roles.catalogue import load_catalogue
from .changes import EntityChange, compare
from .chunks import ChunkParser
from .gitrepo import Commit, GitUnavailable, Objects, Repo, locate, versions
from .records import FileState, Recorder, Snapshot
from .wording import Words

CACHE_FORMAT = 1


@dataclass(frozen=True)
class Version:
    commit: str
    date: dt.date  # the committer's date, in the committer's time zone
    message: str  # the commit message's first line
    author: str | None  # None when names are not published
    changes: tuple[EntityChange, ...] = ()
    problem: str | None = None  # the version's first data error
    first: bool = False  # no earlier readable version: nothing to compare with
    entities: int = 0  # how many entities the version has (shown for a first version)
    clock: str = ""  # "14.05": the committer's time of day, which tells two saves of one day apart


@dataclass(eq=False)
class History:
    versions: tuple[Version, ...] = ()  # newest first
    days: int = 90
    since: dt.date | None = None
    note: str | None = None  # why there is no history, for the changes page

    @property
    def available(self) -> bool:
        return self.note is None

    @cached_property
    def _by_entity(self) -> dict[str, list[tuple[Version, EntityChange]]]:
        index: dict[str, list[tuple[Version, EntityChange]]] = {}
        for version in reversed(self.versions):
            for change in version.changes:
                index.setdefault(change.key, []).append((version, change))
        return index

    def of(self, key: str) -> list[tuple[Version, EntityChange]]:
        """An entity's changes in the window, oldest first."""
        return self._by_entity.get(key, [])


def _commit_date(commit: Commit) -> dt.date:
    return dt.date.fromisoformat(commit.iso[:10])


def _window(repo: Repo, since: dt.date) -> tuple[list[Commit], Commit | None]:
    """The versions since ``since`` (oldest first) and the one just before them."""
    window: list[Commit] = []
    for commit in versions(repo):
        if _commit_date(commit) < since:
            return window[::-1], commit
        window.append(commit)
    return window[::-1], None


@dataclass
class _Cache:
    path: Path | None
    key: str
    versions: dict[str, dict[str, Any]] = field(default_factory=dict)
    tip: dict[str, Any] = field(default_factory=dict)  # {"commit", "problem", "files": {name: [blob, state]}}

    @classmethod
    def load(cls, path: Path | None, key: str) -> _Cache:
        cache = cls(path, key)
        if path is None:
            return cache
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache  # missing or broken: computed again
        if isinstance(data, dict) and data.get("key") == key:
            cache.versions = data.get("versions", {})
            cache.tip = data.get("tip", {})
        return cache

    def save(self, keep: list[str]) -> None:
        if self.path is None:
            return
        data = {"format": CACHE_FORMAT, "key": self.key,
                "versions": {c: self.versions[c] for c in sorted(keep) if c in self.versions}, "tip": self.tip}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        try:
            if not self.path.exists() or self.path.read_text(encoding="utf-8") != text:
                write_bytes_atomic(self.path, text.encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written is only slower


def _code_stamp() -> str:
    digest = hashlib.sha1(__version__.encode(), usedforsecurity=False)
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")) + [here.parent / "views" / "labels.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(repo: Repo, catalogue: dict[str, Any], role_names: dict[str, str], publish_names: bool) -> str:
    material = json.dumps([CACHE_FORMAT, _code_stamp(), str(repo.root), repo.prefix, publish_names,
                           sorted(role_names.items()), catalogue], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(material.encode("utf-8"), usedforsecurity=False).hexdigest()


def _cache_file(cache_dir: Path | None, repo: Repo) -> Path | None:
    if cache_dir is None:
        return None
    name = hashlib.sha1(f"{repo.root}\n{repo.prefix}".encode("utf-8", "surrogateescape"), usedforsecurity=False)
    return cache_dir / f"{name.hexdigest()[:16]}.json"


def unavailable(reason: str, days: int = 90, since: dt.date | None = None) -> History:
    return History(days=days, since=since, note=f"Ændringshistorikken kan ikke vises: {reason}.")


def compute_history(folder: Path, today: dt.date, days: int = 90, publish_names: bool = True,
                    role_names: dict[str, str] | None = None, cache_dir: Path | None = None,
                    roles_dir: Path | None = None) -> History:
    """The history of ``folder`` for the ``days`` before ``today``; never raises for a
    folder without usable git history (the result's ``note`` says why)."""
    since = today - dt.timedelta(days=days)
    try:
        repo = locate(folder.resolve())
        if repo.shallow:
            return unavailable("git-kopien er hentet uden den fulde historik (en »shallow clone«); hent hele "
                               "historikken, fx med fetch-depth: 0 i GitHub Actions eller GIT_DEPTH: 0 i GitLab CI",
                               days, since)
        if repo.detached:
            return unavailable("git-kopien står ikke på en gren (»detached HEAD«); byg fra en gren, fx efter "
                               "git checkout -B main", days, since)
        window, base = _window(repo, since)
        if not window and base is None:
            return unavailable("datamappen har endnu ingen gemte versioner i git", days, since)
        catalogue = load_catalogue(roles_dir or paths.roles_dir())[0]
        names = role_names if role_names is not None else {k: str(v.get("name", k)) for k, v in catalogue.items()}
        key = _key(repo, catalogue, names, publish_names)
        cache = _Cache.load(_cache_file(cache_dir, repo), key)
        if any(c.id not in cache.versions for c in window):
            _fill(repo, cache, window, base, Words({}, {}, names, publish_names), catalogue)
        cache.save([c.id for c in window])
    except GitUnavailable as exc:
        return unavailable(str(exc), days, since)
    return History(tuple(_version(c, cache.versions[c.id], publish_names) for c in reversed(window)),
                   days, since, None)


def _version(commit: Commit, data: dict[str, Any], publish_names: bool) -> Version:
    return Version(commit.id, _commit_date(commit), commit.subject, commit.author if publish_names else None,
                   tuple(EntityChange.from_json(c) for c in data["changes"]), data["problem"],
                   data["first"], data["entities"], commit.iso[11:16].replace(":", "."))


def _fill(repo: Repo, cache: _Cache, window: list[Commit], base: Commit | None, words: Words,
          catalogue: dict[str, Any]) -> None:
    """Compute the versions the cache lacks, oldest first."""
    with Objects(repo) as objects:
        recorder = Recorder(catalogue, ChunkParser(), objects.blob, repo.prefix)
        tip = cache.tip
        for name, (blob, state) in sorted(tip.get("files", {}).items()):
            recorder.states[name, blob] = FileState(state["records"], state["problem"], None, state.get("count", -1))
        chain = [base, *window]
        objects.prefetch([c.id for c in chain if c is not None and c.id not in cache.versions])
        last: Snapshot | None = None
        for index, commit in enumerate(window, start=1):
            if commit.id in cache.versions:
                last = None
                continue
            if last is None:
                last = _readable_before(chain, index, recorder, objects, tip)
            snap = recorder.snapshot(objects.files(commit.id), before=last)
            cache.versions[commit.id] = _compare(last, snap, words)
            if snap.readable:
                last = snap
                cache.tip = {"commit": commit.id, "problem": snap.problem,
                             "files": {n: [b, {"records": s.records, "problem": s.problem, "count": s.count}]
                                       for n, (b, s) in snap.files.items()}}


def _readable_before(chain: list[Commit | None], index: int, recorder: Recorder, objects: Objects,
                     tip: dict[str, Any]) -> Snapshot | None:
    """The nearest readable version before ``chain[index]``, or None."""
    for commit in _backwards(chain, index):
        files = objects.files(commit.id)
        if tip.get("commit") == commit.id:
            snap = recorder.snapshot(files, known=tip.get("problem"))
        else:
            snap = recorder.snapshot(files)
        if snap.readable:
            return snap
    return None


def _backwards(chain: list[Commit | None], index: int) -> Iterator[Commit]:
    for position in range(index - 1, -1, -1):
        commit = chain[position]
        if commit is None:
            return
        yield commit


def _compare(last: Snapshot | None, snap: Snapshot, words: Words) -> dict[str, Any]:
    entities = sum(1 for k in snap.records if not k.startswith("@")) if last is None else 0  # shown for first versions
    data: dict[str, Any] = {"problem": snap.problem, "first": last is None, "entities": entities, "changes": []}
    if last is None or not snap.readable:
        return data
    changed = {n for n, (blob, _s) in snap.files.items() if last.files.get(n, ("",))[0] != blob}
    keys: set[str] = set()
    for name in changed | (set(last.files) - set(snap.files)):
        for source in (snap, last):
            if name in source.files:
                keys.update(source.files[name][1].records)
    words = Words(last.records, snap.records, words.role_names, words.publish_names)
    data["changes"] = [c.as_json() for c in compare(last.records, snap.records, words, keys)]
    return data
