"""The handbook's directives: each shows one view of the municipality's data.

A directive computes its view (blocks), records the view's fingerprint for the
incremental build, and renders it. The same ``VIEWS`` table is used by
``incremental.py`` to recompute fingerprints, so "what a page shows" has exactly one
definition.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..model.entities import Municipality, Programme, Project, Role
from ..validate import Validation
from ..views import entity_pages as E
from ..views import overview_pages as O
from ..views.blocks import Block, fingerprint, para
from . import state
from .render import Renderer

View = Callable[[Municipality, Validation, str], list[Block]]


class MissingEntity(Exception):
    """A directive names an id that is not (or not that kind of thing) in the data."""


def _entity(m: Municipality, arg: str, kind: type) -> object:
    entity = m.entities.get(arg)
    if not isinstance(entity, kind):
        raise MissingEntity(arg)
    return entity


def _role(m: Municipality, arg: str) -> Role:
    if arg not in m.roles:
        raise MissingEntity(arg)
    return m.roles[arg]


VIEWS: dict[str, View] = {
    "handbook-programme": lambda m, v, a: E.programme_page(m, _entity(m, a, Programme), v.by_entity),
    "handbook-project": lambda m, v, a: E.project_page(m, _entity(m, a, Project), v.by_entity),
    "handbook-role": lambda m, v, a: E.role_page(m, _role(m, a), m.roles),
    "handbook-portfolio": lambda m, v, a: O.portfolio_page(m, v.by_entity),
    "handbook-standalone": lambda m, v, a: O.standalone_page(m, v.by_entity),
    "handbook-goals": lambda m, v, a: O.goals_page(m),
    "handbook-organisation": lambda m, v, a: O.organisation_page(m),
    "handbook-people": lambda m, v, a: O.people_page(m),
    "handbook-traceability": lambda m, v, a: O.traceability_page(m),
    "handbook-findings": lambda m, v, a: O.findings_page(m, v.findings),
    "handbook-rules": lambda m, v, a: O.rules_page(m),
    "handbook-roles": lambda m, v, a: O.roles_page(m),
    "handbook-maturity": lambda m, v, a: O.maturity_page(m),
    "handbook-summary": lambda m, v, a: O.summary_block(m, v.findings, state.data_date(v.folder)),
}


def compute_view(name: str, validation: Validation, argument: str) -> list[Block]:
    """The blocks a directive shows; a missing entity gives a short Danish notice."""
    if validation.model is None:
        return [para("Kommunens data har fejl, så siden kan ikke vises. Kør handbook validate.")]
    try:
        return VIEWS[name](validation.model, validation, argument)
    except MissingEntity:
        return [para(f"'{argument}' findes ikke i kommunens data.")]


class ViewDirective(SphinxDirective):
    """Base: ``name`` selects the view; an optional argument names the entity."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0] if self.arguments else ""
        validation = state.validation(self.config)
        blocks = compute_view(self.name, validation, argument)
        self.env.get_domain("handbook").note_view(  # type: ignore[attr-defined]
            self.env.docname, f"{self.name} {argument}", fingerprint(blocks))
        return Renderer(self).blocks(blocks)


def setup_directives(app) -> None:  # noqa: ANN001
    for name in VIEWS:
        app.add_directive(name, ViewDirective)
