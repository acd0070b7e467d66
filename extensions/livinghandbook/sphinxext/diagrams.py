"""Diagram nodes: Sphinx's graphviz machinery with an accessible, safe HTML form.

Rendering goes through ``sphinx.ext.graphviz.render_dot`` (files named by a hash of the
DOT source and options, so unchanged diagrams are not redrawn, and parallel-safe).
Our HTML visitor differs from Sphinx's in two ways that matter here:

* the ``<object>`` gets ``role="img"`` and an ``aria-label`` (axe-core's ``object-alt``
  rule fails without them, see TOOLCHAIN.md), and
* the text alternative is HTML-escaped (Sphinx inserts ``alt`` verbatim, and ours holds
  text from the data).

Links are written in DOT as ``hb:<docname>#<anchor>``; here they become URLs relative to
the page for HTML (Sphinx then makes them relative to the image) and are dropped for
LaTeX, where a vector diagram without links goes into the PDF.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from docutils import nodes
from sphinx.ext.graphviz import GraphvizError, graphviz, latex_visit_graphviz, render_dot, text_visit_graphviz
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)
LINK = re.compile(r'URL="hb:([^"#]*)(?:#([^"]*))?"')
LINK_ATTRIBUTE = re.compile(r', URL="hb:[^"]*"')  # always after the label, so never first


class diagram(graphviz):  # noqa: N801 - docutils node classes are lower case
    """A generated diagram (a graphviz node whose URLs are resolved per builder)."""


def diagram_nodes(spec: dict[str, Any], docname: str) -> list[nodes.Node]:
    node = diagram()
    node["code"] = spec["dot"]
    node["options"] = {"docname": docname}  # part of the image hash: links are page-relative
    node["alt"] = spec["alt"]
    node["classes"] = ["handbook-diagram"]
    figure = nodes.figure("", node, classes=["handbook-diagram"])
    figure += nodes.caption(spec["caption"], spec["caption"])
    return [figure]


def _resolve_links(code: str, builder: Any, docname: str) -> str:
    def replace(match: re.Match[str]) -> str:
        target, anchor = match.group(1), match.group(2)
        target_uri = builder.get_target_uri(target)
        # A link to the same page must still name the file: Sphinx re-bases SVG links
        # from the page's folder to the image folder, and "" would become the folder.
        uri = relative_uri(builder.get_target_uri(docname), target_uri) or posixpath.basename(target_uri)
        return f'URL="{uri}#{anchor}"' if anchor else f'URL="{uri}"'
    return LINK.sub(replace, code)


def html_visit_diagram(self: Any, node: diagram) -> None:
    docname = self.builder.current_docname
    code = _resolve_links(node["code"], self.builder, docname)
    try:
        fname, _outfn = render_dot(self, code, node["options"], "svg", "diagram")
    except GraphvizError as exc:
        logger.warning(f"diagrammet kunne ikke tegnes: {exc}", location=node, type=WARNING_TYPE,
                       subtype=Subtype.DIAGRAM.value)
        raise nodes.SkipNode from exc
    alt = html.escape(node["alt"], quote=True)
    if fname is None:
        self.body.append(f"<p>{alt}</p>")
        raise nodes.SkipNode
    self.body.append('<div class="graphviz handbook-diagram">')
    self.body.append(f'<object data="{html.escape(fname.as_posix())}" type="image/svg+xml" '
                     f'class="graphviz" role="img" aria-label="{alt}">')
    self.body.append(f'<p class="handbook-diagram-alt">{alt}</p></object></div>\n')
    raise nodes.SkipNode


def latex_visit_diagram(self: Any, node: diagram) -> None:
    node["code"] = LINK_ATTRIBUTE.sub("", node["code"])
    latex_visit_graphviz(self, node)


def text_visit_diagram(self: Any, node: diagram) -> None:
    text_visit_graphviz(self, node)


def skip(self: Any, node: diagram) -> None:
    raise nodes.SkipNode


def setup_diagrams(app: Any) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(diagram, html=(html_visit_diagram, None), latex=(latex_visit_diagram, None),
                 text=(text_visit_diagram, None), man=(skip, None), texinfo=(skip, None))
