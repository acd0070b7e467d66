"""The content's own CSS and JavaScript only on the pages that use them.

``handbook-content.css`` and ``handbook-content.js`` (``handbook/_static``, listed in
``conf.py``) style and drive the diagrams' full-size view, the people × roles matrix and
the findings page's filter. Sphinx links every listed asset from every page and resolves
its path for each (``_file_checksum``); on the 1,000+ generated project and person pages,
which show none of these, that was measurable build time and two requests for nothing.
"""

from __future__ import annotations

from typing import Any

ASSETS = ("handbook-content.css", "handbook-content.js")
# Classes the HTML writer puts on what the assets serve.
USED_BY = ('class="handbook-diagram', "handbook-findings-severity", "handbook-matrix")


def content_assets_where_used(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                              doctree: Any) -> None:
    """``html-page-context``: drop the assets from a page whose body uses none of them."""
    body = context.get("body")
    if not isinstance(body, str) or any(marker in body for marker in USED_BY):
        return
    for key in ("css_files", "script_files"):
        if isinstance(context.get(key), list):
            context[key] = [asset for asset in context[key]
                            if not str(getattr(asset, "filename", asset) or "").endswith(ASSETS)]
