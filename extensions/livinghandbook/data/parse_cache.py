"""A cache of parsed and schema-checked YAML files, for repeated builds.

Parsing is most of validation (libyaml's composer and our walk that keeps positions),
and a docs pipeline rebuilds after edits to one or two files of many. ``handbook build``
therefore keeps each file's result (the positioned document and its E001/E002 findings)
in the build folder, keyed by a hash of the file's bytes, the path shown in messages,
and the code that produced it; any change to any of them is a miss. ``handbook
validate`` does not use it: it writes nothing anywhere.

Entries are JSON, never pickle: the build folder is restored from CI caches and may be
planted, and loading a pickle runs whatever it names. A JSON entry can only hold data,
and it is checked for shape while it is rebuilt (containers, positions, finding fields);
anything unexpected is a miss, never an error. The entry holds no paths: every position
gets the path of the file being read. Stale ``*.pickle`` files of earlier versions are
never opened, only deleted.

Format (``FORMAT`` below): ``{"format": 1, "doc": D, "findings": [...], "parsed": bool,
"skipped_ids": [...], "skipped_keys": [...]}``. A scalar is itself (str, int, float,
bool, null); a mapping is ``["m", line, col, key, key_line, key_col, value_line,
value_col, value, ...]``; a sequence is ``["s", line, col, item_line, item_col, item,
...]``; a finding is ``[rule, severity, message, line, col, entity, [[line, col], ...]]``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..fileio import write_bytes_atomic
from ..findings import Finding, Location, Severity
from .yaml_positions import YamlMapping, YamlSequence

if TYPE_CHECKING:
    from .folder import CheckedFile

FORMAT = 1
SUFFIX = ".json"
_CODE = ("yaml_positions.py", "yaml_messages.py", "schema_check.py", "prune.py", "files.py", "folder.py",
         "parse_cache.py", "../findings.py", "schema/municipality.schema.json", "schema/role.schema.json")
_RULE = re.compile(r"E00[12]")
_SEVERITIES = {s.value: s for s in Severity}


class _Malformed(Exception):
    """An entry that is not what this code writes: treated as a miss."""


@lru_cache(maxsize=1)
def _code_stamp() -> bytes:
    """The version and the parsing/checking code: a change to either invalidates entries."""
    digest = hashlib.sha1(__version__.encode(), usedforsecurity=False)
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.digest()


# -- encoding ---------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, YamlMapping):
        out: list[Any] = ["m", value.location.line, value.location.column]
        for key, item in value.items():
            k, v = value.key_at(key), value.value_at(key)
            out += [key, k.line, k.column, v.line, v.column, _encode(item)]
        return out
    if isinstance(value, YamlSequence):
        out = ["s", value.location.line, value.location.column]
        for index, item in enumerate(value):
            loc = value.item_at(index)
            out += [loc.line, loc.column, _encode(item)]
        return out
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise _Malformed(type(value).__name__)  # nothing else comes out of yaml_positions


def encode_entry(checked: CheckedFile) -> bytes:
    findings = [[f.rule, f.severity.value, f.message, f.location.line, f.location.column, f.entity,
                 [[r.line, r.column] for r in f.related]] for f in checked.findings]
    entry = {"format": FORMAT, "doc": _encode(checked.document), "findings": findings, "parsed": checked.parsed,
             "skipped_ids": checked.skipped_ids, "skipped_keys": checked.skipped_keys}
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


# -- decoding (every shape checked) ----------------------------------------------------------
# The loops below are written out (no helper call per position or scalar): a warm load
# rebuilds ~230,000 positions at 1,000 projects, and each call saved there is measurable.
_SCALARS = (str, int, float, bool)
_CONTAINERS = (YamlMapping, YamlSequence)


def _position(line: Any, column: Any) -> None:
    if type(line) is not int or type(column) is not int or line < 1 or column < 1:
        raise _Malformed("position")


class _Decoder:
    def __init__(self, path: str) -> None:
        self.path = path

    def loc(self, line: Any, column: Any) -> Location:
        _position(line, column)
        return Location(self.path, line, column)

    def value(self, node: Any) -> Any:
        kind = type(node)
        if kind is list:
            if len(node) >= 3 and node[0] == "m" and (len(node) - 3) % 6 == 0:
                return self.mapping(node)
            if len(node) >= 3 and node[0] == "s" and (len(node) - 3) % 3 == 0:
                return self.sequence(node)
            raise _Malformed("container")
        if node is None or kind in _SCALARS:
            return node
        raise _Malformed(kind.__name__)  # a JSON object: never written here

    def mapping(self, node: list[Any]) -> YamlMapping:
        path = self.path
        result = YamlMapping(self.loc(node[1], node[2]))
        keys, values = result.key_locations, result.value_locations
        for i in range(3, len(node), 6):
            key, kl, kc, item = node[i], node[i + 1], node[i + 2], node[i + 5]
            if type(key) is not str or key in result or type(kl) is not int or type(kc) is not int \
                    or kl < 1 or kc < 1:
                raise _Malformed("key")
            keys[key] = Location(path, kl, kc)
            if type(item) is list:
                item = self.value(item)
                values[key] = item.location  # a container's own position is its value's: share it
            elif item is None or type(item) in _SCALARS:
                vl, vc = node[i + 3], node[i + 4]
                if type(vl) is not int or type(vc) is not int or vl < 1 or vc < 1:
                    raise _Malformed("position")
                values[key] = Location(path, vl, vc)
            else:
                raise _Malformed("value")
            result[key] = item
        return result

    def sequence(self, node: list[Any]) -> YamlSequence:
        path = self.path
        result = YamlSequence(self.loc(node[1], node[2]))
        locations = result.item_locations
        for i in range(3, len(node), 3):
            item = node[i + 2]
            if type(item) is list:
                item = self.value(item)
                locations.append(item.location)
            elif item is None or type(item) in _SCALARS:
                line, column = node[i], node[i + 1]
                if type(line) is not int or type(column) is not int or line < 1 or column < 1:
                    raise _Malformed("position")
                locations.append(Location(path, line, column))
            else:
                raise _Malformed("value")
            result.append(item)
        return result

    def finding(self, row: Any) -> Finding:
        if type(row) is not list or len(row) != 7:
            raise _Malformed("finding")
        rule, severity, message, line, column, entity, related = row
        if type(rule) is not str or not _RULE.fullmatch(rule) or severity not in _SEVERITIES \
                or type(message) is not str or not (entity is None or type(entity) is str) \
                or type(related) is not list:
            raise _Malformed("finding")
        if any(type(pair) is not list or len(pair) != 2 for pair in related):
            raise _Malformed("finding")
        return Finding(rule, _SEVERITIES[severity], message, self.loc(line, column), entity=entity,
                       related=tuple(self.loc(*pair) for pair in related))


def _strings(value: Any) -> list[str]:
    if type(value) is not list or any(type(item) is not str for item in value):
        raise _Malformed("strings")
    return value


def decode_entry(data: bytes, shown: str) -> CheckedFile:
    """Rebuild a CheckedFile; :class:`_Malformed` (or a JSON error) for anything else."""
    from .folder import CheckedFile

    entry = json.loads(data)
    if type(entry) is not dict or entry.get("format") != FORMAT or type(entry.get("parsed")) is not bool \
            or type(entry.get("findings")) is not list:
        raise _Malformed("entry")
    decoder = _Decoder(shown)
    return CheckedFile(decoder.value(entry.get("doc")), [decoder.finding(row) for row in entry["findings"]],
                       parsed=entry["parsed"], skipped_ids=_strings(entry.get("skipped_ids")),
                       skipped_keys=_strings(entry.get("skipped_keys")))


class ParseCache:
    """Entries for one data folder. New entries are written, and unused ones deleted, on
    ``commit``, which the validator calls only for data without errors: a build that
    stops on bad data writes nothing at all."""

    def __init__(self, folder_cache: Path) -> None:
        self.dir = folder_cache
        self.used: set[str] = set()
        self.pending: dict[Path, bytes] = {}

    def read(self, content: bytes, shown: str, schema: str, parse: Callable[[], CheckedFile]) -> CheckedFile:
        digest = hashlib.sha256(_code_stamp())
        for part in (schema.encode(), shown.encode("utf-8", "surrogateescape"), content):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        entry = self.dir / f"{digest.hexdigest()}{SUFFIX}"
        self.used.add(entry.name)
        try:
            return decode_entry(entry.read_bytes(), shown)
        except (OSError, ValueError, RecursionError, _Malformed):  # missing, truncated, foreign: parse
            pass
        result = parse()
        try:
            self.pending[entry] = encode_entry(result)
        except (ValueError, RecursionError, _Malformed):
            pass  # a cache that cannot be written is only slower
        return result

    def commit(self) -> None:
        """Write the new entries and delete what this read did not use (files since edited
        or removed, and entries of earlier formats)."""
        try:
            for entry, data in self.pending.items():
                write_bytes_atomic(entry, data)
            for stale in self.dir.iterdir() if self.dir.is_dir() else []:
                if stale.name not in self.used and stale.suffix in (SUFFIX, ".pickle"):
                    stale.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written is only slower
        self.pending.clear()


def folder_cache(cache_root: Path, folder: Path) -> ParseCache:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()
    return ParseCache(cache_root / key[:16])
