"""Kill a build at many moments and count what the published site looked like afterwards.

    .venv/bin/python tests/faults/kill_count.py [--code <checkout>] [--kills 15]

Builds the clean fixture (site A), edits a project title, then for each moment from 0.5 s
on (every 0.4 s) copies the build folder, starts the build of the edited data in a fresh
process, kills it with SIGKILL and reads the published site through one directory handle:
"complete" is the old or the new site exactly, "mixed" anything else, "none" no site at
all. ``--code`` runs another checkout (``PYTHONPATH=<checkout>/extensions``) with the same
interpreter, to measure the code before a change. A measurement, not a test (the test is
``test_publish_faults.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from build_runner import manifest  # noqa: E402
from helpers import FIXTURES, REPO, TODAY  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--code", default=str(REPO), help="the checkout whose code builds (default: this one)")
    ap.add_argument("--kills", type=int, default=15)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="handbook-kills-"))
    data = root / "data"
    shutil.copytree(FIXTURES / "clean", data)
    cmd = [sys.executable, "-m", "livinghandbook.cli", "build", str(data), "--today", TODAY.isoformat()]

    def env(build: Path) -> dict[str, str]:
        return dict(os.environ, HANDBOOK_BUILD_DIR=str(build), PYTHONHASHSEED="0",
                    PYTHONPATH=str(Path(args.code) / "extensions"))

    base = root / "base"
    subprocess.run(cmd, env=env(base), capture_output=True, check=True)
    site_a = manifest(base / "testby" / "html")
    path = data / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Vasketoiletter", "title: Skylletoiletter"),
                    encoding="utf-8")
    clean = root / "clean"
    subprocess.run(cmd, env=env(clean), capture_output=True, check=True)
    site_b = manifest(clean / "testby" / "html")
    counts = {"complete": 0, "mixed": 0, "none": 0}
    for index in range(args.kills):
        delay = 0.5 + 0.4 * index
        trial = root / f"kill-{index}"
        shutil.copytree(base, trial, symlinks=True)
        process = subprocess.Popen(cmd, env=env(trial), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.kill()
        process.wait()
        site = trial / "testby" / "html"
        if not site.exists():
            counts["none"] += 1
        else:
            counts["complete" if manifest(site) in (site_a, site_b) else "mixed"] += 1
    print(f"{args.code}: {counts} after {args.kills} kills from 0.5 s to {0.5 + 0.4 * (args.kills - 1):.1f} s")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
