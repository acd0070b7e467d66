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


def test_history_benchmark_repository_has_the_edits_it_claims(tmp_path):
    """bench/history_bench.py (issue 17): its commits make the kinds of changes it times."""
    import history_bench
    from livinghandbook.history import compute_history

    folder = history_bench.make_repo(tmp_path / "repo", commits=12, programmes=2, projects=3, benefits=1)
    history = compute_history(folder, history_bench.TODAY, 90)
    assert len(history.versions) == 12 and not any(v.problem for v in history.versions)
    texts = " ".join(c.text for v in history.versions for c in v.changes)
    for words in ("status ", "målet for ", "ny måling", "ny projektleder", "projekt tilføjet", "projekt fjernet"):
        assert words in texts, words
