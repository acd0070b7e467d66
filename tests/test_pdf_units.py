"""The print handbook's pure parts, without a build: diagram placement, the index, the
HTML slimming, the pydyf shim and the PDF/UA identification."""

from __future__ import annotations

import io

import pikepdf
import pydyf
import pytest

from livinghandbook.pdf import _compat, figures, finish, index, slim


@pytest.mark.parametrize("size, page, pieces", [
    ((400, 200, 10), "portrait", 0),     # fits as it is
    ((585, 296, 9), "portrait", 0),      # scaled to 82 %: text 7.4 pt
    ((1001, 296, 9), "landscape", 0),    # too wide for portrait at 6.2 pt text, fits landscape
    ((1423, 302, 10), "portrait", 2),    # a wide, flat map: two strips on one page
    ((885, 1544, 9), "landscape", 3),    # a tall tree: three landscape pieces
    ((1015, 3294, 9), "text", 0),        # would take more than three pages: printed as text
])
def test_diagram_placement_keeps_text_at_six_points(size, page, pieces):
    facts = figures.SvgFacts(*size)
    placement = figures.place(facts)
    assert (placement.page, len(placement.tiles)) == (page, pieces)
    if page != "text":
        assert facts.smallest_text * placement.scale >= 6.0
        area = figures.PORTRAIT if page == "portrait" else figures.LANDSCAPE
        for tile in placement.tiles or [figures.Tile(0, 0, placement.width_pt, placement.height_pt)]:
            assert tile.width <= area[0] + 0.1 and tile.height <= area[1] + 0.1
        if placement.tiles:  # the pieces cover the whole diagram
            assert max(t.x + t.width for t in placement.tiles) >= placement.width_pt - 0.2
            assert max(t.y + t.height for t in placement.tiles) >= placement.height_pt - 0.2


def test_svg_facts_read_size_and_smallest_text(tmp_path):
    svg = tmp_path / "d.svg"
    svg.write_text('<?xml version="1.0"?>\n<svg width="476pt" height="332pt" viewBox="0 0 476 332">'
                   '<text font-size="10.00">a</text><text font-size="9.00">b</text></svg>', encoding="utf-8")
    assert figures.svg_facts(svg) == figures.SvgFacts(476.0, 332.0, 9.0)
    chart = tmp_path / "c.svg"
    chart.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" font-size="12"></svg>')
    assert figures.svg_facts(chart) == figures.SvgFacts(360.0, 150.0, 9.0)  # px → pt
    assert figures.svg_facts(tmp_path / "missing.svg") is None


def test_index_pages_are_distinct_and_sorted_the_danish_way():
    entry = index.Entry("Åse", ("a", "b", "c", "missing"))
    assert index.pages_of(entry, {"a": 12, "b": 12, "c": 9}) == [(9, "c"), (12, "a")]
    names = ["Åse", "Zenia", "Ærø", "Anna", "Østergård"]
    assert sorted(names, key=index.danish_key) == ["Anna", "Zenia", "Ærø", "Østergård", "Åse"]


def test_css_string_cannot_break_out():
    text = 'Kommune"; } @page { content: "x\\'
    literal = index.css_string(text)
    assert literal.startswith('"') and literal.endswith('"') and '"' not in literal[1:-1]
    assert "\\" + "22 " in literal and "{" not in literal


def test_slim_removes_wrappers_and_keeps_text():
    html = ('<td><p>Ejer: <a class="reference internal" href="#x"><span class="xref handbook-entity">'
            '&lt;b&gt; &amp; Co</span></a></p></td><li><p>x</p><ul><li><p>y</p></li></ul></li>'
            '<dt class="field-odd">Formål<span class="colon">:</span></dt><dd class="field-odd"><p>v</p></dd>'
            '<td><p>one</p><p>two</p></td>')
    assert slim.slim(html) == ('<td>Ejer: <a class="reference internal" href="#x">&lt;b&gt; &amp; Co</a></td>'
                               '<li><p>x</p><ul><li>y</li></ul></li><dt class="field-odd">Formål</dt>'
                               '<dd class="field-odd">v</dd><td><p>one</p><p>two</p></td>')


def test_cached_page_references_equal_pydyfs_own():
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert _compat.install()
    assert pdf.page_references == _compat.original_page_references(pdf)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == _compat.original_page_references(pdf) and len(pdf.page_references) == 4


def test_pdf_ua_identification_is_added_once_with_its_extension_schema():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = "Prøve"
    finish.declare_pdf_ua(pdf)
    finish.declare_pdf_ua(pdf)
    data = pdf.Root.Metadata.read_bytes()
    assert data.count(b"<pdfuaid:part>1</pdfuaid:part>") == 1
    assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in data
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as again, again.open_metadata() as meta:
        assert meta["pdfuaid:part"] == "1" and meta["dc:title"] == "Prøve"


def test_compact_matrix_counts_long_cells_only():
    from livinghandbook.sphinxext.print_trim import count_long_cells

    many = ", ".join(f'<a href="#b{i}">Gevinst {i}</a>' for i in range(6))
    # Cells with attributes (as the theme's script leaves them) are counted too.
    table = (f'<table class="handbook-table handbook-matrix docutils" role="table"><tr role="row">'
             f'<td role="cell" data-label="Person"><strong>Åse</strong></td>'
             f'<td role="cell" data-label="Gevinstansvarlig">{many}</td>'
             f'<td role="cell" data-label="Programejer"><a href="#p">Program</a></td></tr></table>')
    other = f'<table class="handbook-table" role="table"><tr><td role="cell" data-label="A">{many}</td></tr></table>'
    out = count_long_cells(table + other)
    assert '<td role="cell" data-label="Gevinstansvarlig">6 steder</td>' in out
    assert '<td role="cell" data-label="Programejer"><a href="#p">Program</a></td>' in out
    assert out.endswith(other)  # only the people × roles matrix
