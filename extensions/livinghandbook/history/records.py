"""One version of a municipality's data as comparable *records*, and its data check.

A record is the plain, JSON-safe content of one entity as its YAML says it (ids for
references, ISO text for dates), normalised so that only what a reader would call a
change is one: role holders, goals and enablers are sorted sets, whole numbers are
integers, deliverables and indicators are keyed by id inside their project or benefit.
Keys are entity ids, plus ``@kommune``, ``@modenhed`` and ``@rolle:<id>`` for the
municipality's settings, its maturity assessment and local roles (ids cannot start
with ``@``, so these never clash).

A version is checked by the project's own pipeline: the chunks were parsed and
schema-checked by ``chunks.py`` (E001/E002), and the merged data goes through
``validate.resolve_raw`` (rule settings, local roles, E003–E005). That last step costs
~20 ms at 1,600 entities, so it runs only when a commit changed ids or references;
an edit of titles, statuses or targets cannot change its outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.folder import REQUIRED_SINGLE_KEYS, RawMunicipality
from ..data.prune import LIST_KEYS
from ..data.yaml_positions import YamlMapping
from ..findings import Finding
from .chunks import ChunkParser, Entry
from .refcheck import quick_sound

Record = dict[str, Any]
UNKNOWN = object()  # a data check not yet done
MUNICIPALITY, MATURITY, ROLE_PREFIX = "@kommune", "@modenhed", "@rolle:"
KIND_BY_KEY = {"units": "unit", "people": "person", "goals": "goal", "programmes": "programme",
               "projects": "project", "adhoc": "adhoc", "benefits": "benefit", "roles": "role"}
SORTED_LISTS = ("goals", "enabled_by")
# Fields whose edits cannot change whether ids and references resolve.
NOT_STRUCTURAL = frozenset({"title", "name", "purpose", "description", "status", "business_case", "start",
                            "end", "success_criteria", "note"})


def _plain(value: Any) -> Any:
    """JSON-safe copy; 40.0 and 40 are the same number to a reader."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _holders(value: Any) -> list[str]:
    return sorted({str(v) for v in (value if isinstance(value, list) else [value])})


def record_of(kind: str, data: dict[str, Any]) -> Record:
    """The record of one top-level item (or the portfolio)."""
    record: Record = {"kind": kind}
    for key, value in data.items():
        if key == "id" and kind != "role":
            continue
        if key == "kind":  # a benefit's, unit's or role's own kind; `kind` is the record's
            record["type"] = _plain(value)
            continue
        if key == "roles" and isinstance(value, dict):
            record["roles"] = {role: _holders(v) for role, v in sorted(value.items())}
        elif key in SORTED_LISTS and isinstance(value, list):
            record[key] = sorted({str(v) for v in value})
        elif key == "deliverables" and isinstance(value, list):
            record[key] = {str(d["id"]): _plain({k: v for k, v in d.items() if k != "id"}) for d in value}
        elif key == "indicators" and isinstance(value, list):
            record[key] = {str(i["id"]): _indicator(i) for i in value}
        else:
            record[key] = _plain(value)
    return record


def _indicator(data: dict[str, Any]) -> Record:
    record: Record = _plain({k: v for k, v in data.items() if k != "id"})
    if isinstance(record.get("measurements"), list):
        record["measurements"] = sorted(record["measurements"], key=lambda m: (str(m.get("date")), str(m.get("value"))))
    return record


def entry_records(entry: Entry) -> dict[str, Record]:
    """Records of one parsed entry, by key."""
    value = entry.value
    if not isinstance(value, dict):
        return {}
    if entry.key == "municipality":
        return {MUNICIPALITY: record_of("municipality", value)}
    if entry.key == "maturity":
        return {MATURITY: record_of("maturity", value)}
    if entry.key == "portfolio" and "id" in value:
        return {str(value["id"]): record_of("portfolio", value)}
    kind = KIND_BY_KEY.get(entry.key)
    if kind is None or "id" not in value:
        return {}
    key = f"{ROLE_PREFIX}{value['id']}" if kind == "role" else str(value["id"])
    return {key: record_of(kind, value)}


def structure(record: Record | None) -> Any:
    """What of a record can change whether the version resolves: all but texts and values."""
    if record is None:
        return None
    if record["kind"] in ("municipality", "role"):
        return record
    out = {k: v for k, v in record.items() if k not in NOT_STRUCTURAL}
    for nested in ("deliverables", "indicators"):
        if isinstance(out.get(nested), dict):
            out[nested] = sorted(out[nested])
    return out


@dataclass
class FileState:
    """One file of one version: its records and its first E001/E002 problem. ``entries``
    is None when the state came from the history cache (parsed again only if needed)."""

    records: dict[str, Record]
    problem: str | None
    entries: list[Entry] | None = None
    count: int = -1  # records made (more than len(records) when an id is used twice); -1 unknown


@dataclass
class Snapshot:
    """One version: file name → (blob id, state), the merged records, its first data error."""

    files: dict[str, tuple[str, FileState]]
    records: dict[str, Record] = field(default_factory=dict)
    problem: str | None = None  # None: the data is sound
    nested: dict[str, str] | None = None  # deliverable and indicator ids (refcheck.py), once asked
    nested_done: bool = False

    @property
    def readable(self) -> bool:
        """Every file parsed and matched the schema (the records are complete)."""
        return not any(state.problem for _blob, state in self.files.values())


def problem_text(finding: Finding, where: str) -> str:
    """A data error as editors read it, located in the repository (``where``: the
    folder's path in the repository, '' at its root)."""
    path = f"{where}/{finding.location.path}" if where and finding.location.path else finding.location.path
    position = f":{finding.location.line}" if finding.location.line else ""
    return f"{path}{position}: {finding.rule}: {finding.message}"


class Recorder:
    """File states, memoised by blob id; versions made of them; the data check."""

    def __init__(self, catalogue: dict[str, YamlMapping], parser: ChunkParser, load: Callable[[str], bytes],
                 where: str = "") -> None:
        self.catalogue, self.parser, self.load, self.where = catalogue, parser, load, where
        self.states: dict[tuple[str, str], FileState] = {}
        self._entries: dict[int, tuple[Entry, dict[str, Record]]] = {}  # holding the entry keeps its id
        self.resolved = 0  # versions checked by resolve_raw (for tests and the bench)

    def state(self, name: str, blob: str) -> FileState:
        found = self.states.get((name, blob))
        if found is None:
            found = self.states[name, blob] = self._parse(name, blob)
        return found

    def _parse(self, name: str, blob: str) -> FileState:
        parsed = self.parser.parse(name, self.load(blob))
        if parsed.problem is not None:
            return FileState({}, problem_text(parsed.problem, self.where), [])
        records: dict[str, Record] = {}
        count = 0
        for entry in parsed.entries:
            found = self._entries.get(id(entry))
            if found is None:  # entries are memoised by the parser, so mostly found
                found = self._entries[id(entry)] = (entry, entry_records(entry))
            records.update(found[1])
            count += len(found[1])
        return FileState(records, None, parsed.entries, count)

    def entries(self, name: str, blob: str) -> list[Entry]:
        state = self.state(name, blob)
        if state.entries is None:  # from the cache: parse now, the check needs the data
            state.entries = self._parse(name, blob).entries or []
        return state.entries

    def snapshot(self, files: dict[str, str], before: Snapshot | None = None, known: object = UNKNOWN) -> Snapshot:
        """The version whose files are ``files`` (name → blob id); ``before`` (the previous
        readable version) lets the data check be skipped when no id or reference changed;
        ``known``: the check's result from the cache."""
        snap = Snapshot(files={name: (blob, self.state(name, blob)) for name, blob in sorted(files.items())})
        for _blob, state in snap.files.values():
            snap.records.update(state.records)
        problems = [state.problem for _blob, state in snap.files.values() if state.problem]
        if problems:
            snap.problem = problems[0]
        elif known is not UNKNOWN:
            snap.problem = known if isinstance(known, str) else None
        elif before is not None and before.readable and not self._structure_changed(before, snap):
            snap.problem = before.problem
        elif before is not None and before.readable and before.problem is None and quick_sound(
                before, snap, self._changed_keys(before, snap), self.catalogue, self._masked(snap)):
            snap.problem = None
        else:
            snap.problem = self._check(snap)
        return snap

    def _changed_keys(self, before: Snapshot, after: Snapshot) -> set[str]:
        keys = {k for k in set(before.records) | set(after.records)
                if before.records.get(k) is not after.records.get(k)}  # memoised: unchanged ones are the same object
        return {k for k in keys if before.records.get(k) != after.records.get(k)}

    @staticmethod
    def _masked(snap: Snapshot) -> bool:
        """An id used twice (across or within files): only the full check reports it."""
        return sum(state.count for _blob, state in snap.files.values()) != len(snap.records)

    def _structure_changed(self, before: Snapshot, after: Snapshot) -> bool:
        if before.records.keys() != after.records.keys():
            return True
        names = {n for n in after.files if before.files.get(n, ("",))[0] != after.files[n][0]}
        names |= set(before.files) - set(after.files)
        for name in sorted(names):
            keys = set(after.files[name][1].records) if name in after.files else set()
            keys |= set(before.files[name][1].records) if name in before.files else set()
            if any(before.records.get(k) is not after.records.get(k)  # memoised: most are the same object
                   and structure(before.records.get(k)) != structure(after.records.get(k)) for k in keys):
                return True
        return False

    def _check(self, snap: Snapshot) -> str | None:
        """Merge as ``data/folder.read_folder`` does and resolve with the real pipeline."""
        from ..validate import resolve_raw

        self.resolved += 1
        raw = RawMunicipality(folder=Path("."), files=[Path(name) for name in snap.files])
        for name, (blob, _state) in snap.files.items():
            for entry in self.entries(name, blob):
                if entry.key in LIST_KEYS and entry.item:
                    raw.lists[entry.key].append(entry.value)
                elif entry.key in ("municipality", "portfolio", "maturity"):
                    if entry.key in raw.singles:
                        return f"{self.where or '.'}: E002: '{entry.key}' står mere end én gang i kommunens data"
                    raw.singles[entry.key] = entry.value
        for key in REQUIRED_SINGLE_KEYS:
            if key not in raw.singles:
                return f"{self.where or '.'}: E002: '{key}' mangler i kommunens data"
        _model, findings = resolve_raw(raw, self.catalogue)
        errors = [f for f in findings if f.severity.value == "error"]
        return problem_text(errors[0], self.where) if errors else None
