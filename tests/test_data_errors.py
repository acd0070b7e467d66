"""Data errors E001–E005: the exact line, a clear Danish message, exit 1, no traceback."""

from __future__ import annotations

from helpers import FIXTURES, run


def only(result, rule):
    found = [f for f in result.findings if f.rule == rule]
    assert found, [f.format_line() for f in result.findings]
    assert result.exit_code() == 1
    assert result.model is None
    return found


def test_e001_syntax_error_at_the_parsers_line(folder_factory):
    text = "projects:\n  - id: PR-X\n    title: Ok\n   bad: indentation\n"
    result = run(folder_factory(files={"zz.yaml": text}))
    [finding] = only(result, "E001")
    assert finding.location.path.endswith("zz.yaml")
    assert finding.location.line == 4
    assert "YAML-syntaksfejl" in finding.message


def test_e001_unclosed_quote(folder_factory):
    text = 'goals:\n  - {id: G-X, title: "ikke lukket}\n'
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E001")
    assert finding.location.path.endswith("zz.yaml") and finding.location.line >= 2


def test_e001_duplicate_key_in_a_mapping(folder_factory):
    text = "goals:\n  - id: G-X\n    title: A\n    title: B\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E001")
    assert finding.location.line == 4 and "linje 3" in finding.message


def test_e001_not_utf8(folder_factory):
    folder = folder_factory()
    (folder / "zz.yaml").write_bytes("goals:\n  - {id: G-X, title: Å}\n".encode("latin-1"))
    [finding] = only(run(folder), "E001")
    assert finding.location.line == 2 and "UTF-8" in finding.message


def test_e001_python_tags_are_refused(folder_factory):
    text = "goals:\n  - !!python/object/apply:os.system ['echo pwned']\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E001")
    assert finding.location.line == 2


def test_e002_unknown_key_at_the_keys_line_with_suggestion(folder_factory):
    text = "projects:\n  - id: PR-X\n    title: Ok\n    purpsoe: Stavefejl\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E002")
    assert (finding.location.line, finding.location.column) == (4, 5)
    assert "'purpsoe'" in finding.message and "'purpose'" in finding.message


def test_e002_wrong_type_missing_field_bad_enum_bad_date(folder_factory):
    text = ("benefits:\n"
            "  - id: B-X\n"           # 2: missing title
            "    kind: wonderful\n"    # 3: bad enum
            "  - id: 2026\n"           # 4: number, not text
            "    title: Tal som id\n"
            "    kind: quality\n"
            "    indicators:\n"
            "      - {id: I-X, kind: early, title: T, baseline: {value: 1, date: 2026-02-30}}\n")  # 8
    found = only(run(folder_factory(files={"zz.yaml": text})), "E002")
    by_line = {f.location.line: f.message for f in found}
    assert "title" in by_line[2] and "mangler" in by_line[2]
    assert "wonderful" in by_line[3] and "quality" in by_line[3]
    assert "anførselstegn" in by_line[4]
    assert "2026-02-30" in by_line[8] and "ÅÅÅÅ-MM-DD" in by_line[8]


def test_e002_municipality_twice(folder_factory):
    text = "# second head\nmunicipality: {id: igen, name: Igen}\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E002")
    assert finding.location.path.endswith("zz.yaml") and finding.location.line == 2
    assert "kommune.yaml:2" in finding.message


def test_e003_duplicate_id_at_second_occurrence_naming_the_first(folder_factory):
    text = "goals:\n  - {id: G-X, title: Første}\n  - {id: P-1, title: Samme id som et program}\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E003")
    assert finding.location.path.endswith("zz.yaml") and finding.location.line == 3
    assert "P-1" in finding.message and "kommune.yaml:" in finding.message
    assert finding.related and finding.related[0].path.endswith("kommune.yaml")


def test_e004_dangling_reference_at_the_value(folder_factory):
    text = ("benefits:\n  - id: B-X\n    title: T\n    kind: quality\n"
            "    enabled_by: [D-1, D-404]\n    goals: [G-1]\n")
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E004")
    assert (finding.location.line, finding.location.column) == (5, 23)
    assert "D-404" in finding.message and "B-X" in finding.message


def test_e004_wrong_kind_of_target(folder_factory):
    text = "projects:\n  - {id: PR-X, title: T, programme: G-1}\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E004")
    assert "et mål" in finding.message and "et program" in finding.message


def test_e004_unknown_role_and_role_at_wrong_level(folder_factory):
    text = ("projects:\n  - id: PR-X\n    title: T\n    roles:\n"
            "      projektleeder: prl\n"      # 5: typo
            "      programejer: dir\n")        # 6: programme role on a project
    found = only(run(folder_factory(files={"zz.yaml": text})), "E004")
    by_line = {f.location.line: f.message for f in found}
    assert "'projektleder'" in by_line[5]  # suggestion
    assert "programejer" in by_line[6] and "et program" in by_line[6]


def test_e004_person_reference(folder_factory):
    text = "adhoc:\n  - id: AH-X\n    title: T\n    roles: {ansvarlig: [sochef, nobody]}\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E004")
    assert finding.location.line == 4 and "nobody" in finding.message


def test_e005_unit_cycle(folder_factory):
    text = ("units:\n  - {id: a, name: A, kind: center, parent: b}\n"
            "  - {id: b, name: B, kind: center, parent: c}\n  - {id: c, name: C, kind: center, parent: a}\n")
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E005")
    assert finding.location.line == 2
    assert "a → b → c → a" in finding.message


def test_local_role_may_override_and_add(folder_factory):
    text = ("roles:\n  - {id: projektleder, typical_holders: Altid en fra Digitalisering}\n"
            "  - id: forandringsagent\n    name: Forandringsagent\n    name_en: Change agent\n"
            "    levels: [project]\n    holders: many\n    responsibility: R\n    tasks: [T]\n"
            "    benefits_role: B\n    typical_holders: H\n    relations: {reports_to: [projektleder]}\n"
            "projects:\n  - {id: PR-X, title: T, roles: {forandringsagent: [prl]}}\n")
    result = run(folder_factory(files={"zz.yaml": text}))
    assert result.model is not None, [f.format_line() for f in result.findings]
    roles = result.model.roles
    assert roles["projektleder"].typical_holders == "Altid en fra Digitalisering"
    assert roles["projektleder"].name == "Projektleder"  # the rest comes from the catalogue
    assert [a.holder_of.id for a in roles["forandringsagent"].assignments] == ["PR-X"]


def test_incomplete_new_local_role(folder_factory):
    text = "roles:\n  - {id: nyrolle, name: Ny}\n"
    [finding] = only(run(folder_factory(files={"zz.yaml": text})), "E002")
    assert finding.location.line == 2 and "name_en" in finding.message


def test_empty_folder_and_missing_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert only(run(empty), "E001")
    assert only(run(tmp_path / "nowhere"), "E001")


def test_fixture_folders_are_not_written(folder_factory):
    before = {p: p.read_bytes() for p in (FIXTURES / "clean").iterdir()}
    run(FIXTURES / "clean")
    assert {p: p.read_bytes() for p in (FIXTURES / "clean").iterdir()} == before
