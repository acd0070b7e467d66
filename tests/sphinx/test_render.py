"""One block model, rendered when a page is written, the same in every builder (issue 12)."""

from __future__ import annotations

import re

import pytest
from docutils import nodes

from conftest import CLEAN, overrides
from helpers import FIXTURES, page_text
from livinghandbook.linkcheck import broken_links
from livinghandbook.sphinxext.expand import handbook_blocks

pytestmark = pytest.mark.slow


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_runs_are_kept_as_blocks_and_rendered_when_written(app):
    app.build()
    doctree = app.env.get_doctree("program/P-1")
    runs = list(doctree.findall(handbook_blocks))
    assert runs and not list(doctree.findall(nodes.raw))  # no output baked in when read
    assert all(node["blocks"] for node in runs)
    page = (app.outdir / "program" / "P-1.html").read_text(encoding="utf-8")
    assert re.search(r"Formål\s*:\s*Mere selvhjulpne borgere\.", page_text(page))
    assert 'href="../maal.html#G-1"' in page and 'href="../projekt/PR-1.html"' in page
    assert broken_links(app.outdir)[0] == []


@pytest.mark.sphinx("text", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_other_builders_get_the_same_fields(app):
    app.build()
    text = " ".join((app.outdir / "program" / "P-1.txt").read_text(encoding="utf-8").replace("*", "").split())
    for field in ("Formål: Mere selvhjulpne borgere.", "Strategiske mål: Flere ældre klarer sig selv",
                  "Investering: 1.000.000 kr.", "Vasketoiletter", "Færre hjælpebesøg"):
        assert field in text, field
    project = " ".join((app.outdir / "projekt" / "PR-1.txt").read_text(encoding="utf-8").replace("*", "").split())
    assert "Program: Velfærdsteknologi" in project and "Toiletter installeret" in project


@pytest.mark.sphinx("dirhtml", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_dirhtml_has_project_pages_and_working_links(app):
    app.build()
    project = app.outdir / "projekt" / "PR-1" / "index.html"
    assert "Toiletter installeret" in project.read_text(encoding="utf-8")
    programme = (app.outdir / "program" / "P-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../projekt/PR-1/"' in programme
    assert broken_links(app.outdir)[0] == []


@pytest.mark.parametrize("builder", ["html", "text"])
def test_a_dead_link_is_one_warning_type_in_every_builder(make_app, rootdir, sphinx_test_tempdir, builder):
    import shutil
    srcdir = sphinx_test_tempdir / f"deadlinks-{builder}"
    shutil.copytree(rootdir / "test-deadlinks", srcdir, dirs_exist_ok=True)
    app = make_app(builder, srcdir=srcdir, confoverrides=CLEAN, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "henvisningen til 'G-1' fører ingen steder hen" in warnings and "[handbook.reference]" in warnings
    quiet = make_app(builder, srcdir=srcdir, freshenv=True,
                     confoverrides={**CLEAN, "suppress_warnings": ["needs.beta", "handbook.reference"]})
    quiet.build()
    assert "handbook.reference" not in quiet.warning.getvalue()


def test_rule_warnings_can_be_silenced_one_rule_at_a_time(make_app, rootdir, sphinx_test_tempdir, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    (data / "zz.yaml").write_text((FIXTURES / "rules" / "G04" / "break.yaml").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    srcdir = sphinx_test_tempdir / "rules"
    shutil.copytree(rootdir / "test-handbook", srcdir, dirs_exist_ok=True)
    loud = make_app("html", srcdir=srcdir, confoverrides=overrides(data), freshenv=True)
    loud.build()
    assert "[handbook.G04]" in loud.warning.getvalue() and "[handbook.G07]" in loud.warning.getvalue()
    quiet = make_app("html", srcdir=srcdir, freshenv=True,
                     confoverrides=overrides(data, suppress_warnings=["needs.beta", "handbook.G04"]))
    quiet.build()
    assert "handbook.G04" not in quiet.warning.getvalue() and "[handbook.G07]" in quiet.warning.getvalue()


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True, parallel=2)
def test_parallel_reading_and_writing(app):
    app.build()
    assert "Toiletter installeret" in (app.outdir / "projekt" / "PR-1.html").read_text(encoding="utf-8")
    assert broken_links(app.outdir)[0] == []
