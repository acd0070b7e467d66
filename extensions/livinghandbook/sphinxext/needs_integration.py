"""sphinx-needs integration: every entity is a (hidden) need with its contract id.

Editors can then use ``needtable``, ``needflow``, ``needfilter`` and ``:need:`` in
hand-written pages, and tools can read ``needs.json``. The needs are hidden because
our own pages already show each entity; sphinx-needs' rendering of 8,000 need boxes
would only cost build time. Labels are Danish.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import state

# Need types by entity kind: (directive/type name, Danish title, diagram colour).
NEED_TYPES: dict[str, tuple[str, str, str]] = {
    "portfolio": ("portefolje", "Portefølje", "#D9D2E9"),
    "programme": ("program", "Program", "#BFD8D2"),
    "project": ("projekt", "Projekt", "#FEDCD2"),
    "deliverable": ("leverance", "Leverance", "#FFF2CC"),
    "adhoc": ("adhoc", "Ad hoc-indsats", "#FCE5CD"),
    "benefit": ("gevinst", "Gevinst", "#D9EAD3"),
    "indicator": ("indikator", "Indikator", "#EEEEEE"),
    "goal": ("maal", "Strategisk mål", "#CFE2F3"),
    "unit": ("enhed", "Enhed", "#F3F3F3"),
    "person": ("person", "Person", "#FFFFFF"),
    "role": ("rolle", "Rolle", "#EAD1DC"),
}

LINKS: dict[str, dict[str, str]] = {
    "part_of": {"outgoing": "del af", "incoming": "indeholder"},
    "enabled_by": {"outgoing": "muliggøres af", "incoming": "muliggør"},
    "goals": {"outgoing": "understøtter", "incoming": "understøttes af"},
    # Relations between roles (the catalogue's ``relations``), on needs of type ``rolle``.
    "leads": {"outgoing": "leder", "incoming": "ledes af"},
    "reports_to": {"outgoing": "rapporterer til", "incoming": "får rapporter fra"},
    "appointed_by": {"outgoing": "udpeges af", "incoming": "udpeger"},
    "member_of": {"outgoing": "er medlem af", "incoming": "har som medlem"},
    "advises": {"outgoing": "rådgiver", "incoming": "rådgives af"},
    "works_with": {"outgoing": "arbejder sammen med", "incoming": "arbejder sammen med"},
}


def needs_settings() -> dict[str, Any]:
    """The sphinx-needs configuration the handbook's ``conf.py`` takes over."""
    return {
        "needs_types": [{"directive": name, "title": title, "prefix": "", "color": color, "style": "node"}
                        for name, title, color in NEED_TYPES.values()],
        "needs_links": {name: dict(cfg) for name, cfg in LINKS.items()},
        "needs_id_regex": r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
        "needs_id_required": True,
        "needs_flow_engine": "graphviz",
        "needs_table_style": "TABLE",  # a plain table: no English DataTables controls
        "needs_table_columns": "ID;TITLE;TYPE",
        "needs_reproducible_json": True,
        "needs_role_need_template": "{{ title }} ({{ id }})",
        # Every need is made by us from data our own schema has checked (and links from
        # resolved ids); sphinx-needs' schema pass re-checked 8,000 needs on every build
        # (~0.7 s at 1,000 projects) without a schema of its own to check against.
        "needs_schema_validation_enabled": False,
    }


def hidden_need(directive: SphinxDirective, spec: dict[str, Any]) -> list[nodes.Node]:
    from sphinx_needs.api import add_need

    links = {name: list(ids) for name, ids in spec.get("links", {}).items() if ids}
    return add_need(state.sphinx_app(directive), directive.state, directive.env.docname, directive.lineno,
                    need_type=NEED_TYPES[spec["type"]][0], title=spec["title"], id=spec["id"],
                    hide=True, **links)


def purge_only_read_documents(app: Any) -> None:
    """Skip sphinx-needs' purge for documents that were never read.

    sphinx-needs removes a document's needs by scanning every need (``remove_doc``), and
    Sphinx purges each document just before reading it, also new ones; a fresh build of
    1,000 pages holding 8,000 needs made that 9 million checks, ~6 s of the build (cProfile
    in bench/RESULTS.md). A document not yet in ``env.all_docs`` has nothing to purge (a
    removed one is purged by Sphinx before, as it is still known), so for it we skip the
    scan; documents read before are purged exactly as sphinx-needs does.
    """
    from sphinx_needs.directives.need import purge_needs

    for listener in list(app.events.listeners.get("env-purge-doc", [])):
        if listener.handler is purge_needs:
            app.disconnect(listener.id)

            def purge(app: Any, env: Any, docname: str) -> None:
                if docname in env.all_docs:
                    purge_needs(app, env, docname)

            app.connect("env-purge-doc", purge, priority=listener.priority)


NEEDS_ASSETS = ("/sphinx-needs/", "/sphinx-data-viewer/")


def needs_assets_where_shown(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                             doctree: Any) -> None:
    """``html-page-context``: sphinx-needs' CSS and JavaScript (10 files) only on pages that
    show a need. sphinx-needs adds them to every page; our needs are hidden, so on the
    generated pages they only cost the reader ten requests and the build a checksum of
    each file for each of 1,000+ pages."""
    if pagename in app.env.get_domain("handbook").needs_shown:
        return
    for key in ("css_files", "script_files"):
        if isinstance(context.get(key), list):
            context[key] = [asset for asset in context[key]
                            if not any(part in "/" + str(getattr(asset, "filename", asset) or "") for part in NEEDS_ASSETS)]
