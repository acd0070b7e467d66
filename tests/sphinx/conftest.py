"""Sphinx-level tests: the extension in ``SphinxTestApp``s built from the test roots in
``tests/roots`` (``@pytest.mark.sphinx(builder, testroot=…)``), asserting on output,
doctrees and warnings instead of console text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from helpers import FIXTURES, TODAY


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parents[1] / "roots"


@pytest.fixture(autouse=True)
def _build_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_BUILD_DIR", str(tmp_path / "_build"))  # the parse cache goes here


def overrides(data: Path, **extra: Any) -> dict[str, Any]:
    return {"handbook_data_dir": str(data), "handbook_today": TODAY.isoformat(), **extra}


CLEAN = overrides(FIXTURES / "clean")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the clean fixture that a test may edit."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", folder)
    return folder
