"""``make all``: every municipality its own handbook, an index page, and one broken
municipality does not stop the others."""

from __future__ import annotations

import shutil

import pytest

from helpers import FIXTURES, REPO, TODAY
from livinghandbook.build_all import build_all

pytestmark = pytest.mark.slow


def test_every_bundled_municipality_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_BUILD_DIR", str(tmp_path / "_build"))
    assert build_all(today=TODAY) == 0
    index = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    for folder in sorted((REPO / "municipality_data").iterdir()):
        assert (tmp_path / "_build" / folder.name / "html" / "index.html").exists()
    assert 'href="solbjerg/html/index.html">Solbjerg Kommune</a>' in index
    assert 'lang="da"' in index


def test_one_broken_municipality_does_not_stop_the_others(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", root / "a-god")
    shutil.copytree(FIXTURES / "hostile", root / "b-fjendtlig")
    shutil.copytree(FIXTURES / "clean", root / "c-brudt")
    (root / "c-brudt" / "zz.yaml").write_text("goals: [\n", encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_DATA_ROOT", str(root))
    monkeypatch.setenv("HANDBOOK_BUILD_DIR", str(tmp_path / "_build"))
    assert build_all(today=TODAY) == 1
    assert (tmp_path / "_build" / "testby" / "html" / "index.html").exists()
    assert (tmp_path / "_build" / "fjendtlig" / "html" / "index.html").exists()
    index = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert "c-brudt: bygningen fejlede" in index
    assert "<script>alert" not in index and "&lt;script&gt;alert" in index


def test_two_folders_with_one_municipality_id_are_reported_not_overwritten(tmp_path, monkeypatch, capsys):
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", root / "a-testby")
    shutil.copytree(FIXTURES / "clean", root / "b-kopi")
    path = root / "b-kopi" / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Testby Kommune", "name: Kopiby Kommune"),
                    encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_DATA_ROOT", str(root))
    monkeypatch.setenv("HANDBOOK_BUILD_DIR", str(tmp_path / "_build"))
    assert build_all(today=TODAY) == 1
    err = capsys.readouterr().err
    assert "b-kopi: kommunen har samme id ('testby') som" in err and "a-testby" in err
    start = (tmp_path / "_build" / "testby" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Testby Kommune" in start and "Kopiby Kommune" not in start  # the first one stays
    assert "samme id som en anden kommune" in (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
