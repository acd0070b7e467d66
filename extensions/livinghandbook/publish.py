"""Publishing a build atomically: a reader sees the complete old output or the complete new
one, at every instant, whatever happens to the build.

Sphinx writes into its work folder (``.work/<builder>/out``). ``publish_tree`` makes a
fresh folder beside the published one and fills it with hard links, which cost almost
nothing (copying the 5,000 files of a large handbook took ~3 s here; linking them 0.05 s).
A hard link is safe only for a file that is never rewritten in place, because the
published site would change with it: ``linkable`` names those — the pages (Sphinx's HTML
writer replaces a page by writing a new file: ``sphinxext/fresh_output.py`` removes the old
one first), our drawings and the search index (written to a temporary file and moved into
place). Every other file (static assets, images Sphinx copies, ``objects.inv``: Sphinx
rewrites them in place) is linked to the *published* copy when unchanged (same size and
modification time, which ``copy2`` keeps) and copied otherwise. The fresh folder then
changes places with the published one in one ``renameat2(RENAME_EXCHANGE)`` system call
(Linux ≥ 3.15), and the old one is deleted.

Where the exchange is not available, the two renames it replaces leave a moment without
a published folder; a build killed in that moment leaves the old folder under a hidden
name, and the next build puts it back first (``recover``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_libc: ctypes.CDLL | None = None


def _renameat2() -> Callable[..., int] | None:
    global _libc
    if _libc is None:
        name = ctypes.util.find_library("c")
        if name is None:
            return None
        _libc = ctypes.CDLL(name, use_errno=True)
    return getattr(_libc, "renameat2", None)


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when the system cannot."""
    call = _renameat2()
    if call is None:
        return False
    result = call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # the file system or kernel cannot
        return False
    raise OSError(err, os.strerror(err), str(a))


def _fresh(published: Path) -> Path:
    return published.with_name(f".{published.name}.new")


def _old(published: Path) -> Path:
    return published.with_name(f".{published.name}.old")


def recover(published: Path) -> None:
    """Undo what a build killed while publishing left: put a lone old folder back, and
    delete half-made fresh folders."""
    old = _old(published)
    if old.exists() and not published.exists():
        old.rename(published)
    for leftover in (_fresh(published), old):
        shutil.rmtree(leftover, ignore_errors=True)


def _unchanged(source: os.stat_result, published: Path) -> bool:
    try:
        mine = published.stat()
    except OSError:
        return False
    return (stat.S_ISREG(mine.st_mode) and mine.st_size == source.st_size
            and mine.st_mtime_ns == source.st_mtime_ns)


def _fill(built: Path, fresh: Path, published: Path, skip: Callable[[str], bool],
          linkable: Callable[[str], bool]) -> None:
    for root, dirs, files in os.walk(built):
        rel = Path(root).relative_to(built)
        dirs[:] = sorted(d for d in dirs if not skip(d))
        (fresh / rel).mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            if skip(name):
                continue
            source = Path(root) / name
            target = fresh / rel / name
            if linkable((rel / name).as_posix()):
                os.link(source, target)
            elif _unchanged(source.stat(), published / rel / name):
                os.link(published / rel / name, target)
            else:
                shutil.copy2(source, target)


def publish_tree(built: Path, published: Path, skip: Callable[[str], bool] = lambda _name: False,
                 linkable: Callable[[str], bool] = lambda _path: False) -> None:
    """Replace ``published`` with ``built`` (names for which ``skip`` is true left out),
    atomically; ``linkable`` (a path relative to ``built``) says which files are never
    rewritten in place and may be hard-linked to (see the module doc)."""
    recover(published)
    fresh = _fresh(published)
    _fill(built, fresh, published, skip, linkable)
    if not published.exists():
        fresh.rename(published)
        return
    if exchange(fresh, published):
        shutil.rmtree(fresh, ignore_errors=True)  # now the old site
        return
    old = _old(published)
    published.rename(old)
    fresh.rename(published)
    shutil.rmtree(old, ignore_errors=True)

