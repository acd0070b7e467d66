"""The handbook theme (issue 14): bounded navigation that stays right on incremental builds,
the branding files in the site, Danish chrome."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import overrides
from livinghandbook.theme.navigation import MAX_ENTRIES, SPAN, window

pytestmark = pytest.mark.slow
SIDEBAR = re.compile(r'<nav class="hb-sidebar".*?</nav>', re.DOTALL)


def sidebar(page: Path) -> str:
    found = SIDEBAR.search(page.read_text(encoding="utf-8"))
    assert found is not None, page
    return found.group(0)


def programmes(data: Path, count: int, titles: dict[int, str] | None = None) -> None:
    """Extra programmes P-2 … (no roles: method findings, which never stop a build)."""
    titles = titles or {}
    rows = [f"  - {{id: P-{n}, title: '{titles.get(n, f'Program {n}')}'}}\n" for n in range(2, count + 2)]
    (data / "zz.yaml").write_text("programmes:\n" + "".join(rows), encoding="utf-8")


def build(make_app, srcdir: Path, data: Path, fresh: bool = False):  # noqa: ANN001, ANN201 - SphinxTestApp
    app = make_app("html", srcdir=srcdir, confoverrides={**overrides(data), "html_theme": "handbook"},
                   freshenv=fresh)
    read: set[str] = set()
    written: set[str] = set()
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.update(docnames))
    app.connect("html-page-context", lambda _app, pagename, *_rest: written.add(pagename))
    app.build()
    return app, read, written


def test_window_shows_a_long_group_around_the_page():
    docs = tuple(f"d{n}" for n in range(40))
    assert window(docs[:MAX_ENTRIES], "d3") == list(docs[:MAX_ENTRIES])  # a short group: all of it
    middle = window(docs, "d20")
    assert middle == ["d0", None, *docs[20 - SPAN:21 + SPAN], None, "d39"]
    assert window(docs, "d0")[:2 * SPAN + 1] == list(docs[:2 * SPAN + 1]) and window(docs, "d0")[-1] == "d39"
    assert window(docs, "d39")[0] == "d0" and window(docs, "d39")[-1] == "d39"
    assert window(docs, None) == [*docs[:MAX_ENTRIES - 1], None]  # children: the first ones
    assert all(len(window(docs, d)) <= 2 * SPAN + 5 for d in docs)  # bounded, wherever the page is


def test_a_page_shows_where_it_sits_and_its_siblings(make_app, rootdir, sphinx_test_tempdir, data):
    srcdir = sphinx_test_tempdir / "where"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    programmes(data, 1)
    app, _read, _written = build(make_app, srcdir, data, fresh=True)
    nav = sidebar(app.outdir / "program" / "P-1.html")
    assert '<a href="../index.html">Forside</a>' in nav and "Porteføljen" in nav  # the trail
    assert 'aria-current="page">Velfærdsteknologi</a>' in nav  # the page itself, marked
    assert "Program 2" in nav and "Selvstændige projekter" in nav  # the siblings
    project = sidebar(app.outdir / "projekt" / "PR-1.html")  # a generated page: its trail
    assert "Porteføljen" in project and 'href="../program/P-1.html"' in project
    page = (app.outdir / "program" / "P-1.html").read_text(encoding="utf-8")
    for english in ('aria-label="Main"', 'aria-label="Related"', ">Navigation<", "Quick search"):
        assert english not in page
    assert (app.outdir / "_static" / "handbook-brand.css").is_file()


def test_a_retitled_sibling_is_shown_in_every_sidebar_without_reading_those_pages(make_app, rootdir,
                                                                                 sphinx_test_tempdir, data):
    srcdir = sphinx_test_tempdir / "retitle"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    programmes(data, 3, {4: "Fjerde program"})  # P-4: not P-1's previous or next page
    first, _read, _written = build(make_app, srcdir, data, fresh=True)
    page = first.outdir / "program" / "P-1.html"
    assert "Fjerde program" in sidebar(page)
    programmes(data, 3, {4: "Nyt navn"})
    _app, read, written = build(make_app, srcdir, data)
    assert "program/P-1" not in read and "program/P-1" in written  # only its sidebar changed
    assert "Nyt navn" in sidebar(page) and "Fjerde program" not in page.read_text(encoding="utf-8")


def test_a_long_group_is_windowed_with_a_link_to_all(make_app, rootdir, sphinx_test_tempdir, data):
    srcdir = sphinx_test_tempdir / "long"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    programmes(data, 29)  # P-1 … P-30 and the stand-alone page: 31 under Porteføljen
    app, _read, _written = build(make_app, srcdir, data, fresh=True)
    nav = sidebar(app.outdir / "program" / "P-15.html")
    listed = re.findall(r'<ul class="hb-siblings">(.*?)</ul>', nav, re.DOTALL)[0]
    entries = re.findall(r"<li", listed)
    assert len(entries) <= 2 * SPAN + 5
    assert "Program 15" in listed and "Program 10" in listed and "Program 20" in listed
    assert "Program 25" not in listed and "Alle 31 under Porteføljen" in nav
