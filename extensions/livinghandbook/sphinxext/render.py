"""Turn view blocks (``views/blocks.py``) into docutils nodes.

Every string from the data becomes a ``nodes.Text``, which every Sphinx writer escapes
for its own format (HTML, LaTeX, text): nothing is parsed as markup. Links become
``pending_xref`` nodes of the ``handbook`` domain, resolved when the page is written,
so they follow the entity wherever it lives and work in every builder.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..views.blocks import Block, Inline
from . import charts, diagrams, needs_integration, state

DOMAIN = "handbook"


class Anchors:
    """A page's anchor ids, made unique (``x``, ``x-2``, …); one per page, shared by every
    writer of that page."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, anchor: str) -> str:
        candidate, n = anchor, 1
        while candidate in self.used:
            n += 1
            candidate = f"{anchor}-{n}"
        self.used.add(candidate)
        return candidate

    def section(self, title: str, anchor: str | None) -> str:
        """A section's id: its anchor, else one made from its title."""
        return self(anchor or nodes.make_id(title) or "afsnit")


class Renderer:
    def __init__(self, directive: SphinxDirective) -> None:
        self.directive = directive
        self.env = directive.env
        self.docname = directive.env.docname
        self.unique = Anchors()

    def finish(self) -> None:
        """Called once the page's blocks are rendered (see ``HtmlRenderer``)."""

    # -- inline ---------------------------------------------------------------------------
    def xref(self, reftype: str, target: str, text: str, domain: str = DOMAIN) -> nodes.Node:
        node = addnodes.pending_xref("", refdomain=domain, reftype=reftype, reftarget=target,
                                     refexplicit=True, refwarn=True, refdoc=self.docname)
        node += nodes.inline(text, text, classes=["xref", f"{DOMAIN}-{reftype}"])
        return node

    def inline(self, items: list[Inline]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for item in items:
            if isinstance(item, str):
                out.append(nodes.Text(item))
                continue
            kind = item[0]
            if kind == "ref":
                out.append(self.xref("entity", item[1], item[2]))
            elif kind == "role":
                out.append(self.xref("rolle", item[1], item[2]))
            elif kind == "rule":
                out.append(self.xref("regel", item[1], item[2]))
            elif kind == "doc":
                out.append(self.xref("doc", "/" + item[1], item[2], domain="std"))
            elif kind == "strong":
                out.append(nodes.strong(item[1], item[1]))
            elif kind == "anchor":
                out.append(nodes.inline("", "", ids=[self.unique(item[1])]))
            else:  # pragma: no cover - views only build the kinds above
                raise ValueError(f"unknown inline {kind!r}")
        return out

    def paragraph(self, items: list[Inline]) -> nodes.paragraph:
        p = nodes.paragraph()
        p += self.inline(items)
        return p

    # -- blocks -----------------------------------------------------------------------------
    def blocks(self, blocks: list[Block]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for block in blocks:
            for node in getattr(self, f"block_{block[0]}")(*block[1:]):
                # Data is shown as written: no smart quotes ("q" must not become »q«).
                if isinstance(node, nodes.Element):
                    node["support_smartquotes"] = False
                out.append(node)
        return out

    def block_section(self, title: str, anchor: str | None, children: list[Block], classes: list[str]) -> list[nodes.Node]:
        ident = self.unique.section(title, anchor)
        sec = nodes.section("", ids=[ident], classes=classes)
        sec += nodes.title(title, title)
        sec += self.blocks(children)
        return [sec]

    def block_para(self, items: list[Inline]) -> list[nodes.Node]:
        return [self.paragraph(items)]

    def block_fields(self, rows: list[tuple[str, list[Inline]]]) -> list[nodes.Node]:
        if not rows:
            return []
        field_list = nodes.field_list(classes=[f"{DOMAIN}-fields"])
        for label, value in rows:
            field = nodes.field()
            field += nodes.field_name(label, label)
            body = nodes.field_body()
            body += self.paragraph(value)
            field += body
            field_list += field
        return [field_list]

    def block_bullets(self, items: list[list[Inline]]) -> list[nodes.Node]:
        lst = nodes.bullet_list()
        for item in items:
            li = nodes.list_item()
            li += self.paragraph(item)
            lst += li
        return [lst]

    def block_table(self, headers: list[str], rows: list[list[list[Inline]]], classes: list[str],
                    widths: list[int]) -> list[nodes.Node]:
        tbl = nodes.table(classes=[f"{DOMAIN}-table", *classes])
        group = nodes.tgroup(cols=len(headers))
        tbl += group
        for width in widths or [1] * len(headers):
            group += nodes.colspec(colwidth=width)
        head, body = nodes.thead(), nodes.tbody()
        group += head
        group += body
        head += self._row([[h] for h in headers])
        for row in rows:
            body += self._row(row)
        return [tbl]

    def _row(self, cells: list[list[Inline]]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if cell and cell != [""]:
                entry += self.paragraph(cell)
            row += entry
        return row

    def block_chart(self, spec: dict[str, Any]) -> list[nodes.Node]:
        return charts.chart_nodes(self.env, spec, state.sphinx_app(self.directive).builder.name)

    def block_diagram(self, spec: dict[str, Any]) -> list[nodes.Node]:
        return diagrams.diagram_nodes(spec, self.docname)

    def block_toctree(self, docnames: list[str], caption: str | None, hidden: bool, maxdepth: int) -> list[nodes.Node]:
        found = [d for d in docnames if d in self.env.found_docs]
        toc = addnodes.toctree()
        toc["parent"] = self.docname
        toc["entries"] = [(None, d) for d in found]
        toc["includefiles"] = found
        toc["maxdepth"] = maxdepth
        toc["caption"] = caption
        toc["glob"] = False
        toc["hidden"] = hidden
        toc["includehidden"] = False
        toc["numbered"] = 0
        toc["titlesonly"] = True
        return [nodes.compound("", toc, classes=["toctree-wrapper"])]

    def block_need(self, spec: dict[str, Any]) -> list[nodes.Node]:
        return needs_integration.hidden_need(self.directive, spec)

    def block_target(self, anchor: str) -> list[nodes.Node]:
        return [nodes.inline("", "", ids=[self.unique(anchor)])]
