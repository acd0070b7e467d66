"""Themes against the scale benchmark: full build and one-edit rebuild per HTML theme.

    .venv/bin/python bench/theme_bench.py [--programmes 50] [--rounds 2] [THEME ...]

THEME is a name from ``VARIANTS`` below (default: ``alabaster handbook``). For each round
and each theme, in turn (interleaved, so a noisy shared machine hurts every theme alike),
it times ``handbook build`` of one generated municipality into an empty build folder, then
the rebuild after editing one project's title (and checks the edit is shown), each in a
fresh process. The theme is switched without touching the repository: the handbook sources
are copied into a temporary ``HANDBOOK_ROOT`` and the variant's settings are appended to
the copy's ``conf.py``. Themes that are not installed are reported and skipped
(``pip install furo pydata-sphinx-theme sphinx-book-theme`` to compare them).

A variant that runs longer than ``--timeout`` seconds or needs more than ``--max-mib`` of
address space is stopped and reported as such (furo computes the whole navigation tree
on every page: at 50×20×3 it took 12 GB of memory within 80 s, so the limit protects a
shared machine).
This is a benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TODAY = "2026-11-28"

# Settings appended to conf.py per variant. "alabaster" is the theme the handbook had
# before issue 14; the others reset the sidebars the handbook sets for alabaster.
VARIANTS: dict[str, tuple[str, str]] = {
    "alabaster": ("", 'html_theme = "alabaster"\nhtml_theme_options = {"show_related": True}\n'
                      'html_sidebars = {"**": ["about.html", "localtoc.html", "relations.html", "searchbox.html"]}\n'),
    "handbook": ("", 'html_theme = "handbook"\n'),
    "furo": ("furo", 'html_theme = "furo"\nhtml_sidebars = {}\nhtml_theme_options = {}\n'),
    "pydata": ("pydata_sphinx_theme", 'html_theme = "pydata_sphinx_theme"\nhtml_sidebars = {}\n'
                                      'html_theme_options = {}\n'),
    # pydata with its documented bound: the section navigation collapsed to the current branch
    "pydata-collapsed": ("pydata_sphinx_theme", 'html_theme = "pydata_sphinx_theme"\nhtml_sidebars = {}\n'
                         'html_theme_options = {"collapse_navigation": True, "navigation_depth": 1}\n'),
    "book": ("sphinx_book_theme", 'html_theme = "sphinx_book_theme"\nhtml_sidebars = {}\nhtml_theme_options = {}\n'),
}


def installed(module: str) -> bool:
    if not module:
        return True
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


@dataclass
class Run:
    seconds: float | None  # None: stopped (time or memory limit)
    peak_mib: float
    note: str = ""


def timed(cmd: list[str], env: dict[str, str], timeout: float, max_mib: int) -> Run:
    """Wall seconds and peak memory of one command in a fresh process, stopped past
    ``timeout`` seconds or ``max_mib`` of address space (a shared machine must not swap)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_mib * 2**20, max_mib * 2**20))

    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True, preexec_fn=limit)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _pid, status, usage = os.wait4(proc.pid, 0)
                return Run(None, usage.ru_maxrss / 1024, f"stopped after {timeout:.0f} s")
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: method findings of severity error (a valid build)
            log.seek(0)
            text = log.read()
            if "MemoryError" in text or "Cannot allocate memory" in text or code < 0:
                return Run(None, usage.ru_maxrss / 1024, f"out of memory at {max_mib} MiB after {elapsed:.0f} s")
            raise SystemExit(f"failed: {' '.join(cmd)}\n{text[-3000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def handbook_root(work: Path, variant: str) -> Path:
    """A copy of the repository's handbook sources with the variant's theme settings."""
    root = work / f"root-{variant}"
    shutil.copytree(REPO / "handbook", root / "handbook")
    conf = root / "handbook" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n# theme_bench.py\n" + VARIANTS[variant][1],
                    encoding="utf-8")
    return root


def one_round(work: Path, data: Path, variant: str, timeout: float, max_mib: int) -> tuple[Run, Run | None, bool]:
    """(full, rebuild, edit shown) for one variant, from an empty build folder."""
    build = work / f"build-{variant}"
    shutil.rmtree(build, ignore_errors=True)
    env = dict(os.environ, HANDBOOK_ROOT=str(work / f"root-{variant}"), HANDBOOK_BUILD_DIR=str(build))
    cmd = [str(BIN / "handbook"), "build", str(data), "--today", TODAY]
    target = data / "p-001.yaml"
    original = target.read_text(encoding="utf-8")
    try:
        full = timed(cmd, env, timeout, max_mib)
        if full.seconds is None:
            return full, None, False
        target.write_text(original.replace("title: Projekt 1.1\n", "title: Projekt 1.1 (rettet)\n", 1),
                          encoding="utf-8")
        rebuild = timed(cmd, env, timeout, max_mib)
        page = build / "bench" / "html" / "projekt" / "PR-1-1.html"
        shown = page.exists() and "Projekt 1.1 (rettet)" in page.read_text(encoding="utf-8")
        return full, rebuild, shown
    finally:
        target.write_text(original, encoding="utf-8")
        shutil.rmtree(build, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("themes", nargs="*", default=["alabaster", "handbook"], choices=sorted(VARIANTS))
    ap.add_argument("--programmes", type=int, default=50)
    ap.add_argument("--projects", type=int, default=20)
    ap.add_argument("--benefits", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--max-mib", type=int, default=4096, help="address-space limit per build (MiB)")
    args = ap.parse_args()
    themes = [t for t in args.themes if installed(VARIANTS[t][0])]
    for missing in sorted(set(args.themes) - set(themes)):
        print(f"{missing}: not installed, skipped", flush=True)
    results: dict[str, list[tuple[Run, Run | None, bool]]] = {t: [] for t in themes}
    with tempfile.TemporaryDirectory(prefix="handbook-themes-") as tmp:
        work = Path(tmp)
        data = work / "data"
        generate(data, args.programmes, args.projects, args.benefits)
        for theme in themes:
            handbook_root(work, theme)
        for round_ in range(args.rounds):
            for theme in themes if round_ % 2 == 0 else list(reversed(themes)):
                if results[theme] and results[theme][-1][0].seconds is None:
                    continue  # stopped once: do not spend the shared machine on it again
                full, rebuild, shown = one_round(work, data, theme, args.timeout, args.max_mib)
                results[theme].append((full, rebuild, shown))
                print(f"round {round_ + 1} {theme}: full {_s(full)}, rebuild {_s(rebuild)}"
                      f"{'' if shown or full.seconds is None else ' (edit NOT shown)'}", flush=True)
    print(f"\n{args.programmes}×{args.projects}×{args.benefits}, medians of {args.rounds} interleaved rounds")
    print("| theme | full build | rebuild after one edit | peak memory (full) | edit shown |\n"
          "| --- | ---: | ---: | ---: | --- |")
    for theme, rows in results.items():
        fulls = [r[0].seconds for r in rows if r[0].seconds is not None]
        rebuilds = [r[1].seconds for r in rows if r[1] is not None and r[1].seconds is not None]
        peak = max(r[0].peak_mib for r in rows)
        if not fulls:
            print(f"| {theme} | {rows[0][0].note} | – | {peak:.0f} MiB | – |")
            continue
        print(f"| {theme} | {statistics.median(fulls):.1f} s | {statistics.median(rebuilds):.1f} s | {peak:.0f} MiB | "
              f"{all(r[2] for r in rows)} |")


def _s(run: Run | None) -> str:
    if run is None:
        return "–"
    return run.note if run.seconds is None else f"{run.seconds:.1f} s"


if __name__ == "__main__":
    main()
