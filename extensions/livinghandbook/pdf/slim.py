"""Fewer elements for WeasyPrint: the print body without wrappers that change nothing on paper.

WeasyPrint keeps a computed style (some kilobytes) for every element while it lays out
the book, so memory and time follow the number of elements: a 280-page handbook was
60,000 elements and 1.1 GB. The HTML renderer wraps every link text in a ``<span
class="xref …">`` and every table cell, field value and list item in a ``<p>``; for the
screen these carry styles, on paper they only cost. Removing them halves the elements.

Works on the HTML the renderer and Sphinx wrote, where every text from the data is
escaped, so ``<`` only ever starts a tag; the patterns never cross another paragraph.
"""

from __future__ import annotations

import re

# The link text's span: <a …><span class="xref handbook-entity">Text</span></a> → <a …>Text</a>
_XREF = re.compile(r'<span class="(?:xref|doc)(?: [^"]*)?">((?:(?!</?span[ >]).)*)</span>', re.S)
# One paragraph alone in a cell, field value or list item: <td><p>…</p></td> → <td>…</td>
_LONE_P = re.compile(r'<(td|th|dd|li)((?: [^>]*)?)><p>((?:(?!</?p[ >]|</?p>).)*)</p></\1>', re.S)
_COLON = '<span class="colon">:</span>'


def slim(body: str) -> str:
    body = body.replace(_COLON, "")
    body = _XREF.sub(r"\1", body)
    return _LONE_P.sub(r"<\1\2>\3</\1>", body)
