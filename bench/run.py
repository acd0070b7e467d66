"""The scale benchmark: one command, one run, all the numbers.

    .venv/bin/python bench/run.py [--programmes 50] [--projects 20] [--benefits 3] [--jobs 1]
                                  [--sizes 10,25,50] [--write-results]

For each size it generates a municipality (``bench/generate.py``) and times, each in a
fresh process (start-up included, peak memory from the OS):

  (a) ``handbook validate``
  (b) a full HTML build (``handbook build``, empty build folder)
  (c) the rebuild after editing one project's title (and checks the edit is shown),
      and (c0) a rebuild with nothing changed: the fixed cost of a run
  (d) the same entities hand-written as sphinx-needs directives, one page per programme,
      the way a user would write them (sphinx-build), and (d') its rebuild after the same
      edit on the programme page that holds the project
  (e) the same pages without sphinx-needs (plain MyST headings and field lists)

and prints the ratios the targets are stated in. ``--write-results`` writes
``bench/RESULTS.md`` with the machine, versions and the command. This is a benchmark, not
a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
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


@dataclass
class Timing:
    seconds: float
    peak_mib: float


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Timing:
    """Wall time and peak RSS of one command (and its children) in a fresh process."""
    with tempfile.TemporaryFile(mode="w+") as log:  # a file, not a pipe: a full pipe would block
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise SystemExit(f"failed: {' '.join(cmd)}\n{log.read()[-3000:]}")
    return Timing(elapsed, usage.ru_maxrss / 1024)


# -- the hand-written comparison projects (d) and (e) ----------------------------------------------
def _esc(text: str) -> str:
    return text.replace("\n", " ")


def write_handwritten(data: Path, out: Path, with_needs: bool) -> None:
    """One MyST page per programme with every entity of it, as a user would write them."""
    from livinghandbook.validate import validate_folder

    m = validate_folder(data).model
    assert m is not None
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    ext = '"sphinx_needs", ' if with_needs else ""
    needs_conf = """
needs_types = [dict(directive=d, title=t, prefix="", color="#ffffff", style="node") for d, t in
               [("program", "Program"), ("projekt", "Projekt"), ("leverance", "Leverance"),
                ("gevinst", "Gevinst"), ("indikator", "Indikator"), ("maal", "Mål"), ("person", "Person")]]
needs_links = {"part_of": {"outgoing": "del af", "incoming": "indeholder"},
               "enabled_by": {"outgoing": "muliggøres af", "incoming": "muliggør"},
               "goals": {"outgoing": "understøtter", "incoming": "understøttes af"}}
needs_id_regex = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
needs_table_style = "TABLE"
""" if with_needs else ""
    (out / "conf.py").write_text(f'project = "Benchmark"\nlanguage = "da"\nextensions = ["myst_parser", {ext}]\n'
                                 f'html_theme = "alabaster"\n{needs_conf}', encoding="utf-8")

    def item(kind: str, ident: str, title: str, fields: dict[str, str | list[str]], body: str) -> str:
        if with_needs:
            opts = "".join(f":{k}: {', '.join(v) if isinstance(v, list) else v}\n" for k, v in fields.items() if v)
            return f"```{{{kind}}} {_esc(title)}\n:id: {ident}\n{opts}\n{body}\n```\n\n"
        rows = "".join(f"{k}\n: {', '.join(v) if isinstance(v, list) else v}\n\n" for k, v in fields.items() if v)
        return f"### {_esc(title)} ({ident})\n\n{rows}{body}\n\n"

    pages = []
    for p in m.programmes:
        text = [f"# {_esc(p.title)}\n\n", item("program", p.id, p.title, {"goals": [g.id for g in p.goals]}, p.purpose)]
        for pr in p.projects:
            text.append(item("projekt", pr.id, pr.title, {"part_of": p.id}, pr.purpose + "\n\n"
                             + "\n".join(f"- {c}" for c in pr.success_criteria)))
            for d in pr.deliverables:
                text.append(item("leverance", d.id, d.title, {"part_of": pr.id}, d.title))
        for b in p.benefits:
            text.append(item("gevinst", b.id, b.title, {"enabled_by": [e.id for e in b.enablers],
                                                        "goals": [g.id for g in b.goals]}, b.description or b.title))
            for i in b.indicators:
                text.append(item("indikator", i.id, i.title, {"part_of": b.id},
                                 f"{i.indicator_kind}: {i.baseline.value if i.baseline else ''} → "
                                 f"{i.target.value if i.target else ''}"))
        (out / f"{p.id}.md").write_text("".join(text), encoding="utf-8")
        pages.append(p.id)
    goals = ["# Mål\n\n"] + [item("maal", g.id, g.title, {}, g.description or g.title) for g in m.goals]
    people = ["# Personer\n\n"] + [item("person", x.id, x.name, {}, x.title) for x in m.people]
    (out / "maal.md").write_text("".join(goals), encoding="utf-8")
    (out / "personer.md").write_text("".join(people), encoding="utf-8")
    toc = "\n".join(pages + ["maal", "personer"])
    (out / "index.md").write_text(f"# Benchmark\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n", encoding="utf-8")


# -- one size -----------------------------------------------------------------------------------
def run_size(work: Path, programmes: int, projects: int, benefits: int, jobs: str) -> dict[str, object]:
    data = work / "data"
    counts = generate(data, programmes, projects, benefits)
    entities = sum(counts.values())
    build_dir = work / "_build"
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(build_dir))
    handbook = str(BIN / "handbook")
    results: dict[str, object] = {"size": f"{programmes}×{projects}×{benefits}", "entities": entities, **counts}

    results["validate"] = timed([handbook, "validate", str(data), "--today", TODAY], env)
    results["full"] = timed([handbook, "build", str(data), "--today", TODAY, "-j", jobs], env)

    target = data / "p-001.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("title: Projekt 1.1\n", "title: Projekt 1.1 (rettet)\n", 1), encoding="utf-8")
    results["rebuild"] = timed([handbook, "build", str(data), "--today", TODAY, "-j", jobs], env)
    page = (build_dir / "bench" / "html" / "projekt" / "PR-1-1.html").read_text(encoding="utf-8")
    results["edit_shown"] = "Projekt 1.1 (rettet)" in page
    results["noop"] = timed([handbook, "build", str(data), "--today", TODAY, "-j", jobs], env)

    for key, with_needs in (("needs", True), ("plain", False)):
        src = work / f"hand-{key}"
        write_handwritten(data, src, with_needs)
        command = [str(BIN / "sphinx-build"), "-q", "-b", "html", "-j", jobs, "-d",
                   str(work / f"doctrees-{key}"), str(src), str(work / f"out-{key}")]
        results[key] = timed(command)
        if with_needs:
            first = src / "P-1.md"
            first.write_text(first.read_text(encoding="utf-8").replace("Projekt 1.1 (rettet)", "Projekt 1.1 (igen)"),
                             encoding="utf-8")
            results["needs_rebuild"] = timed(command)
    return results


def versions() -> str:
    from importlib.metadata import version
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    return ", ".join(f"{name} {version(name)}" for name in ("sphinx", "sphinx-needs", "myst-parser", "PyYAML",
                                                            "jsonschema-rs", "leather")) + f", {dot}"


def report(rows: list[dict[str, object]], command: str) -> str:
    lines = [
        "| size | entities | validate | full build (b) | rebuild (c) | no-op (c0) | sphinx-needs by hand (d) "
        "| its rebuild (d') | plain pages (e) | b/d | b/e | c/b | c/d' | peak memory (b) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        v, b, c, c0, d, d2, e = (r[k] for k in ("validate", "full", "rebuild", "noop", "needs", "needs_rebuild", "plain"))
        lines.append(f"| {r['size']} | {r['entities']:,} | {v.seconds:.2f} s | {b.seconds:.1f} s | "  # type: ignore[union-attr]
                     f"{c.seconds:.1f} s{'' if r['edit_shown'] else ' (edit NOT shown)'} | {c0.seconds:.1f} s | "  # type: ignore[union-attr]
                     f"{d.seconds:.1f} s | {d2.seconds:.1f} s | {e.seconds:.1f} s | "  # type: ignore[union-attr]
                     f"{b.seconds / d.seconds:.2f} | {b.seconds / e.seconds:.2f} | "  # type: ignore[union-attr]
                     f"{c.seconds / b.seconds:.2f} | {c.seconds / d2.seconds:.2f} | {b.peak_mib:.0f} MiB |")  # type: ignore[union-attr]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50", help="programme counts, comma-separated (e.g. 10,25,50)")
    ap.add_argument("--projects", type=int, default=20)
    ap.add_argument("--benefits", type=int, default=3)
    ap.add_argument("--jobs", default="1")
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
            print(f"== {size} programmes × {args.projects} projects × {args.benefits} benefits", flush=True)
            rows.append(run_size(Path(tmp), size, args.projects, args.benefits, args.jobs))
            print(report(rows[-1:], ""), flush=True)
    command = " ".join(["bench/run.py", *sys.argv[1:]])
    table = report(rows, command)
    print(table)
    if args.write_results:
        machine = (f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
                   f"{platform.platform()}, Python {platform.python_version()}")
        (REPO / "bench" / "RESULTS.generated.md").write_text(
            f"Run {dt.date.today().isoformat()} on {machine}\n\nVersions: {versions()}\n\n"
            f"Command: `.venv/bin/python {command}`\n\n{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
