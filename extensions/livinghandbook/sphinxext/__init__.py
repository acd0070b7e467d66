"""Sphinx extensions of the living project-model handbook.

``setup()`` only registers: configuration values, the ``handbook`` domain, directives,
roles, nodes and event handlers. The municipality's data is validated once per build
(``state.begin``); method findings become Sphinx warnings located at the YAML line.

The life of a page (``docs/architecture.md``): a directive computes its view (blocks) and
records its fingerprint when the page is read (``directives.py``); structure becomes
docutils nodes and runs of content one ``handbook_blocks`` node (``expand.py``); the
runs are rendered when the page is written (``resolve.py``: HTML text for HTML builders,
docutils nodes for the others). ``incremental.py`` decides what is read and written
again; ``generated_pages.py`` generates the project and person pages of HTML builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from . import _compat, background, state
from .config import setup_config
from .content_assets import content_assets_where_used
from .diagrams import setup_diagrams
from .directives import setup_directives
from .domain import HandbookDomain, domain_of
from .incremental import note_needs_consumer, outdated_by_data, pages_to_write, remember_read_docs
from .needs_integration import needs_assets_where_shown
from .pages import generate_stubs
from .fresh_output import write_pages_anew
from .generated_pages import collect_generated_pages
from .reference_roles import HandbookRef
from .resolve import setup_resolve
from .warnings_ import report_finding


def _on_builder_inited(app: Sphinx) -> None:
    build = state.begin(app)
    for finding in build.validation.findings:
        report_finding(finding)
    if build.validation.model is not None:
        generate_stubs(app, build.validation.model)


def _remove_unused_drawings(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: delete diagram and chart files no page shows any more."""
    if exception is not None or app.builder.format != "html":
        return
    shown = {name for names in domain_of(app.env).per_document("images").values() for name in names}
    shown |= state.of(app.env).generated_images
    background.remove_unused(Path(app.outdir) / app.builder.imagedir, shown)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_needs")
    setup_config(app)
    app.add_domain(HandbookDomain)
    setup_directives(app)
    setup_resolve(app)
    setup_diagrams(app)
    from ..theme import setup_theme  # here: the theme imports this package's state module

    setup_theme(app)
    app.add_role("rolle", HandbookRef("rolle"))
    app.add_role("regel", HandbookRef("regel"))
    app.connect("builder-inited", _on_builder_inited)
    app.connect("builder-inited", background.forget_listings)
    app.connect("builder-inited", _compat.purge_only_read_documents)
    _compat.short_need_repr()
    app.connect("env-get-outdated", outdated_by_data)
    app.connect("doctree-read", note_needs_consumer)
    app.connect("env-before-read-docs", remember_read_docs)
    app.connect("env-updated", pages_to_write)
    app.connect("html-collect-pages", collect_generated_pages)
    app.connect("html-page-context", needs_assets_where_shown)
    app.connect("html-page-context", write_pages_anew, priority=900)  # last: just before the page is written
    app.connect("html-page-context", content_assets_where_used)
    app.connect("build-finished", background.wait_all)
    app.connect("build-finished", _remove_unused_drawings)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
