"""Every use of a private or undocumented Sphinx or sphinx-needs API, in one place.

The rest of the extension uses public API only (events, ``add_node``/``add_directive``,
domains, ``make_refnode``, ``html-collect-pages`` with the documented page context).
What is here is here for speed at 1,000+ pages, or because no public hook exists.
Each use:

* states the versions it was written against (``TESTED``) and checks, before touching
  anything, that the internal still has the shape it expects; if not, it logs one
  ``handbook.compat`` message and falls back to the slower or plainer public path —
  a build never breaks because an upstream internal moved;
* names what upstream could offer instead;
* is exercised by ``tests/test_compat.py``, which fails loudly when an upgrade changes
  the internal (so the fallback is noticed, not silently slow).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sphinx
from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.util import logging

from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)

TESTED = {"sphinx": (9, 0), "sphinx_needs": (9, 1)}


def _fallback(what: str) -> None:
    logger.info(f"handbook: {what} findes ikke i denne version af Sphinx/sphinx-needs; "
                "håndbogen bruger den langsommere offentlige vej", type=WARNING_TYPE, subtype=Subtype.COMPAT.value)


# -- sphinx-needs: the purge of documents never read ------------------------------------------
def _needs_purge() -> Callable[..., None] | None:
    try:
        from sphinx_needs.directives.need import purge_needs
    except ImportError:  # moved or renamed upstream
        return None
    return purge_needs


def purge_only_read_documents(app: Sphinx) -> None:
    """Skip sphinx-needs' ``env-purge-doc`` handler for documents that were never read.

    sphinx-needs removes a document's needs by scanning every need (``remove_doc``), and
    Sphinx purges each document just before reading it, new ones too: a fresh build of
    1,000 pages holding 8,000 needs made 9 million checks (~6 s, bench/RESULTS.md). A
    document not yet in ``env.all_docs`` has nothing to purge, so it is skipped; every
    other document is purged exactly as sphinx-needs does.

    Internal: ``app.events.listeners`` (to find sphinx-needs' listener id; Sphinx offers
    ``disconnect(id)`` but no lookup). Upstream: sphinx-needs could index needs by
    document so that ``remove_doc`` is O(needs of the document).
    """
    purge = _needs_purge()
    listeners = getattr(getattr(app, "events", None), "listeners", None)
    if purge is None or not isinstance(listeners, dict):
        _fallback("sphinx-needs' purge_needs eller app.events.listeners")
        return
    needs_purge: Callable[..., None] = purge
    for listener in list(listeners.get("env-purge-doc", [])):
        if getattr(listener, "handler", None) is needs_purge:
            app.disconnect(listener.id)

            def purge_read(app: Sphinx, env: Any, docname: str) -> None:
                if docname in env.all_docs:
                    needs_purge(app, env, docname)

            app.connect("env-purge-doc", purge_read, priority=listener.priority)


# -- sphinx-needs: a need's repr, computed for a debug line nobody reads -----------------------
def short_need_repr() -> bool:
    """Make ``repr(NeedItem)`` the need's id instead of every field of it.

    sphinx-needs emits ``needs-before-post-processing`` and ``needs-before-sealing`` with
    all needs, and Sphinx's ``EventManager.emit`` calls ``repr(args)`` for a debug log line
    before it looks at the log level: 16,000 full reprs at 8,000 needs, ~0.15 s of every
    build (bench, 50×20×3). Only that debug text changes.

    Internal: ``sphinx_needs.need_item.NeedItem`` and its ``__repr__``. Upstream: Sphinx
    could format the debug line lazily (only when debug logging is on).
    """
    try:
        from sphinx_needs.need_item import NeedItem
    except ImportError:
        _fallback("sphinx-needs' NeedItem")
        return False
    if not callable(getattr(NeedItem, "__getitem__", None)):
        _fallback("sphinx-needs' NeedItem.__getitem__")
        return False

    def need_repr(need: Any) -> str:
        try:
            return f"<NeedItem {need['id']!r}>"
        except Exception:  # noqa: BLE001 - a repr must not fail
            return "<NeedItem>"

    setattr(NeedItem, "__repr__", need_repr)  # noqa: B010 - a class attribute set on purpose
    return True


# -- sphinx-needs: which nodes show needs, and which compute them from all needs ---------------
def _static_needs_nodes() -> tuple[type, ...]:
    found: list[type] = []
    try:
        from sphinx_needs.nodes import Need
        found.append(Need)
    except ImportError:
        pass
    try:
        from sphinx_needs.roles.need_part import NeedPart
        found.append(NeedPart)
    except ImportError:
        pass
    return tuple(found)


STATIC_NEEDS_NODES = _static_needs_nodes()


def is_needs_node(node: nodes.Node) -> bool:
    """A node sphinx-needs made (its module is sphinx-needs')."""
    return type(node).__module__.partition(".")[0] == "sphinx_needs"


def is_dynamic_needs_node(node: nodes.Node) -> bool:
    """A sphinx-needs node whose output is computed from needs defined elsewhere
    (needtable, needflow, ``:need:`` …). Checked with ``isinstance`` against the two
    node kinds that only show their own need; any other sphinx-needs node — including one
    a future release adds — counts as dynamic, so it is never left stale."""
    return is_needs_node(node) and not isinstance(node, STATIC_NEEDS_NODES)


# -- Sphinx's search index: generated pages and the Danish stemmer ------------------------------
def _indexer(builder: Any) -> Any:
    indexer = getattr(builder, "indexer", None)
    if indexer is None:
        return None
    if not all(hasattr(indexer, name) for name in ("prune", "feed", "lang")) or not hasattr(builder, "index_page"):
        _fallback("søgeindeksets prune/feed/index_page")
        return None
    return indexer


def keep_in_search_index(builder: Any, pagenames: Iterable[str]) -> None:
    """Sphinx prunes its search index to the documents it read, just before dumping it
    (which is why ``viewcode``'s pages are not searchable); keep our generated pages.
    Pruning also leaves every word whose pages are all gone as an empty entry, so an
    incremental build's index differed from a clean build's; those entries are dropped.

    Internal: ``builder.indexer.prune`` and its ``_mapping``/``_title_mapping``.
    Upstream: an ``html-collect-pages`` page could carry a flag (or a doctree) asking to
    be indexed, and ``IndexBuilder.prune`` could drop the words it empties."""
    indexer = _indexer(builder)
    if indexer is None or getattr(indexer, "_handbook_kept", None) is not None:
        if indexer is not None:
            indexer._handbook_kept.update(pagenames)
        return
    indexer._handbook_kept = kept = set(pagenames)
    prune = indexer.prune

    def prune_keeping(docnames: Iterable[str]) -> None:
        prune({*docnames, *kept})
        for name in ("_mapping", "_title_mapping"):
            mapping = getattr(indexer, name, None)
            if isinstance(mapping, dict):
                for word in [w for w, pages in mapping.items() if not pages]:
                    del mapping[word]

    indexer.prune = prune_keeping


def memoise_stemmer(builder: Any) -> None:
    """Sphinx memoises stems per page only; 1,000 generated pages share most words, and
    the pure-Python Danish stemmer was most of the time spent feeding them.

    Internal: ``builder.indexer.lang.stem``. Upstream: a stem cache per build."""
    indexer = _indexer(builder)
    if indexer is None or getattr(indexer.lang, "_handbook_memoised", False):
        return
    indexer.lang.stem = functools.lru_cache(maxsize=None)(indexer.lang.stem)
    indexer.lang._handbook_memoised = True


IndexedPage = dict[str, Any]  # what the search index holds of one page (JSON: kept in the page's record)


def index_generated_page(builder: Any, pagename: str, title: str, body_html: str, settings: Any,
                         known: IndexedPage | None = None) -> tuple[Any, IndexedPage | None]:
    """Put a generated page (its HTML body) into the search index, and return the docutils
    settings to reuse and what the index now holds of the page. With ``known`` (from an
    earlier build, for an unchanged page) that is put back without reading the page again.

    Sphinx keeps only the documents it read in its index, so every build puts every
    generated page back; reading 1,200 pages' words again was ~0.7 s of a rebuild.
    Internal: ``IndexBuilder``'s ``_word_collector``, ``lang``, ``_titles``, ``_filenames``,
    ``_all_titles``, ``_mapping``, ``_title_mapping`` and ``_index_entries``: this is the
    word handling of ``IndexBuilder.feed`` (Sphinx 9.0) for a page without index entries,
    and ``tests/sphinx/test_compat.py`` checks it gives the same index as ``feed``.
    Upstream: a way to feed a page's words, or to keep pages it did not read."""
    indexer = _indexer(builder)
    needed = ("_word_collector", "_titles", "_filenames", "_all_titles", "_mapping", "_title_mapping",
              "_index_entries")
    if indexer is None or not all(hasattr(indexer, name) for name in needed):
        if indexer is not None:
            _fallback("IndexBuilder.feed's parts")
        return _index_page(builder, pagename, title, body_html, settings), None
    if known is None:
        doctree = _page_doctree(pagename, title, body_html, settings)
        settings = doctree.settings
        known = _indexed(indexer, doctree)
    indexer._titles[pagename] = title
    indexer._filenames[pagename] = os.fspath(builder.env.doc2path(pagename, base=False))
    indexer._all_titles[pagename] = [tuple(t) for t in known["titles"]]
    indexer._index_entries[pagename] = []
    for word in known["title_words"].split():
        indexer._title_mapping.setdefault(word, set()).add(pagename)
    for word in known["words"].split():
        indexer._mapping.setdefault(word, set()).add(pagename)
    return settings, known


def _page_doctree(pagename: str, title: str, body_html: str, settings: Any) -> Any:
    doctree = new_document(pagename, settings)
    section = nodes.section("", nodes.title(title, title), ids=[pagename])
    section += nodes.raw("", body_html, format="html")
    doctree += section
    return doctree


def _indexed(indexer: Any, doctree: Any) -> IndexedPage:
    """The keys ``IndexBuilder.feed`` files a page under (its stemming and filtering)."""
    store = indexer._word_collector(doctree)
    word_filter, stem = indexer.lang.word_filter, indexer.lang.stem
    title_words: list[str] = []
    for word in store.title_words:
        stemmed = stem(word).lower()
        key = stemmed if word_filter(stemmed) else word if word_filter(word) else None
        if key is not None and key not in title_words:
            title_words.append(key)
    words: list[str] = []
    in_titles = set(title_words)
    for word in store.words:
        stemmed = stem(word).lower()
        if not word_filter(stemmed) and word_filter(word):
            stemmed = word
        if word_filter(stemmed) and stemmed not in in_titles and stemmed not in words:
            words.append(stemmed)
    # Words as one string each (search words never hold white space): 1,200 pages' words
    # as lists were 250,000 small strings in memory and in the page records.
    return {"titles": [list(t) for t in store.titles], "title_words": " ".join(title_words), "words": " ".join(words)}


def _index_page(builder: Any, pagename: str, title: str, body_html: str, settings: Any) -> Any:
    """The public-enough path: ``StandaloneHTMLBuilder.index_page``."""
    doctree = _page_doctree(pagename, title, body_html, settings)
    builder.index_page(pagename, doctree, title)
    return doctree.settings


def output_path(builder: Any, pagename: str) -> Path | None:
    """The file an HTML builder writes a page to.

    Undocumented: ``StandaloneHTMLBuilder.get_output_path`` (Sphinx 7.3+; ``dirhtml``
    overrides it). Upstream: a documented way to ask where a page goes."""
    method = getattr(builder, "get_output_path", None)
    if method is None:
        _fallback("get_output_path")
        return None
    return Path(method(pagename))


def versions() -> dict[str, tuple[int, int]]:
    """The installed versions, for the compatibility test and the build log."""
    try:
        from sphinx_needs import __version__ as needs_version
    except ImportError:  # pragma: no cover - sphinx-needs is a dependency
        needs_version = "0.0"
    major, minor = (int(part) for part in needs_version.split(".")[:2])
    return {"sphinx": sphinx.version_info[:2], "sphinx_needs": (major, minor)}
