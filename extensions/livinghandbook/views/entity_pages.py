"""What the page of one programme, project or role shows, as blocks (see ``blocks.py``).

Pure functions of the model: no Sphinx here. Every text from data goes into a block as
a plain string; links are ``ref`` inlines resolved when the page is written.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..findings import Finding
from ..history import History
from ..model.entities import (
    AdHoc, Benefit, Entity, Holder, Municipality, Person, Programme, Project, Role, Status,
)
from ..roles.catalogue import RELATION_LABELS, RELATIONS
from . import labels as L
from .history import entity_history
from ..diagrams import builders as D
from .blocks import (
    Block, Inline, bullets, diagram, fields, join, need, para, ref, role_ref, rule_ref, section,
    strong, table, target, toctree,
)
from .indicators import indicator_alt as indicator_alt, indicator_blocks as indicator_blocks  # re-exported
from .indicators import indicator_progress as indicator_progress, verdict

# Inverse relation labels for a role page ("who reports to this role").
# ``works_with`` is symmetric (the catalogue mirrors it), so it has no inverse row.
INVERSE_RELATION = {"reports_to": "Får rapporter fra", "appointed_by": "Udpeger",
                    "member_of": "Har som medlemmer", "leads": "Ledes af", "advises": "Rådgives af"}

# The guide distinguishes holders of one role by where it is held: the central benefits
# owner (on the programme) and the decentral ones (on one benefit each).
ROLE_VARIANTS: dict[str, dict[str, tuple[str, str]]] = {"gevinstansvarlig": {
    "programme": ("Central gevinstansvarlig",
                  "Én person på programmet, højt i organisationen, typisk chef for den driftsenhed, der skal "
                  "hente hovedparten af gevinsterne. Er sammen med programejeren programmets topledelse og "
                  "sidder i programkomitéen fra start til slut (i data: roles.gevinstansvarlig på programmet)."),
    "benefit": ("Decentral gevinstansvarlig",
                "Ejer én bestemt gevinst og sidder i styringen af den indsats, der leverer den: projektets "
                "styregruppe eller, når indsatsen hører til et program, programkomitéen (i data: "
                "roles.gevinstansvarlig på gevinsten)."),
}}
VARIANT_RULES = {"programme": ("G02", "G10"), "benefit": ("G14",)}  # the rules that check each variant

FindingsByEntity = dict[str, list[Finding]]


# -- small shared pieces ----------------------------------------------------------------
def person_ref(m: Municipality, person: Person) -> Inline:
    return ref(person.id, m.person_label(person))


def people(m: Municipality, persons: list[Person]) -> list[Inline]:
    return join([person_ref(m, p) for p in persons])


def entity_ref(m: Municipality, entity: Entity) -> Inline:
    return ref(entity.id, L.entity_label(m, entity))


def status_inline(status: Status | None) -> list[Inline]:
    if status is None:
        return ["Ingen statusrapport"]
    # One phrase: "Gennemførelse, gul, rapporteret 28. oktober 2026" (the colour in lower case).
    parts: list[Inline] = [f"{L.PHASE[status.phase]}, {L.RAG[status.rag].lower()}, "
                           f"rapporteret {L.date_da(status.reported)}"]
    if status.note:
        parts.append(f": {status.note}")
    return parts


def _role_rows(m: Municipality, holder: Holder) -> list[list[list[Inline] | Inline]]:
    by_role: dict[str, list[Person]] = defaultdict(list)
    for a in holder.assignments:
        by_role[a.role.id].append(a.person)
    rows: list[list[list[Inline] | Inline]] = []
    for rid, persons in by_role.items():
        variant = ROLE_VARIANTS.get(rid, {}).get(holder.kind)
        rows.append([role_ref(rid, variant[0] if variant else m.roles[rid].name), people(m, persons)])
    return rows


def role_table(m: Municipality, holder: Holder) -> Block | None:
    rows = _role_rows(m, holder)
    return table(["Rolle", "Hvem"], rows, classes=["handbook-roles"]) if rows else None


def programme_role_table(m: Municipality, p: Programme) -> Block | None:
    """The programme's roles, with the central benefits owner and the decentral owners of its
    benefits named as such (each with the benefits they own)."""
    rows = _role_rows(m, p)
    owned: dict[str, tuple[Person, list[Benefit]]] = {}
    for b in p.benefits:
        for person in b.holders("gevinstansvarlig"):
            owned.setdefault(person.id, (person, []))[1].append(b)
    if owned:
        value: list[Inline] = []
        for person, benefits in owned.values():
            value += (["; "] if value else []) + [person_ref(m, person), " ("]
            value += join([entity_ref(m, b) for b in benefits]) + [")"]
        rows.append([role_ref("gevinstansvarlig", "Decentrale gevinstansvarlige"), value])
    return table(["Rolle", "Hvem"], rows, classes=["handbook-roles"]) if rows else None


def findings_block(findings: FindingsByEntity, ids: list[str]) -> list[Block]:
    found = [f for i in ids for f in findings.get(i, [])]
    if not found:
        return []
    items: list[list[Inline]] = [[rule_ref(f.rule), f" ({L.SEVERITY[f.severity.value].lower()}): {f.message}"]
                                 for f in found]
    return [section("Fund fra metodens regler", None, [bullets(items)], classes=["handbook-findings"])]


def need_for(m: Municipality, entity: Entity, kind: str, links: dict[str, list[str]] | None = None) -> Block:
    return need({"id": entity.id, "type": kind, "title": L.entity_label(m, entity),
                 "links": {k: v for k, v in (links or {}).items() if v}})


def _add_block(blocks: list[Block], block: Block | None) -> None:
    if block is not None:
        blocks.append(block)


# -- benefits ---------------------------------------------------------------------------------
def benefit_section(m: Municipality, b: Benefit, findings: FindingsByEntity, history: History | None = None,
                    today: dt.date | None = None) -> Block:
    children: list[Block] = [need_for(m, b, "benefit", {
        "enabled_by": [e.id for e in b.enablers], "goals": [g.id for g in b.goals]})]
    children.append(fields([
        ("Type", L.BENEFIT_KIND[b.benefit_kind]),
        ("Beskrivelse", b.description),
        ("Decentral gevinstansvarlig" if b.programmes else "Gevinstansvarlig",
         people(m, b.holders("gevinstansvarlig")) or "Ikke udpeget"),
        ("Gevinstcontroller", people(m, b.holders("gevinstcontroller")) or "Ikke udpeget"),
        ("Muliggøres af", join([entity_ref(m, e) for e in b.enablers]) or "Intet"),
        ("Understøtter mål", join([entity_ref(m, g) for g in b.goals]) or "Intet"),
        ("Programmer", join([entity_ref(m, p) for p in b.programmes])),
    ]))
    for ind in b.indicators:
        children.extend(indicator_blocks(ind, today))
    if not b.indicators:
        children.append(para("Gevinsten har ingen indikatorer endnu."))
    children.extend(entity_history(m, history, b.id, always=False))
    children.extend(findings_block(findings, [b.id]))
    return section(b.title, b.id, children, classes=["handbook-benefit"])


def adhoc_section(m: Municipality, a: AdHoc, findings: FindingsByEntity) -> Block:
    children: list[Block] = [need_for(m, a, "adhoc", {"part_of": [a.programme.id] if a.programme else []})]
    children.append(fields([
        ("Beskrivelse", a.description),
        ("Ansvarlig", people(m, a.holders("ansvarlig")) or "Ikke udpeget"),
        ("Muliggør", join([entity_ref(m, b) for b in a.enabled_benefits()]) or "Ingen gevinst"),
    ]))
    children.extend(findings_block(findings, [a.id]))
    return section(f"Ad hoc-indsats: {a.title}", a.id, children, classes=["handbook-adhoc"])


def indicator_summary(b: Benefit, today: dt.date | None) -> str:
    """Each indicator's kind with its verdict: 'Tidlig indikator: på vej; Effekt: bagud'."""
    parts = []
    for ind in b.indicators:
        found = verdict(ind, today)
        parts.append(f"{L.INDICATOR_KIND[ind.indicator_kind]}: {found.word}" if found
                     else L.INDICATOR_KIND[ind.indicator_kind])
    return "; ".join(parts)


def benefit_summary_table(m: Municipality, benefits: list[Benefit], today: dt.date | None = None) -> Block:
    rows = []
    for b in benefits:
        rows.append([entity_ref(m, b), L.BENEFIT_KIND[b.benefit_kind],
                     people(m, b.holders("gevinstansvarlig")) or "–",
                     people(m, b.holders("gevinstcontroller")) or "–",
                     indicator_summary(b, today) or "–"])
    return table(["Gevinst", "Type", "Gevinstansvarlig", "Gevinstcontroller", "Indikatorer"], rows,
                 classes=["handbook-benefits"])


# -- pages ------------------------------------------------------------------------------------
def project_needs(m: Municipality, pr: Project) -> list[Block]:
    """The needs of a project and its deliverables, for a page other than the project's
    own, each with an anchor (sphinx-needs' ``:need:`` links to page#id)."""
    out: list[Block] = [target(pr.id), need_for(m, pr, "project", {"part_of": [pr.programme.id] if pr.programme else []})]
    for d in pr.deliverables:
        out += [target(d.id), need_for(m, d, "deliverable", {"part_of": [pr.id]})]
    return out


def payback_text(payback_year: int | None, today: dt.date | None) -> str:
    """The business case's payback year; a year still ahead is what the case expects."""
    if payback_year is None:
        return ""
    return f"{payback_year} (forventet)" if today is None or payback_year >= today.year else str(payback_year)


def _organisation(m: Municipality, p: Programme) -> Block:
    org: list[Block] = []
    _add_block(org, programme_role_table(m, p))
    spec = D.programme_organisation(m, p)
    org.append(diagram(spec) if spec else para("Programmet har endnu ingen roller, projekter eller ad hoc-indsatser "
                                               "i data, så der er ingen organisation at tegne."))
    return section("Organisation", f"{p.id}-organisation", org)


def _gains(m: Municipality, p: Programme, findings: FindingsByEntity, history: History | None,
           today: dt.date | None) -> Block:
    benefits = p.benefits
    if not benefits:
        return section("Gevinster", f"{p.id}-gevinster", [para(
            "Programmet har ingen gevinster endnu, så der er intet gevinstdiagram. Beskriv gevinsterne, og "
            "knyt dem til de projekter og ad hoc-indsatser, der muliggør dem (i data: benefits og enabled_by).")])
    home_here = [b for b in benefits if L.benefit_home(b) == L.home(p)[0]]
    gains: list[Block] = [benefit_summary_table(m, benefits, today)]
    gains.extend(diagram(spec) for spec in D.benefits_maps(m, p))
    gains.extend(benefit_section(m, b, findings, history, today) for b in home_here)
    return section("Gevinster", f"{p.id}-gevinster", gains)


def programme_page(m: Municipality, p: Programme, findings: FindingsByEntity,
                   with_project_needs: bool = False, history: History | None = None,
                   today: dt.date | None = None) -> list[Block]:
    """``with_project_needs``: the project pages are not Sphinx documents (HTML builds), so
    the projects' needs live here, in the projects section. ``today``: the day indicators
    and the payback year are judged on."""
    bc = p.business_case
    children: list[Block] = [need_for(m, p, "programme", {"goals": [g.id for g in p.goals]})]
    children.append(fields([
        ("Formål", p.purpose or "Ikke beskrevet"),
        ("Strategiske mål", join([entity_ref(m, g) for g in p.goals]) or "Ingen"),
        ("Status", status_inline(p.status)),
        ("Investering", L.money(bc.investment) if bc else "Ingen business case"),
        ("Årlig gevinst", L.money(bc.annual_benefit) if bc else ""),
        ("Tilbagebetalingsår", payback_text(bc.payback_year, today) if bc else ""),
    ]))
    children.extend(entity_history(m, history, p.id))
    children.append(_organisation(m, p))

    rows = [[entity_ref(m, pr), people(m, pr.holders("projektleder")) or "–", status_inline(pr.status),
             join([entity_ref(m, b) for b in pr.enabled_benefits()]) or "–"] for pr in p.projects]
    work: list[Block] = [table(["Projekt", "Projektleder", "Status", "Muliggør"], rows, classes=["handbook-projects"])
                         if rows else para("Programmet har ingen projekter.")]
    if p.adhoc:
        work.append(bullets([[entity_ref(m, a)] for a in p.adhoc]))
    if with_project_needs:
        work.extend(block for pr in p.projects for block in project_needs(m, pr))
    children.append(section("Projekter og ad hoc-indsatser", f"{p.id}-projekter", work))
    children.append(_gains(m, p, findings, history, today))
    children.extend(adhoc_section(m, a, findings) for a in p.adhoc)
    children.extend(findings_block(findings, [p.id]))
    if p.projects:
        children.append(toctree([L.home(pr)[0] for pr in p.projects], hidden=True))
    return [section(p.title, p.id, children, classes=["handbook-programme"])]


def project_page(m: Municipality, pr: Project, findings: FindingsByEntity, with_needs: bool = True,
                 history: History | None = None, today: dt.date | None = None) -> list[Block]:
    children: list[Block] = ([need_for(m, pr, "project", {"part_of": [pr.programme.id] if pr.programme else []})]
                             if with_needs else [])
    children.append(fields([
        ("Program", entity_ref(m, pr.programme) if pr.programme else "Selvstændigt projekt i porteføljen"),
        ("Formål", pr.purpose or "Ikke beskrevet"),
        ("Periode", f"{L.date_da(pr.start, '?')} – {L.date_da(pr.end, '?')}" if pr.start or pr.end else ""),
        ("Status", status_inline(pr.status)),
    ]))
    children.extend(entity_history(m, history, pr.id))
    org: list[Block] = []
    _add_block(org, role_table(m, pr))
    children.append(section("Organisation", f"{pr.id}-organisation", org or [para("Ingen roller tildelt.")]))
    deliverables: list[Block] = []
    for d in pr.deliverables:
        deliverables.append(section(d.title, d.id, [
            *([need_for(m, d, "deliverable", {"part_of": [pr.id]})] if with_needs else []),
            fields([("Beskrivelse", d.description),
                    ("Muliggør", join([entity_ref(m, b) for b in d.benefits]) or "Ingen gevinst")]),
        ], classes=["handbook-deliverable"]))
    children.append(section("Leverancer", f"{pr.id}-leverancer",
                            deliverables or [para("Projektet har ingen leverancer.")]))
    children.append(section("Succeskriterier", f"{pr.id}-succeskriterier",
                            [bullets(list(pr.success_criteria))] if pr.success_criteria
                            else [para("Projektet har ingen succeskriterier.")]))
    enabled = pr.enabled_benefits()
    children.append(section("Gevinster, projektet muliggør", f"{pr.id}-gevinster",
                            [benefit_summary_table(m, enabled, today)] if enabled
                            else [para("Projektet muliggør ingen gevinst.")]))
    children.extend(findings_block(findings, [pr.id]))
    return [section(pr.title, pr.id, children, classes=["handbook-project"])]


def basis_text(role: Role, relation: str, target: str) -> str:
    basis = role.basis_of(relation, target)
    if basis is None:
        return "Kommunens egen forbindelse"
    return f"Afsnittet »{basis.section}«" + (f": {basis.statement}" if basis.statement else "")


def _relation_rows(role: Role, all_roles: dict[str, Role]) -> list[list[list[Inline] | Inline]]:
    """Each relation of the role, both ways, with the guide section it rests on."""
    rows: list[list[list[Inline] | Inline]] = []
    for relation, label in RELATION_LABELS.items():
        for t in role.related(relation):
            rows.append([label.capitalize(), role_ref(t, all_roles[t].name), basis_text(role, relation, t)])
    for relation, label in INVERSE_RELATION.items():
        for source in sorted((r for r in all_roles.values() if role.id in r.related(relation)), key=lambda r: r.id):
            rows.append([label, role_ref(source.id, source.name), basis_text(source, relation, role.id)])
    return rows


def _holder_section(m: Municipality, role: Role) -> Block:
    variants = ROLE_VARIANTS.get(role.id, {})
    labels = {a.person.id: m.person_label(a.person) for a in role.assignments}
    assignments = sorted(role.assignments, key=lambda a: (labels[a.person.id], a.holder_of.id))
    headers = ["Person", "Hvor", "Niveau"] + (["Som"] if variants else [])
    rows = [[person_ref(m, a.person), entity_ref(m, a.holder_of), L.ENTITY_KIND[a.holder_of.kind]]
            + ([variants[a.holder_of.kind][0] if a.holder_of.kind in variants else ""] if variants else [])
            for a in assignments]
    return section(f"Hvem har rollen i {m.name}", f"{role.id}-her",
                   [table(headers, rows)] if rows else [para("Ingen har rollen i kommunens data.")])


def _variants_section(role: Role) -> list[Block]:
    variants = ROLE_VARIANTS.get(role.id)
    if not variants:
        return []
    items: list[list[Inline] | Inline] = []
    for level, (name, text) in variants.items():
        checks = join([rule_ref(r) for r in VARIANT_RULES.get(level, ())])
        item: list[Inline] = [strong(f"{name}. "), text]
        items.append(item + ([" Tjekkes af ", *checks, "."] if checks else []))
    title = " og ".join(name.split()[0].lower() for name, _text in variants.values())
    return [section(f"{title.capitalize()} {role.name.lower()}", f"{role.id}-varianter", [bullets(items)])]


def _other_names(role: Role) -> list[Block]:
    """The role's names elsewhere (English, aliases, MSP, the state's project model): useful
    to a reader who knows them, but not how the page should open."""
    rows = fields([
        ("Engelsk", role.name_en),
        ("Også kaldet", ", ".join(role.aliases)),
        ("I MSP", role.msp),
        ("I Statens projektmodel", role.state_model),
    ])
    return [section("Andre navne", f"{role.id}-andre-navne", [rows])] if rows.rows else []


def role_page(m: Municipality, role: Role, all_roles: dict[str, Role]) -> list[Block]:
    links = {rel: [f"rolle-{t}" for t in role.related(rel)] for rel in RELATIONS}
    children: list[Block] = [need({"id": f"rolle-{role.id}", "type": "role", "title": role.name,
                                   "links": {k: v for k, v in links.items() if v}})]
    if role.summary:
        children.append(para(role.summary))
    children.append(fields([
        ("Gælder for", ", ".join(L.LEVEL[lv] for lv in role.levels)),
        ("Besættes af", L.HOLDERS[role.holders]),
        ("Lokal tilpasning", "Ja, rollen er tilføjet eller tilpasset af kommunen" if role.local else ""),
    ]))
    children.append(section("Ansvar", f"{role.id}-ansvar", [para(role.responsibility)]))
    children.extend(_variants_section(role))
    children.append(section("Opgaver", f"{role.id}-opgaver", [bullets(list(role.tasks))]))
    children.append(section("Rolle i gevinstrealiseringen", f"{role.id}-gevinster", [para(role.benefits_role)]))
    children.append(section("Hvem har typisk rollen", f"{role.id}-typisk", [para(role.typical_holders)]))

    rows = _relation_rows(role, all_roles)
    children.append(section("Forbindelser til andre roller", f"{role.id}-relationer",
                            ([table(["Forbindelse", "Rolle", "Grundlag i KL’s vejledning"], rows,
                                    classes=["handbook-relations"], widths=[2, 2, 5])] if rows else [para("Ingen.")])
                            + [diagram(D.standing_organisation(all_roles, focus=role.id))]))
    children.append(_holder_section(m, role))
    children.extend(_other_names(role))
    return [section(role.name, role.id, children, classes=["handbook-role"])]
