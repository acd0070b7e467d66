"""The print handbook's benchmark: time, CPU and peak memory of ``handbook build --format pdf``.

    .venv/bin/python bench/pdf_bench.py [--sizes 10,50] [--print auto] [--audit]

For each size (programmes × 20 projects × 3 benefits, ``bench/generate.py``) one build in
a fresh process into an empty build folder: wall time, CPU time (user + system, of the
build and its children: on a shared machine wall time also counts waiting for a core),
peak memory (``wait4``: the largest resident set of the process; the build is one
process, graphviz aside), the page count, and with ``--audit`` the PDF's checks
(``livinghandbook.pdf.audit``). The targets (issue 15): 10×20×3 under 60 s; 50×20×3 under
5 minutes and 2 GiB. This is a benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = "2026-11-28"


def run(size: int, detail: str, audit: bool, work: Path) -> dict[str, object]:
    data = work / f"d{size}"
    generate(data, size, 20, 3)
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(work / f"build{size}"))
    command = [str(BIN / "handbook"), "build", str(data), "--format", "pdf", "--today", TODAY, "--print", detail]
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{output[-3000:]}")
    pdf = work / f"build{size}" / "bench" / "pdf" / "bench.pdf"
    result: dict[str, object] = {
        "size": f"{size}×20×3", "print": detail, "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1), "peak_mib": round(usage.ru_maxrss / 1024),
        "steps": next((line for line in output.splitlines() if line.startswith("PDF med")), ""),
        "pdf_mib": round(pdf.stat().st_size / 2**20, 1),
    }
    if audit:
        from livinghandbook.pdf.audit import audit as read

        facts = read(pdf).summary()
        result.update({key: facts[key] for key in ("pages", "pdfa", "pdfua", "figures", "figures_without_alt",
                                                    "fonts_not_embedded", "small_spans", "blank_pages")})
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,50", help="programmes per run, comma-separated")
    ap.add_argument("--print", dest="detail", default="auto", choices=["auto", "full", "compact"])
    ap.add_argument("--audit", action="store_true", help="also read the PDF back (slow for large PDFs)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            print(run(size, args.detail, args.audit, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
