"""``handbook build``: validate, stage the handbook sources, run Sphinx, publish.

Layout under ``_build/<municipality id>/``:

* ``.work/<builder>/``  one work folder per Sphinx builder, kept between builds for
                        incremental builds: ``src/`` (the staged handbook sources plus the
                        generated stubs; a file is rewritten only when its content changed),
                        ``out/`` (Sphinx's output), ``doctrees/``, a ``lock`` (one build of a
                        builder at a time, ``buildlock.py``) and, while a build runs, an
                        ``incomplete`` marker (a build that was killed leaves it, and the next
                        build then writes every page again instead of trusting half-written
                        output);
* ``html/``, ``json/``  the published output, replaced atomically after a successful build
                        (``publish.py``): a failed or killed build leaves the previous output
                        complete.

Data errors stop the build before anything is written. Nothing is ever written into the
data folder.
"""

from __future__ import annotations

import datetime as dt
import errno
import filecmp
import html
import os
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import IO, Any

from . import paths
from .buildlock import exclusive
from .export import model_to_json
from .fileio import write_text_if_changed
from .findings import Severity
from .gcpause import collector_paused
from .model.entities import Municipality
from .publish import publish_tree
from .sphinxext.background import IMAGE_PREFIXES
from .validate import Validation

# Folders in the staged sources that the extension writes; syncing keeps them.
GENERATED = ("program", "projekt", "rolle", "person", "_charts")
# Files Sphinx or sphinx-needs leave in the output that do not belong on a website.
# permalink.html: sphinx-needs always writes it (no setting turns it off), an English page
# loading a needs.json the HTML build does not have.
NOT_PUBLISHED = {"schema_violations.json", ".buildinfo", ".buildinfo.bak", ".doctrees", "permalink.html"}
BUILDERS = {"html": "html", "json": "needs", "pdf": "handbookpdf"}


@dataclass(frozen=True)
class Workspace:
    """The folders of one builder's build of one municipality."""

    root: Path  # _build/<municipality id>
    builder: str

    @property
    def work(self) -> Path:
        return self.root / ".work" / self.builder

    @property
    def src(self) -> Path:
        return self.work / "src"

    @property
    def out(self) -> Path:
        return self.work / "out"

    @property
    def doctrees(self) -> Path:
        return self.work / "doctrees"

    @property
    def incomplete(self) -> Path:
        return self.work / "incomplete"


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


def run_sphinx(validation: Validation, ws: Workspace, today: dt.date | None, jobs: str,
               extra: dict[str, Any] | None = None) -> tuple[int, str]:
    """Run one Sphinx builder on the staged sources; return (status, warnings text).
    After a build that did not finish (``ws.incomplete``), every page is written again."""
    from sphinx.application import Sphinx
    from sphinx.util.console import color_terminal, nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from .sphinxext.generated_pages import STORE

    if not color_terminal():  # as sphinx-build does: no escape codes in CI logs or files
        nocolor()
    m = validation.model
    assert m is not None
    sync_tree(paths.handbook_dir(), ws.src, keep=GENERATED)
    title = f"{m.name}: projektmodel-håndbog"
    overrides: dict[str, Any] = {
        # Sphinx escapes `html_title`, but themes put `project` into pages as raw HTML
        # (alabaster's sidebar does): escape it here, once. (Found by the hostile-text test.)
        "project": html.escape(title),
        "html_title": title,
        "handbook_data_dir": str(validation.folder),  # as validated: the same cached validation
        "handbook_roles_dir": str(paths.roles_dir()),
        "handbook_today": today.isoformat() if today else "",
        **(extra or {}),
    }
    redo = ws.incomplete.exists()
    if redo:  # the last build was killed or failed while writing: trust none of its output
        (ws.doctrees / STORE).unlink(missing_ok=True)
    ws.incomplete.write_text("", encoding="utf-8")
    warnings = _Tee(sys.stderr)
    parallel = (os.cpu_count() or 1) if jobs == "auto" else int(jobs)
    with patch_docutils(ws.src), docutils_namespace():
        app = Sphinx(ws.src, ws.src, ws.out, ws.doctrees, ws.builder, confoverrides=overrides, status=sys.stdout,
                     warning=warnings, parallel=parallel if parallel > 1 else 0, keep_going=True)
        app.build(force_all=redo)
    return app.statuscode, warnings.getvalue()


def build(folder: Path, fmt: str = "html", today: dt.date | None = None, strict: bool = False,
          jobs: str = "1", validation: Validation | None = None, print_detail: str = "auto") -> int:
    """Build one handbook; ``validation`` may be passed in when the caller already has it.
    ``print_detail``: how much of a large portfolio the PDF prints (``sphinxext/print_trim.py``)."""
    with collector_paused():
        try:
            return _build(folder, fmt, today, strict, jobs, validation, print_detail)
        except KeyboardInterrupt:
            print("Bygningen blev afbrudt; den forrige udgave er ikke ændret.", file=sys.stderr)
            return 1
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message, never a traceback
            print(f"Bygningen fejlede: {describe_failure(exc)}. Den forrige udgave er ikke ændret.", file=sys.stderr)
            return 1


def describe_failure(exc: BaseException) -> str:
    """A Danish sentence for why a build failed: the file system's reason and the path for
    an ``OSError`` anywhere in the chain (Sphinx wraps its handlers' errors), else the
    error's own text; the traceback goes to a log file for developers."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            reasons = {errno.ENOSPC: "disken er fuld", errno.EDQUOT: "disken er fuld",
                       errno.EACCES: "ingen adgang", errno.EPERM: "ingen adgang", errno.EROFS: "skrivebeskyttet",
                       errno.EFBIG: "filen er for stor til disken"}
            reason = reasons.get(seen.errno or 0, seen.strerror or str(seen))
            where = f" ({seen.filename})" if seen.filename else ""
            return f"{reason}{where}"
        seen = getattr(seen, "orig_exc", None) or seen.__cause__ or seen.__context__
    log = paths.build_root() / "fejl.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return f"{type(exc).__name__}: {exc} (detaljer for udviklere i {log})"
    except OSError:
        return f"{type(exc).__name__}: {exc}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _build(folder: Path, fmt: str, today: dt.date | None, strict: bool, jobs: str,
           validation: Validation | None, print_detail: str = "auto") -> int:
    if fmt == "xlsx":  # no Sphinx: validate and write the workbook (issue 16)
        from .xlsx.export import build_xlsx
        return build_xlsx(folder, today, strict, validation)
    from .validation_cache import cached_validation

    validation = validation or cached_validation(str(folder), today.isoformat() if today else "",
                                                 str(paths.roles_dir()))
    if validation.model is None:
        for finding in validation.findings:
            print(finding.format_line(), file=sys.stderr)
        print(f"Bygningen er stoppet: data i {folder} har fejl (intet er skrevet).", file=sys.stderr)
        return 1
    if _inside(paths.build_root(), folder):
        print(f"Byggemappen {paths.build_root()} ligger i datamappen {folder}; håndbogen skriver aldrig i "
              "datamappen. Vælg en anden byggemappe (HANDBOOK_BUILD_DIR).", file=sys.stderr)
        return 1
    m = validation.model
    ws = Workspace(paths.build_root() / m.id, BUILDERS[fmt])
    with exclusive(ws.work / "lock", f"{m.id} ({fmt})"):
        extra = {"handbook_print_detail": print_detail, "handbook_print_pdf": False} if fmt == "pdf" else None
        status, warnings = run_sphinx(validation, ws, today, jobs, extra)
        if status:
            print("Sphinx-bygningen fejlede; den forrige udgave er ikke ændret.", file=sys.stderr)
            return 1
        problems = _publish(fmt, ws, m, validation)
        if problems is None:
            return 1
        warnings += "".join(f"{problem}\n" for problem in problems)
        ws.incomplete.unlink(missing_ok=True)
    if any(f.severity is Severity.ERROR for f in validation.findings):
        return 1
    if strict and warnings.strip():
        return 1
    return 0


def written_anew(path: str) -> bool:
    """Files of the HTML output that are never rewritten in place, so the published site
    may share them (``publish.py``): pages (``sphinxext/fresh_output.py``), our drawings
    and Sphinx's search index (both written to a temporary file and moved into place)."""
    return (path.endswith(".html") and not path.startswith("_static/")) or path == "searchindex.js" \
        or (path.startswith("_images/") and path.rpartition("/")[2].startswith(IMAGE_PREFIXES))


def _publish(fmt: str, ws: Workspace, m: Municipality, validation: Validation) -> list[str] | None:
    """Publish the output; the problems to count as warnings, or None when nothing could be
    published (the previous output is left as it was)."""
    if fmt == "pdf":
        from .pdf.render import publish_pdf  # laid out here, once Sphinx's memory is free

        return publish_pdf(ws.out, ws.root / "pdf" / f"{m.id}.pdf", m)
    if fmt == "html":
        publish_tree(ws.out, ws.root / "html", skip=lambda name: name in NOT_PUBLISHED, linkable=written_anew)
        print(f"Håndbogen er skrevet til {ws.root / 'html' / 'index.html'}")
    else:
        staged = ws.work / "json"
        write_text_if_changed(staged / "portfolio.json", model_to_json(m, validation.findings))
        write_text_if_changed(staged / "needs.json", (ws.out / "needs.json").read_text(encoding="utf-8"))
        publish_tree(staged, ws.root / "json")
        target = ws.root / "json"
        print(f"Modellen er skrevet til {target / 'portfolio.json'} og {target / 'needs.json'}")
    return []
