"""A cache of parsed and schema-checked YAML files, for repeated builds.

Parsing is most of validation (libyaml's composer and our walk that keeps positions:
~0.8 s of 1.3 s at 1,000 projects), and a docs pipeline rebuilds after edits to one or
two files of many. ``handbook build`` therefore keeps each file's result (the positioned
document and its E001/E002 findings) in the build folder, keyed by a hash of the file's
bytes, the path shown in messages, and the code that produced it; any change to any of
them is a miss. ``handbook validate`` does not use it: it writes nothing anywhere.

The cache is ours (under the build folder, never the data folder); a broken or foreign
entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..fileio import write_bytes_atomic

_CODE = ("yaml_positions.py", "schema_check.py", "folder.py", "../findings.py", "schema/municipality.schema.json",
         "schema/role.schema.json")


@lru_cache(maxsize=1)
def _code_stamp() -> bytes:
    """The version and the parsing/checking code: a change to either invalidates entries."""
    digest = hashlib.sha1(__version__.encode(), usedforsecurity=False)
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.digest()


class ParseCache:
    """Entries for one data folder. New entries are written, and unused ones deleted, on
    ``commit``, which the validator calls only for data without errors: a build that
    stops on bad data writes nothing at all."""

    def __init__(self, folder_cache: Path) -> None:
        self.dir = folder_cache
        self.used: set[str] = set()
        self.pending: dict[Path, bytes] = {}

    def read(self, path: Path, shown: str, schema: str, parse: Callable[[], tuple[Any, list[Any]]]) -> tuple[Any, list[Any]]:
        try:
            content = path.read_bytes()
        except OSError:
            return parse()
        digest = hashlib.sha1(_code_stamp(), usedforsecurity=False)
        for part in (schema.encode(), shown.encode("utf-8", "surrogateescape"), content):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        entry = self.dir / f"{digest.hexdigest()}.pickle"
        self.used.add(entry.name)
        try:
            return pickle.loads(entry.read_bytes())
        except Exception:  # noqa: BLE001 - missing, truncated or from other code: parse again
            pass
        result = parse()
        try:
            self.pending[entry] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError):
            pass  # a cache that cannot be written is only slower
        return result

    def commit(self) -> None:
        """Write the new entries and delete those this read did not use (files since
        edited or removed)."""
        try:
            for entry, data in self.pending.items():
                write_bytes_atomic(entry, data)
            for entry in self.dir.glob("*.pickle") if self.dir.is_dir() else []:
                if entry.name not in self.used:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written is only slower
        self.pending.clear()


def folder_cache(cache_root: Path, folder: Path) -> ParseCache:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()
    return ParseCache(cache_root / key[:16])
