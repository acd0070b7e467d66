"""Sphinx extensions of the living project-model handbook.

``setup()`` only registers: config values, the ``handbook`` domain, directives, roles
and event handlers. The municipality's data is validated once per build (cached by
file stamps); method findings become Sphinx warnings located at the YAML line.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from . import background, state
from .diagrams import setup_diagrams
from .directives import setup_directives
from .domain import HandbookDomain
from .needs_integration import needs_assets_where_shown, purge_only_read_documents
from .incremental import neighbours_to_rewrite, note_needs_consumer, outdated_by_data, remember_read_docs
from .pages import generate_stubs
from .project_pages import collect_project_pages
from .roles import HandbookRef
from .warnings_ import report_finding


def _on_builder_inited(app: Sphinx) -> None:
    validation = state.refresh(app.config)
    for finding in validation.findings:
        report_finding(finding)
    if validation.model is not None:
        generate_stubs(app, validation.model)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_needs")
    app.add_config_value("handbook_data_dir", "", "env", types=[str])
    app.add_config_value("handbook_roles_dir", "", "env", types=[str])
    app.add_config_value("handbook_today", "", "env", types=[str])
    app.add_domain(HandbookDomain)
    setup_directives(app)
    setup_diagrams(app)
    app.add_role("rolle", HandbookRef("rolle"))
    app.add_role("regel", HandbookRef("regel"))
    app.connect("builder-inited", _on_builder_inited)
    app.connect("builder-inited", background.forget_listings)
    app.connect("builder-inited", purge_only_read_documents)
    app.connect("env-get-outdated", outdated_by_data)
    app.connect("doctree-read", note_needs_consumer)
    app.connect("env-before-read-docs", remember_read_docs)
    app.connect("env-updated", neighbours_to_rewrite)
    app.connect("html-collect-pages", collect_project_pages)
    app.connect("html-page-context", needs_assets_where_shown)
    app.connect("build-finished", background.wait_all)
    app.connect("build-finished", background.remove_unused)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
