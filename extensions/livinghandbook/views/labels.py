"""Danish words for the data's English tokens, and where every entity lives in the handbook."""

from __future__ import annotations

import datetime as dt

from ..model.entities import (
    AdHoc, Benefit, Deliverable, Entity, Goal, Indicator, Municipality, Person, Portfolio, Programme,
    Project, Unit,
)

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
ENTITY_KIND = {"unit": "Enhed", "person": "Person", "goal": "Mål", "portfolio": "Portefølje",
               "programme": "Program", "project": "Projekt", "deliverable": "Leverance",
               "adhoc": "Ad hoc-indsats", "benefit": "Gevinst", "indicator": "Indikator"}
SEVERITY = {"error": "Fejl", "warning": "Advarsel", "info": "Info"}

# Documents. Overview pages are hand-written MyST in handbook/ holding one directive each;
# entity pages are generated stubs in these folders.
ROLE_DIR, PROGRAMME_DIR, PROJECT_DIR = "rolle", "program", "projekt"
PORTFOLIO_DOC, STANDALONE_DOC, GOALS_DOC = "portefolje", "selvstaendige", "maal"
ORGANISATION_DOC, PEOPLE_DOC, TRACE_DOC = "organisation", "personer", "sporbarhed"
FINDINGS_DOC, RULES_DOC, ROLES_DOC = "fund", "regler", "roller"


def role_doc(role_id: str) -> str:
    return f"{ROLE_DIR}/{role_id}"


def benefit_home(b: Benefit) -> str:
    programmes = b.programmes
    return f"{PROGRAMME_DIR}/{programmes[0].id}" if programmes else STANDALONE_DOC


def home(entity: Entity) -> tuple[str, str]:
    """(docname, anchor) of the place that shows an entity; anchor '' is the page itself."""
    if isinstance(entity, Programme):
        return f"{PROGRAMME_DIR}/{entity.id}", ""
    if isinstance(entity, Project):
        return f"{PROJECT_DIR}/{entity.id}", ""
    if isinstance(entity, Deliverable):
        return f"{PROJECT_DIR}/{entity.project.id}", entity.id  # type: ignore[union-attr]
    if isinstance(entity, AdHoc):
        return (f"{PROGRAMME_DIR}/{entity.programme.id}" if entity.programme else STANDALONE_DOC), entity.id
    if isinstance(entity, Benefit):
        return benefit_home(entity), entity.id
    if isinstance(entity, Indicator):
        return benefit_home(entity.benefit), entity.id  # type: ignore[arg-type]
    if isinstance(entity, Goal):
        return GOALS_DOC, entity.id
    if isinstance(entity, Unit):
        return ORGANISATION_DOC, entity.id
    if isinstance(entity, Person):
        return PEOPLE_DOC, entity.id
    if isinstance(entity, Portfolio):
        return PORTFOLIO_DOC, entity.id
    raise TypeError(f"no home for {entity!r}")  # pragma: no cover - every kind is above


def entity_label(m: Municipality, entity: Entity) -> str:
    """How an entity is named in links: people respect ``publish_names``."""
    if isinstance(entity, Person):
        return m.person_label(entity)
    return entity.label


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
