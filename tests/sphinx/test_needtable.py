"""Hand-written pages with sphinx-needs' dynamic content over the handbook's needs
(docs/sphinx-needs.md): never stale after a data edit, and they get sphinx-needs' assets."""

from __future__ import annotations

import shutil

import pytest

from conftest import overrides

pytestmark = pytest.mark.slow


def test_needtable_on_another_page_shows_an_edited_title(make_app, rootdir, sphinx_test_tempdir, data):
    """The stale-needtable bug sphinx-needs has on incremental builds must not happen here:
    the page is read again whenever the data changed (``incremental.note_needs_consumer``)."""
    srcdir = sphinx_test_tempdir / "needtable"
    shutil.copytree(rootdir / "test-needtable", srcdir, dirs_exist_ok=True)
    make_app("html", srcdir=srcdir, confoverrides=overrides(data), freshenv=True).build()
    page = srcdir / "_build" / "html" / "maal-tabel.html"
    first = page.read_text(encoding="utf-8")
    assert "Bedre skoler" in first
    assert "sphinx-needs/" in first  # the table's own script and styles, loaded only where needs are shown
    path = data / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Bedre skoler", "title: Gode skoler"),
                    encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides=overrides(data))
    app.build()
    assert app.outdir == page.parent
    text = page.read_text(encoding="utf-8")
    assert "Gode skoler" in text and "Bedre skoler" not in text
