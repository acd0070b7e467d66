"""Project pages in HTML builds: made by the handbook itself, not read by Sphinx.

A municipality of 1,000 projects has 1,000 project pages, and a page Sphinx reads costs
~15 ms whatever it holds (settings, ~30 transforms, pickling, post-transforms, the
template's partial renders): two thirds of a full build were spent on pages that are a
few fields and tables each (bench/RESULTS.md). So in HTML builds project pages are
*generated pages*, the way ``sphinx.ext.viewcode`` makes its source pages: on
``html-collect-pages`` each project's view is written by the same ``HtmlBlockWriter`` as
every other page and handed to Sphinx's own page template (with the documented page
context: title, body, toc, parents, prev, next), so they look and navigate like the rest,
and they are fed to the search index.

Only pages whose content or surroundings changed are written again. Each page's record
(kept as JSON beside the doctrees, never unpickled) holds a stamp of its view, its
navigation, the code seal and the HTML configuration, and the entities it links to: a
page is written when its stamp differs, when an entity it links to moved
(``incremental.py``), or when its file is missing. Pages of projects that are gone are
deleted. The needs of projects and deliverables live on the programme page (or the
page of stand-alone projects). Other builders read project pages as documents
(``pages.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..fileio import write_bytes_atomic
from ..history import history_of
from ..model.entities import Municipality, Project
from ..views import entity_pages as E
from ..views import labels as L
from ..views.blocks import entity_links, fingerprint
from . import _compat, state
from .expand import Anchors
from .html_writer import HtmlBlockWriter
from .seal import code_seal

logger = logging.getLogger(__name__)

STORE = "handbook-project-pages.json"  # beside the doctrees: {pagename: record}
RECORD_KEYS = ("stamp", "title", "body", "images", "links")


def _ordered(model: Municipality) -> list[tuple[str, list[Project]]]:
    """Projects by the page they belong under: each programme, then the stand-alone page."""
    groups = [(L.home(p)[0], list(p.projects)) for p in model.programmes]
    groups.append((L.STANDALONE_DOC, [pr for pr in model.projects if pr.programme is None]))
    return [(parent, projects) for parent, projects in groups if projects]


def _title(app: Sphinx, docname: str) -> str:
    node = app.env.titles.get(docname)
    return escape(node.astext(), quote=False) if node is not None else ""


def _navigation(app: Sphinx, relations: dict[str, list[str | None]], pagename: str, parent: str,
                before: str | None, after: str | None, titles: dict[str, str]) -> dict[str, Any]:
    builder = app.builder
    chain, doc = [], parent
    while doc and doc in app.env.all_docs and doc not in chain:
        chain.append(doc)
        doc = (relations.get(doc) or [None])[0]  # type: ignore[assignment]
    chain = chain[:-1] if chain and chain[-1] == app.config.root_doc else chain
    parents = [{"link": builder.get_relative_uri(pagename, d), "title": _title(app, d)} for d in reversed(chain)]

    def neighbour(doc: str | None) -> dict[str, str] | None:
        if doc is None:
            return None
        return {"link": builder.get_relative_uri(pagename, doc), "title": titles.get(doc) or _title(app, doc)}

    return {"parents": parents, "prev": neighbour(before), "next": neighbour(after)}


def _html_settings(app: Sphinx) -> str:
    """A hash of the configuration values that change HTML output (Sphinx rewrites its own
    pages when one changes; so must we). Public API: the config's (name, value, rebuild)."""
    values = sorted((c.name, _stable(c.value)) for c in app.config if c.rebuild in ("html", "env"))
    templates = getattr(app.builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    return hashlib.sha256(json.dumps([values, newest]).encode("utf-8")).hexdigest()


def _stable(value: object) -> str:
    """``repr`` with sets and dicts in sorted order (a set's order changes with the hash seed)."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{_stable(k)}: {_stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable(v) for v in value) + "]"
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))  # functions and objects: no addresses


def _load(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, truncated or from other code: write every page
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict) and set(v) == set(RECORD_KEYS)}


def collect_project_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: (pagename, context, template) of each page to write."""
    build = state.of(app.env)
    model = build.validation.model
    if not build.project_pages or model is None:
        return
    store = Path(app.doctreedir) / STORE
    before, now = _load(store), {}
    seal = [code_seal(), _html_settings(app)]
    relations = app.env.collect_relations()
    titles = {L.home(pr)[0]: escape(pr.title, quote=False) for pr in model.projects}
    names = [L.home(pr)[0] for _parent, projects in _ordered(model) for pr in projects]
    _compat.keep_in_search_index(app.builder, names)
    _compat.memoise_stemmer(app.builder)
    settings, written = None, 0
    for parent, projects in _ordered(model):
        pagenames = [L.home(pr)[0] for pr in projects]
        for index, pr in enumerate(projects):
            pagename = pagenames[index]
            blocks = E.project_page(model, pr, build.validation.by_entity, with_needs=False,
                                    history=history_of(build.validation))
            nav = _navigation(app, relations, pagename, parent, pagenames[index - 1] if index else parent,
                              pagenames[index + 1] if index + 1 < len(pagenames) else None, titles)
            stamp = fingerprint([fingerprint(blocks), json.dumps(nav, sort_keys=True), *seal])  # type: ignore[list-item]
            old = before.get(pagename)
            if old is not None and old["stamp"] == stamp and not build.moved.intersection(old["links"]) \
                    and _page_file(app, pagename).is_file():
                now[pagename] = old  # unchanged: only fed to the search index again
                settings = _compat.index_generated_page(app.builder, pagename, pr.title, old["body"], settings)
                continue
            anchors = Anchors()
            writer = HtmlBlockWriter(app.builder, pagename, anchors, location=str(pr.location))
            body = writer.render(blocks)
            images = sorted(writer.images)
            now[pagename] = {"stamp": stamp, "title": pr.title, "body": body, "images": images,
                             "links": sorted(entity_links(blocks))}
            settings = _compat.index_generated_page(app.builder, pagename, pr.title, body, settings)
            written += 1
            context = {**nav, "title": escape(pr.title, quote=False), "body": body, "meta": None,
                       "metatags": "", "sourcename": "", "toc": _toc_html(writer.toc), "display_toc": True,
                       "page_source_suffix": ""}
            yield pagename, context, "page.html"
    for gone in sorted(set(before) - set(now)):
        _page_file(app, gone).unlink(missing_ok=True)
    write_bytes_atomic(store, json.dumps(now, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    build.generated_images = {name for record in now.values() for name in record["images"]}
    logger.info(f"handbook: {written} af {len(now)} projektsider skrevet (de øvrige er uændrede)")


def _toc_html(toc: list[tuple[int, str, str]]) -> str:
    """Nested lists like Sphinx's local table of contents (first entry: the page)."""
    out, depth = [], 0
    for level, ident, title in toc:
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


def _page_file(app: Sphinx, pagename: str) -> Path:
    page = Path(app.outdir) / app.builder.get_target_uri(pagename)
    return page / "index.html" if app.builder.name == "dirhtml" else page
