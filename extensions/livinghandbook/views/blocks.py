"""The handbook's block model: what a page shows, as typed, immutable data.

Views (``entity_pages.py``, ``overview_pages.py``) build blocks from the model; nothing
here knows Sphinx. The Sphinx layer carries runs of blocks in the doctree as one
builder-neutral node and renders them when the page is written (``sphinxext/``):
HTML for HTML builders, docutils nodes for every other builder.

Why an intermediate form instead of docutils nodes straight away:

* it is plain data, so its hash is the page's *fingerprint*: a page is re-read exactly
  when what it shows has changed (``sphinxext/incremental.py``);
* every string from YAML stays a Python string until a renderer escapes it for its
  format, so data is never parsed as MyST, reStructuredText, HTML or LaTeX;
* views can be tested without Sphinx, and every renderer handles every kind: the
  ``match`` statements over :data:`Block` and :data:`Inline` are exhaustive (mypy checks
  it with ``assert_never``).

The lower-case constructors below (``section``, ``para``, ``table`` …) are what views
call: they accept lists and single items and store tuples.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Literal, TypeAlias, assert_never

LinkKind = Literal["entity", "role", "rule", "doc"]


# -- inline ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Link:
    """A link to an entity (``entity``), a catalogue role (``role``), a method rule
    (``rule``) or a handbook page (``doc``); resolved when the page is written."""

    kind: LinkKind
    target: str
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """An anchor inside running text (e.g. a person's row in a matrix)."""

    id: str


Inline: TypeAlias = str | Link | Strong | Anchor
Inlines: TypeAlias = tuple[Inline, ...]


# -- blocks ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Section:
    title: str
    anchor: str | None  # None: made from the title
    children: tuple[Block, ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Para:
    content: Inlines


@dataclass(frozen=True, slots=True)
class Fields:
    """Label → value rows (a definition list); empty values are left out by ``fields``."""

    rows: tuple[tuple[str, Inlines], ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Inlines, ...]


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    classes: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()  # relative column widths; () = automatic


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn from ``spec`` (``kind``: ``indicator`` or ``maturity``); the spec holds
    everything drawn, its text alternative (``alt``) and caption, so it is part of the
    fingerprint. Treat it as read-only."""

    spec: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Diagram:
    """A generated graphviz diagram: DOT source (links as ``hb:<docname>#<anchor>``
    URLs), a text alternative saying what it shows, and a caption."""

    dot: str
    alt: str
    caption: str


@dataclass(frozen=True, slots=True)
class TocTree:
    docnames: tuple[str, ...]
    caption: str | None = None
    hidden: bool = False
    maxdepth: int = 1


@dataclass(frozen=True, slots=True)
class Need:
    """A hidden sphinx-needs need for an entity: id, need kind (``NEED_TYPES`` key),
    title and typed links (link name → ids)."""

    id: str
    type: str
    title: str
    links: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """An anchor without a heading (an entity shown as part of another one)."""

    anchor: str


Block: TypeAlias = Section | Para | Fields | Bullets | Table | Chart | Diagram | TocTree | Need | Target

# Blocks a renderer writes as one run (everything but the structure Sphinx itself must
# see when a page is read: sections, toctrees and needs).
RUN_BLOCKS = (Para, Fields, Bullets, Table, Chart, Diagram, Target)


# -- constructors (what views call) ------------------------------------------------------------
def _inlines(value: Sequence[Inline] | Inline) -> Inlines:
    if isinstance(value, (str, Link, Strong, Anchor)):
        return (value,)
    return tuple(value)


def ref(target_id: str, text: str) -> Link:
    """A link to an entity's page or section."""
    return Link("entity", target_id, text)


def role_ref(role_id: str, text: str) -> Link:
    return Link("role", role_id, text)


def rule_ref(rule_id: str, text: str | None = None) -> Link:
    return Link("rule", rule_id, text or rule_id)


def doc_ref(docname: str, text: str) -> Link:
    return Link("doc", docname, text)


def strong(text: str) -> Strong:
    return Strong(text)


def join(items: Iterable[Inline], sep: str = ", ") -> list[Inline]:
    out: list[Inline] = []
    for index, item in enumerate(items):
        if index:
            out.append(sep)
        out.append(item)
    return out


def section(title: str, anchor: str | None, children: Iterable[Block],
            classes: Iterable[str] | None = None) -> Section:
    return Section(title, anchor, tuple(children), tuple(classes or ()))


def para(*inline: Inline) -> Para:
    return Para(tuple(inline))


def fields(rows: Iterable[tuple[str, Sequence[Inline] | Inline | None]]) -> Fields:
    """Label → value rows, skipping empty values."""
    return Fields(tuple((label, _inlines(value)) for label, value in rows if value not in (None, "", [], ())))


def bullets(items: Iterable[Sequence[Inline] | Inline]) -> Bullets:
    return Bullets(tuple(_inlines(item) for item in items))


def table(headers: Sequence[str], rows: Iterable[Sequence[Sequence[Inline] | Inline]],
          classes: Iterable[str] | None = None, widths: Sequence[int] | None = None) -> Table:
    return Table(tuple(headers), tuple(tuple(_inlines(cell) for cell in row) for row in rows),
                 tuple(classes or ()), tuple(widths or ()))


def chart(spec: Mapping[str, Any]) -> Chart:
    return Chart(dict(spec))


def diagram(spec: Mapping[str, str]) -> Diagram:
    """A diagram from a builder's spec (``diagrams/builders.py``: dot, alt, caption)."""
    return Diagram(spec["dot"], spec["alt"], spec["caption"])


def toctree(docnames: Iterable[str], caption: str | None = None, hidden: bool = False, maxdepth: int = 1) -> TocTree:
    return TocTree(tuple(docnames), caption, hidden, maxdepth)


def need(spec: Mapping[str, Any]) -> Need:
    """A hidden need: ``{"id", "type", "title", "links": {name: [ids]}}``."""
    links = tuple((name, tuple(ids)) for name, ids in sorted(spec.get("links", {}).items()) if ids)
    return Need(spec["id"], spec["type"], spec["title"], links)


def target(anchor: str) -> Target:
    return Target(anchor)


# -- walking ---------------------------------------------------------------------------------------
def inlines_of(block: Block) -> Iterator[Inline]:
    """The inline content of one block, in document order (not of a section's children)."""
    match block:
        case Para(content):
            yield from content
        case Fields(rows):
            for _label, value in rows:
                yield from value
        case Bullets(items):
            for item in items:
                yield from item
        case Table(rows=rows):
            for row in rows:
                for cell in row:
                    yield from cell
        case Section() | Chart() | Diagram() | TocTree() | Need() | Target():
            return
        case _:
            assert_never(block)


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, depth first in document order (a section before its children)."""
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from walk(block.children)


def anchors_in(blocks: Iterable[Block]) -> Iterator[str]:
    """The anchors a run of blocks writes, in the order a renderer writes them."""
    for block in walk(blocks):
        if isinstance(block, Target):
            yield block.anchor
        for item in inlines_of(block):
            if isinstance(item, Anchor):
                yield item.id


def entity_links(blocks: Iterable[Block]) -> set[str]:
    """The ids of the entities a page links to (in text, not in diagrams)."""
    return {item.target for block in walk(blocks) for item in inlines_of(block)
            if isinstance(item, Link) and item.kind == "entity"}


# -- fingerprint -----------------------------------------------------------------------------------
_ENCODERS: dict[type, Any] = {}


def _encode(value: object) -> list[Any]:
    """A block or inline as JSON: its class name, then its fields."""
    kind = type(value)
    getter = _ENCODERS.get(kind)
    if getter is None:
        names = getattr(kind, "__match_args__", None)
        if names is None:
            raise TypeError(f"not a block: {value!r}")
        getter = _ENCODERS[kind] = attrgetter(*names) if len(names) > 1 else (lambda v, n=names[0]: (getattr(v, n),))
    return [kind.__name__, *getter(value)]


def fingerprint(blocks: Iterable[Block]) -> str:
    """A stable hash of what a page shows (independent of hash seeds and object identity)."""
    data = json.dumps(list(blocks), ensure_ascii=False, sort_keys=True, default=_encode)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
