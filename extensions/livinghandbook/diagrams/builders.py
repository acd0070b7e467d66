"""The handbook's diagrams, drawn from the data on every build.

Each function returns a diagram spec ``{"dot", "alt", "caption"}``: DOT source (see
``dot.py``), a text alternative that says in words what the diagram shows (screen
readers and search get it), and a caption. Pure functions of the model.

Size limits keep large programmes legible: a benefits map with more than
``MAX_MAP_NODES`` nodes is drawn as one map per project (plus one for the programme's
ad hoc efforts); the portfolio map shows projects as nodes only up to
``MAX_PORTFOLIO_PROJECTS`` projects, otherwise each programme shows its project count.
"""

from __future__ import annotations

from typing import Any

from ..model.entities import AdHoc, Benefit, Municipality, Person, Programme, Project, Role
from ..views import labels as L
from .dot import Graph, link
from .standing import standing_organisation  # noqa: F401  (re-exported: views use D.standing_organisation)

MAX_MAP_NODES = 80
MAX_PORTFOLIO_PROJECTS = 150

RAG_COLOURS = {"green": "#b7e1c1", "amber": "#ffe29a", "red": "#f4b6b6"}
KIND_COLOURS = {"economic": "#cfe2f3", "efficiency": "#d9ead3", "quality": "#fce5cd", "strategic": "#e6d5f0"}
Spec = dict[str, Any]


def _spec(graph: Graph, alt: list[str], caption: str) -> Spec:
    return {"dot": graph.source(), "alt": " ".join(alt), "caption": caption}


def _entity_link(entity: Any) -> str:
    return link(*L.home(entity))


def _person_label(m: Municipality, person: Person) -> str:
    if not m.publish_names:
        return person.title or "(stilling ikke angivet)"
    return f"{person.name}\n{person.title}" if person.title else person.name


# -- a programme's organisation with its people --------------------------------------------------
def programme_organisation(m: Municipality, p: Programme) -> Spec:
    """Left to right: governance (committee, owner, central benefits owner, reference group)
    → programme and manager → projects with their managers → benefits with owners and
    measurers. Groups are one node listing their members, so a large committee stays legible."""
    g = Graph(p.title, attrs={"rankdir": "LR", "nodesep": "0.2", "ranksep": "0.6"})
    alt = [f"Organisationsdiagram for programmet {p.title}."]
    names = lambda people: "\n".join(_person_label(m, x).replace("\n", ", ") for x in people)  # noqa: E731

    def spoken(people: list[Person]) -> str:
        return ", ".join(m.person_label(x) for x in people) or "ingen"

    g.node("programme", f"Program\n{p.title}", URL=_entity_link(p), fillcolor="#bfd8d2", penwidth="2")
    governance = []
    for role_id, title, verb in (("programkomite", "Programkomité", "styrer"), ("programejer", "Programejer", "ejer"),
                                 ("gevinstansvarlig", "Gevinstansvarlig (central)", "ansvarlig for gevinsterne"),
                                 ("folgegruppe", "Følgegruppe", "rådgiver")):
        people = p.holders(role_id)
        if not people:
            continue
        g.node(f"role:{role_id}", f"{title}\n{names(people)}", URL=link(L.role_doc(role_id)),
               fillcolor="#eaf1fb" if role_id != "folgegruppe" else "#f3f3f3")
        g.edge(f"role:{role_id}", "programme", label=verb, style="dashed" if role_id == "folgegruppe" else None)
        governance.append(f"role:{role_id}")
        alt.append(f"{title}: {spoken(people)}.")
    g.same_rank(governance)
    managers = p.holders("programleder")
    if managers:
        g.node("role:programleder", f"Programleder\n{names(managers)}", URL=link(L.role_doc("programleder")),
               fillcolor="#eaf1fb")
        g.edge("role:programleder", "programme", label="leder")
        g.same_rank(["role:programleder", "programme"])
        alt.append(f"Programleder: {spoken(managers)}.")
    # Projects and ad hoc efforts: (key prefix, kind, lead role, its label, colour, spoken kind)
    work = [(e, "project", "Projekt", "projektleder", "Projektleder", "#fedcd2", "Projektet") for e in p.projects]
    work += [(e, "adhoc", "Ad hoc-indsats", "ansvarlig", "Ansvarlig", "#fce5cd", "Ad hoc-indsatsen") for e in p.adhoc]
    for entity, prefix, kind, role_id, role_label, colour, spoken_kind in work:
        leads = entity.holders(role_id)
        label = f"{kind}: {entity.title}" + (f"\n{role_label}: {names(leads)}" if leads else "")
        g.node(f"{prefix}:{entity.id}", label, URL=_entity_link(entity), fillcolor=colour)
        g.edge("programme", f"{prefix}:{entity.id}")
        alt.append(f"{spoken_kind} {entity.title}, {role_label.lower()} {spoken(leads)}.")
    for benefit in p.benefits:
        owners, measurers = benefit.holders("gevinstansvarlig"), benefit.holders("gevinstcontroller")
        label = (f"Gevinst: {benefit.title}\nGevinstansvarlig: {names(owners) or '(ingen)'}"
                 f"\nGevinstcontroller: {names(measurers) or '(ingen)'}")
        g.node(f"benefit:{benefit.id}", label, URL=_entity_link(benefit), fillcolor=KIND_COLOURS[benefit.benefit_kind])
        for enabler in [*p.projects, *p.adhoc]:
            if benefit in enabler.enabled_benefits():
                prefix = "project" if isinstance(enabler, Project) else "adhoc"
                g.edge(f"{prefix}:{enabler.id}", f"benefit:{benefit.id}", color="#999999")
        alt.append(f"Gevinsten {benefit.title}: gevinstansvarlig {spoken(owners)}, gevinstcontroller {spoken(measurers)}.")
    return _spec(g, alt, f"Organisationen omkring {p.title}")


# -- benefits maps ------------------------------------------------------------------------------
def _map(title: str, enablers: list[Project | AdHoc], extra_benefits: list[Benefit]) -> tuple[Graph, list[str]]:
    g = Graph(title, attrs={"rankdir": "LR", "nodesep": "0.25", "ranksep": "0.9"})
    alt: list[str] = []
    columns: dict[str, list[str]] = {"enabler": [], "deliverable": [], "benefit": [], "goal": []}

    def benefit_node(b: Benefit) -> str:
        key = f"b:{b.id}"
        if not g.has(key):
            g.node(key, b.title, URL=_entity_link(b), fillcolor=KIND_COLOURS[b.benefit_kind],
                   tooltip=f"{L.BENEFIT_KIND[b.benefit_kind]} gevinst: {b.title}")
            columns["benefit"].append(key)
            for goal in b.goals:
                gkey = f"g:{goal.id}"
                if not g.has(gkey):
                    g.node(gkey, goal.title, URL=_entity_link(goal), shape="ellipse", fillcolor="#cfe2f3")
                    columns["goal"].append(gkey)
                g.edge(key, gkey)
                alt.append(f"{b.title} understøtter målet {goal.title}.")
        return key

    for enabler in enablers:
        ekey = f"e:{enabler.id}"
        kind = "Projekt" if isinstance(enabler, Project) else "Ad hoc-indsats"
        g.node(ekey, f"{kind}\n{enabler.title}", URL=_entity_link(enabler),
               fillcolor="#fedcd2" if isinstance(enabler, Project) else "#fce5cd")
        columns["enabler"].append(ekey)
        for b in enabler.benefits:
            g.edge(ekey, benefit_node(b))
            alt.append(f"{kind} {enabler.title} muliggør {b.title}.")
        for d in getattr(enabler, "deliverables", []):
            dkey = f"d:{d.id}"
            g.node(dkey, d.title, URL=_entity_link(d), shape="note", fillcolor="#fff2cc")
            columns["deliverable"].append(dkey)
            g.edge(ekey, dkey)
            for b in d.benefits:
                g.edge(dkey, benefit_node(b))
                alt.append(f"Leverancen {d.title} muliggør {b.title}.")
    for b in extra_benefits:
        benefit_node(b)
    for keys in columns.values():
        g.same_rank(keys)
    # legend: one node per benefit kind in use
    kinds = [k for k in KIND_COLOURS if any(g.has(f"b:{b.id}") and b.benefit_kind == k
                                             for e in enablers for b in _benefits_of(e))]
    if kinds:
        g.cluster("legend", "Gevinsttyper")
        for kind in kinds:
            g.node(f"legend:{kind}", L.BENEFIT_KIND[kind], cluster="legend", fillcolor=KIND_COLOURS[kind])
    return g, alt


def _benefits_of(enabler: Project | AdHoc) -> list[Benefit]:
    return enabler.enabled_benefits()


def benefits_maps(m: Municipality, p: Programme) -> list[Spec]:
    """The programme's benefits map; split per project when it would be too large to read."""
    enablers: list[Project | AdHoc] = [*p.projects, *p.adhoc]
    size = sum(1 + len(getattr(e, "deliverables", [])) + len(e.enabled_benefits()) for e in enablers)
    groups: list[tuple[str, list[Project | AdHoc]]]
    if size <= MAX_MAP_NODES:
        groups = [(f"Gevinstdiagram for {p.title}", enablers)]
    else:
        groups = [(f"Gevinstdiagram for {pr.title}", [pr]) for pr in p.projects]
        if p.adhoc:
            groups.append((f"Gevinstdiagram for ad hoc-indsatserne i {p.title}", list(p.adhoc)))
    specs = []
    for caption, group in groups:
        g, alt = _map(caption, group, [])
        intro = f"{caption}: fra projekter og ad hoc-indsatser over leverancer til gevinster og strategiske mål."
        specs.append(_spec(g, [intro] + alt, caption))
    return specs


# -- the portfolio map ----------------------------------------------------------------------------
def portfolio_map(m: Municipality) -> Spec:
    g = Graph("Porteføljen", attrs={"rankdir": "LR", "nodesep": "0.2", "ranksep": "0.8"})
    pf = m.portfolio
    g.node("portfolio", pf.title if pf else "Porteføljen", fillcolor="#d9d2e9",
           URL=_entity_link(pf) if pf else None)
    show_projects = len(m.projects) <= MAX_PORTFOLIO_PROJECTS
    alt = [f"Porteføljekort: {len(m.programmes)} programmer og {len(m.projects)} projekter, farvet efter status "
           "(grøn, gul, rød), og de strategiske mål, programmerne understøtter."]

    def status_colour(entity: Programme | Project) -> str:
        return RAG_COLOURS[entity.status.rag] if entity.status else "#eeeeee"

    def status_word(entity: Programme | Project) -> str:
        return L.RAG[entity.status.rag].lower() if entity.status else "ingen status"

    for p in m.programmes:
        label = p.title if show_projects else f"{p.title}\n({len(p.projects)} projekter)"
        g.node(f"p:{p.id}", label, URL=_entity_link(p), fillcolor=status_colour(p),
               tooltip=f"Program {p.title}: status {status_word(p)}")
        g.edge("portfolio", f"p:{p.id}")
        alt.append(f"Programmet {p.title} har status {status_word(p)}.")
        if show_projects:
            for pr in p.projects:
                g.node(f"pr:{pr.id}", pr.title, URL=_entity_link(pr), fillcolor=status_colour(pr),
                       tooltip=f"Projekt {pr.title}: status {status_word(pr)}")
                g.edge(f"p:{p.id}", f"pr:{pr.id}")
        for goal in p.goals:
            if not g.has(f"g:{goal.id}"):
                g.node(f"g:{goal.id}", goal.title, URL=_entity_link(goal), shape="ellipse", fillcolor="#cfe2f3")
            g.edge(f"p:{p.id}", f"g:{goal.id}", style="dashed", label="understøtter")
            alt.append(f"{p.title} understøtter målet {goal.title}.")
    alone = [pr for pr in m.projects if pr.programme is None]
    if alone and show_projects:
        for pr in alone:
            g.node(f"pr:{pr.id}", pr.title, URL=_entity_link(pr), fillcolor=status_colour(pr),
                   tooltip=f"Selvstændigt projekt {pr.title}: status {status_word(pr)}")
            g.edge("portfolio", f"pr:{pr.id}")
    elif alone:
        g.node("alone", f"Selvstændige projekter\n({len(alone)})", URL=link(L.STANDALONE_DOC))
        g.edge("portfolio", "alone")
    g.cluster("legend", "Status")
    for rag, colour in RAG_COLOURS.items():
        g.node(f"legend:{rag}", L.RAG[rag], cluster="legend", fillcolor=colour)
    return _spec(g, alt, "Porteføljekort: programmer og projekter efter status, og de mål, de understøtter")

