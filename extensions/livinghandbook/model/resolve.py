"""Turn schema-checked raw data into the resolved :class:`Municipality` graph.

Reports the structural data errors on the way: E003 (duplicate id, at the second
occurrence, naming the first), E004 (a reference to nothing, or to the wrong kind of
thing, at the referencing value) and E005 (a cycle in the unit tree).
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from ..data.folder import RawMunicipality
from ..data.yaml_positions import YamlMapping, YamlSequence, display_path
from ..findings import Finding, Location, Severity
from .entities import (
    AdHoc, Assignment, Benefit, BusinessCase, Deliverable, Entity, Goal, Holder, Indicator,
    Maturity, Measurement, Municipality, Person, Portfolio, Programme, Project, Role, Status,
    Unit, ValueAt,
)

KIND_NAMES = {  # Danish, with article, for messages
    "unit": "en enhed", "person": "en person", "goal": "et mål", "portfolio": "porteføljen",
    "programme": "et program", "project": "et projekt", "deliverable": "en leverance",
    "adhoc": "en ad hoc-indsats", "benefit": "en gevinst", "indicator": "en indikator",
}
LEVEL_NAMES = {"portfolio": "porteføljen", "programme": "et program", "project": "et projekt",
               "adhoc": "en ad hoc-indsats", "benefit": "en gevinst"}


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class _Resolver:
    def __init__(self, raw: RawMunicipality, roles: dict[str, Role]) -> None:
        self.raw = raw
        self.roles = roles
        self.findings: list[Finding] = []
        self.entities: dict[str, Entity] = {}
        self.first_seen: dict[str, Location] = {}

    # -- registration -------------------------------------------------------------
    def register(self, entity: Entity, data: YamlMapping) -> bool:
        first = self.first_seen.get(entity.id)
        if first is not None:
            self.findings.append(Finding(
                "E003", Severity.ERROR,
                f"id'et '{entity.id}' er allerede brugt ({first}); alle id'er skal være entydige "
                "i hele kommunen", data.value_at("id"), entity=entity.id, related=(first,)))
            return False
        self.first_seen[entity.id] = data.value_at("id")
        self.entities[entity.id] = entity
        return True

    # -- references -----------------------------------------------------------------
    def lookup(self, ref: str, kinds: tuple[type, ...], loc: Location, what: str, owner: str) -> Any:
        target = self.entities.get(ref)
        if isinstance(target, kinds):
            return target
        wanted = " eller ".join(KIND_NAMES[k.__dataclass_fields__["kind"].default] for k in kinds)
        if target is None:
            candidates = [e.id for e in self.entities.values() if isinstance(e, kinds)]
            close = difflib.get_close_matches(ref, candidates, n=1)
            hint = f" Mente du '{close[0]}'?" if close else ""
            message = f"'{owner}' henviser i '{what}' til '{ref}', som ikke findes; her skal stå id'et på {wanted}.{hint}"
        else:
            message = (f"'{owner}' henviser i '{what}' til '{ref}', som er {KIND_NAMES[target.kind]}; "
                       f"her skal stå id'et på {wanted}")
        self.findings.append(Finding("E004", Severity.ERROR, message, loc, entity=owner))
        return None

    def lookup_one(self, data: YamlMapping, key: str, kinds: tuple[type, ...]) -> Any:
        if key not in data:
            return None
        return self.lookup(data[key], kinds, data.value_at(key), key, data["id"])

    def lookup_many(self, data: YamlMapping, key: str, kinds: tuple[type, ...]) -> list[Any]:
        refs = data.get(key)
        if not isinstance(refs, YamlSequence):
            return []
        found = []
        for index, ref in enumerate(refs):
            target = self.lookup(ref, kinds, refs.item_at(index), key, data["id"])
            if target is not None and target not in found:
                found.append(target)
        return found

    def assign_roles(self, holder: Holder, data: YamlMapping, level: str) -> None:
        roles = data.get("roles")
        if not isinstance(roles, YamlMapping):
            return
        holder.roles_location = data.key_at("roles")
        for role_id, value in roles.items():
            role = self.roles.get(role_id)
            if role is None:
                close = difflib.get_close_matches(role_id, list(self.roles), n=1)
                hint = f" Mente du '{close[0]}'?" if close else ""
                self.findings.append(Finding(
                    "E004", Severity.ERROR,
                    f"rollen '{role_id}' på '{holder.id}' findes ikke i rollekataloget.{hint}",
                    roles.key_at(role_id), entity=holder.id))
                continue
            if level not in role.levels:
                allowed = ", ".join(LEVEL_NAMES[lv] for lv in role.levels)
                self.findings.append(Finding(
                    "E004", Severity.ERROR,
                    f"rollen '{role_id}' kan ikke tildeles {LEVEL_NAMES[level]} ('{holder.id}'); "
                    f"den gælder for: {allowed}", roles.key_at(role_id), entity=holder.id))
                continue
            if isinstance(value, YamlSequence):
                people = [(ref, value.item_at(i)) for i, ref in enumerate(value)]
            else:
                people = [(value, roles.value_at(role_id))]
            for ref, loc in people:
                person = self.lookup(ref, (Person,), loc, f"roles.{role_id}", holder.id)
                if person is None:
                    continue
                if any(a.person is person and a.role is role for a in holder.assignments):
                    continue  # the same person twice in one role counts once
                assignment = Assignment(role=role, person=person, holder_of=holder, location=loc)
                holder.assignments.append(assignment)
                person.assignments.append(assignment)
                role.assignments.append(assignment)


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


def resolve(raw: RawMunicipality, roles: dict[str, Role]) -> tuple[Municipality, list[Finding]]:
    """Build the graph; the findings are E003/E004/E005 only."""
    r = _Resolver(raw, roles)
    lists = raw.lists
    head: YamlMapping = raw.singles["municipality"]
    rules = head.get("rules")
    m = Municipality(
        id=head["id"], name=head["name"], location=head.location,
        folder=display_path(raw.folder), files=[display_path(p) for p in raw.files],
        publish_names=head.get("publish_names", True),
        reporting_interval_days=head.get("reporting_interval_days", 90),
        history_days=head.get("history_days", 90),
        rule_settings=dict(rules) if isinstance(rules, dict) else {},
        rules_location=head.key_at("rules") if "rules" in head else None,
        roles=roles,
    )

    # 1. Create every entity; register ids in reading order (file, line), so that a
    #    duplicate is reported at its second occurrence whatever kinds the two are.
    candidates: list[tuple[Entity, YamlMapping, list[Any] | None]] = []

    def add(entity: Entity, data: YamlMapping, bucket: list[Any] | None) -> None:
        candidates.append((entity, data, bucket))

    for d in lists["units"]:
        add(Unit(d["id"], d.location, name=d["name"], unit_kind=d["kind"]), d, m.units)
    for d in lists["people"]:
        add(Person(d["id"], d.location, name=d["name"], title=d.get("title", ""), has_page=m.publish_names), d, m.people)
    for d in lists["goals"]:
        add(Goal(d["id"], d.location, title=d["title"], description=d.get("description", "")), d, m.goals)
    pf = raw.singles["portfolio"]
    portfolio = Portfolio(pf["id"], pf.location, title=pf["title"], description=pf.get("description", ""))
    add(portfolio, pf, None)
    for d in lists["programmes"]:
        bc = d.get("business_case")
        add(Programme(d["id"], d.location, title=d["title"], purpose=d.get("purpose", ""),
                      status=_status(d),
                      business_case=BusinessCase(bc["investment"], bc["annual_benefit"],
                                                 bc.get("payback_year")) if bc else None),
            d, m.programmes)
    for d in lists["projects"]:
        project = Project(d["id"], d.location, title=d["title"], purpose=d.get("purpose", ""),
                          success_criteria=list(d.get("success_criteria", [])),
                          start=_date(d["start"]) if "start" in d else None,
                          end=_date(d["end"]) if "end" in d else None, status=_status(d))
        add(project, d, m.projects)
        for dd in d.get("deliverables", []):
            deliverable = Deliverable(dd["id"], dd.location, title=dd["title"],
                                      description=dd.get("description", ""), project=project)
            add(deliverable, dd, project.deliverables)
    for d in lists["adhoc"]:
        add(AdHoc(d["id"], d.location, title=d["title"], description=d.get("description", "")), d, m.adhoc)
    for d in lists["benefits"]:
        benefit = Benefit(d["id"], d.location, title=d["title"], benefit_kind=d["kind"],
                          description=d.get("description", ""))
        add(benefit, d, m.benefits)
        for di in d.get("indicators", []):
            indicator = Indicator(
                di["id"], di.location, indicator_kind=di["kind"], title=di["title"],
                unit=str(di.get("unit", "")), baseline=_value_at(di.get("baseline")),
                target=_value_at(di.get("target")), benefit=benefit,
                measurements=sorted((Measurement(_date(x["date"]), float(x["value"]), x.get("note", ""))
                                     for x in di.get("measurements", [])), key=lambda x: x.date))
            add(indicator, di, benefit.indicators)
    maturity = raw.singles.get("maturity")
    if maturity is not None:
        m.maturity = Maturity(assessed=_date(maturity["assessed"]), scores=dict(maturity["scores"]),
                              note=maturity.get("note", ""), location=maturity.location)
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

    # 2. Resolve references and build the inverse links.
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
        elif isinstance(entity, (Project, AdHoc)):
            entity.programme = r.lookup_one(d, "programme", (Programme,))
            if entity.programme is not None:
                bucket = entity.programme.projects if isinstance(entity, Project) else entity.programme.adhoc
                bucket.append(entity)
            r.assign_roles(entity, d, "project" if isinstance(entity, Project) else "adhoc")
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

    # 3. The unit tree must be a tree.
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
