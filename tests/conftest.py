"""Fixtures shared by the tests; plain helpers are in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import make_folder


@pytest.fixture
def folder_factory(tmp_path: Path):
    def factory(base: str = "clean", files: dict[str, str] | None = None) -> Path:
        return make_folder(tmp_path, base, files)
    return factory
