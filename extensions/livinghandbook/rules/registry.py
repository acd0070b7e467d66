"""What a rule is, and how a municipality's ``municipality.rules`` changes one.

Each rule is a small unit: an id, a Danish title, a default severity, its parameters
with defaults, the method text it comes from, and (for method rules) a check function.
The handbook's rule documentation is generated from these same objects, so the docs
cannot drift from the code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, Location, Severity
from ..model.entities import Entity, Municipality


@dataclass(frozen=True)
class RuleContext:
    """What a check may read besides the model: its parameters and today's date."""

    params: dict[str, Any]
    today: dt.date


@dataclass(frozen=True)
class Issue:
    """What a check yields: the entity, a Danish message and (optionally) an exact place."""

    entity: Entity
    message: str
    location: Location | None = None


Check = Callable[[Municipality, RuleContext], Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # Danish, short
    severity: Severity
    checks: str  # what it checks (Danish)
    why: str  # why the method asks for it (Danish)
    fix: str  # how to fix a finding (Danish)
    method_ref: str  # the handbook page of the method text it comes from ('' for data rules)
    params: dict[str, Any] = field(default_factory=dict)  # name -> default
    check: Check | None = None  # None for data rules: they are enforced by the loader
    note: str = ""  # anything else a reader should weigh, e.g. a tension with another rule (Danish)
    # Rules whose finding on the same entity says it already: this rule then stays silent
    # there (G12 "indicators missing" on a programme G05 reports for having no benefits).
    superseded_by: tuple[str, ...] = ()

    @property
    def configurable(self) -> bool:
        return self.check is not None


@dataclass(frozen=True)
class RuleSetting:
    """A rule as a municipality configured it."""

    enabled: bool
    severity: Severity
    params: dict[str, Any]


def effective_setting(rule: Rule, raw: Any) -> RuleSetting:
    """Apply one ``municipality.rules`` entry (already schema-checked) to a rule.

    Accepted forms: ``off``/``false`` (YAML 1.1 reads a bare ``off`` as false),
    ``true``, a severity word, or a mapping with ``severity`` and parameters.
    """
    severity, params, enabled = rule.severity, dict(rule.params), True
    if raw is None or raw is True:
        pass
    elif raw is False or raw == "off":
        enabled = False
    elif isinstance(raw, str):
        severity = Severity(raw)
    elif isinstance(raw, dict):
        level = raw.get("severity")
        if level == "off":
            enabled = False
        elif level is not None:
            severity = Severity(level)
        params.update({k: v for k, v in raw.items() if k != "severity"})
    return RuleSetting(enabled=enabled, severity=severity, params=params)


def check_settings(rules: dict[str, Rule], settings: dict[str, Any], where: Any) -> list[Finding]:
    """E002 for a parameter a rule does not have (the schema knows only the union)."""
    findings = []
    for rule_id, raw in settings.items():
        rule = rules.get(rule_id)
        if rule is None or not isinstance(raw, dict):
            continue
        for key in raw:
            if key != "severity" and key not in rule.params:
                known = ", ".join(rule.params) or "ingen"
                loc = settings.key_at(rule_id) if hasattr(settings, "key_at") else where
                findings.append(Finding(
                    "E002", Severity.ERROR,
                    f"reglen {rule_id} har ikke parameteren '{key}' (parametre: {known})",
                    raw.key_at(key) if hasattr(raw, "key_at") else loc))
    return findings
