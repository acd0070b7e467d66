"""One build of a municipality's output at a time, per output format.

Two builds of the same format would share Sphinx's work folder (and race on files such
as ``searchindex.js.tmp``); builds of different formats have work folders of their own
and run side by side. The second build of a format waits for the first, and says so.
The lock is an ``flock`` on a file in the work folder: the system releases it when the
process ends, however it ends, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive(lock_file: Path, what: str) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"En anden bygning af {what} er i gang; venter på, at den bliver færdig …", file=sys.stderr,
                  flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
