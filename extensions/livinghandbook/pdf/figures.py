"""How a diagram is placed in print, so its smallest text stays at 6 pt or more.

Graphviz writes sizes in points and its text sizes as ``font-size`` attributes, so the
scale a diagram is printed at decides the size of its smallest text. In order of
preference a diagram goes:

1. whole on a portrait page (scaled down if need be, never below the text floor);
2. whole on a landscape page;
3. cut into a few pieces, each as large as a page allows, at a scale that keeps the text
   at the floor or above (a wide, flat map becomes strips one above the other);
4. when even that would take more than ``MAX_PAGES`` pages, not drawn: its
   text alternative is printed instead (nobody reads a map spread over many sheets).

Pure functions: no Sphinx, no WeasyPrint.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

# Text areas of the pages in points (A4, margins as in handbog-print.css, room for a caption).
PORTRAIT = (482.0, 630.0)    # 170 mm × ~222 mm
LANDSCAPE = (757.0, 410.0)   # 267 mm × ~145 mm
MIN_TEXT = 6.2               # points; the handbook's bar is 6, viewers round
MAX_PAGES = 3                # a diagram cut over more pages than this is printed as text
TILE_OVERLAP = 24.0          # points two neighbouring pieces of a diagram share
STRIP_GAP = 6.0              # points between pieces stacked on one page (handbog-print.css)

_SIZE = re.compile(rb'<svg[^>]*?\swidth="([0-9.]+)(pt|px)?"[^>]*?\sheight="([0-9.]+)(pt|px)?"', re.S)
_FONT = re.compile(rb'font-size="([0-9.]+)"')
_VIEWBOX = re.compile(rb'<svg[^>]*?\sviewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)', re.S)


@dataclass(frozen=True)
class Tile:
    """A window onto the scaled diagram: its offset and size in printed points."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Placement:
    page: str       # "portrait", "landscape" or "text" (too large to print readably)
    scale: float    # 1.0 = natural size
    width_pt: float  # the whole diagram, printed
    height_pt: float
    tiles: list[Tile] = field(default_factory=list)  # empty: the diagram in one piece


@dataclass(frozen=True)
class SvgFacts:
    width: float     # points
    height: float
    smallest_text: float  # points at natural size


def svg_facts(path: Path) -> SvgFacts | None:
    """Size and smallest text of an SVG; None if the file or its size cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    match = _SIZE.search(data[:4096])
    if match is None:
        return None
    to_pt = {b"pt": 1.0, b"px": 0.75, None: 0.75}
    width = float(match.group(1)) * to_pt[match.group(2)]
    # Text sizes are in the drawing's own units: points per unit from the viewBox.
    viewbox = _VIEWBOX.search(data[:4096])
    unit = width / float(viewbox.group(1)) if viewbox and float(viewbox.group(1)) > 0 else to_pt[match.group(2)]
    sizes = [float(s) * unit for s in _FONT.findall(data)]
    return SvgFacts(width, float(match.group(3)) * to_pt[match.group(4)], min(sizes) if sizes else 9.0)


def _fit(facts: SvgFacts, area: tuple[float, float]) -> float:
    return min(1.0, area[0] / facts.width, area[1] / facts.height)


def place(facts: SvgFacts | None) -> Placement:
    """Where and how a diagram is printed (see the module's docstring)."""
    if facts is None or facts.width <= 0 or facts.height <= 0:
        return Placement("portrait", 1.0, PORTRAIT[0], 0.0)
    floor = min(1.0, MIN_TEXT / facts.smallest_text)
    # A portrait page keeps the flow of the text; landscape pages break it twice.
    portrait, landscape = _fit(facts, PORTRAIT), _fit(facts, LANDSCAPE)
    if portrait >= floor:
        return _whole("portrait", portrait, facts)
    if landscape >= floor:
        return _whole("landscape", landscape, facts)
    # Fewest pages first; then pieces in one column or one row rather than a grid (a
    # grid read across pages loses its way); then the larger print.
    options = [_tiled(page, area, floor, facts) for page, area in (("portrait", PORTRAIT), ("landscape", LANDSCAPE))]
    best = min(options, key=lambda p: (_pages(p), len(p.tiles), _is_grid(p), -p.scale))
    if _pages(best) > MAX_PAGES:
        return Placement("text", floor, facts.width, facts.height)
    return best


def _whole(page: str, scale: float, facts: SvgFacts) -> Placement:
    return Placement(page, scale, round(facts.width * scale, 1), round(facts.height * scale, 1))


def _pages(p: Placement) -> int:
    """Pages the pieces take: strips of one row stack on a page as far as they fit."""
    area = PORTRAIT if p.page == "portrait" else LANDSCAPE
    if _is_grid(p) or len({t.y for t in p.tiles}) > 1:
        return len(p.tiles)
    per_page = max(1, int((area[1] + STRIP_GAP) // (p.tiles[0].height + STRIP_GAP)))
    return math.ceil(len(p.tiles) / per_page)


def _is_grid(p: Placement) -> bool:
    return len({t.x for t in p.tiles}) > 1 and len({t.y for t in p.tiles}) > 1


def _tiled(page: str, area: tuple[float, float], floor: float, facts: SvgFacts) -> Placement:
    """Pieces in reading order (left to right, then down), each at most a page's text area.
    The count is set at the text floor; then the scale grows as far as that count allows,
    so the pieces fill their pages. Neighbouring pieces overlap by ``TILE_OVERLAP``, so a
    box cut by one edge is whole in the next piece."""
    columns = math.ceil((facts.width * floor - TILE_OVERLAP) / (area[0] - TILE_OVERLAP))
    rows = math.ceil((facts.height * floor - TILE_OVERLAP) / (area[1] - TILE_OVERLAP))
    scale = min(1.0, (columns * (area[0] - TILE_OVERLAP) + TILE_OVERLAP) / facts.width,
                (rows * (area[1] - TILE_OVERLAP) + TILE_OVERLAP) / facts.height)
    width, height = facts.width * scale, facts.height * scale
    tile_w = (width + (columns - 1) * TILE_OVERLAP) / columns
    tile_h = (height + (rows - 1) * TILE_OVERLAP) / rows
    tiles = [Tile(round(c * (tile_w - TILE_OVERLAP), 1), round(r * (tile_h - TILE_OVERLAP), 1),
                  round(tile_w, 1), round(tile_h, 1))
             for r in range(rows) for c in range(columns)]
    return Placement(page, scale, round(width, 1), round(height, 1), tiles)
