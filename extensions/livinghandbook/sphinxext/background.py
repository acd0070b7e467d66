"""Output files made in the background while Sphinx goes on reading and writing.

Diagrams wait for ``dot`` (a separate process) and charts for the disk; on two cores
both can overlap with Sphinx's Python work. Jobs are keyed by their output file: a file
is made once per process however many pages show it, files are moved into place
atomically (a reader never sees half a file), and an existing file is never remade
(names are content hashes). ``wait`` is for a page writer that embeds the file;
``wait_all`` runs at the end of the build, so nothing is left half done.
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


def _existing(folder: Path) -> set[str]:
    """Names in an output folder, listed once per process (thousands of charts would
    otherwise be a ``stat`` each); files made here are added as they are started."""
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


def make(paths: Path | list[Path], job: Callable[[], None]) -> None:
    """Start one job making ``paths`` (a file or several), unless they exist or are being made."""
    global _pool
    paths = [paths] if isinstance(paths, Path) else paths
    if all(wanted(path) for path in paths):
        return
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="handbook")
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    future = _pool.submit(job)
    for path in paths:
        _jobs[path] = future
        _existing(path.parent).add(path.name)


def wait(path: Path) -> bool:
    """Wait for ``path`` if it is being made here (re-raising the job's error); False if
    no job of this process makes it (then the caller checks the file itself)."""
    job = _jobs.pop(path, None)
    if job is None:
        return False
    job.result()
    return True


def wait_all(*_args: object) -> None:
    """Finish every job (connected to ``build-finished``); errors were reported by ``wait``
    or are reported by the page writer that needs the file."""
    for path in list(_jobs):
        try:
            wait(path)
        except Exception:  # noqa: BLE001 - the writer of the page reports it
            pass


IMAGE_PREFIXES = ("diagram-", "chart-")


def remove_unused(app: Any, exception: BaseException | None) -> None:
    """``build-finished``: delete our diagram and chart files that no page shows any more
    (an edited or removed entity's old drawing would otherwise stay on the site, with
    links to pages that may be gone). Each page notes its files when it is read or
    generated, so pages not read in this build still count."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    domain = app.env.get_domain("handbook")
    shown = {name for names in domain.images.values() for name in names}
    shown |= getattr(domain, "generated_images", set())
    folder = Path(app.outdir) / app.builder.imagedir
    for path in folder.glob("*.svg") if folder.is_dir() else []:
        if path.name.startswith(IMAGE_PREFIXES) and path.name not in shown:
            path.unlink(missing_ok=True)
    _listed.pop(folder, None)
