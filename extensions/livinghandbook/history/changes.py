"""What changed between two versions, entity by entity.

Changes are plain data (JSON in the history cache and in ``handbook diff --format
json``): which entity, added/removed/changed, and each changed field with its old and
new value and the Danish sentence for it. Deliverables and indicators are reported on
their project and benefit ("B-4: målet for I-4-2 40 → 30 (31. december 2027)").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .records import Record
from .wording import Words, describe, label

# Which fields come first in a sentence: what a steering group asks about first.
FIELD_ORDER = ("status", "roles", "indicators", "programme", "title", "name", "end", "start", "business_case",
               "deliverables", "enabled_by", "goals")
# The Danish word for each kind, for "projekt tilføjet".
KIND_WORD = {"programme": "program", "project": "projekt", "adhoc": "ad hoc-indsats", "benefit": "gevinst",
             "goal": "mål", "person": "person", "unit": "enhed", "portfolio": "portefølje", "role": "lokal rolle",
             "municipality": "kommunens indstillinger", "maturity": "modenhedsvurdering"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    text: str


@dataclass(frozen=True)
class EntityChange:
    key: str  # entity id, or @kommune / @modenhed / @rolle:<id>
    kind: str
    action: str  # added | removed | changed
    title: str  # how the entity is named (people by title only when names are hidden)
    programme: str | None  # the programme it belongs to, for grouping
    fields: tuple[FieldChange, ...] = ()

    @property
    def text(self) -> str:
        if self.action == "added":
            return f"{KIND_WORD.get(self.kind, self.kind)} tilføjet"
        if self.action == "removed":
            return f"{KIND_WORD.get(self.kind, self.kind)} fjernet"
        return "; ".join(f.text for f in self.fields)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.key, "kind": self.kind, "action": self.action, "title": self.title,
                "programme": self.programme, "text": self.text,
                "fields": [{"field": f.field, "old": f.old, "new": f.new, "text": f.text} for f in self.fields]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityChange:
        return cls(data["id"], data["kind"], data["action"], data["title"], data["programme"],
                   tuple(FieldChange(f["field"], f["old"], f["new"], f["text"]) for f in data["fields"]))


def _order(path: str) -> tuple[int, str]:
    head = path.partition(".")[0]
    return (FIELD_ORDER.index(head) if head in FIELD_ORDER else len(FIELD_ORDER), path)


def field_paths(old: Record, new: Record) -> list[tuple[str, Any, Any]]:
    """(path, old, new) of every changed field, roles per role, nested entities per id."""
    out: list[tuple[str, Any, Any]] = []
    for key in sorted((set(old) | set(new)) - {"kind"}):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key in ("roles", "deliverables", "indicators") and isinstance(before or {}, dict) \
                and isinstance(after or {}, dict):
            before, after = before or {}, after or {}
            for sub in sorted(set(before) | set(after)):
                b, a = before.get(sub), after.get(sub)
                if b == a:
                    continue
                if key == "indicators" and isinstance(b, dict) and isinstance(a, dict):
                    out.extend((f"{key}.{sub}.{attr}", b.get(attr), a.get(attr))
                               for attr in sorted(set(b) | set(a)) if b.get(attr) != a.get(attr))
                else:
                    out.append((f"{key}.{sub}", b if b is not None or key != "roles" else [],
                                a if a is not None or key != "roles" else []))
        else:
            out.append((key, before, after))
    return sorted(out, key=lambda item: _order(item[0]))


class Grouping:
    """The programme each entity belongs to in one version (benefits through what
    enables them), computed once per version when asked."""

    def __init__(self, records: dict[str, Record]) -> None:
        self.records = records
        self._deliverables: dict[str, str] | None = None

    def programme(self, key: str) -> str | None:
        rec = self.records.get(key)
        if rec is None:
            return None
        kind = rec.get("kind")
        if kind == "programme":
            return key
        if kind in ("project", "adhoc"):
            owner = rec.get("programme")
            return str(owner) if owner else None
        if kind == "benefit":
            for enabler in rec.get("enabled_by", []):
                found = self.programme(self._project_of(enabler))
                if found:
                    return found
        return None

    def _project_of(self, enabler: str) -> str:
        if self._deliverables is None:
            self._deliverables = {d: pid for pid, rec in sorted(self.records.items())
                                  if rec.get("kind") == "project" for d in rec.get("deliverables", {})}
        return self._deliverables.get(enabler, enabler)


def compare(before: dict[str, Record], after: dict[str, Record], words: Words,
            keys: set[str] | None = None) -> list[EntityChange]:
    """Changes from ``before`` to ``after``; ``keys`` limits the comparison to entities
    that can have changed (those in changed files), for speed."""
    candidates = sorted(keys if keys is not None else set(before) | set(after))
    old_groups, new_groups = Grouping(before), Grouping(after)
    changes: list[EntityChange] = []
    for key in candidates:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        record = new if new is not None else old
        assert record is not None
        kind = str(record.get("kind"))
        if old is None or new is None:
            changes.append(EntityChange(key, kind, "added" if old is None else "removed", label(key, record, words),
                                        (new_groups if new is not None else old_groups).programme(key)))
            continue
        fields = tuple(FieldChange(path, a, b, describe(new, path, a, b, words))
                       for path, a, b in field_paths(old, new)
                       if not (kind == "person" and path == "name" and not words.publish_names))
        if fields:
            changes.append(EntityChange(key, kind, "changed", label(key, new, words),
                                        new_groups.programme(key) or old_groups.programme(key), fields))
    return changes
