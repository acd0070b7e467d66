"""Project and person pages in HTML builds: made by the handbook itself, not read by Sphinx.

A municipality of 1,000 projects has 1,000 project pages (and hundreds of people, each
with a page of their own), and a page Sphinx reads costs ~15 ms whatever it holds
(settings, ~30 transforms, pickling, post-transforms, the template's partial renders):
two thirds of a full build were spent on pages that are a few fields and tables each
(bench/RESULTS.md). So in HTML builds these pages are *generated pages*, the way
``sphinx.ext.viewcode`` makes its source pages: on ``html-collect-pages`` each entity's
view is written by the same ``HtmlBlockWriter`` as every other page and handed to
Sphinx's own page template (with the documented page context: title, body, toc, parents,
prev, next), so they look and navigate like the rest, and they are fed to the search
index. Each kind of generated page is one ``PageKind``: which entities get a page, under
which parent page, and the view that makes it.

Only pages whose content or surroundings changed are written again. Each page's record
(kept as JSON beside the doctrees, never unpickled) holds a stamp of its view, its
navigation, the code seal and the HTML configuration, and the entities it links to: a
page is written when its stamp differs, when an entity it links to moved
(``incremental.py``), or when its file is missing. Pages of projects that are gone are
deleted. The needs of projects and deliverables live on the programme page (or the
page of stand-alone projects), those of people on the people × roles page. Other
builders read these pages as documents (``pages.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..history import history_of
from ..model.entities import Entity, Municipality, Person, Project
from ..validate import Validation
from ..views import entity_pages as E
from ..views import labels as L
from ..views.blocks import Block, entity_links, fingerprint
from ..views.person_page import person_page
from . import _compat, state
from .expand import Anchors
from .html_writer import HtmlBlockWriter
from .seal import code_seal

logger = logging.getLogger(__name__)

STORE = "handbook-generated-pages.json"  # beside the doctrees: {pagename: record}
RECORD_KEYS = ("stamp", "title", "body", "images", "links", "search")
Groups = list[tuple[str, Sequence[Entity]]]  # (parent page, its entities in order)


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page: the entities that get one, grouped under their parent
    page, and the view that makes each (blocks, no needs: they live on other pages)."""

    name: str  # Danish, plural, for the build's log
    groups: Callable[[Municipality], Groups]
    view: Callable[[Validation, Any], list[Block]]
    title: Callable[[Any], str]


def _project_groups(model: Municipality) -> Groups:
    """Projects by the page they belong under: each programme, then the stand-alone page."""
    groups: Groups = [(L.home(p)[0], list(p.projects)) for p in model.programmes]
    groups.append((L.STANDALONE_DOC, [pr for pr in model.projects if pr.programme is None]))
    return [(parent, projects) for parent, projects in groups if projects]


def _person_groups(model: Municipality) -> Groups:
    people = [x for x in model.people if x.has_page]
    return [(L.PEOPLE_DOC, people)] if people else []


def _project_view(v: Validation, pr: Project) -> list[Block]:
    assert v.model is not None
    return E.project_page(v.model, pr, v.by_entity, with_needs=False, history=history_of(v), today=v.today)


def _person_view(v: Validation, person: Person) -> list[Block]:
    assert v.model is not None
    return person_page(v.model, person, v.by_entity, v.today)


KINDS = (PageKind("projektsider", _project_groups, _project_view, lambda pr: pr.title),
         PageKind("personsider", _person_groups, _person_view, lambda x: x.name))


def pagenames(model: Municipality) -> frozenset[str]:
    """Every page this module generates for the model (links resolve to them)."""
    return frozenset(L.home(e)[0] for kind in KINDS for _parent, group in kind.groups(model) for e in group)


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
    return {k: v for k, v in data.items() if _valid(v)}


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _valid(record: object) -> bool:
    """A record exactly as this code writes it; anything else is a page to write again."""
    if not isinstance(record, dict) or set(record) != set(RECORD_KEYS):
        return False
    if not all(isinstance(record[k], str) for k in ("stamp", "title", "body")) or \
            not _strings(record["images"]) or not _strings(record["links"]):
        return False
    search = record["search"]
    return search is None or (isinstance(search, dict) and set(search) == {"titles", "title_words", "words"}
                              and isinstance(search["title_words"], str) and isinstance(search["words"], str)
                              and isinstance(search["titles"], list)
                              and all(isinstance(t, list) and len(t) == 2 and isinstance(t[0], str)
                                      and (t[1] is None or isinstance(t[1], str)) for t in search["titles"]))


def collect_generated_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: (pagename, context, template) of each page to write."""
    build = state.of(app.env)
    model = build.validation.model
    if not build.project_pages or model is None:
        return
    store = Path(app.doctreedir) / STORE
    writer = _Pages(app, _load(store))
    _compat.keep_in_search_index(app.builder, sorted(pagenames(model)))
    _compat.memoise_stemmer(app.builder)
    for kind in KINDS:
        written = writer.written
        for parent, group in kind.groups(model):
            yield from writer.group(kind, parent, group)
        logger.info(f"handbook: {writer.written - written} {kind.name} skrevet (de øvrige er uændrede)")
    for gone in sorted(set(writer.before) - set(writer.now)):
        _page_file(app, gone).unlink(missing_ok=True)
    _write_json(store, writer.now)
    build.generated_images = {name for record in writer.now.values() for name in record["images"]}


class _Pages:
    """Writes the generated pages of one build, skipping those whose stamp is unchanged."""

    def __init__(self, app: Sphinx, before: dict[str, dict[str, Any]]) -> None:
        self.app, self.before = app, before
        self.now: dict[str, dict[str, Any]] = {}
        self.build = state.of(app.env)
        self.seal = [code_seal(), _html_settings(app)]
        self.relations = app.env.collect_relations()
        self.settings: Any = None
        self.written = 0

    def group(self, kind: PageKind, parent: str, group: Sequence[Entity]) -> Iterator[tuple[str, dict[str, Any], str]]:
        app, build = self.app, self.build
        names = [L.home(e)[0] for e in group]
        titles = {name: escape(kind.title(e), quote=False) for name, e in zip(names, group)}
        for index, entity in enumerate(group):
            pagename, title = names[index], kind.title(entity)
            blocks = kind.view(build.validation, entity)
            nav = _navigation(app, self.relations, pagename, parent, names[index - 1] if index else parent,
                              names[index + 1] if index + 1 < len(names) else None, titles)
            stamp = fingerprint([fingerprint(blocks), json.dumps(nav, sort_keys=True), *self.seal])  # type: ignore[list-item]
            old = self.before.get(pagename)
            if old is not None and old["stamp"] == stamp and not build.moved.intersection(old["links"]) \
                    and _page_file(app, pagename).is_file():
                self.now[pagename] = old  # unchanged: only put back into the search index
                self.settings, _known = _compat.index_generated_page(app.builder, pagename, title, old["body"],
                                                                     self.settings, old["search"])
                continue
            writer = HtmlBlockWriter(app.builder, pagename, Anchors(), location=str(entity.location))
            body = writer.render(blocks)
            self.settings, indexed = _compat.index_generated_page(app.builder, pagename, title, body, self.settings)
            self.now[pagename] = {"stamp": stamp, "title": title, "body": body, "images": sorted(writer.images),
                                  "links": sorted(entity_links(blocks)), "search": indexed}
            self.written += 1
            context = {**nav, "title": escape(title, quote=False), "body": body, "meta": None,
                       "metatags": "", "sourcename": "", "toc": _toc_html(writer.toc), "display_toc": True,
                       "page_source_suffix": ""}
            yield pagename, context, "page.html"


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Written as it is encoded (the records of 1,200 pages are tens of megabytes: one
    string of them, and its bytes, were the build's peak memory), atomically."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
