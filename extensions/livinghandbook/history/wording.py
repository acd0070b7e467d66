"""A field's change in the reader's words: "status grøn → rød", "ny projektleder: …",
"målet for I-4-2 40 % → 30 % (31. december 2027)".

Pure text functions, used by ``handbook diff`` and by the handbook's history sections.
Names of people respect ``publish_names`` (a person is then named by job title only);
references are named "ID (titel)" from the version that holds them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..views import labels as L
from .records import MATURITY, MUNICIPALITY, ROLE_PREFIX, Record


@dataclass
class Words:
    """What phrasing needs besides the two values: labels from both versions."""

    before: dict[str, Record]
    after: dict[str, Record]
    role_names: dict[str, str] = field(default_factory=dict)  # role id → Danish name
    publish_names: bool = True

    def record(self, key: str) -> Record | None:
        return self.after.get(key) or self.before.get(key)

    def person(self, person_id: str) -> str:
        rec = self.record(person_id)
        if rec is None or rec.get("kind") != "person":
            return person_id
        title = str(rec.get("title") or "")
        if not self.publish_names:
            return title or "(stilling ikke angivet)"
        name = str(rec.get("name") or person_id)
        return f"{name} ({title})" if title else name

    def people(self, ids: list[str]) -> str:
        return ", ".join(self.person(i) for i in ids)

    def ref(self, key: Any) -> str:
        rec = self.record(str(key))
        title = (rec.get("title") or rec.get("name")) if rec else None
        return f"{key} ({title})" if title else str(key)

    def refs(self, keys: list[Any]) -> str:
        return ", ".join(self.ref(k) for k in keys)

    def role(self, role_id: str) -> str:
        return self.role_names.get(role_id, role_id).lower()


def label(key: str, record: Record, words: Words) -> str:
    """How a changed entity is named in a list of changes."""
    kind = record.get("kind")
    if key == MUNICIPALITY:
        return str(record.get("name") or "Kommunen")
    if key == MATURITY:
        return "Modenhedsvurderingen"
    if key.startswith(ROLE_PREFIX):
        return f"Lokal rolle {record.get('name') or key[len(ROLE_PREFIX):]}"
    if kind == "person":
        return words.person(key)
    return str(record.get("title") or record.get("name") or key)


def day(value: Any) -> str:
    try:
        return L.date_da(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _quote(value: Any) -> str:
    return f"»{value}«"


def _amount(value: Any, unit: str) -> str:
    text = L.number(float(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    return f"{text} {unit}".strip() if unit else text


def _sets(old: list[Any] | None, new: list[Any] | None, name: Any) -> str:
    """'tilføjet A; fjernet B' for two sets, each element named by ``name``."""
    before, after = set(old or []), set(new or [])
    parts = []
    if after - before:
        parts.append(f"tilføjet {name(sorted(after - before))}")
    if before - after:
        parts.append(f"fjernet {name(sorted(before - after))}")
    return "; ".join(parts)


def status(old: Record | None, new: Record | None) -> str:
    if new is None:
        return "statusrapporten er fjernet"
    phase, rag = L.PHASE.get(new.get("phase", ""), "?").lower(), L.RAG.get(new.get("rag", ""), "?").lower()
    if old is None:
        return f"første statusrapport: {phase}, {rag} ({day(new.get('reported'))})"
    parts = []
    if old.get("rag") != new.get("rag"):
        parts.append(f"status {L.RAG.get(old.get('rag', ''), '?').lower()} → {rag}")
    if old.get("phase") != new.get("phase"):
        parts.append(f"fase {L.PHASE.get(old.get('phase', ''), '?').lower()} → {phase}")
    if old.get("reported") != new.get("reported"):
        parts.append(f"{'ny statusrapport' if not parts else 'rapporteret'} {day(new.get('reported'))}")
    if old.get("note") != new.get("note"):
        parts.append("statusnoten er ændret" if new.get("note") else "statusnoten er fjernet")
    return ", ".join(parts)


def roles(role_id: str, old: list[str], new: list[str], words: Words) -> str:
    role = words.role(role_id)
    if not old:
        return f"ny {role}: {words.people(new)}"
    if not new:
        return f"{role} ikke længere udpeget (før: {words.people(old)})"
    if len(old) == 1 and len(new) == 1:
        return f"ny {role}: {words.person(new[0])} (før: {words.person(old[0])})"
    return f"{role}: {_sets(old, new, words.people)}"


def value_at(what: str, ind: str, old: Record | None, new: Record | None, unit: str) -> str:
    """'målet for I-1 40 % → 30 % (31. december 2027)' and its variants."""
    if new is None:
        return f"{what} for {ind} er fjernet"
    nv, nd = _amount(new.get("value"), unit), day(new.get("date"))
    if old is None:
        return f"{what} for {ind} sat til {nv} ({nd})"
    ov, od = _amount(old.get("value"), unit), day(old.get("date"))
    if od == nd:
        return f"{what} for {ind} {ov} → {nv} ({nd})"
    if ov == nv:
        return f"{what} for {ind} {nv}: dato {od} → {nd}"
    return f"{what} for {ind} {ov} ({od}) → {nv} ({nd})"


def measurements(ind: str, old: list[Record] | None, new: list[Record] | None, unit: str) -> str:
    before = {(m.get("date"), m.get("value")) for m in old or []}
    after = {(m.get("date"), m.get("value")) for m in new or []}
    added = sorted(after - before, key=str)
    removed = sorted(before - after, key=str)
    parts = [f"ny måling for {ind}: {_amount(v, unit)} ({day(d)})" for d, v in added[:3]]
    if len(added) > 3:
        parts.append(f"og {L.plural(len(added) - 3, 'måling', 'målinger')} mere")
    if removed:
        parts.append(f"{L.plural(len(removed), 'måling', 'målinger')} for {ind} fjernet eller rettet")
    return ", ".join(parts) or f"noterne til målingerne for {ind} er ændret"


def indicator(ind: str, attr: str | None, old: Any, new: Any, unit: str) -> str:
    if attr is None:  # the indicator itself was added or removed
        if old is None:
            return f"ny indikator {ind}: {new.get('title', '')}".rstrip(": ")
        return f"indikator {ind} fjernet ({old.get('title', '')})"
    if attr == "target":
        return value_at("målet", ind, old, new, unit)
    if attr == "baseline":
        return value_at("udgangspunktet", ind, old, new, unit)
    if attr == "measurements":
        return measurements(ind, old, new, unit)
    if attr == "kind":
        return (f"indikator {ind}: type {L.INDICATOR_KIND.get(str(old), old).lower()} → "
                f"{L.INDICATOR_KIND.get(str(new), new).lower()}")
    names = {"title": "titel", "unit": "enhed"}
    return f"indikator {ind}: {names.get(attr, attr)} {_quote(old)} → {_quote(new)}"


def deliverable(did: str, old: Record | None, new: Record | None) -> str:
    if old is None:
        return f"ny leverance {did}: {(new or {}).get('title', '')}"
    if new is None:
        return f"leverance {did} fjernet ({old.get('title', '')})"
    if old.get("title") != new.get("title"):
        return f"leverance {did}: titel {_quote(old.get('title'))} → {_quote(new.get('title'))}"
    return f"leverance {did}: beskrivelsen er ændret"


def business_case(old: Record | None, new: Record | None) -> str:
    if old is None:
        return "business case tilføjet"
    if new is None:
        return "business case fjernet"
    parts = []
    for key, what in (("investment", "investering"), ("annual_benefit", "årlig gevinst")):
        if old.get(key) != new.get(key):
            parts.append(f"{what} {L.money(old.get(key))} → {L.money(new.get(key))}")
    if old.get("payback_year") != new.get("payback_year"):
        parts.append(f"tilbagebetalingsår {old.get('payback_year') or '–'} → {new.get('payback_year') or '–'}")
    return ", ".join(parts)


def dated(what: str, old: Any, new: Any) -> str:
    if new is None:
        return f"{what} fjernet"
    if old is None:
        return f"{what} sat: {day(new)}"
    return f"{what} {day(old)} → {day(new)}"


def programme(old: Any, new: Any, words: Words) -> str:
    if new is None:
        return f"nu selvstændigt projekt (før i {words.ref(old)})"
    if old is None:
        return f"lagt ind i {words.ref(new)}"
    return f"flyttet fra {words.ref(old)} til {words.ref(new)}"


KINDS = {"type": {**L.BENEFIT_KIND, **L.UNIT_KIND}}
SIMPLE = {"purpose": "formålet er ændret", "description": "beskrivelsen er ændret",
          "success_criteria": "succeskriterierne er ændret", "rules": "regelindstillingerne er ændret",
          "scores": "modenhedsscorerne er ændret", "note": "noten er ændret"}


def describe(record: Record, path: str, old: Any, new: Any, words: Words) -> str:
    """One field change of an entity (``record``: its newer record) in Danish. ``path``
    is ``field``, ``roles.<role>``, ``deliverables.<id>`` or ``indicators.<id>[.<field>]``."""
    head, _, rest = path.partition(".")
    if head == "roles":
        return roles(rest, old or [], new or [], words)
    if head == "deliverables":
        return deliverable(rest, old, new)
    if head == "indicators":
        ind, _, attr = rest.partition(".")
        indicators = record.get("indicators")
        found = indicators.get(ind) if isinstance(indicators, dict) else None
        unit = str(found.get("unit") or "") if isinstance(found, dict) else ""
        return indicator(ind, attr or None, old, new, unit)
    return _top(str(record.get("kind")), head, old, new, words)


def _top(kind: str, name: str, old: Any, new: Any, words: Words) -> str:
    if name == "status":
        return status(old, new)
    if name == "business_case":
        return business_case(old, new)
    if name in ("start", "end"):
        return dated("startdato" if name == "start" else "slutdato", old, new)
    if name == "assessed":
        return f"ny modenhedsvurdering ({day(new)})" if new else "modenhedsvurderingens dato er fjernet"
    if name == "programme":
        return programme(old, new, words)
    if name in ("goals", "enabled_by"):
        what = "strategiske mål" if name == "goals" else "muliggøres af"
        return f"{what}: {_sets(old, new, words.refs)}"
    if name in ("unit", "parent", "governance_unit"):
        what = {"unit": "enhed", "parent": "overordnet enhed", "governance_unit": "forankret i"}[name]
        return f"{what}: {words.ref(old) if old else '–'} → {words.ref(new) if new else '–'}"
    if name == "publish_names":
        return "personer vises nu med navn" if new is not False else "personer vises nu kun med stilling"
    if name in ("reporting_interval_days", "history_days"):
        what = "rapporteringsinterval" if name == "reporting_interval_days" else "historik"
        return f"{what} {old or 90} → {new or 90} dage"
    if name == "type":
        names = KINDS["type"]
        return f"type {names.get(str(old), str(old)).lower()} → {names.get(str(new), str(new)).lower()}"
    if name in SIMPLE:
        return SIMPLE[name]
    if name == "title":
        return f"{'stilling' if kind == 'person' else 'titel'} {_quote(old)} → {_quote(new)}"
    if name == "name":
        return f"navn {_quote(old)} → {_quote(new)}"
    return f"{name} er ændret"
