"""Blocks → HTML, when a page is written: the one HTML renderer of the handbook.

Used for the runs of blocks on pages Sphinx reads (``resolve.py`` turns each
``handbook_blocks`` node into this HTML when the page is written) and for whole pages the
handbook generates (``generated_pages.py``, which also has it write the sections).

Why HTML text and not a docutils node per cell: the generated pages hold tens of
thousands of table cells, field rows and links; as nodes, every one of them was walked by
Sphinx's transforms, pickled twice and visited by the writer (most of a large build,
bench/RESULTS.md). Why at write time: the doctree keeps the builder-neutral blocks, so a
change to this code reaches every page on the next build, links are resolved from the
current data, and each builder renders the same blocks its own way.

Safety: every string from the data goes through ``html.escape``; nothing is parsed.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any, assert_never

from sphinx.ext.graphviz import GraphvizError
from sphinx.util import logging

from ..findings import one_line
from ..views.blocks import (
    Anchor, Block, Bullets, Chart, Diagram, Fields, Inline, Link, Need, Para, Section, Strong, Table, Target,
    TocTree,
)
from . import charts, diagrams, links
from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)
HEADERLINK = "Link til denne overskrift"
SVG_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"')


def natural_size(path: Path) -> tuple[int, int] | None:
    """A drawn diagram's size in CSS pixels (graphviz writes points: 1 pt = 4/3 px)."""
    try:
        with path.open("rb") as svg:
            head = svg.read(4096)
    except OSError:
        return None
    match = SVG_SIZE.search(head)
    if match is None:
        return None
    return round(float(match.group(1)) * 4 / 3), round(float(match.group(2)) * 4 / 3)


class HtmlBlockWriter:
    """Writes blocks as HTML for the page ``docname`` of ``builder``.

    ``anchor_id`` gives each anchor its final, page-unique id (``expand.Anchors`` on
    generated pages; for a run in a Sphinx page the ids chosen when it was read).
    ``toc`` collects (level, id, title) of the sections written (generated pages).
    ``figures`` numbers the page's diagrams and charts ("Figur 1: …"); the writers of the
    runs of one page share it."""

    def __init__(self, builder: Any, docname: str, anchor_id: Callable[[str], str], location: Any = None,
                 imgpath: str | None = None, figures: Iterator[int] | None = None) -> None:
        self.builder, self.docname, self.anchor_id, self.location = builder, docname, anchor_id, location
        self.figures = figures if figures is not None else itertools.count(1)
        self.env = builder.env
        page_dir = posixpath.dirname(builder.get_target_uri(docname).partition("#")[0])
        self.imgpath = imgpath if imgpath is not None else posixpath.relpath(builder.imagedir, page_dir or ".")
        self.uris: dict[str, str] = {}
        self.rendered: dict[Link, str] = {}
        self.toc: list[tuple[int, str, str]] = []
        self.images: set[str] = set()  # the chart and diagram files written pages show

    def render(self, blocks: Iterable[Block], level: int = 1) -> str:
        out: list[str] = []
        for block in blocks:
            self.block(out, block, level)
        return "".join(out)

    # -- inline -----------------------------------------------------------------------------
    def link(self, item: Link) -> str:
        html = self.rendered.get(item)
        if html is None:  # pages repeat the same links (people, roles) hundreds of times
            html = self.rendered[item] = self._link(item)
        return html

    def _link(self, item: Link) -> str:
        place = links.place_of(self.env, item.kind, item.target)
        if place is None:
            links.warn_missing(item, self.location)
            return escape(item.text, quote=False)
        href = links.uri(self.builder, self.docname, place, self.uris)
        title = f' title="{escape(place.title)}"' if place.title else ""
        css = "doc" if item.kind == "doc" else f"xref handbook-{item.kind}"
        return (f'<a class="reference internal" href="{escape(href)}"{title}>'
                f'<span class="{css}">{escape(item.text)}</span></a>')

    def inline(self, items: Iterable[Inline]) -> str:
        out = []
        for item in items:
            match item:
                case str():
                    out.append(escape(item, quote=False))
                case Link():
                    out.append(self.link(item))
                case Strong(text):
                    out.append(f"<strong>{escape(text, quote=False)}</strong>")
                case Anchor(ident):
                    out.append(f'<span id="{escape(self.anchor_id(ident))}"></span>')
                case _:
                    assert_never(item)
        return "".join(out)

    def p(self, items: Iterable[Inline]) -> str:
        return f"<p>{self.inline(items)}</p>"

    # -- blocks -----------------------------------------------------------------------------
    def block(self, out: list[str], block: Block, level: int) -> None:
        match block:
            case Section():
                self.section(out, block, level)
            case Para(content):
                out.append(self.p(content) + "\n")
            case Fields():
                self.fields(out, block)
            case Bullets(items):
                out.append('<ul class="simple">\n')
                out.extend(f"<li>{self.p(item)}</li>\n" for item in items)
                out.append("</ul>\n")
            case Table():
                self.table(out, block)
            case Chart(spec):
                out.append(self.chart(spec))
            case Diagram():
                out.append(self.diagram(block))
            case Target(anchor):
                out.append(f'<span id="{escape(self.anchor_id(anchor))}"></span>')
            case Need() | TocTree():
                pass  # structure for Sphinx: made when a page is read; generated pages have none
            case _:
                assert_never(block)

    def section(self, out: list[str], block: Section, level: int) -> None:
        """A section of a generated page (on pages Sphinx reads, sections are docutils nodes)."""
        ident = self.anchor_id(block.anchor or block.title)
        self.toc.append((level, ident, block.title))
        names = f' class="{escape(" ".join(block.classes))}"' if block.classes else ""
        h = min(level, 6)
        out.append(f'<section id="{escape(ident)}"{names}>\n<h{h}>{escape(block.title, quote=False)}'
                   f'<a class="headerlink" href="#{escape(ident)}" title="{HEADERLINK}">¶</a></h{h}>\n')
        for child in block.children:
            self.block(out, child, level + 1)
        out.append("</section>\n")

    def fields(self, out: list[str], block: Fields) -> None:
        if not block.rows:
            return
        out.append('<dl class="handbook-fields field-list simple">\n')
        for index, (label, value) in enumerate(block.rows):
            parity = "odd" if index % 2 == 0 else "even"
            out.append(f'<dt class="field-{parity}">{escape(label, quote=False)}<span class="colon">:</span></dt>\n'
                       f'<dd class="field-{parity}">{self.p(value)}</dd>\n')
        out.append("</dl>\n")

    def table(self, out: list[str], block: Table) -> None:
        # A wide table scrolls in its own box (the theme fixes its first column), never the
        # page; the box is a named, focusable region so it scrolls by keyboard (axe:
        # scrollable-region-focusable). Named by its first columns: blocks carry no caption.
        label = "Tabel: " + ", ".join(block.headers[:3]) + (" …" if len(block.headers) > 3 else "")
        out.append(f'<div class="handbook-table-scroll" role="region" tabindex="0" aria-label="{escape(label)}">\n')
        # On a phone the theme shows a table as a card per row; its script names each cell's
        # column there (handbook-theme.js), so the pages carry no per-cell attributes.
        names = " ".join(escape(c) for c in ["handbook-table", *block.classes, "docutils", "align-default"])
        out.append(f'<table class="{names}">\n')
        if block.widths:
            total = sum(block.widths)
            out.append("<colgroup>" + "".join(f'<col style="width: {round(100 * w / total)}%" />'
                                              for w in block.widths) + "</colgroup>\n")
        out.append('<thead>\n<tr class="row-odd">')
        out.extend(f'<th class="head"><p>{escape(h, quote=False)}</p></th>' for h in block.headers)
        out.append("</tr>\n</thead>\n<tbody>\n")
        for index, row in enumerate(block.rows):
            out.append(f'<tr class="row-{"even" if index % 2 == 0 else "odd"}">')
            out.extend(f"<td>{self.p(cell) if cell and cell != ('',) else ''}</td>" for cell in row)
            out.append("</tr>\n")
        out.append("</tbody>\n</table>\n</div>\n")

    def chart(self, spec: Any) -> str:
        alt = escape(spec["alt"])
        caption = spec.get("caption") or "Udvikling: " + spec["title"]
        if getattr(self.builder, "handbook_numbers_figures", True):  # print numbers through the book
            caption = f"Figur {next(self.figures)}: {caption}"
        caption = escape(caption, quote=False)
        what = one_line(str(spec.get("title", spec.get("id", ""))))
        location = self.location

        def report(exc: Exception) -> None:
            logger.warning(f"diagrammet over '{what}' kunne ikke tegnes: {one_line(str(exc))}",
                           type=WARNING_TYPE, subtype=Subtype.CHART.value, location=location)

        try:
            path = charts.ensure_chart(self.builder, spec, report)
        except Exception as exc:  # noqa: BLE001 - any failure to draw is reported the same way
            report(exc)
            return f'<p class="handbook-chart-missing">{alt}</p>\n'
        self.images.add(path.name)
        src = escape(posixpath.join(self.imgpath, path.name))
        return (f'<figure class="handbook-chart align-default"><img alt="{alt}" class="handbook-chart" src="{src}" />\n'
                f'<figcaption>\n<p><span class="caption-text">{caption}</span></p>\n</figcaption>\n</figure>\n')

    def diagram(self, block: Diagram) -> str:
        """The drawn SVG at its natural size (narrower where the column is narrower), with a
        link to the file: without JavaScript it opens the drawing in the browser; with
        ``handbook-content.js`` it opens a full-size view with zoom and pan."""
        alt = escape(block.alt, quote=True)
        try:
            path = diagrams.ensure_drawn(self.builder, block)
        except (GraphvizError, OSError) as exc:
            logger.warning(f"diagrammet kunne ikke tegnes: {one_line(str(exc))}", type=WARNING_TYPE,
                           subtype=Subtype.DIAGRAM.value, location=self.location)
            return f'<p class="handbook-diagram-missing">{alt}</p>\n'
        self.images.add(path.name)
        own = getattr(self.builder, "handbook_diagram_html", None)
        if own is not None:  # a builder that places diagrams its own way (print_builder.py)
            return str(own(block, path, self.imgpath))
        src = escape(posixpath.join(self.imgpath, path.name))
        number = next(self.figures)
        caption = escape(f"Figur {number}: {block.caption}", quote=False)
        size = natural_size(path)
        dims = f' width="{size[0]}" height="{size[1]}" style="aspect-ratio: {size[0]} / {size[1]}"' if size else ""
        full = (f'<a class="handbook-diagram-full" href="{src}">Vis figur {number} i fuld størrelse</a>')
        return (f'<figure class="handbook-diagram align-default"><div class="graphviz handbook-diagram">'
                f'<object data="{src}" type="image/svg+xml" class="graphviz" role="img" aria-label="{alt}"{dims}>'
                f'<p class="handbook-diagram-alt">{alt}</p></object></div>\n'
                f'<figcaption>\n<p><span class="caption-text">{caption}</span> {full}</p>\n</figcaption>\n</figure>\n')
