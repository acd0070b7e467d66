"""``make serve``: live preview with sphinx-autobuild, rebuilding when the handbook
sources *or* the municipality's data folder change.

    .venv/bin/python -m livinghandbook.serve <slug-or-folder> [--port 8000]

The preview has a work folder of its own (``_build/<id>/.work/preview``), so it never
disturbs ``handbook build``. The handbook sources are staged there first and re-staged
before each rebuild (``--pre-build``); sphinx-autobuild watches the data folder and the
sources and serves the site on 127.0.0.1. Findings — errors included — are shown on the
console and in the preview, and the preview keeps running: it exists so that an editor
can fix the data while watching. Data errors are shown on the pages until fixed.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from . import paths
from .build import GENERATED, sync_tree
from .validate import validate_folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="handbook-serve", description=__doc__.splitlines()[0])
    ap.add_argument("municipality")
    ap.add_argument("--port", default="8000")
    args = ap.parse_args(argv)
    folder = paths.resolve_municipality(args.municipality).resolve()
    validation = validate_folder(folder)
    for finding in validation.findings:
        print(finding.format_line(), file=sys.stderr)
    if validation.model is None:
        print("Data har fejl (se ovenfor); forhåndsvisningen viser dem, indtil de er rettet.", file=sys.stderr)
    work = paths.build_root() / (validation.model.id if validation.model else folder.name) / ".work" / "preview"
    src = work / "src"
    sync_tree(paths.handbook_dir(), src, keep=GENERATED)
    restage = f"{shlex.quote(sys.executable)} -m livinghandbook.restage {shlex.quote(str(src))}"
    from sphinx_autobuild.__main__ import main as autobuild

    return autobuild([
        str(src), str(work / "out"),
        "--watch", str(folder), "--watch", str(paths.handbook_dir()),
        "--ignore", str(src),  # the staging area is written by the pre-build step
        "--pre-build", restage,
        "--host", "127.0.0.1", "--port", args.port,
        "-d", str(work / "doctrees"),
        "-D", f"handbook_data_dir={folder}",
        "-D", f"handbook_roles_dir={paths.roles_dir()}",
    ]) or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
