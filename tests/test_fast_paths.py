"""The shortcuts taken for speed (issue 7) give the same answers as the long way:
the parse cache, diagrams drawn in one dot process, the hand-drawn indicator chart."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from sphinx.ext.graphviz import GraphvizError

from helpers import FIXTURES
from livinghandbook.charts.indicator import indicator_svg
from livinghandbook.sphinxext.diagrams import _draw_batch
from livinghandbook.validate import validate_folder

TODAY = dt.date(2026, 11, 28)


def _lines(validation) -> list[str]:
    return [f.format_line() for f in validation.findings]


def test_parse_cache_gives_the_same_findings_and_follows_edits(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    (data / "zz.yaml").write_text("projects:\n  - {id: PR-X, title: Uden formål}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    plain = validate_folder(data, today=TODAY)
    first = validate_folder(data, today=TODAY, cache_root=cache)
    entries = sorted(p.name for p in cache.rglob("*.json"))
    assert len(entries) == 3  # one per file
    second = validate_folder(data, today=TODAY, cache_root=cache)
    assert _lines(plain) == _lines(first) == _lines(second)
    assert any("zz.yaml:2:" in line and "PR-X" in line for line in _lines(second))

    # an edit that moves the project two lines down: the finding moves with it
    (data / "zz.yaml").write_text("# ny\n# linje\nprojects:\n  - {id: PR-X, title: Uden formål}\n", encoding="utf-8")
    moved = validate_folder(data, today=TODAY, cache_root=cache)
    assert any("zz.yaml:4:" in line and "PR-X" in line for line in _lines(moved))
    assert len(list(cache.rglob("*.json"))) == 3  # the old entry of zz.yaml is gone


def test_parse_cache_is_not_written_for_data_with_errors(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    (data / "zz.yaml").write_text("projects:\n  - {id: PR-X, title: T, programme: P-404}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert validate_folder(data, today=TODAY, cache_root=cache).model is None
    assert not cache.exists()


def test_a_broken_graph_in_a_batch_spares_the_others(tmp_path):
    good, bad, also_good = (tmp_path / f"{n}.svg" for n in ("good", "bad", "also"))
    batch = [(good, 'digraph { a -> b [URL="../x.html"] }'), (bad, "digraph { a -> }"), (also_good, "digraph { c }")]
    with pytest.raises(GraphvizError):
        _draw_batch(["dot", "-Tsvg"], batch)
    assert ET.parse(good).getroot().tag.endswith("svg") and ET.parse(also_good).getroot().tag.endswith("svg")
    assert "../x.html" in good.read_text(encoding="utf-8")
    assert not bad.exists()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))  # nothing half-written left


def test_batch_splits_one_svg_per_graph(tmp_path):
    batch = [(tmp_path / f"{i}.svg", f'digraph {{ n{i} [label="Graf {i}"] }}') for i in range(5)]
    _draw_batch(["dot", "-Tsvg"], batch)
    for index, (path, _code) in enumerate(batch):
        text = path.read_text(encoding="utf-8")
        assert text.count("<svg") == 1 and f"Graf {index}" in text


def test_indicator_chart_draws_every_point_and_escapes_the_unit():
    svg = indicator_svg({"unit": '<b>"kr" & æ</b>', "baseline": ["2026-01-01", 10],
                         "points": [["2026-06-01", 40], ["2026-09-01", 45.5]], "target": ["2028-01-01", 1250]})
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    circles = root.findall(f"{ns}circle")
    # 3 legend dots (Målinger, Mål, Udgangspunkt) + 3 measured points (the baseline is the
    # first) + the target + the baseline's own marker
    assert len(circles) == 3 + 3 + 1 + 1
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert 'Værdi (<b>"kr" & æ</b>)' in texts  # the data as text, escaped in the file
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert {"Udvikling", "Målinger", "Mod målet", "Mål", "Udgangspunkt"} <= set(texts)
    assert {"jan 26", "jan 28"} <= set(texts) and "1.500" in texts  # Danish month and number format
    # every point sits inside the drawing
    for c in circles:
        assert 0 <= float(c.get("cx")) <= 480 and 0 <= float(c.get("cy")) <= 200


def test_indicator_chart_without_data_is_still_a_chart():
    svg = indicator_svg({"unit": "", "points": []})
    assert ET.fromstring(svg).tag.endswith("svg") and not re.search(r"nan|inf", svg)
