"""A programme's organisation with its people, drawn top-down as the hierarchy it is.

From the top: the programkomité as a box holding its members (the programejer and the
central gevinstansvarlig by name, the other members as one group), then the
programleder (with the følgegruppe beside, as advice), then the projects and ad hoc
efforts, each with its leader below it. The benefits and their owners are the benefits
map's and the role table's business; drawn here they made the diagram a fan too wide
to read (issue 14).

A programme with many efforts is not drawn as one very wide row: the efforts are laid
out in rows of at most ``PER_ROW`` (a grid of effort-above-leader pairs), so the diagram
stays narrow enough to be read in the page. A programme with no roles and no efforts has
nothing to draw, and the view writes a sentence instead (``None``).
"""

from __future__ import annotations

from typing import Any

from ..model.entities import AdHoc, Municipality, Person, Programme, Project
from ..views import labels as L
from .dot import Graph, link, wrap
from .palette import add_legend, look

PER_ROW = 3
MAX_LISTED = 8  # members of a group listed by name; the rest are counted (the role table lists all)
Spec = dict[str, Any]
Effort = Project | AdHoc


def _people_label(m: Municipality, role: str, people: list[Person]) -> str:
    """The role, then each holder: one person by name and title (unless the title only
    repeats the role), a group by names only, the first ``MAX_LISTED`` of a large one."""
    if len(people) == 1:
        x = people[0]
        if not m.publish_names:
            return f"{role}\n{wrap(x.title or '(stilling ikke angivet)', 22)}"
        same = x.title.lower() == role.lower() or not x.title
        return f"{role}\n{wrap(x.name, 22)}" + ("" if same else f"\n{wrap(x.title, 22)}")
    shown = people if len(people) <= MAX_LISTED else people[:MAX_LISTED - 2]
    lines = [wrap(m.person_label(x) if not m.publish_names else x.name, 26) for x in shown]
    if len(shown) < len(people):
        lines.append(f"og {len(people) - len(shown)} andre")
    return "\n".join([role, *lines])


def _people_url(m: Municipality, role_id: str, people: list[Person]) -> str:
    """One person: their page (or matrix row); several: the role's page."""
    if len(people) == 1:
        return link(*L.home(people[0]))
    return link(L.role_doc(role_id))


def _spoken(m: Municipality, people: list[Person]) -> str:
    return ", ".join(m.person_label(x) for x in people) or "ingen"


class _Drawing:
    def __init__(self, m: Municipality, p: Programme) -> None:
        self.m, self.p = m, p
        self.g = Graph(p.title, attrs={"rankdir": "TB", "newrank": "true", "compound": "true",
                                       "nodesep": "0.25", "ranksep": "0.45"})
        self.alt: list[str] = [f"Organisationsdiagram for programmet {p.title}, oppefra og ned."]
        self.kinds: list[str] = []

    def person_node(self, key: str, role_id: str, title: str, people: list[Person], cluster: str | None = None,
                    kind: str = "person", **attrs: str | None) -> str:
        self.g.node(key, _people_label(self.m, title, people), cluster=cluster,
                    URL=_people_url(self.m, role_id, people), **{**look(kind).attrs(), **attrs})
        self.alt.append(f"{title}: {_spoken(self.m, people)}.")
        self._kind(kind)
        return key

    def _kind(self, kind: str) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)

    def top(self) -> tuple[list[str], str | None]:
        """The programme's top management; returns the top nodes and the komité's cluster."""
        p, m = self.p, self.m
        committee, owners, central = p.holders("programkomite"), p.holders("programejer"), p.holders("gevinstansvarlig")
        members = {x.id for x in committee}
        boxed = "komite" if committee else None
        if boxed:
            self.g.cluster("komite", "Programkomité", URL=link(L.role_doc("programkomite")), style="rounded,filled",
                           fillcolor="#f4f8fd", color="#6f8fb8", penwidth="1.5")
            self.alt.append(f"Programkomitéen: {_spoken(m, committee)}.")
        keys = []
        for role_id, title, people in (("programejer", "Programejer", owners),
                                       ("gevinstansvarlig", "Central gevinstansvarlig", central)):
            if people:
                inside = boxed if all(x.id in members for x in people) else None
                keys.append(self.person_node(f"role:{role_id}", role_id, title, people, cluster=inside))
        named = {x.id for x in [*owners, *central]}
        others = [x for x in committee if x.id not in named]
        if others:
            keys.append(self.person_node("role:komite-others", "programkomite", "Øvrige medlemmer", others,
                                         cluster="komite", kind="group"))
        self.g.same_rank(keys)
        for left, right in zip(keys, keys[1:]):  # left to right as listed
            self.g.edge(left, right, style="invis")
        return keys, boxed

    def leader(self, top: list[str], boxed: str | None) -> str | None:
        managers = self.p.holders("programleder")
        if not managers:
            return None
        key = self.person_node("role:programleder", "programleder", "Programleder", managers)
        if top:
            self._down(top, boxed, key)
        advisers = self.p.holders("folgegruppe")
        if advisers:
            self.person_node("role:folgegruppe", "folgegruppe", "Følgegruppe (rådgiver)", advisers, kind="group",
                             style="filled,dashed")
            self.g.same_rank([key, "role:folgegruppe"])
            self.g.edge("role:folgegruppe", key, label="rådgiver", style="dashed", constraint="false")
        return key

    def _down(self, top: list[str], boxed: str | None, key: str) -> None:
        """One line from the top management (the komité's box, or its first node) down to ``key``."""
        middle = top[len(top) // 2]  # from the middle, so the komité stands centred above
        if boxed:
            self.g.edge(middle, key, ltail=self.g.cluster_id(boxed))
        else:
            self.g.edge(middle, key)

    def efforts(self, parent: list[str], boxed: str | None, leader: str | None) -> None:
        work: list[Effort] = [*self.p.projects, *self.p.adhoc]
        rows = [work[i:i + PER_ROW] for i in range(0, len(work), PER_ROW)]
        above: list[str] = []
        for row in rows:
            keys, leads = [self.effort(e) for e in row], [self.effort_leader(e) for e in row]
            for key, lead in zip(keys, leads):
                self.g.edge(key, lead, arrowhead="none")
                if leader:
                    self.g.edge(leader, key)
                elif parent:
                    self._down(parent, boxed, key)
            self.g.same_rank(keys)
            self.g.same_rank(leads)
            for upper, lower in zip(above, keys):  # the next row of the grid below this one
                self.g.edge(upper, lower, style="invis", weight="5")
            for left, right in zip(keys, keys[1:]):
                self.g.edge(left, right, style="invis")
            above = leads
        if above:
            add_legend(self.g, self.kinds, after=above[0])

    def effort(self, e: Effort) -> str:
        kind = "project" if isinstance(e, Project) else "adhoc"
        self._kind(kind)
        key = f"{kind}:{e.id}"
        self.g.node(key, wrap(e.title, 22), URL=link(*L.home(e)), tooltip=f"{L.ENTITY_KIND[kind]}: {e.title}",
                    **look(kind).attrs())
        return key

    def effort_leader(self, e: Effort) -> str:
        role_id, title = ("projektleder", "Projektleder") if isinstance(e, Project) else ("ansvarlig", "Ansvarlig")
        people = e.holders(role_id)
        spoken = "Projektet" if isinstance(e, Project) else "Ad hoc-indsatsen"
        key = f"lead:{e.id}"
        if people:
            self.g.node(key, _people_label(self.m, title, people), URL=_people_url(self.m, role_id, people),
                        **look("person").attrs())
        else:
            self.g.node(key, f"{title}\nikke udpeget", **{**look("person").attrs(), "style": "filled,dashed"})
        self.alt.append(f"{spoken} {e.title}: {title.lower()} {_spoken(self.m, people)}.")
        return key


def programme_organisation(m: Municipality, p: Programme) -> Spec | None:
    """The programme's organisation as a DOT spec, or ``None`` when there is nothing to draw."""
    if not p.assignments and not p.projects and not p.adhoc:
        return None
    d = _Drawing(m, p)
    top, boxed = d.top()
    leader = d.leader(top, boxed)
    d.efforts(top, boxed, leader)
    if not (p.projects or p.adhoc):
        add_legend(d.g, d.kinds, after=leader or (top[0] if top else None))
    return {"dot": d.g.source(), "alt": " ".join(d.alt), "caption": f"Organisationen omkring {p.title}"}
