"""``handbook build``: a real Sphinx build of a small municipality."""

from __future__ import annotations

import html
import re

import pytest

from helpers import FIXTURES, TODAY
from livinghandbook.build import build

pytestmark = pytest.mark.slow


@pytest.fixture
def build_dir(tmp_path, monkeypatch):
    out = tmp_path / "_build"
    monkeypatch.setenv("HANDBOOK_BUILD_DIR", str(out))
    return out


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_start_page_shows_name_and_findings(folder_factory, build_dir, capsys):
    folder = folder_factory(files={"zz.yaml": (FIXTURES / "rules/G04/break.yaml").read_text()})
    assert build(folder, today=TODAY) == 0
    page = (build_dir / "testby" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Testby Kommune" in _text(page)
    assert "0 fejl, 3 advarsler, 0 info" in _text(page)  # the health summary: G04, G07, G08
    findings = _text((build_dir / "testby" / "html" / "fund.html").read_text(encoding="utf-8"))
    assert "projektet Projekt uden formål, leverancer, succeskriterier og projektleder (PR-X) mangler formål" \
        in " ".join(findings.split())  # the project's name next to its id
    assert '<html lang="da"' in page
    # the finding is also a Sphinx warning located at the YAML line
    assert re.search(r"zz\.yaml:2:\d+: WARNING: G04", capsys.readouterr().err)
    assert not (build_dir / "testby" / "html" / ".doctrees").exists()
    assert build(folder, today=TODAY, strict=True) == 1


def test_data_errors_stop_the_build_and_write_nothing(folder_factory, build_dir, capsys):
    folder = folder_factory(files={"zz.yaml": "projects:\n  - {id: PR-X, title: T, programme: P-404}\n"})
    before = sorted(p.name for p in folder.iterdir())
    assert build(folder, today=TODAY) == 1
    err = capsys.readouterr().err
    assert "zz.yaml:2:" in err and "E004" in err and "Traceback" not in err
    assert not build_dir.exists()
    assert sorted(p.name for p in folder.iterdir()) == before  # the data folder is untouched


def test_hostile_text_is_rendered_as_text(folder_factory, build_dir):
    folder = folder_factory()
    path = folder / "kommune.yaml"
    hostile = "<script>alert(1)</script> {{x}} \\\\ % & æøå 🎉"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: Testby Kommune", f"name: '{hostile}'"), encoding="utf-8")
    assert build(folder, today=TODAY) == 0
    page = (build_dir / "testby" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{x}} \\\\ % &amp; æøå 🎉" in page
    assert "&amp;lt;" not in page  # escaped once, never twice
