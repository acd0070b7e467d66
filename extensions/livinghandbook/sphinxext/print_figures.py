"""Diagrams in the print handbook: placed so their smallest text stays readable on paper.

The HTML renderer (``html_writer.py``) asks the print builder for a diagram's HTML when
it writes a page (``PrintBuilder.handbook_diagram_html``); the answer is made here: the
SVG as ``<img alt>`` with the same Danish text alternative as the site (WeasyPrint tags an
``<img alt>`` as a Figure with that Alt), whole on a portrait or landscape page, cut into
pieces, or as its text when it would take too many pages (``pdf/figures.py`` decides).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from docutils import nodes

from ..pdf import figures, front
from ..views.blocks import Diagram


def diagram_html(block: Diagram, path: Path, imgpath: str, compact: bool) -> str:
    """The whole ``<figure>`` of a drawn diagram, for print."""
    placement = figures.place(figures.svg_facts(path)) if path.is_file() else figures.Placement("text", 1.0, 0, 0)
    if compact and placement.tiles:
        # The compact print is a register: a diagram that needs pieces is not drawn (its
        # facts are in the tables beside it), which keeps a large portfolio's PDF within
        # its memory budget (each piece lays the whole drawing out again).
        placement = figures.Placement("text", placement.scale, placement.width_pt, placement.height_pt)
    alt = escape(block.alt, quote=True)
    caption = escape(block.caption, quote=False)
    if placement.page == "text":
        # The compact print has the same facts in its tables; the full one prints them.
        words = "" if compact else f"<p>{alt}</p>"
        note = front.TOO_LARGE_COMPACT if compact else front.TOO_LARGE
        return f'<div class="print-diagram-text"><p class="print-note">{note}</p>{words}</div>\n'
    src = f"{escape(imgpath)}/{escape(path.name)}"
    classes = ["handbook-diagram", f"print-{placement.page}"] + (["print-tiled"] if placement.tiles else [])
    if not placement.tiles:
        size = f' style="width: {placement.width_pt}pt; height: {placement.height_pt}pt"' if placement.height_pt else ""
        body = f'<img class="handbook-diagram" src="{src}" alt="{alt}"{size} />'
    else:
        count = len(placement.tiles)
        pieces = []
        for number, tile in enumerate(placement.tiles, start=1):
            # Every piece is a figure of its own for assistive technology: the first
            # carries the description, the others say what they are.
            text = alt if number == 1 else escape(front.tile_alt(number, count), quote=True)
            pieces.append(
                f'<div class="print-tile" style="width: {tile.width}pt; height: {tile.height}pt">'
                f'<img class="handbook-diagram" src="{src}" alt="{text}" style="width: {placement.width_pt}pt; '
                f'height: {placement.height_pt}pt; margin-left: -{tile.x}pt; margin-top: -{tile.y}pt" /></div>')
        body = "".join(pieces)
        caption += escape(front.tiled_caption(count), quote=False)
    return (f'<figure class="{" ".join(classes)}">{body}\n'
            f'<figcaption><p><span class="caption-text">{caption}</span></p></figcaption></figure>\n')


_LANDSCAPE_FIRST = re.compile(r'^\s*<figure class="handbook-diagram print-landscape')


def landscape_openers(tree: nodes.document) -> None:
    """A landscape figure that opens its section takes the section along to the landscape
    page, so the heading is not left alone at the foot of the portrait page before it."""
    for section in tree.findall(nodes.section):
        first = next((child for child in section.children[1:] if child.astext().strip()), None)
        if isinstance(first, nodes.raw) and _LANDSCAPE_FIRST.match(first.astext()):
            section["classes"] = [*section["classes"], "print-landscape-section"]
            html = first.astext().replace("print-landscape", "print-opening", 1)
            first.replace_self(nodes.raw("", html, format="html"))
