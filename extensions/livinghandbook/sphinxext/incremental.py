"""Incremental builds that are exact: re-read a page when, and only when, what it shows
has changed.

Every view records a fingerprint (a hash of its blocks) when its page is read. On the
next build, ``env-get-outdated`` recomputes the fingerprints from the current data and
returns the pages whose fingerprint differs. An edit to one project's title thus
re-reads that project's page, its programme's page, the portfolio overview, the
people matrix and traceability pages that name it, and nothing else. Pages showing
sphinx-needs' dynamic content (needtable, needflow, ``:need:``…) are re-read whenever
any data-driven page changed, since their content is computed from all needs; this is
the stale-needtable bug we must not have.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import state
from .directives import compute_view, view_fingerprint
from .project_pages import generates_project_pages

logger = logging.getLogger(__name__)

# sphinx-needs nodes whose output depends on needs defined on other pages.
NEEDS_DYNAMIC = {"Needtable", "Needflow", "NeedflowGraphiz", "NeedflowPlantuml", "Needfilter", "Needlist",
                 "Needextract", "Needpie", "Needbar", "Needgantt", "Needsequence", "Needuml", "NeedRef",
                 "NeedCount", "NeedIncoming", "NeedOutgoing", "NeedFunc"}


def outdated_by_data(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    domain = env.get_domain("handbook")
    validation = state.validation(app.config)
    already = added | changed | removed
    separate = generates_project_pages(app)
    stale = []
    for docname, views in sorted(domain.views.items()):  # type: ignore[attr-defined]
        if docname in already:
            continue
        for key, old in views.items():
            name, _, argument = key.partition(" ")
            if view_fingerprint(validation, compute_view(name, validation, argument, separate)) != old:
                stale.append(docname)
                break
    if stale or already:
        stale += [d for d in sorted(domain.needs_consumers) if d not in already and d not in stale]  # type: ignore[attr-defined]
    if stale:
        logger.info(f"handbook: {len(stale)} sider viser ændrede data og læses igen")
    return stale


def note_needs_consumer(app: Sphinx, doctree: nodes.document) -> None:
    """Note pages with sphinx-needs' dynamic content, and pages showing any need at all
    (only those get sphinx-needs' CSS and JavaScript, ``needs_integration.py``)."""
    domain = app.env.get_domain("handbook")
    for node in doctree.findall(nodes.Element):
        name = type(node).__name__
        if node.get("hidden") or not type(node).__module__.startswith("sphinx_needs"):
            continue
        domain.needs_shown[app.env.docname] = True  # type: ignore[attr-defined]
        if name in NEEDS_DYNAMIC:
            domain.needs_consumers[app.env.docname] = True  # type: ignore[attr-defined]
            return


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else ""


def remember_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Keep the titles of the documents about to be read (main process, before reading)."""
    env.get_domain("handbook").titles_before = {d: _title(env, d) for d in docnames}  # type: ignore[attr-defined]


def neighbours_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose parent, previous or next page changed its title show the old title in
    their navigation links, so they must be written again (but not read again). Pages
    re-read without a new title (most of them) do not touch their neighbours."""
    before: dict[str, str] = getattr(env.get_domain("handbook"), "titles_before", {})
    retitled = {doc for doc, title in before.items() if _title(env, doc) != title}
    if not retitled:
        return []
    rewrite = {doc for doc, related in env.collect_relations().items()
               if doc not in before and retitled.intersection(r for r in related if r)}
    return sorted(rewrite)
