"""Project pages in HTML builds: made by the handbook itself, not read by Sphinx.

A municipality of 1,000 projects has 1,000 project pages, and a page Sphinx reads costs
~15 ms whatever it holds (settings, ~30 transforms, pickling, post-transforms, the
template's partial renders): two thirds of a full build were spent on pages that are a
few fields and tables each (bench/RESULTS.md). So in HTML builds project pages are
*generated pages*, the way ``sphinx.ext.viewcode`` makes its source pages: on
``html-collect-pages`` each project's view is written to HTML (``HtmlWriter``, the same
code as every other page) and handed to Sphinx's own page template, so they look and
navigate like the rest, and they are fed to the search index.

Only pages whose content or navigation changed are written again: each page's
fingerprint (its view, the homes of what it links to, its navigation and the HTML
configuration) is kept beside the doctrees. Pages of projects that are gone are deleted.

The needs of projects and deliverables then live on the programme page (or on the page
of stand-alone projects), so sphinx-needs still has every entity. Other builders (LaTeX,
needs) keep project pages as Sphinx documents (``pages.py``).
"""

from __future__ import annotations

import functools
import pickle
import weakref
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import __version__
from ..fileio import write_bytes_atomic
from ..history import history_of
from ..model.entities import Municipality, Project
from ..validate import Validation
from ..views import entity_pages as E
from ..views import labels as L
from ..views.blocks import Block, fingerprint
from . import state

logger = logging.getLogger(__name__)

BUILDERS = ("html", "dirhtml")
STORE = "handbook-project-pages.pickle"  # beside the doctrees: {pagename: (fingerprint, title, body, images)}
HEADERLINK = "Link til denne overskrift"


def generates_project_pages(app: Any) -> bool:
    return app is not None and app.builder is not None and app.builder.name in BUILDERS


_names: weakref.WeakKeyDictionary[Validation, frozenset[str]] = weakref.WeakKeyDictionary()


def project_pagenames(env: Any) -> frozenset[str]:
    """The generated pages of this build (empty for builders that read project documents)."""
    validation = state.validation(env.config)
    if not generates_project_pages(state.env_app(env)) or validation.model is None:
        return frozenset()
    names = _names.get(validation)
    if names is None:
        names = _names[validation] = frozenset(L.home(pr)[0] for pr in validation.model.projects)
    return names


def _ordered(model: Municipality) -> list[tuple[str, list[Project]]]:
    """Projects by the page they belong under: each programme, then the stand-alone page."""
    groups = [(L.home(p)[0], list(p.projects)) for p in model.programmes]
    groups.append((L.STANDALONE_DOC, [pr for pr in model.projects if pr.programme is None]))
    return [(parent, projects) for parent, projects in groups if projects]


# -- page HTML ------------------------------------------------------------------------------------
class PageWriter:
    """A whole page body (sections as HTML) and its table of contents."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        from .render import Anchors
        from .render_html import HtmlWriter

        self.unique = Anchors()
        self.html = HtmlWriter(app.env, app.builder, pagename, None, self.unique)
        self.toc: list[tuple[int, str, str]] = []

    def blocks(self, out: list[str], blocks: list[Block], level: int) -> None:
        for block in blocks:
            if block[0] == "section":
                self.section(out, *block[1:], level=level)
            else:
                getattr(self.html, block[0])(out, *block[1:])

    def section(self, out: list[str], title: str, anchor: str | None, children: list[Block],
                classes: list[str], level: int) -> None:
        ident = self.unique.section(title, anchor)
        self.toc.append((level, ident, title))
        names = f' class="{escape(" ".join(classes))}"' if classes else ""
        out.append(f'<section id="{escape(ident)}"{names}>\n<h{level}>{escape(title, quote=False)}'
                   f'<a class="headerlink" href="#{escape(ident)}" title="{HEADERLINK}">¶</a></h{level}>\n')
        self.blocks(out, children, min(level + 1, 6))
        out.append("</section>\n")

    def toc_html(self) -> str:
        """Nested lists like Sphinx's local table of contents (first entry: the page)."""
        out, depth = [], 0
        for level, ident, title in self.toc:
            href = "#" if level == 1 else f"#{ident}"
            if level > depth:
                out.append("<ul>\n" * (level - depth))
            else:
                out.append("</li>\n")
                out.append("</ul>\n</li>\n" * (depth - level))
            depth = level
            out.append(f'<li><a class="reference internal" href="{escape(href)}">{escape(title, quote=False)}</a>')
        out.append("</li>\n</ul>\n" * depth)
        return "".join(out)


def _title(app: Sphinx, docname: str) -> str:
    node = app.env.titles.get(docname)
    return escape(node.astext(), quote=False) if node is not None else ""


def _navigation(app: Sphinx, pagename: str, parent: str, before: str | None, after: str | None,
                titles: dict[str, str]) -> dict[str, Any]:
    builder = app.builder
    chain, doc = [], parent
    while doc and doc in app.env.all_docs:
        chain.append(doc)
        doc = (builder.relations.get(doc) or [None])[0]  # type: ignore[attr-defined]
    chain = chain[:-1] if chain and chain[-1] == app.config.root_doc else chain
    parents = [{"link": builder.get_relative_uri(pagename, d), "title": _title(app, d)} for d in reversed(chain)]

    def neighbour(doc: str | None) -> dict[str, str] | None:
        if doc is None:
            return None
        return {"link": builder.get_relative_uri(pagename, doc), "title": titles.get(doc) or _title(app, doc)}

    return {"parents": parents, "prev": neighbour(before), "next": neighbour(after)}


def collect_project_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: (pagename, context, template) of each changed project page."""
    if not generates_project_pages(app):
        return
    validation = state.validation(app.config)
    model = validation.model
    if model is None:
        return
    from .directives import view_fingerprint

    store = Path(app.doctreedir) / STORE
    try:
        before: dict[str, tuple[str, str, str, list[str]]] = pickle.loads(store.read_bytes())
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: write every page
        before = {}
    # What every page depends on besides its own data: our code, the HTML configuration and
    # the templates (Sphinx rewrites its own pages when a template is newer, too).
    templates = getattr(app.builder, "templates", None)
    seal = [__version__, getattr(getattr(app.builder, "build_info", None), "config_hash", ""),
            templates.newest_template_mtime() if templates is not None else 0]
    now: dict[str, tuple[str, str, str, list[str]]] = {}
    _keep_in_search_index(app, project_pagenames(app.env))
    titles = {L.home(pr)[0]: escape(pr.title, quote=False) for pr in model.projects}
    settings = None
    written = 0
    for parent, projects in _ordered(model):
        names = [L.home(pr)[0] for pr in projects]
        for index, pr in enumerate(projects):
            pagename = names[index]
            blocks = E.project_page(model, pr, validation.by_entity, with_needs=False, history=history_of(validation))
            nav = _navigation(app, pagename, parent, names[index - 1] if index else parent,
                              names[index + 1] if index + 1 < len(names) else None, titles)
            stamp = fingerprint([view_fingerprint(validation, blocks), nav, seal])
            old = before.get(pagename)
            if old is not None and len(old) == 4 and old[0] == stamp and _page_file(app, pagename).is_file():
                now[pagename] = old  # unchanged: only fed to the search index again
                settings = _index(app, pagename, pr.title, old[2], settings)
                continue
            writer = PageWriter(app, pagename)
            body: list[str] = []
            writer.blocks(body, blocks, 1)
            now[pagename] = (stamp, pr.title, "".join(body), sorted(writer.html.images))
            settings = _index(app, pagename, pr.title, now[pagename][2], settings)
            written += 1
            context = {**nav, "title": escape(pr.title, quote=False), "body": now[pagename][2], "meta": None,
                       "metatags": "", "sourcename": "", "toc": writer.toc_html(), "display_toc": True,
                       "page_source_suffix": ""}
            yield pagename, context, "page.html"
    for gone in sorted(set(before) - set(now)):
        _page_file(app, gone).unlink(missing_ok=True)
    write_bytes_atomic(store, pickle.dumps(now, protocol=pickle.HIGHEST_PROTOCOL))
    app.env.get_domain("handbook").generated_images = {name for entry in now.values() for name in entry[3]}  # type: ignore[attr-defined]
    logger.info(f"handbook: {written} af {len(now)} projektsider skrevet (de øvrige er uændrede)")


def _page_file(app: Sphinx, pagename: str) -> Path:
    page = Path(app.outdir) / app.builder.get_target_uri(pagename)
    return page / "index.html" if app.builder.name == "dirhtml" else page


def _keep_in_search_index(app: Sphinx, pagenames: frozenset[str]) -> None:
    """Sphinx prunes its search index to the documents it read just before dumping it
    (which is why ``viewcode``'s pages are not searchable); keep the project pages too."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or hasattr(indexer, "_handbook_pages"):
        return
    indexer._handbook_pages = pagenames
    prune = indexer.prune
    indexer.prune = lambda docnames: prune({*docnames, *pagenames})


def _index(app: Sphinx, pagename: str, title: str, body: str, settings: Any) -> Any:
    """Feed the page to Sphinx's search index (which keeps only documents it read, so
    every build feeds every project page). Returns the docutils settings to reuse: making
    them is most of the cost of a small document."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return settings
    if not hasattr(indexer.lang, "_handbook_stems"):
        # Sphinx memoises stems per page only; 1,000 project pages share most words, and
        # the pure-Python Danish stemmer was most of the feeding time.
        indexer.lang._handbook_stems = indexer.lang.stem = functools.lru_cache(maxsize=None)(indexer.lang.stem)
    doctree = new_document(pagename, settings)
    section = nodes.section("", nodes.title(title, title), ids=[pagename])
    section += nodes.raw("", body, format="html")
    doctree += section
    app.builder.index_page(pagename, doctree, title)  # type: ignore[attr-defined]
    return doctree.settings
