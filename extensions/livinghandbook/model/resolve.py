"""Turn schema-checked raw data into the resolved :class:`Municipality` graph.

Reports the structural data errors on the way: E003 (duplicate id, at the second
occurrence, naming the first; also two ids that differ only in case, since they give
colliding file names on Windows and macOS), E004 (a reference to nothing, or to the
wrong kind of thing, at the referencing value) and E005 (a cycle in the unit tree).

It runs on everything that passed the schema even when other entries did not (issue 11:
all data errors in one run), so it never reports what it cannot know: a reference to
an entry that was set aside for its schema error is not an E004, and while some file
could not be read at all (E001), a reference to an unknown id is not either.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..data.folder import RawMunicipality
from ..data.yaml_positions import YamlMapping, display_path
from ..findings import Finding, Location, Severity
from .entities import (
    AdHoc, Benefit, BusinessCase, Deliverable, Entity, Goal, Indicator, Maturity, Measurement,
    Municipality, Person, Portfolio, Programme, Project, Role, Status, Unit, ValueAt,
)
from .links import Resolver

Candidate = tuple[Entity, YamlMapping, "list[Any] | None"]


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _status(data: YamlMapping) -> Status | None:
    status = data.get("status")
    if not isinstance(status, YamlMapping):
        return None
    return Status(phase=status["phase"], rag=status["rag"], reported=_date(status["reported"]),
                  note=status.get("note", ""), location=data.value_at("status"))


def _value_at(data: Any) -> ValueAt | None:
    if not isinstance(data, dict):
        return None
    return ValueAt(value=float(data["value"]), date=_date(data["date"]))


def _head(raw: RawMunicipality, roles: dict[str, Role]) -> Municipality:
    """The municipality itself; a placeholder when its section was missing or set aside
    (the run then reports its errors and builds no model)."""
    head: YamlMapping | None = raw.singles.get("municipality")
    files = [display_path(p) for p in raw.files]
    if head is None:
        return Municipality(id="", name="", location=Location(display_path(raw.folder)),
                            folder=display_path(raw.folder), files=files, roles=roles)
    rules = head.get("rules")
    return Municipality(
        id=head["id"], name=head["name"], location=head.location,
        folder=display_path(raw.folder), files=files,
        publish_names=head.get("publish_names", True),
        reporting_interval_days=head.get("reporting_interval_days", 90),
        history_days=head.get("history_days", 90),
        rule_settings=dict(rules) if isinstance(rules, dict) else {},
        rules_location=head.key_at("rules") if "rules" in head else None,
        roles=roles,
    )


def _organisation(raw: RawMunicipality, m: Municipality, add: list[Candidate]) -> None:
    lists = raw.lists
    for d in lists["units"]:
        add.append((Unit(d["id"], d.location, name=d["name"], unit_kind=d["kind"]), d, m.units))
    for d in lists["people"]:
        add.append((Person(d["id"], d.location, name=d["name"], title=d.get("title", ""), has_page=m.publish_names), d, m.people))
    for d in lists["goals"]:
        add.append((Goal(d["id"], d.location, title=d["title"], description=d.get("description", "")), d, m.goals))
    pf = raw.singles.get("portfolio")
    if pf is not None:
        add.append((Portfolio(pf["id"], pf.location, title=pf["title"], description=pf.get("description", "")),
                    pf, None))


def _efforts(raw: RawMunicipality, m: Municipality, add: list[Candidate]) -> None:
    lists = raw.lists
    for d in lists["programmes"]:
        bc = d.get("business_case")
        add.append((Programme(d["id"], d.location, title=d["title"], purpose=d.get("purpose", ""),
                              status=_status(d),
                              business_case=BusinessCase(bc["investment"], bc["annual_benefit"],
                                                         bc.get("payback_year")) if bc else None),
                    d, m.programmes))
    for d in lists["projects"]:
        project = Project(d["id"], d.location, title=d["title"], purpose=d.get("purpose", ""),
                          success_criteria=list(d.get("success_criteria", [])),
                          start=_date(d["start"]) if "start" in d else None,
                          end=_date(d["end"]) if "end" in d else None, status=_status(d))
        add.append((project, d, m.projects))
        for dd in d.get("deliverables", []):
            deliverable = Deliverable(dd["id"], dd.location, title=dd["title"],
                                      description=dd.get("description", ""), project=project)
            add.append((deliverable, dd, project.deliverables))
    for d in lists["adhoc"]:
        add.append((AdHoc(d["id"], d.location, title=d["title"], description=d.get("description", "")),
                    d, m.adhoc))


def _benefits(raw: RawMunicipality, m: Municipality, add: list[Candidate]) -> None:
    for d in raw.lists["benefits"]:
        benefit = Benefit(d["id"], d.location, title=d["title"], benefit_kind=d["kind"],
                          description=d.get("description", ""))
        add.append((benefit, d, m.benefits))
        for di in d.get("indicators", []):
            indicator = Indicator(
                di["id"], di.location, indicator_kind=di["kind"], title=di["title"],
                unit=str(di.get("unit", "")), baseline=_value_at(di.get("baseline")),
                target=_value_at(di.get("target")), benefit=benefit,
                measurements=sorted((Measurement(_date(x["date"]), float(x["value"]), x.get("note", ""))
                                     for x in di.get("measurements", [])), key=lambda x: x.date))
            add.append((indicator, di, benefit.indicators))
    maturity = raw.singles.get("maturity")
    if maturity is not None:
        m.maturity = Maturity(assessed=_date(maturity["assessed"]), scores=dict(maturity["scores"]),
                              note=maturity.get("note", ""), location=maturity.location)


def _register(r: Resolver, m: Municipality, candidates: list[Candidate]) -> list[tuple[Entity, YamlMapping]]:
    """Register ids in reading order (file, line), so that a duplicate is reported at its
    second occurrence whatever kinds the two are; put the winners in their lists."""
    file_order = {path: index for index, path in enumerate(m.files)}
    for entity, d, _bucket in sorted(candidates, key=lambda c: (
            file_order.get(c[1].location.path, 0), c[1].location.line, c[1].location.column)):
        r.register(entity, d)
    pairs: list[tuple[Entity, YamlMapping]] = []
    for entity, d, bucket in candidates:  # data order, winners only
        if r.entities.get(entity.id) is entity:
            pairs.append((entity, d))
            if bucket is not None:
                bucket.append(entity)
            elif isinstance(entity, Portfolio):
                m.portfolio = entity
    m.entities = r.entities
    return pairs


def _link(r: Resolver, pairs: list[tuple[Entity, YamlMapping]], m: Municipality) -> None:
    """Resolve references and build the inverse links."""
    for entity, d in pairs:
        if isinstance(entity, Unit):
            entity.parent = r.lookup_one(d, "parent", (Unit,))
            if entity.parent is not None:
                entity.parent.children.append(entity)
        elif isinstance(entity, Person):
            entity.unit = r.lookup_one(d, "unit", (Unit,))
            if entity.unit is not None:
                entity.unit.people.append(entity)
        elif isinstance(entity, Portfolio):
            entity.governance_unit = r.lookup_one(d, "governance_unit", (Unit,))
            entity.governance_location = d.value_at("governance_unit") if "governance_unit" in d else None
            r.assign_roles(entity, d, "portfolio")
        elif isinstance(entity, Programme):
            entity.goals = r.lookup_many(d, "goals", (Goal,))
            for goal in entity.goals:
                goal.programmes.append(entity)
            r.assign_roles(entity, d, "programme")
        elif isinstance(entity, Project):
            entity.programme = r.lookup_one(d, "programme", (Programme,))
            if entity.programme is not None:
                entity.programme.projects.append(entity)
            r.assign_roles(entity, d, "project")
        elif isinstance(entity, AdHoc):
            entity.programme = r.lookup_one(d, "programme", (Programme,))
            if entity.programme is not None:
                entity.programme.adhoc.append(entity)
            r.assign_roles(entity, d, "adhoc")
        elif isinstance(entity, Benefit):
            entity.enablers = r.lookup_many(d, "enabled_by", (Deliverable, Project, AdHoc))
            entity.enablers_location = d.key_at("enabled_by") if "enabled_by" in d else None
            for enabler in entity.enablers:
                enabler.benefits.append(entity)
            entity.goals = r.lookup_many(d, "goals", (Goal,))
            for goal in entity.goals:
                goal.benefits.append(entity)
            r.assign_roles(entity, d, "benefit")
    if m.portfolio is not None:
        m.portfolio.programmes = list(m.programmes)
        m.portfolio.projects = [p for p in m.projects if p.programme is None]


def resolve(raw: RawMunicipality, roles: dict[str, Role],
            roles_set_aside: frozenset[str] = frozenset()) -> tuple[Municipality, list[Finding]]:
    """Build the graph; the findings are E003/E004/E005 only. ``roles_set_aside``:
    catalogue roles left out for a schema error (assigning one is no second error)."""
    r = Resolver(roles, skipped=set(raw.skipped_ids) | roles_set_aside, complete=raw.complete)
    m = _head(raw, roles)
    candidates: list[Candidate] = []
    _organisation(raw, m, candidates)
    _efforts(raw, m, candidates)
    _benefits(raw, m, candidates)
    pairs = _register(r, m, candidates)
    _link(r, pairs, m)
    r.findings.extend(_unit_cycles(m.units, {e.id: d for e, d in pairs if isinstance(e, Unit)}))
    return m, r.findings


def _unit_cycles(units: list[Unit], data: dict[str, YamlMapping]) -> list[Finding]:
    findings: list[Finding] = []
    reported: set[str] = set()
    for unit in units:
        path: list[Unit] = []
        current: Unit | None = unit
        while current is not None and current not in path:
            path.append(current)
            current = current.parent
        if current is None or current.id in reported:
            continue
        cycle = path[path.index(current):]
        reported.update(u.id for u in cycle)
        first = min(cycle, key=lambda u: (u.location.path, u.location.line))
        chain = " → ".join(u.id for u in [*cycle[cycle.index(first):], *cycle[:cycle.index(first)], first])
        findings.append(Finding(
            "E005", Severity.ERROR,
            f"enhederne danner en løkke via 'parent': {chain}; en enhed kan ikke ligge under sig selv",
            data[first.id].value_at("parent"), entity=first.id))
    return findings

