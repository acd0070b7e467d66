"""A small git repository built in a test: the clean fixture in a folder inside a larger
repository, and four commits with fixed dates and a fixed author.

    2026-09-01  Første udgave
    2026-10-01  Status på vasketoiletter       PR-1 amber → red, I-3 target 900 → 700
    2026-10-15  Ny projektleder og nyt projekt  PR-1 projektleder prl → mal, PR-3 added
    2026-11-01  PR-3 lukket                     PR-3 removed, PR-1 phase → realisation, red → green
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from helpers import FIXTURES

AUTHOR = "Anne Redaktør"
FOLDER = "kommuner/testby"
NEW_PROJECT = """projects:
  - id: PR-3
    title: Nyt projekt om skærme
    programme: P-1
    roles: {projektleder: prl}
    status: {phase: analysis, rag: green, reported: 2026-10-15}
"""


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME=AUTHOR, GIT_AUTHOR_EMAIL="anne@example.invalid", GIT_COMMITTER_NAME=AUTHOR,
               GIT_COMMITTER_EMAIL="anne@example.invalid", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True,
                          text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def make_repo(tmp_path: Path) -> Path:
    """The repository; returns the data folder inside it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    folder = repo / FOLDER
    shutil.copytree(FIXTURES / "clean", folder)
    (repo / "README.md").write_text("Andet indhold i samme repository.\n", encoding="utf-8")
    commit(repo, "Første udgave", "2026-09-01T10:00:00+02:00")
    data = folder / "kommune.yaml"
    edit(data, "status: {phase: execution, rag: amber, reported: 2026-11-01, note: Lidt forsinket.}",
         "status: {phase: execution, rag: red, reported: 2026-11-01, note: Lidt forsinket.}")
    edit(data, "target: {value: 900, date: 2027-12-31}", "target: {value: 700, date: 2027-12-31}")
    commit(repo, "Status på vasketoiletter", "2026-10-01T09:30:00+02:00")
    edit(data, "roles: {projektleder: prl, styregruppe: [sochef, pl], projektdeltager: [mal]}",
         "roles: {projektleder: mal, styregruppe: [sochef, pl], projektdeltager: [mal]}")
    (folder / "zz-nyt.yaml").write_text(NEW_PROJECT, encoding="utf-8")
    commit(repo, "Ny projektleder og nyt projekt", "2026-10-15T14:00:00+02:00")
    (folder / "zz-nyt.yaml").unlink()
    edit(data, "status: {phase: execution, rag: red, reported: 2026-11-01, note: Lidt forsinket.}",
         "status: {phase: realisation, rag: green, reported: 2026-11-01, note: Lidt forsinket.}")
    commit(repo, "PR-3 lukket", "2026-11-01T08:00:00+01:00")
    return folder
