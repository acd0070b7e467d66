"""Bad data as the editor meets it (issue 11, items 3, 5, 7, 8, 9): one clear Danish
finding per problem at its ``path:line``, every data error in one run, exit 1, no
traceback, nothing built. Each new check has a passing and a failing case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from fault_helpers import LINE, TODAY, assert_clear_error, run_cli
from helpers import run
from livinghandbook.data.yaml_messages import GENERIC, PROBLEMS, syntax_message
from livinghandbook.findings import Finding, Location, Severity

BIG = "lorem ipsum " * 1700  # a 20 KB anchor


def _errors(result) -> list[tuple[str, int]]:
    return [(f.rule, f.location.line) for f in result.findings if f.rule[0] == "E"]


def _alias_bomb(aliases: int) -> str:
    return (f"projects:\n  - id: PR-BOMBE\n    title: Bombe\n    purpose: &a '{BIG}'\n"
            f"    success_criteria: [{', '.join(['*a'] * aliases)}]\n")


# -- item 3: alias amplification ---------------------------------------------------------
@pytest.mark.parametrize("aliases", [50_000, 120_000], ids=["220KB", "500KB"])
def test_alias_bomb_is_an_e001_at_the_alias(folder_factory, aliases):
    text = _alias_bomb(aliases)
    assert len(text) > 200_000
    result = run(folder_factory(files={"zz.yaml": text}))
    [finding] = [f for f in result.findings if f.rule == "E001"]
    assert finding.location.path.endswith("zz.yaml") and finding.location.line == 5  # the line of the aliases
    assert "ankeret i linje 4" in finding.message and "YAML-aliaser" in finding.message
    assert result.model is None and result.exit_code() == 1


def test_alias_bomb_stops_the_build_before_sphinx(folder_factory, tmp_path):
    folder = folder_factory(files={"zz.yaml": _alias_bomb(50_000)})
    proc = run_cli("build", str(folder), "--format", "json", "--today", TODAY, build_dir=tmp_path / "_build")
    assert_clear_error(proc, "E001", "zz.yaml", line=5)
    assert not (tmp_path / "_build" / "testby").exists()


def test_aliases_and_text_with_ampersands_and_stars_still_read(folder_factory):
    text = ("people:\n  - {id: px, name: 'Børn & Unge *chef*', title: '**A & B**'}\n"
            "programmes:\n  - id: P-X\n    title: T\n    roles:\n      programkomite: &k [dir, pl, sochef]\n"
            "      folgegruppe: *k\n")
    result = run(folder_factory(files={"zz.yaml": text}))
    assert result.model is not None, [f.format_line() for f in result.findings]
    assert result.model.entities["px"].name == "Børn & Unge *chef*"


# -- item 5: impossible dates, in validate and in build --------------------------------------
@pytest.mark.parametrize("date", ["0000-01-01", "0001-12-31", "2026-02-30", "2026-13-01", "31-12-2026"])
def test_impossible_date_is_e002_at_its_line_in_validate_and_build(folder_factory, tmp_path, date):
    folder = folder_factory(files={"zz.yaml": f"projects:\n  - id: PR-X\n    title: T\n    start: {date}\n"})
    proc = run_cli("validate", str(folder), "--today", TODAY)
    match = assert_clear_error(proc, "E002", "zz.yaml", line=4)
    assert date in match["msg"] and "ÅÅÅÅ-MM-DD" in match["msg"]
    build = run_cli("build", str(folder), "--format", "json", "--today", TODAY, build_dir=tmp_path / "_build")
    assert_clear_error(build, "E002", "zz.yaml", line=4)
    assert not (tmp_path / "_build" / "testby").exists()


def test_dates_at_the_bounds_are_fine(folder_factory):
    text = "projects:\n  - {id: PR-X, title: T, start: 1900-01-01, end: 2199-12-31}\n"
    assert run(folder_factory(files={"zz.yaml": text})).model is not None


# -- item 8: validation gaps ---------------------------------------------------------------
def test_end_before_start_is_e002_at_end(folder_factory):
    text = "projects:\n  - id: PR-X\n    title: T\n    start: 2026-12-31\n    end: 2026-01-01\n"
    folder = folder_factory(files={"zz.yaml": text})
    result = run(folder)
    assert _errors(result) == [("E002", 5)]
    assert "før 'start'" in result.findings[0].message
    (folder / "zz.yaml").write_text(text.replace("2026-01-01", "2026-12-31"), encoding="utf-8")  # same day
    assert run(folder).model is not None


@pytest.mark.parametrize("value", ["'   '", "''", '"\\t \\n"'])
def test_title_of_only_spaces_is_e002(folder_factory, value):
    result = run(folder_factory(files={"zz.yaml": f"goals:\n  - id: G-X\n    title: {value}\n"}))
    assert _errors(result) == [("E002", 3)] and "kun bestå af mellemrum" in result.findings[0].message


def test_title_with_spaces_around_text_is_fine(folder_factory):
    assert run(folder_factory(files={"zz.yaml": "goals:\n  - {id: G-X, title: '  Mål  '}\n"})).model is not None


def test_ids_differing_only_in_case_name_each_other(folder_factory):
    folder = folder_factory(files={"zz.yaml": "goals:\n  - {id: g-1, title: Lille}\n"})
    result = run(folder)
    [finding] = [f for f in result.findings if f.rule == "E003"]
    assert finding.location.line == 2 and "'g-1'" in finding.message and "'G-1'" in finding.message
    assert finding.related and finding.related[0].path.endswith("kommune.yaml")
    assert _errors(result) == [("E003", 2)]  # references to either still resolve: no E004
    (folder / "zz.yaml").write_text("goals:\n  - {id: g-9, title: Lille}\n", encoding="utf-8")
    assert run(folder).model is not None


@pytest.mark.parametrize(("value", "ok"), [("100000000000", True), ("100000000001", False),
                                           ("1" + "0" * 32, False), ("-1", False)])
def test_money_has_sane_bounds(folder_factory, value, ok):
    text = f"programmes:\n  - id: P-X\n    title: T\n    business_case: {{investment: {value}, annual_benefit: 1}}\n"
    result = run(folder_factory(files={"zz.yaml": text}))
    assert (result.model is not None) is ok, [f.format_line() for f in result.findings]
    if not ok:
        assert _errors(result) == [("E002", 4)] and "investment" in result.findings[0].message


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1.0e+400", "1" + "0" * 5000, "1.0e+13"])
def test_impossible_numbers_are_e002(folder_factory, value):
    text = ("benefits:\n  - id: B-X\n    title: T\n    kind: quality\n    indicators:\n"
            f"      - id: I-X\n        kind: early\n        title: T\n        baseline: {{value: {value}, date: 2026-01-01}}\n")
    result = run(folder_factory(files={"zz.yaml": text}))
    assert _errors(result) == [("E002", 9)], [f.format_line() for f in result.findings]
    assert len(result.findings[0].message) < 300  # a 5,000-digit number is not echoed whole


def test_nan_as_text_and_big_values_are_fine(folder_factory):
    text = ("goals:\n  - {id: G-X, title: .nan}\nbenefits:\n  - id: B-X\n    title: T\n    kind: quality\n"
            "    indicators:\n      - {id: I-X, kind: early, title: T, target: {value: 1.0e+12, date: 2026-01-01}}\n")
    result = run(folder_factory(files={"zz.yaml": text}))
    assert result.model is not None and result.model.entities["G-X"].title == ".nan"


# -- item 7: every data error in one run ----------------------------------------------------
def test_schema_error_does_not_hide_ids_references_and_cycles(folder_factory):
    text = ("goals:\n  - {id: G-X, title: 5}\n"              # 2: E002
            "  - {id: G-1, title: Dublet}\n"                 # 3: E003
            "units:\n  - {id: a, name: A, kind: center, parent: a}\n"   # 5: E005
            "projects:\n  - {id: PR-X, title: T, programme: P-404}\n")  # 7: E004
    result = run(folder_factory(files={"zz.yaml": text}))
    assert _errors(result) == [("E002", 2), ("E003", 3), ("E005", 5), ("E004", 7)]


def test_errors_in_several_files_are_reported_together(folder_factory):
    folder = folder_factory(files={"za.yaml": "goals:\n  - {id: G-X, title: T, farve: rød}\n",
                                   "zb.yaml": "people:\n  - {id: dir, name: Igen}\n",
                                   "zc.yaml": "projects:\n  - {id: PR-X, title: T, programme: P-404}\n"})
    result = run(folder)
    assert [(f.rule, Path(f.location.path).name) for f in result.findings] == [
        ("E002", "za.yaml"), ("E003", "zb.yaml"), ("E004", "zc.yaml")]


def test_no_false_e004_for_what_was_set_aside(folder_factory):
    text = ("projects:\n  - id: PR-X\n    title: T\n    farve: rød\n    deliverables: [{id: D-X, title: L}]\n"
            "benefits:\n  - {id: B-X, title: T, kind: quality, enabled_by: [PR-X, D-X]}\n")
    result = run(folder_factory(files={"zz.yaml": text}))
    assert _errors(result) == [("E002", 4)]


def test_local_role_set_aside_gives_no_false_unknown_role(folder_factory):
    text = ("roles:\n  - {id: forandringsagent, name: Forandringsagent, levels: [project], farve: rød}\n"
            "projects:\n  - {id: PR-X, title: T, roles: {forandringsagent: prl}}\n")
    assert _errors(run(folder_factory(files={"zz.yaml": text}))) == [("E002", 2)]


def test_unreadable_file_hides_no_duplicates_and_invents_no_dangling_refs(folder_factory):
    folder = folder_factory(files={"za.yaml": "programmes: [\n",   # E001: its ids are unknown
                                   "zb.yaml": "people:\n  - {id: dir, name: Igen}\n"
                                              "projects:\n  - {id: PR-X, title: T, programme: P-I-ZA}\n"})
    assert _errors(run(folder)) == [("E001", 2), ("E003", 2)]


def test_invalid_municipality_section_is_not_called_missing(folder_factory):
    folder = folder_factory()
    path = folder / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: testby", "id: Test_By"), encoding="utf-8")
    (folder / "zz.yaml").write_text("people:\n  - {id: dir, name: Igen}\n", encoding="utf-8")
    result = run(folder)
    assert [f.rule for f in result.findings] == ["E002", "E003"]
    assert "mangler" not in result.findings[0].message


# -- item 9: messages -------------------------------------------------------------------------
def test_one_finding_is_one_line_and_json_keeps_the_raw_text():
    finding = Finding("E002", Severity.ERROR, "ukendt nøgle 'a\nb\x1b[2J\u202e'", Location("ny\nfil.yaml", 2, 3))
    line = finding.format_line()
    assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
    assert line == "ny\\nfil.yaml:2:3: error: E002: ukendt nøgle 'a\\nb\\x1b[2J\\u202e'"
    assert finding.as_json()["message"].endswith("a\nb\x1b[2J\u202e'") and finding.as_json()["path"] == "ny\nfil.yaml"


@pytest.mark.parametrize("name", ["ny\nlinje.yaml", "\x1b[2Jx.yaml", b"\xff\xfe.yaml"])
def test_file_names_with_control_characters_stay_on_one_line(folder_factory, name):
    folder = folder_factory()
    raw = name if isinstance(name, bytes) else name.encode()
    with open(bytes(folder) + b"/" + raw, "w", encoding="utf-8") as handle:
        handle.write("goals:\n  - {id: G-X, title: 'a\nb'\n  bad: [\n")
    proc = run_cli("validate", str(folder), "--today", TODAY)
    lines = [line for line in proc.stdout.splitlines() if line]
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert lines and all(LINE.match(line) for line in lines), lines
    as_json = run_cli("validate", str(folder), "--format", "json", "--today", TODAY)
    assert json.loads(as_json.stdout)["findings"][0]["rule"] == "E001"


MALFORMED = ["a: b: c\n", "a: 'x\n", "a: [\n", "a: {b: 1\n", "\ta: 1\n", "a: 1\n---\nb: 2\n", "a: *x\n",
             "a: &x 1\nb: &x 2\n", "a: \"\\q\"\n", "%YAML 2.0\n---\na: 1\n", "a: 1\n...\nb: [\n", "a: |0\n  x\n",
             "- a\nb: 1\n", "a:\n  - b\n c: 1\n", "a: !<x\n", "a: &\n", "? [a]\n: 1\n", "a: 1\n b: 2\n",
             "a: " + "[" * 2000 + "]" * 2000 + "\n", "a: \x07\n"]
ENGLISH = re.compile(r"\b(found|expected|while|mapping values|could not|not allowed|scanning|parsing)\b")


@pytest.mark.parametrize("text", MALFORMED)
def test_syntax_errors_are_danish(folder_factory, text):
    result = run(folder_factory(files={"zz.yaml": text}))
    [finding] = [f for f in result.findings if f.location.path.endswith("zz.yaml")]
    assert finding.rule in ("E001", "E002") and not ENGLISH.search(finding.message), finding.message


def test_unknown_parser_phrases_fall_back_to_danish():
    assert syntax_message("found a brand new problem", "while parsing x", None, None) == f"YAML-syntaksfejl: {GENERIC}"
    english = [e for e, _d in PROBLEMS]
    assert all(not ENGLISH.search(d) for _e, d in PROBLEMS) and len(english) == len(set(english))


def test_municipality_id_message_states_the_real_pattern(folder_factory):
    folder = folder_factory()
    path = folder / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: testby", "id: test_by"), encoding="utf-8")
    [finding] = run(folder).findings
    assert "små bogstaver a-z, tal og bindestreg" in finding.message and "understregning" in finding.message
    assert "A-Z" not in finding.message


def test_parse_errors_of_yaml_itself_are_all_translated():
    """Every libyaml/PyYAML phrase the malformed inputs above produce has a translation."""
    for text in MALFORMED:
        try:
            yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.MarkedYAMLError as exc:
            assert any((exc.problem or "").startswith(e) for e, _d in PROBLEMS), exc.problem
        except yaml.YAMLError:
            pass
