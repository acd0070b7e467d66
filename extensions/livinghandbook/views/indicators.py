"""An indicator in words: baseline, latest measurement, target with its date, and a verdict.

The verdict compares how far the measurements have come from the baseline towards the
target with how much of the time from the baseline's date to the target's date has
passed, on the build's "today" (the day the rules were checked on, so a page says the
same as the findings). Pure functions: ``today`` is passed in, never read from the clock.

* **nået**: the latest measurement is at the target or beyond it (in the target's
  direction), whatever the date;
* **på vej**: not there yet, and the share of the way covered is no more than
  ``TOLERANCE`` behind the share of the time passed;
* **bagud**: further behind than that, moving away from the target, or the target date
  has passed without the target being met.

Without measurements, a target or a baseline (to know the direction) there is no verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ..charts.indicator import STYLE_VERSION
from ..model.entities import Indicator
from . import labels as L
from .blocks import Block, Inline, chart, fields, need, para, strong, target

TOLERANCE = 0.10  # how far behind the clock progress may be and still count as "på vej"
Word = Literal["nået", "på vej", "bagud"]


@dataclass(frozen=True)
class Verdict:
    word: Word
    text: str  # one Danish sentence, starting with the word


def _pct(share: float) -> str:
    return f"{round(share * 100)}\N{NO-BREAK SPACE}%"


def verdict(ind: Indicator, today: dt.date | None) -> Verdict | None:
    """How the indicator stands on ``today`` (``None``: no verdict can be given)."""
    if not ind.measurements or ind.target is None or ind.baseline is None:
        return None
    last, goal, start = ind.measurements[-1], ind.target, ind.baseline
    if goal.value == start.value:  # hold a level: met when the measurement is there
        if last.value == goal.value:
            return Verdict("nået", "Nået: målingen ligger på målet.")
        return None
    share = (last.value - start.value) / (goal.value - start.value)
    if share >= 1:
        more = " og overgået" if share > 1 + 1e-9 else ""
        return Verdict("nået", f"Nået: målet er nået{more}.")
    day = today or last.date
    if day >= goal.date:
        return Verdict("bagud", f"Bagud: måldatoen {L.date_da(goal.date)} er passeret, og målet er ikke nået.")
    if share < 0:
        return Verdict("bagud", "Bagud: den seneste måling ligger længere fra målet end udgangspunktet.")
    span = (goal.date - start.date).days
    elapsed = min(max((day - start.date).days / span, 0.0), 1.0) if span > 0 else 1.0
    covered = f"{_pct(share)} af vejen fra udgangspunkt til mål er tilbagelagt"
    time = f"{_pct(elapsed)} af tiden frem til måldatoen er gået"
    if share + TOLERANCE >= elapsed:
        return Verdict("på vej", f"På vej: {covered}, og {time}.")
    return Verdict("bagud", f"Bagud: kun {covered}, men {time}.")


def _at(value: float, unit: str, day: dt.date) -> str:
    return f"{L.quantity(value, unit)} ({L.date_da(day)})"


def indicator_rows(ind: Indicator, today: dt.date | None) -> list[tuple[str, str]]:
    """Label → value rows: baseline, latest measurement, target with its date, verdict."""
    rows = [("Udgangspunkt", _at(ind.baseline.value, ind.unit, ind.baseline.date) if ind.baseline else "Ikke angivet")]
    last = ind.measurements[-1] if ind.measurements else None
    rows.append(("Seneste måling", _at(last.value, ind.unit, last.date) if last else "Ingen målinger endnu"))
    rows.append(("Mål", f"{L.quantity(ind.target.value, ind.unit)} senest {L.date_da(ind.target.date)}"
                 if ind.target else "Ikke angivet"))
    found = verdict(ind, today)
    if found is not None:
        rows.append(("Vurdering", found.text))
    elif last is not None:
        rows.append(("Vurdering", "Kan ikke vurderes uden både udgangspunkt og mål."))
    return rows


def indicator_progress(ind: Indicator, today: dt.date | None = None) -> str:
    """The verdict as one sentence (or why there is none)."""
    if not ind.measurements:
        return "Ingen målinger endnu."
    found = verdict(ind, today)
    return found.text if found else "Kan ikke vurderes uden både udgangspunkt og mål."


def indicator_alt(ind: Indicator, today: dt.date | None = None) -> str:
    """The chart's text alternative: everything the chart shows, in words, and the verdict."""
    parts = [f"{L.INDICATOR_KIND[ind.indicator_kind]}: {ind.title}."]
    if ind.baseline:
        parts.append(f"Udgangspunkt {_at(ind.baseline.value, ind.unit, ind.baseline.date)}.")
    parts.extend(f"Måling {_at(point.value, ind.unit, point.date)}." for point in ind.measurements)
    if ind.target:
        parts.append(f"Mål {L.quantity(ind.target.value, ind.unit)} senest {L.date_da(ind.target.date)}.")
    found = verdict(ind, today)
    if found:
        parts.append(found.text)
    return " ".join(parts)


def chart_spec(ind: Indicator, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "style": STYLE_VERSION, "id": ind.id, "title": ind.title, "unit": L.unit_label(ind.unit),
        "baseline": [ind.baseline.date.isoformat(), ind.baseline.value] if ind.baseline else None,
        "target": [ind.target.date.isoformat(), ind.target.value] if ind.target else None,
        "points": [[p.date.isoformat(), p.value] for p in ind.measurements],
        "alt": indicator_alt(ind, today), "caption": f"Udvikling: {ind.title}",
    }


def indicator_blocks(ind: Indicator, today: dt.date | None = None) -> list[Block]:
    head: list[Inline] = [strong(f"{L.INDICATOR_KIND[ind.indicator_kind]}: {ind.title}")]
    blocks: list[Block] = [target(ind.id), need({"id": ind.id, "type": "indicator", "title": ind.title,
                                                 "links": {"part_of": [ind.benefit.id]}}),  # type: ignore[union-attr]
                           para(*head), fields(indicator_rows(ind, today))]
    if ind.baseline or ind.target or ind.measurements:
        blocks.append(chart(chart_spec(ind, today)))
    return blocks
