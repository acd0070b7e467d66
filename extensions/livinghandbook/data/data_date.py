"""The date a municipality's data last changed: its last git commit, else its newest file."""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def data_date(folder: Path) -> dt.date | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=folder,
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        if out:
            return dt.date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    stamps = []
    for path in folder.glob("*.yaml"):
        try:
            stamps.append(path.stat().st_mtime)
        except OSError:  # a dangling link or an unreadable file: validation reports it
            continue
    return dt.date.fromtimestamp(max(stamps)) if stamps else None
