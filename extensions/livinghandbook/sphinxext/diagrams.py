"""Drawing generated diagrams with graphviz, for every builder.

HTML builders draw diagrams themselves instead of through ``sphinx.ext.graphviz``:

* drawing starts when the page is *read*, in a small thread pool (``prefetch``): ``dot``
  is a separate process, so on two cores it runs while Sphinx goes on reading (at 50
  programmes, ~170 diagrams waited on one by one were seconds of the build). The page is
  *rendered* when it is written (``html_writer.py``), which waits for its files;
* all diagrams of a page go through one ``dot`` process (starting dot costs ~15 ms, a
  small map ~1 ms); a batch that fails is drawn graph by graph, so only a broken graph is
  missing;
* a file is named by a hash of its DOT source, the dot command and the code seal, written
  atomically, and never redrawn while it exists; a drawing that failed leaves no file, so
  the next build draws it again and reports it again (nothing failed is ever cached);
* links are written relative to the image folder (``hb:<docname>#anchor`` →
  ``../<page>#anchor``), so the same diagram is one file on every page that shows it.

Other builders (text, LaTeX) get Sphinx's ``graphviz`` node with the links removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.ext.graphviz import GraphvizError, graphviz, latex_visit_graphviz, text_visit_graphviz
from sphinx.util.docutils import SphinxTranslator

from ..fileio import write_bytes_atomic
from ..views.blocks import Diagram
from . import background
from .seal import code_seal

LINK = re.compile(r'URL="hb:([^"#]*)(?:#([^"]*))?"')
SVG_START = re.compile(rb"(?=<\?xml )")  # where each graph's SVG document starts in dot's output
LINK_ATTRIBUTE = re.compile(r', URL="hb:[^"]*"')  # always after the label, so never first


class DotFailed(GraphvizError):
    """``dot`` could not draw a diagram (missing, crashed, timed out, or bad output)."""


# -- HTML: files in the image folder -------------------------------------------------------------
def dot_command(builder: Any) -> list[str]:
    return [builder.config.graphviz_dot, *builder.config.graphviz_dot_args, "-Tsvg"]


def _links_from_images(code: str, builder: Any) -> str:
    """``hb:`` links as URLs from the image folder (``_images/``) to the target page."""
    up = "../" * (builder.imagedir.count("/") + 1)  # from the image folder to the site root

    def replace(match: re.Match[str]) -> str:
        target, anchor = match.group(1), match.group(2)
        uri = up + builder.get_target_uri(target).partition("#")[0]
        return f'URL="{uri}#{anchor}"' if anchor else f'URL="{uri}"'
    return LINK.sub(replace, code)


def svg_file(builder: Any, diagram: Diagram) -> tuple[Path, str]:
    """The SVG file a diagram is drawn into, and the DOT source drawn there."""
    code = _links_from_images(diagram.dot, builder)
    command = dot_command(builder)
    key = "\0".join([code, *command, code_seal()]).encode("utf-8")
    digest = hashlib.sha1(key, usedforsecurity=False).hexdigest()
    return Path(builder.outdir) / builder.imagedir / f"diagram-{digest}.svg", code


def prefetch(builder: Any, diagrams: Iterable[Diagram]) -> list[str]:
    """Start drawing a page's diagrams in the background; returns their file names."""
    batch: list[tuple[Path, str]] = []
    for diagram in diagrams:
        path, code = svg_file(builder, diagram)
        if not background.wanted(path) and all(path != p for p, _ in batch):
            batch.append((path, code))
    if batch:
        command = dot_command(builder)
        background.make([path for path, _ in batch], lambda: _draw_batch(command, batch))
    return [svg_file(builder, d)[0].name for d in diagrams]


def ensure_drawn(builder: Any, diagram: Diagram) -> Path:
    """The diagram's file, drawn by now: waits for the background job, or draws it here
    (read in another process, deleted since, or a failed batch). Raises ``DotFailed``."""
    path, code = svg_file(builder, diagram)
    try:
        background.wait(path)
    except GraphvizError:
        pass  # the batch failed; the graph was then drawn alone, or is drawn (and reported) below
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        _draw(dot_command(builder), code, path)
    return path


def _draw(command: list[str], code: str, outfn: Path) -> None:
    """Run dot into a temporary file and move it into place (readers never see half a file)."""
    tmp = outfn.with_name(f".{outfn.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # dot writes it
    try:
        result = subprocess.run([*command, f"-o{tmp}"], input=code.encode("utf-8"), capture_output=True,
                                timeout=120, check=False)
    except OSError as exc:
        raise DotFailed(f"dot kunne ikke startes ({exc.strerror or exc})") from exc
    except subprocess.TimeoutExpired as exc:
        tmp.unlink(missing_ok=True)
        raise DotFailed("dot brugte mere end 120 sekunder") from exc
    if result.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        message = result.stderr.decode("utf-8", "replace").strip().replace("\n", " ")
        raise DotFailed(message or "dot lavede ingen fil")
    os.replace(tmp, outfn)


def _draw_batch(command: list[str], batch: list[tuple[Path, str]]) -> None:
    """Several graphs through one ``dot`` process (dot writes one SVG document per graph);
    if that fails, each graph alone, so only a broken one is missing."""
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


# -- other builders: Sphinx's graphviz node --------------------------------------------------------
class handbook_diagram(graphviz):  # noqa: N801 - docutils node classes are lower case
    """A generated diagram for builders other than HTML (drawn by Sphinx's graphviz code)."""


def diagram_node(diagram: Diagram, docname: str) -> nodes.figure:
    node = handbook_diagram()
    node["code"] = LINK_ATTRIBUTE.sub("", diagram.dot)
    node["options"] = {"docname": docname}
    node["alt"] = diagram.alt
    node["classes"] = ["handbook-diagram"]
    figure = nodes.figure("", node, classes=["handbook-diagram"])
    figure += nodes.caption(diagram.caption, diagram.caption)
    return figure


def _latex_visit(self: SphinxTranslator, node: handbook_diagram) -> None:
    latex_visit_graphviz(self, node)  # type: ignore[arg-type]


def _text_visit(self: SphinxTranslator, node: handbook_diagram) -> None:
    text_visit_graphviz(self, node)  # type: ignore[arg-type]


def _html_visit(self: SphinxTranslator, node: handbook_diagram) -> None:
    raise nodes.SkipNode  # HTML builders never get this node (html_writer.py draws them)


def _skip(self: SphinxTranslator, node: handbook_diagram) -> None:
    raise nodes.SkipNode


def setup_diagrams(app: Any) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(handbook_diagram, html=(_html_visit, None), latex=(_latex_visit, None),
                 text=(_text_visit, None), man=(_skip, None), texinfo=(_skip, None))
