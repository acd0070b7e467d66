"""Where a link leads: one resolver for every renderer and every builder.

Where an entity lives is a function of the model (``views.labels.home``), so links are
resolved when a page is written, from the build's current data: a page never carries a
stale link, and a link to an entity that moved is fixed by writing the page again
(``incremental.py`` finds those pages), not by reading it again. A link whose target is
missing is one ``handbook.reference`` warning, whatever the builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..rules.engine import ALL_RULES
from ..views import labels as L
from ..views.blocks import Link
from . import state
from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Place:
    docname: str
    anchor: str  # '' is the page itself
    title: str  # what the link's tooltip says


def place_of(env: BuildEnvironment, kind: str, target: str) -> Place | None:
    """The page and anchor of an entity, role, rule or page, if it exists in this build."""
    build = state.of(env)
    model = build.validation.model
    found = None if model is None else _place(model, kind, target)
    if found is None or not page_exists(env, found.docname):
        return None
    return found


def _place(model: Any, kind: str, target: str) -> Place | None:
    if kind == "entity":
        entity = model.entities.get(target)
        if entity is None:
            return None
        docname, anchor = L.home(entity)
        return Place(docname, anchor, L.entity_label(model, entity))
    if kind in ("role", "rolle"):
        role = model.roles.get(target)
        return Place(L.role_doc(role.id), "", role.name) if role else None
    if kind in ("rule", "regel"):
        rule = ALL_RULES.get(target)
        return Place(L.RULES_DOC, rule.id, f"{rule.id}: {rule.title}") if rule else None
    if kind == "doc":  # a page, or a section of one: "docname#anchor"
        docname, _, anchor = target.lstrip("/").partition("#")
        return Place(docname, anchor, "")
    return None


def page_exists(env: BuildEnvironment, docname: str) -> bool:
    """A document of the build, or a page the handbook generates (project and person pages in HTML)."""
    return docname in env.found_docs or docname in generated_pages(env)


def generated_pages(env: BuildEnvironment) -> frozenset[str]:
    build = state.of(env)
    if not build.project_pages or build.validation.model is None:
        return frozenset()
    return _generated_pagenames(build.validation)


@lru_cache(maxsize=4)
def _generated_pagenames(validation: Any) -> frozenset[str]:
    from .generated_pages import pagenames  # the module that makes them (and imports this one)

    return pagenames(validation.model)


def uri(builder: Any, fromdoc: str, place: Place, cache: dict[str, str] | None = None) -> str:
    """The link from ``fromdoc`` to a place. A builder that writes one file (single HTML)
    returns ``page#document-…`` for pages; the anchor then replaces that fragment. A
    builder with a ``handbook_uri(docname, anchor)`` method makes its links itself (the
    print builder: it renames anchors across pages after writing)."""
    own = getattr(builder, "handbook_uri", None)
    if own is not None:
        return str(own(place.docname, place.anchor))
    if place.docname == fromdoc and place.anchor:
        return f"#{place.anchor}"
    page = cache.get(place.docname) if cache is not None else None
    if page is None:
        page = builder.get_relative_uri(fromdoc, place.docname)
        if cache is not None:
            cache[place.docname] = page
    if not place.anchor:
        return page
    return f"{page.partition('#')[0]}#{place.anchor}"


def warn_missing(link: Link, location: Any) -> None:
    logger.warning(f"henvisningen til '{link.target}' fører ingen steder hen", type=WARNING_TYPE,
                   subtype=Subtype.REFERENCE.value, location=location)
