"""A tiny smoke run of the scale benchmark (issue 7): the one command ``bench/RESULTS.md``
names must run end to end and see the edit it times. Times are not asserted (a benchmark,
not a test)."""

from __future__ import annotations

import sys

import pytest

from helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
import run as bench  # noqa: E402

pytestmark = pytest.mark.slow


def test_benchmark_runs_every_step_on_a_tiny_municipality(tmp_path):
    result = bench.run_size(tmp_path, programmes=1, projects=2, benefits=1, jobs="1")
    assert result["edit_shown"] is True
    assert result["entities"] > 5
    for step in ("validate", "full", "rebuild", "noop", "needs", "needs_rebuild", "plain"):
        assert result[step].seconds > 0 and result[step].peak_mib > 0, step
    table = bench.report([result], "bench/run.py")
    assert table.count("\n") == 2 and "1×2×1" in table and "(edit NOT shown)" not in table
    # the hand-written comparison holds every entity as a need directive
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "hand-needs").glob("*.md"))
    kinds = ("programmes", "projects", "benefits", "deliverables", "indicators")
    assert pages.count(":id: ") >= sum(result[k] for k in kinds) > 0
