"""``make serve`` keeps serving when a method finding is an error, and shows it (issue 11, item 11)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import FIXTURES

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_keeps_serving_and_shows_an_error_finding(folder_factory, tmp_path):
    folder = folder_factory(files={"zz.yaml": (FIXTURES / "rules" / "G01" / "break.yaml").read_text(encoding="utf-8")})
    port = _free_port()
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(tmp_path / "_build"))
    process = subprocess.Popen([sys.executable, "-m", "livinghandbook.serve", str(folder), "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        page = ""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/fund.html", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert "G01" in page and "P-X" in page
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=30)
    assert "error: G01" in err  # the finding is on the console too
    assert not any(Path(folder).glob("_build*"))  # nothing written into the data folder
