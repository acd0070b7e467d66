"""Readable diagrams (issue 14): top-down hierarchies, a palette where every kind has its
own colour and shape with text that keeps its contrast, a legend of every kind shown,
text big enough at natural size, maps cut to a readable width, and no empty diagrams."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from helpers import FIXTURES, REPO, run
from livinghandbook.diagrams import palette
from livinghandbook.diagrams.benefit_maps import MAX_WIDTH, benefits_maps
from livinghandbook.diagrams.builders import portfolio_map
from livinghandbook.diagrams.organisation import programme_organisation

SVG = "{http://www.w3.org/2000/svg}"


def draw(dot: str) -> ET.Element:
    return ET.fromstring(subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True,
                                        check=True).stdout)


def positions(svg: ET.Element) -> dict[str, float]:
    """Each node's first text line → its y (SVG's y grows downwards)."""
    out = {}
    for group in svg.iter(f"{SVG}g"):
        texts = list(group.iter(f"{SVG}text"))
        if group.get("class") == "node" and texts:
            out.setdefault(texts[0].text or "", float(texts[0].get("y", 0)))
    return out


def legend_labels(dot: str) -> set[str]:
    return set(re.findall(r'label="([^"]*)", tooltip="[^"]*", fontsize="10"', dot))


def test_every_kind_has_its_own_colour_and_shape_and_readable_text():
    looks = palette.LOOKS
    shapes = {(look.shape, look.style) for look in looks.values()}
    fills = {look.fill for look in looks.values()}
    assert len(shapes) == len(looks) and len(fills) == len(looks)
    for name, look in looks.items():
        assert palette.contrast(palette.TEXT, look.fill) >= 4.5, name
    for fill in [*palette.RAG_FILLS.values(), palette.NO_STATUS]:
        assert palette.contrast(palette.TEXT, fill) >= 4.5


def test_programme_organisation_is_a_hierarchy_from_the_top_down():
    m = run(FIXTURES / "clean").model
    spec = programme_organisation(m, m.entities["P-1"])
    y = positions(draw(spec["dot"]))
    assert y["Programejer"] < y["Programleder"] < y["Vasketoiletter"] < y["Projektleder"]
    assert y["Programleder"] < y["Ny arbejdsgang"] < y["Ansvarlig"]
    assert abs(y["Vasketoiletter"] - y["Ny arbejdsgang"]) < 1  # efforts side by side, not a fan
    assert legend_labels(spec["dot"]) == {"Projekt", "Ad hoc-indsats", "Person i en rolle", "Gruppe af personer"}


def test_many_efforts_are_laid_out_in_rows_not_one_wide_fan():
    m = run(REPO / "municipality_data" / "solbjerg").model
    for p in m.programmes:
        spec = programme_organisation(m, p)
        if spec is None:
            continue
        width = float(draw(spec["dot"]).get("width", "0pt").removesuffix("pt"))
        assert width * 4 / 3 <= 1000, (p.id, width)  # px; the old fan was 1,361 pt


def test_benefits_map_reads_from_efforts_down_to_goals_with_a_legend_of_what_it_shows():
    m = run(FIXTURES / "clean").model
    [spec] = benefits_maps(m, m.entities["P-1"])
    y = positions(draw(spec["dot"]))
    assert y["Vasketoiletter"] < y["Toiletter"] < y["Færre hjælpebesøg"] < y["Flere ældre klarer"]
    assert legend_labels(spec["dot"]) == {"Projekt", "Ad hoc-indsats", "Leverance", "Effektivitetsgevinst",
                                          "Strategisk mål"}


def test_large_programmes_get_maps_that_fit_a_page():
    m = run(REPO / "municipality_data" / "solbjerg").model
    widths = []
    for p in m.programmes:
        specs = benefits_maps(m, p)
        efforts = [*p.projects, *p.adhoc]
        drawn = sum(len(re.findall(r'URL="hb:(?:projekt/[^"#]*"|program/[^"]*#AH-)', s["dot"])) for s in specs)
        assert not p.benefits or drawn >= len(efforts)  # every effort is on a map
        widths += [float(draw(s["dot"]).get("width", "0pt").removesuffix("pt")) for s in specs]
    assert widths and max(widths) <= MAX_WIDTH * 1.15  # the estimate errs a little either way


def test_text_is_at_least_10_px_at_natural_size():
    m = run(REPO / "municipality_data" / "solbjerg").model
    p = m.entities["P-SKOLE"]
    for spec in [programme_organisation(m, p), *benefits_maps(m, p), portfolio_map(m)]:
        sizes = [float(t.get("font-size", "0")) for t in draw(spec["dot"]).iter(f"{SVG}text")]
        assert sizes and min(sizes) * 4 / 3 >= 13  # points → px: 10 pt is 13.3 px


def test_no_empty_diagrams(folder_factory):
    m = run(folder_factory(files={"zz.yaml": "programmes:\n  - {id: P-TOM, title: Tomt program}\n"})).model
    assert programme_organisation(m, m.entities["P-TOM"]) is None
    assert benefits_maps(m, m.entities["P-TOM"]) == []


@pytest.mark.parametrize("kind", ["programme", "project"])
def test_portfolio_map_colours_mean_status_and_its_legend_says_so(kind):
    m = run(FIXTURES / "clean").model
    dot = portfolio_map(m)["dot"]
    assert "Status: grøn" in dot and "Status: gul" in dot and "Ingen statusrapport" in dot
    look = palette.look(kind)
    assert f'shape="{look.shape}"' in dot
