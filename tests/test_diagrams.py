"""Generated diagrams (issue 4): people in their roles, maps that link to the right
pages, text that stays text in DOT, and accessible SVG in the HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

from helpers import FIXTURES, run
from livinghandbook.diagrams.builders import benefits_maps, portfolio_map, programme_organisation, standing_organisation
from livinghandbook.diagrams.dot import quote
from helpers import build_into

EDGE = re.compile(r"^\s*n\d+ -> n\d+", re.M)
NODE = re.compile(r"^\s*n\d+ \[", re.M)


def test_programme_organisation_names_people_in_their_roles():
    m = run(FIXTURES / "clean").model
    spec = programme_organisation(m, m.entities["P-1"])
    dot = spec["dot"]
    assert '"Programejer\\nSanne Holmgaard, Omsorgschef"' in dot
    assert "Programleder\\nPia Brask, Programleder" in dot
    assert "Programkomité\\nSanne Holmgaard, Omsorgschef\\nPia Brask, Programleder\\nPer Kjeldsen, Projektleder" in dot
    assert "Projektleder: Per Kjeldsen, Projektleder" in dot
    assert "Gevinstcontroller: Mads Ravn, Controller" in dot
    assert "Programejer: Sanne Holmgaard (Omsorgschef)." in spec["alt"]


def test_benefits_map_holds_deliverables_benefits_goals_with_links():
    m = run(FIXTURES / "clean").model
    [spec] = benefits_maps(m, m.entities["P-1"])
    dot = spec["dot"]
    for label, url in [("Toiletter installeret", "hb:projekt/PR-1#D-1"), ("Færre hjælpebesøg", "hb:program/P-1#B-1"),
                       ("Flere ældre klarer sig selv", "hb:maal#G-1"), ("Projekt\\nVasketoiletter", "hb:projekt/PR-1"),
                       ("Ad hoc-indsats\\nNy arbejdsgang", "hb:program/P-1#AH-1")]:
        assert re.search(rf'label="{re.escape(label)}"[^\]]*URL="{re.escape(url)}"', dot), label
    assert "Leverancen Toiletter installeret muliggør Færre hjælpebesøg." in spec["alt"]


def test_standing_organisation_and_neighbourhood():
    m = run(FIXTURES / "clean").model
    whole = standing_organisation(m.roles)
    assert whole["dot"].count("URL=\"hb:rolle/") == len(m.roles)
    near = standing_organisation(m.roles, focus="gevinstcontroller")
    assert "Gevinstansvarlig" in near["dot"] and "Projektdeltager" not in near["dot"]
    assert "Gevinstcontroller rapporterer til Gevinstansvarlig." in near["alt"]


def test_dot_injection_is_text(folder_factory):
    evil = '"]; evil -> x [label="'
    hostile = run(FIXTURES / "hostile").model
    folder = folder_factory("hostile")
    path = folder / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"'{evil}'", "Helt almindelig"), encoding="utf-8")
    benign = run(folder).model
    for build in (lambda m: benefits_maps(m, m.entities["P-1"])[0], portfolio_map,
                  lambda m: programme_organisation(m, m.entities["P-1"])):
        a, b = build(hostile)["dot"], build(benign)["dot"]
        assert len(EDGE.findall(a)) == len(EDGE.findall(b)) and len(NODE.findall(a)) == len(NODE.findall(b))
    dot = benefits_maps(hostile, hostile.entities["P-1"])[0]["dot"]
    assert quote(evil) in dot
    svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
    assert "&quot;]; evil &#45;&gt; x [label=&quot;" in svg or '"]; evil -&gt; x [label="' in svg


@pytest.mark.slow
def test_diagrams_in_html_are_accessible_and_links_resolve(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    assert build_into(data, tmp_path / "_build") == 0
    site = tmp_path / "_build" / "testby" / "html"
    programme = (site / "program" / "P-1.html").read_text(encoding="utf-8")
    objects = re.findall(r"<object [^>]*>", programme)
    assert len(objects) == 2  # organisation and benefits map
    for tag in objects:
        assert 'role="img"' in tag and re.search(r'aria-label="[^"]{20,}"', tag)
    svgs = sorted((site / "_images").glob("diagram-*.svg"))
    assert svgs
    checked = 0
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert "digraph" not in text
        for href in re.findall(r'(?:\w+:)?href="([^"]+)"', text):  # ns1:href after Sphinx rewrites it
            parts = urlsplit(href)
            target = (svg.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (svg.name, href)
            if parts.fragment:
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), (svg.name, href)
            checked += 1
    assert checked > 10
