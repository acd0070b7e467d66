"""The one place that reaches into WeasyPrint's PDF writer (pydyf), with a guard and a test.

``pydyf.PDF.page_references`` rebuilds the tuple of every page's reference each time it
is read, and WeasyPrint's tagging reads it once per structure element: the cost grows
with elements × pages (a 740-page handbook has ~300,000 elements: about a minute of
building tuples). Here it is computed once per page count. The result is the same
tuple; ``tests/test_pdf_units.py`` checks that against pydyf's own property, so a pydyf
that changes its meaning fails the test instead of the PDF.
"""

from __future__ import annotations

from typing import Any

import pydyf

_original = pydyf.PDF.__dict__.get("page_references")


def _cached_page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_handbook_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), _original.fget(pdf))
        pdf.__dict__["_handbook_page_references"] = cached
    references: tuple[bytes, ...] = cached[1]
    return references


def install() -> bool:
    """Use the cached property if pydyf still has the one we know; True when in use."""
    if not isinstance(_original, property) or _original.fget is None:
        return False  # pydyf changed: leave it alone (slower, still correct)
    pydyf.PDF.page_references = property(_cached_page_references)
    return True


def original_page_references(pdf: Any) -> tuple[bytes, ...]:
    """pydyf's own answer, for the test."""
    assert isinstance(_original, property) and _original.fget is not None
    references: tuple[bytes, ...] = _original.fget(pdf)
    return references
