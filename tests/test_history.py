"""The data's history in git: ``handbook diff``, the history core, the changes page and
entity histories (issue 17). Every test builds its own small repository (history_repo.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import TODAY
from history_repo import AUTHOR, FOLDER, commit, edit, git, make_repo
from livinghandbook.cli import main
from livinghandbook.history import attach, compute_history, history_of
from livinghandbook.history.chunks import ChunkParser
from livinghandbook.history.gitrepo import Objects
from livinghandbook.validate import validate_folder
from livinghandbook.views.blocks import fingerprint
from livinghandbook.views.history import changes_page, entity_history


@pytest.fixture
def folder(tmp_path):
    return make_repo(tmp_path)


def _plain(value):
    """Blocks as plain lists ([kind, *fields]), for tuple blocks and typed block classes alike."""
    if hasattr(value, "__match_args__") and not isinstance(value, tuple):
        return [type(value).__name__.lower(), *[_plain(getattr(value, name)) for name in value.__match_args__]]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _texts(blocks) -> str:
    """All text of a view (strings and link texts), for asserting what readers see."""
    return json.dumps(_plain(blocks), ensure_ascii=False)


def _links(blocks) -> dict[str, str]:
    """Entity links of a view: target id → link text."""
    found: dict[str, str] = {}

    def walk(value) -> None:
        if isinstance(value, list):
            if len(value) == 3 and value[0] == "ref":  # ("ref", id, text)
                found[value[1]] = value[2]
            elif len(value) == 4 and value[:2] == ["link", "entity"]:  # Link("entity", id, text)
                found[value[2]] = value[3]
            for item in value:
                walk(item)
    walk(_plain(blocks))
    return found


def _first(blocks, kind: str):
    def walk(value):
        if isinstance(value, list):
            if value and value[0] == kind:
                return value
            for item in value:
                if (hit := walk(item)) is not None:
                    return hit
        return None
    return walk(_plain(blocks))


# -- handbook diff ---------------------------------------------------------------------------------
def test_diff_text_in_the_readers_words(folder, capsys):
    assert main(["diff", str(folder), "HEAD~3", "HEAD~2"]) == 0
    out = capsys.readouterr().out
    assert "fra HEAD~3 (" in out and "1. september 2026) til HEAD~2 (" in out
    assert "P-1 Velfærdsteknologi\n" in out  # grouped by programme
    assert "  PR-1 Vasketoiletter: status gul → rød\n" in out
    assert "  B-1 Færre hjælpebesøg: målet for I-3 900 timer → 700 timer (31. december 2027)\n" in out
    assert out.rstrip().endswith("2 ændringer.")


def test_diff_json_for_tools(folder, capsys):
    assert main(["diff", str(folder), "HEAD~2", "HEAD~1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    changes = {c["id"]: c for c in data["changes"]}
    assert changes["PR-3"]["action"] == "added" and changes["PR-3"]["programme"] == "P-1"
    leader = changes["PR-1"]["fields"][0]
    assert (leader["field"], leader["old"], leader["new"]) == ("roles.projektleder", ["prl"], ["mal"])
    assert leader["text"] == "ny projektleder: Mads Ravn (Controller) (før: Per Kjeldsen (Projektleder))"
    assert data["from"]["date"] == "2026-10-01" and data["to"]["worktree"] is False


def test_diff_against_the_working_tree_by_default(folder, capsys):
    edit(folder / "kommune.yaml", "title: Velfærdsteknologi", "title: Velfærd <script>")
    assert main(["diff", str(folder), "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "til arbejdskopien:" in out
    assert "  P-1 Velfærd <script>: titel »Velfærdsteknologi« → »Velfærd <script>«" in out


def test_diff_names_a_version_with_data_errors(folder, capsys):
    (folder / "zz.yaml").write_text("projects:\n  - {id: PR-X, title: T, programme: P-404}\n", encoding="utf-8")
    commit(folder.parents[1], "Fejl", "2026-11-02T08:00:00+01:00")
    assert main(["diff", str(folder), "HEAD~1", "HEAD"]) == 1
    captured = capsys.readouterr()
    assert "Versionen HEAD (" in captured.err and "har fejl i data" in captured.err
    assert f"HEAD:{FOLDER}/zz.yaml:2:" in captured.err and "E004" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_diff_usage_errors(folder, tmp_path, capsys):
    assert main(["diff", str(folder), "no-such-rev"]) == 2
    assert "versionen 'no-such-rev' findes ikke i git" in capsys.readouterr().err
    outside = tmp_path / "outside"
    shutil.copytree(folder, outside)
    assert main(["diff", str(outside), "HEAD"]) == 2
    assert "ligger ikke i et git-repository" in capsys.readouterr().err


# -- the history core ------------------------------------------------------------------------------
def test_versions_newest_first_with_their_changes(folder):
    history = compute_history(folder, TODAY, 90)
    assert history.note is None
    assert [v.message for v in history.versions] == [
        "PR-3 lukket", "Ny projektleder og nyt projekt", "Status på vasketoiletter", "Første udgave"]
    newest, *_rest, oldest = history.versions
    assert oldest.first and oldest.entities > 10 and not oldest.changes
    assert str(newest.date) == "2026-11-01" and newest.author == AUTHOR
    assert {(c.key, c.action) for c in newest.changes} == {("PR-3", "removed"), ("PR-1", "changed")}


def test_window_of_days_from_the_municipality(folder):
    history = compute_history(folder, TODAY, 40)  # since 19 October: only the newest version
    assert [v.message for v in history.versions] == ["PR-3 lukket"]
    assert not history.versions[0].first  # compared with the version before the window


def test_project_status_history(folder):
    validation = validate_folder(folder, today=TODAY)
    history = compute_history(folder, TODAY, 90)
    section = entity_history(validation.model, history, "PR-1")
    assert _first(section, "section")[1:3] == ["Historik", "PR-1-historik"]
    rows = _first(section, "table")[2]
    assert rows == [[["Før"], ["Gennemførelse"], ["Gul"], ["1. november 2026"]],
                    [["1. oktober 2026"], ["Gennemførelse"], ["Rød"], ["1. november 2026"]],
                    [["1. november 2026"], ["Gevinstrealisering"], ["Grøn"], ["1. november 2026"]]]
    assert "15. oktober 2026: ny projektleder: Mads Ravn (Controller) (før: Per Kjeldsen (Projektleder))" \
        in _texts(section)
    benefit = _texts(entity_history(validation.model, history, "B-1", always=False))
    assert "1. oktober 2026: målet for I-3 900 timer → 700 timer (31. december 2027)" in benefit
    assert entity_history(validation.model, history, "B-2", always=False) == []  # unchanged: no section


def test_removed_project_is_named_without_a_link(folder):
    validation = validate_folder(folder, today=TODAY)
    page = changes_page(validation.model, compute_history(folder, TODAY, 90))
    text = _texts(page)
    assert "PR-3 Nyt projekt om skærme" in text and "projekt fjernet" in text
    links = _links(page)
    assert "PR-3" not in links  # gone now: text, not a link
    assert links["PR-1"] == "PR-1 Vasketoiletter"


def test_folder_without_git(folder_factory):
    data = folder_factory()
    history = compute_history(data, TODAY, 90)
    assert history.versions == () and "ligger ikke i et git-repository" in history.note
    validation = validate_folder(data, today=TODAY)
    assert _plain(changes_page(validation.model, history)) == [["para", [history.note]]]
    assert entity_history(validation.model, history, "PR-1") == []  # pages as before


def test_shallow_clone(folder, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{folder.parents[1]}", str(clone)], check=True)
    history = compute_history(clone / FOLDER, TODAY, 90)
    assert history.versions == () and "shallow clone" in history.note and "fetch-depth: 0" in history.note


def test_detached_checkout(folder):
    git(folder.parents[1], "checkout", "-q", "--detach", "HEAD~1")
    history = compute_history(folder, TODAY, 90)
    assert history.versions == () and "detached HEAD" in history.note


def test_names_hidden_also_for_authors(folder):
    history = compute_history(folder, TODAY, 90, publish_names=False)
    assert all(v.author is None for v in history.versions)
    text = json.dumps([c.as_json() for v in history.versions for c in v.changes], ensure_ascii=False)
    assert "ny projektleder: Controller (før: Projektleder)" in text
    for name in ("Mads Ravn", "Per Kjeldsen", AUTHOR):
        assert name not in text


def test_cache_reads_only_new_commits(folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = compute_history(folder, TODAY, 90, cache_dir=cache)
    stored = next(cache.glob("*.json"))
    assert json.loads(stored.read_text(encoding="utf-8"))["versions"]  # JSON, not pickle

    def no_git(*_args, **_kwargs):
        raise AssertionError("a cached history must not read versions")
    monkeypatch.setattr(Objects, "__init__", no_git)
    again = compute_history(folder, TODAY, 90, cache_dir=cache)
    assert [v.changes for v in again.versions] == [v.changes for v in first.versions]
    monkeypatch.undo()

    edit(folder / "portefolje.yaml", "title: Testbys portefølje", "title: Testbys digitale portefølje")
    commit(folder.parents[1], "Ny titel", "2026-11-20T08:00:00+01:00")
    parsed: list[str] = []
    original = ChunkParser.parse
    monkeypatch.setattr(ChunkParser, "parse", lambda self, name, data: parsed.append(name) or original(self, name, data))
    newest = compute_history(folder, TODAY, 90, cache_dir=cache).versions[0]
    assert parsed == ["portefolje.yaml"]  # the one file the new commit changed
    assert [c.text for c in newest.changes] == ["titel »Testbys portefølje« → »Testbys digitale portefølje«"]


def test_same_repository_same_result(folder, tmp_path):
    script = ("import json, sys, datetime as dt, pathlib\n"
              "from livinghandbook.history import compute_history\n"
              "h = compute_history(pathlib.Path(sys.argv[1]), dt.date(2026, 11, 28), 90)\n"
              "print(json.dumps([[v.commit, str(v.date), v.message, v.author, [c.as_json() for c in v.changes]]"
              " for v in h.versions], ensure_ascii=False))\n")
    outputs = {subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True,
                              env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2")}
    assert len(outputs) == 1
    cached = compute_history(folder, TODAY, 90, cache_dir=tmp_path / "c")
    cached_again = compute_history(folder, TODAY, 90, cache_dir=tmp_path / "c")
    assert fingerprint(changes_page(validate_folder(folder, today=TODAY).model, cached)) == \
        fingerprint(changes_page(validate_folder(folder, today=TODAY).model, cached_again))


def test_history_reaches_exactly_the_pages_it_changes(folder, tmp_path, monkeypatch):
    """A new commit changes the fingerprints of the pages whose data or history changed."""
    from livinghandbook.sphinxext.directives import compute_view

    monkeypatch.setenv("HANDBOOK_BUILD_DIR", str(tmp_path / "_build"))
    views = [("handbook-project", "PR-1"), ("handbook-project", "PR-2"), ("handbook-programme", "P-1"),
             ("handbook-standalone", ""), ("handbook-changes", ""), ("handbook-goals", "")]

    def prints() -> dict[tuple[str, str], str]:
        validation = validate_folder(folder, today=TODAY)
        attach(validation, TODAY)
        assert history_of(validation) is not None
        return {v: fingerprint(compute_view(v[0], validation, v[1], True)) for v in views}

    before = prints()
    edit(folder / "kommune.yaml", "target: {value: 700, date: 2027-12-31}", "target: {value: 650, date: 2027-12-31}")
    commit(folder.parents[1], "Nyt mål", "2026-11-20T08:00:00+01:00")
    after = prints()
    changed = {v for v in views if before[v] != after[v]}
    assert changed == {("handbook-programme", "P-1"), ("handbook-changes", "")}  # B-1 lives on P-1's page


@pytest.mark.slow
def test_changes_page_in_a_real_build(folder, tmp_path, monkeypatch):
    from helpers import build_into
    from livinghandbook.linkcheck import main as linkcheck

    out = tmp_path / "_build"
    edit(folder / "kommune.yaml", "title: Flere ældre klarer sig selv", "title: 'Flere ældre {{x}} <b>'")
    commit(folder.parents[1], "Mål <script>alert(1)</script> {{x}} [[y]] & æøå 🎉", "2026-11-10T08:00:00+01:00")
    assert build_into(folder, out) == 0
    site = out / "testby" / "html"
    page = (site / "aendringer.html").read_text(encoding="utf-8")
    # The heading says what changed; the commit message is the editor's note below it.
    assert ">1. november 2026 kl. 08.00: 2 ændringer i 1 program<" in page and ">PR-3 lukket<" in page
    assert "<script>alert(1)</script>" not in page  # hostile commit messages are text
    assert ">10. november 2026 kl. 08.00: 1 ændring<" in page  # a goal: in no programme
    assert ">Mål &lt;script&gt;alert(1)&lt;/script&gt; {{x}} [[y]] &amp; æøå 🎉<" in page
    assert "titel »Flere ældre klarer sig selv« → »Flere ældre {{x}} &lt;b&gt;«" in page
    assert 'href="projekt/PR-1.html"' in page and "PR-3 Nyt projekt om skærme" in page
    assert "projekt/PR-3.html" not in page  # removed: named, not linked
    assert AUTHOR in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="aendringer.html"' in index  # in the navigation
    project = (site / "projekt" / "PR-1.html").read_text(encoding="utf-8")
    assert "Status over tid" in project and "Gevinstrealisering" in project
    assert linkcheck([str(site)]) == 0

    edit(folder / "kommune.yaml", "  reporting_interval_days: 90", "  reporting_interval_days: 90\n  publish_names: false")
    commit(folder.parents[1], "Navne skjules", "2026-11-20T08:00:00+01:00")
    assert build_into(folder, out) == 0
    for name in ("aendringer.html", "projekt/PR-1.html"):
        text = (site / name).read_text(encoding="utf-8")
        for person in (AUTHOR, "Mads Ravn", "Per Kjeldsen"):
            assert person not in text, (name, person)


def test_wording_of_other_changes():
    from livinghandbook.history.wording import Words, describe

    before = {"P-1": {"kind": "programme", "title": "Skole"}, "P-2": {"kind": "programme", "title": "Velfærd"},
              "a": {"kind": "person", "name": "Ada", "title": "Chef"}, "b": {"kind": "person", "name": "Bo", "title": "Leder"}}
    words = Words(before, before, {"styregruppe": "Styregruppe"})
    project = {"kind": "project", "indicators": {}}
    assert describe(project, "programme", "P-1", "P-2", words) == "flyttet fra P-1 (Skole) til P-2 (Velfærd)"
    assert describe(project, "programme", "P-1", None, words) == "nu selvstændigt projekt (før i P-1 (Skole))"
    assert describe(project, "roles.styregruppe", ["a"], ["a", "b"], words) == "styregruppe: tilføjet Bo (Leder)"
    assert describe(project, "end", "2026-12-31", "2027-06-30", words) == "slutdato 31. december 2026 → 30. juni 2027"
    assert describe(project, "status", None, {"phase": "idea", "rag": "amber", "reported": "2026-02-01"}, words) \
        == "første statusrapport: idé, gul (1. februar 2026)"
    benefit = {"kind": "benefit", "indicators": {"I-1": {"unit": "kr."}}}
    assert describe(benefit, "indicators.I-1.target", {"value": 10, "date": "2027-01-01"},
                    {"value": 12.5, "date": "2027-06-30"}, words) \
        == "målet for I-1 10 kr. (1. januar 2027) → 12,5 kr. (30. juni 2027)"
    assert describe(benefit, "indicators.I-1.measurements", [], [{"date": "2026-03-31", "value": 4}], words) \
        == "ny måling for I-1: 4 kr. (31. marts 2026)"


def test_version_headings_say_what_changed():
    """The heading of a version on the changes page is its date and time and what it did,
    in words: the commit message is the editor's note, shown below it."""
    import datetime as dt

    from helpers import FIXTURES
    from livinghandbook.history import History, Version
    from livinghandbook.history.changes import EntityChange
    from livinghandbook.views.blocks import Section

    model = validate_folder(FIXTURES / "clean", today=TODAY).model

    def change(key: str, programme: str | None) -> EntityChange:
        return EntityChange(key, "project", "changed", key, programme)

    def heading(**fields) -> str:
        version = Version("c0ffee" * 7, dt.date(2026, 11, 29), "Merge branch 'x'", "Ida", clock="14.05", **fields)
        history = History((version,), 90, dt.date(2026, 8, 31), None)
        sections = [b for b in changes_page(model, history) if isinstance(b, Section)]
        return sections[0].title

    assert heading(changes=(change("PR-1", "P-1"), change("PR-2", "P-2"))) == \
        "29. november 2026 kl. 14.05: 2 ændringer i 2 programmer"
    assert heading(changes=(change("PR-1", "P-1"), change("G-1", None), change("PR-9", None))) == \
        "29. november 2026 kl. 14.05: 3 ændringer, heraf 1 i 1 program"
    assert heading(changes=(change("G-1", None),)) == "29. november 2026 kl. 14.05: 1 ændring"
    assert heading(first=True, entities=12) == "29. november 2026 kl. 14.05: første kendte version af data"
    assert heading(problem="E004 …") == "29. november 2026 kl. 14.05: data med fejl"
    assert heading() == "29. november 2026 kl. 14.05: ingen ændringer i indholdet"
