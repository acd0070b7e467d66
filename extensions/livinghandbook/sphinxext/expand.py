"""A view's blocks in the doctree: structure as nodes, content as builder-neutral runs.

When a page is read, what Sphinx itself must see becomes docutils nodes: sections and
their titles (page title, local contents, anchors, search titles), toctrees (navigation)
and hidden needs (sphinx-needs collects them while reading). Every run of other blocks
between them becomes one ``handbook_blocks`` node carrying the blocks themselves; it is
rendered when the page is written (``resolve.py``), like Sphinx's own ``todolist`` and
``graphviz`` nodes. The anchors in a run get their page-unique ids here, with the
sections', so every builder writes the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..views.blocks import RUN_BLOCKS, Block, Need, Section, TocTree, anchors_in
from . import needs_integration


class handbook_blocks(nodes.General, nodes.Element):  # noqa: N801 - docutils node classes are lower case
    """A run of blocks, rendered when the page is written. Attributes: ``blocks`` (the
    run, as the view made it), ``anchor_ids`` (the page-unique id of each anchor in the
    run, in order) and ``docname`` (the page it was read on)."""


class Anchors:
    """A page's anchor ids, made unique (``x``, ``x-2``, …)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, anchor: str) -> str:
        base = nodes.make_id(anchor) if not _is_id(anchor) else anchor
        base = base or "afsnit"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _is_id(text: str) -> bool:
    """Entity ids (the schema's pattern: letters, digits, ``_``, ``-``) are used as they are."""
    return bool(text) and all(c.isascii() and (c.isalnum() or c in "_-") for c in text)


class Expander:
    """Builds the nodes of one page from its blocks (one per directive run)."""

    def __init__(self, directive: SphinxDirective, anchors: Anchors) -> None:
        self.directive = directive
        self.docname = directive.env.docname
        self.anchors = anchors

    def expand(self, blocks: Sequence[Block]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        run: list[Block] = []
        for block in blocks:
            if isinstance(block, RUN_BLOCKS):
                run.append(block)
                continue
            if run:
                out.append(self.run_node(run))
                run = []
            out.extend(self.structure(block))
        if run:
            out.append(self.run_node(run))
        return out

    def run_node(self, run: list[Block]) -> handbook_blocks:
        node = handbook_blocks()
        node["blocks"] = tuple(run)
        node["anchor_ids"] = tuple(self.anchors(a) for a in anchors_in(run))
        node["docname"] = self.docname
        node.source, node.line = self.directive.get_source_info()
        return node

    def structure(self, block: Block) -> list[nodes.Node]:
        if isinstance(block, Section):
            ident = self.anchors(block.anchor or block.title)
            sec = nodes.section("", ids=[ident], classes=list(block.classes))
            sec["support_smartquotes"] = False  # data is shown as written: "q" must not become »q«
            sec += nodes.title(block.title, block.title)
            sec += self.expand(block.children)
            return [sec]
        if isinstance(block, Need):
            return needs_integration.hidden_need(self.directive, block)
        if isinstance(block, TocTree):
            return [self.toctree(block)]
        raise TypeError(f"not a structure block: {block!r}")  # pragma: no cover - RUN_BLOCKS covers the rest

    def toctree(self, block: TocTree) -> nodes.compound:
        found = [d for d in block.docnames if d in self.directive.env.found_docs]
        toc = addnodes.toctree()
        toc["parent"] = self.docname
        toc["entries"] = [(None, d) for d in found]
        toc["includefiles"] = found
        toc["maxdepth"] = block.maxdepth
        toc["caption"] = block.caption
        toc["glob"] = False
        toc["hidden"] = block.hidden
        toc["includehidden"] = False
        toc["numbered"] = 0
        toc["titlesonly"] = True
        return nodes.compound("", toc, classes=["toctree-wrapper"])
