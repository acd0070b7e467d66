"""The WeasyPrint run: print HTML → tagged PDF/A-2a, then PDF/UA-1 (``finish.py``).

One layout of the body; the index is laid out afterwards as a short document of its own
(it needs the body's page numbers, see ``index.py``) and its pages are appended, so the
body is never laid out twice. Fonts are the system's through fontconfig (Open Sans for
text, Liberation Sans for diagram labels, DejaVu and Symbola as fallbacks, all from
Debian: ``scripts/bootstrap.sh`` feature ``pdf``); WeasyPrint embeds subsets of them.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model.entities import Municipality
from . import _compat, finish, hyphenation, index
from .front import STYLESHEET

# WeasyPrint writes one PDF variant; PDF/A-2a is the one that also tags, so the PDF/UA-1
# identification is added afterwards to the same tagged file (finish.py says why that holds).
VARIANT = "pdf/a-2a"


def publish_pdf(work: Path, target: Path, model: Municipality, language: str = "da") -> list[str] | None:
    """``handbook build --format pdf``: lay out the print HTML the builder wrote in
    ``work`` and replace ``target`` atomically. Returns WeasyPrint's problems (already
    printed), or None when no PDF could be made (the previous one is left as it was)."""
    from ..sphinxext.print_builder import HTML_NAME

    source = work / HTML_NAME
    if not source.is_file():
        print("PDF'en blev ikke lavet: trykudgaven mangler; den forrige PDF er ikke ændret.", file=sys.stderr)
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with collecting():
            stats, problems = write_pdf(source, target, model, language)
    except Exception as exc:  # noqa: BLE001 - WeasyPrint or pikepdf: reported; the old PDF stays
        print(f"PDF'en kunne ikke laves ({type(exc).__name__}: {exc}); den forrige PDF er ikke ændret.",
              file=sys.stderr)
        return None
    for problem in problems:
        print(f"PDF: {problem}", file=sys.stderr)
    print(f"PDF med {stats['pages']:.0f} sider: opsat på {stats['layout']:.1f} s, skrevet på {stats['write']:.1f} s, "
          f"efterbehandlet på {stats['finish']:.1f} s")
    print(f"PDF-håndbogen er skrevet til {target}")
    return [f"PDF: {problem}" for problem in problems]


@contextmanager
def collecting() -> Iterator[None]:
    """The cyclic garbage collector on while WeasyPrint works (``handbook build`` pauses it
    for Sphinx, see ``gcpause.py``): its boxes form cycles, and Sphinx's garbage is freed
    first so its memory is reused instead of added to."""
    enabled = gc.isenabled()
    gc.enable()
    gc.collect()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()


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

    _compat.install()
    hyphenation.install(html_path.parent)
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
