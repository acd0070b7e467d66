"""One validation per build: the municipality's validated data, cached in this process.

``handbook build`` validates before starting Sphinx, and Sphinx's ``builder-inited``
then asks again (``sphinxext/state.py``); both get the same object instead of reading
every file twice (1.3 s at 1,000 projects). Results are cached by the data files' and
role files' stamps (path, mtime, ctime, size: ``data/files.py``), the way
sphinxcontrib-bibtex caches its bibliography files: a changed file is always re-read,
an unchanged one never is. A folder that cannot be listed is never cached (the
validation reports why). Nothing here depends on Sphinx.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import lru_cache
from pathlib import Path

from . import paths
from .data.files import data_files, file_stamp, folder_stamp
from .validate import Validation, validate_folder

Stamp = tuple[object, ...]


def cached_validation(folder: str, today: str, roles: str) -> Validation:
    """Validate, or return the validation of the same files (by stamp) made earlier in
    this process."""
    data = folder_stamp(Path(folder))
    role_files = folder_stamp(Path(roles)) if roles else ()
    if data is None or role_files is None:
        return _validate.__wrapped__(folder, today, roles, ())
    return _validate(folder, today, roles, (data, role_files))


@lru_cache(maxsize=4)
def _validate(folder: str, today: str, roles: str, _stamp: Stamp) -> Validation:
    return validate_folder(Path(folder), today=dt.date.fromisoformat(today) if today else None,
                           roles_dir=Path(roles) if roles else None, cache_root=paths.build_root() / ".cache" / "yaml")


@lru_cache(maxsize=8)
def data_date(folder: Path) -> dt.date | None:
    """The date the data last changed: its last git commit, else the newest data file."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=folder,
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        if out:
            return dt.date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    files, _refused = data_files(folder)
    stamps = [file_stamp(path)[1] for path in files]
    newest = max((s for s in stamps if s >= 0), default=None)
    return dt.date.fromtimestamp(newest / 1e9) if newest is not None else None
