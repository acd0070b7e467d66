"""Caches run nothing (issue 11, item 10): a planted file in the YAML parse cache, be it a
pickle that would run a command or a hostile entry in the cache's own JSON format,
runs nothing and changes nothing the editor sees, in validate and in a real build."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from fault_helpers import run_cli
from helpers import FIXTURES, TODAY
from livinghandbook.data.parse_cache import decode_entry, folder_cache
from livinghandbook.validate import validate_folder


class _Boom:
    """Unpickling this runs ``touch <marker>``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def _lines(validation) -> list[str]:
    return [f.format_line() for f in validation.findings]


def _hostile_entries(marker: Path) -> list[bytes]:
    payload = pickle.dumps(_Boom(marker))
    return [
        payload,  # a pickle under the JSON name
        json.dumps({"format": 1, "doc": {"__reduce__": ["os.system", f"touch {marker}"]}, "findings": [],
                    "parsed": True, "skipped_ids": [], "skipped_keys": []}).encode(),
        json.dumps({"format": 1, "doc": ["m", 1, 1, "municipality", 0, -5, 1, 1, "x"], "findings": [],
                    "parsed": True, "skipped_ids": [], "skipped_keys": []}).encode(),  # impossible position
        json.dumps({"format": 1, "doc": None, "findings": [["E001", "error", "falsk", 1, 1, None, [["a"]]]],
                    "parsed": False, "skipped_ids": [], "skipped_keys": []}).encode(),  # malformed finding
        b"[" * 100_000,  # nesting that would exhaust the stack
        b"\x80\x04\x95",  # a truncated pickle
    ]


def _plant(cache_dir: Path, data: bytes, marker: Path) -> None:
    """Overwrite every entry with ``data`` and leave pickles of the old format beside them."""
    for entry in cache_dir.rglob("*.json"):
        entry.write_bytes(data)
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(_Boom(marker)))


@pytest.mark.parametrize("case", range(6))
def test_planted_cache_entries_run_nothing_and_change_nothing(tmp_path, case):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    (data / "zz.yaml").write_text("projects:\n  - {id: PR-X, title: Uden formål}\n", encoding="utf-8")
    marker = tmp_path / "PWNED"
    cache = tmp_path / "cache"
    plain = validate_folder(data, today=TODAY)
    validate_folder(data, today=TODAY, cache_root=cache)
    assert len(list(cache.rglob("*.json"))) == 3
    _plant(cache, _hostile_entries(marker)[case], marker)

    again = validate_folder(data, today=TODAY, cache_root=cache)
    assert not marker.exists()
    assert _lines(again) == _lines(plain) and again.model is not None
    assert not list(cache.rglob("*.pickle"))  # old-format leftovers are deleted, never opened
    for entry in cache.rglob("*.json"):  # and the hostile entries were replaced by good ones
        assert decode_entry(entry.read_bytes(), "x.yaml").parsed


def test_the_json_entry_rebuilds_exactly_what_was_parsed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "hostile", data)
    cache = tmp_path / "cache"
    plain = validate_folder(data, today=TODAY)
    validate_folder(data, today=TODAY, cache_root=cache)
    warm = validate_folder(data, today=TODAY, cache_root=cache)
    assert _lines(warm) == _lines(plain)
    a, b = plain.model, warm.model
    assert [(e.id, e.location, e.label) for e in a.entities.values()] == \
        [(e.id, e.location, e.label) for e in b.entities.values()]


def test_a_cache_entry_keeps_no_path_of_its_own(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    cache = tmp_path / "cache"
    validate_folder(data, today=TODAY, cache_root=cache)
    for entry in cache.rglob("*.json"):
        text = entry.read_text(encoding="utf-8")
        assert str(tmp_path) not in text
        rebuilt = decode_entry(text.encode(), "somewhere/else.yaml")
        assert rebuilt.document.location.path == "somewhere/else.yaml"


@pytest.mark.slow
def test_planted_cache_in_a_real_build_runs_nothing(tmp_path):
    """Two builds in fresh processes (in one process the second would reuse the first's
    validation and never read the cache)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    marker = tmp_path / "PWNED"
    out = tmp_path / "_build"
    build = ("build", str(data), "--format", "json", "--today", TODAY.isoformat())
    assert run_cli(*build, build_dir=out).returncode == 0
    clean = (out / "testby" / "json" / "portfolio.json").read_bytes()
    cache_dir = folder_cache(out / ".cache" / "yaml", data).dir
    assert len(list(cache_dir.glob("*.json"))) == 2
    _plant(cache_dir, pickle.dumps(_Boom(marker)), marker)
    proc = run_cli(*build, build_dir=out)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert not marker.exists()
    assert (out / "testby" / "json" / "portfolio.json").read_bytes() == clean
