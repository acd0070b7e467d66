"""The internals ``sphinxext/_compat.py`` relies on still have the shape it expects.

Each use falls back to a slower public path when an upstream internal moves, so a build
never breaks; these tests are what makes such a move loud: after upgrading Sphinx or
sphinx-needs, a failure here says which internal to re-check."""

from __future__ import annotations

import pytest

from conftest import CLEAN
from livinghandbook.sphinxext import _compat


def test_the_tested_versions_are_installed():
    installed = _compat.versions()
    for package, tested in _compat.TESTED.items():
        assert installed[package] == tested, f"{package} {installed[package]}: re-check sphinxext/_compat.py"


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_sphinx_needs_purge_handler_is_found_and_replaced(app):
    purge = _compat._needs_purge()
    assert purge is not None, "sphinx_needs.directives.need.purge_needs moved"
    handlers = [listener.handler for listener in app.events.listeners["env-purge-doc"]]
    assert purge not in handlers
    assert any(getattr(h, "__name__", "") == "purge_read" for h in handlers)


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_the_search_index_internals_exist(app):
    app.build()
    indexer = app.builder.indexer
    for name in ("prune", "feed", "lang", "_mapping", "_title_mapping"):
        assert hasattr(indexer, name), f"IndexBuilder.{name} moved"
    assert hasattr(app.builder, "index_page"), "StandaloneHTMLBuilder.index_page moved"
    assert callable(indexer.lang.stem)


def test_the_static_needs_nodes_are_importable():
    names = {cls.__name__ for cls in _compat.STATIC_NEEDS_NODES}
    assert names == {"Need", "NeedPart"}, "sphinx-needs renamed its need nodes: update _compat"


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_generated_pages_enter_the_search_index_as_sphinxs_feed_puts_them(app):
    """``_compat.index_generated_page`` files a page's words as ``IndexBuilder.feed`` does
    (so it can put an unchanged page back without reading it): same words, title words and
    titles, for a page with Danish text, a heading, a link, a table and markup."""
    app.build()
    indexer = app.builder.indexer
    body = ('<section id="x"><h2>Gevinster, projektet muliggør</h2><p>Færre <strong>hjælpebesøg</strong> i '
            'plejen &amp; bedre <a href="#y">arbejdsgange</a> for borgerne.</p><table><tr><td>Økonomisk</td>'
            '<td>Sanne Holmgaard (Omsorgschef)</td></tr></table></section>')
    _settings, mine = _compat.index_generated_page(app.builder, "x-ours", "Vasketoiletter i plejen", body, None)
    assert mine is not None and mine["words"].split()
    doctree = _compat._page_doctree("x-sphinx", "Vasketoiletter i plejen", body, None)
    indexer.feed("x-sphinx", "x-sphinx", "Vasketoiletter i plejen", doctree)

    def filed(name: str, mapping: dict[str, set[str]]) -> set[str]:
        return {word for word, pages in mapping.items() if name in pages}

    assert filed("x-ours", indexer._mapping) == filed("x-sphinx", indexer._mapping)
    assert filed("x-ours", indexer._title_mapping) == filed("x-sphinx", indexer._title_mapping)
    assert indexer._all_titles["x-ours"] == [(t, a) for t, a in indexer._all_titles["x-sphinx"]]
    again = _compat.index_generated_page(app.builder, "x-again", "Vasketoiletter i plejen", "", None, mine)[1]
    assert again == mine and filed("x-again", indexer._mapping) == filed("x-ours", indexer._mapping)


@pytest.mark.sphinx("html", testroot="handbook", confoverrides=CLEAN, freshenv=True)
def test_a_needs_repr_is_its_id_not_every_field(app):
    """Sphinx repr()s every event's arguments for a debug line; with all needs as the
    argument that was ~0.15 s a build. The short repr is in place after setup."""
    from sphinx_needs.data import SphinxNeedsData

    app.build()
    needs = SphinxNeedsData(app.env).get_needs_view()
    need = next(iter(needs.values()))
    assert repr(need) == f"<NeedItem {need['id']!r}>"
