"""Fixtures shared by the tests; plain helpers are in helpers.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests in subfolders import helpers.py too

pytest_plugins = ["sphinx.testing.fixtures"]  # SphinxTestApp, for tests/sphinx (test roots: tests/roots)

from helpers import make_folder  # noqa: E402


@pytest.fixture
def folder_factory(tmp_path: Path):
    def factory(base: str = "clean", files: dict[str, str] | None = None) -> Path:
        return make_folder(tmp_path, base, files)
    return factory
