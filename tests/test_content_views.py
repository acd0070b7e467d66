"""What the reader's pages say (issue 14, content): indicators in words, Danish dates,
units and plurals, the people × roles matrix in the method's order, a page per person,
the editors' findings page, and no G12 where G05 already fires. Views only, no Sphinx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import FIXTURES, hide_names, make_folder, run
from livinghandbook.charts.indicator import indicator_svg, value_axis
from livinghandbook.findings import Finding, Location, Severity
from livinghandbook.model.entities import Indicator, Measurement, ValueAt
from livinghandbook.views import labels as L
from livinghandbook.views.blocks import Fields, Link, Section, Table, inlines_of, walk
from livinghandbook.views.entity_pages import payback_text, programme_page, role_page
from livinghandbook.views.findings_view import findings_page
from livinghandbook.views.indicators import indicator_alt, indicator_rows, verdict
from livinghandbook.views.overview_pages import people_page, roles_page
from livinghandbook.views.person_page import person_page

TODAY = dt.date(2026, 11, 28)
HERE = Location("x.yaml")


def text(blocks) -> str:
    """Every string the blocks show, in order (link texts included)."""
    parts = []
    for block in walk(blocks):
        if isinstance(block, Section):
            parts.append(block.title)
        if isinstance(block, Fields):
            parts.extend(label for label, _value in block.rows)
        for item in inlines_of(block):
            parts.append(item if isinstance(item, str) else getattr(item, "text", ""))
        if isinstance(block, Table):
            parts.extend(block.headers)
    return " ".join(parts)


def links(blocks) -> list[Link]:
    return [item for block in walk(blocks) for item in inlines_of(block) if isinstance(item, Link)]


def indicator(baseline: float | None, latest: list[float], target: float | None, unit: str = "%",
              start: dt.date = dt.date(2026, 1, 1), end: dt.date = dt.date(2026, 12, 31)) -> Indicator:
    ind = Indicator("I-X", HERE, indicator_kind="effect", title="Måling", unit=unit,
                    baseline=ValueAt(baseline, start) if baseline is not None else None,
                    target=ValueAt(target, end) if target is not None else None)
    ind.measurements = [Measurement(dt.date(2026, 6, 30) + dt.timedelta(days=i), v) for i, v in enumerate(latest)]
    return ind


# -- indicators ------------------------------------------------------------------------------
@pytest.mark.parametrize("latest, word", [(118, "nået"), (100, "nået"), (85, "på vej"), (80, "bagud"), (20, "bagud"),
                                          (-5, "bagud")])
def test_verdict_compares_progress_with_time(latest, word):
    # 91 % of the time has passed on TODAY: 85 % of the way is "på vej" (within 10 points), 80 % is not.
    found = verdict(indicator(0, [latest], 100), TODAY)
    assert found is not None and found.word == word
    assert found.text.startswith(word.capitalize())


def test_passing_the_target_says_it_is_met_not_118_percent():
    found = verdict(indicator(0, [118], 100), TODAY)
    assert found.text == "Nået: målet er nået og overgået."
    assert "118" not in found.text


def test_a_falling_target_is_met_by_falling():
    assert verdict(indicator(45, [34], 35, unit="minutter"), TODAY).word == "nået"
    assert verdict(indicator(45, [46], 35, unit="minutter"), TODAY).word == "bagud"


def test_past_target_date_without_the_target_is_behind():
    found = verdict(indicator(0, [90], 100, end=dt.date(2026, 10, 1)), TODAY)
    assert found.word == "bagud" and "måldatoen 1. oktober 2026 er passeret" in found.text


def test_no_verdict_without_baseline_target_or_measurements():
    assert verdict(indicator(None, [5], 10), TODAY) is None
    assert verdict(indicator(0, [], 10), TODAY) is None
    assert verdict(indicator(0, [5], None), TODAY) is None


def test_indicator_rows_in_words_with_danish_dates_and_units():
    rows = dict(indicator_rows(indicator(0, [36], 80), TODAY))
    assert rows["Udgangspunkt"] == "0\N{NO-BREAK SPACE}% (1. januar 2026)"
    assert rows["Seneste måling"] == "36\N{NO-BREAK SPACE}% (30. juni 2026)"
    assert rows["Mål"] == "80\N{NO-BREAK SPACE}% senest 31. december 2026"
    assert rows["Vurdering"].startswith("Bagud: kun 45\N{NO-BREAK SPACE}% af vejen")
    # The latest value and the share of the way are never side by side in one sentence.
    assert "%" not in rows["Seneste måling"].split("(")[1]


@pytest.mark.parametrize("value, unit, shown", [(64, "antal", "64"), (36, "%", "36\N{NO-BREAK SPACE}%"),
                                                (1, "timer", "1\N{NO-BREAK SPACE}time"),
                                                (12.5, "timer", "12,5\N{NO-BREAK SPACE}timer"),
                                                (4000, "kr", "4.000\N{NO-BREAK SPACE}kr.")])
def test_units_in_danish(value, unit, shown):
    assert L.quantity(value, unit) == shown


def test_alt_text_has_the_verdict_and_no_iso_dates():
    alt = indicator_alt(indicator(0, [36], 80), TODAY)
    assert "1. januar 2026" in alt and "2026-01-01" not in alt and "Bagud" in alt


def test_value_axis_shows_a_small_fall_instead_of_starting_at_zero():
    ticks, broken = value_axis([100.0, 95.0, 87.0])  # a 13 % fall
    assert broken and ticks[0] > 0 and ticks[0] <= 87 and ticks[-1] >= 100
    assert (ticks[-1] - ticks[0]) < 50  # the fall fills the chart, not its top sliver
    assert value_axis([0.0, 35.0, 75.0]) == ([0.0, 25.0, 50.0, 75.0, 100.0], False)
    svg = indicator_svg({"id": "x", "title": "t", "unit": "", "baseline": ["2026-01-01", 100],
                         "target": ["2026-12-31", 80], "points": [["2026-06-30", 87]]})
    assert ">0<" not in svg and "l12 -6" in svg  # no zero tick; the axis carries the break mark


def test_large_values_keep_clear_of_the_axis_title():
    """"2.000.000" must not run under the upright "Værdi (kr.)" or off the chart's left edge
    (it did in the print handbook)."""
    import re

    svg = indicator_svg({"id": "x", "title": "t", "unit": "kr.", "baseline": ["2025-06-01", 0],
                         "target": ["2027-12-31", 1800000], "points": [["2026-06-30", 700000]]})
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" dy="0.32em" text-anchor="end"[^>]*>([^<]+)</text>', svg)
    assert any(text == "2.000.000" for _x, text in labels)
    for x, text in labels:  # right-aligned at x; the title's glyphs reach x = 20
        assert float(x) - 7 * len(text) >= 24, text


# -- Danish ------------------------------------------------------------------------------------
def test_dates_and_plurals():
    assert L.date_da(dt.date(2026, 12, 31)) == "31. december 2026"
    assert L.plural(1, "projekt", "projekter") == "1 projekt"
    assert L.plural(3, "projekt", "projekter") == "3 projekter"


def test_programme_page_in_danish():
    m = run(FIXTURES / "clean").model
    shown = text(programme_page(m, m.entities["P-1"], {}, today=TODAY))
    assert "Tilbagebetalingsår" in shown and "2028 (forventet)" in shown and "Tilbagebetalt" not in shown
    assert "rapporteret 31. oktober 2026" in shown and "2026-10-31" not in shown
    assert payback_text(2025, TODAY) == "2025" and payback_text(2027, TODAY) == "2027 (forventet)"


def test_no_benefits_no_map_but_a_sentence(folder_factory):
    m = run(folder_factory(files={"zz.yaml": (FIXTURES / "rules" / "G05" / "break.yaml").read_text()})).model
    blocks = programme_page(m, m.entities["P-X"], {}, today=TODAY)
    diagrams = [b for b in walk(blocks) if type(b).__name__ == "Diagram"]
    assert len(diagrams) == 1  # the organisation only: no empty benefits map
    assert "Programmet har ingen gevinster endnu, så der er intet gevinstdiagram" in text(blocks)


def test_role_page_opens_with_the_danish_summary_and_names_other_names_lower_down():
    m = run(FIXTURES / "clean").model
    blocks = role_page(m, m.roles["programejer"], m.roles)
    children = blocks[0].children
    first = next(b for b in children if type(b).__name__ != "Need")
    assert type(first).__name__ == "Para" and first.content[0] == m.roles["programejer"].summary
    titles = [b.title for b in children if isinstance(b, Section)]
    assert titles[-1] == "Andre navne"
    assert m.roles["programejer"].name_en in text([children[-1]])


# -- people × roles, person pages -----------------------------------------------------------------
def test_matrix_columns_in_the_methods_order_with_counts_linking_to_the_person_page():
    m = run(FIXTURES / "clean").model
    [table] = [b for b in people_page(m) if isinstance(b, Table)]
    assert "handbook-matrix" in table.classes
    roles = [h for h in table.headers[1:-1]]
    expected = [m.roles[r].name for r in L.ROLE_ORDER if m.roles[r].assignments]
    assert roles == expected
    row = next(r for r in table.rows if any(isinstance(i, Link) and i.target == "sochef" for i in r[0]))
    marks = [item for cell in row[1:-1] for item in cell if isinstance(item, Link)]
    assert {mark.text for mark in marks} >= {"✓ 1"}
    owner = next(mark for mark in marks if mark.target.endswith("-programejer"))
    assert owner.target == "person/sochef#sochef-programejer"
    assert row[-1] == (str(len(m.entities["sochef"].assignments)),)


def test_matrix_without_published_names_links_to_role_pages(folder_factory):
    folder = hide_names(folder_factory())
    m = run(folder).model
    assert not any(x.has_page for x in m.people) and L.home(m.entities["sochef"]) == ("personer", "sochef")
    blocks = people_page(m)
    targets = {link.target for link in links(blocks)}
    assert "rolle/programejer#programejer-her" in targets and not any(t.startswith("person/") for t in targets)
    assert "Sanne" not in text(blocks)


def test_person_page_lists_every_role_on_what_and_the_status():
    m = run(FIXTURES / "clean").model
    person = m.entities["sochef"]
    blocks = person_page(m, person, {}, TODAY)
    sections = [b for b in walk(blocks) if isinstance(b, Section)]
    role_sections = [s for s in sections if "handbook-person-role" in s.classes]
    held = L.in_role_order(list(dict.fromkeys(a.role.id for a in person.assignments)))
    assert [s.anchor for s in role_sections] == [f"sochef-{r}" for r in held]
    assert sum(int(s.title.rsplit("(", 1)[1].rstrip(")")) for s in role_sections) == len(person.assignments)
    targets = {link.target for link in links(blocks)}
    assert {"P-1", "PR-1", "AH-1", "B-1"} <= targets
    shown = text(blocks)
    assert "Central gevinstansvarlig" in shown and "Decentral gevinstansvarlig" in shown
    assert "Gennemførelse, grøn, rapporteret 31. oktober 2026" in shown
    assert "Tidlig indikator: bagud" in shown  # 40 % of the way after 11 of 12 months


# -- findings ----------------------------------------------------------------------------------------
def test_findings_page_for_editors(folder_factory):
    folder = folder_factory(files={"zz.yaml": (FIXTURES / "rules" / "G05" / "break.yaml").read_text()})
    v = run(folder)
    m = v.model
    person = Finding("G13", Severity.INFO, "sochef har 9 rolletildelinger", Location(str(folder / "kommune.yaml"), 20),
                     entity="sochef")
    blocks = findings_page(m, [*v.findings, person])
    groups = [b for b in blocks if isinstance(b, Section)]
    assert [g.anchor for g in groups] == ["fund-P-X", "fund-kommunen"]  # by programme, the whole last
    severities = [s for g in groups for s in g.children if isinstance(s, Section)]
    assert [s.anchor for s in severities] == ["fund-P-X-error", "fund-P-X-warning", "fund-kommunen-info"]
    assert all("handbook-findings-severity" in s.classes for s in severities)
    shown = text(blocks)
    assert str(folder) not in shown and "zz.yaml, linje 2" in shown  # relative to the data folder
    names = [link.text for link in links(blocks)]
    assert "Program organiseret efter leverancer (P-X)" in names  # the name next to the id
    assert "Sanne Holmgaard (sochef)" in names
    assert "Sådan retter du det:" in shown and "Beskriv programmets gevinster" in shown


def test_g12_is_quiet_where_g05_fires_unless_g05_is_off(tmp_path):
    overlay = {"zz.yaml": (FIXTURES / "rules" / "G05" / "break.yaml").read_text()}
    found = {(f.rule, f.entity) for f in run(make_folder(tmp_path / "a", files=overlay)).findings}
    assert ("G05", "P-X") in found and ("G12", "P-X") not in found
    folder = make_folder(tmp_path / "b", files=overlay)
    path = folder / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  reporting_interval_days: 90", "  reporting_interval_days: 90\n  rules: {G05: off}"), encoding="utf-8")
    found = {(f.rule, f.entity) for f in run(folder).findings}
    assert ("G05", "P-X") not in found and ("G12", "P-X") in found


def test_roles_page_in_the_methods_order():
    m = run(FIXTURES / "clean").model
    table = next(b for b in roles_page(m) if isinstance(b, Table))
    order = [row[0][0].target for row in table.rows]
    assert order == L.in_role_order(list(m.roles))
    assert order[:4] == ["portefoljeledelse", "programkomite", "programejer", "programleder"]


def test_no_view_writes_iso_dates_for_readers(tmp_path: Path):
    m = run(FIXTURES / "clean").model
    pages = [programme_page(m, p, {}, today=TODAY) for p in m.programmes]
    pages += [person_page(m, x, {}, TODAY) for x in m.people]
    for blocks in pages:
        shown = text(blocks)
        assert "2026-" not in shown and "2025-" not in shown
        assert "(er)" not in shown and " 1 projekter" not in shown
