"""A programme's benefits map, drawn top-down: efforts → deliverables → benefits → goals.

Each level is one row, so the widest row decides whether the map can be read in the
page. The programme's efforts are therefore drawn in groups, each map holding as many
whole efforts (with their deliverables, benefits and goals) as keep every row within
``MAX_WIDTH`` points (estimated from the wrapped labels: 600 pt is 800 px, so a map
fits a 640 px column at 80 % of its natural size);
an effort too large for that gets a map of its own. A programme without benefits gets no
map at all (the view says so in a sentence).
"""

from __future__ import annotations

from typing import Any

from ..model.entities import AdHoc, Benefit, Municipality, Programme, Project
from ..views import labels as L
from .dot import Graph, link, wrap
from .palette import add_legend, benefit_kind, look

MAX_WIDTH = 600.0  # points
WRAP = 20  # characters per line of a node's text
GAP = 18.0  # points between two nodes of a row (nodesep 0.25 in)
Spec = dict[str, Any]
Effort = Project | AdHoc


def node_width(title: str, polygon: bool = False) -> float:
    """About how wide dot draws a node: 11 pt Helvetica is ~5.2 pt a character (measured on
    the demo's maps; 5.6 errs on the wide side) plus margins; polygons and ellipses grow
    to fit their text box inside their corners."""
    chars = max(len(line) for line in wrap(title, WRAP).split("\n"))
    return chars * 5.6 * 1.1 + 30 if polygon else chars * 5.6 + 20


def _rows(efforts: list[Effort]) -> list[float]:
    """The estimated widths of the efforts, deliverables, benefits and goals rows of a map."""
    deliverables = [d for e in efforts if isinstance(e, Project) for d in e.deliverables]
    benefits = {b.id: b for e in efforts for b in e.enabled_benefits()}
    goals = {g.id: g for b in benefits.values() for g in b.goals}
    rows = [[node_width(e.title) for e in efforts], [node_width(d.title) for d in deliverables],
            [node_width(b.title, polygon=True) for b in benefits.values()], [node_width(g.title) for g in goals.values()]]
    return [sum(row) + GAP * (len(row) - 1) for row in rows if row]


def groups(efforts: list[Effort]) -> list[list[Effort]]:
    """The efforts in data order, cut into groups whose map rows stay within ``MAX_WIDTH``."""
    out: list[list[Effort]] = []
    for effort in efforts:
        if out and max(_rows([*out[-1], effort])) <= MAX_WIDTH:
            out[-1].append(effort)
        else:
            out.append([effort])
    return out


class _Map:
    def __init__(self, title: str) -> None:
        self.g = Graph(title, attrs={"rankdir": "TB", "newrank": "true", "nodesep": "0.25", "ranksep": "0.5"})
        self.alt: list[str] = []
        self.levels: dict[str, list[str]] = {"effort": [], "deliverable": [], "benefit": [], "goal": []}
        self.kinds: list[str] = []

    def node(self, level: str, key: str, kind: str, title: str, url: str, tooltip: str) -> str:
        if not self.g.has(key):
            self.g.node(key, wrap(title, WRAP), URL=url, tooltip=tooltip, **look(kind).attrs())
            self.levels[level].append(key)
            if kind not in self.kinds:
                self.kinds.append(kind)
        return key

    def benefit(self, b: Benefit) -> str:
        key = f"b:{b.id}"
        if self.g.has(key):
            return key
        kind = benefit_kind(b.benefit_kind)
        self.node("benefit", key, kind, b.title, link(*L.home(b)), f"{look(kind).label}: {b.title}")
        for goal in b.goals:
            gkey = self.node("goal", f"g:{goal.id}", "goal", goal.title, link(*L.home(goal)),
                             f"Strategisk mål: {goal.title}")
            self.g.edge(key, gkey)
            self.alt.append(f"{b.title} understøtter målet {goal.title}.")
        return key

    def effort(self, e: Effort) -> None:
        kind = "project" if isinstance(e, Project) else "adhoc"
        word = "Projektet" if kind == "project" else "Ad hoc-indsatsen"
        ekey = self.node("effort", f"e:{e.id}", kind, e.title, link(*L.home(e)), f"{look(kind).label}: {e.title}")
        for b in e.benefits:
            self.g.edge(ekey, self.benefit(b))
            self.alt.append(f"{word} {e.title} muliggør {b.title}.")
        for d in e.deliverables if isinstance(e, Project) else []:
            dkey = self.node("deliverable", f"d:{d.id}", "deliverable", d.title, link(*L.home(d)),
                             f"Leverance: {d.title}")
            self.g.edge(ekey, dkey)
            self.alt.append(f"{word} {e.title} leverer {d.title}.")
            for b in d.benefits:
                self.g.edge(dkey, self.benefit(b))
                self.alt.append(f"Leverancen {d.title} muliggør {b.title}.")

    def finish(self) -> None:
        lowest = [keys for keys in self.levels.values() if keys]
        for keys in lowest:
            self.g.same_rank(keys)
        add_legend(self.g, self.kinds, after=lowest[-1][0] if lowest else None)


def benefits_maps(m: Municipality, p: Programme) -> list[Spec]:
    """The programme's benefits maps (none when it has no benefits), each readable in the page."""
    if not p.benefits:
        return []
    parts = groups([*p.projects, *p.adhoc])
    specs = []
    for index, group in enumerate(parts, start=1):
        caption = f"Gevinstdiagram for {p.title}"
        if len(parts) > 1:
            caption += f" ({index} af {len(parts)}: " + ", ".join(e.title for e in group) + ")"
        drawing = _Map(caption)
        for effort in group:
            drawing.effort(effort)
        drawing.finish()
        intro = f"{caption}: fra projekter og ad hoc-indsatser over leverancer til gevinster og strategiske mål."
        specs.append({"dot": drawing.g.source(), "alt": " ".join([intro, *drawing.alt]), "caption": caption})
    return specs
