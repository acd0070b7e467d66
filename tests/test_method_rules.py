"""Every method rule G01–G15 with a folder that breaks it and one that doesn't.

Each break fixture marks with ``# finding: ID`` every line where a finding must be
located and the entity it must name; the rule must report exactly those.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, markers, run
from livinghandbook.findings import Severity
from livinghandbook.rules.method_rules import METHOD_RULES

RULE_IDS = [rule.id for rule in METHOD_RULES]
REPLACES = {"G11": "portefolje.yaml"}  # the portfolio exists once, so G11 replaces it


def overlay(rule_id: str, case: str) -> tuple[str, str]:
    text = (FIXTURES / "rules" / rule_id / f"{case}.yaml").read_text(encoding="utf-8")
    return REPLACES.get(rule_id, "zz-overlay.yaml"), text


def test_clean_fixture_has_no_findings():
    result = run(FIXTURES / "clean")
    assert result.findings == []
    assert result.exit_code() == 0


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_reports_the_marked_lines(rule_id, folder_factory):
    name, text = overlay(rule_id, "break")
    expected = markers(text)
    assert expected, f"{rule_id}/break.yaml has no '# finding:' marker"
    result = run(folder_factory(files={name: text}))
    assert result.model is not None, [f.format_line() for f in result.findings]
    got = {(f.location.line, f.entity) for f in result.findings
           if f.rule == rule_id and f.location.path.endswith(name)}
    assert got == expected
    for finding in result.findings:
        if finding.rule == rule_id:
            assert finding.entity in finding.message  # the message names the entity
            assert finding.format_line().startswith(f"{finding.location.path}:{finding.location.line}:")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_is_quiet_on_the_fixed_folder(rule_id, folder_factory):
    name, text = overlay(rule_id, "pass")
    result = run(folder_factory(files={name: text}))
    assert result.model is not None, [f.format_line() for f in result.findings]
    assert [f.format_line() for f in result.findings if f.rule == rule_id] == []


def test_default_severities_follow_the_contract():
    severities = {r.id: r.severity for r in METHOD_RULES}
    assert severities["G01"] is Severity.ERROR
    assert severities["G13"] is Severity.INFO
    assert all(severities[r] is Severity.WARNING for r in RULE_IDS if r not in ("G01", "G13"))


def test_g01_error_makes_validation_fail(folder_factory):
    name, text = overlay("G01", "break")
    assert run(folder_factory(files={name: text})).exit_code() == 1


def _with_rules(folder, rules_yaml: str) -> None:
    path = folder / "kommune.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  reporting_interval_days: 90\n",
                                 f"  reporting_interval_days: 90\n  rules: {rules_yaml}\n"), encoding="utf-8")


def test_municipality_can_raise_a_parameter(folder_factory):
    name, text = overlay("G09", "break")
    folder = folder_factory(files={name: text})
    _with_rules(folder, "{G09: {max: 12}}")
    assert [f for f in run(folder).findings if f.rule == "G09"] == []


def test_municipality_can_switch_a_rule_off_and_change_severity(folder_factory):
    name, text = overlay("G01", "break")
    folder = folder_factory(files={name: text})
    _with_rules(folder, "{G01: warning, G13: off}")
    result = run(folder)
    g01 = [f for f in result.findings if f.rule == "G01"]
    assert g01 and all(f.severity is Severity.WARNING for f in g01)
    assert result.exit_code() == 0 and result.exit_code(strict=True) == 1


def test_bare_off_switches_a_rule_off(folder_factory):
    name, text = overlay("G04", "break")
    folder = folder_factory(files={name: text})
    _with_rules(folder, "{G04: off}")  # YAML 1.1 reads a bare off as false
    assert [f for f in run(folder).findings if f.rule == "G04"] == []


def test_unknown_rule_parameter_is_a_data_error(folder_factory):
    folder = folder_factory()
    _with_rules(folder, "{G04: {max: 3}}")
    result = run(folder)
    assert [(f.rule, f.location.line) for f in result.findings] == [("E002", 6)]  # the `rules:` line
    assert "max" in result.findings[0].message


def test_g08_uses_the_municipality_interval(folder_factory):
    name, text = overlay("G08", "pass")
    folder = folder_factory(files={name: text})
    path = folder / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reporting_interval_days: 90",
                                                             "reporting_interval_days: 30"), encoding="utf-8")
    stale = {f.entity for f in run(folder).findings if f.rule == "G08"}
    assert "PR-X" in stale and "PR-Y" not in stale  # closed projects never go stale


def test_g14_names_the_benefit_the_effort_and_the_person(folder_factory):
    name, text = overlay("G14", "break")
    found = {f.entity: f.message for f in run(folder_factory(files={name: text})).findings if f.rule == "G14"}
    assert found["B-A"] == ("den gevinstansvarlige for gevinsten B-A (buchef) sidder ikke i styregruppen "
                            "for projektet PR-A")
    assert found["B-B"] == ("den gevinstansvarlige for gevinsten B-B (buchef) sidder hverken i styregruppen "
                            "for projektet PR-B eller i programkomitéen for P-1, som projektet hører til")
    assert "programkomitéen for P-1, som styrer ad hoc-indsatsen AH-B" in found["B-C"]
    assert "B-D" not in found  # the programkomité alone is enough


def test_g15_names_each_missing_person_and_leaves_the_central_owner_to_g02(folder_factory):
    name, text = overlay("G15", "break")
    findings = run(folder_factory(files={name: text})).findings
    g15 = {f.entity: f.message for f in findings if f.rule == "G15"}
    assert g15["P-X"] == ("programkomitéen for P-X mangler dir (programejer), prl (projektleder for PR-X1 "
                          "og PR-X3) og prl2 (projektleder for PR-X2)")
    assert "prl (projektleder for PR-Z1)" in g15["P-Z"] and "oko" not in g15["P-Z"]
    assert "P-Y" not in g15  # its programejer is its central gevinstansvarlig: G02 says so, once
    assert [f.entity for f in findings if f.rule == "G02"] == ["P-Y", "P-Z"]


def test_the_schema_lets_a_municipality_configure_exactly_the_configurable_rules():
    """``municipality.rules`` in the JSON Schema lists the configurable rules of the rule
    registry, no more and no fewer: a new rule needs its schema key, a removed one loses it."""
    import json

    from livinghandbook.data.schema_check import MUNICIPALITY_SCHEMA
    from livinghandbook.rules.engine import ALL_RULES

    schema = json.loads((Path(__file__).resolve().parents[1] / "extensions" / "livinghandbook" / "data" / "schema"
                         / MUNICIPALITY_SCHEMA).read_text(encoding="utf-8"))
    keys = set(schema["definitions"]["municipality"]["properties"]["rules"]["properties"])
    assert keys == {rule.id for rule in ALL_RULES.values() if rule.configurable}
