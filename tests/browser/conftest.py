"""Browser tests: the demo handbook served on 127.0.0.1, driven by Debian's Chromium
through playwright (no browser download), with axe-core from npm for accessibility."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/helpers.py
from helpers import REPO, build_into  # noqa: E402
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The bundled demo municipality, built once for all browser tests."""
    out = tmp_path_factory.mktemp("browser") / "_build"
    assert build_into(REPO / "municipality_data" / "solbjerg", out) == 0
    return out / "solbjerg" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


@pytest.fixture(scope="session")
def base_url(demo_site: Path):
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium mangler: kør 'make setup' (scripts/bootstrap.sh browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records console errors and every request it makes."""
    context = browser.new_context(base_url=base_url, locale="da-DK")
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.requests = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.on("request", lambda req: page.requests.append(req.url))
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core mangler: kør 'make setup' (npm ci)")
    return AXE.read_text(encoding="utf-8")
