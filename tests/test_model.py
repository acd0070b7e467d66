"""The resolved model: every link can be followed both ways; the role catalogue is sound."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import FIXTURES, TODAY, hide_names, run
from livinghandbook import paths
from livinghandbook.validate import validate_folder

CONTRACT_ROLES = {"portefoljeledelse", "programkomite", "programejer", "programleder", "gevinstansvarlig",
                  "gevinstcontroller", "projektleder", "styregruppe", "projektdeltager", "folgegruppe",
                  "ansvarlig"}


def test_links_both_ways():
    m = run(FIXTURES / "clean").model
    p1, pr1, pr2 = m.entities["P-1"], m.entities["PR-1"], m.entities["PR-2"]
    assert pr1.programme is p1 and p1.projects == [pr1]
    assert pr2.programme is None and pr2 in m.portfolio.projects and p1 in m.portfolio.programmes
    ah = m.entities["AH-1"]
    assert ah.programme is p1 and p1.adhoc == [ah]
    d1, b1 = m.entities["D-1"], m.entities["B-1"]
    assert d1.project is pr1 and b1 in d1.benefits and d1 in b1.enablers
    assert b1 in pr1.enabled_benefits() and b1 in ah.enabled_benefits()
    assert p1.benefits == [b1] and b1.programmes == [p1]
    g1 = m.entities["G-1"]
    assert b1 in g1.benefits and g1 in b1.goals and p1 in g1.programmes and g1 in p1.goals
    i1 = m.entities["I-1"]
    assert i1.benefit is b1 and i1 in b1.indicators
    sochef = m.entities["sochef"]
    held = {(a.role.id, a.holder_of.id) for a in sochef.assignments}
    assert ("programejer", "P-1") in held and ("gevinstansvarlig", "B-1") in held
    assert any(a.person is sochef for a in m.roles["programejer"].assignments)
    so, pleje = m.entities["so"], m.entities["so-pleje"]
    assert pleje.parent is so and pleje in so.children and pleje.forvaltning() is so
    assert m.entities["pl"] in pleje.people and m.entities["pl"].unit is pleje


def test_catalogue_has_every_contract_role_with_every_field():
    m = run(FIXTURES / "clean").model
    assert CONTRACT_ROLES <= set(m.roles)
    for role in m.roles.values():
        assert role.name and role.name_en and role.levels and role.holders in ("one", "many")
        assert role.responsibility and role.tasks and role.benefits_role and role.typical_holders
        assert role.msp and role.state_model
    assert "Målermand" in m.roles["gevinstcontroller"].aliases
    assert m.roles["programejer"].related("appointed_by") == ["portefoljeledelse"]


def test_a_broken_role_file_is_reported_like_data(tmp_path):
    roles = tmp_path / "roles"
    shutil.copytree(paths.roles_dir(), roles)
    (roles / "programleder.yaml").write_text(
        (roles / "programleder.yaml").read_text(encoding="utf-8").replace("name_en:", "name_eng:"),
        encoding="utf-8")
    result = validate_folder(FIXTURES / "clean", today=TODAY, roles_dir=roles)
    rules = sorted((f.rule, Path(f.location.path).name) for f in result.findings)
    assert ("E002", "programleder.yaml") in rules
    assert result.exit_code() == 1


def test_unknown_relation_target_in_catalogue(tmp_path):
    roles = tmp_path / "roles"
    shutil.copytree(paths.roles_dir(), roles)
    text = (roles / "projektleder.yaml").read_text(encoding="utf-8")
    assert "    - role: projektdeltager\n" in text
    (roles / "projektleder.yaml").write_text(text.replace("    - role: projektdeltager\n", "    - role: deltager\n"),
                                             encoding="utf-8")
    result = validate_folder(FIXTURES / "clean", today=TODAY, roles_dir=roles)
    [finding] = result.findings
    assert finding.rule == "E004" and "deltager" in finding.message
    assert Path(finding.location.path).name == "projektleder.yaml"


def test_publish_names_false_shows_titles_only(folder_factory):
    folder = hide_names(folder_factory())
    m = run(folder).model
    assert m.person_label(m.entities["sochef"]) == "Omsorgschef"
