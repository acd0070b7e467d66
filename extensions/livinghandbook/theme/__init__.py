"""The handbook's own HTML theme, ``handbook``, on Sphinx's ``basic`` theme (issue 14).

Chosen on evidence (``bench/theme_bench.py``, docs/architecture.md): furo,
pydata-sphinx-theme and sphinx-book-theme render a navigation tree of the whole site on
every page, which at 1,000+ pages made builds much slower than alabaster; this theme's
navigation is bounded (``navigation.py``). Templates, CSS and a few lines of JavaScript
live in ``handbook/``; the municipality's logo and colour come from its data
(``branding.py``). Every text in the chrome is Danish.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..sphinxext import state
from . import branding, navigation

THEME_DIR = Path(__file__).resolve().parent / "handbook"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: what the theme's templates show besides the page itself."""
    if app.builder.format != "html":
        return
    model = state.of(app.env).validation.model
    context["handbook_org"] = model.name if model is not None else ""
    context["handbook_mainnav"] = navigation.main_sections(app, pagename)
    context["handbook_nav"] = navigation.where(app, pagename)


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme("handbook", str(THEME_DIR))
    app.connect("builder-inited", branding.write_assets, priority=600)  # after state.begin (500)
    app.connect("html-page-context", _page_context)
    app.connect("env-before-read-docs", navigation.remember)
    app.connect("env-updated", navigation.pages_to_write)
