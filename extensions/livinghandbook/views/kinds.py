"""One registry of entity kinds: for each, its model class, its key in the data, its
Danish names, its sphinx-needs type and colour, and where the handbook shows it.

Adding a kind of entity touches the model (``model/entities.py``), resolving
(``model/resolve.py``), the schema, a view showing it, and one ``Kind`` record here;
everything else (labels, links, needs types, homes) is read from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.entities import (
    AdHoc, Benefit, Deliverable, Entity, Goal, Indicator, Municipality, Person, Portfolio, Programme, Project,
    Unit,
)
from . import docnames as D

Home = Callable[[Entity], tuple[str, str]]  # entity -> (docname, anchor); anchor '' is the page itself


@dataclass(frozen=True)
class Kind:
    name: str  # the model's ``Entity.kind``
    cls: type[Entity]
    data_key: str  # where the data holds it ('' when it is nested in another kind)
    singular: str  # Danish
    plural: str  # Danish
    need_type: str  # sphinx-needs need type (directive name)
    colour: str  # the need type's colour in sphinx-needs' diagrams
    home: Home


def benefit_home(b: Benefit) -> str:
    programmes = b.programmes
    return f"{D.PROGRAMME_DIR}/{programmes[0].id}" if programmes else D.STANDALONE_DOC


def person_home(person: Person) -> tuple[str, str]:
    """A person's own page, or (names not published: no person pages) their row in the
    people × roles matrix, where they are named by title."""
    return (D.person_doc(person.id), "") if person.has_page else (D.PEOPLE_DOC, person.id)


def _person(e: Entity) -> tuple[str, str]:
    assert isinstance(e, Person)
    return person_home(e)


def _deliverable(e: Entity) -> tuple[str, str]:
    assert isinstance(e, Deliverable) and e.project is not None
    return f"{D.PROJECT_DIR}/{e.project.id}", e.id


def _adhoc(e: Entity) -> tuple[str, str]:
    assert isinstance(e, AdHoc)
    return (f"{D.PROGRAMME_DIR}/{e.programme.id}" if e.programme else D.STANDALONE_DOC), e.id


def _benefit(e: Entity) -> tuple[str, str]:
    assert isinstance(e, Benefit)
    return benefit_home(e), e.id


def _indicator(e: Entity) -> tuple[str, str]:
    assert isinstance(e, Indicator) and e.benefit is not None
    return benefit_home(e.benefit), e.id


KINDS: tuple[Kind, ...] = (
    Kind("unit", Unit, "units", "Enhed", "Enheder", "enhed", "#F3F3F3", lambda e: (D.ORGANISATION_DOC, e.id)),
    Kind("person", Person, "people", "Person", "Personer", "person", "#FFFFFF", _person),
    Kind("goal", Goal, "goals", "Mål", "Mål", "maal", "#CFE2F3", lambda e: (D.GOALS_DOC, e.id)),
    Kind("portfolio", Portfolio, "portfolio", "Portefølje", "Porteføljer", "portefolje", "#D9D2E9",
         lambda e: (D.PORTFOLIO_DOC, e.id)),
    Kind("programme", Programme, "programmes", "Program", "Programmer", "program", "#BFD8D2",
         lambda e: (f"{D.PROGRAMME_DIR}/{e.id}", "")),
    Kind("project", Project, "projects", "Projekt", "Projekter", "projekt", "#FEDCD2",
         lambda e: (f"{D.PROJECT_DIR}/{e.id}", "")),
    Kind("deliverable", Deliverable, "", "Leverance", "Leverancer", "leverance", "#FFF2CC",
         _deliverable),
    Kind("adhoc", AdHoc, "adhoc", "Ad hoc-indsats", "Ad hoc-indsatser", "adhoc", "#FCE5CD",
         _adhoc),
    Kind("benefit", Benefit, "benefits", "Gevinst", "Gevinster", "gevinst", "#D9EAD3",
         _benefit),
    Kind("indicator", Indicator, "", "Indikator", "Indikatorer", "indikator", "#EEEEEE",
         _indicator),
)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}


def kind_of(entity: Entity) -> Kind:
    return BY_NAME[entity.kind]


def home(entity: Entity) -> tuple[str, str]:
    """(docname, anchor) of the place that shows an entity; anchor '' is the page itself."""
    return kind_of(entity).home(entity)


def entity_label(m: Municipality, entity: Entity) -> str:
    """How an entity is named in links: people respect ``publish_names``."""
    if isinstance(entity, Person):
        return m.person_label(entity)
    return entity.label
