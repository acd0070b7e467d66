"""Indicator charts as image nodes: one SVG a chart, named by its content hash.

The files go to ``<srcdir>/_charts/``; an existing file is never rewritten, so parallel
readers can race harmlessly (the same name always has the same content) and an edit
redraws only the charts whose data changed. HTML uses the SVG; the LaTeX build gets a
vector PDF converted from it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..fileio import write_bytes_atomic
from ..charts.indicator import chart_key, indicator_svg
from ..charts.maturity import maturity_svg

DRAW = {"indicator": indicator_svg, "maturity": maturity_svg}

RSVG = "rsvg-convert"  # Debian package librsvg2-bin; installed by scripts/bootstrap.sh


def svg_to_pdf(svg: Path) -> bytes:
    """Vector PDF of an SVG, for the LaTeX build (LaTeX cannot include SVG)."""
    result = subprocess.run([RSVG, "-f", "pdf", str(svg)], capture_output=True, check=True, timeout=60)
    return result.stdout

CHART_DIR = "_charts"


def chart_nodes(env: BuildEnvironment, spec: dict[str, Any], builder: str) -> list[nodes.Node]:
    """An image node for the chart: SVG for HTML, a vector PDF (via rsvg-convert) for LaTeX."""
    key = chart_key(spec)
    folder = Path(env.srcdir) / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    svg = folder / f"{key}.svg"
    if not svg.exists():
        write_bytes_atomic(svg, DRAW[spec.get("kind", "indicator")](spec).encode("utf-8"))
    name = svg.name
    if builder == "latex":
        pdf = folder / f"{key}.pdf"
        if not pdf.exists():
            write_bytes_atomic(pdf, svg_to_pdf(svg))
        name = pdf.name
    image = nodes.image(uri=f"/{CHART_DIR}/{name}", alt=spec["alt"], classes=["handbook-chart"])
    figure = nodes.figure("", image, classes=["handbook-chart"])
    caption = spec.get("caption") or f"Udvikling: {spec['title']}"
    figure += nodes.caption(caption, caption)
    return [figure]
