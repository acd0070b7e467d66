"""Every page is written as a new file, never over the old one.

The published site shares its files with Sphinx's work folder (hard links: copying 5,000
files took seconds, linking them almost nothing; ``publish.py``). Sphinx's HTML writer
opens a page's file for writing, which would change the published page while the build
runs; removing the old file first (``html-page-context`` comes just before the page is
written) makes the writer create a new one, and the published site keeps the old page
until the finished build is swapped in.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import _compat


def write_pages_anew(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: remove the page's old file before Sphinx writes the new one."""
    path = _compat.output_path(app.builder, pagename)
    if path is not None:
        path.unlink(missing_ok=True)
