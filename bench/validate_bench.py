"""Time ``handbook validate`` on a generated municipality (1,000 projects, 3,000 benefits).

    .venv/bin/python bench/validate_bench.py [--repeat 5]

Runs the real command in a fresh process each time (start-up included, as an editor
or CI would see it) and reports the best and median wall time, and CPU time.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    handbook = Path(sys.executable).parent / "handbook"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        counts = generate(folder, 50, 20, 3)
        times, cpu = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            proc = subprocess.run([str(handbook), "validate", str(folder), "--today", "2026-11-28"],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if proc.returncode != 0:
                sys.exit(f"validate failed:\n{proc.stdout}{proc.stderr}")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"data: {', '.join(f'{v} {k}' for k, v in counts.items())}")
    print(f"handbook validate: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
          f"over {args.repeat} runs")
    # CPU time (user + system) is what to compare on a shared machine: wall time there
    # includes waiting for other people's processes.
    print(f"handbook validate CPU: best {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s")


if __name__ == "__main__":
    main()
