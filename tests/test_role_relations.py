"""The role catalogue's relations, each checked against the section of KL's guide it rests on.

The table below is the specification: one row per relation with the guide section that
states it. A relation added to ``handbook/roles`` without a row here (and a basis there)
fails ``test_the_catalogue_has_exactly_these_relations``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, TODAY, run
from livinghandbook import paths
from livinghandbook.roles.catalogue import RELATIONS
from livinghandbook.validate import validate_folder

ANCHORING = "Forankring i driftsorganisationen skal sikre realiseringen af gevinsterne"
DESIGN = "Organiseringen besluttes på højt strategisk niveau"

# (role, relation, target role, the guide's section title)
EXPECTED = [
    ("programejer", "leads", "programkomite", "Programejer"),
    ("programejer", "works_with", "gevinstansvarlig", "Programejer"),
    ("gevinstansvarlig", "works_with", "programejer", "Programejer"),  # symmetric: shown on both
    ("programejer", "member_of", "programkomite", "Programkomité"),
    ("programejer", "appointed_by", "portefoljeledelse", DESIGN),
    ("gevinstansvarlig", "member_of", "programkomite", "Programkomité"),
    ("gevinstansvarlig", "member_of", "styregruppe", ANCHORING),
    ("gevinstansvarlig", "appointed_by", "portefoljeledelse", ANCHORING),
    ("gevinstcontroller", "appointed_by", "gevinstansvarlig", "Gevinstcontroller/Målermand"),
    ("gevinstcontroller", "reports_to", "gevinstansvarlig", "Gevinstcontroller/Målermand"),
    ("programkomite", "reports_to", "portefoljeledelse", "Metode porteføljeledelse"),
    ("programkomite", "appointed_by", "portefoljeledelse", DESIGN),
    ("programleder", "reports_to", "programkomite", "Programleder"),
    ("programleder", "leads", "projektleder", "Programleder"),
    ("projektleder", "reports_to", "styregruppe", "Projektleder"),
    ("projektleder", "member_of", "programkomite", "Programkomité"),
    ("projektleder", "leads", "projektdeltager", "Projektleder"),
    ("styregruppe", "reports_to", "programkomite", "Programkomité"),
    ("styregruppe", "reports_to", "portefoljeledelse", "Metode porteføljeledelse"),
    ("styregruppe", "appointed_by", "portefoljeledelse", DESIGN),
    ("folgegruppe", "advises", "programkomite", "Følgegrupper"),
    ("folgegruppe", "advises", "programleder", "Følgegrupper"),
    ("folgegruppe", "advises", "styregruppe", "Følgegrupper"),
    ("folgegruppe", "advises", "projektleder", "Følgegrupper"),
    ("ansvarlig", "reports_to", "programleder", "Programleder"),
]

# Relations the catalogue had before issue 13 that the guide does not support.
CONTRADICTED = [
    ("portefoljeledelse", "leads", "programkomite"),  # the programejer leads the komité
    ("gevinstansvarlig", "reports_to", "programejer"),  # they are top management together
    ("gevinstansvarlig", "leads", "gevinstcontroller"),  # appointed by and answers to, not led
    ("programleder", "reports_to", "programejer"),  # leads under the komité
    ("programleder", "appointed_by", "programejer"),
    ("programejer", "reports_to", "portefoljeledelse"),  # the komité reports, led by the owner
    ("projektleder", "appointed_by", "styregruppe"),
]


@pytest.fixture(scope="module")
def roles():
    return run(FIXTURES / "clean").model.roles


@pytest.mark.parametrize(("role", "relation", "target", "section"), EXPECTED,
                         ids=[f"{r}-{rel}-{t}" for r, rel, t, _s in EXPECTED])
def test_relation_rests_on_the_guide(roles, role, relation, target, section):
    assert target in roles[role].related(relation)
    basis = roles[role].basis_of(relation, target)
    assert basis is not None and basis.section == section
    assert len(basis.statement) > 20  # what the guide says there, in our words


def test_the_catalogue_has_exactly_these_relations(roles):
    found = {(r.id, rel, t) for r in roles.values() for rel in RELATIONS for t in r.related(rel)}
    assert found == {(r, rel, t) for r, rel, t, _s in EXPECTED}
    assert all(r.basis_of(rel, t) is not None for r in roles.values() for rel in RELATIONS for t in r.related(rel))


@pytest.mark.parametrize(("role", "relation", "target"), CONTRADICTED,
                         ids=[f"{r}-{rel}-{t}" for r, rel, t in CONTRADICTED])
def test_relation_the_guide_contradicts_is_gone(roles, role, relation, target):
    assert target not in roles[role].related(relation)


def test_works_with_is_declared_once_and_holds_both_ways(roles):
    files = paths.roles_dir()
    assert "works_with" in (files / "programejer.yaml").read_text(encoding="utf-8")
    assert "works_with" not in (files / "gevinstansvarlig.yaml").read_text(encoding="utf-8")
    assert roles["gevinstansvarlig"].related("works_with") == ["programejer"]
    assert roles["programejer"].related("works_with") == ["gevinstansvarlig"]


def _catalogue_with(tmp_path: Path, role_file: str, old: str, new: str) -> Path:
    folder = tmp_path / "roles"
    shutil.copytree(paths.roles_dir(), folder)
    text = (folder / role_file).read_text(encoding="utf-8")
    assert old in text
    (folder / role_file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_works_with_an_unknown_role_is_e004(tmp_path):
    folder = _catalogue_with(tmp_path, "programejer.yaml", "    - role: gevinstansvarlig\n",
                             "    - role: gevinstejer\n")
    result = validate_folder(FIXTURES / "clean", today=TODAY, roles_dir=folder)
    [finding] = result.findings
    assert finding.rule == "E004" and "arbejder sammen med 'gevinstejer'" in finding.message
    assert Path(finding.location.path).name == "programejer.yaml"
    assert result.exit_code() == 1


def test_a_catalogue_relation_without_basis_is_e002(tmp_path):
    folder = _catalogue_with(tmp_path, "programleder.yaml", "      basis: Programleder\n", "")
    result = validate_folder(FIXTURES / "clean", today=TODAY, roles_dir=folder)
    [finding] = result.findings
    assert finding.rule == "E002" and "reports_to: programkomite" in finding.message
    assert "mangler basis" in finding.message
    lines = (folder / "programleder.yaml").read_text(encoding="utf-8").splitlines()
    item = lines.index("    - role: programkomite") + 1
    assert (Path(finding.location.path).name, finding.location.line) == ("programleder.yaml", item)


def test_a_basis_that_is_no_section_of_the_guide_is_e002(tmp_path):
    folder = _catalogue_with(tmp_path, "programleder.yaml", "      basis: Programleder\n",
                             "      basis: Programlederen\n")
    result = validate_folder(FIXTURES / "clean", today=TODAY, roles_dir=folder)
    [finding] = result.findings
    assert finding.rule == "E002" and "'Programlederen' er ikke en gyldig værdi for 'basis'" in finding.message
    assert "Programleder," in finding.message  # the valid section titles are listed


def test_a_local_relation_may_be_a_bare_role_id(folder_factory):
    text = ("roles:\n  - id: forandringsagent\n    name: Forandringsagent\n    name_en: Change agent\n"
            "    levels: [project]\n    holders: many\n    responsibility: R\n    tasks: [T]\n"
            "    benefits_role: B\n    typical_holders: H\n"
            "    relations: {works_with: [projektleder]}\n")
    result = run(folder_factory(files={"zz.yaml": text}))
    assert result.findings == [], [f.format_line() for f in result.findings]
    roles = result.model.roles
    assert roles["projektleder"].related("works_with") == ["forandringsagent"]
    assert roles["forandringsagent"].basis_of("works_with", "projektleder") is None  # not from the guide
