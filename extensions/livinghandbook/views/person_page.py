"""A person's own page ("Mine roller"): every role they hold and on what, with links, and
the status of what they are responsible for at a glance.

Made only when the municipality publishes names (``Person.has_page``); otherwise people
are rows of the people × roles matrix, named by title. The people × roles matrix links
each of its counts to the section of the role here (``<person>-<role>``).
"""

from __future__ import annotations

import datetime as dt

from ..model.entities import Assignment, Benefit, Holder, Municipality, Person, Programme, Project
from . import labels as L
from .blocks import Block, Inline, bullets, doc_ref, fields, para, section, table
from .entity_pages import (
    ROLE_VARIANTS, FindingsByEntity, entity_ref, findings_block, indicator_summary, status_inline,
)


def _role_name(m: Municipality, a: Assignment) -> str:
    variant = ROLE_VARIANTS.get(a.role.id, {}).get(a.holder_of.kind)
    return variant[0] if variant else m.roles[a.role.id].name


def _on_what(m: Municipality, holder: Holder) -> list[Inline]:
    """'Program: Digital folkeskole' (linked), and the programme a project belongs to."""
    out: list[Inline] = [f"{L.ENTITY_KIND[holder.kind]}: ", entity_ref(m, holder)]
    programme = getattr(holder, "programme", None)
    if isinstance(programme, Programme):
        out += [" (i ", entity_ref(m, programme), ")"]
    return out


def roles_section(m: Municipality, person: Person) -> Block:
    """One section per role, in the method's order, listing where the person holds it."""
    by_role: dict[str, list[Assignment]] = {}
    for a in person.assignments:
        by_role.setdefault(a.role.id, []).append(a)
    parts: list[Block] = []
    for role_id in L.in_role_order(list(by_role)):
        held = by_role[role_id]
        role = m.roles[role_id]
        names = sorted({_role_name(m, a) for a in held})
        items = [[*_on_what(m, a.holder_of), *([f" – som {_role_name(m, a).lower()}"] if len(names) > 1 else [])]
                 for a in held]
        parts.append(section(f"{role.name} ({len(held)})", f"{person.id}-{role_id}", [
            para("Om rollen: ", doc_ref(L.role_doc(role_id), f"{role.name} i metoden"), "."),
            bullets(items)], classes=["handbook-person-role"]))
    if not parts:
        parts = [para("Personen har ingen roller i kommunens data.")]
    return section("Roller", f"{person.id}-roller", parts)


def _work_rows(m: Municipality, person: Person) -> list[list[list[Inline] | Inline]]:
    """Programmes and projects the person holds a role on, each once, with its status."""
    seen: dict[str, tuple[Programme | Project, list[str]]] = {}
    for a in person.assignments:
        if isinstance(a.holder_of, (Programme, Project)):
            seen.setdefault(a.holder_of.id, (a.holder_of, []))[1].append(_role_name(m, a))
    return [[[f"{L.ENTITY_KIND[e.kind]}: ", entity_ref(m, e)], ", ".join(dict.fromkeys(roles)), status_inline(e.status)]
            for e, roles in seen.values()]


def _benefit_rows(m: Municipality, person: Person, today: dt.date | None) -> list[list[list[Inline] | Inline]]:
    seen: dict[str, tuple[Benefit, list[str]]] = {}
    for a in person.assignments:
        if isinstance(a.holder_of, Benefit):
            seen.setdefault(a.holder_of.id, (a.holder_of, []))[1].append(_role_name(m, a))
    for a in person.assignments:  # the central benefits owner answers for all the programme's benefits
        if a.role.id == "gevinstansvarlig" and isinstance(a.holder_of, Programme):
            for b in a.holder_of.benefits:
                seen.setdefault(b.id, (b, []))[1].append("Central gevinstansvarlig")
    return [[[entity_ref(m, b)], ", ".join(dict.fromkeys(roles)), indicator_summary(b, today) or "Ingen indikatorer"]
            for b, roles in seen.values()]


def status_section(m: Municipality, person: Person, today: dt.date | None) -> Block | None:
    work, gains = _work_rows(m, person), _benefit_rows(m, person, today)
    if not work and not gains:
        return None
    children: list[Block] = []
    if work:
        children.append(table(["Hvad", "Rolle", "Status"], work, classes=["handbook-person-work"]))
    if gains:
        children.append(para("Gevinsterne og hvordan deres indikatorer står i dag (nået, på vej eller bagud):"))
        children.append(table(["Gevinst", "Rolle", "Indikatorer"], gains, classes=["handbook-person-benefits"]))
    # Read by the person and by anyone looking them up, so in the third person.
    return section(f"Status på det, {person.name} har ansvar for", f"{person.id}-status", children)


def person_page(m: Municipality, person: Person, findings: FindingsByEntity,
                today: dt.date | None = None) -> list[Block]:
    count = len(person.assignments)
    roles = len({a.role.id for a in person.assignments})
    children: list[Block] = [fields([
        ("Stilling", person.title),
        ("Enhed", entity_ref(m, person.unit) if person.unit else ""),
        ("Roller", f"{L.plural(roles, 'rolle', 'roller')} på i alt {L.plural(count, 'sted', 'steder')}"
         if count else "Ingen"),
        ("Oversigt", [doc_ref(f"{L.PEOPLE_DOC}#{person.id}", "Personer og roller")]),
    ])]
    children.append(roles_section(m, person))
    status = status_section(m, person, today)
    if status is not None:
        children.append(status)
    children.extend(findings_block(findings, [person.id]))
    return [section(person.name, person.id, children, classes=["handbook-person"])]
