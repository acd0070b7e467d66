"""The role catalogue: ``handbook/roles/*.yaml``, one role per file, plus local changes.

The catalogue is data like a municipality's and is validated the same way (E001, E002,
E003, E004), because a broken role definition would break every handbook at once.
A municipality's ``roles:`` list may add a role (all fields required) or override
fields of a catalogue role (only ``id`` required).

Relations between roles are lists of ``{role, basis, statement}`` mappings: ``basis`` is the
title of the section of KL's guide the relation rests on (the schema knows the titles), and
every relation in the catalogue must have one, so the catalogue can always be checked
against the guide. A municipality's own relations may be bare role ids. ``works_with`` is
symmetric: declared on one role, it holds for both.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..data.files import data_files, folder_stamp
from ..data.folder import read_checked
from ..data.schema_check import ROLE_SCHEMA, load_schema
from ..data.yaml_positions import YamlMapping, display_path
from ..findings import Finding, Location, Severity
from ..model.entities import RelationBasis, Role

RELATIONS = ("reports_to", "appointed_by", "member_of", "leads", "advises", "works_with")
RELATION_LABELS = {  # Danish labels used in messages and on role pages
    "reports_to": "rapporterer til",
    "appointed_by": "udpeges af",
    "member_of": "er medlem af",
    "leads": "leder",
    "advises": "rådgiver",
    "works_with": "arbejder sammen med",
}
SYMMETRIC = frozenset({"works_with"})  # A works with B means B works with A


def _target(item: Any) -> str:
    """The role id of one relation entry: a bare id or a ``{role, basis, statement}`` mapping."""
    return item if isinstance(item, str) else item["role"]


def _relations(data: YamlMapping) -> tuple[dict[str, list[str]], dict[tuple[str, str], RelationBasis]]:
    targets: dict[str, list[str]] = {}
    basis: dict[tuple[str, str], RelationBasis] = {}
    for relation, items in data.get("relations", {}).items():
        targets[relation] = []
        for item in items:
            target = _target(item)
            if target not in targets[relation]:
                targets[relation].append(target)
            if isinstance(item, dict) and "basis" in item:
                basis[(relation, target)] = RelationBasis(item["basis"], item.get("statement", ""))
    return targets, basis


def _role_from_mapping(data: YamlMapping, local: bool) -> Role:
    relations, basis = _relations(data)
    return Role(
        id=data["id"],
        name=data["name"],
        name_en=data["name_en"],
        levels=list(data["levels"]),
        holders=data["holders"],
        responsibility=data["responsibility"],
        tasks=list(data["tasks"]),
        benefits_role=data["benefits_role"],
        typical_holders=data["typical_holders"],
        location=data.location,
        aliases=list(data.get("aliases", [])),
        summary=data.get("summary", ""),
        relations=relations,
        basis=basis,
        msp=data.get("msp", ""),
        state_model=data.get("state_model", ""),
        local=local,
    )


class Catalogue(dict[str, YamlMapping]):
    """The catalogue's roles by id, and the ids of roles set aside for a schema error (a
    reference to one of them is no second error: the editor fixes the role file)."""

    set_aside: frozenset[str] = frozenset()


def load_catalogue(roles_dir: Path) -> tuple[Catalogue, list[Finding]]:
    """Parse and check every role file; cached until a file (or the folder) changes. The
    folder is read like a data folder (``data/files.py``): links out of it are refused."""
    return _load_catalogue(roles_dir, folder_stamp(roles_dir))


@cache
def _load_catalogue(roles_dir: Path, _stamp: object) -> tuple[Catalogue, list[Finding]]:
    files, findings = data_files(roles_dir)
    roles = Catalogue()
    set_aside: set[str] = set()
    if not files and not findings:
        findings.append(Finding("E001", Severity.ERROR, "rollekataloget har ingen *.yaml-filer",
                                Location(display_path(roles_dir))))
    for path in files:
        checked = read_checked(path, ROLE_SCHEMA)
        findings.extend(checked.findings)
        set_aside.update(checked.skipped_ids)
        document = checked.document
        if document is None:
            if not checked.findings:
                findings.append(Finding("E002", Severity.ERROR, "rollefilen er tom", Location(display_path(path))))
            continue
        findings.extend(_missing_basis(document))
        first = roles.get(document["id"])
        if first is not None:
            findings.append(_duplicate(document, first))
            continue
        roles[document["id"]] = document
    roles.set_aside = frozenset(set_aside - set(roles))
    return roles, findings


def _missing_basis(document: YamlMapping) -> list[Finding]:
    """E002 for a catalogue relation that does not say where in the guide it comes from."""
    findings = []
    for relation, items in document.get("relations", {}).items():
        for index, item in enumerate(items):
            if isinstance(item, dict) and "basis" in item:
                continue
            findings.append(Finding(
                "E002", Severity.ERROR,
                f"forbindelsen '{relation}: {_target(item)}' i rollen '{document['id']}' mangler basis: "
                "skriv titlen på det afsnit i KL's vejledning, forbindelsen bygger på (fx basis: Programejer)",
                items.item_at(index), entity=document["id"]))
    return findings


def _duplicate(second: YamlMapping, first: YamlMapping) -> Finding:
    return Finding("E003", Severity.ERROR,
                   f"rolle-id'et '{second['id']}' findes allerede ({first.location})",
                   second.value_at("id"), entity=second["id"], related=(first.location,))


def merge_roles(catalogue: dict[str, YamlMapping], local: list[YamlMapping]) -> tuple[dict[str, Role], list[Finding]]:
    """The roles in force for one municipality: the catalogue with local changes applied."""
    findings: list[Finding] = []
    merged: dict[str, YamlMapping] = dict(catalogue)
    local_ids: dict[str, YamlMapping] = {}
    required = load_schema(ROLE_SCHEMA)["required"]
    for entry in local:
        role_id = entry["id"]
        if role_id in local_ids:
            findings.append(_duplicate(entry, local_ids[role_id]))
            continue
        local_ids[role_id] = entry
        base = catalogue.get(role_id)
        if base is None:
            missing = [k for k in required if k not in entry]
            if missing:
                findings.append(Finding(
                    "E002", Severity.ERROR,
                    f"den lokale rolle '{role_id}' findes ikke i rollekataloget og mangler derfor "
                    f"felterne: {', '.join(missing)}", entry.location, entity=role_id))
                continue
            merged[role_id] = entry
        else:
            combined = YamlMapping(entry.location)
            for source in (base, entry):
                for key, value in source.items():
                    combined[key] = value
                    combined.key_locations[key] = source.key_at(key)
                    combined.value_locations[key] = source.value_at(key)
            merged[role_id] = combined

    roles = {rid: _role_from_mapping(data, rid in local_ids) for rid, data in sorted(merged.items())}
    for role_id, data in sorted(merged.items()):
        for relation, items in data.get("relations", {}).items():
            for index, item in enumerate(items):
                if _target(item) not in roles and _target(item) not in getattr(catalogue, "set_aside", ()):
                    loc = data["relations"][relation].item_at(index)
                    findings.append(Finding(
                        "E004", Severity.ERROR,
                        f"rollen '{role_id}' {RELATION_LABELS[relation]} '{_target(item)}', "
                        "men den rolle findes ikke i rollekataloget", loc, entity=role_id))
    _mirror_symmetric(roles)
    return roles, findings


def _mirror_symmetric(roles: dict[str, Role]) -> None:
    """Give the other side of every symmetric relation the same relation and basis."""
    mirrored = [(role, relation, target) for role in roles.values() for relation in sorted(SYMMETRIC)
                for target in role.related(relation) if target in roles]
    for role, relation, target in mirrored:
        other = roles[target]
        back = other.relations.setdefault(relation, [])
        if role.id not in back:
            back.append(role.id)
        basis = role.basis_of(relation, target)
        if basis is not None and other.basis_of(relation, role.id) is None:
            other.basis[(relation, role.id)] = basis
