"""What the data's git history costs a build (issue 17).

    .venv/bin/python bench/history_bench.py [--commits 100] [--runs 3] [--git-backends]

Makes a repository with the 10×20×3 synthetic municipality (``generate.py``) in a folder
inside it, a first commit outside the 90-day window and then ``--commits`` commits that
each edit a few entities (statuses, targets, a measurement; every fifth a new project
leader, some add or remove a project), all with fixed dates and author. Then times, each
in a fresh process and an empty build folder:

  (a) ``handbook build`` of the folder in the repository (history of every commit);
  (b) the same build of a copy of the folder outside git (no history: the baseline);

and, in this process, the history alone: cold (no cache), warm (every commit cached), and
after one more commit (only it is read). ``--git-backends`` also times reading every file
of every version with the git CLI, dulwich and pygit2 (when installed), the measurement
behind the choice of the git CLI. A benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = dt.date(2026, 11, 28)
START = dt.datetime(2026, 9, 1, 9, 0)


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Digitaliseringskonsulenten", GIT_AUTHOR_EMAIL="dk@example.invalid",
               GIT_COMMITTER_NAME="Digitaliseringskonsulenten", GIT_COMMITTER_EMAIL="dk@example.invalid")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


class _TextDates(yaml.SafeLoader):
    """Dates stay text, as the generator wrote them (a re-dump must change only the edit)."""


_TextDates.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                      for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)  # noqa: S506 - a SafeLoader


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def edit(data: dict[Path, dict], i: int) -> str:
    """One commit's edits (a few entities); returns the commit message."""
    names = sorted(data)
    path = names[1 + i % (len(names) - 1)]  # a programme file (00-kommune.yaml is first)
    doc = data[path]
    project = doc["projects"][i % len(doc["projects"])]
    project["status"]["rag"] = {"green": "amber", "amber": "red", "red": "green"}[project["status"]["rag"]]
    indicator = doc["benefits"][(i * 7) % len(doc["benefits"])]["indicators"][0]
    indicator["target"]["value"] = 60 + (indicator["target"]["value"] + 7) % 40
    what = "status og mål"
    if i % 4 == 1:
        indicator["measurements"].append({"date": (START + dt.timedelta(days=i)).date().isoformat(), "value": 40 + i % 30})
        what += ", ny måling"
    if i % 5 == 0:
        leaders = [p["id"] for p in doc["people"]]
        current = project["roles"]["projektleder"]
        project["roles"]["projektleder"] = leaders[(leaders.index(current) + 1) % len(leaders)]
        what += ", ny projektleder"
    programme = doc["programmes"][0]["id"]
    if i % 10 == 3:
        new_id = f"PR-{programme}-N{i}"
        doc["projects"].append({**copy.deepcopy(project), "id": new_id, "title": f"Nyt projekt {i}",
                                "deliverables": [{"id": f"D-N{i}", "title": f"Leverance {i}"}]})
        what += ", nyt projekt"
    if i % 10 == 7:
        added = [p for p in doc["projects"] if "-N" in p["id"]]
        if added:
            doc["projects"].remove(added[0])
            what += ", projekt fjernet"
    _dump(path, doc)
    return f"Opdatering {i + 1}: {what}"


def make_repo(root: Path, commits: int, programmes: int = 10, projects: int = 20, benefits: int = 3) -> Path:
    """The repository; returns the data folder inside it."""
    folder = root / "kommuner" / "bench"
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    generate(folder, programmes, projects, benefits)
    (root / "README.md").write_text("Et repository med mere end kommunens data.\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Første udgave", when="2026-05-01T10:00:00+02:00")
    data = {p: _load(p) for p in sorted(folder.glob("*.yaml"))}
    for i in range(commits):
        message = edit(data, i)
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", message, when=(START + dt.timedelta(hours=16 * i)).isoformat() + "+02:00")
    _git(root, "gc", "-q")
    return folder


def timed_build(folder: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and its children) of one cold build. CPU time
    is the steadier measure on a shared machine; on an idle one the two agree closely."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(out))
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "handbook"), "build", str(folder), "--today", TODAY.isoformat()], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {folder} failed")
    return wall, usage.ru_utime + usage.ru_stime


def history_alone(folder: Path, cache: Path) -> tuple[float, float, float, int]:
    from livinghandbook.history.compute import compute_history

    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    history = compute_history(folder, TODAY, 90, cache_dir=cache)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    compute_history(folder, TODAY, 90, cache_dir=cache)
    warm = time.perf_counter() - start
    data = {p: _load(p) for p in sorted(folder.glob("*.yaml"))}
    _git(folder, "commit", "-qam", edit(data, 1001), when="2026-11-27T12:00:00+01:00")
    start = time.perf_counter()
    compute_history(folder, TODAY, 90, cache_dir=cache)
    one_more = time.perf_counter() - start
    _git(folder, "reset", "-q", "--hard", "HEAD~1")
    return cold, warm, one_more, len(history.versions)


def git_backends(repo: Path, prefix: str) -> dict[str, float]:
    """Read every *.yaml file of every version of the folder, three ways (best of 3)."""
    from livinghandbook.history.gitrepo import Objects, locate, versions

    def cli() -> int:
        r = locate(repo / prefix)
        commits = [c.id for c in versions(r)]
        with Objects(r) as objects:
            return sum(len(objects.read(b)[1]) for c in commits for b in objects.files(c).values())  # type: ignore[index]

    def pygit2_read() -> int:
        import pygit2  # type: ignore[import-not-found]
        r = pygit2.Repository(str(repo))
        commit, total = r.head.peel(pygit2.Commit), 0
        while commit is not None:
            tree = commit.tree[prefix]
            parent = commit.parents[0].tree[prefix] if commit.parents else None
            if parent is None or parent.id != tree.id:
                total += sum(len(r[e.id].data) for e in r[tree.id] if e.name.endswith(".yaml"))
            commit = commit.parents[0] if commit.parents else None
        return total

    def dulwich_read() -> int:
        from dulwich.repo import Repo  # type: ignore[import-not-found]
        r = Repo(str(repo))
        commit, total = r[r.head()], 0
        path = prefix.encode()
        while True:
            tree = r.object_store[commit.tree].lookup_path(r.object_store.__getitem__, path)[1]
            parent = (r.object_store[r[commit.parents[0]].tree].lookup_path(r.object_store.__getitem__, path)[1]
                      if commit.parents else None)
            if tree != parent:
                total += sum(len(r[e.sha].data) for e in r[tree].items() if e.path.endswith(b".yaml"))
            if not commit.parents:
                return total
            commit = r[commit.parents[0]]

    results: dict[str, float] = {}
    for name, read in (("git CLI", cli), ("pygit2", pygit2_read), ("dulwich", dulwich_read)):
        try:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                read()
                times.append(time.perf_counter() - start)
            results[name] = min(times)
        except ImportError:
            continue
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commits", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--git-backends", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="history-bench-") as tmp:
        root = Path(tmp) / "repo"
        folder = make_repo(root, args.commits)
        plain = Path(tmp) / "plain" / "bench"
        shutil.copytree(folder, plain)
        with_history: list[tuple[float, float]] = []
        without: list[tuple[float, float]] = []
        for _ in range(args.runs):  # alternated, so that load on the machine hits both alike
            without.append(timed_build(plain, Path(tmp) / "out-plain"))
            with_history.append(timed_build(folder, Path(tmp) / "out-git"))
        cold, warm, one_more, count = history_alone(folder, Path(tmp) / "cache")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"load average {os.getloadavg()[0]:.2f}")
        print(f"history: {count} versions in the window, {args.commits} commits")
        for what, index in (("wall", 0), ("CPU", 1)):
            b = statistics.median(t[index] for t in without)
            a = statistics.median(t[index] for t in with_history)
            print(f"cold HTML build, {what} time: without history (folder outside git) median {b:.2f} s "
                  f"{[round(t[index], 2) for t in without]}; with history median {a:.2f} s "
                  f"{[round(t[index], 2) for t in with_history]}; added {a - b:+.2f} s = {100 * (a - b) / b:+.0f} %")
        print(f"history alone: cold {cold:.2f} s, warm (cached) {warm:.3f} s, after one more commit {one_more:.3f} s")
        if args.git_backends:
            for name, seconds in git_backends(root, "kommuner/bench").items():
                print(f"read every file of every version with {name}: {1000 * seconds:.0f} ms")


if __name__ == "__main__":
    main()
