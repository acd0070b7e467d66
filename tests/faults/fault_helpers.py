"""What the fault tests share: the CLI as an editor runs it, and a folder hash.

``run_cli`` starts ``handbook`` in a fresh process, so exit codes, stdout/stderr and
tracebacks are exactly what an editor or CI sees. ``unprivileged=True`` runs it without
root's right to bypass file permissions (the test machines run as root, for whom
``chmod 000`` means nothing): the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
are dropped from the bounding set before the exec.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): "
                  r"(?P<rule>[EG]\d{2,3}): (?P<msg>.+)$")
TODAY = "2026-11-28"


def _drop_file_capabilities() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH; 24 = PR_CAPBSET_DROP
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")


def can_drop_capabilities() -> bool:
    if os.geteuid() != 0:
        return True  # file permissions apply anyway
    probe = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_file_capabilities,
                           capture_output=True, check=False)
    return probe.returncode == 0


def run_cli(*args: str, build_dir: Path | None = None, unprivileged: bool = False,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if build_dir is not None:
        env["HANDBOOK_BUILD_DIR"] = str(build_dir)
    preexec = _drop_file_capabilities if unprivileged and os.geteuid() == 0 else None
    return subprocess.run([sys.executable, "-m", "livinghandbook.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, preexec_fn=preexec, timeout=300, check=False)


def finding_lines(proc: subprocess.CompletedProcess[str]) -> list[re.Match[str]]:
    """Every finding line of stdout (validate) or stderr (build); each must parse."""
    text = proc.stdout if proc.stdout.strip() and "validate" in proc.args else proc.stderr
    found = [LINE.match(line) for line in text.splitlines()]
    return [m for m in found if m]


def assert_clear_error(proc: subprocess.CompletedProcess[str], rule: str, path_end: str,
                       line: int | None = None) -> re.Match[str]:
    """Exit 1, no traceback, and a ``path:line:col: error: RULE`` finding for the file."""
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Traceback" not in output, output
    matches = [m for m in (LINE.match(x) for x in output.splitlines()) if m and m["rule"] == rule]
    hits = [m for m in matches if m["path"].endswith(path_end) and (line is None or int(m["line"]) == line)]
    assert hits, output
    return hits[0]


def tree_hash(root: Path) -> str:
    """Names, link targets and contents of everything in a folder (nothing followed)."""
    digest = hashlib.sha256()
    for base, dirs, names in sorted(os.walk(root, followlinks=False)):
        for name in sorted(dirs + names):
            path = Path(base, name)
            digest.update(os.fsencode(path.relative_to(root)))
            if path.is_symlink():
                digest.update(os.fsencode(os.readlink(path)))
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


needs_unprivileged = pytest.mark.skipif(not can_drop_capabilities(),
                                        reason="cannot drop root's file capabilities here")
