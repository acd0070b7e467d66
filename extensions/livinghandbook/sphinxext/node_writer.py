"""Blocks → docutils nodes, when a page is written, for every builder but HTML.

Every string from the data becomes a ``nodes.Text``, which each Sphinx writer escapes
for its own format (LaTeX, plain text …): nothing is parsed as markup. Links become
resolved ``reference`` nodes (``make_refnode``), so they need no later resolution; a
missing target is the same ``handbook.reference`` warning as in HTML. Charts become
their text alternative (which says everything the chart shows): the builders here are
text-based or, like the needs builder, write no pages at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, assert_never

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from ..views.blocks import (
    Anchor, Block, Bullets, Chart, Diagram, Fields, Inline, Link, Need, Para, Section, Strong, Table, Target,
    TocTree,
)
from . import diagrams, links


class NodeBlockWriter:
    def __init__(self, builder: Any, docname: str, fromdoc: str, anchor_id: Callable[[str], str],
                 location: Any) -> None:
        self.builder, self.docname, self.fromdoc = builder, docname, fromdoc
        self.anchor_id, self.location = anchor_id, location

    # -- inline -----------------------------------------------------------------------------
    def link(self, item: Link) -> nodes.Node:
        text = nodes.inline(item.text, item.text, classes=["xref", f"handbook-{item.kind}"])
        place = links.place_of(self.builder.env, item.kind, item.target)
        if place is None:
            links.warn_missing(item, self.location)
            return nodes.Text(item.text)
        try:
            return make_refnode(self.builder, self.fromdoc, place.docname, place.anchor, text, place.title)
        except NoUri:  # a builder without pages for the target (e.g. a document left out of the PDF)
            return nodes.Text(item.text)

    def inline(self, items: Iterable[Inline]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for item in items:
            match item:
                case str():
                    out.append(nodes.Text(item))
                case Link():
                    out.append(self.link(item))
                case Strong(text):
                    out.append(nodes.strong(text, text))
                case Anchor(ident):
                    out.append(nodes.inline("", "", ids=[self.anchor_id(ident)]))
                case _:
                    assert_never(item)
        return out

    def paragraph(self, items: Iterable[Inline]) -> nodes.paragraph:
        p = nodes.paragraph()
        p += self.inline(items)
        return p

    # -- blocks -----------------------------------------------------------------------------
    def render(self, blocks: Iterable[Block]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for block in blocks:
            for node in self.block(block):
                if isinstance(node, nodes.Element):
                    node["support_smartquotes"] = False  # data is shown as written ("q", not »q«)
                out.append(node)
        return out

    def block(self, block: Block) -> list[nodes.Node]:
        match block:
            case Para(content):
                return [self.paragraph(content)]
            case Fields(rows):
                return self.fields(rows)
            case Bullets(items):
                lst = nodes.bullet_list()
                for item in items:
                    lst += nodes.list_item("", self.paragraph(item))
                return [lst]
            case Table():
                return [self.table(block)]
            case Chart(spec):
                return [nodes.paragraph(spec["alt"], spec["alt"], classes=["handbook-chart"])]
            case Diagram():
                return [diagrams.diagram_node(block, self.docname)]
            case Target(anchor):
                return [nodes.inline("", "", ids=[self.anchor_id(anchor)])]
            case Section() | Need() | TocTree():
                return []  # made when the page is read (expand.py); never inside a run
            case _:
                assert_never(block)

    def fields(self, rows: Iterable[tuple[str, tuple[Inline, ...]]]) -> list[nodes.Node]:
        field_list = nodes.field_list(classes=["handbook-fields"])
        for label, value in rows:
            field_list += nodes.field("", nodes.field_name(label, label), nodes.field_body("", self.paragraph(value)))
        return [field_list] if len(field_list) else []

    def table(self, block: Table) -> nodes.table:
        tbl = nodes.table(classes=["handbook-table", *block.classes])
        group = nodes.tgroup(cols=len(block.headers))
        tbl += group
        for width in block.widths or (1,) * len(block.headers):
            group += nodes.colspec(colwidth=width)
        head, body = nodes.thead(), nodes.tbody()
        group += head
        group += body
        head += self._row([(h,) for h in block.headers])
        for row in block.rows:
            body += self._row(row)
        return tbl

    def _row(self, cells: Iterable[tuple[Inline, ...]]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if cell and cell != ("",):
                entry += self.paragraph(cell)
            row += entry
        return row
