"""The maturity chart: the municipality's score (1–5) on each dimension, as bars.

One chart a handbook, so drawn with leather (a small, well-kept charting library that
writes plain SVG); the 3,000 indicator charts are drawn by hand, see ``indicator.py``.
"""

from __future__ import annotations

from typing import Any

import leather



def _configure_theme() -> None:
    leather.theme.background_color = "#ffffff"
    leather.theme.title_font_family = "sans-serif"
    leather.theme.tick_font_family = "sans-serif"
    leather.theme.legend_font_family = "sans-serif"
    leather.theme.tick_color = "#595959"
    leather.theme.label_color = "#333333"

BAR = "#1f5f99"
STYLE_VERSION = 1


def maturity_svg(spec: dict[str, Any]) -> str:
    _configure_theme()
    chart = leather.Chart()
    chart.add_x_scale(0, 5)
    chart.add_x_axis(ticks=[0, 1, 2, 3, 4, 5], name="Niveau (1-5)")
    rows = [(score, label) for label, score in spec["scores"]]
    chart.add_bars(list(reversed(rows)), name="Vurdering", fill_color=BAR)
    svg: str = chart.to_svg(width=560, height=60 + 40 * len(rows))
    return svg
