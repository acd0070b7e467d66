"""The WeasyPrint run: print HTML → tagged PDF/A-2a, then PDF/UA-1 (``finish.py``).

One layout of the body; the index is laid out afterwards as a short document of its own
(it needs the body's page numbers, see ``index.py``) and its pages are appended, so the
body is never laid out twice. Fonts are the system's through fontconfig (Open Sans for
text, Liberation Sans for diagram labels, DejaVu and Symbola as fallbacks, all from
Debian: ``scripts/bootstrap.sh`` feature ``pdf``); WeasyPrint embeds subsets of them.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from ..model.entities import Municipality
from . import finish, index
from .front import STYLESHEET

# WeasyPrint writes one PDF variant; PDF/A-2a is the one that also tags, so the PDF/UA-1
# identification is added afterwards to the same tagged file (finish.py says why that holds).
VARIANT = "pdf/a-2a"


def write_pdf(html_path: Path, pdf_path: Path, model: Municipality,
              language: str) -> tuple[dict[str, float], list[str]]:
    """Lay out ``html_path`` and write the finished PDF to ``pdf_path`` (atomically);
    returns the page count and the seconds each step took, and WeasyPrint's errors."""
    problems = _Problems()
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.addHandler(problems)
    try:
        stats = _write(html_path, pdf_path, model, language)
    finally:
        weasyprint_log.removeHandler(problems)
    return stats, problems.messages


def _write(html_path: Path, pdf_path: Path, model: Municipality, language: str) -> dict[str, float]:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    started = time.perf_counter()
    body = HTML(filename=str(html_path)).render(font_config=fonts, pdf_variant=VARIANT)
    page_of: dict[str, int] = {}
    for number, page in enumerate(body.pages, start=1):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    index_html = index.index_page(model, page_of, len(body.pages) + 1, STYLESHEET.as_uri(), language)
    # The same base URL as the body: the index's "#anchor" links are links into the body.
    appendix = HTML(string=index_html, base_url=str(html_path)).render(font_config=fonts, pdf_variant=VARIANT)
    document = body.copy([*body.pages, *appendix.pages])
    laid_out = time.perf_counter()
    raw = pdf_path.with_name(f".{pdf_path.name}.{os.getpid()}.weasyprint")
    try:
        document.write_pdf(raw, pdf_variant=VARIANT)
        written = time.perf_counter()
        finish.finish(raw, pdf_path)
    finally:
        raw.unlink(missing_ok=True)
    return {"pages": len(document.pages), "layout": laid_out - started, "write": written - laid_out,
            "finish": time.perf_counter() - written}


class _Problems(logging.Handler):
    """WeasyPrint's errors (a missing image or anchor, a figure without alt text), kept
    to be reported as the build's warnings."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
