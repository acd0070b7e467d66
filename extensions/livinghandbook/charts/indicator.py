"""The indicator chart: baseline → measurements → target over time, as a small SVG.

Drawn here, not with a charting library: a large municipality has 3,000 indicators, and
leather (used before, and still for the one maturity chart) took ~3 ms a chart, 9 s of a
full build at 1,000 projects, where this takes ~0.1 ms. The drawing is a handful of lines,
dots, ticks and a legend; all text from the data is XML-escaped. The SVG is deterministic
for the same data, so its content hash names the file and unchanged charts are never
redrawn.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Any

# Colours chosen for contrast on white (WCAG AA for the lines and dots against the page).
MEASURED = "#1f5f99"
BASELINE = "#5b5b5b"
TARGET = "#1b7a3a"
WIDTH, HEIGHT = 480, 200
CHAR_WIDTH = 7  # px per character of 12 px sans-serif text, a little over a digit's width
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


STYLE_VERSION = 5  # bump when the drawing changes, so cached charts are redrawn


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _number(value: float) -> str:
    """Danish number format: 1.250 and 2,5."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".rstrip("0").replace(",", "_").replace(".", ",").replace("_", ".")


def _value_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten apart)."""
    raw = (high - low) / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks = [first]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _month_ticks(low: dt.date, high: dt.date, count: int = 5) -> list[dt.date]:
    """First days of months between the dates, every 1, 2, 3, 6, 12… months (at most ``count``)."""
    months = (high.year - low.year) * 12 + high.month - low.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= count), 120)
    ticks: list[dt.date] = []
    index = low.year * 12 + low.month - 1
    index += (-index) % step
    while True:
        day = dt.date(index // 12, index % 12 + 1, 1)
        if day > high:
            return ticks
        if day >= low:
            ticks.append(day)
        index += step


def value_axis(values: list[float]) -> tuple[list[float], bool]:
    """The value axis's ticks, and whether it does not start at zero.

    Zero is on the axis when that costs at most half the drawing's height; otherwise a
    change from 100 to 87 would be a flat line near the top. The axis then starts at a
    round number below the lowest value and is marked as broken (``True``), so a reader
    sees that the axis does not start at zero."""
    vmin, vmax = min(values), max(values)
    if vmin == vmax:
        vmin, vmax = (vmin - 1, vmax + 1) if vmin else (0.0, 1.0)
    spread = vmax - vmin
    with_zero = (vmin >= 0 and vmin <= spread) or (vmax <= 0 and -vmax <= spread) or vmin < 0 < vmax
    if with_zero:
        low, high = min(vmin, 0.0), max(vmax, 0.0)
        return _value_ticks(low, high + (high - low) * 0.1), False
    return _value_ticks(vmin - spread * 0.1, vmax + spread * 0.1), True


def _break_mark(x: float, y: float) -> str:
    """Two short slanted strokes across the value axis: it does not start at zero."""
    return f'<path d="M{x - 6} {y + 3}l12 -6M{x - 6} {y + 8}l12 -6" stroke="#333333" stroke-width="1.5"/>'


def indicator_svg(spec: dict[str, Any]) -> str:
    """The SVG text for one indicator (``spec`` as built by ``views.entity_pages``)."""
    unit = f" ({spec['unit']})" if spec.get("unit") else ""
    points = [(_day(d), float(v)) for d, v in spec.get("points", [])]
    baseline = spec.get("baseline")
    target = spec.get("target")
    measured = ([(_day(baseline[0]), float(baseline[1]))] if baseline else []) + points
    goal = (_day(target[0]), float(target[1])) if target else None
    dates = [d for d, _ in measured] + ([goal[0]] if goal else [])
    values = [v for _, v in measured] + ([goal[1]] if goal else [])
    if not dates:
        dates, values = [dt.date.today()], [0.0]
    low, high = min(dates), max(dates)
    if low == high:
        high = low + dt.timedelta(days=1)
    yticks, broken = value_axis(values)
    # The plot starts right of the widest value label ("2.000.000" at 12 px is ~63 px), which
    # itself keeps clear of the upright axis title at x = 8-20.
    left = max(64, 32 + CHAR_WIDTH * max(len(_number(v)) for v in yticks))

    legend = ([("line", MEASURED, "Udvikling")] if len(measured) > 1 else []) \
        + ([("dot", MEASURED, "Målinger")] if measured else []) \
        + ([("dash", TARGET, "Mod målet"), ("dot", TARGET, "Mål")] if goal else []) \
        + ([("dot", BASELINE, "Udgangspunkt")] if baseline else [])
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">'),
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    x, row = left, 16
    for shape, colour, label in legend:
        width = 22 + CHAR_WIDTH * len(label) + 14
        if x + width > WIDTH:
            x, row = left, row + 16
        if shape == "dot":
            out.append(f'<circle cx="{x + 6}" cy="{row - 4}" r="4" fill="{colour}"/>')
        else:
            dash = ' stroke-dasharray="5 4"' if shape == "dash" else ""
            out.append(f'<path d="M{x} {row - 4}h14" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{x + 18}" y="{row}" fill="#333333">{label}</text>')
        x += width
    right, top, bottom = WIDTH - 24, row + 14, HEIGHT - 26
    y0, y1 = yticks[0], yticks[-1]
    span = (high - low).days

    def px(day: dt.date) -> float:
        return round(left + (day - low).days / span * (right - left), 1)

    def py(value: float) -> float:
        return round(bottom - (value - y0) / (y1 - y0) * (bottom - top), 1)

    for value in yticks:
        grey = "#a8a8a8" if value == 0 else "#d9d9d9"
        out.append(f'<path d="M{left - 4} {py(value)}H{right}" stroke="{grey}"/>'
                   f'<text x="{left - 8}" y="{py(value)}" dy="0.32em" text-anchor="end" fill="#333333">'
                   f'{_number(value)}</text>')
    for day in _month_ticks(low, high):
        out.append(f'<path d="M{px(day)} {bottom}v4" stroke="#595959"/>'
                   f'<text x="{px(day)}" y="{bottom + 18}" text-anchor="middle" fill="#333333">'
                   f'{MONTHS[day.month - 1]} {day:%y}</text>')
    out.append(f'<path d="M{left} {bottom}H{right}" stroke="#595959"/>')
    if broken:
        out.append(f'<path d="M{left} {top}V{bottom}" stroke="#595959"/>' + _break_mark(left, bottom - 12))
    middle = round((top + bottom) / 2)
    out.append(f'<text x="14" y="{middle}" transform="rotate(270 14 {middle})" text-anchor="middle" '
               f'fill="#333333">{escape("Værdi" + unit, quote=False)}</text>')
    if len(measured) > 1:
        path = " L".join(f"{px(d)} {py(v)}" for d, v in measured)
        out.append(f'<path d="M{path}" stroke="{MEASURED}" stroke-width="2" fill="none"/>')
    if goal:
        start = measured[-1] if measured else goal
        out.append(f'<path d="M{px(start[0])} {py(start[1])} L{px(goal[0])} {py(goal[1])}" stroke="{TARGET}" '
                   f'stroke-width="1.5" stroke-dasharray="5 4" fill="none"/>')
    out.extend(f'<circle cx="{px(d)}" cy="{py(v)}" r="4" fill="{MEASURED}"/>' for d, v in measured)
    if goal:
        out.append(f'<circle cx="{px(goal[0])}" cy="{py(goal[1])}" r="5" fill="{TARGET}"/>')
    if baseline:
        out.append(f'<circle cx="{px(measured[0][0])}" cy="{py(measured[0][1])}" r="5" fill="{BASELINE}"/>')
    out.append("</svg>")
    return "".join(out)
