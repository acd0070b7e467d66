"""Time the Excel round trip on the 50×20×3 synthetic municipality (issue 16: each under 10 s).

    .venv/bin/python bench/xlsx_bench.py [--repeat 3] [--programmes 50]

Runs the real commands in fresh processes, start-up included, as a user sees them:

* export:          handbook build <folder> --format xlsx
* import (new):    handbook import <workbook> <new folder>
* import (same):   handbook import <workbook> <the folder>   (nothing changed: nothing written)
* import (edit):   the same after one cell is edited (one YAML file rewritten)

Reports the best and median wall time of each, and the CPU time of the best run (the
machine is shared; CPU time shows what the command itself costs).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

TODAY = "2026-11-28"


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one command; exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _edit_one_cell(workbook: Path, out: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["Projekter"]
    sheet.cell(row=3, column=2).value = "Projekt 1.1 (omdøbt i regnearket)"
    book.save(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--programmes", type=int, default=50)
    args = ap.parse_args()
    handbook = str(Path(sys.executable).parent / "handbook")
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in ("export", "new", "same", "edit")}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = dict(os.environ, HANDBOOK_BUILD_DIR=str(root / "_build"))
        folder = root / "bench"
        counts = generate(folder, args.programmes, 20, 3)
        workbook = root / "_build" / "bench" / "xlsx" / "bench.xlsx"
        edited = root / "edited.xlsx"
        for _ in range(args.repeat):
            times["export"].append(_run([handbook, "build", str(folder), "--format", "xlsx", "--today", TODAY], env))
            shutil.rmtree(root / "new", ignore_errors=True)
            times["new"].append(_run([handbook, "import", str(workbook), str(root / "new"), "--today", TODAY], env))
            times["same"].append(_run([handbook, "import", str(workbook), str(folder), "--today", TODAY], env))
            shutil.rmtree(root / "copy", ignore_errors=True)
            shutil.copytree(folder, root / "copy")
            if not edited.exists():
                _edit_one_cell(workbook, edited)
            times["edit"].append(_run([handbook, "import", str(edited), str(root / "copy"), "--today", TODAY], env))
        size = workbook.stat().st_size
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"data: {', '.join(f'{v} {k}' for k, v in counts.items())}; workbook {size / 1e6:.1f} MB")
    labels = {"export": "export (build --format xlsx)", "new": "import into a new folder",
              "same": "import, nothing changed", "edit": "import, one cell edited"}
    for key, runs in times.items():
        walls = [w for w, _c in runs]
        best = min(runs)
        print(f"{labels[key]:32} best {best[0]:.2f} s (CPU {best[1]:.2f} s), median {statistics.median(walls):.2f} s "
              f"over {len(runs)} runs")


if __name__ == "__main__":
    main()
