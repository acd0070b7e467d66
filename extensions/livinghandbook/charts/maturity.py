"""The maturity chart: the municipality's score (1–5) on each dimension, as bars."""

from __future__ import annotations

from typing import Any

import leather

from .indicator import _configure_theme

BAR = "#1f5f99"
STYLE_VERSION = 1


def maturity_svg(spec: dict[str, Any]) -> str:
    _configure_theme()
    chart = leather.Chart()
    chart.add_x_scale(0, 5)
    chart.add_x_axis(ticks=[0, 1, 2, 3, 4, 5], name="Niveau (1-5)")
    rows = [(score, label) for label, score in spec["scores"]]
    chart.add_bars(list(reversed(rows)), name="Vurdering", fill_color=BAR)
    return chart.to_svg(width=560, height=60 + 40 * len(rows))
