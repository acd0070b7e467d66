"""The printed index: roles, programmes, projects and people with their page numbers.

CSS can print the page of a link (``target-counter``) but cannot merge repeats ("12, 12,
13"), and a person holds roles in many places. So the index is made after the body is
laid out: WeasyPrint tells on which page every anchor landed, the index lists each
entry's distinct pages, and it is laid out as its own short document that continues the
page numbering and is appended to the body (``render.py``). People are listed only when
the municipality publishes names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from ..model.entities import Municipality

# Danish alphabetical order: æ, ø, å come after z.
_DANISH = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})  # the three after "z"


def danish_key(text: str) -> str:
    return text.casefold().translate(_DANISH)


@dataclass(frozen=True)
class Entry:
    label: str
    anchors: tuple[str, ...]  # the first is the entry's own place (its definition or page)
    fallback: str = ""        # where it is listed when its own place is not printed


def entries(m: Municipality) -> dict[str, list[Entry]]:
    """Index groups in print order, each sorted the Danish way."""
    groups: dict[str, list[Entry]] = {
        "Roller": [Entry(r.name, (r.id,)) for r in m.roles.values()],
        "Programmer": [Entry(p.title, (p.id,)) for p in m.programmes],
        "Projekter": [Entry(pr.title, (pr.id,), f"{pr.programme.id}-projekter" if pr.programme else "projekter")
                      for pr in m.projects],
    }
    if m.publish_names:
        groups["Personer"] = [
            Entry(m.person_label(person), (person.id, *dict.fromkeys(a.holder_of.id for a in person.assignments)))
            for person in m.people]
    return {name: sorted(items, key=lambda e: (danish_key(e.label), e.anchors)) for name, items in groups.items()}


def pages_of(entry: Entry, page_of: Mapping[str, int]) -> list[tuple[int, str]]:
    """(page number, anchor) for each distinct page the entry's anchors are on, in page
    order; anchors missing from the document are skipped."""
    found: dict[int, str] = {}
    anchors = entry.anchors if any(a in page_of for a in entry.anchors[:1]) or not entry.fallback \
        else (entry.fallback, *entry.anchors[1:])
    for anchor in anchors:
        page = page_of.get(anchor)
        if page is not None and page not in found:
            found[page] = anchor
    return sorted(found.items())


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (data never becomes CSS syntax)."""
    return '"' + "".join(c if c.isalnum() or c in " .,-()" else f"\\{ord(c):x} " for c in text) + '"'


def index_page(m: Municipality, page_of: Mapping[str, int], first_page: int, stylesheet: str,
               language: str) -> str:
    """The index as a whole HTML document whose first page is numbered ``first_page``."""
    body: list[str] = []
    for group, items in entries(m).items():
        rows = []
        for entry in items:
            pages = pages_of(entry, page_of)
            if not pages:
                continue
            links = ", ".join(f'<a href="#{escape(anchor)}">{number}</a>' for number, anchor in pages)
            rows.append(f'<li><span class="print-index-term">{escape(entry.label, quote=False)}</span> '
                        f'<span class="print-index-pages">{links}</span></li>\n')
        if rows:
            body.append(f'<section class="print-index-group"><h2>{escape(group, quote=False)}</h2>\n'
                        f'<ul class="print-index-list">\n{"".join(rows)}</ul></section>\n')
    return (f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
            f'<title>Stikordsregister</title><link rel="stylesheet" href="{escape(stylesheet)}">'
            f"<style>@page :first {{ counter-reset: page {int(first_page)}; }} "
            f"@page {{ @bottom-left {{ content: {css_string(m.name)}; }} }}</style></head>\n"
            f'<body class="print-index"><main class="print-body"><section id="stikordsregister">'
            f'<h1>Stikordsregister</h1>\n<div class="print-index-columns">\n{"".join(body)}</div>'
            f"</section></main></body></html>\n")
