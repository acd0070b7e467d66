"""Helpers for the Excel round-trip tests: export a folder, import a workbook, compare."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl

from helpers import TODAY
from livinghandbook.data.folder import read_folder
from livinghandbook.export import model_to_dict
from livinghandbook.validate import Validation, validate_folder
from livinghandbook.xlsx.export import workbook_bytes
from livinghandbook.xlsx.importer import import_workbook


def export(folder: Path, workbook: Path) -> Path:
    """The workbook ``handbook build --format xlsx`` writes, at ``workbook``."""
    validation = validate_folder(folder, today=TODAY)
    assert validation.model is not None, [f.format_line() for f in validation.findings]
    raw, problems = read_folder(folder)
    assert not problems
    workbook.write_bytes(workbook_bytes(validation, raw.lists, raw.singles, workbook.name, TODAY))
    return workbook


def run_import(workbook: Path, folder: Path, **options: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = import_workbook(workbook, folder, today=TODAY, out=out, err=err, **options)
    return code, out.getvalue(), err.getvalue()


def model_and_findings(folder: Path) -> tuple[dict[str, Any], list[tuple[str, str, str | None, str]]]:
    """What a round trip must keep: portfolio.json without findings, and the findings
    (their positions aside: the files may be laid out differently)."""
    validation: Validation = validate_folder(folder, today=TODAY)
    assert validation.model is not None, [f.format_line() for f in validation.findings]
    findings = sorted((f.rule, f.severity.value, f.entity, f.message) for f in validation.findings)
    return model_to_dict(validation.model, []), findings


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def edit(workbook: Path, out: Path, changes: dict[tuple[str, str], Any]) -> Path:
    """Set cells ({(sheet, 'B7'): value}) with openpyxl, as a user's spreadsheet would."""
    book = openpyxl.load_workbook(workbook)
    for (sheet, cell), value in changes.items():
        book[sheet][cell] = value
    book.save(out)
    return out


def find_row(workbook: Path, sheet: str, ident: str, column: int = 1) -> int:
    """The 1-based row whose cell in ``column`` holds ``ident``."""
    book = openpyxl.load_workbook(workbook, read_only=True)
    for number, row in enumerate(book[sheet].iter_rows(values_only=True), start=1):
        if len(row) >= column and row[column - 1] == ident:
            return number
    raise AssertionError(f"{ident} not in {sheet}")


def resave_with_libreoffice(workbook: Path, out_dir: Path) -> Path:
    """The workbook as LibreOffice Calc saves it (headless, with its own profile)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Calc is missing: run 'bash scripts/bootstrap.sh browser' (make setup)"
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "profile").as_uri()
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    saved = out_dir / workbook.name
    assert saved.exists() and saved.read_bytes() != workbook.read_bytes()
    return saved
