"""Blocks → pre-rendered HTML, for the HTML builders.

Why: the generated pages hold tens of thousands of table cells, field rows and links.
As docutils nodes every one of them is walked by each of Sphinx's ~30 read transforms,
pickled, unpickled, walked by the post-transforms and then by the HTML writer; at 1,000
projects that was most of the build (profile in bench/RESULTS.md). Here paragraphs,
fields, lists, tables and charts become one ``raw`` HTML node per run of blocks, written
once. (Chart files are drawn straight into the image folder, in the background.)

What stays a docutils node, so Sphinx still does its job with it: sections and their
titles (page title, local table of contents, anchors, search titles), diagrams (drawn
in the background, see ``diagrams.py``), hidden needs (sphinx-needs) and toctrees
(navigation).

Safety is unchanged: every string from the data goes through ``html.escape``, and the
raw nodes are only made for HTML builders (LaTeX and others use ``Renderer``). Sphinx's
search indexes the text of ``raw`` HTML nodes, so the Danish search still finds it.
``HtmlWriter`` writes blocks as HTML text; ``HtmlRenderer`` uses it inside a page that
Sphinx reads, ``project_pages.py`` for whole pages Sphinx does not read.

Links are resolved here, at read time, to the entity's home page; the page fingerprint
includes those homes (``views.blocks.fingerprint``), so a moved entity re-reads the pages
that link to it.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..charts.indicator import chart_key
from ..fileio import write_bytes_atomic
from ..views.blocks import Block, Inline
from . import background, diagrams, state
from .charts import DRAW
from .render import DOMAIN, Anchors, Renderer
from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)

# Block kinds written as HTML; the others are made into nodes by ``Renderer``.
HTML_BLOCKS = frozenset({"para", "fields", "bullets", "table", "target", "chart"})


class HtmlWriter:
    """Blocks as HTML text for one page (``docname``), links relative to that page."""

    def __init__(self, env: Any, builder: Any, docname: str, location: tuple[str, int] | None,
                 unique: Anchors) -> None:
        self.env, self.builder, self.docname, self.location = env, builder, docname, location
        self.unique = unique  # the page's anchor de-duplicator (shared with its sections)
        self.domain = env.get_domain(DOMAIN)
        self.uris: dict[str, str] = {}
        self.links: dict[tuple[str, str, str], str] = {}
        self.images: set[str] = set()  # chart and diagram files this page shows
        page_dir = posixpath.dirname(builder.get_target_uri(docname))
        self.image_dir = posixpath.relpath(builder.imagedir, page_dir or ".")  # from this page

    # -- inline ---------------------------------------------------------------------------
    def uri(self, docname: str, anchor: str) -> str:
        if docname == self.docname:
            page = "" if anchor else self.builder.get_target_uri(docname).rsplit("/", 1)[-1]
        else:
            page = self.uris.get(docname)
            if page is None:
                page = self.uris[docname] = self.builder.get_relative_uri(self.docname, docname)
        return f"{page}#{anchor}" if anchor else page

    def _missing(self, what: str) -> None:
        logger.warning(f"henvisningen til '{what}' fører ingen steder hen", type=WARNING_TYPE,
                       subtype=Subtype.REFERENCE.value, location=self.location)

    def link(self, reftype: str, target: str, text: str) -> str:
        key = (reftype, target, text)
        html = self.links.get(key)
        if html is None:  # pages repeat the same links (people, roles) hundreds of times
            html = self.links[key] = self._link(reftype, target, text)
        return html

    def _link(self, reftype: str, target: str, text: str) -> str:
        where = self.domain._where(self.env, reftype, target)  # type: ignore[attr-defined]
        if where is None or not self.domain.page_exists(self.env, where[0]):  # type: ignore[attr-defined]
            self._missing(target)
            return escape(text)
        docname, anchor, title = where
        return (f'<a class="reference internal" href="{escape(self.uri(docname, anchor))}" title="{escape(title)}">'
                f'<span class="xref {DOMAIN}-{reftype}">{escape(text)}</span></a>')

    def doc_link(self, docname: str, text: str) -> str:
        if not self.domain.page_exists(self.env, docname):  # type: ignore[attr-defined]
            self._missing(docname)
            return escape(text)
        return (f'<a class="reference internal" href="{escape(self.uri(docname, ""))}">'
                f'<span class="doc">{escape(text)}</span></a>')

    def inline(self, items: list[Inline]) -> str:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(escape(item, quote=False))
                continue
            kind = item[0]
            if kind == "ref":
                out.append(self.link("entity", item[1], item[2]))
            elif kind == "role":
                out.append(self.link("rolle", item[1], item[2]))
            elif kind == "rule":
                out.append(self.link("regel", item[1], item[2]))
            elif kind == "doc":
                out.append(self.doc_link(item[1], item[2]))
            elif kind == "strong":
                out.append(f"<strong>{escape(item[1], quote=False)}</strong>")
            elif kind == "anchor":
                out.append(f'<span id="{escape(self.unique(item[1]))}"></span>')
            else:  # pragma: no cover - views only build the kinds above
                raise ValueError(f"unknown inline {kind!r}")
        return "".join(out)

    def p(self, items: list[Inline]) -> str:
        return f"<p>{self.inline(items)}</p>"

    # -- blocks -----------------------------------------------------------------------------
    def para(self, out: list[str], items: list[Inline]) -> None:
        out.append(self.p(items) + "\n")

    def fields(self, out: list[str], rows: list[tuple[str, list[Inline]]]) -> None:
        if not rows:
            return
        out.append(f'<dl class="{DOMAIN}-fields field-list simple">\n')
        for index, (label, value) in enumerate(rows):
            parity = "odd" if index % 2 == 0 else "even"
            out.append(f'<dt class="field-{parity}">{escape(label, quote=False)}<span class="colon">:</span></dt>\n'
                       f'<dd class="field-{parity}">{self.p(value)}</dd>\n')
        out.append("</dl>\n")

    def bullets(self, out: list[str], items: list[list[Inline]]) -> None:
        out.append('<ul class="simple">\n')
        out.extend(f"<li>{self.p(item)}</li>\n" for item in items)
        out.append("</ul>\n")

    def table(self, out: list[str], headers: list[str], rows: list[list[list[Inline]]], classes: list[str],
              widths: list[int]) -> None:
        names = " ".join(escape(c) for c in [f"{DOMAIN}-table", *classes, "docutils", "align-default"])
        out.append(f'<table class="{names}">\n<thead>\n<tr class="row-odd">')
        out.extend(f'<th class="head"><p>{escape(h, quote=False)}</p></th>' for h in headers)
        out.append("</tr>\n</thead>\n<tbody>\n")
        for index, row in enumerate(rows):
            out.append(f'<tr class="row-{"even" if index % 2 == 0 else "odd"}">')
            out.extend(f"<td>{self.p(cell) if cell and cell != [''] else ''}</td>" for cell in row)
            out.append("</tr>\n")
        out.append("</tbody>\n</table>\n")

    def target(self, out: list[str], anchor: str) -> None:
        out.append(f'<span id="{escape(self.unique(anchor))}"></span>')

    def chart(self, out: list[str], spec: dict[str, Any]) -> None:
        """A chart as an ``<img>`` of an SVG file drawn straight into the image folder, in
        the background: Sphinx's image handling (collecting, purging, copying) cost more
        than drawing, as it scans every image of the site for each page read."""
        name = f"chart-{chart_key(spec)}.svg"
        self.images.add(name)
        path = Path(self.builder.outdir) / self.builder.imagedir / name
        draw = DRAW[spec.get("kind", "indicator")]
        background.make(path, lambda: write_bytes_atomic(path, draw(spec).encode("utf-8")))
        caption = spec.get("caption") or f"Udvikling: {spec['title']}"
        out.append(f'<figure class="handbook-chart align-default"><img alt="{escape(spec["alt"])}" '
                   f'class="handbook-chart" src="{escape(posixpath.join(self.image_dir, name))}" />\n<figcaption>\n'
                   f'<p><span class="caption-text">{escape(caption, quote=False)}</span></p>\n</figcaption>\n</figure>\n')


class HtmlRenderer(Renderer):
    """Blocks → nodes for a page Sphinx reads: sections, diagrams, needs and toctrees as
    nodes, runs of the other blocks as one ``raw`` HTML node each."""

    def __init__(self, directive: SphinxDirective) -> None:
        super().__init__(directive)
        builder = state.sphinx_app(directive).builder
        self.writer = HtmlWriter(self.env, builder, self.docname, (self.docname, directive.lineno), self.unique)
        self.diagrams = diagrams.PageDiagrams(builder)

    def blocks(self, blocks: list[Block]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        chunk: list[str] = []
        for block in blocks:
            if block[0] in HTML_BLOCKS:
                getattr(self.writer, block[0])(chunk, *block[1:])
                continue
            if chunk:
                out.append(nodes.raw("", "".join(chunk), format="html"))
                chunk = []
            out.extend(super().blocks([block]))
        if chunk:
            out.append(nodes.raw("", "".join(chunk), format="html"))
        return out

    def block_diagram(self, spec: dict[str, Any]) -> list[nodes.Node]:
        figure = self.diagrams.render(spec)
        self.writer.images.add(figure[0][0]["svg"])
        return figure

    def finish(self) -> None:
        """Start drawing the page's diagrams (one dot process for all of them), and note
        the page's image files (``images.remove_unused`` keeps exactly those)."""
        self.diagrams.start()
        self.env.get_domain(DOMAIN).note_images(self.docname, self.writer.images)  # type: ignore[attr-defined]


def renderer_for(directive: SphinxDirective) -> Any:
    """The HTML renderer for HTML builders, the node renderer for every other builder."""
    return HtmlRenderer(directive) if state.sphinx_app(directive).builder.format == "html" else Renderer(directive)
