"""Diagram nodes: generated DOT drawn by graphviz, with an accessible, safe HTML form.

HTML builds draw diagrams themselves instead of through ``sphinx.ext.graphviz``:

* drawing starts when the page is *read*, in a small thread pool: ``dot`` is a separate
  process, so on two cores it runs while Sphinx goes on reading and writing Python-side
  (at 50 programmes, ~170 diagrams waited on one by one were seconds of the build);
* the file is named by a hash of the DOT source, written atomically, and an existing file
  is never redrawn, so unchanged diagrams cost nothing on the next build;
* links are written relative to the image folder from the start (``hb:<docname>#anchor``
  → ``../<page>#anchor``), so the same diagram is one file on every page that shows it
  and no SVG needs rewriting afterwards;
* the ``<object>`` gets ``role="img"`` and an ``aria-label`` (axe-core's ``object-alt``
  rule fails without them, see TOOLCHAIN.md), and the text alternative is HTML-escaped
  (Sphinx inserts ``alt`` verbatim, and ours holds text from the data).

LaTeX keeps Sphinx's graphviz machinery, with the links dropped: a vector diagram without
links goes into the PDF.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
import subprocess
import threading
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.ext.graphviz import GraphvizError, graphviz, latex_visit_graphviz, text_visit_graphviz
from sphinx.util import logging

from ..fileio import write_bytes_atomic
from . import background
from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)
LINK = re.compile(r'URL="hb:([^"#]*)(?:#([^"]*))?"')
SVG_START = re.compile(rb"(?=<\?xml )")  # where each graph's SVG document starts in dot's output
LINK_ATTRIBUTE = re.compile(r', URL="hb:[^"]*"')  # always after the label, so never first


class diagram(graphviz):  # noqa: N801 - docutils node classes are lower case
    """A generated diagram (a graphviz node whose URLs are resolved per builder)."""


def diagram_nodes(spec: dict[str, Any], docname: str) -> list[nodes.Node]:
    """The builder-neutral form (LaTeX, text): Sphinx's graphviz renders it when written."""
    node = diagram()
    node["code"] = spec["dot"]
    node["options"] = {"docname": docname}
    return _figure(node, spec)


def _figure(node: diagram, spec: dict[str, Any]) -> list[nodes.Node]:
    node["alt"] = spec["alt"]
    node["classes"] = ["handbook-diagram"]
    figure = nodes.figure("", node, classes=["handbook-diagram"])
    figure += nodes.caption(spec["caption"], spec["caption"])
    return [figure]


# -- HTML: drawn in the background from read time ---------------------------------------------
def _links_from_images(code: str, builder: Any) -> str:
    """``hb:`` links as URLs from the image folder (``_images/``) to the target page."""
    up = "../" * (builder.imagedir.count("/") + 1)  # from the image folder to the site root

    def replace(match: re.Match[str]) -> str:
        target, anchor = match.group(1), match.group(2)
        uri = up + builder.get_target_uri(target)  # target from the site root ("" or "…/" with dirhtml)
        return f'URL="{uri}#{anchor}"' if anchor else f'URL="{uri}"'
    return LINK.sub(replace, code)


def _draw(command: list[str], code: str, outfn: Path) -> None:
    """Run dot into a temporary file and move it into place (readers never see half a file)."""
    tmp = outfn.with_name(f".{outfn.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # dot writes it
    try:
        result = subprocess.run([*command, f"-o{tmp}"], input=code.encode("utf-8"), capture_output=True,
                                timeout=120, check=False)
    except OSError as exc:
        raise GraphvizError(f"dot kunne ikke startes ({exc})") from exc
    except subprocess.TimeoutExpired as exc:
        tmp.unlink(missing_ok=True)
        raise GraphvizError("dot brugte mere end 120 sekunder") from exc
    if result.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        raise GraphvizError(result.stderr.decode("utf-8", "replace").strip() or "dot lavede ingen fil")
    os.replace(tmp, outfn)


def _draw_batch(command: list[str], batch: list[tuple[Path, str]]) -> None:
    """Several graphs through one ``dot`` process: dot reads any number of graphs and
    writes one SVG document each. Starting dot costs ~15 ms and laying out a small map
    ~1 ms, so a programme page with 20 project maps draws 12× faster this way. If the
    batch fails, each graph is drawn alone, so only a broken one is missing."""
    if len(batch) > 1:
        try:
            result = subprocess.run(command, input="\n".join(code for _, code in batch).encode("utf-8"),
                                    capture_output=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired):
            result = None  # each graph alone below says what went wrong
        parts = [part for part in SVG_START.split(result.stdout) if part.strip()] if result else []
        if result is not None and result.returncode == 0 and len(parts) == len(batch):
            for (outfn, _), part in zip(batch, parts):
                write_bytes_atomic(outfn, part)
            return
    errors = []
    for outfn, code in batch:
        try:
            _draw(command, code, outfn)
        except GraphvizError as exc:
            errors.append(exc)
    if errors:
        raise errors[0]


class PageDiagrams:
    """The diagrams of one page, drawn together in the background once the page is rendered."""

    def __init__(self, builder: Any) -> None:
        self.builder = builder
        self.command = [builder.config.graphviz_dot, *builder.config.graphviz_dot_args, "-Tsvg"]
        self.batch: list[tuple[Path, str]] = []

    def render(self, spec: dict[str, Any]) -> list[nodes.Node]:
        """A diagram node naming its SVG file (a hash of the DOT source)."""
        code = _links_from_images(spec["dot"], self.builder)
        digest = hashlib.sha1("\0".join([code, *self.command]).encode("utf-8"), usedforsecurity=False).hexdigest()
        outfn = Path(self.builder.outdir) / self.builder.imagedir / f"diagram-{digest}.svg"
        if not background.wanted(outfn) and all(outfn != path for path, _ in self.batch):
            self.batch.append((outfn, code))
        return _figure(self._node(code, outfn), spec)

    def start(self) -> None:
        if self.batch:
            batch, command = self.batch, self.command
            background.make([path for path, _ in batch], lambda: _draw_batch(command, batch))
            self.batch = []

    def _node(self, code: str, outfn: Path) -> diagram:
        node = diagram()
        node["code"] = code
        node["svg"] = outfn.name
        node["command"] = self.command
        return node


def html_visit_diagram(self: Any, node: diagram) -> None:
    outfn = Path(self.builder.outdir) / self.builder.imagedir / node["svg"]
    alt = html.escape(node["alt"], quote=True)
    try:
        try:
            background.wait(outfn)
        except GraphvizError:
            pass  # the batch failed; the graph was then drawn alone, or is drawn (and reported) below
        if not outfn.is_file():  # read in another process (-j), deleted since, or failed: draw it now
            outfn.parent.mkdir(parents=True, exist_ok=True)
            _draw(node["command"], node["code"], outfn)
    except GraphvizError as exc:
        logger.warning(f"diagrammet kunne ikke tegnes: {exc}", location=node, type=WARNING_TYPE,
                       subtype=Subtype.DIAGRAM.value)
        self.body.append(f"<p>{alt}</p>")
        raise nodes.SkipNode from exc
    src = posixpath.join(self.builder.imgpath, node["svg"])
    self.body.append('<div class="graphviz handbook-diagram">')
    self.body.append(f'<object data="{html.escape(src)}" type="image/svg+xml" '
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
