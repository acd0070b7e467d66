"""``handbook import <workbook.xlsx> <folder>``: the workbook back into a data folder.

Read the workbook (``read.py``), turn it into data (``from_rows.py``), decide what each
file becomes (``plan.py``), write the would-be folder into a temporary folder and run
the same validation as ``handbook validate`` on it. Any data error (E001–E005) is
reported at its cell (``locate.py``), all of them in one run, and nothing is written.
Otherwise the changed and new files are written, each atomically; a new folder appears
whole or not at all. Method findings (G…) never stop an import; they are shown at
their cells as well.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import paths
from ..data.yaml_positions import display_path
from ..fileio import write_bytes_atomic
from ..findings import Severity
from ..validate import Validation
from .from_rows import Document, document_from
from .layout import SHEETS
from .check import check
from .plan import Existing, Plan, plan_merge, plan_new, read_existing
from .read import read_workbook
from .report import Issue, error

SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}


@dataclass
class Outcome:
    plan: Plan
    issues: list[Issue] = field(default_factory=list)
    validation: Validation | None = None


def _attempt(doc: Document, existing: Existing | None, workbook: str, folder: Path, allow_delete: bool,
             today: dt.date | None, roles_dir: Path, literal: bool) -> tuple[Outcome, list[str]]:
    plan = (plan_merge(doc, existing, workbook, allow_delete, literal) if existing
            else plan_new(doc, workbook))
    texts = {**(existing.texts if existing else {}), **plan.texts}
    issues, validation, mismatches = check(doc, texts, plan.texts, folder, today, roles_dir)
    return Outcome(plan, issues, validation), mismatches


def _write(plan: Plan, folder: Path, existing: Existing | None) -> None:
    if existing is not None or (folder.is_dir() and not any(folder.iterdir())):
        for name, text in sorted(plan.texts.items()):
            write_bytes_atomic(folder / name, text.encode("utf-8"))
        return
    # A new folder appears whole or not at all: written beside it, then renamed.
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, text in sorted(plan.texts.items()):
            (staging / name).write_bytes(text.encode("utf-8"))
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _report(outcome: Outcome, workbook: str, out: TextIO) -> None:
    def key(issue: Issue) -> tuple[object, ...]:
        cell = issue.cell
        return (issue.severity.rank, issue.place, SHEET_ORDER.get(cell.sheet, 99) if cell else -1,
                cell.row if cell else 0, cell.col if cell else 0, issue.message)
    for issue in sorted(outcome.issues, key=key):
        print(issue.format_line(workbook), file=out)


def import_workbook(workbook: Path, folder: Path, allow_delete: bool = False, dry_run: bool = False,
                    today: dt.date | None = None, roles_dir: Path | None = None,
                    out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import; 0 when imported (or nothing to do), 1 when refused (nothing written)."""
    out, err = out or sys.stdout, err or sys.stderr
    shown = display_path(workbook)
    roles_dir = roles_dir or paths.roles_dir()
    book = read_workbook(workbook)
    if book.issues and not book.sheets:
        for issue in book.issues:
            print(issue.format_line(shown), file=out)
        print(f"Importen er stoppet: {shown} kan ikke læses (intet er skrevet).", file=err)
        return 1
    doc = document_from(book)
    existing = read_existing(folder) if folder.is_dir() and any(folder.glob("*.yaml")) else None
    if existing is not None and existing.problems:
        for finding in existing.problems:
            print(finding.format_line(), file=out)
        print(f"Importen er stoppet: datamappen {folder} har filer, der ikke kan læses; ret dem først "
              "(intet er skrevet).", file=err)
        return 1
    outcome, mismatches = _attempt(doc, existing, shown, folder, allow_delete, today, roles_dir, True)
    if mismatches:  # a text that a '|' block could not carry: once more, quoted
        outcome, mismatches = _attempt(doc, existing, shown, folder, allow_delete, today, roles_dir, False)
    if mismatches:
        outcome.issues.append(error("E001", "importen kunne ikke skrive disse poster, så de læses ens igen: "
                                            f"{', '.join(mismatches)} (en fejl i håndbogen; meld den)"))
    for note in doc.notes:
        print(f"Bemærk: {note}.", file=err)
    _report(outcome, shown, out)
    return _finish(outcome, folder, existing, allow_delete, dry_run, err)


KIND_DA = {"units": "enhed", "people": "person", "goals": "mål", "programmes": "program", "projects": "projekt",
           "adhoc": "ad hoc-indsats", "benefits": "gevinst", "roles": "lokal rolle", "deliverables": "leverance",
           "indicators": "indikator", "maturity": "modenhedsvurderingen", "portfolio": "porteføljen",
           "municipality": "kommunen"}


def _finish(outcome: Outcome, folder: Path, existing: Existing | None, allow_delete: bool, dry_run: bool,
            err: TextIO) -> int:
    plan = outcome.plan
    errors = [i for i in outcome.issues if i.stops_import]
    refused = bool(plan.deleted) and not allow_delete
    if plan.deleted:
        verb = "slettes" if allow_delete else "står i datamappen, men ikke i regnearket"
        print(f"Disse poster {verb}:", file=err)
        for key, ident, file in plan.deleted:
            print(f"  {KIND_DA.get(key, key)} {ident}" + (f" ({file})" if file else ""), file=err)
        if refused:
            print("Importen sletter kun, når du beder om det: kør igen med --allow-delete.", file=err)
    if errors or refused:
        print(f"Importen er stoppet: {len(errors)} fejl; intet er skrevet.", file=err)
        return 1
    if not plan.texts:
        print(f"Intet at importere: {folder} svarer allerede til regnearket.", file=err)
        return 0
    verb = "ville blive skrevet (prøvekørsel: intet er skrevet)" if dry_run else "er skrevet"
    print(f"Filer, der {verb} i {folder}: {', '.join(sorted(plan.texts))}", file=err)
    if existing is not None:
        for label, ids in (("ændret", plan.changed), ("nye", plan.added)):
            if ids:
                print(f"  {label}: {', '.join(ids)}", file=err)
    if not dry_run:
        _write(plan, folder, existing)
    return 0
