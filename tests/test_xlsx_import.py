"""``handbook import``: a workbook back into a data folder, touching only what changed."""

from __future__ import annotations

import difflib
import re
import shutil

import openpyxl
import pytest

from helpers import FIXTURES, TODAY
from livinghandbook.cli import main
from xlsx_helpers import edit, export, find_row, model_and_findings, run_import, snapshot

CELL_LINE = re.compile(r"^(?P<book>[^:]+\.xlsx):(?P<sheet>[^!]+)!(?P<cell>[A-Z]+\d+): "
                       r"(?P<sev>error|warning|info): (?P<rule>[EG]\d\d\d?): (?P<msg>.+)$")


@pytest.fixture
def data(tmp_path):
    """A copy of the commented fixture folder, and its workbook."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "xlsx", folder)
    return folder, export(folder, tmp_path / "testby.xlsx")


def _comments(text: str) -> list[str]:
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line]


def test_one_cell_edit_changes_exactly_one_file(data, tmp_path):
    folder, book = data
    before = snapshot(folder)
    row = find_row(book, "Projekter", "PR-1")
    edited = edit(book, tmp_path / "edited.xlsx", {("Projekter", f"B{row}"): "Vasketoiletter i alle boliger"})
    code, _out, err = run_import(edited, folder)
    assert code == 0, err
    after = snapshot(folder)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["p-velfaerd.yaml"]
    old, new = (s[changed[0]].decode().splitlines() for s in (before, after))
    diff = [d for d in difflib.unified_diff(old, new, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
    assert diff == ["-  title: Vasketoiletter", "+  title: Vasketoiletter i alle boliger"]
    assert "PR-1" in err


def test_comments_and_layout_are_kept_in_the_changed_file(data, tmp_path):
    folder, book = data
    original = (folder / "p-velfaerd.yaml").read_text(encoding="utf-8")
    programme, project = find_row(book, "Programmer", "P-1"), find_row(book, "Projekter", "PR-1")
    edited = edit(book, tmp_path / "edited.xlsx", {
        ("Programmer", f"B{programme}"): "Velfærdsteknologi i hele kommunen",  # a line with a comment
        ("Projekter", f"H{project}"): "Grøn",  # inside a flow mapping
        ("Indikatorer", f"I{find_row(book, 'Indikatorer', 'I-3', 2)}"): "2028-06-30",
    })
    assert run_import(edited, folder)[0] == 0
    text = (folder / "p-velfaerd.yaml").read_text(encoding="utf-8")
    assert _comments(text) == _comments(original)
    assert re.search(r"\n  title: Velfærdsteknologi i hele kommunen +# navnet fra direktionens beslutning\n", text)
    assert "  status: {phase: execution, rag: green, reported: 2026-11-01, note: Lidt forsinket.}" in text
    assert "og så de ældre selv bestemmer mere i deres hverdag." in text  # the wrapped line, untouched
    assert "  purpose: 'Toiletbesøg uden hjælp: \"værdighed\" først.'" in text  # quoting untouched
    changed = [d for d in difflib.ndiff(original.splitlines(), text.splitlines()) if d[:2] in ("- ", "+ ")]
    assert len(changed) == 6  # three lines out, three in: nothing else moved


def test_windows_line_ends_are_kept(data, tmp_path):
    folder, book = data
    path = folder / "p-velfaerd.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    edited = edit(book, tmp_path / "e.xlsx", {("Projekter", f"B{find_row(book, 'Projekter', 'PR-2')}"): "Omdøbt"})
    assert run_import(edited, folder)[0] == 0
    old, new = before.split(b"\r\n"), path.read_bytes().split(b"\r\n")
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new)) == 1
    assert b"title: Omd\xc3\xb8bt" in path.read_bytes()


def test_bad_enum_and_dangling_reference_are_reported_at_their_cells(data, tmp_path):
    folder, book = data
    before = snapshot(folder)
    row = find_row(book, "Projekter", "PR-1")
    edited = edit(book, tmp_path / "bad.xlsx", {("Projekter", f"H{row}"): "Lilla",
                                                 ("Projekter", f"C{row}"): "P-11"})
    code, out, err = run_import(edited, folder)
    assert code == 1
    lines = [line for line in out.splitlines() if ": error: " in line]
    assert lines == [
        f"{edited}:Projekter!C{row}: error: E004: 'PR-1' henviser i 'programme' til 'P-11', som ikke findes; "
        "her skal stå id'et på et program. Mente du 'P-1'?",
        f"{edited}:Projekter!H{row}: error: E002: 'Lilla' er ikke en af valgmulighederne i kolonnen "
        "'Trafiklys'; vælg en af: Grøn, Gul, Rød",
    ]
    assert all(CELL_LINE.match(line) for line in out.splitlines())
    assert "intet er skrevet" in err
    assert snapshot(folder) == before  # nothing written


def test_all_errors_in_one_run_even_across_validation_stages(data, tmp_path):
    folder, book = data
    project, person = find_row(book, "Projekter", "PR-2"), find_row(book, "Personer", "mal")
    edited = edit(book, tmp_path / "bad.xlsx", {
        ("Projekter", f"E{project}"): "ikke en dato",   # schema (E002): validation's first stage
        ("Projekter", f"A{project}"): "PR-1",           # duplicate id (E003): its second stage
        ("Personer", f"D{person}"): "ingen-enhed",      # unknown reference (E004)
        ("Projekter", f"B{project}"): None,             # a missing title (E002), at the empty cell
    })
    code, out, _err = run_import(edited, folder)
    found = {(m["cell"], m["rule"]) for m in map(CELL_LINE.match, out.splitlines()) if m and m["sev"] == "error"}
    assert code == 1
    assert {(f"E{project}", "E002"), (f"A{project}", "E003"), (f"D{person}", "E004"),
            (f"B{project}", "E002")} <= found


def test_nothing_is_written_into_a_new_folder_on_error(data, tmp_path):
    _folder, book = data
    edited = edit(book, tmp_path / "bad.xlsx", {("Enheder", f"C{find_row(book, 'Enheder', 'so')}"): "Ministerium"})
    target = tmp_path / "ny"
    code, out, _err = run_import(edited, target)
    assert code == 1 and "Enheder!C" in out
    assert not target.exists() and not list(tmp_path.glob(".ny-*"))


def test_reordered_and_extra_columns_and_trailing_rows_are_fine(data, tmp_path):
    folder, book = data
    wb = openpyxl.load_workbook(book)
    for name in ("Projekter", "Gevinster", "Rolletildelinger"):
        ws = wb[name]
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        ws.delete_rows(1, ws.max_row)
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(reversed(row), start=2):  # reversed, one column to the right
                ws.cell(r, c, value)
            ws.cell(r, 1, "min egen kolonne" if r > 2 else "Noter")
        for r in range(len(grid) + 1, len(grid) + 6):
            ws.cell(r, 1, "")  # trailing rows with an empty string
    wb["Personer"].delete_rows(1)  # no key row: the Danish labels find the columns
    wb.save(tmp_path / "reordered.xlsx")
    code, _out, err = run_import(tmp_path / "reordered.xlsx", tmp_path / "ny")
    assert code == 0, err
    assert model_and_findings(tmp_path / "ny") == model_and_findings(folder)


def test_merged_cells_and_formulas_are_reported_clearly(data, tmp_path):
    folder, book = data
    wb = openpyxl.load_workbook(book)
    wb["Gevinster"].merge_cells("B3:C3")
    wb["Programmer"]["D3"] = "=500000*2"
    wb.save(tmp_path / "odd.xlsx")
    code, out, _err = run_import(tmp_path / "odd.xlsx", folder)
    assert code == 1
    assert "odd.xlsx:Gevinster!B3: error: E001: cellerne B3:C3 er flettet" in out
    assert "odd.xlsx:Programmer!D3: error: E001: cellen indeholder en formel" in out


def _without_adhoc(book, out):
    wb = openpyxl.load_workbook(book)
    for sheet, column in (("Ad hoc-indsatser", 1), ("Rolletildelinger", 1), ("Muliggørere", 4)):
        ws = wb[sheet]
        for r in range(ws.max_row, 2, -1):
            if ws.cell(r, column).value == "AH-1":
                ws.delete_rows(r)
    wb.save(out)
    return out


def test_removed_rows_are_removed_only_with_allow_delete(data, tmp_path):
    folder, book = data
    before = snapshot(folder)
    edited = _without_adhoc(book, tmp_path / "fewer.xlsx")
    code, _out, err = run_import(edited, folder)
    assert code == 1 and "ad hoc-indsats AH-1 (p-velfaerd.yaml)" in err and "--allow-delete" in err
    assert snapshot(folder) == before
    code, _out, err = run_import(edited, folder, allow_delete=True)
    assert code == 0, err
    after = snapshot(folder)
    assert after["kommune.yaml"] == before["kommune.yaml"]
    assert b"AH-1" not in after["p-velfaerd.yaml"] and b"# Programmet Velf" in after["p-velfaerd.yaml"]


def test_new_rows_go_to_the_file_that_holds_their_kind(data, tmp_path):
    folder, book = data
    wb = openpyxl.load_workbook(book)
    projects, people = wb["Projekter"], wb["Personer"]
    projects.append(["PR-3", "Nyt projekt", "P-1"])
    people.append(["ny", "Nina Yde", "Konsulent", "so"])
    wb["Rolletildelinger"].append(["PR-3", "projektleder", "ny"])
    wb.save(tmp_path / "more.xlsx")
    before = snapshot(folder)
    code, _out, err = run_import(tmp_path / "more.xlsx", folder)
    assert code == 0, err
    after = snapshot(folder)
    assert after["p-velfaerd.yaml"].startswith(before["p-velfaerd.yaml"].split(b"\nadhoc:")[0])
    assert b"- id: PR-3" in after["p-velfaerd.yaml"] and b"projektleder: ny" in after["p-velfaerd.yaml"]
    assert b"id: ny" in after["kommune.yaml"] and set(after) == set(before)


def test_a_missing_sheet_leaves_its_data_alone(data, tmp_path):
    folder, book = data
    wb = openpyxl.load_workbook(book)
    del wb["Målinger"]
    wb.save(tmp_path / "partial.xlsx")
    before = snapshot(folder)
    code, _out, err = run_import(tmp_path / "partial.xlsx", folder)
    assert code == 0 and "arket 'Målinger' findes ikke" in err
    assert snapshot(folder) == before


def test_the_import_command(data, tmp_path, capsys):
    folder, book = data
    row = find_row(book, "Personer", "mal")
    edited = edit(book, tmp_path / "cli.xlsx", {("Personer", f"D{row}"): "nowhere"})
    assert main(["import", str(edited), str(folder), "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert CELL_LINE.match(out.splitlines()[0]) and f"Personer!D{row}: error: E004" in out
    assert main(["import", str(book), str(tmp_path / "kopi"), "--today", TODAY.isoformat(), "--dry-run"]) == 0
    assert not (tmp_path / "kopi").exists()
    assert main(["import", str(tmp_path / "findes-ikke.xlsx"), str(folder)]) == 2


def test_a_file_that_is_not_a_workbook(tmp_path, data):
    folder, _book = data
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    code, out, _err = run_import(fake, folder)
    assert code == 1 and out.startswith(f"{fake}: error: E001: filen kan ikke læses som et Excel-regneark")
