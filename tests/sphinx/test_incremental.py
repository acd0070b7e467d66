"""Incremental builds equal clean builds (issue 12): what is read again, what is only
written again, and what a change to the extension's own code does."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import overrides
from helpers import REPO, TODAY

pytestmark = pytest.mark.slow


def _edit(data: Path, old: str, new: str) -> None:
    path = data / "kommune.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _watched(app) -> tuple[set[str], set[str]]:  # noqa: ANN001 - a SphinxTestApp
    read: set[str] = set()
    written: set[str] = set()
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.update(docnames))
    app.connect("html-page-context", lambda _app, pagename, *_rest: written.add(pagename))
    return read, written


def _pages(outdir: Path) -> dict[str, str]:
    """Each page's HTML and the diagrams it embeds (what a reader sees on it)."""
    pages = {}
    for path in outdir.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        drawings = re.findall(r'<object data="([^"]+)"', page)
        pages[path.relative_to(outdir).with_suffix("").as_posix()] = page + "".join(
            (path.parent / d).read_text(encoding="utf-8") for d in drawings)
    return pages


def test_an_edit_reads_exactly_the_pages_that_show_it(make_app, rootdir, sphinx_test_tempdir, data):
    srcdir = sphinx_test_tempdir / "edit"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    make_app("html", srcdir=srcdir, confoverrides=overrides(data), freshenv=True).build()
    _edit(data, "title: Vasketoiletter", "title: Skylletoiletter")
    app = make_app("html", srcdir=srcdir, confoverrides=overrides(data))
    read, written = _watched(app)
    app.build()
    showing = {name for name, page in _pages(app.outdir).items() if "Skylletoiletter" in page}
    assert "program/P-1" in read and "projekt/PR-1" in written
    assert read <= showing  # only pages showing the project were read again …
    assert showing <= read | written  # … and every page showing it was written again
    assert not any("Vasketoiletter" in page for page in _pages(app.outdir).values())


def test_a_moved_entity_rewrites_the_pages_linking_to_it_without_reading_them(make_app, rootdir,
                                                                             sphinx_test_tempdir, data):
    srcdir = sphinx_test_tempdir / "move"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    first = make_app("html", srcdir=srcdir, confoverrides=overrides(data), freshenv=True)
    first.build()
    role_page = first.outdir / "rolle" / "ansvarlig.html"
    assert 'href="../program/P-1.html#AH-1"' in role_page.read_text(encoding="utf-8")
    _edit(data, "{id: AH-1, title: Ny arbejdsgang, programme: P-1,", "{id: AH-1, title: Ny arbejdsgang,")
    app = make_app("html", srcdir=srcdir, confoverrides=overrides(data))
    read, written = _watched(app)
    app.build()
    assert "rolle/ansvarlig" not in read and "rolle/ansvarlig" in written  # same blocks, new link
    assert 'href="../selvstaendige.html#AH-1"' in role_page.read_text(encoding="utf-8")


def _build(code: Path, data: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(code / "extensions"), HANDBOOK_ROOT=str(code),
               HANDBOOK_BUILD_DIR=str(out), PYTHONHASHSEED="0")
    result = subprocess.run([sys.executable, "-m", "livinghandbook.cli", "build", str(data),
                             "--today", TODAY.isoformat()], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


def _same_trees(a: Path, b: Path) -> list[str]:
    comparison = filecmp.dircmp(a, b)
    problems = [f"{a.name}: {n}" for n in comparison.left_only + comparison.right_only + comparison.diff_files]
    for sub in comparison.common_dirs:
        problems += _same_trees(a / sub, b / sub)
    return problems


def test_a_renderer_change_reaches_every_page_like_a_clean_build(tmp_path, data):
    """The extension's code is part of every page's record: after an upgrade that changes
    how blocks are written, the next incremental build equals a clean build."""
    code = tmp_path / "code"
    shutil.copytree(REPO / "extensions", code / "extensions", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(REPO / "handbook", code / "handbook")
    _build(code, data, tmp_path / "incremental")
    writer = code / "extensions" / "livinghandbook" / "sphinxext" / "html_writer.py"
    text = writer.read_text(encoding="utf-8")
    marker = '<dl class="handbook-fields field-list simple">'
    assert marker in text
    writer.write_text(text.replace(marker, '<dl class="handbook-fields field-list simple" data-version="2">'),
                      encoding="utf-8")
    _build(code, data, tmp_path / "incremental")
    _build(code, data, tmp_path / "clean")
    incremental, clean = (tmp_path / name / "testby" / "html" for name in ("incremental", "clean"))
    assert _same_trees(incremental, clean) == []
    for page in ("program/P-1.html", "projekt/PR-1.html", "maal.html"):
        assert 'data-version="2"' in (incremental / page).read_text(encoding="utf-8"), page
