"""Run the method rules on a resolved model with a municipality's settings applied."""

from __future__ import annotations

import datetime as dt

from ..findings import Finding
from ..model.entities import Municipality
from .data_rules import DATA_RULES
from .method_rules import METHOD_RULES
from .registry import Rule, RuleContext, effective_setting

ALL_RULES: dict[str, Rule] = {r.id: r for r in [*DATA_RULES, *METHOD_RULES]}


def run_method_rules(m: Municipality, today: dt.date) -> list[Finding]:
    findings: list[Finding] = []
    for rule in METHOD_RULES:
        setting = effective_setting(rule, m.rule_settings.get(rule.id))
        if not setting.enabled or rule.check is None:
            continue
        ctx = RuleContext(params=setting.params, today=today)
        for issue in rule.check(m, ctx):
            findings.append(Finding(rule.id, setting.severity, issue.message,
                                    issue.location or issue.entity.location, entity=issue.entity.id))
    return _without_superseded(findings)


def _without_superseded(findings: list[Finding]) -> list[Finding]:
    """Drop a finding when a rule that supersedes its rule (``Rule.superseded_by``) found
    something on the same entity: the editor hears of one problem once."""
    found = {(f.rule, f.entity) for f in findings}
    return [f for f in findings
            if not any((other, f.entity) in found for other in ALL_RULES[f.rule].superseded_by)]
