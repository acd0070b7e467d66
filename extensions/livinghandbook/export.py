"""``portfolio.json``: the resolved model, every entity with its links in both directions.

Key order is fixed (entities in data order, fields in a fixed order, link lists in data
order), so the same data gives byte-identical JSON. With ``publish_names: false`` no
person's name is written, only their title.
"""

from __future__ import annotations

import json
from typing import Any

from .findings import Finding
from .model.entities import (
    AdHoc, Benefit, Deliverable, Goal, Holder, Indicator, Municipality, Person, Portfolio, Programme,
    Project, Status, Unit,
)

FORMAT_VERSION = 1


def _ids(items: list[Any]) -> list[str]:
    return [i.id for i in items]


def _status(s: Status | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"phase": s.phase, "rag": s.rag, "reported": s.reported.isoformat(), "note": s.note}


def _roles(h: Holder) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in h.assignments:
        out.setdefault(a.role.id, []).append(a.person.id)
    return out


def _indicator(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.id, "kind": i.indicator_kind, "title": i.title, "unit": i.unit, "benefit": i.benefit.id,  # type: ignore[union-attr]
        "baseline": {"value": i.baseline.value, "date": i.baseline.date.isoformat()} if i.baseline else None,
        "target": {"value": i.target.value, "date": i.target.date.isoformat()} if i.target else None,
        "measurements": [{"date": x.date.isoformat(), "value": x.value} for x in i.measurements],
    }


def model_to_dict(m: Municipality, findings: list[Finding]) -> dict[str, Any]:
    def person(p: Person) -> dict[str, Any]:
        data: dict[str, Any] = {"id": p.id}
        if m.publish_names:
            data["name"] = p.name
        data.update({"title": p.title, "unit": p.unit.id if p.unit else None,
                     "assignments": [{"role": a.role.id, "on": a.holder_of.id} for a in p.assignments]})
        return data

    def unit(u: Unit) -> dict[str, Any]:
        return {"id": u.id, "name": u.name, "kind": u.unit_kind, "parent": u.parent.id if u.parent else None,
                "children": _ids(u.children), "people": _ids(u.people)}

    def goal(g: Goal) -> dict[str, Any]:
        return {"id": g.id, "title": g.title, "description": g.description,
                "programmes": _ids(g.programmes), "benefits": _ids(g.benefits)}

    def portfolio(pf: Portfolio) -> dict[str, Any]:
        return {"id": pf.id, "title": pf.title, "description": pf.description,
                "governance_unit": pf.governance_unit.id if pf.governance_unit else None,
                "roles": _roles(pf), "programmes": _ids(pf.programmes), "projects": _ids(pf.projects)}

    def programme(p: Programme) -> dict[str, Any]:
        bc = p.business_case
        return {"id": p.id, "title": p.title, "purpose": p.purpose, "goals": _ids(p.goals), "roles": _roles(p),
                "business_case": {"investment": bc.investment, "annual_benefit": bc.annual_benefit,
                                  "payback_year": bc.payback_year} if bc else None,
                "status": _status(p.status), "projects": _ids(p.projects), "adhoc": _ids(p.adhoc),
                "benefits": _ids(p.benefits)}

    def deliverable(d: Deliverable) -> dict[str, Any]:
        return {"id": d.id, "title": d.title, "description": d.description, "project": d.project.id,  # type: ignore[union-attr]
                "benefits": _ids(d.benefits)}

    def project(p: Project) -> dict[str, Any]:
        return {"id": p.id, "title": p.title, "programme": p.programme.id if p.programme else None,
                "purpose": p.purpose, "deliverables": [deliverable(d) for d in p.deliverables],
                "success_criteria": list(p.success_criteria),
                "start": p.start.isoformat() if p.start else None, "end": p.end.isoformat() if p.end else None,
                "roles": _roles(p), "status": _status(p.status), "benefits": _ids(p.enabled_benefits())}

    def adhoc(a: AdHoc) -> dict[str, Any]:
        return {"id": a.id, "title": a.title, "programme": a.programme.id if a.programme else None,
                "description": a.description, "roles": _roles(a), "benefits": _ids(a.benefits)}

    def benefit(b: Benefit) -> dict[str, Any]:
        return {"id": b.id, "title": b.title, "kind": b.benefit_kind, "description": b.description,
                "enabled_by": _ids(b.enablers), "goals": _ids(b.goals), "programmes": _ids(b.programmes),
                "roles": _roles(b), "indicators": [_indicator(i) for i in b.indicators]}

    return {
        "format_version": FORMAT_VERSION,
        "municipality": {"id": m.id, "name": m.name, "publish_names": m.publish_names,
                         "reporting_interval_days": m.reporting_interval_days},
        "units": [unit(u) for u in m.units],
        "people": [person(p) for p in m.people],
        "goals": [goal(g) for g in m.goals],
        "portfolio": portfolio(m.portfolio) if m.portfolio else None,
        "programmes": [programme(p) for p in m.programmes],
        "projects": [project(p) for p in m.projects],
        "adhoc": [adhoc(a) for a in m.adhoc],
        "benefits": [benefit(b) for b in m.benefits],
        "roles": {r.id: {"name": r.name, "name_en": r.name_en, "levels": r.levels, "holders": r.holders,
                         "relations": r.relations, "local": r.local,
                         "assignments": [{"person": a.person.id, "on": a.holder_of.id} for a in r.assignments]}
                  for r in m.roles.values()},
        "maturity": {"assessed": m.maturity.assessed.isoformat(), "scores": m.maturity.scores}
        if m.maturity else None,
        "findings": [f.as_json() for f in findings],
    }


def model_to_json(m: Municipality, findings: list[Finding]) -> str:
    return json.dumps(model_to_dict(m, findings), ensure_ascii=False, indent=2) + "\n"
