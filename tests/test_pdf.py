"""The PDF handbook through LaTeX (issue 5): Danish text intact, diagrams and every
entity present, hostile text printed literally."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import FIXTURES, TODAY, build_into
from livinghandbook.validate import validate_folder
from livinghandbook.views.labels import entity_label

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def squash(text: str) -> str:
    """Letters and digits only: immune to line breaks and LaTeX's hyphenation."""
    return re.sub(r"[\W_]+", "", text).lower()


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("pdf") / "_build"
    data = REPO / "municipality_data" / "solbjerg"
    assert build_into(data, out, fmt="pdf") == 0
    return data, out / "solbjerg"


def test_demo_pdf_has_danish_text_and_every_entity(demo_pdf):
    data, out = demo_pdf
    pdf = out / "pdf" / "solbjerg.pdf"
    text = pdf_text(pdf)
    assert "Solbjerg Kommune" in text and "Projektmodel-håndbog" in text
    for word in ("Gevinstansvarlig", "Følgegruppe", "fraværsregistrering", "Ældre", "Økonomidirektør"):
        assert word.lower() in text.lower(), word
    flat = squash(text)
    m = validate_folder(data, today=TODAY).model
    missing = [e.id for e in m.entities.values() if squash(entity_label(m, e)) not in flat]
    assert missing == []


def test_demo_pdf_has_the_diagrams_as_vector_graphics(demo_pdf):
    _data, out = demo_pdf
    tex = (out / ".work" / "latex" / "solbjerg.tex").read_text(encoding="utf-8")
    diagrams = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{graphviz-[0-9a-f]+\.pdf\}", tex)
    m = validate_folder(REPO / "municipality_data" / "solbjerg", today=TODAY).model
    # 1 portfolio map + roles overview + a neighbourhood per role + 2 per programme (at least)
    assert len(diagrams) >= 1 + 1 + len(m.roles) + 2 * len(m.programmes)
    assert "Porteføljekort" in pdf_text(out / "pdf" / "solbjerg.pdf")
    charts = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{[0-9a-f]{20}\}\.pdf\}", tex)
    assert len(charts) >= len(m.indicators) - 1


def test_hostile_text_prints_literally(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "hostile", data)
    assert build_into(data, tmp_path / "_build", fmt="pdf") == 0
    text = pdf_text(tmp_path / "_build" / "fjendtlig" / "pdf" / "fjendtlig.pdf")
    flat = " ".join(text.split())
    for literal in ['<script>alert("kommune")</script> & Co. {{ navn }} 100 %', r"\section{LaTeX} \input{/etc/passwd}",
                    "%kommentar", "$\\textbf{fed}$ % & # _ ^ ~", "Projekt ]]> <!-- kommentar --> {% raw %}"]:
        assert literal in flat, literal
