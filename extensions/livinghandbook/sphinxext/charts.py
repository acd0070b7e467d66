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


def ensure_chart(builder: Any, spec: Mapping[str, Any], on_error: Callable[[Exception], None]) -> Path:
    """Draw the chart unless its file exists (raising the drawing's error here, so the page
    shows the text instead) and write the file: in the background in the main process
    (3,000 small files), at once in a process of a parallel build (whose threads end with
    it). A failed write calls ``on_error`` when the build finishes (``background.wait_all``)
    and leaves no file, so the next build writes the page and the chart again."""
    path = chart_file(builder, spec)
    if background.wanted(path):
        return path
    data = DRAW[spec.get("kind", "indicator")](dict(spec)).encode("utf-8")
    if background.in_main_process():
        background.make([path], lambda: write_bytes_atomic(path, data), on_error)
    else:
        write_bytes_atomic(path, data)
        background.note_made(path)
    return path
