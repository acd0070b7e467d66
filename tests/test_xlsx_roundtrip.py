"""Export -> import gives the same resolved model and the same findings (issue 16).

Directly, through a real spreadsheet program (LibreOffice Calc re-saves the workbook),
and as a property over generated municipalities (hypothesis drives ``generate_varied``
in ``bench/generate.py``: optional fields left out, stand-alone projects, hostile and
multi-line texts, rule settings, local roles). Into a new folder the data comes back
the same; into the folder it came from, nothing is written at all.
"""

from __future__ import annotations

import shutil
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO
from xlsx_helpers import export, model_and_findings, resave_with_libreoffice, run_import, snapshot

sys.path.insert(0, str(REPO / "bench"))
from generate import generate_varied  # noqa: E402

SOLBJERG = REPO / "municipality_data" / "solbjerg"


def _round_trip(source, workbook, tmp_path):
    """Import into a new folder and into a copy of the source; check both."""
    code, _out, err = run_import(workbook, tmp_path / "new")
    assert code == 0, err
    assert model_and_findings(tmp_path / "new") == model_and_findings(source)
    assert sorted(p.name for p in (tmp_path / "new").glob("*.yaml")) == sorted(p.name for p in source.glob("*.yaml"))
    copy = tmp_path / "copy"
    shutil.copytree(source, copy)
    code, _out, err = run_import(workbook, copy)
    assert code == 0 and "Intet at importere" in err, err
    assert snapshot(copy) == snapshot(source)  # byte for byte


def test_demo_round_trip(tmp_path):
    _round_trip(SOLBJERG, export(SOLBJERG, tmp_path / "solbjerg.xlsx"), tmp_path)


def test_demo_round_trip_through_libreoffice(tmp_path):
    saved = resave_with_libreoffice(export(SOLBJERG, tmp_path / "solbjerg.xlsx"), tmp_path / "lo")
    _round_trip(SOLBJERG, saved, tmp_path)


def test_hostile_texts_round_trip_through_libreoffice(tmp_path):
    import random

    source = tmp_path / "src"
    generate_varied(source, random.Random(7), programmes=2, projects=2, benefits=2)
    saved = resave_with_libreoffice(export(source, tmp_path / "varieret.xlsx"), tmp_path / "lo")
    _round_trip(source, saved, tmp_path)


# Text an editor can put in YAML and a cell can hold: anything printable, line breaks and
# tabs included (a carriage return is not kept by the xlsx format's XML; see docs/excel.md).
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
                             exclude_characters="\ufeff", include_characters="\n\t"), min_size=1, max_size=30) \
    .filter(str.strip)  # a title of only white space is a data error (E002), not a text to round-trip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False), texts=st.lists(TEXT, max_size=6),
       size=st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)))
def test_generated_municipalities_round_trip(tmp_path_factory, rng, texts, size):
    tmp_path = tmp_path_factory.mktemp("prop")
    source = tmp_path / "src"
    generate_varied(source, rng, *size, texts=texts)
    _round_trip(source, export(source, tmp_path / "varieret.xlsx"), tmp_path)
