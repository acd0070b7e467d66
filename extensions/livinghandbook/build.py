"""``handbook build``: validate, stage the handbook sources, run Sphinx, publish.

Layout under ``_build/<municipality id>/``:

* ``src/``        the handbook sources, staged (a file is rewritten only when its content
                  changed, so Sphinx's incremental build sees real changes only), plus the
                  generated stubs and charts;
* ``.work/<fmt>`` Sphinx's output and doctrees, kept between builds for incremental builds;
* ``html/``       the published site, replaced only after a successful build, so a failed
                  build leaves the previous site usable;
* ``json/``       ``portfolio.json`` (the resolved model) and sphinx-needs' ``needs.json``.

Data errors stop the build before anything is written.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import html
import os
import shutil
import sys
from io import StringIO
from pathlib import Path
from typing import IO

from . import paths
from .gcpause import collector_paused
from .export import model_to_json
from .fileio import write_text_if_changed
from .findings import Severity
from .validate import Validation

# Folders in the staged sources that the extension writes; syncing keeps them.
GENERATED = ("program", "projekt", "rolle", "_charts")
# Files Sphinx or sphinx-needs leave in the output that do not belong on a website.
NOT_PUBLISHED = {"schema_violations.json", ".buildinfo", ".buildinfo.bak"}
BUILDERS = {"html": "html", "json": "needs", "pdf": "handbookpdf"}  # handbookpdf: sphinxext/print_builder.py


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


def publish(built: Path, published: Path) -> None:
    """Replace ``published`` with a hard-linked copy of ``built`` in two renames."""
    fresh = published.with_name(published.name + ".new")
    old = published.with_name(published.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(built, fresh, copy_function=link,
                    ignore=lambda _d, names: [n for n in names if n in NOT_PUBLISHED or n == ".doctrees"])
    if published.exists():
        published.rename(old)
    fresh.rename(published)
    shutil.rmtree(old, ignore_errors=True)


def run_sphinx(validation: Validation, out_root: Path, builder: str, today: dt.date | None,
               jobs: str, extra: dict[str, object] | None = None) -> tuple[int, str]:
    """Run one Sphinx builder on the staged sources; return (status, warnings text)."""
    from sphinx.application import Sphinx
    from sphinx.util.console import color_terminal, nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    if not color_terminal():  # as sphinx-build does: no escape codes in CI logs or files
        nocolor()

    m = validation.model
    assert m is not None
    src = out_root / "src"
    sync_tree(paths.handbook_dir(), src, keep=GENERATED)
    title = f"{m.name}: projektmodel-håndbog"
    overrides = {
        # Sphinx escapes `html_title`, but themes put `project` into pages as raw HTML
        # (alabaster's sidebar does): escape it here, once. (Found by the hostile-text test.)
        "project": html.escape(title),
        "html_title": title,
        "handbook_data_dir": str(validation.folder),  # as validated: the same cached validation
        "handbook_roles_dir": str(paths.roles_dir()),
        "handbook_today": today.isoformat() if today else "",
        **(extra or {}),
    }
    warnings = _Tee(sys.stderr)
    parallel = (os.cpu_count() or 1) if jobs == "auto" else int(jobs)
    work = out_root / ".work"
    with patch_docutils(src), docutils_namespace():
        app = Sphinx(src, src, work / builder, work / f"doctrees-{builder}", builder,
                     confoverrides=overrides, status=sys.stdout, warning=warnings,
                     parallel=parallel if parallel > 1 else 0, keep_going=True)
        app.build()
    return app.statuscode, warnings.getvalue()


def build(folder: Path, fmt: str = "html", today: dt.date | None = None, strict: bool = False,
          jobs: str = "1", validation: Validation | None = None, print_detail: str = "auto") -> int:
    """Build one handbook; ``validation`` may be passed in when the caller already has it.
    ``print_detail``: how much of a large portfolio the PDF prints (``sphinxext/print_trim.py``)."""
    with collector_paused():
        return _build(folder, fmt, today, strict, jobs, validation, print_detail)


def _build(folder: Path, fmt: str, today: dt.date | None, strict: bool, jobs: str,
           validation: Validation | None, print_detail: str = "auto") -> int:
    from .sphinxext.state import cached_validation

    validation = validation or cached_validation(str(folder), today.isoformat() if today else "",
                                                 str(paths.roles_dir()))
    if validation.model is None:
        for finding in validation.findings:
            print(finding.format_line(), file=sys.stderr)
        print(f"Bygningen er stoppet: data i {folder} har fejl (intet er skrevet).", file=sys.stderr)
        return 1
    m = validation.model
    out_root = paths.build_root() / m.id
    builder = BUILDERS[fmt]
    extra = {"handbook_print_detail": print_detail, "handbook_print_pdf": False} if fmt == "pdf" else None
    status, warnings = run_sphinx(validation, out_root, builder, today, jobs, extra)
    if status:
        print("Sphinx-bygningen fejlede; den forrige udgave er ikke ændret.", file=sys.stderr)
        return 1

    work = out_root / ".work" / builder
    if fmt == "pdf":
        from .pdf.render import publish_pdf  # laid out here, once Sphinx's memory is free

        problems = publish_pdf(work, out_root / "pdf" / f"{m.id}.pdf", m)
        if problems is None:
            return 1
        warnings += "".join(f"{problem}\n" for problem in problems)
    elif fmt == "html":
        publish(work, out_root / "html")
        print(f"Håndbogen er skrevet til {out_root / 'html' / 'index.html'}")
    else:
        target = out_root / "json"
        write_text_if_changed(target / "portfolio.json", model_to_json(m, validation.findings))
        write_text_if_changed(target / "needs.json", (work / "needs.json").read_text(encoding="utf-8"))
        print(f"Modellen er skrevet til {target / 'portfolio.json'} og {target / 'needs.json'}")

    if any(f.severity is Severity.ERROR for f in validation.findings):
        return 1
    if strict and warnings.strip():
        return 1
    return 0
