"""The ``handbook`` command as an editor and CI use it: output format and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES
from livinghandbook.cli import main
from livinghandbook.validate import validate_folder

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): "
                  r"(?P<rule>[EG]\d\d\d?): (?P<msg>.+)$")
REPO = Path(__file__).resolve().parents[1]


def test_clean_folder_exits_0(capsys):
    assert main(["validate", str(FIXTURES / "clean"), "--today", "2026-11-28"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 fejl, 0 advarsler, 0 info" in err


def test_findings_are_printed_in_the_contract_format(folder_factory, capsys):
    folder = folder_factory(files={"zz.yaml": (FIXTURES / "rules/G01/break.yaml").read_text()})
    assert main(["validate", str(folder), "--today", "2026-11-28"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines
    parsed = [LINE.match(line) for line in lines]
    g01 = [(m["path"], int(m["line"]), m["sev"]) for m in parsed if m["rule"] == "G01"]
    assert g01 and all(p.endswith("zz.yaml") and sev == "error" for p, _line, sev in g01)
    assert sorted(line for _p, line, _s in g01) == [4, 5]
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in parsed]
    assert keys == sorted(keys)  # sorted by file and line, like a compiler


def test_warnings_exit_0_unless_strict(folder_factory, capsys):
    folder = folder_factory(files={"zz.yaml": (FIXTURES / "rules/G04/break.yaml").read_text()})
    assert main(["validate", str(folder), "--today", "2026-11-28"]) == 0
    assert main(["validate", str(folder), "--today", "2026-11-28", "--strict"]) == 1


def test_json_format(folder_factory, capsys):
    folder = folder_factory(files={"zz.yaml": "projects:\n  - {id: PR-X, title: T, programme: P-404}\n"})
    assert main(["validate", str(folder), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["exit_code"] == 1
    [finding] = payload["findings"]
    assert finding["rule"] == "E004" and finding["line"] == 2 and finding["path"].endswith("zz.yaml")


def test_several_folders_worst_exit_code_wins(folder_factory, capsys):
    bad = folder_factory(files={"zz.yaml": "oops: [\n"})
    assert main(["validate", str(FIXTURES / "clean"), str(bad), "--today", "2026-11-28"]) == 1


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["validate", str(FIXTURES / "clean"), "--today", "28-11-2026"])
    assert exc.value.code == 2


def test_slug_resolves_under_municipality_data(capsys):
    assert main(["validate", "solbjerg", "--today", "2026-11-28"]) == 0
    assert "Solbjerg Kommune" in capsys.readouterr().err


def test_bundled_municipalities_have_no_errors():
    for folder in sorted((REPO / "municipality_data").iterdir()):
        result = validate_folder(folder)
        assert result.exit_code() == 0, [f.format_line() for f in result.findings]


def test_demo_is_rich_enough():
    m = validate_folder(REPO / "municipality_data" / "solbjerg").model
    assert len(m.programmes) >= 6 and len(m.projects) >= 25 and len(m.benefits) >= 30
    assert {i.indicator_kind for i in m.indicators} == {"early", "success", "effect"}
    assert any(i.measurements for i in m.indicators)
    assert any(p.programme is None for p in m.projects) and m.adhoc and m.maturity


def test_demo_shows_a_few_deliberate_findings_not_dozens():
    from collections import Counter

    from helpers import TODAY

    findings = validate_folder(REPO / "municipality_data" / "solbjerg", today=TODAY).findings
    per_rule = Counter(f.rule for f in findings)
    assert len(findings) <= 20 and max(per_rule.values()) <= 2, per_rule
    # the examples named in the data files' header comments
    assert {f.entity for f in findings if f.rule == "G14"} == {"B-SKOLEINDKOB", "B-HENV"}
    assert {f.entity for f in findings if f.rule == "G15"} == {"P-JOB"}


def test_new_scaffolds_a_folder_that_validates_clean(tmp_path, capsys):
    assert main(["new", "nordby", "--name", 'Nordby "Test" Kommune: æøå', "--dir", str(tmp_path)]) == 0
    result = validate_folder(tmp_path / "nordby")
    assert result.findings == [], [f.format_line() for f in result.findings]
    assert result.model.name == 'Nordby "Test" Kommune: æøå'


def test_new_refuses_existing_folder_and_bad_slug(tmp_path, capsys):
    (tmp_path / "nordby").mkdir()
    (tmp_path / "nordby" / "mine.yaml").write_text("keep: me\n")
    assert main(["new", "nordby", "--dir", str(tmp_path)]) == 1
    assert (tmp_path / "nordby" / "mine.yaml").read_text() == "keep: me\n"
    assert main(["new", "Nord By", "--dir", str(tmp_path)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nordby"]


def test_console_script_runs_without_traceback(folder_factory):
    folder = folder_factory(files={"zz.yaml": "\tbad: tab\n"})
    proc = subprocess.run([sys.executable, "-m", "livinghandbook.cli", "validate", str(folder)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "E001" in proc.stdout


def test_rules_doc_is_generated_from_the_rule_units():
    from livinghandbook.rules.docs import rules_markdown
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_data_reference_is_generated_from_the_schema():
    from livinghandbook.data.schema_check import load_schema
    from livinghandbook.data.schema_docs import schema_markdown
    text = schema_markdown()
    assert (REPO / "docs" / "data-reference.md").read_text(encoding="utf-8") == text
    for name, definition in load_schema("municipality.schema.json")["definitions"].items():
        for key in definition.get("properties", {}):
            if name not in ("roles", "scores"):
                assert f"| `{key}` |" in text, (name, key)
