"""Building blocks for the bad-input catalogue (``bad_input_cases.py``): each returns a
``setup(folder, scratch)`` that changes a copy of the clean fixture."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Setup = Callable[[Path, Path], None]  # (data folder, scratch folder) -> None

SECRET = "HEMMELIG-NABOKOMMUNE-7c1f"
PASSWD_LINE = "root:x:0:0"
BIG = "lorem ipsum " * 1700  # ~20 KB, the anchor of the alias bombs


@dataclass(frozen=True)
class Case:
    name: str
    group: str
    setup: Setup
    expect: str = "error"
    rules: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    secret: str = ""
    wrong: str = ""  # a message that would be false here (e.g. "no *.yaml files" for an unreadable folder)
    unprivileged: bool = False  # run without root's right to bypass file permissions
    own_root: bool = False  # the case changes the role catalogue (HANDBOOK_ROOT)


def zz(text: str | bytes, name: str = "zz.yaml") -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return setup


def files(named: dict[str | bytes, str | bytes]) -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        for name, text in named.items():
            path = os.path.join(os.fsencode(folder), os.fsencode(name))
            with open(path, "wb") as handle:
                handle.write(text.encode("utf-8") if isinstance(text, str) else text)
    return setup


def edit(name: str, old: str, new: str) -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


def chain(*steps: Setup) -> Setup:
    def setup(folder: Path, scratch: Path) -> None:
        for step in steps:
            step(folder, scratch)
    return setup


def link(name: str, target: str | Callable[[Path, Path], str]) -> Setup:
    def setup(folder: Path, scratch: Path) -> None:
        os.symlink(target(folder, scratch) if callable(target) else target, folder / name)
    return setup


def neighbour(text: str) -> Callable[[Path, Path], str]:
    """Another municipality's file, outside the data folder."""
    def make(_folder: Path, scratch: Path) -> str:
        other = scratch / "nabokommune"
        other.mkdir(exist_ok=True)
        (other / "personer.yaml").write_text(text, encoding="utf-8")
        return str(other / "personer.yaml")
    return make


def chmod(name: str, mode: int) -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        os.chmod(folder / name if name else folder, mode)
    return setup


def remove(name: str) -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        (folder / name).unlink()
    return setup


def replace_folder(kind: str) -> Setup:
    def setup(folder: Path, scratch: Path) -> None:
        shutil.rmtree(folder)
        if kind == "file":
            folder.write_text("municipality: {id: x, name: X}\n", encoding="utf-8")
        elif kind == "empty":
            folder.mkdir()
        elif kind == "subfolder":
            (folder / "undermappe").mkdir(parents=True)
            shutil.copy(Path(__file__).parents[1] / "fixtures/clean/kommune.yaml", folder / "undermappe")
        elif kind == "symlink":
            real = scratch / "rigtig-mappe"
            shutil.copytree(Path(__file__).parents[1] / "fixtures/clean", real)
            os.symlink(real, folder)
        # "missing": nothing
    return setup


def fifo(name: str) -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        os.mkfifo(folder / name)
    return setup


def roles_file(name: str, text: str | None = None, target: str | None = None) -> Setup:
    """Change the role catalogue of the case's own HANDBOOK_ROOT."""
    def setup(_folder: Path, scratch: Path) -> None:
        roles = scratch / "root" / "handbook" / "roles"
        if target is not None:
            os.symlink(target, roles / name)
        else:
            (roles / name).write_text(text or "", encoding="utf-8")
    return setup


def many_files(count: int) -> Setup:
    def setup(folder: Path, _scratch: Path) -> None:
        for i in range(count):
            (folder / f"m{i:04d}.yaml").write_text(f"goals:\n  - {{id: G-M{i}, title: Mål {i}}}\n",
                                                     encoding="utf-8")
    return setup


def alias_bomb(aliases: int) -> str:
    refs = ", ".join(["*a"] * aliases)
    return (f"projects:\n  - id: PR-BOMBE\n    title: Bombe\n    purpose: &a '{BIG}'\n"
            f"    success_criteria: [{refs}]\n")


def project(extra: str) -> str:
    return f"projects:\n  - {{id: PR-X, title: T, {extra}}}\n"


def benefit_with(indicator: str) -> str:
    return ("benefits:\n  - id: B-X\n    title: T\n    kind: quality\n    indicators:\n"
            f"      - {indicator}\n")


def title(text: str) -> str:
    return f"goals:\n  - {{id: G-X, title: {text}}}\n"


# YAML single quotes: '' is one quote.
EXEC_TITLE = "'[[copy(\"id\", filter=\"__import__(''os'').system(''touch {marker}'') == 0 or True\")]]'"


def exec_title(_folder: Path, scratch: Path) -> None:
    marker = scratch / "PWNED"
    (_folder / "zz.yaml").write_text(title(EXEC_TITLE.format(marker=marker)), encoding="utf-8")


