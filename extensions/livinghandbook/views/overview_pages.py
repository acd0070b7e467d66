"""Overview pages: portfolio, stand-alone work, goals, organisation, people × roles,
traceability, findings, rules, roles and the start page's summary. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ..findings import Finding, Severity
from ..history import History
from ..model.entities import AdHoc, Benefit, Municipality, Person, Project, Unit
from ..rules.engine import ALL_RULES
from ..rules.registry import effective_setting
from . import labels as L
from ..diagrams import builders as D
from .blocks import (
    Anchor, Block, Inline, bullets, chart, diagram, doc_ref, fields, join, para, role_ref, rule_ref, section, strong, table,
    target, toctree,
)
from ..roles.catalogue import RELATION_LABELS, SYMMETRIC
from .start_page import summary_block as summary_block  # the start page's view, registered by this name
from .findings_view import findings_page as findings_page  # re-exported: the directive uses O.findings_page
from .entity_pages import (
    FindingsByEntity, adhoc_section, basis_text, benefit_section, entity_ref, need_for, people, person_ref,
    project_needs, role_table, status_inline,
)


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} % ({part} af {whole})" if whole else "–"


def portfolio_page(m: Municipality, findings: FindingsByEntity) -> list[Block]:
    pf = m.portfolio
    out: list[Block] = []
    if pf is not None:
        out.append(target(pf.id))
        out.append(need_for(m, pf, "portfolio"))
        out.append(fields([
            ("Portefølje", pf.title),
            ("Beskrivelse", pf.description),
            ("Forankret i", entity_ref(m, pf.governance_unit) if pf.governance_unit else "Ikke angivet"),
        ]))
        roles = role_table(m, pf)
        if roles:
            out.append(roles)
    spec = D.portfolio_map(m)
    out.append(section("Porteføljekort", "portefoljekort", [
        diagram(spec) if spec else para("Porteføljen har hverken programmer eller projekter endnu.")]))
    rows = []
    for p in m.programmes:
        bc = p.business_case
        rows.append([entity_ref(m, p), people(m, p.holders("programejer")) or "–",
                     L.PHASE[p.status.phase] if p.status else "–", L.RAG[p.status.rag] if p.status else "–",
                     str(len(p.projects)), str(len(p.benefits)), L.money(bc.investment) if bc else "–"])
    out.append(section("Programmer", "programmer", [
        # Widths for the words they hold: equal columns ran "Digital beskæftigelsesindsats" and
        # "(Økonomidirektør)" into their neighbours on paper.
        table(["Program", "Programejer", "Fase", "Status", "Projekter", "Gevinster", "Investering"], rows,
              widths=[5, 4, 3, 2, 2, 2, 3])
        if rows else para("Porteføljen har ingen programmer.")]))
    alone = [p for p in m.projects if p.programme is None]
    out.append(section("Selvstændige projekter", "selvstaendige-projekter", [
        para(f"{L.plural(len(alone), 'projekt', 'projekter')} ligger direkte i porteføljen uden for et program: se ",
             doc_ref(L.STANDALONE_DOC, "selvstændige projekter og gevinster"), ".")]))
    if pf is not None:
        out.extend(_findings_list(findings, [pf.id]))
    out.append(toctree([L.home(p)[0] for p in m.programmes] + [L.STANDALONE_DOC], maxdepth=1))
    return out


def _findings_list(findings: FindingsByEntity, ids: list[str]) -> list[Block]:
    found = [f for i in ids for f in findings.get(i, [])]
    if not found:
        return []
    return [section("Fund fra metodens regler", "fund-her", [bullets(
        [[rule_ref(f.rule), f": {f.message}"] for f in found])])]


def standalone_page(m: Municipality, findings: FindingsByEntity, with_project_needs: bool = False,
                    history: History | None = None, today: dt.date | None = None) -> list[Block]:
    alone = [p for p in m.projects if p.programme is None]
    rows = [[entity_ref(m, pr), people(m, pr.holders("projektleder")) or "–", status_inline(pr.status),
             join([entity_ref(m, b) for b in pr.enabled_benefits()]) or "–"] for pr in alone]
    needs = [block for pr in alone for block in project_needs(m, pr)] if with_project_needs else []
    out: list[Block] = [section("Projekter", "projekter", [
        table(["Projekt", "Projektleder", "Status", "Muliggør"], rows) if rows
        else para("Ingen selvstændige projekter."), *needs])]
    homed = [b for b in m.benefits if L.benefit_home(b) == L.STANDALONE_DOC]
    if homed:
        out.append(section("Gevinster uden for programmer", "gevinster",
                           [benefit_section(m, b, findings, history, today) for b in homed]))
    loose = [a for a in m.adhoc if a.programme is None]
    out.extend(adhoc_section(m, a, findings) for a in loose)
    if alone:
        out.append(toctree([L.home(pr)[0] for pr in alone], hidden=True))
    return out


def goals_page(m: Municipality) -> list[Block]:
    out: list[Block] = []
    for g in m.goals:
        out.append(section(g.title, g.id, [
            need_for(m, g, "goal"),
            fields([("Beskrivelse", g.description),
                    ("Programmer", join([entity_ref(m, p) for p in g.programmes]) or "Ingen"),
                    ("Gevinster", join([entity_ref(m, b) for b in g.benefits]) or "Ingen")]),
        ], classes=["handbook-goal"]))
    return out or [para("Kommunen har ikke beskrevet strategiske mål.")]


def _unit_order(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Depth-first over the unit tree, roots in data order."""
    out: list[tuple[Unit, int]] = []

    def walk(unit: Unit, depth: int) -> None:
        out.append((unit, depth))
        for child in unit.children:
            walk(child, depth + 1)
    for unit in units:
        if unit.parent is None:
            walk(unit, 0)
    return out


def organisation_page(m: Municipality) -> list[Block]:
    out: list[Block] = []
    for unit, _depth in _unit_order(m.units):
        out.append(section(unit.name, unit.id, [
            need_for(m, unit, "unit", {"part_of": [unit.parent.id] if unit.parent else []}),
            fields([("Niveau", L.UNIT_KIND[unit.unit_kind]),
                    ("Hører under", entity_ref(m, unit.parent) if unit.parent else ""),
                    ("Enheder under", join([entity_ref(m, c) for c in unit.children])),
                    ("Personer", people(m, unit.people))]),
        ], classes=["handbook-unit"]))
    return out or [para("Kommunen har ikke beskrevet sin organisation.")]


def people_page(m: Municipality) -> list[Block]:
    """People × roles: one row per person, one column per role in use (in the method's
    order), each cell the number of places the person holds the role, linked to where they
    are listed (the person's page, or without published names the role's page)."""
    role_ids = L.in_role_order([rid for rid in m.roles if m.roles[rid].assignments])
    rows = []
    needs: list[Block] = []
    for person in m.people:
        counts = Counter(a.role.id for a in person.assignments)
        first: list[Inline] = [Anchor(person.id), person_ref(m, person) if person.has_page
                               else strong(m.person_label(person))]
        rows.append([first] + [_mark(person, rid, counts[rid]) for rid in role_ids]
                    + [str(len(person.assignments))])
        needs.append(need_for(m, person, "person", {"part_of": [person.unit.id] if person.unit else []}))
    headers = ["Person"] + [m.roles[rid].name for rid in role_ids] + ["I alt"]
    where = ("personens egen side, der viser hvor" if m.publish_names
             else "rollens side, der viser hvem der har rollen hvor")
    intro = para(f"{L.plural(len(m.people), 'person', 'personer')} har tilsammen "
                 f"{L.plural(len(m.assignments), 'rolletildeling', 'rolletildelinger')}. Tallet i en celle er, "
                 f"hvor mange steder personen har rollen, og det fører til {where}.")
    pages = [L.home(x)[0] for x in m.people if x.has_page]
    return [intro, *needs, table(headers, rows, classes=["handbook-matrix"]),
            *([toctree(pages, hidden=True)] if pages else [])]


def _mark(person: Person, role_id: str, count: int) -> list[Inline] | str:
    if not count:
        return ""
    target = (f"{L.home(person)[0]}#{person.id}-{role_id}" if person.has_page
              else f"{L.role_doc(role_id)}#{role_id}-her")
    return [doc_ref(target, f"✓ {count}")]


def traceability_page(m: Municipality) -> list[Block]:
    benefits = m.benefits
    with_measurer = sum(1 for b in benefits if b.holders("gevinstcontroller"))
    with_goal = sum(1 for b in benefits if b.goals)
    enablers: list[Project | AdHoc] = [*m.projects, *m.adhoc]
    enabling = sum(1 for e in enablers if e.enabled_benefits())
    out: list[Block] = [section("Dækning", "daekning", [fields([
        ("Gevinster med en gevinstcontroller", _pct(with_measurer, len(benefits))),
        ("Gevinster, der understøtter et strategisk mål", _pct(with_goal, len(benefits))),
        ("Projekter og ad hoc-indsatser, der muliggør en gevinst", _pct(enabling, len(enablers))),
    ])])]
    groups: list[tuple[str, str, list[Benefit]]] = [(p.title, f"spor-{p.id}", p.benefits) for p in m.programmes]
    groups.append(("Uden for programmer", "spor-uden-program", [b for b in benefits if not b.programmes]))
    for title, anchor, group in groups:
        rows = []
        for b in group:
            rows.append([join([entity_ref(m, e) for e in b.enablers]) or "–", entity_ref(m, b),
                         join([entity_ref(m, g) for g in b.goals]) or "–"])
        if rows:
            out.append(section(title, anchor, [table(["Leverancer, projekter og ad hoc-indsatser", "Gevinst",
                                                      "Strategiske mål"], rows, classes=["handbook-trace"])]))
    idle = [e for e in enablers if not e.enabled_benefits()]
    if idle:
        out.append(section("Indsatser uden gevinst", "uden-gevinst",
                           [bullets([[entity_ref(m, e)] for e in idle])]))
    return out


def rules_page(m: Municipality) -> list[Block]:
    out: list[Block] = []
    for rule in ALL_RULES.values():
        setting = effective_setting(rule, m.rule_settings.get(rule.id))
        here = ("slået fra" if not setting.enabled else L.SEVERITY[setting.severity.value].lower())
        params = ", ".join(f"{k} = {v}" for k, v in setting.params.items())
        configure = ("Kan ikke slås fra." if not rule.configurable else
                     f"I municipality.rules, fx {rule.id}: off, {rule.id}: warning"
                     + (f" eller {rule.id}: {{max: 12}}" if "max" in rule.params else "") + ".")
        out.append(section(f"{rule.id}: {rule.title}", rule.id, [
            fields([("Tjekker", rule.checks), ("Hvorfor", rule.why),
                    ("Metoden", doc_ref(rule.method_ref, "læs baggrunden i metoden") if rule.method_ref else ""),
                    ("Sådan retter du det", rule.fix), ("Bemærk", rule.note), ("Tilpasning", configure),
                    ("Standard", L.SEVERITY[rule.severity.value].lower()),
                    (f"I {m.name}", here + (f" ({params})" if params else ""))]),
        ], classes=["handbook-rule"]))
    return out


def roles_page(m: Municipality) -> list[Block]:
    ordered = [m.roles[rid] for rid in L.in_role_order(list(m.roles))]
    rows: list[list[Inline]] = [[role_ref(r.id, r.name), ", ".join(L.LEVEL[lv] for lv in r.levels),
                                 r.summary or r.responsibility, str(len(r.assignments))] for r in ordered]
    relations: list[list[Inline]] = [[role_ref(r.id, r.name), label, role_ref(t, m.roles[t].name), basis_text(r, rel, t)]
                 for r in ordered for rel, label in RELATION_LABELS.items() for t in r.related(rel)
                 if not (rel in SYMMETRIC and t < r.id)]  # a symmetric relation once
    return [table(["Rolle", "Gælder for", "Kort fortalt", f"Tildelinger i {m.name}"], rows),
            section("Den stående organisation", "staaende-organisation", [
                diagram(D.standing_organisation(m.roles)),
                para("Diagrammet viser ledelseslinjerne og programmets topledelse. Tabellen viser alle "
                     "forbindelser mellem rollerne og det afsnit i KL’s vejledning, hver af dem bygger på."),
                table(["Rolle", "Forbindelse", "Til rolle", "Grundlag i KL’s vejledning"], relations,
                      classes=["handbook-relations"], widths=[2, 2, 2, 5])]),
            toctree([L.role_doc(r.id) for r in ordered], hidden=True)]


def maturity_page(m: Municipality) -> list[Block]:
    """The five dimensions with their levels; the municipality's scores as a chart, and where to start."""
    from ..method.maturity import DIMENSIONS

    out: list[Block] = []
    scores = m.maturity.scores if m.maturity else {}
    if m.maturity and scores:
        rated = [(d, scores[d.id]) for d in DIMENSIONS if d.id in scores]
        lowest = min(score for _d, score in rated)
        start = [d for d, score in rated if score == lowest]
        alt = "Modenhed: " + "; ".join(f"{d.title}: {score} af 5" for d, score in rated) + "."
        out.append(section(f"{m.name}s vurdering", "vurdering", [
            para(f"Vurderet {L.date_da(m.maturity.assessed)}. {m.maturity.note}".strip()),
            chart({"kind": "maturity", "style": 1, "id": "modenhed", "title": "Modenhed",
                   "scores": [[d.short, score] for d, score in rated], "alt": alt,
                   "caption": f"Modenhed i {m.name} (1-5 pr. dimension)"}),
            para(strong("Hvor skal I begynde? "),
                 f"Den laveste vurdering ({lowest} af 5) er på: " + " og ".join(d.title.lower() for d in start) + ". "
                 + " ".join(d.advice for d in start)),
        ]))
    else:
        out.append(para("Kommunen har ikke registreret en modenhedsvurdering (maturity i data)."))
    for d in DIMENSIONS:
        rows = [[str(level), text + ("  ◀ kommunens niveau" if scores.get(d.id) == level else "")]
                for level, text in enumerate(d.levels, start=1)]
        out.append(section(d.title, f"dimension-{d.id}", [
            para(strong("Råd: "), d.advice), table(["Niveau", "Kendetegn"], rows, widths=[1, 9])]))
    return out
