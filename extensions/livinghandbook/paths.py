"""Where things are: the repository's handbook sources, role catalogue and data folders.

The package is installed in editable mode from the repository (``make`` does this), so
the repository root is found from this file. ``HANDBOOK_ROOT`` overrides it, for a
municipality that keeps its data in a repository of its own.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    env = os.environ.get("HANDBOOK_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def handbook_dir() -> Path:
    return repo_root() / "handbook"


def roles_dir() -> Path:
    return handbook_dir() / "roles"


def data_root() -> Path:
    """Where slugs are looked up and ``build-all`` looks; ``HANDBOOK_DATA_ROOT`` overrides."""
    return Path(os.environ.get("HANDBOOK_DATA_ROOT", repo_root() / "municipality_data")).resolve()


def build_root() -> Path:
    return Path(os.environ.get("HANDBOOK_BUILD_DIR", repo_root() / "_build")).resolve()


def resolve_municipality(arg: str) -> Path:
    """A folder path as given, else a slug under ``municipality_data/``."""
    candidate = Path(arg)
    if candidate.is_dir() or os.sep in arg or arg.startswith("."):
        return candidate
    return data_root() / arg


def municipality_folders() -> list[Path]:
    root = data_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (any(p.glob("*.yaml")) or any(p.glob("*.yml"))))
