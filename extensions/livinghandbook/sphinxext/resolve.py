"""Render the runs of blocks when a page is written (``doctree-resolved``).

HTML builders get the run as HTML text (``html_writer.py``) in a ``raw`` node: Sphinx's
search indexes its text and the HTML writer copies it out, with no docutils node per
cell. Every other builder (text, LaTeX, the needs builder …) gets docutils nodes
(``node_writer.py``), which its own writer turns into its format. Both resolve links
from the current data and report a dead link as ``handbook.reference``.

Why ``doctree-resolved`` and not a ``SphinxPostTransform``: both run when the page is
written, but a post-transform reaches the builder only through the private
``env._app``; the event hands the application over in public.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from docutils import nodes
from sphinx.application import Sphinx

from .expand import handbook_blocks
from .html_writer import HtmlBlockWriter
from .node_writer import NodeBlockWriter


def render_blocks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    builder = app.builder
    html = builder.format == "html"
    figures = itertools.count(1)  # "Figur n" numbers run through the whole page
    writer: HtmlBlockWriter | None = None  # one a page: its link and URI caches serve every run
    for node in list(doctree.findall(handbook_blocks)):
        ids = iter(node["anchor_ids"])
        location = (node["docname"], node.line)
        if html:
            if writer is None:
                writer = HtmlBlockWriter(builder, docname, lambda _anchor: next(ids), location, figures=figures)
            writer.anchor_id, writer.location = _next_of(ids), location
            node.replace_self(nodes.raw("", writer.render(node["blocks"]), format="html"))
        else:
            expanded = NodeBlockWriter(builder, node["docname"], docname, lambda _anchor: next(ids), location)
            node.replace_self(expanded.render(node["blocks"]))


def _next_of(ids: Iterator[str]) -> Callable[[str], str]:
    """The page-unique id of each anchor of a run, in the order the run writes them."""
    return lambda _anchor: next(ids)


def skip_node(self: object, node: nodes.Node) -> None:
    """Any writer that meets an unrendered run (a builder that writes no pages) skips it."""
    raise nodes.SkipNode


def setup_resolve(app: Sphinx) -> None:
    visitors = {fmt: (skip_node, None) for fmt in ("html", "latex", "text", "man", "texinfo")}
    app.add_node(handbook_blocks, **visitors)  # type: ignore[arg-type]
    app.connect("doctree-resolved", render_blocks)
