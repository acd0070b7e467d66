"""The handbook's directives: each shows one view of the municipality's data.

A directive computes its view (blocks), records the view's fingerprint for the
incremental build, and renders it. The same ``VIEWS`` table is used by
``incremental.py`` to recompute fingerprints, so "what a page shows" has exactly one
definition.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..history import history_of
from ..model.entities import Municipality, Person, Programme, Project, Role
from ..validate import Validation
from ..views import entity_pages as E
from ..views import history as H
from ..views import overview_pages as O
from ..views.person_page import person_page
from ..views import labels as L
from ..validation_cache import data_date
from ..views.blocks import Block, Chart, Diagram, entity_links, fingerprint, para, walk
from . import charts, diagrams, state
from .domain import domain_of
from .expand import Anchors, Expander

# (model, validation, directive argument, project pages generated outside Sphinx's documents)
View = Callable[[Municipality, Validation, str, bool], list[Block]]


E_ = TypeVar("E_")


class MissingEntity(Exception):
    """A directive names an id that is not (or not that kind of thing) in the data."""


def _entity(m: Municipality, arg: str, kind: type[E_]) -> E_:
    entity = m.entities.get(arg)
    if not isinstance(entity, kind):
        raise MissingEntity(arg)
    return entity


def _role(m: Municipality, arg: str) -> Role:
    if arg not in m.roles:
        raise MissingEntity(arg)
    return m.roles[arg]


VIEWS: dict[str, View] = {
    "handbook-programme": lambda m, v, a, g: E.programme_page(m, _entity(m, a, Programme), v.by_entity, g,
                                                              history=history_of(v), today=v.today),
    "handbook-project": lambda m, v, a, g: E.project_page(m, _entity(m, a, Project), v.by_entity,
                                                          history=history_of(v), today=v.today),
    "handbook-person": lambda m, v, a, g: person_page(m, _entity(m, a, Person), v.by_entity, v.today),
    "handbook-role": lambda m, v, a, g: E.role_page(m, _role(m, a), m.roles),
    "handbook-portfolio": lambda m, v, a, g: O.portfolio_page(m, v.by_entity),
    "handbook-standalone": lambda m, v, a, g: O.standalone_page(m, v.by_entity, g, history=history_of(v),
                                                                today=v.today),
    "handbook-goals": lambda m, v, a, g: O.goals_page(m),
    "handbook-organisation": lambda m, v, a, g: O.organisation_page(m),
    "handbook-people": lambda m, v, a, g: O.people_page(m),
    "handbook-traceability": lambda m, v, a, g: O.traceability_page(m),
    "handbook-findings": lambda m, v, a, g: O.findings_page(m, v.findings),
    "handbook-rules": lambda m, v, a, g: O.rules_page(m),
    "handbook-roles": lambda m, v, a, g: O.roles_page(m),
    "handbook-maturity": lambda m, v, a, g: O.maturity_page(m),
    "handbook-summary": lambda m, v, a, g: O.summary_block(m, v.findings, data_date(v.folder)),
    "handbook-changes": lambda m, v, a, g: H.changes_page(m, history_of(v)),
}


# Views computed for a validation, kept while it is in use: the incremental check computes
# every view to compare fingerprints, and the pages it finds changed need the same views.
_computed: weakref.WeakKeyDictionary[Validation, dict[tuple[str, str, bool], list[Block]]] = \
    weakref.WeakKeyDictionary()


def compute_view(name: str, validation: Validation, argument: str, project_pages: bool = False) -> list[Block]:
    """The blocks a directive shows; a missing entity gives a short Danish notice.
    ``project_pages``: this build makes the project and person pages itself (``generated_pages.py``)."""
    views = _computed.setdefault(validation, {})
    key = (name, argument, project_pages)
    if key not in views:
        views[key] = _compute_view(name, validation, argument, project_pages)
    return views[key]


def _compute_view(name: str, validation: Validation, argument: str, project_pages: bool) -> list[Block]:
    if validation.model is None:
        return [para("Kommunens data har fejl, så siden kan ikke vises. Kør handbook validate.")]
    try:
        return VIEWS[name](validation.model, validation, argument, project_pages)
    except MissingEntity:
        return [para(f"'{argument}' findes ikke i kommunens data.")]


class ViewDirective(SphinxDirective):
    """Base: ``name`` selects the view; an optional argument names the entity."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0] if self.arguments else ""
        build = state.of(self.env)
        blocks = compute_view(self.name, build.validation, argument, build.project_pages)
        images: list[str] = []
        if build.builder.format == "html":  # start drawing now; the page is rendered when written
            images = diagrams.prefetch(build.builder, [b for b in walk(blocks) if isinstance(b, Diagram)])
            images += [charts.chart_file(build.builder, b.spec).name for b in walk(blocks) if isinstance(b, Chart)]
        domain_of(self.env).note_view(self.env.docname, f"{self.name} {argument}", fingerprint(blocks),
                                      entity_links(blocks), images)
        return Expander(self, page_anchors(self.state.document)).expand(blocks)


_page_anchors: weakref.WeakKeyDictionary[nodes.document, Anchors] = weakref.WeakKeyDictionary()


def page_anchors(document: nodes.document) -> Anchors:
    """One anchor de-duplicator per page being read, shared by the directives on it."""
    anchors = _page_anchors.get(document)
    if anchors is None:
        anchors = _page_anchors[document] = Anchors()
    return anchors


def setup_directives(app: Sphinx) -> None:
    for name in VIEWS:
        app.add_directive(name, ViewDirective)
