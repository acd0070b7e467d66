"""``make serve``: live preview with sphinx-autobuild, rebuilding when the handbook
sources *or* the municipality's data folder change.

    .venv/bin/python -m livinghandbook.serve <slug-or-folder> [--port 8000]

The staged sources are prepared by a normal ``handbook build`` first; sphinx-autobuild
then watches the data folder and the handbook sources (re-staged before each rebuild
by ``--pre-build``) and serves the site on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from . import paths
from .build import build
from .validate import validate_folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="handbook-serve", description=__doc__.splitlines()[0])
    ap.add_argument("municipality")
    ap.add_argument("--port", default="8000")
    args = ap.parse_args(argv)
    folder = paths.resolve_municipality(args.municipality).resolve()
    if build(folder) != 0:
        return 1
    model = validate_folder(folder).model
    assert model is not None
    out = paths.build_root() / model.id
    restage = f"{shlex.quote(sys.executable)} -m livinghandbook.restage {shlex.quote(str(out / 'src'))}"
    from sphinx_autobuild.__main__ import main as autobuild

    return autobuild([
        str(out / "src"), str(out / "preview"),
        "--watch", str(folder), "--watch", str(paths.handbook_dir()),
        "--ignore", str(out / "src"),  # the staging area is written by the pre-build step
        "--pre-build", restage,
        "--host", "127.0.0.1", "--port", args.port,
        "-d", str(out / ".work" / "doctrees-preview"),
        "-D", f"handbook_data_dir={folder}",
        "-D", f"handbook_roles_dir={paths.roles_dir()}",
    ]) or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
