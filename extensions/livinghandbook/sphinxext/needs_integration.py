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

from ..views.blocks import Need
from ..views.kinds import KINDS
from . import state

# Need types by entity kind (views/kinds.py), plus the catalogue's roles:
# (directive/type name, Danish title, diagram colour).
NEED_TYPES: dict[str, tuple[str, str, str]] = {
    **{k.name: (k.need_type, k.singular, k.colour) for k in KINDS},
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


def hidden_need(directive: SphinxDirective, block: Need) -> list[nodes.Node]:
    """The one place data enters sphinx-needs.

    ``allow_type_coercion=False`` makes sphinx-needs take every value as the literal it
    is: with coercion a string is parsed like a directive option, so ``[[copy(…)]]`` in a
    title ran a dynamic function (its ``filter`` is ``eval``-ed: data ran code) and
    ``<<…>>`` a variant. Our values are already typed (strings, lists of ids), so nothing
    needs coercing; the hypothesis test in ``tests/faults`` pushes arbitrary text through a
    real build and finds it verbatim in needs.json and the HTML."""
    from sphinx_needs.api import add_need

    # Every link type given, empty ones too: sphinx-needs computes a default for each one
    # left out, for every need (with nine link types, a second per build at 8,000 needs).
    links: dict[str, Any] = {name: [] for name in LINKS}
    links.update((name, list(ids)) for name, ids in block.links)
    return add_need(state.of(directive.env).app, directive.state, directive.env.docname, directive.lineno,
                    need_type=NEED_TYPES[block.type][0], title=block.title, id=block.id,
                    hide=True, allow_type_coercion=False, **links)


NEEDS_ASSETS = ("/sphinx-needs/", "/sphinx-data-viewer/")


def needs_assets_where_shown(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                             doctree: Any) -> None:
    """``html-page-context``: sphinx-needs' CSS and JavaScript (10 files) only on pages that
    show a need. sphinx-needs adds them to every page; our needs are hidden, so on the
    generated pages they only cost the reader ten requests and the build a checksum of
    each file for each of 1,000+ pages."""
    if pagename in app.env.get_domain("handbook").data["needs_shown"]:
        return
    for key in ("css_files", "script_files"):
        if isinstance(context.get(key), list):
            context[key] = [asset for asset in context[key]
                            if not any(part in "/" + str(getattr(asset, "filename", asset) or "") for part in NEEDS_ASSETS)]
