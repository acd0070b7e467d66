"""The ``handbook`` domain: cross-references to entities, roles and rules from hand-written
pages, and what the incremental build must remember about each document.

Where an entity lives is a function of the model (``views.labels.home``), so references
resolve without collecting targets while reading (``links.py``). Per document the domain
stores, with ``clear_doc`` and ``merge_domaindata`` so parallel and incremental builds
stay correct: the fingerprint of each view it shows, the entities it links to, the
drawn files it shows, and whether it shows sphinx-needs content. Per build it stores the
code seal and where every entity lived, so the next build can tell what moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from ..views import labels as L
from ..views.kinds import KINDS
from . import links, state

PER_DOCUMENT = ("views", "links", "images", "needs_consumers", "needs_shown", "index_entries")


class HandbookDomain(Domain):
    name = "handbook"
    label = "Projektmodel-håndbogen"
    # Entities are listed (objects.inv, search) under their kind, named in Danish, so a search
    # result reads "(gevinst, i Digital folkeskole)"; the role ``entity`` finds every kind.
    object_types: ClassVar[dict[str, ObjType]] = {
        "entity": ObjType("entitet", "entity"),
        **{kind.name: ObjType(kind.singular.lower(), "entity") for kind in KINDS},
        "rolle": ObjType("rolle", "rolle"),
        "regel": ObjType("regel", "regel"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        "entity": XRefRole(), "rolle": XRefRole(), "regel": XRefRole()}
    initial_data: ClassVar[dict[str, Any]] = {
        "views": {},  # docname -> {view key: fingerprint}
        "links": {},  # docname -> sorted ids of the entities it links to
        "images": {},  # docname -> names of the diagram and chart files it shows (HTML)
        "needs_consumers": {},  # docname -> True: shows sphinx-needs' dynamic content
        "needs_shown": {},  # docname -> True: shows any need (gets sphinx-needs' CSS/JS)
        "index_entries": {},  # docname -> True: has index entries (written on every build)
        "seal": "",  # the code seal of the build that read the documents (seal.py)
        "homes": {},  # entity id -> [docname, anchor] at the last build
    }
    data_version = 5

    # -- what each document shows --------------------------------------------------------
    def per_document(self, key: str) -> dict[str, Any]:
        table: dict[str, Any] = self.data[key]
        return table

    def note_view(self, docname: str, key: str, fingerprint: str, linked: Iterable[str],
                  images: Iterable[str]) -> None:
        self.data["views"].setdefault(docname, {})[key] = fingerprint
        self.data["links"][docname] = sorted({*self.data["links"].get(docname, []), *linked})
        self.data["images"][docname] = sorted({*self.data["images"].get(docname, []), *images})

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in PER_DOCUMENT:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    # -- references from hand-written pages --------------------------------------------------
    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
                     target: str, node: pending_xref, contnode: Element) -> nodes.reference | None:
        place = links.place_of(env, typ, target)
        if place is None:
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(place.title, place.title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, place.docname, place.anchor, contnode, place.title)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
                         node: pending_xref, contnode: Element) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in ("entity", "rolle", "regel"):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                results.append((f"{self.name}:{typ}", ref))
        return results

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """The Danish name alone: Sphinx prefixes the domain's label ("Projektmodel-håndbogen
        rolle"), which search results then showed."""
        return type.lname

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Entities, roles and rules for the object inventory (``objects.inv``)."""
        model = state.of(self.env).validation.model
        if model is None:
            return
        for entity_id in sorted(model.entities):
            docname, anchor = L.home(model.entities[entity_id])
            entity = model.entities[entity_id]
            yield entity_id, L.entity_label(model, entity), entity.kind, docname, anchor, 1
        for role in model.roles.values():
            yield role.id, role.name, "rolle", L.role_doc(role.id), "", 1


def domain_of(env: BuildEnvironment) -> HandbookDomain:
    domain = env.get_domain("handbook")
    assert isinstance(domain, HandbookDomain)
    return domain
