"""Publishing is atomic and every build failure is a message (issue 11, items 2, 5, 6, 12).

A reader of ``_build/<id>/html`` — or a web server serving it — must see the complete old
site or the complete new one at every instant: while a build runs, after a build is
killed at any moment, after it fails on a full or unwritable disk, and while two builds
run at once. Builds run as separate processes here, so they can be killed and limited."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from build_runner import DOT, Swapped, build, command, edit, env_for, manifest, start, two_versions
from helpers import TODAY, build_into
from livinghandbook.publish import _old, publish_tree, recover
from livinghandbook.sphinxext import charts

pytestmark = pytest.mark.slow
SITE = ("testby", "html")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], dict[str, str]]:
    """A build folder holding site A, the data edited to B, and the manifests of a clean A and B."""
    root = tmp_path_factory.mktemp("versions")
    data, old, new = two_versions(root)
    assert build(data, root / "clean-b-first").returncode == 0  # warm caches only
    base = root / "base"
    assert build(data, base).returncode == 0
    site_a = manifest(base.joinpath(*SITE))
    edit(data, old, new)
    clean_b = root / "clean-b"
    result = build(data, clean_b)
    assert result.returncode == 0, result.stderr
    return data, base, site_a, manifest(clean_b.joinpath(*SITE))


def _trial(base: Path, tmp_path: Path, name: str) -> Path:
    trial = tmp_path / name
    shutil.copytree(base, trial, symlinks=True)
    return trial


def test_killed_builds_leave_the_old_or_the_new_site_and_the_next_build_recovers(versions, tmp_path):
    data, base, site_a, site_b = versions
    assert site_a != site_b
    outcomes = []
    for index, delay in enumerate((0.3, 0.8, 1.3, 1.8, 2.3, 2.8, 3.4, 4.0, 5.0, 6.5)):
        trial = _trial(base, tmp_path, f"kill-{index}")
        process = start(data, trial)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        seen = manifest(trial.joinpath(*SITE))
        assert seen in (site_a, site_b), f"killed after {delay} s: a mixed site"
        outcomes.append("A" if seen == site_a else "B")
        result = build(data, trial)
        assert result.returncode == 0, result.stderr
        assert manifest(trial.joinpath(*SITE)) == site_b, f"the build after a kill at {delay} s is not complete"
    assert "A" in outcomes  # the kills did land while the build ran


def test_the_site_is_never_half_written_while_a_build_runs(versions, tmp_path):
    data, base, site_a, site_b = versions
    trial = _trial(base, tmp_path, "watched")
    process = start(data, trial)
    seen = []
    while process.poll() is None:
        try:
            seen.append(manifest(trial.joinpath(*SITE)))
        except (FileNotFoundError, Swapped):
            continue  # read across the swap: the old folder is deleted after it; read again by path

    assert process.returncode == 0
    seen.append(manifest(trial.joinpath(*SITE)))
    assert len(seen) > 3
    assert all(s in (site_a, site_b) for s in seen)
    assert seen[-1] == site_b


def test_concurrent_builds_of_one_municipality_wait_for_each_other(versions, tmp_path):
    data, base, _site_a, site_b = versions
    trial = _trial(base, tmp_path, "concurrent")
    processes = [start(data, trial), start(data, trial), start(data, trial, "--format", "json")]
    errors = [p.communicate()[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], errors
    assert not any("Traceback" in e for e in errors)
    assert any("venter" in e for e in errors[:2])  # the second HTML build said why it waited
    assert manifest(trial.joinpath(*SITE)) == site_b
    assert (trial / "testby" / "json" / "needs.json").is_file()


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_000, 16_000))


def test_a_full_disk_fails_with_a_message_and_keeps_the_old_site(versions, tmp_path):
    data, base, site_a, site_b = versions
    trial = _trial(base, tmp_path, "full")
    result = build(data, trial, preexec=_limit_file_size)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Bygningen fejlede: filen er for stor til disken" in result.stderr
    assert "Den forrige udgave er ikke ændret" in result.stderr
    assert manifest(trial.joinpath(*SITE)) == site_a
    assert build(data, trial).returncode == 0
    assert manifest(trial.joinpath(*SITE)) == site_b


def test_an_unwritable_build_folder_is_a_message(versions, tmp_path):
    """Root writes anywhere, so as root the build runs without the capability that lets it
    ignore file permissions (util-linux's setpriv), as an unprivileged CI user would."""
    data, base, site_a, _site_b = versions
    trial = _trial(base, tmp_path, "readonly")
    for path in [trial, *trial.rglob("*")]:
        if not path.is_symlink():
            os.chmod(path, path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs util-linux's setpriv to drop root's permission override")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    result = subprocess.run([*prefix, *command(data)], env=env_for(trial), capture_output=True, text=True,
                            timeout=600)
    for path in [trial, *trial.rglob("*")]:
        if not path.is_symlink():
            os.chmod(path, path.stat().st_mode | stat.S_IWUSR)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Bygningen fejlede: ingen adgang (" in result.stderr, result.stderr[-2000:]
    assert manifest(trial.joinpath(*SITE)) == site_a


@pytest.mark.skipif(DOT is None, reason="needs graphviz")
def test_a_missing_dot_is_reported_every_time_and_never_cached(tmp_path):
    data, _old_title, _new = two_versions(tmp_path)
    out = tmp_path / "build"
    no_dot = {"PATH": str(tmp_path / "empty-path")}
    first = build(data, out, env={**os.environ, "HANDBOOK_BUILD_DIR": str(out), **no_dot})
    assert first.returncode == 0
    assert "diagrammet kunne ikke tegnes" in first.stderr and "[handbook.diagram]" in first.stderr
    page = out / "testby" / "html" / "program" / "P-1.html"
    assert "handbook-diagram-missing" in page.read_text(encoding="utf-8")
    strict = build(data, out, "--strict", env={**os.environ, "HANDBOOK_BUILD_DIR": str(out), **no_dot})
    assert strict.returncode == 1 and "diagrammet kunne ikke tegnes" in strict.stderr
    fixed = build(data, out, "--strict")
    assert fixed.returncode == 0, fixed.stderr
    text = page.read_text(encoding="utf-8")
    assert "handbook-diagram-missing" not in text and text.count("<object data=") == 2


def test_a_chart_that_cannot_be_drawn_is_a_typed_warning(folder_factory, tmp_path, monkeypatch, capsys):
    def broken(spec: dict[str, object]) -> str:
        raise ValueError("tegnefejl")

    monkeypatch.setitem(charts.DRAW, "indicator", broken)
    assert build_into(folder_factory(), tmp_path / "out", strict=True) == 1
    err = capsys.readouterr().err
    assert "kunne ikke tegnes: tegnefejl" in err and "[handbook.chart]" in err
    page = (tmp_path / "out" / "testby" / "html" / "program" / "P-1.html").read_text(encoding="utf-8")
    assert "handbook-chart-missing" in page


def test_a_planted_project_page_store_runs_nothing(folder_factory, tmp_path):
    out = tmp_path / "out"
    folder = folder_factory()
    assert build_into(folder, out) == 0
    from livinghandbook.sphinxext.generated_pages import STORE

    store = out / "testby" / ".work" / "html" / "doctrees" / STORE
    assert store.is_file()
    marker = tmp_path / "ran"
    store.write_bytes(b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR.")  # a pickle that runs a command
    assert build_into(folder, out) == 0
    assert not marker.exists()
    assert "Vasketoiletter" in (out / "testby" / "html" / "projekt" / "PR-1.html").read_text(encoding="utf-8")


# -- the swap itself -------------------------------------------------------------------------------
def test_the_published_site_shares_only_files_that_are_written_anew(tmp_path):
    """Files rewritten in place (static assets) are copied; pages, which the build writes as
    new files (the old one removed first), are hard-linked: publishing thousands of pages
    costs links, not copies, and no write of the next build reaches the published site."""
    built, site = tmp_path / "built", tmp_path / "site"
    (built / "_static").mkdir(parents=True)
    (built / "_static" / "a.css").write_text("første", encoding="utf-8")
    (built / "side.html").write_text("første", encoding="utf-8")
    linkable = lambda path: path.endswith(".html") and not path.startswith("_static/")  # noqa: E731
    publish_tree(built, site, linkable=linkable)
    publish_tree(built, site, linkable=linkable)  # unchanged assets are shared with the previous site only
    assert os.stat(built / "_static" / "a.css").st_ino != os.stat(site / "_static" / "a.css").st_ino
    assert os.stat(built / "side.html").st_ino == os.stat(site / "side.html").st_ino
    (built / "_static" / "a.css").write_text("anden", encoding="utf-8")  # Sphinx copies assets in place
    (built / "side.html").unlink()  # sphinxext/fresh_output.py, before a page is written
    (built / "side.html").write_text("anden", encoding="utf-8")
    assert (site / "_static" / "a.css").read_text(encoding="utf-8") == "første"
    assert (site / "side.html").read_text(encoding="utf-8") == "første"
    publish_tree(built, site, linkable=linkable)
    assert (site / "_static" / "a.css").read_text(encoding="utf-8") == "anden"
    assert (site / "side.html").read_text(encoding="utf-8") == "anden"


def test_a_build_killed_between_the_two_renames_is_recovered(tmp_path):
    site = tmp_path / "html"
    site.mkdir()
    (site / "index.html").write_text("gammel", encoding="utf-8")
    site.rename(_old(site))  # the fallback swap was killed after its first rename
    recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "gammel"
    assert not _old(site).exists()


