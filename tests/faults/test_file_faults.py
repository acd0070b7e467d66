"""What a data folder may hold (issue 11, items 4, 5, 8): links, hidden files, ``*.yml``,
special and unreadable files. Each case as the editor sees it: the message, its
``path:line``, the exit code, nothing echoed from outside the folder, nothing written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fault_helpers import TODAY, assert_clear_error, needs_unprivileged, run_cli, tree_hash
from helpers import FIXTURES, REPO, run
from livinghandbook.data.files import MAX_FILE_BYTES
from livinghandbook.roles.catalogue import load_catalogue

SECRET = "HEMMELIG-NABOKOMMUNE"


def _rules(result) -> list[tuple[str, str, int]]:
    return [(f.rule, Path(f.location.path).name, f.location.line) for f in result.findings if f.rule[0] == "E"]


def test_link_out_of_the_folder_is_refused_by_its_own_name_echoing_nothing(folder_factory):
    folder = folder_factory()
    os.symlink("/etc/passwd", folder / "x.yaml")
    proc = run_cli("validate", str(folder), "--today", TODAY)
    match = assert_clear_error(proc, "E001", "x.yaml", line=1)
    assert "uden for datamappen" in match["msg"]
    assert "root:" not in proc.stdout + proc.stderr and "/etc/passwd" not in proc.stdout + proc.stderr


def test_link_to_another_municipalitys_file_is_not_merged(folder_factory, tmp_path):
    folder = folder_factory()
    other = tmp_path / "nabo"
    other.mkdir()
    (other / "personer.yaml").write_text(f"people:\n  - {{id: nabo, name: {SECRET}}}\n", encoding="utf-8")
    os.symlink(other / "personer.yaml", folder / "nabo.yaml")
    result = run(folder)
    assert _rules(result) == [("E001", "nabo.yaml", 1)]
    assert result.model is None and SECRET not in result.findings[0].message


def test_link_inside_the_folder_is_read(folder_factory):
    folder = folder_factory()
    (folder / "arkiv").mkdir()
    (folder / "arkiv" / "mål.yaml").write_text("goals:\n  - {id: G-LINK, title: Via link}\n", encoding="utf-8")
    os.symlink("arkiv/mål.yaml", folder / "mål.yaml")
    result = run(folder)
    assert result.model is not None, [f.format_line() for f in result.findings]
    assert result.model.entities["G-LINK"].location.path.endswith("mål.yaml")


def test_dangling_link_and_link_loop_are_findings_in_validate_and_build(folder_factory, tmp_path):
    folder = folder_factory()
    os.symlink("findes-ikke.yaml", folder / "x.yaml")
    os.symlink("b.yaml", folder / "a.yaml")
    os.symlink("a.yaml", folder / "b.yaml")
    before = tree_hash(folder)
    proc = run_cli("validate", str(folder), "--today", TODAY)
    assert "dødt link" in assert_clear_error(proc, "E001", "x.yaml", line=1)["msg"]
    assert "i ring" in assert_clear_error(proc, "E001", "a.yaml", line=1)["msg"]
    build = run_cli("build", str(folder), "--format", "json", "--today", TODAY, build_dir=tmp_path / "_build")
    assert_clear_error(build, "E001", "x.yaml", line=1)
    assert not (tmp_path / "_build" / "testby").exists()  # nothing published, nothing staged
    assert tree_hash(folder) == before


def test_hidden_files_and_editor_leftovers_are_ignored(folder_factory):
    folder = folder_factory(files={".udkast.yaml": "ugyldig: [\n", "kommune.yaml~": "ugyldig: [\n"})
    (folder / "._kommune.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02Mac OS X")
    os.symlink("root@host.4711:1700000000", folder / ".#kommune.yaml")  # Emacs' lock file
    result = run(folder)
    assert result.model is not None and result.findings == [], [f.format_line() for f in result.findings]


def test_yml_files_are_read_like_yaml(folder_factory):
    folder = folder_factory()
    (folder / "portefolje.yaml").rename(folder / "portefolje.yml")
    result = run(folder)
    assert result.model is not None and result.model.portfolio is not None
    (folder / "ekstra.yml").write_text("goals: [\n", encoding="utf-8")
    assert _rules(run(folder)) == [("E001", "ekstra.yml", 2)]


def test_a_named_pipe_is_a_finding_not_a_hang(folder_factory):
    folder = folder_factory()
    os.mkfifo(folder / "x.yaml")
    assert _rules(run(folder)) == [("E001", "x.yaml", 1)]


def test_a_huge_file_is_refused_before_it_is_read(folder_factory):
    folder = folder_factory()
    with open(folder / "stor.yaml", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used, but too big to parse
    result = run(folder)
    assert _rules(result) == [("E001", "stor.yaml", 1)]
    assert "for stor" in result.findings[0].message


@needs_unprivileged
def test_unreadable_file_is_a_danish_error_naming_it(folder_factory):
    folder = folder_factory(files={"zz.yaml": "goals:\n  - {id: G-X, title: T}\n"})
    os.chmod(folder / "zz.yaml", 0)
    proc = run_cli("validate", str(folder), "--today", TODAY, unprivileged=True)
    match = assert_clear_error(proc, "E001", "zz.yaml", line=1)
    assert match["msg"] == "filen kan ikke læses: ingen adgang (tjek rettighederne)"


@needs_unprivileged
@pytest.mark.parametrize(("mode", "named"), [(0o000, "data"), (0o644, "kommune.yaml")], ids=["no-read", "no-search"])
def test_unreadable_folder_is_not_an_empty_one(folder_factory, mode, named):
    """A folder that cannot be listed is named itself; one that can be listed but not
    entered names each file it cannot open. Never "contains no *.yaml files"."""
    folder = folder_factory()
    os.chmod(folder, mode)
    try:
        proc = run_cli("validate", str(folder), "--today", TODAY, unprivileged=True)
    finally:
        os.chmod(folder, 0o755)
    match = assert_clear_error(proc, "E001", named, line=1)
    assert "ingen adgang" in match["msg"] and "ingen *.yaml" not in proc.stdout


def test_role_catalogue_does_not_follow_links_out_of_its_folder(tmp_path):
    roles = tmp_path / "roles"
    shutil.copytree(REPO / "handbook" / "roles", roles)
    catalogue, findings = load_catalogue(roles)
    assert findings == [] and "projektleder" in catalogue
    os.symlink("/etc/passwd", roles / "zz.yaml")
    os.symlink("/nowhere.yaml", roles / "zy.yaml")
    (roles / ".skjult.yaml").write_text("id: [\n", encoding="utf-8")
    catalogue, findings = load_catalogue(roles)
    assert sorted((f.rule, Path(f.location.path).name) for f in findings) == [("E001", "zy.yaml"), ("E001", "zz.yaml")]
    assert not any("root" in f.message for f in findings) and "projektleder" in catalogue


def test_validation_cache_survives_a_dangling_link_and_sees_it_go(folder_factory):
    from livinghandbook.validation_cache import cached_validation, data_date

    folder = folder_factory()
    os.symlink("findes-ikke.yaml", folder / "x.yaml")
    first = cached_validation(str(folder), TODAY, str(REPO / "handbook" / "roles"))
    assert [f.rule for f in first.findings] == ["E001"] and first.model is None
    assert data_date(folder) is not None  # the dangling link is skipped, not stat'ed into a crash
    (folder / "x.yaml").unlink()
    second = cached_validation(str(folder), TODAY, str(REPO / "handbook" / "roles"))
    assert second.model is not None


def test_fixture_folder_is_never_written(folder_factory, tmp_path):
    folder = folder_factory(files={"zz.yaml": "goals:\n  - {id: G-X, title: '   '}\n"})
    before = tree_hash(folder)
    run_cli("validate", str(folder), "--today", TODAY)
    run_cli("build", str(folder), "--format", "json", "--today", TODAY, build_dir=tmp_path / "_build")
    assert tree_hash(folder) == before and tree_hash(FIXTURES / "clean") == tree_hash(FIXTURES / "clean")
