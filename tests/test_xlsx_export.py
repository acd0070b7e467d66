"""``handbook build --format xlsx``: the workbook the portfolio office opens (issue 16)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from helpers import FIXTURES, REPO, TODAY, build_into
from livinghandbook.validate import validate_folder
from livinghandbook.xlsx.layout import ABOUT_SHEET, BY_NAME, FINDINGS_SHEET, LISTS_SHEET, SHEETS, Kind
from xlsx_helpers import export, find_row

SOLBJERG = REPO / "municipality_data" / "solbjerg"


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    path = export(SOLBJERG, tmp_path_factory.mktemp("xlsx") / "solbjerg.xlsx")
    return openpyxl.load_workbook(path)


def test_build_writes_the_workbook_without_sphinx(tmp_path, capsys):
    assert build_into(FIXTURES / "xlsx", tmp_path, fmt="xlsx") == 0
    workbook = tmp_path / "testby" / "xlsx" / "testby.xlsx"
    assert workbook.is_file() and workbook.stat().st_size > 10_000
    assert not (tmp_path / "testby" / "src").exists()  # no Sphinx staging: no Sphinx run
    assert str(workbook) in capsys.readouterr().out
    assert not list(workbook.parent.glob("*.tmp"))  # written atomically, nothing left over


def test_data_errors_stop_the_export_and_write_nothing(folder_factory, tmp_path, capsys):
    folder = folder_factory(files={"zz.yaml": "projects:\n  - {id: PR-X, title: T, programme: P-404}\n"})
    assert build_into(folder, tmp_path, fmt="xlsx") == 1
    err = capsys.readouterr().err
    assert "error: E004" in err and "intet er skrevet" in err
    assert not list(tmp_path.rglob("*.xlsx"))


def test_one_sheet_per_kind_with_danish_names(demo_book):
    names = demo_book.sheetnames
    assert names[0] == ABOUT_SHEET and demo_book.active.title == ABOUT_SHEET
    assert names[1:-2] == [s.name for s in SHEETS]
    for wanted in ("Programmer", "Projekter", "Leverancer", "Ad hoc-indsatser", "Gevinster", "Indikatorer",
                   "Målinger", "Mål", "Personer", "Enheder", "Rolletildelinger"):
        assert wanted in names
    assert names[-2:] == [FINDINGS_SHEET, LISTS_SHEET]
    assert demo_book[LISTS_SHEET].sheet_state == "hidden"


def test_header_frozen_filterable_with_keys_in_a_hidden_row(demo_book):
    for sheet in SHEETS:
        ws = demo_book[sheet.name]
        keys = [c.value for c in ws[1]][: len(sheet.columns)]
        labels = [c.value for c in ws[2]][: len(sheet.columns)]
        assert keys == [c.key for c in sheet.columns], sheet.name
        assert labels == [c.label for c in sheet.columns], sheet.name
        assert ws.row_dimensions[1].hidden, sheet.name
        assert ws.freeze_panes == "B3", sheet.name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), sheet.name
        assert all(ws.cell(2, i + 1).comment is not None for i in range(len(sheet.columns)))


def test_dropdowns_for_every_enum_and_every_reference(demo_book):
    for sheet in SHEETS:
        ws = demo_book[sheet.name]
        rules = {}
        for validation in ws.data_validations.dataValidation:
            for cells in validation.sqref.ranges:
                rules[cells.min_col] = (validation, cells)
        for index, column in enumerate(sheet.columns, start=1):
            if column.kind not in (Kind.ENUM, Kind.BOOL, Kind.REF):
                continue
            assert index in rules, f"{sheet.name}: {column.label} has no dropdown"
            validation, cells = rules[index]
            assert validation.type == "list" and cells.min_row == 3 and cells.max_row > ws.max_row
            if column.kind is Kind.REF and not column.target.startswith("_"):
                target = BY_NAME[column.target]
                letter = "AB"[target.columns.index(target.id_column)]
                assert validation.formula1.startswith(f"'{target.name}'!${letter}$3:${letter}$")
            elif column.kind is Kind.ENUM:
                assert validation.formula1.strip('"').split(",") == list(column.choices.values())


def test_dates_are_dates_and_numbers_are_numbers(demo_book):
    ws = demo_book["Programmer"]
    row = find_row_in(ws, "P-JOB")
    assert ws.cell(row, 4).value == 1_900_000 and ws.cell(row, 4).data_type == "n"
    assert ws.cell(row, 9).value == dt.datetime(2026, 11, 3)
    assert ws.cell(row, 9).number_format == "[$-406]d. mmmm yyyy"
    assert ws.cell(row, 7).value == "Gennemførelse" and ws.cell(row, 8).value == "Grøn"  # Danish, not tokens
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width  # fitted to the content


def find_row_in(ws, ident: str) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == ident)


def test_findings_sheet_is_read_only_with_rule_and_fix(demo_book):
    ws = demo_book[FINDINGS_SHEET]
    assert ws.protection.sheet
    assert [c.value for c in ws[1]] == ["Regel", "Alvor", "Hvad", "Besked", "Sådan retter du det", "Sted i data"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    findings = validate_folder(REPO / "municipality_data" / "solbjerg", today=TODAY).findings
    assert len(rows) == len(findings) and {r[0] for r in rows} == {f.rule for f in findings}
    g13 = [r for r in rows if r[0] == "G13"]
    assert g13 and g13[0][1] == "Info" and g13[0][4] and g13[0][5].startswith("kommune.yaml:")


def test_about_sheet_says_how_to_import(demo_book):
    text = "\n".join(str(c.value) for c in demo_book[ABOUT_SHEET]["A"] if c.value)
    assert "handbook import solbjerg.xlsx" in text and "--allow-delete" in text
    assert "Solbjerg Kommune" in text and all(s.name in text for s in SHEETS)


def test_hostile_text_is_written_as_text_never_as_a_formula(folder_factory, tmp_path):
    hostile = '=HYPERLINK("http://evil.example","klik") <script>x</script> {{ y }} 🎉'
    folder = folder_factory(files={"zz.yaml": f"goals:\n  - id: G-9\n    title: '{hostile}'\n"})
    book = openpyxl.load_workbook(export(folder, tmp_path / "h.xlsx"))
    row = find_row(tmp_path / "h.xlsx", "Mål", "G-9")
    cell = book["Mål"].cell(row, 2)
    assert cell.value == hostile and cell.data_type == "s"
