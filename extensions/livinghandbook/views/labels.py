"""Danish words for the data's English tokens, and where every entity lives in the handbook."""

from __future__ import annotations

import datetime as dt

from .docnames import (  # noqa: F401 - re-exported: views name documents through labels
    FINDINGS_DOC, GOALS_DOC, ORGANISATION_DOC, PEOPLE_DOC, PORTFOLIO_DOC, PROGRAMME_DIR, PROJECT_DIR, ROLE_DIR,
    PERSON_DIR, ROLES_DOC, RULES_DOC, STANDALONE_DOC, TRACE_DOC, person_doc, role_doc,
)
from .kinds import KINDS, benefit_home, entity_label, home  # noqa: F401 - re-exported

__all__ = [  # what views and the Sphinx layer import from here
    "FINDINGS_DOC", "GOALS_DOC", "ORGANISATION_DOC", "PEOPLE_DOC", "PORTFOLIO_DOC", "PROGRAMME_DIR", "PROJECT_DIR",
    "ROLE_DIR", "ROLES_DOC", "RULES_DOC", "STANDALONE_DOC", "TRACE_DOC", "role_doc", "benefit_home", "entity_label",
    "home", "PHASE", "RAG", "BENEFIT_KIND", "INDICATOR_KIND", "UNIT_KIND", "LEVEL", "HOLDERS", "ENTITY_KIND",
    "SEVERITY", "money", "MONTHS", "date_da", "plural", "number", "health", "ROLE_ORDER", "in_role_order", "SEVERITY_PLURAL", "unit_label", "quantity", "PERSON_DIR",
    "person_doc",
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
SEVERITY_PLURAL = {"error": "Fejl", "warning": "Advarsler", "info": "Info"}
# The method's roles in the order the guide presents them (portfolio down to the project,
# then the handbook's own role for ad hoc efforts); a municipality's local roles come after.
ROLE_ORDER = ("portefoljeledelse", "programkomite", "programejer", "programleder", "gevinstansvarlig",
              "gevinstcontroller", "projektleder", "styregruppe", "projektdeltager", "folgegruppe", "ansvarlig")


def in_role_order(role_ids: list[str]) -> list[str]:
    """Role ids in the method's order (``ROLE_ORDER``), a municipality's own roles after in the
    order given."""
    known = [r for r in ROLE_ORDER if r in role_ids]
    return known + [r for r in role_ids if r not in ROLE_ORDER]


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


# Units editors write, as a Danish reader expects them after a number: a count needs no
# unit ("64", not "64 antal"), money is "kr.", and a unit in the plural takes the singular
# after 1 ("1 time").
UNIT_WORDS = {"antal": "", "stk": "", "stk.": "", "kr": "kr.", "dkk": "kr.", "procent": "%", "pct": "%",
              "pct.": "%"}
SINGULAR = {"timer": "time", "minutter": "minut", "dage": "dag", "uger": "uge", "måneder": "måned",
            "år": "år", "sekunder": "sekund", "borgere": "borger", "elever": "elev", "sager": "sag"}


def quantity(value: float, unit: str) -> str:
    """A measured value with its unit in Danish: '64', '36 %', '1 time', '12,5 timer', '4.000 kr.'."""
    word = unit.strip()
    word = UNIT_WORDS.get(word.lower(), word)
    if value == 1 and word.lower() in SINGULAR:
        word = SINGULAR[word.lower()]
    text = number(value)
    return f"{text}\N{NO-BREAK SPACE}{word}" if word else text


def unit_label(unit: str) -> str:
    """The unit as an axis or column label: '' for a count."""
    word = unit.strip()
    return UNIT_WORDS.get(word.lower(), word)


def health(errors: int, warnings: int, infos: int) -> str:
    """'0 fejl, 3 advarsler, 1 info' with Danish plurals."""
    return f"{errors} fejl, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}, {infos} info"
