"""Output files made in the background while Sphinx goes on reading and writing.

Diagrams wait for ``dot`` (a separate process); on two cores that can overlap with
Sphinx's Python work. Jobs are keyed by their output file: a file is made once per
process however many pages show it, files are moved into place atomically (a reader
never sees half a file), and an existing file is never remade (names are content
hashes). ``wait`` is for the page writer that embeds the file; ``wait_all`` runs at the
end of the build, so nothing is left half done.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

_pool: ThreadPoolExecutor | None = None
_jobs: dict[Path, Future[None]] = {}
_listed: dict[Path, set[str]] = {}
_reporters: dict[Path, Callable[[Exception], None]] = {}  # who reports a failed job at the end
_main_pid = os.getpid()


def in_main_process() -> bool:
    """False in the processes a parallel build forks: their threads end with them."""
    return os.getpid() == _main_pid


def _existing(folder: Path) -> set[str]:
    """Names in an output folder, listed once per process (thousands of charts would
    otherwise be a ``stat`` each); files made here are added as they are made."""
    names = _listed.get(folder)
    if names is None:
        names = _listed[folder] = {e.name for e in os.scandir(folder)} if folder.is_dir() else set()
    return names


def forget_listings(*_args: object) -> None:
    """``builder-inited``: folders may have changed between builds of one process."""
    _listed.clear()


def wanted(path: Path) -> bool:
    """True when the file exists or is being made."""
    return path in _jobs or path.name in _existing(path.parent)


def note_made(path: Path) -> None:
    _existing(path.parent).add(path.name)


def make(paths: list[Path], job: Callable[[], None], on_error: Callable[[Exception], None] | None = None) -> None:
    """Start one job making ``paths``, unless they all exist or are being made. A job
    nobody waits for (``wait``) reports its failure through ``on_error`` at the end."""
    global _pool
    if all(wanted(path) for path in paths):
        return
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="handbook")
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    future = _pool.submit(job)
    for path in paths:
        _jobs[path] = future
        if on_error is not None:
            _reporters[path] = on_error


def wait(path: Path) -> bool:
    """Wait for ``path`` if it is being made here (re-raising the job's error); False if
    no job of this process makes it (then the caller checks the file itself). A job that
    failed leaves no file, and the name is forgotten, so it is made again when asked."""
    job = _jobs.pop(path, None)
    _reporters.pop(path, None)
    if job is None:
        return False
    try:
        job.result()
    finally:
        if path.is_file():
            note_made(path)
        else:
            _existing(path.parent).discard(path.name)
    return True


def wait_all(*_args: object) -> None:
    """``build-finished``: finish every job. A failure is reported by whoever asked for it
    to be (``on_error``); others were reported by the page writer that waited for them."""
    for path in list(_jobs):
        report = _reporters.get(path)
        try:
            wait(path)
        except Exception as exc:  # noqa: BLE001 - reported below or by the page writer
            if report is not None:
                report(exc)


IMAGE_PREFIXES = ("diagram-", "chart-")


def remove_unused(folder: Path, shown: set[str]) -> None:
    """Delete our diagram and chart files that no page shows any more (an edited or removed
    entity's old drawing would otherwise stay on the site, with links to pages that may be
    gone)."""
    for path in folder.glob("*.svg") if folder.is_dir() else []:
        if path.name.startswith(IMAGE_PREFIXES) and path.name not in shown:
            path.unlink(missing_ok=True)
    _listed.pop(folder, None)


