"""A/B: the full HTML build and the one-edit rebuild of two checkouts of the code, interleaved.

    .venv/bin/python bench/ab.py --base /path/to/other/checkout [--runs 3] [--programmes 50]
                                 [--projects 20] [--benefits 3]

``--base`` is another checkout of the repository (e.g. ``git archive main | tar -x -C …``);
"B" is this one. Both run with this virtual environment, each through its own code
(``PYTHONPATH=<checkout>/extensions``), on the same generated municipality, each run in a fresh
build folder. Runs alternate A B B A A B …, so a machine that gets busier or quieter during
the benchmark weighs on both alike; with ``--together`` A and B run at the same time, so
both share whatever else the machine is doing (the steadiest ratio on a shared machine).
Wall time and CPU time (the build and its children, ``wait4``) are reported. A benchmark,
not a test: nothing here asserts beyond the edit being shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"


def timed(jobs: list[tuple[list[str], dict[str, str]]]) -> list[tuple[float, float]]:
    """Wall and CPU seconds of each command (with its children), all started at once."""
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for cmd, env in jobs]
    out = []
    for proc, (cmd, _env) in zip(procs, jobs):
        _pid, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}")
        out.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    return out


def _prepare(checkout: Path, data_orig: Path, work: Path) -> tuple[list[str], dict[str, str], Path]:
    data, build = work / "data", work / "_build"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(data_orig, data)
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(build), PYTHONPATH=str(checkout / "extensions"))
    return [sys.executable, "-m", "livinghandbook.cli", "build", str(data), "--today", TODAY], env, work


def _edit(work: Path) -> None:
    target = work / "data" / "p-001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("title: Projekt 1.1\n", "title: Projekt 1.1 (rettet)\n",
                                                                 1), encoding="utf-8")


def _shown(work: Path) -> None:
    page = (work / "_build" / "bench" / "html" / "projekt" / "PR-1-1.html").read_text(encoding="utf-8")
    assert "Projekt 1.1 (rettet)" in page, "the edit is not shown"


def runs(checkouts: list[Path], data: Path, tmp: Path) -> list[dict[str, tuple[float, float]]]:
    """A full build and the one-edit rebuild of each checkout, the checkouts at the same time."""
    prepared = [_prepare(c, data, tmp / f"run-{i}") for i, c in enumerate(checkouts)]
    full = timed([(cmd, env) for cmd, env, _work in prepared])
    for _cmd, _env, work in prepared:
        _edit(work)
    rebuild = timed([(cmd, env) for cmd, env, _work in prepared])
    for _cmd, _env, work in prepared:
        _shown(work)
    return [{"full": f, "rebuild": r} for f, r in zip(full, rebuild)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--programmes", type=int, default=50)
    ap.add_argument("--projects", type=int, default=20)
    ap.add_argument("--benefits", type=int, default=3)
    ap.add_argument("--together", action="store_true", help="run A and B at the same time")
    args = ap.parse_args()
    versions = {"A": args.base.resolve(), "B": REPO}
    results: dict[str, list[dict[str, tuple[float, float]]]] = {"A": [], "B": []}
    with tempfile.TemporaryDirectory(prefix="handbook-ab-") as tmp:
        data = Path(tmp) / "data"
        generate(data, args.programmes, args.projects, args.benefits)
        order = [("A", "B") if i % 2 == 0 else ("B", "A") for i in range(args.runs)]
        for pair in order:
            groups = [pair] if args.together else [(name,) for name in pair]
            for group in groups:
                for name, result in zip(group, runs([versions[n] for n in group], data, Path(tmp))):
                    results[name].append(result)
                    print(name, {k: f"{w:.1f} s wall, {c:.1f} s CPU" for k, (w, c) in result.items()}, flush=True)
    how = "at the same time" if args.together else "interleaved"
    print(f"\n{args.programmes}×{args.projects}×{args.benefits}, {args.runs} runs each ({how}), medians:")
    for key in ("full", "rebuild"):
        for index, what in ((0, "wall"), (1, "CPU")):
            a = statistics.median(r[key][index] for r in results["A"])
            b = statistics.median(r[key][index] for r in results["B"])
            print(f"  {key:8} {what:4}  A {a:6.1f} s   B {b:6.1f} s   B/A {b / a:5.2f}")


if __name__ == "__main__":
    main()
