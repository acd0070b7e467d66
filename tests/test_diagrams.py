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
from livinghandbook.diagrams.benefit_maps import WRAP
from livinghandbook.diagrams.dot import quote, wrap
from helpers import build_into

EDGE = re.compile(r"^\s*n\d+ -> n\d+", re.M)
NODE = re.compile(r"^\s*n\d+ \[", re.M)


def test_programme_organisation_names_people_in_their_roles():
    m = run(FIXTURES / "clean").model
    spec = programme_organisation(m, m.entities["P-1"])
    dot = spec["dot"]
    # One person: the role, the name, the title; linked to the person's own page.
    assert re.search(r'label="Programejer\\nSanne Holmgaard\\nOmsorgschef"[^\]]*URL="hb:person/sochef"', dot)
    assert re.search(r'label="Projektleder\\nPer Kjeldsen"[^\]]*URL="hb:person/prl"', dot)  # title = role: once
    assert 'label="Programkomité"' in dot  # the komité is a box around its members
    assert "Øvrige medlemmer\\nPia Brask\\nPer Kjeldsen" in dot
    assert re.search(r'label="Ansvarlig\\nSanne Holmgaard[^"]*"', dot)  # the ad hoc effort's leader
    assert "Programejer: Sanne Holmgaard (Omsorgschef)." in spec["alt"]
    assert "Projektet Vasketoiletter: projektleder Per Kjeldsen (Projektleder)." in spec["alt"]


def test_benefits_map_holds_deliverables_benefits_goals_with_links():
    m = run(FIXTURES / "clean").model
    [spec] = benefits_maps(m, m.entities["P-1"])
    dot = spec["dot"]
    for label, url in [("Toiletter installeret", "hb:projekt/PR-1#D-1"), ("Færre hjælpebesøg", "hb:program/P-1#B-1"),
                       ("Flere ældre klarer sig selv", "hb:maal#G-1"), ("Vasketoiletter", "hb:projekt/PR-1"),
                       ("Ny arbejdsgang", "hb:program/P-1#AH-1")]:
        words = re.escape(label).replace("\\ ", r"(?: |\\n)")  # long titles are wrapped
        assert re.search(rf'label="{words}"[^\]]*URL="{re.escape(url)}"', dot), label
    assert "Leverancen Toiletter installeret muliggør Færre hjælpebesøg." in spec["alt"]


def test_standing_organisation_and_neighbourhood():
    m = run(FIXTURES / "clean").model
    whole = standing_organisation(m.roles)
    assert whole["dot"].count("URL=\"hb:rolle/") == len(m.roles)  # the komité's box links too
    near = standing_organisation(m.roles, focus="gevinstcontroller")
    assert "Gevinstansvarlig" in near["dot"] and "Projektdeltager" not in near["dot"]
    assert "Gevinstcontroller rapporterer til Gevinstansvarlig." in near["alt"]
    assert "Gevinstcontroller udpeges af Gevinstansvarlig." in near["alt"]


SVG = "{http://www.w3.org/2000/svg}"


def _layout(dot: str) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float, float, float]]]:
    """Rendered with dot: each node's first label line → (x, y) of that line, and each
    cluster's first label line → its box (x0, y0, x1, y1). SVG's y grows downwards."""
    import xml.etree.ElementTree as ET

    svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
    nodes, boxes = {}, {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        texts = list(group.iter(f"{SVG}text"))
        if not texts:
            continue
        if group.get("class") == "node":
            nodes[texts[0].text] = (float(texts[0].get("x")), float(texts[0].get("y")))
        elif group.get("class") == "cluster":
            points = [tuple(map(float, p.split(","))) for p in
                      re.findall(r"-?[\d.]+,-?[\d.]+", next(group.iter(f"{SVG}path")).get("d"))]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes[texts[0].text] = (min(xs), min(ys), max(xs), max(ys))
    return nodes, boxes


def test_standing_organisation_is_drawn_top_down_like_the_guide():
    m = run(FIXTURES / "clean").model
    nodes, boxes = _layout(standing_organisation(m.roles)["dot"])
    y = {name: pos[1] for name, pos in nodes.items()}
    levels = [["Porteføljeledelse"], ["Programejer", "Gevinstansvarlig", "Gevinstcontroller"],
              ["Programleder", "Styregruppe", "Følgegruppe"], ["Projektleder"], ["Projektdeltager"]]
    for upper, lower in zip(levels, levels[1:]):
        assert max(y[n] for n in upper) < min(y[n] for n in lower), (upper, lower)
    for level in levels:  # side by side: the same height
        assert max(y[n] for n in level) - min(y[n] for n in level) < 15, level
    # The programkomité is a box holding the top management; the gevinstcontroller stands beside it.
    x0, y0, x1, y1 = boxes["Programkomité"]
    inside = lambda name: x0 < nodes[name][0] < x1 and y0 < nodes[name][1] < y1  # noqa: E731
    assert inside("Programejer") and inside("Gevinstansvarlig") and not inside("Gevinstcontroller")
    assert nodes["Programejer"][0] < nodes["Gevinstansvarlig"][0] < nodes["Gevinstcontroller"][0]
    assert nodes["Programleder"][0] < nodes["Følgegruppe"][0]  # the advisory side box


def test_standing_organisation_draws_leadership_and_leaves_the_rest_light_or_to_the_table():
    m = run(FIXTURES / "clean").model
    dot = standing_organisation(m.roles)["dot"]
    edges = [line for line in dot.splitlines() if "->" in line and 'style="invis"' not in line]
    light = [line for line in edges if "#9a9a9a" in line]
    assert [re.search(r'label="([^"]*)"', line).group(1) for line in light] == ["arbejder sammen med"]
    assert not any(word in dot for word in ("udpeger", "rådgiver", "er medlem af"))
    assert sum('"rapporterer til"' in line or '"leder"' in line for line in edges) == len(edges) - 1
    near = standing_organisation(m.roles, focus="folgegruppe")["dot"]
    assert near.count('label="rådgiver"') == 4 and near.count("#9a9a9a") == 4  # advice, drawn light


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
    assert quote(wrap(evil, WRAP)) in dot  # wrapped like every long title, still one quoted string
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
        assert re.search(r'width="\d+" height="\d+"', tag)  # shown at its natural size where it fits
    assert programme.count('class="handbook-diagram-full"') == 2  # and one click away in full size
    assert "Figur 1: Organisationen omkring Velfærdsteknologi" in programme
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
