"""A page per person ("Mine roller", issue 14): generated in HTML like the project pages,
read from stubs by other builders, linked from every place a name appears, and absent
(with no names anywhere) when the municipality does not publish names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CLEAN, overrides
from helpers import hide_names, make_folder, page_text
from livinghandbook.linkcheck import broken_links

pytestmark = pytest.mark.slow


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_person_pages_are_generated_and_linked_from_matrix_programme_and_role(app):
    app.build()
    out = Path(app.outdir)
    page = (out / "person" / "sochef.html").read_text(encoding="utf-8")
    shown = page_text(page)
    assert "Sanne Holmgaard" in shown and "Programejer (1)" in shown and "Gevinstansvarlig (2)" in shown
    assert 'href="../program/P-1.html"' in page and 'id="sochef-programejer"' in page
    assert "Status på det, Sanne Holmgaard har ansvar for" in shown
    matrix = (out / "personer.html").read_text(encoding="utf-8")
    assert 'href="person/sochef.html#sochef-programejer"' in matrix  # a count leads to the role's section
    assert 'href="person/sochef.html"' in matrix
    assert 'href="../person/sochef.html"' in (out / "program" / "P-1.html").read_text(encoding="utf-8")
    assert 'href="../person/sochef.html"' in (out / "rolle" / "programejer.html").read_text(encoding="utf-8")
    assert len(list((out / "person").glob("*.html"))) == 7  # every person of the fixture
    assert broken_links(out)[0] == []
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    assert "person/sochef" in index  # found by search like every other page


@pytest.mark.sphinx("text", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_other_builders_read_person_pages_from_stubs(app):
    app.build()
    text = " ".join((Path(app.outdir) / "person" / "sochef.txt").read_text(encoding="utf-8").split())
    assert "Sanne Holmgaard" in text and "Programejer (1)" in text and "Roller: 5 roller på i alt 6 steder" in text


def test_no_person_pages_without_published_names(make_app, rootdir, sphinx_test_tempdir, tmp_path):
    data = hide_names(make_folder(tmp_path))
    srcdir = sphinx_test_tempdir / "anonymous"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    app = make_app("html", srcdir=srcdir, confoverrides=overrides(data), freshenv=True)
    app.build()
    out = Path(app.outdir)
    assert not (out / "person").exists()
    programme = (out / "program" / "P-1.html").read_text(encoding="utf-8")
    assert 'href="../personer.html#sochef"' in programme and "Sanne" not in programme
    matrix = (out / "personer.html").read_text(encoding="utf-8")
    assert 'href="rolle/programejer.html#programejer-her"' in matrix and "Holmgaard" not in matrix
    assert broken_links(out)[0] == []
