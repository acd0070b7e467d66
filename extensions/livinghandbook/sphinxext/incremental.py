"""Incremental builds that equal clean builds, doing as little as that allows.

* **Read again** (``env-get-outdated``) exactly the pages whose view changed: every view
  records a fingerprint (a hash of its blocks) when its page is read; the next build
  recomputes the fingerprints from the current data and compares. When the extension's
  own code changed (the code seal, ``seal.py``), every handbook page is read again.
  Pages showing sphinx-needs' dynamic content (needtable, needflow, ``:need:`` …) are
  read again whenever data changed, as their content is computed from all needs.
* **Write again** (``env-updated``), without reading, the pages whose output changes
  although their blocks did not: pages linking to an entity that moved to another page
  or anchor (links are resolved when a page is written), pages whose parent, previous
  or next page changed its title (their navigation shows it), and pages missing a
  drawn file they show (a diagram that failed to draw is tried, and reported, again).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..views import labels as L
from ..views.blocks import fingerprint
from . import _compat, state
from .directives import compute_view
from .domain import domain_of
from .seal import code_seal

logger = logging.getLogger(__name__)


def outdated_by_data(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    domain = domain_of(env)
    build = state.of(env)
    already = added | changed | removed
    views: dict[str, dict[str, str]] = domain.per_document("views")
    if domain.data["seal"] != code_seal():
        stale = [d for d in sorted(views) if d not in already]
        domain.data["seal"] = code_seal()
        if stale:
            logger.info(f"handbook: koden er ændret, så alle {len(stale)} sider med data læses igen")
    else:
        stale = [docname for docname, shown in sorted(views.items()) if docname not in already
                 and any(_changed(build, key, old) for key, old in shown.items())]
    if stale or already:
        stale += [d for d in sorted(domain.per_document("needs_consumers")) if d not in already and d not in stale]
    if stale:
        logger.info(f"handbook: {len(stale)} sider viser ændrede data og læses igen")
    return stale


def _changed(build: state.BuildState, key: str, old: str) -> bool:
    name, _, argument = key.partition(" ")
    return fingerprint(compute_view(name, build.validation, argument, build.project_pages)) != old


def note_needs_consumer(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: note pages showing any need (only they get sphinx-needs' CSS and
    JavaScript, ``needs_integration.py``) and pages with its dynamic content; and pages
    with index entries (the glossary), which are written on every build: Sphinx keeps a
    page's index entries for the search index only from when the page is written, and
    loses them from the next build's index when it is not (an incremental build's search
    index then differs from a clean build's)."""
    domain = domain_of(app.env)
    if next(iter(doctree.findall(addnodes.index)), None) is not None:
        domain.per_document("index_entries")[app.env.docname] = True
    for node in doctree.findall(nodes.Element):
        if node.get("hidden") or not _compat.is_needs_node(node):
            continue
        domain.per_document("needs_shown")[app.env.docname] = True
        if _compat.is_dynamic_needs_node(node):
            domain.per_document("needs_consumers")[app.env.docname] = True
            return


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else ""


def remember_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the titles of the documents about to be read."""
    state.of(env).titles_before = {d: _title(env, d) for d in docnames}


def pages_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages to write again without reading them (see the module doc)."""
    build = state.of(env)
    rewrite = _neighbours_retitled(env, build.titles_before)
    build.moved = _moved_entities(env, build)
    if build.moved:
        rewrite |= {doc for doc, ids in domain_of(env).per_document("links").items() if build.moved.intersection(ids)}
    if build.builder.format == "html":
        rewrite |= _missing_drawings(env, build) | set(domain_of(env).per_document("index_entries"))
    return sorted(rewrite - set(build.titles_before))


def _neighbours_retitled(env: BuildEnvironment, before: dict[str, str]) -> set[str]:
    retitled = {doc for doc, title in before.items() if _title(env, doc) != title}
    if not retitled:
        return set()
    return {doc for doc, related in env.collect_relations().items()
            if retitled.intersection(r for r in related if r)}


def _moved_entities(env: BuildEnvironment, build: state.BuildState) -> frozenset[str]:
    """Entities whose page or anchor differs from the last build's (new and removed ones too)."""
    model = build.validation.model
    homes = {} if model is None else {eid: list(L.home(e)) for eid, e in model.entities.items()}
    domain = domain_of(env)
    before: dict[str, list[str]] = domain.data["homes"]
    moved = frozenset(eid for eid in {*before, *homes} if before.get(eid) != homes.get(eid))
    domain.data["homes"] = homes
    return moved


def _missing_drawings(env: BuildEnvironment, build: state.BuildState) -> set[str]:
    folder = Path(build.builder.outdir) / build.builder.imagedir
    present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    return {doc for doc, names in domain_of(env).per_document("images").items() if not present.issuperset(names)}
