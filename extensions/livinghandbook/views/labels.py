"""Danish words for the data's English tokens, and where every entity lives in the handbook."""

from __future__ import annotations

import datetime as dt

from .docnames import (  # noqa: F401 - re-exported: views name documents through labels
    FINDINGS_DOC, GOALS_DOC, ORGANISATION_DOC, PEOPLE_DOC, PORTFOLIO_DOC, PROGRAMME_DIR, PROJECT_DIR, ROLE_DIR,
    ROLES_DOC, RULES_DOC, STANDALONE_DOC, TRACE_DOC, role_doc,
)
from .kinds import KINDS, benefit_home, entity_label, home  # noqa: F401 - re-exported

__all__ = [  # what views and the Sphinx layer import from here
    "FINDINGS_DOC", "GOALS_DOC", "ORGANISATION_DOC", "PEOPLE_DOC", "PORTFOLIO_DOC", "PROGRAMME_DIR", "PROJECT_DIR",
    "ROLE_DIR", "ROLES_DOC", "RULES_DOC", "STANDALONE_DOC", "TRACE_DOC", "role_doc", "benefit_home", "entity_label",
    "home", "PHASE", "RAG", "BENEFIT_KIND", "INDICATOR_KIND", "UNIT_KIND", "LEVEL", "HOLDERS", "ENTITY_KIND",
    "SEVERITY", "money", "MONTHS", "date_da", "plural", "number", "health",
]

PHASE = {"idea": "Idé", "analysis": "Analyse", "execution": "Gennemførelse", "closed": "Afsluttet",
         "realisation": "Gevinstrealisering"}
RAG = {"green": "Grøn", "amber": "Gul", "red": "Rød"}
BENEFIT_KIND = {"economic": "Økonomisk", "efficiency": "Effektivitet", "quality": "Kvalitet",
                "strategic": "Strategisk"}
INDICATOR_KIND = {"early": "Tidlig indikator", "success": "Succeskriterium", "effect": "Effekt"}
UNIT_KIND = {"direktion": "Direktion", "forvaltning": "Forvaltning", "center": "Center", "afdeling": "Afdeling"}
LEVEL = {"portfolio": "portefølje", "programme": "program", "project": "projekt", "adhoc": "ad hoc-indsats",
         "benefit": "gevinst"}
HOLDERS = {"one": "én person", "many": "en gruppe"}
ENTITY_KIND = {k.name: k.singular for k in KINDS}
SEVERITY = {"error": "Fejl", "warning": "Advarsel", "info": "Info"}


def money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,} kr.".replace(",", ".")


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")


def date_da(day: dt.date | None, missing: str = "ukendt") -> str:
    """A date as Danish readers write it: '31. december 2026' (ISO stays in data and JSON)."""
    if day is None:
        return missing
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def plural(count: int, one: str, many: str) -> str:
    """'1 projekt', '3 projekter': the count with the right Danish form."""
    return f"{count} {one if count == 1 else many}"


def number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def health(errors: int, warnings: int, infos: int) -> str:
    """'0 fejl, 3 advarsler, 1 info' with Danish plurals."""
    return f"{errors} fejl, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}, {infos} info"
