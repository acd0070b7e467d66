"""The ``handbook`` domain: cross-references to entities, roles and rules, and the
per-document fingerprints that drive incremental builds.

Where an entity lives is a function of the model (``views.labels.home``), so references
resolve without collecting targets while reading; the domain only stores, per document,
the fingerprint of each view it shows, with ``clear_doc`` and ``merge_domaindata`` so
parallel and incremental builds stay correct.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..views import labels as L
from . import state
from .project_pages import project_pagenames


_uri_cache: weakref.WeakKeyDictionary[Builder, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


class HandbookDomain(Domain):
    name = "handbook"
    label = "Projektmodel-håndbogen"
    object_types = {
        "entity": ObjType("entitet", "entity"),
        "rolle": ObjType("rolle", "rolle"),
        "regel": ObjType("regel", "regel"),
    }
    roles = {"entity": XRefRole(), "rolle": XRefRole(), "regel": XRefRole()}
    initial_data: dict[str, Any] = {
        "views": {},  # docname -> {view key: fingerprint}
        "needs_consumers": {},  # docname -> True: pages showing sphinx-needs' dynamic content
        "needs_shown": {},  # docname -> True: pages showing any need (they need its CSS/JS)
        "images": {},  # docname -> names of the diagram and chart files it shows (HTML)
    }
    data_version = 3

    # -- state per document -----------------------------------------------------------
    @property
    def views(self) -> dict[str, dict[str, str]]:
        return self.data["views"]

    @property
    def needs_consumers(self) -> dict[str, bool]:
        return self.data["needs_consumers"]

    @property
    def needs_shown(self) -> dict[str, bool]:
        return self.data["needs_shown"]

    @property
    def images(self) -> dict[str, list[str]]:
        return self.data["images"]

    def note_images(self, docname: str, names: Iterable[str]) -> None:
        self.images.setdefault(docname, []).extend(sorted(set(names)))

    def note_view(self, docname: str, key: str, fingerprint: str) -> None:
        self.views.setdefault(docname, {})[key] = fingerprint

    def clear_doc(self, docname: str) -> None:
        self.views.pop(docname, None)
        self.needs_consumers.pop(docname, None)
        self.needs_shown.pop(docname, None)
        self.images.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["views"]:
                self.views[docname] = otherdata["views"][docname]
            if docname in otherdata["needs_consumers"]:
                self.needs_consumers[docname] = True
            if docname in otherdata["needs_shown"]:
                self.needs_shown[docname] = True
            if docname in otherdata["images"]:
                self.images[docname] = otherdata["images"][docname]

    # -- references -------------------------------------------------------------------------
    def page_exists(self, env: BuildEnvironment, docname: str) -> bool:
        """A document of the build, or a page the handbook generates (project pages in HTML)."""
        return docname in env.found_docs or docname in project_pagenames(env)

    def _where(self, env: BuildEnvironment, typ: str, target: str) -> tuple[str, str, str] | None:
        """(docname, anchor, title) for a reference, or None."""
        model = state.validation(env.config).model
        if model is None:
            return None
        if typ == "entity":
            entity = model.entities.get(target)
            if entity is None:
                return None
            docname, anchor = L.home(entity)
            return docname, anchor, L.entity_label(model, entity)
        if typ == "rolle":
            role = model.roles.get(target)
            return (L.role_doc(role.id), "", role.name) if role else None
        if typ == "regel":
            from ..rules.engine import ALL_RULES
            rule = ALL_RULES.get(target)
            return (L.RULES_DOC, rule.id, f"{rule.id}: {rule.title}") if rule else None
        return None

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
                     target: str, node: pending_xref, contnode: Element) -> nodes.reference | None:
        where = self._where(env, typ, target)
        if where is None or not self.page_exists(env, where[0]):
            return None
        docname, anchor, title = where
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        if fromdocname == docname and anchor:
            return make_refnode(builder, fromdocname, docname, anchor, contnode, title)
        # As make_refnode, with the page-to-page URI cached: tens of thousands of links go
        # between the same few hundred pages, and get_relative_uri quotes both names each time.
        cache = _uri_cache.setdefault(builder, {})
        uri = cache.get((fromdocname, docname))
        if uri is None:
            uri = cache[fromdocname, docname] = builder.get_relative_uri(fromdocname, docname)
        ref = nodes.reference("", "", internal=True, refuri=f"{uri}#{anchor}" if anchor else uri, reftitle=title)
        ref += contnode
        return ref

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
                         node: pending_xref, contnode: Element) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in ("entity", "rolle", "regel"):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                results.append((f"{self.name}:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Entities, roles and rules for the object inventory (``objects.inv``)."""
        model = state.validation(self.env.config).model
        if model is None:
            return
        for entity_id in sorted(model.entities):
            docname, anchor = L.home(model.entities[entity_id])
            yield entity_id, L.entity_label(model, model.entities[entity_id]), "entity", docname, anchor, 1
        for role in model.roles.values():
            yield role.id, role.name, "rolle", L.role_doc(role.id), "", 1
