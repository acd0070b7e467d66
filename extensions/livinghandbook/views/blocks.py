"""A tiny document model that views build and the Sphinx renderer turns into nodes.

Why an intermediate form instead of docutils nodes straight away:

* it is plain, JSON-serialisable data, so its hash is the page's *fingerprint*: a page
  is re-read exactly when what it shows has changed (see ``sphinxext/incremental.py``);
* everything from YAML stays a Python string until the renderer puts it into a text
  node, so data is never parsed as MyST, RST, HTML or LaTeX;
* views can be tested without Sphinx.

Blocks are tuples ``(kind, ...)``; inline content is a list of ``str`` and inline
tuples. Helper constructors below give the shapes names.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

Inline = Any  # str | ("ref", target_id, text) | ("role", role_id, text) | ("rule", rule_id, text) | ("strong", text) | ("doc", docname, text)
Block = tuple[Any, ...]


# -- inline -------------------------------------------------------------------------
def ref(target_id: str, text: str) -> Inline:
    """A link to an entity's page or section, resolved when the page is written."""
    return ("ref", target_id, text)


def role_ref(role_id: str, text: str) -> Inline:
    return ("role", role_id, text)


def rule_ref(rule_id: str, text: str | None = None) -> Inline:
    return ("rule", rule_id, text or rule_id)


def doc_ref(docname: str, text: str) -> Inline:
    return ("doc", docname, text)


def strong(text: str) -> Inline:
    return ("strong", text)


def join(items: list[Inline], sep: str = ", ") -> list[Inline]:
    out: list[Inline] = []
    for index, item in enumerate(items):
        if index:
            out.append(sep)
        out.append(item)
    return out


# -- blocks ---------------------------------------------------------------------------
def section(title: str, anchor: str | None, children: list[Block], classes: list[str] | None = None) -> Block:
    return ("section", title, anchor, children, classes or [])


def para(*inline: Inline) -> Block:
    return ("para", list(inline))


def fields(rows: list[tuple[str, list[Inline] | Inline]]) -> Block:
    """A definition-style table of label → value, skipping empty values."""
    kept = [(label, value if isinstance(value, list) else [value]) for label, value in rows
            if value not in (None, "", [])]
    return ("fields", kept)


def bullets(items: list[list[Inline] | Inline]) -> Block:
    return ("bullets", [i if isinstance(i, list) else [i] for i in items])


def table(headers: list[str], rows: list[list[list[Inline] | Inline]], classes: list[str] | None = None,
          widths: list[int] | None = None) -> Block:
    norm = [[c if isinstance(c, list) else [c] for c in row] for row in rows]
    return ("table", headers, norm, classes or [], widths or [])


def chart(spec: dict[str, Any]) -> Block:
    """An indicator chart; ``spec`` holds everything drawn, so it is part of the fingerprint."""
    return ("chart", spec)


def diagram(spec: dict[str, Any]) -> Block:
    """A generated diagram: ``spec`` has DOT source, a text alternative and a caption."""
    return ("diagram", spec)


def toctree(docnames: list[str], caption: str | None = None, hidden: bool = False, maxdepth: int = 1) -> Block:
    return ("toctree", docnames, caption, hidden, maxdepth)


def need(spec: dict[str, Any]) -> Block:
    """A hidden sphinx-needs need for an entity (id, type, title, links)."""
    return ("need", spec)


def target(anchor: str) -> Block:
    """An anchor without a heading (e.g. a row in a matrix)."""
    return ("target", anchor)


# A ``ref`` inline in the JSON of blocks; entity ids never need JSON escaping.
_REF = re.compile(r'\["ref", "([^"\\]*)"')


def fingerprint(blocks: list[Block], home: Callable[[str], Any] | None = None) -> str:
    """A stable hash of what a page shows. With ``home`` (entity id → where it lives),
    the home of every entity the page links to is part of it: pages whose links are
    resolved as they are read must be re-read when a target moves."""
    data = json.dumps(blocks, ensure_ascii=False, sort_keys=True, default=str)
    if home is not None:
        data += json.dumps({t: home(t) for t in sorted(set(_REF.findall(data)))}, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
