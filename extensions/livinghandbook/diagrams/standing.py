"""The standing organisation of roles, drawn the way KL's guide draws it.

Top-down levels as in the guide's figure: porteføljeledelse; the programkomité, a box
holding the programme's top management (programejer and central gevinstansvarlig side by
side, the gevinstcontroller beside them); the programleder (with the project's styregruppe
on one side and the følgegruppe as an advisory side box on the other); the projektledere;
the projektdeltagere. Leadership (``leads``, ``reports_to``) is drawn as dark lines from the
superior down; every other relation in a light grey style that does not move the levels.

The whole organisation (``focus=None``, the roles page) draws leadership only, plus the
top management pair (with the følgegruppe's advice, four light edges across the figure
made it a tangle again); the roles page lists every relation in a table below. A role page
(``focus=<id>``) draws that role's neighbourhood with all its relations.
"""

from __future__ import annotations

from typing import Any

from ..model.entities import Role
from ..roles.catalogue import RELATION_LABELS, RELATIONS
from ..views import labels as L
from .dot import Graph, link

# Level (0 = top) of each catalogue role in the guide's figure; list order is left to right.
LEVELS: tuple[tuple[str, ...], ...] = (
    ("portefoljeledelse",),
    ("programejer", "gevinstansvarlig", "gevinstcontroller"),
    ("styregruppe", "programleder", "folgegruppe"),
    ("projektleder", "ansvarlig"),
    ("projektdeltager",),
)
COMMITTEE = "programkomite"  # drawn as a box around its top-level members
ADVISORY = "folgegruppe"  # drawn as a side box
LEVEL_BY_SCOPE = {"portfolio": 0, "benefit": 1, "programme": 2, "project": 3, "adhoc": 3}  # roles of a municipality's own
LEADERSHIP = ("leads", "reports_to")
OVERVIEW = (*LEADERSHIP, "works_with")  # what the whole organisation draws; the rest is in a table
LIGHT = {"color": "#9a9a9a", "fontcolor": "#6b6b6b", "style": "dashed", "constraint": "false"}
STYLE: dict[str, dict[str, str]] = {
    "leads": {"color": "#333333", "penwidth": "1.6"},
    "reports_to": {"color": "#333333", "penwidth": "1.6", "dir": "back"},  # arrow up to the superior
    "appointed_by": dict(LIGHT),
    "member_of": {**LIGHT, "style": "dotted", "arrowhead": "odot"},
    "advises": {**LIGHT, "arrowhead": "open"},
    "works_with": {**LIGHT, "dir": "both", "arrowhead": "none", "arrowtail": "none", "style": "solid"},
}
# Edges are drawn from the upper role to the lower one, so the label reads along the arrow.
EDGE_LABEL = {"appointed_by": "udpeger"}
Spec = dict[str, Any]


def _level(role: Role) -> int:
    for index, ids in enumerate(LEVELS):
        if role.id in ids:
            return index
    if role.id == COMMITTEE:
        return 1
    return min((LEVEL_BY_SCOPE.get(scope, 2) for scope in role.levels), default=2)


def _pairs(roles: dict[str, Role], focus: str | None) -> list[tuple[Role, str, str]]:
    """(role, relation, target) to draw; a symmetric relation once."""
    pairs = []
    for role in roles.values():
        for relation in RELATIONS:
            for target in role.related(relation):
                if target not in roles or (relation == "works_with" and target < role.id):
                    continue
                if focus is None and relation not in OVERVIEW:
                    continue
                if focus is None or focus in (role.id, target):
                    pairs.append((role, relation, target))
    return pairs


def _order(roles: dict[str, Role], keep: set[str]) -> list[list[Role]]:
    """The kept roles by level, in the figure's left-to-right order (others after)."""
    rank = {rid: (i, j) for i, ids in enumerate(LEVELS) for j, rid in enumerate(ids)}
    levels: list[list[Role]] = [[] for _ in LEVELS]
    for role in sorted((roles[r] for r in keep), key=lambda r: (rank.get(r.id, (9, 9)), r.id)):
        levels[_level(role)].append(role)
    return levels


def standing_organisation(roles: dict[str, Role], focus: str | None = None) -> Spec:
    """The guide's figure of the standing organisation; ``focus`` draws one role's neighbourhood."""
    pairs = _pairs(roles, focus)
    keep = ({focus} | {r.id for r, _rel, _t in pairs} | {t for _r, _rel, t in pairs}) if focus else set(roles)
    g = Graph("Roller", attrs={"rankdir": "TB", "newrank": "true", "compound": "true",
                               "nodesep": "0.35", "ranksep": "0.45"})
    levels = _order(roles, keep)
    committee = roles.get(COMMITTEE)
    inside = [r.id for r in levels[1] if r.id != COMMITTEE and COMMITTEE in r.related("member_of")]
    boxed = committee is not None and COMMITTEE in keep and bool(inside)
    if boxed:
        leader = next((roles[r].name for r in inside if COMMITTEE in roles[r].related("leads")), "")
        g.cluster("komite", committee.name + (f"\nledes af {leader}" if leader else ""),  # type: ignore[union-attr]
                  URL=link(L.role_doc(COMMITTEE)), style="rounded,filled", fillcolor="#f4f8fd", color="#6f8fb8",
                  penwidth="2" if focus == COMMITTEE else "1")
    for level in levels:
        for role in level:
            if role.id == COMMITTEE and boxed:
                continue
            label = f"{role.name}\n(rådgivende)" if role.id == ADVISORY else role.name
            g.node(role.id, label, cluster="komite" if boxed and role.id in inside else None,
                   URL=link(L.role_doc(role.id)), fillcolor=_fill(role.id, focus),
                   style="rounded,filled,dashed" if role.id == ADVISORY else None,
                   penwidth="2" if role.id == focus else None)
        g.same_rank([r.id for r in level if not (boxed and r.id == COMMITTEE)])
    _level_chain(g, levels, boxed)
    position = {r.id: i for level in levels for i, r in enumerate(level)}
    alt = [_edge(g, roles, role, relation, target, boxed, inside, position) for role, relation, target in pairs]
    name = f"{roles[focus].name} og de roller, den hænger sammen med" if focus else "Den stående organisation"
    intro = [f"Diagram: {name}."]
    if focus is None:
        intro.append("Fra toppen: " + "; ".join(", ".join(r.name for r in level) for level in levels if level) + ".")
    return {"dot": g.source(), "alt": " ".join(intro + [a for a in alt if a]), "caption": name}


def _fill(role_id: str, focus: str | None) -> str:
    if role_id == focus:
        return "#eaf1fb"
    return "#f3f3f3" if role_id == ADVISORY else "#ffffff"


def _level_chain(g: Graph, levels: list[list[Role]], boxed: bool) -> None:
    """Invisible edges that keep the levels top-down and each level left to right (dot
    places the tail of an edge within a rank left of its head), whatever the relations are."""
    drawn = [[r.id for r in level if not (boxed and r.id == COMMITTEE)] for level in levels]
    present = [ids for ids in drawn if ids]
    for upper, lower in zip(present, present[1:]):
        g.edge(upper[0], lower[0], style="invis")
    for ids in present:
        for left, right in zip(ids, ids[1:]):
            g.edge(left, right, style="invis")


def _edge(g: Graph, roles: dict[str, Role], role: Role, relation: str, target: str,
          boxed: bool, inside: list[str], position: dict[str, int]) -> str:
    """Draw one relation (upper role first) and return it in words for the text alternative."""
    words = f"{role.name} {RELATION_LABELS[relation]} {roles[target].name}."
    if boxed and {role.id, target} & {COMMITTEE} and {role.id, target} & set(inside):
        return words  # a member of the komité sits in its box
    upper, lower = (target, role.id) if relation in ("reports_to", "appointed_by") else (role.id, target)
    if relation == "works_with" and position.get(lower, 0) < position.get(upper, 0):
        upper, lower = lower, upper  # left to right, as the pair stands in the figure
    attrs: dict[str, str | None] = dict(STYLE[relation])
    attrs["label"] = EDGE_LABEL.get(relation, RELATION_LABELS[relation])
    ends = {}
    for end, rid in (("ltail", upper), ("lhead", lower)):
        if boxed and rid == COMMITTEE:
            ends[end] = inside[0]
            attrs[end] = g.cluster_id("komite")
    g.edge(ends.get("ltail", upper), ends.get("lhead", lower), **attrs)
    return words
