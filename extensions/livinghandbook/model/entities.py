"""The typed, resolved model of one municipality.

Every link is navigable both ways: a project knows its programme and the programme its
projects; a deliverable knows the benefits it enables and each benefit its enablers; a
person knows their role assignments and each role its assignments. The objects are built
only by :mod:`livinghandbook.model.resolve`, after the data has passed the schema, so
types here can be trusted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Union

from ..data.branding import Branding
from ..findings import Location

Level = Literal["portfolio", "programme", "project", "adhoc", "benefit"]


@dataclass(eq=False, repr=False)
class Entity:
    """Anything with an id that can be referenced from anywhere in the municipality."""

    id: str
    location: Location  # where the entity starts in its YAML file

    kind: str = field(default="entity", init=False)  # overridden per class, used in messages

    def __repr__(self) -> str:
        # The graph is full of cycles (parent ↔ children, person ↔ assignments): a
        # generated repr would recurse through all of it.
        return f"<{type(self).__name__} {self.id}>"

    @property
    def label(self) -> str:
        return getattr(self, "title", None) or getattr(self, "name", None) or self.id


@dataclass(frozen=True)
class RelationBasis:
    """Where in KL's guide a relation between two roles comes from."""

    section: str  # the title of the guide's section, one of the schema's ``guide_section``
    statement: str = ""  # what the guide says there, in the handbook's own words


@dataclass(eq=False, repr=False)
class Role:
    """A role from the catalogue (``handbook/roles``) or a municipality's local roles."""

    id: str
    name: str
    name_en: str
    levels: list[str]
    holders: Literal["one", "many"]
    responsibility: str
    tasks: list[str]
    benefits_role: str
    typical_holders: str
    location: Location
    aliases: list[str] = field(default_factory=list)
    summary: str = ""
    relations: dict[str, list[str]] = field(default_factory=dict)  # relation -> role ids
    basis: dict[tuple[str, str], RelationBasis] = field(default_factory=dict)  # (relation, role id)
    msp: str = ""
    state_model: str = ""
    local: bool = False  # added or changed by the municipality
    assignments: list[Assignment] = field(default_factory=list)

    def related(self, relation: str) -> list[str]:
        return list(self.relations.get(relation, []))

    def basis_of(self, relation: str, target: str) -> RelationBasis | None:
        return self.basis.get((relation, target))

    def __repr__(self) -> str:
        return f"<Role {self.id}>"


@dataclass(eq=False, repr=False)
class Assignment:
    """One person holding one role on one entity: the atom of every organisation chart."""

    role: Role
    person: Person
    holder_of: Holder  # the portfolio, programme, project, ad hoc effort or benefit
    location: Location  # the person id's position in the YAML

    def __repr__(self) -> str:
        return f"<Assignment {self.role.id}: {self.person.id} on {self.holder_of.id}>"


@dataclass(eq=False, repr=False)
class Unit(Entity):
    name: str = ""
    unit_kind: str = "afdeling"  # direktion | forvaltning | center | afdeling
    parent: Unit | None = None
    children: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    kind: str = field(default="unit", init=False)

    def ancestors(self) -> list[Unit]:
        """This unit and every unit above it, nearest first (cycles were rejected: E005)."""
        chain: list[Unit] = []
        unit: Unit | None = self
        while unit is not None and unit not in chain:
            chain.append(unit)
            unit = unit.parent
        return chain

    def forvaltning(self) -> Unit | None:
        """The forvaltning this unit belongs to, if any."""
        return next((u for u in self.ancestors() if u.unit_kind == "forvaltning"), None)


@dataclass(eq=False, repr=False)
class Person(Entity):
    name: str = ""
    title: str = ""
    unit: Unit | None = None
    assignments: list[Assignment] = field(default_factory=list)
    has_page: bool = True  # a page of their own in the handbook (False when names are not published)
    kind: str = field(default="person", init=False)


@dataclass(eq=False, repr=False)
class Goal(Entity):
    title: str = ""
    description: str = ""
    programmes: list[Programme] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    kind: str = field(default="goal", init=False)


@dataclass(eq=False, repr=False)
class Status:
    phase: str
    rag: str
    reported: dt.date
    note: str
    location: Location


@dataclass(eq=False, repr=False)
class BusinessCase:
    investment: int
    annual_benefit: int
    payback_year: int | None


@dataclass(eq=False, repr=False)
class Holder(Entity):
    """An entity that people hold roles on."""

    assignments: list[Assignment] = field(default_factory=list)
    roles_location: Location | None = None  # the `roles:` key, for findings about roles

    def holders(self, role_id: str) -> list[Person]:
        return [a.person for a in self.assignments if a.role.id == role_id]

    def assignment_location(self, role_id: str) -> Location:
        """Where a role is assigned here, else where roles are (or would be) written."""
        for a in self.assignments:
            if a.role.id == role_id:
                return a.location
        return self.roles_location or self.location


@dataclass(eq=False, repr=False)
class Portfolio(Holder):
    title: str = ""
    description: str = ""
    governance_unit: Unit | None = None
    governance_location: Location | None = None
    programmes: list[Programme] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)  # stand-alone projects only
    kind: str = field(default="portfolio", init=False)


@dataclass(eq=False, repr=False)
class Programme(Holder):
    title: str = ""
    purpose: str = ""
    goals: list[Goal] = field(default_factory=list)
    business_case: BusinessCase | None = None
    status: Status | None = None
    projects: list[Project] = field(default_factory=list)
    adhoc: list[AdHoc] = field(default_factory=list)
    kind: str = field(default="programme", init=False)

    @property
    def benefits(self) -> list[Benefit]:
        """Benefits enabled by anything in the programme, in data order, each once."""
        seen: dict[str, Benefit] = {}
        enablers: list[Project | AdHoc] = [*self.projects, *self.adhoc]
        for enabler in enablers:
            for benefit in enabler.enabled_benefits():
                seen.setdefault(benefit.id, benefit)
        return list(seen.values())


@dataclass(eq=False, repr=False)
class Deliverable(Entity):
    title: str = ""
    description: str = ""
    project: Project | None = None
    benefits: list[Benefit] = field(default_factory=list)
    kind: str = field(default="deliverable", init=False)


@dataclass(eq=False, repr=False)
class Project(Holder):
    title: str = ""
    programme: Programme | None = None
    purpose: str = ""
    deliverables: list[Deliverable] = field(default_factory=list)
    success_criteria: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    status: Status | None = None
    benefits: list[Benefit] = field(default_factory=list)  # benefits naming the project itself
    kind: str = field(default="project", init=False)

    def enabled_benefits(self) -> list[Benefit]:
        """Benefits enabled by the project itself or by any of its deliverables."""
        seen: dict[str, Benefit] = {b.id: b for b in self.benefits}
        for deliverable in self.deliverables:
            for benefit in deliverable.benefits:
                seen.setdefault(benefit.id, benefit)
        return list(seen.values())


@dataclass(eq=False, repr=False)
class AdHoc(Holder):
    title: str = ""
    programme: Programme | None = None
    description: str = ""
    benefits: list[Benefit] = field(default_factory=list)
    kind: str = field(default="adhoc", init=False)

    def enabled_benefits(self) -> list[Benefit]:
        return list(self.benefits)


@dataclass(eq=False, repr=False)
class Measurement:
    date: dt.date
    value: float
    note: str = ""


@dataclass(eq=False, repr=False)
class ValueAt:
    value: float
    date: dt.date


@dataclass(eq=False, repr=False)
class Indicator(Entity):
    indicator_kind: str = "early"  # early | success | effect
    title: str = ""
    unit: str = ""
    baseline: ValueAt | None = None
    target: ValueAt | None = None
    measurements: list[Measurement] = field(default_factory=list)
    benefit: Benefit | None = None
    kind: str = field(default="indicator", init=False)


Enabler = Union[Deliverable, Project, AdHoc]


@dataclass(eq=False, repr=False)
class Benefit(Holder):
    title: str = ""
    benefit_kind: str = "economic"
    description: str = ""
    enablers: list[Enabler] = field(default_factory=list)
    enablers_location: Location | None = None
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    kind: str = field(default="benefit", init=False)

    @cached_property  # asked for every link to the benefit; the model is final once resolved
    def programmes(self) -> list[Programme]:
        """Programmes this benefit belongs to, through what enables it."""
        seen: dict[str, Programme] = {}
        for enabler in self.enablers:
            project = enabler.project if isinstance(enabler, Deliverable) else None
            owner = project.programme if project else getattr(enabler, "programme", None)
            if owner is not None:
                seen.setdefault(owner.id, owner)
        return list(seen.values())


@dataclass(eq=False, repr=False)
class Maturity:
    assessed: dt.date
    scores: dict[str, int]
    note: str
    location: Location


@dataclass(eq=False, repr=False)
class Municipality:
    """The whole resolved graph of one municipality."""

    id: str
    name: str
    location: Location
    folder: str
    files: list[str]
    publish_names: bool = True
    reporting_interval_days: int = 90
    history_days: int = 90  # how far back the changes page and entity histories look
    rule_settings: dict[str, Any] = field(default_factory=dict)  # raw `municipality.rules`
    rules_location: Location | None = None
    roles: dict[str, Role] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    portfolio: Portfolio | None = None
    programmes: list[Programme] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    adhoc: list[AdHoc] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    maturity: Maturity | None = None
    branding: Branding = field(default_factory=Branding)  # logo and accent colour (data/branding.py)
    entities: dict[str, Entity] = field(default_factory=dict)  # every id, for lookups

    @property
    def deliverables(self) -> list[Deliverable]:
        return [d for p in self.projects for d in p.deliverables]

    @property
    def indicators(self) -> list[Indicator]:
        return [i for b in self.benefits for i in b.indicators]

    @property
    def holders(self) -> list[Holder]:
        """Every entity people can hold roles on, in a stable order."""
        head: list[Holder] = [self.portfolio] if self.portfolio else []
        return [*head, *self.programmes, *self.projects, *self.adhoc, *self.benefits]

    @property
    def assignments(self) -> list[Assignment]:
        return [a for h in self.holders for a in h.assignments]

    def __repr__(self) -> str:
        return f"<Municipality {self.id}>"

    def person_label(self, person: Person) -> str:
        """How a person is shown: name and title, or title only if names are withheld."""
        if not self.publish_names:
            return person.title or "(stilling ikke angivet)"
        return f"{person.name} ({person.title})" if person.title else person.name
