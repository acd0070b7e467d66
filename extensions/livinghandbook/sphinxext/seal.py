"""The code seal: a hash of the extension's own code and assets.

Pages are rebuilt when their data changes (fingerprints, ``incremental.py``); they must
also be rebuilt when the code that draws them changes, or an upgrade would leave pages
drawn by the old code next to pages drawn by the new (the doctrees, the generated
project pages and the diagram and chart files all outlive the process). The seal is
part of every page's record and of every drawn file's name, so a changed renderer,
view or diagram module reaches every page on the next incremental build, and the
result equals a clean build (``tests/sphinx/test_incremental.py``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .. import __version__

PACKAGE = Path(__file__).resolve().parents[1]
SUFFIXES = (".py", ".json", ".html", ".css", ".js", ".svg", ".yaml")


@lru_cache(maxsize=1)
def code_seal() -> str:
    """sha256 over the version and every source and asset file of the package."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8"))
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]
