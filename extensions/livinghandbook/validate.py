"""The validation pipeline: folder -> findings (and the model, when the data is sound).

Data errors are reported in stages: syntax and schema (E001, E002) for every file first;
then ids, references and cycles (E003–E005) on every entry that passed its schema (an
entry that failed is set aside, not the run), so an editor sees every data error at
once; only on sound data do the method rules (G01–G15) run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import paths
from .data.branding import Branding, check_branding
from .data.folder import RawMunicipality, read_folder
from .data.parse_cache import folder_cache
from .data.yaml_positions import YamlMapping
from .findings import Finding, Severity, has_errors, sort_findings
from .model.entities import Municipality
from .model.resolve import resolve
from .roles.catalogue import load_catalogue, merge_roles
from .rules.engine import ALL_RULES, run_method_rules
from .rules.registry import check_settings


@dataclass(eq=False)  # identity: cached per build and used as a weak key
class Validation:
    folder: Path
    model: Municipality | None  # None when data errors prevented resolving it
    findings: list[Finding]
    today: dt.date | None = None  # the day the rules were checked on; views judge progress by it

    @cached_property
    def by_entity(self) -> dict[str, list[Finding]]:
        """Findings grouped by the id of the entity they are about."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            if finding.entity:
                grouped[finding.entity].append(finding)
        return dict(grouped)

    @property
    def data_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.rule.startswith("E")]

    def exit_code(self, strict: bool = False) -> int:
        if has_errors(self.findings):
            return 1
        if strict and any(f.severity is Severity.WARNING for f in self.findings):
            return 1
        return 0


def validate_folder(folder: Path, today: dt.date | None = None, roles_dir: Path | None = None,
                    cache_root: Path | None = None, assets: Path | None = None) -> Validation:
    """``assets``: the folder files the data names (the logo) must be in, when ``folder``
    is a copy holding only the YAML files (``handbook import`` and ``handbook diff``)."""
    today = today or dt.date.today()
    catalogue, findings = load_catalogue(roles_dir or paths.roles_dir())
    findings = list(findings)
    cache = folder_cache(cache_root, folder) if cache_root is not None else None
    raw, read_findings = read_folder(folder, cache)
    findings.extend(read_findings)
    if not raw.files:
        return Validation(folder, None, sort_findings(findings), today)

    # Ids, references and cycles run on everything that passed the schema, even when
    # something else did not: every data error is reported in one run (issue 11).
    model, resolve_findings = resolve_raw(raw, catalogue)
    findings.extend(resolve_findings)
    head = raw.singles.get("municipality")  # None when missing or set aside for a schema error
    branding, branding_findings = check_branding(head, assets or folder) if head is not None else (Branding(), [])
    findings.extend(branding_findings)
    if model is None or has_errors(findings):
        return Validation(folder, None, sort_findings(findings), today)
    model.branding = branding
    findings.extend(run_method_rules(model, today))
    if cache is not None:
        cache.commit()  # only for data without errors: a stopped build writes nothing
    return Validation(folder, model, sort_findings(findings), today)


def resolve_raw(raw: RawMunicipality, catalogue: dict[str, YamlMapping]) -> tuple[Municipality | None, list[Finding]]:
    """Rule settings, local roles, ids and references of merged, schema-checked data: the
    model (None on errors) and the findings. Also used on old versions (``history/``)."""
    head = raw.singles.get("municipality")
    findings = list(check_settings(ALL_RULES, head.get("rules", {}), head.location)) if head is not None else []
    roles, role_findings = merge_roles(catalogue, raw.lists["roles"])
    findings.extend(role_findings)
    model, resolve_findings = resolve(raw, roles, getattr(catalogue, "set_aside", frozenset()))
    findings.extend(resolve_findings)
    return (None if has_errors(findings) else model), findings
