"""Helpers shared by the tests (fixtures live in conftest.py).

Fixture folders are copied to a temporary folder, never used in place, so no test can
write into a data folder under tests/.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
from pathlib import Path

from livinghandbook.validate import Validation, validate_folder

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 28)  # G08 needs a fixed "today" for reproducible results


def make_folder(tmp_path: Path, base: str = "clean", files: dict[str, str] | None = None) -> Path:
    """Copy a fixture folder and add or replace files in the copy."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / base, folder)
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def hide_names(folder: Path) -> Path:
    """Switch off ``publish_names`` in a copied folder's kommune.yaml (returns the folder)."""
    path = folder / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  reporting_interval_days: 90", "  reporting_interval_days: 90\n  publish_names: false"), encoding="utf-8")
    return folder


def page_text(page: str) -> str:
    """What an HTML page shows as text: tags removed, entities decoded, white space as one space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def run(folder: Path) -> Validation:
    return validate_folder(folder, today=TODAY)


def markers(text: str) -> set[tuple[int, str]]:
    """The (line, entity id) pairs marked with '# finding: ID' in an overlay file."""
    found = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.search(r"#\s*finding:\s*(\S+)", line)
        if match:
            found.add((number, match.group(1)))
    return found


def build_into(folder: Path, out: Path, **kwargs) -> int:
    """``handbook build`` with the output in ``out`` instead of the repository's _build."""
    from livinghandbook.build import build

    old = os.environ.get("HANDBOOK_BUILD_DIR")
    os.environ["HANDBOOK_BUILD_DIR"] = str(out)
    try:
        return build(folder, today=TODAY, **kwargs)
    finally:
        if old is None:
            os.environ.pop("HANDBOOK_BUILD_DIR", None)
        else:
            os.environ["HANDBOOK_BUILD_DIR"] = old
