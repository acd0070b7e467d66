"""Bounded navigation for the handbook theme: where a page sits, never the whole tree.

A theme that renders the global navigation tree on every page makes writing quadratic in
the number of pages (furo computes the whole tree per page: TOOLCHAIN.md). This theme
shows, per page, only what its parent's and its own toctrees hold:

* the trail of parents (Sphinx's ``parents``; generated project pages get theirs from
  ``generated_pages.py``);
* the page's group of siblings: the entries of the parent's toctree that lists the page,
  titled by the toctree's caption or the parent's section it stands in ("Metoden",
  "Porteføljen"); a group longer than ``MAX_ENTRIES`` shows a window around the page,
  plus its first and last entry;
* the page's own children (its toctrees' entries), windowed the same way;
* the main sections of the handbook (``MAIN_SECTIONS``: fixed Danish labels, so no page
  depends on another page's title for them).

Each page's navigation therefore costs what its parent's group holds, and a title shown
in a sidebar belongs to a sibling, child or parent. Pages whose navigation shows a title
that changed, or whose group changed, are written again (``pages_to_write``), so an
incremental build equals a clean one.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..views import docnames as D

MAX_ENTRIES = 15  # a longer group is shown as a window around the page
SPAN = 5  # entries on each side of the page in a window

# The handbook's main sections in the header: (label, document, documents that belong to it).
MAIN_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Metoden", "metode/hvorfor", ("metode/", "ordliste")),
    ("Roller", D.ROLES_DOC, (D.ROLES_DOC, f"{D.ROLE_DIR}/")),
    ("Porteføljen", D.PORTFOLIO_DOC, (D.PORTFOLIO_DOC, f"{D.PROGRAMME_DIR}/", f"{D.PROJECT_DIR}/", D.STANDALONE_DOC,
                                      D.GOALS_DOC, D.TRACE_DOC, "aendringer")),
    ("Personer", D.PEOPLE_DOC, (D.PEOPLE_DOC, "person/", D.ORGANISATION_DOC)),
    ("Fund", D.FINDINGS_DOC, (D.FINDINGS_DOC, D.RULES_DOC)),
)


@dataclass(frozen=True)
class Group:
    caption: str
    docs: tuple[str, ...]


@dataclass
class _BuildNav:
    """Per build environment: groups and relations computed once, and what the pages
    about to be read showed before (to tell which other pages to write again)."""

    groups: dict[str, tuple[Group, ...]] = field(default_factory=dict)
    relations: dict[str, list[str | None]] | None = None
    before: dict[str, tuple[str, tuple[Group, ...]]] = field(default_factory=dict)


_builds: weakref.WeakKeyDictionary[BuildEnvironment, _BuildNav] = weakref.WeakKeyDictionary()


def _nav(env: BuildEnvironment) -> _BuildNav:
    found = _builds.get(env)
    if found is None:
        found = _builds[env] = _BuildNav()
    return found


def title_of(env: BuildEnvironment, docname: str) -> str:
    node = env.titles.get(docname)
    return node.astext() if node is not None else ""


def groups_of(env: BuildEnvironment, docname: str) -> tuple[Group, ...]:
    """The toctrees of a document as groups, from its table of contents (``env.tocs``,
    which holds a copy of each toctree where it stands), in document order."""
    nav = _nav(env)
    cached = nav.groups.get(docname)
    if cached is not None:
        return cached
    toc = env.tocs.get(docname)
    found: list[Group] = []
    for tree in toc.findall(addnodes.toctree) if toc is not None else ():
        docs = tuple(ref for _title, ref in tree["entries"] if ref in env.all_docs)
        if docs:
            found.append(Group(tree.get("caption") or _section_title(tree) or title_of(env, docname), docs))
    nav.groups[docname] = result = tuple(found)
    return result


def _section_title(tree: nodes.Element) -> str:
    """The title of the section a toctree stands in: in ``env.tocs`` it is an entry of the
    section's list item, whose first child is the section's title."""
    item = tree.parent.parent if tree.parent is not None else None
    if isinstance(item, nodes.list_item) and item.children:
        return item.children[0].astext()
    return ""


def parent_of(env: BuildEnvironment, docname: str) -> str | None:
    nav = _nav(env)
    if nav.relations is None:
        nav.relations = env.collect_relations()  # once per build: it walks every document
    return (nav.relations.get(docname) or [None])[0]


def window(docs: tuple[str, ...], current: str | None) -> list[str | None]:
    """The entries shown of a group (None: a gap): all of a short group; of a long one the
    first, the last and ``SPAN`` on each side of ``current`` (the first ones without it)."""
    if len(docs) <= MAX_ENTRIES:
        return list(docs)
    if current not in docs:
        return [*docs[:MAX_ENTRIES - 1], None]
    size = 2 * SPAN + 1
    start = max(0, min(docs.index(current) - SPAN, len(docs) - size))
    end = start + size
    head: list[str | None] = [docs[0], None] if start > 1 else list(docs[:start])
    tail: list[str | None] = [None, docs[-1]] if end < len(docs) - 1 else list(docs[end:])
    return [*head, *docs[start:end], *tail]


def _entries(app: Sphinx, pagename: str, shown: list[str | None], current: str | None) -> list[dict[str, Any]]:
    env, builder = app.env, app.builder
    return [{"gap": True} if doc is None else
            {"link": builder.get_relative_uri(pagename, doc), "title": title_of(env, doc), "current": doc == current}
            for doc in shown]


def where(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """The template's ``handbook_nav`` for a page Sphinx read (None for generated pages)."""
    env = app.env
    if pagename not in env.all_docs:
        return None
    parent = parent_of(env, pagename)
    group = next((g for g in groups_of(env, parent) if pagename in g.docs), None) if parent else None
    own = tuple(doc for g in groups_of(env, pagename) for doc in g.docs)
    children = [] if pagename == app.config.root_doc else _entries(app, pagename, window(own, None), None)
    if group is None or parent is None:  # the start page, or a page in no toctree: its children only
        return {"caption": "Under denne side" if children else "", "entries": children, "children": [], "more": None}
    more = None
    if len(group.docs) > MAX_ENTRIES:
        more = {"link": app.builder.get_relative_uri(pagename, parent),
                "text": f"Alle {len(group.docs)} under {title_of(env, parent)}"}
    return {"caption": group.caption, "entries": _entries(app, pagename, window(group.docs, pagename), pagename),
            "children": children, "more": more}


def main_sections(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    return [{"label": label, "link": app.builder.get_relative_uri(pagename, doc),
             "current": pagename.startswith(prefixes)}
            for label, doc, prefixes in MAIN_SECTIONS if doc in app.env.all_docs]


# -- incremental builds -------------------------------------------------------------------
def remember(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: what the navigation of the pages about to be read showed."""
    nav = _nav(env)
    nav.groups.clear()
    nav.relations = None
    nav.before = {doc: (title_of(env, doc), groups_of(env, doc)) for doc in docnames}
    nav.groups.clear()


def pages_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages not read again whose navigation shows a page read again that
    changed its title (siblings in its window, everything below it), or whose group changed."""
    nav = _nav(env)
    nav.groups.clear()
    nav.relations = None
    rewrite: set[str] = set()
    for doc, (title, groups) in nav.before.items():
        if doc not in env.all_docs:
            continue
        now = groups_of(env, doc)
        if now != groups:  # children added, removed, reordered or regrouped: their sibling lists
            rewrite.update(d for g in (*groups, *now) for d in g.docs)
        if title_of(env, doc) != title:
            rewrite |= _showing(env, doc)
    read = set(nav.before)
    nav.before = {}
    return sorted(d for d in rewrite - read if d in env.all_docs)


def _showing(env: BuildEnvironment, doc: str) -> set[str]:
    """Pages whose navigation shows ``doc``'s title: siblings whose window holds it, and
    every page below it (their trail)."""
    found: set[str] = set()
    parent = parent_of(env, doc)
    for group in groups_of(env, parent) if parent else ():
        if doc in group.docs:
            found.update(s for s in group.docs if doc in window(group.docs, s))
    stack = [doc]
    while stack:
        for child in (d for g in groups_of(env, stack.pop()) for d in g.docs):
            if child not in found:
                found.add(child)
                stack.append(child)
    found.discard(doc)
    return found
