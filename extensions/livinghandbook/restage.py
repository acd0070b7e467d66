"""Copy changed handbook sources into a staging folder (``make serve``'s pre-build step)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import paths
from .build import GENERATED, sync_tree

if __name__ == "__main__":  # pragma: no cover - run by sphinx-autobuild
    sync_tree(paths.handbook_dir(), Path(sys.argv[1]), keep=GENERATED)
