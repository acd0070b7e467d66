"""``handbook build``: validate, stage the handbook sources, run Sphinx.

Data errors stop the build before anything is written. The handbook sources are
staged per municipality in ``_build/<id>/src`` (a file is rewritten only when its
content changed, so Sphinx's incremental build sees real changes only); doctrees go
to ``_build/<id>/doctrees``, outside the published folder.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import html
import shutil
import sys
from io import StringIO
from pathlib import Path
from typing import IO

from . import paths
from .findings import Severity
from .validate import validate_folder

# Folders in the staged sources that the extension writes; syncing keeps them.
GENERATED = ("program", "projekt", "rolle", "_charts")


class _Tee(StringIO):
    """Keeps Sphinx's warnings (to count them) and passes them on to the terminal."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text)
        return super().write(text)


def sync_tree(source: Path, target: Path, keep: tuple[str, ...] = ()) -> None:
    """Make ``target`` a copy of ``source``, touching only files whose content differs."""
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if any(part.startswith((".", "__pycache__")) for part in rel.parts):
            continue
        wanted.add(rel)
        dest = target / rel
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        elif not dest.exists() or not filecmp.cmp(path, dest, shallow=False):
            shutil.copyfile(path, dest)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if rel in wanted or (rel.parts and rel.parts[0] in keep):
            continue
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        else:
            path.unlink()


def build(folder: Path, fmt: str = "html", today: dt.date | None = None, strict: bool = False,
          jobs: str = "1") -> int:
    validation = validate_folder(folder, today=today)
    if validation.model is None:
        for finding in validation.findings:
            print(finding.format_line(), file=sys.stderr)
        print(f"Bygningen er stoppet: data i {folder} har fejl (intet er skrevet).", file=sys.stderr)
        return 1
    m = validation.model
    out_root = paths.build_root() / m.id
    src = out_root / "src"
    sync_tree(paths.handbook_dir(), src, keep=GENERATED)

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # Sphinx escapes `html_title`, but themes put `project` into pages as raw HTML
    # (alabaster's sidebar does): escape it here, once. (Found by the hostile-text test.)
    title = f"{m.name}: projektmodel-håndbog"
    overrides = {
        "project": html.escape(title),
        "html_title": title,
        "handbook_data_dir": str(folder.resolve()),
        "handbook_roles_dir": str(paths.roles_dir()),
        "handbook_today": today.isoformat() if today else "",
    }
    warnings = _Tee(sys.stderr)
    parallel = 0 if jobs == "auto" else int(jobs)
    with patch_docutils(src), docutils_namespace():
        app = Sphinx(src, src, out_root / fmt, out_root / "doctrees", fmt, confoverrides=overrides,
                     status=sys.stdout, warning=warnings, parallel=parallel if jobs != "auto" else 2, keep_going=True)
        app.build()
    print(f"Håndbogen er skrevet til {out_root / fmt / 'index.html'}")
    if any(f.severity is Severity.ERROR for f in validation.findings) or app.statuscode:
        return 1
    if strict and warnings.getvalue().strip():
        return 1
    return 0
