"""The handbook's diagrams, drawn from the data on every build.

Each function returns a diagram spec ``{"dot", "alt", "caption"}``: DOT source (see
``dot.py``), a text alternative that says in words what the diagram shows (screen
readers and search get it), and a caption; or ``None`` (an empty list for maps) when
there is nothing to draw, so no page shows an empty box. Pure functions of the model.

* a programme's organisation (``organisation.py``) and benefits maps (``benefit_maps.py``),
  top-down and cut to a width that can be read in the page;
* the standing organisation of the roles (``standing.py``);
* the portfolio map (here): the portfolio, its programmes and their projects (up to
  ``MAX_PORTFOLIO_PROJECTS`` projects; otherwise each programme shows its count) and the
  goals they serve. A tree from left to right: a programme's projects are a list, and
  listed downwards they fit the page's width however many there are.

Every kind of node has its own colour and shape (``palette.py``); each diagram has a
legend of the kinds it shows.
"""

from __future__ import annotations

from typing import Any

from ..model.entities import Municipality, Programme, Project
from ..views import labels as L
from .benefit_maps import benefits_maps
from .dot import Graph, link, wrap
from .organisation import programme_organisation
from .palette import NO_STATUS, RAG_FILLS, add_legend, look
from .standing import standing_organisation

__all__ = ["benefits_maps", "portfolio_map", "programme_organisation", "standing_organisation"]
MAX_PORTFOLIO_PROJECTS = 150
Spec = dict[str, Any]


def portfolio_map(m: Municipality) -> Spec | None:
    """Programmes and projects coloured by status (shapes by kind), and the goals they serve."""
    if not m.programmes and not m.projects:
        return None
    g = Graph("Porteføljen", attrs={"rankdir": "LR", "nodesep": "0.15", "ranksep": "0.6"})
    pf = m.portfolio
    g.node("portfolio", wrap(pf.title if pf else "Porteføljen"), URL=link(*L.home(pf)) if pf else None,
           **look("portfolio").attrs())
    show_projects = len(m.projects) <= MAX_PORTFOLIO_PROJECTS
    alt = [f"Porteføljekort: {L.plural(len(m.programmes), 'program', 'programmer')} og "
           f"{L.plural(len(m.projects), 'projekt', 'projekter')}, farvet efter status (grøn, gul, rød), "
           "og de strategiske mål, programmerne understøtter."]

    def status(entity: Programme | Project) -> dict[str, str]:
        return {"fillcolor": RAG_FILLS[entity.status.rag] if entity.status else NO_STATUS}

    def status_word(entity: Programme | Project) -> str:
        return L.RAG[entity.status.rag].lower() if entity.status else "ingen status"

    def project(pr: Project, parent: str, what: str) -> None:
        g.node(f"pr:{pr.id}", wrap(pr.title), URL=link(*L.home(pr)), tooltip=f"{what} {pr.title}: status "
               f"{status_word(pr)}", **{**look("project").attrs(), **status(pr)})
        g.edge(parent, f"pr:{pr.id}")

    for p in m.programmes:
        label = wrap(p.title) if show_projects else f"{wrap(p.title)}\n({L.plural(len(p.projects), 'projekt', 'projekter')})"
        g.node(f"p:{p.id}", label, URL=link(*L.home(p)), tooltip=f"Program {p.title}: status {status_word(p)}",
               **{**look("programme").attrs(), **status(p)})
        g.edge("portfolio", f"p:{p.id}")
        alt.append(f"Programmet {p.title} har status {status_word(p)}.")
        for pr in p.projects if show_projects else []:
            project(pr, f"p:{p.id}", "Projekt")
        for goal in p.goals:
            g.node(f"g:{goal.id}", wrap(goal.title), URL=link(*L.home(goal)), **look("goal").attrs())
            g.edge(f"p:{p.id}", f"g:{goal.id}", style="dashed", label="understøtter")
            alt.append(f"{p.title} understøtter målet {goal.title}.")
    alone = [pr for pr in m.projects if pr.programme is None]
    for pr in alone if show_projects else []:
        project(pr, "portfolio", "Selvstændigt projekt")
    if alone and not show_projects:
        g.node("alone", f"Selvstændige projekter\n({len(alone)})", URL=link(L.STANDALONE_DOC), **look("project").attrs())
        g.edge("portfolio", "alone")
    kinds = ["portfolio", "programme"] + (["project"] if m.projects else []) \
        + (["goal"] if any(p.goals for p in m.programmes) else [])
    legend_fills = {f"Status: {L.RAG[rag].lower()}": fill for rag, fill in RAG_FILLS.items()}
    add_legend(g, kinds, fills={**legend_fills, "Ingen statusrapport": NO_STATUS}, shapes_only=True)
    return {"dot": g.source(), "alt": " ".join(alt),
            "caption": "Porteføljekort: programmer og projekter efter status, og de mål, de understøtter"}
