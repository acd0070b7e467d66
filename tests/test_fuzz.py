"""Never a traceback: random YAML text and random data shapes go through the validator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, TODAY
from livinghandbook.findings import Finding
from livinghandbook.validate import validate_folder

KEYS = ["id", "title", "name", "kind", "parent", "unit", "programme", "roles", "goals", "enabled_by",
        "status", "phase", "rag", "reported", "indicators", "deliverables", "baseline", "value", "date",
        "municipality", "portfolio", "units", "people", "projects", "benefits", "adhoc", "programmes",
        "programejer", "gevinstansvarlig", "rules", "G09", "max", "maturity", "scores", "roles"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=12), st.sampled_from(["P-1", "D-1", "G-1", "sochef", "2026-13-45", "off", "2026-01-01"]),
    st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: d.isoformat()),
)
shapes = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=5),
), max_leaves=25)

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _check(folder: Path) -> None:
    result = validate_folder(folder, today=TODAY)
    for finding in result.findings:
        assert isinstance(finding, Finding)
        assert finding.location.line >= 1 and finding.message
    if result.model is None:
        assert result.exit_code() == 1


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_never_crashes(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    _check(folder)


@SETTINGS
@given(data=shapes)
def test_random_shapes_beside_valid_data_never_crash(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for path in (FIXTURES / "clean").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zz.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _check(folder)


@SETTINGS
@given(key=st.sampled_from(KEYS), value=shapes)
def test_random_values_in_a_project_never_crash(tmp_path_factory, key, value):
    folder = tmp_path_factory.mktemp("fuzz")
    for path in (FIXTURES / "clean").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    project = {"id": "PR-F", "title": "Fuzz", key: value}
    (folder / "zz.yaml").write_text(yaml.safe_dump({"projects": [project]}, allow_unicode=True),
                                    encoding="utf-8")
    _check(folder)


def test_alias_bomb_is_an_error_not_a_hang(folder_factory):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, 9)]
    folder = folder_factory(files={"zz.yaml": "\n".join(lines) + "\n"})
    result = validate_folder(folder, today=TODAY)
    assert [f.rule for f in result.findings] == ["E001"]
    assert "YAML-aliaser" in result.findings[0].message


def test_deep_nesting_is_an_error_not_a_crash(folder_factory):
    folder = folder_factory(files={"zz.yaml": "goals: " + "[" * 5000 + "]" * 5000 + "\n"})
    result = validate_folder(folder, today=TODAY)
    assert result.exit_code() == 1 and result.findings[0].rule in ("E001", "E002")


def test_aliases_for_repeated_people_work(folder_factory):
    text = ("programmes:\n  - id: P-X\n    title: T\n    roles:\n"
            "      programkomite: &komite [dir, pl, sochef]\n"
            "      folgegruppe: *komite\n")
    result = validate_folder(folder_factory(files={"zz.yaml": text}), today=TODAY)
    assert result.model is not None
    assert [p.id for p in result.model.entities["P-X"].holders("folgegruppe")] == ["dir", "pl", "sochef"]


@SETTINGS
@given(name=st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                    min_size=1, max_size=12),
       text=st.text(max_size=60))
def test_any_file_name_gives_one_line_findings(tmp_path_factory, name, text):
    """Control characters, newlines and bidi marks in a file name or its content never
    split a finding over lines (issue 11, item 9)."""
    folder = tmp_path_factory.mktemp("fuzz")
    for path in (FIXTURES / "clean").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / f"{name}.yaml").write_text(f"goals: [{text}\n", encoding="utf-8")
    result = validate_folder(folder, today=TODAY)
    for finding in result.findings:
        line = finding.format_line()
        assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u2028" not in line
        assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in line), repr(line)
