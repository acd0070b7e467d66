"""The workbook's two read-only sheets: "Om" (how to use and import it) and "Fund" (findings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..findings import Finding
from ..rules.engine import ALL_RULES
from ..views.labels import SEVERITY, date_da, health
from .layout import FINDINGS_SHEET, SHEETS

# (style, text): style "title", "heading" or "" for a paragraph.
Line = tuple[str, str]

FINDING_COLUMNS = (("Regel", 8), ("Alvor", 10), ("Hvad", 16), ("Besked", 70), ("Sådan retter du det", 60),
                   ("Sted i data", 28))


def about_lines(name: str, folder: Path, workbook: str, findings: list[Finding], today: dt.date) -> list[Line]:
    counts = [sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")]
    lines: list[Line] = [
        ("title", f"{name}: porteføljen som regneark"),
        ("", f"Udtrukket {date_da(today)} fra datamappen '{folder.name}'. Metodens regler fandt: "
             f"{health(*counts)} (se arket {FINDINGS_SHEET})."),
        ("", "Datamappen med YAML-filerne er stadig kilden til håndbogen. Det, du retter her, tæller først, "
             "når regnearket er importeret igen; så bygges håndbogen på ny fra de opdaterede data."),
        ("heading", "Sådan retter du"),
        ("", "Hvert ark er én slags data, med én række pr. program, projekt, gevinst og så videre. "
             "Kolonnen Id er nøglen, som de andre ark henviser til."),
        ("", "Hvor cellen har en liste at vælge fra, så brug den: faser, trafiklys og typer, og id'er fra de "
             "andre ark. Et nyt program skal stå i arket Programmer, før det kan vælges i arket Projekter."),
        ("", "Forbindelser med flere dele står i deres egne ark med én række pr. forbindelse: et programs mål "
             "(Programmål), hvad der muliggør en gevinst (Muliggørere), en gevinsts mål (Gevinstmål) og hvem "
             "der har hvilken rolle hvor (Rolletildelinger)."),
        ("", "Ny række: skriv den nederst i arket. Fjern noget: slet rækken; importen sletter dog kun, "
             "når det udtrykkeligt er bedt om (--allow-delete), ellers nævner den rækkerne og stopper."),
        ("", "Du må gerne sortere, filtrere, farve og tilføje dine egne kolonner. Importen finder kolonnerne "
             "ved deres nøgle i den skjulte række 1: ret ikke række 1, og omdøb ikke arkene."),
        ("", "Skriv værdier, ikke formler, og flet ikke celler: importen afviser begge dele og siger hvor."),
        ("", "En tom celle betyder, at oplysningen mangler. Kolonnen Fil viser, hvilken YAML-fil en række "
             "står i; lad den være."),
        ("heading", "Sådan importeres regnearket"),
        ("", f"handbook import {workbook} <datamappe> opdaterer datamappen: kun de poster, der er ændret, skrives "
             "om, i den fil, hvor de står. Alle andre filer bliver ikke rørt, og kommentarer og opstilling i "
             "de ændrede filer bevares."),
        ("", f"handbook import {workbook} <ny mappe> opretter en ny datamappe med de samme data."),
        ("", "Finder importen fejl, skrives der intet. Hver fejl peger på cellen, fx "
             f"'{workbook}:Projekter!C12: error: E004: …' (E004 er en henvisning til et id, der ikke findes). "
             "Ret cellerne og importer igen."),
        ("heading", "Arkene"),
    ]
    lines.extend(("", f"{sheet.name}: {sheet.about}") for sheet in SHEETS)
    lines.append(("", f"{FINDINGS_SHEET}: metodens fund ved udtrækket (kan ikke rettes her)."))
    return lines


def finding_rows(findings: list[Finding]) -> list[tuple[str, ...]]:
    """One row per finding, most serious first."""
    rows: list[tuple[str, ...]] = []
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.rule, f.entity or "", f.message)):
        rule = ALL_RULES.get(f.rule)
        where = f"{Path(f.location.path).name}:{f.location.line}"
        rows.append((f.rule, SEVERITY.get(f.severity.value, f.severity.value), f.entity or "", f.message,
                     rule.fix if rule else "", where))
    return rows
