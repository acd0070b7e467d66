"""Indicator charts as image nodes: one SVG a chart, named by its content hash.

The files go to ``<srcdir>/_charts/``; an existing file is never rewritten, so parallel
readers can race harmlessly (the same name always has the same content) and an edit
redraws only the charts whose data changed. ``sphinx.ext.imgconverter``-style
conversion for the PDF is the publishing issue's concern; HTML uses the SVG directly.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..charts.indicator import chart_key, indicator_svg

CHART_DIR = "_charts"


def chart_nodes(env: BuildEnvironment, spec: dict[str, Any]) -> list[nodes.Node]:
    name = f"{chart_key(spec)}.svg"
    folder = Path(env.srcdir) / CHART_DIR
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(indicator_svg(spec))
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    image = nodes.image(uri=f"/{CHART_DIR}/{name}", alt=spec["alt"], classes=["handbook-chart"])
    figure = nodes.figure("", image, classes=["handbook-chart"])
    caption = f"Udvikling: {spec['title']}"
    figure += nodes.caption(caption, caption)
    return [figure]
