"""Ids and references while resolving: registration (E003) and look-ups (E004).

Every id is unique across the municipality, and also unique ignoring case: ``P-1`` and
``p-1`` would become the same file name (``p-1.html``) on Windows' and macOS' default
file systems, so the second is an E003 naming the first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..data.yaml_positions import YamlMapping, YamlSequence
from ..findings import Finding, Location, Severity
from .entities import Assignment, Entity, Holder, Person, Role

KIND_NAMES = {  # Danish, with article, for messages
    "unit": "en enhed", "person": "en person", "goal": "et mål", "portfolio": "porteføljen",
    "programme": "et program", "project": "et projekt", "deliverable": "en leverance",
    "adhoc": "en ad hoc-indsats", "benefit": "en gevinst", "indicator": "en indikator",
}
LEVEL_NAMES = {"portfolio": "porteføljen", "programme": "et program", "project": "et projekt",
               "adhoc": "en ad hoc-indsats", "benefit": "en gevinst"}


class Resolver:
    """Registered entities and the findings about ids and references.

    ``skipped``: ids of entries set aside for schema errors (a reference to one is no
    second error); ``complete``: False when some file could not be read at all, so an
    unknown id may well be defined there and is not reported."""

    def __init__(self, roles: dict[str, Role], skipped: Iterable[str] = (), complete: bool = True) -> None:
        self.roles = roles
        self.skipped = set(skipped)
        self.complete = complete
        self.findings: list[Finding] = []
        self.entities: dict[str, Entity] = {}
        self.first_seen: dict[str, Location] = {}
        self.folded: dict[str, str] = {}  # lower-case id -> the id first registered

    # -- registration -------------------------------------------------------------
    def register(self, entity: Entity, data: YamlMapping) -> bool:
        first = self.first_seen.get(entity.id)
        here = data.value_at("id")
        if first is not None:
            self.findings.append(Finding(
                "E003", Severity.ERROR,
                f"id'et '{entity.id}' er allerede brugt ({first}); alle id'er skal være entydige "
                "i hele kommunen", here, entity=entity.id, related=(first,)))
            return False
        other = self.folded.get(entity.id.lower())
        if other is not None:
            # Registered all the same: references to it resolve, so no false E004 follows.
            self.findings.append(Finding(
                "E003", Severity.ERROR,
                f"id'et '{entity.id}' adskiller sig kun ved store og små bogstaver fra '{other}' "
                f"({self.first_seen[other]}); det giver samme filnavn på Windows og macOS, så ét af "
                "dem skal omdøbes", here, entity=entity.id, related=(self.first_seen[other],)))
        else:
            self.folded[entity.id.lower()] = entity.id
        self.first_seen[entity.id] = here
        self.entities[entity.id] = entity
        return True

    # -- references -----------------------------------------------------------------
    def lookup(self, ref: Any, kinds: tuple[type, ...], loc: Location, what: str, owner: str) -> Any:
        target = self.entities.get(ref)
        if isinstance(target, kinds):
            return target
        wanted = " eller ".join(KIND_NAMES[getattr(k, "kind")] for k in kinds)  # the dataclass default
        if target is None:
            if ref in self.skipped or not self.complete:
                return None  # defined in an entry or a file that is already an error
            candidates = [e.id for e in self.entities.values() if isinstance(e, kinds)]
            close = difflib.get_close_matches(ref, candidates, n=1)
            hint = f" Mente du '{close[0]}'?" if close else ""
            message = f"'{owner}' henviser i '{what}' til '{ref}', som ikke findes; her skal stå id'et på {wanted}.{hint}"
        else:
            message = (f"'{owner}' henviser i '{what}' til '{ref}', som er {KIND_NAMES[target.kind]}; "
                       f"her skal stå id'et på {wanted}")
        self.findings.append(Finding("E004", Severity.ERROR, message, loc, entity=owner))
        return None

    def lookup_one(self, data: YamlMapping, key: str, kinds: tuple[type, ...]) -> Any:
        if key not in data:
            return None
        return self.lookup(data[key], kinds, data.value_at(key), key, data["id"])

    def lookup_many(self, data: YamlMapping, key: str, kinds: tuple[type, ...]) -> list[Any]:
        refs = data.get(key)
        if not isinstance(refs, YamlSequence):
            return []
        found = []
        for index, ref in enumerate(refs):
            target = self.lookup(ref, kinds, refs.item_at(index), key, data["id"])
            if target is not None and target not in found:
                found.append(target)
        return found

    # -- roles ----------------------------------------------------------------------
    def _role(self, holder: Holder, role_id: str, roles: YamlMapping, level: str) -> Role | None:
        role = self.roles.get(role_id)
        if role is None:
            if role_id in self.skipped or not self.complete:
                return None  # a local role set aside for its schema error, or in an unread file
            close = difflib.get_close_matches(role_id, list(self.roles), n=1)
            hint = f" Mente du '{close[0]}'?" if close else ""
            self.findings.append(Finding(
                "E004", Severity.ERROR,
                f"rollen '{role_id}' på '{holder.id}' findes ikke i rollekataloget.{hint}",
                roles.key_at(role_id), entity=holder.id))
            return None
        if level not in role.levels:
            allowed = ", ".join(LEVEL_NAMES[lv] for lv in role.levels)
            self.findings.append(Finding(
                "E004", Severity.ERROR,
                f"rollen '{role_id}' kan ikke tildeles {LEVEL_NAMES[level]} ('{holder.id}'); "
                f"den gælder for: {allowed}", roles.key_at(role_id), entity=holder.id))
            return None
        return role

    def assign_roles(self, holder: Holder, data: YamlMapping, level: str) -> None:
        roles = data.get("roles")
        if not isinstance(roles, YamlMapping):
            return
        holder.roles_location = data.key_at("roles")
        for role_id, value in roles.items():
            role = self._role(holder, role_id, roles, level)
            if role is None:
                continue
            if isinstance(value, YamlSequence):
                people = [(ref, value.item_at(i)) for i, ref in enumerate(value)]
            else:
                people = [(value, roles.value_at(role_id))]
            for ref, loc in people:
                person = self.lookup(ref, (Person,), loc, f"roles.{role_id}", holder.id)
                if person is None:
                    continue
                if any(a.person is person and a.role is role for a in holder.assignments):
                    continue  # the same person twice in one role counts once
                assignment = Assignment(role=role, person=person, holder_of=holder, location=loc)
                holder.assignments.append(assignment)
                person.assignments.append(assignment)
                role.assignments.append(assignment)
