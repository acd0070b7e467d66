"""Charts as SVG files in the image folder, written when the page that shows them is
written.

Each chart is one small SVG named by its content, the drawing code and the code seal;
an existing file is never rewritten (the same name always has the same content, so
parallel writers can race harmlessly). The files bypass Sphinx's image collection,
which rescans every image of the site for each page read (quadratic at 3,000 charts).
A chart that cannot be drawn or written is a ``handbook.chart`` warning, and the page
shows the chart's text alternative instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..charts.indicator import indicator_svg
from ..charts.maturity import maturity_svg
from ..fileio import write_bytes_atomic
from . import background
from .seal import code_seal

DRAW: dict[str, Callable[[dict[str, Any]], str]] = {"indicator": indicator_svg, "maturity": maturity_svg}


def chart_file(builder: Any, spec: Mapping[str, Any]) -> Path:
    data = json.dumps({k: v for k, v in spec.items() if k != "alt"}, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{data}\0{code_seal()}".encode("utf-8")).hexdigest()[:20]
    return Path(builder.outdir, builder.imagedir, f"chart-{digest}.svg")


def ensure_chart(builder: Any, spec: Mapping[str, Any]) -> Path:
    """Draw and write the chart unless its file exists; raises ``OSError`` or the drawing's
    error when it cannot."""
    path = chart_file(builder, spec)
    if not background.wanted(path):
        svg = DRAW[spec.get("kind", "indicator")](dict(spec))
        write_bytes_atomic(path, svg.encode("utf-8"))
        background.note_made(path)
    return path
