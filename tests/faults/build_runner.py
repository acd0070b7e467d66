"""Running ``handbook build`` as a separate process, and reading what it published, for
the fault tests: a process can be killed, limited or run as another user; a function
call cannot."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from helpers import FIXTURES, TODAY

DOT = shutil.which("dot")


def command(data: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "livinghandbook.cli", "build", str(data), "--today", TODAY.isoformat(), *extra]


def env_for(build_dir: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, HANDBOOK_BUILD_DIR=str(build_dir), PYTHONHASHSEED="0", **extra)


def build(data: Path, build_dir: Path, *extra: str, preexec: Callable[[], None] | None = None,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(data, *extra), env=env or env_for(build_dir), capture_output=True, text=True,
                          preexec_fn=preexec, timeout=600)


def start(data: Path, build_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(command(data, *extra), env=env_for(build_dir), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


class Swapped(Exception):
    """The folder was replaced while it was read: what was read is the old folder being
    deleted, not a state of the published path."""


def manifest(site: Path) -> dict[str, str]:
    """Every file of a published folder and a hash of its content, read through one open
    handle of the folder; raises ``Swapped`` (or ``FileNotFoundError``) when the folder
    at that path was replaced meanwhile, so what is returned was the published folder
    during the whole read."""
    out: dict[str, str] = {}
    fd = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for root, _dirs, files, root_fd in os.fwalk(".", dir_fd=fd):
            for name in files:
                file_fd = os.open(name, os.O_RDONLY, dir_fd=root_fd)
                with os.fdopen(file_fd, "rb") as handle:
                    out[os.path.normpath(os.path.join(root, name))] = hashlib.sha256(handle.read()).hexdigest()
        if os.fstat(fd).st_ino != os.stat(site).st_ino:
            raise Swapped(site)
    finally:
        os.close(fd)
    return out


def two_versions(tmp: Path) -> tuple[Path, str, str]:
    """A data folder and the project title before and after an edit."""
    data = tmp / "data"
    shutil.copytree(FIXTURES / "clean", data)
    return data, "title: Vasketoiletter", "title: Skylletoiletter"


def edit(data: Path, old: str, new: str) -> None:
    path = data / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
