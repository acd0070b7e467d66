"""``handbook linkcheck <site>``: every internal link and fragment in a built site resolves.

Checks ``href``/``src``/``data`` in every HTML page and the links inside generated SVG
diagrams; external links (with a scheme) are not followed. Prints one line per broken
link and exits 1 if there is any.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTR = re.compile(r'(?:href|src|data)="([^"]*)"')
SVG_LINK = re.compile(r'(?:\w+:)?href="([^"]*)"')
IDS = re.compile(r'\sid="([^"]*)"')


def broken_links(site: Path) -> tuple[list[str], int]:
    """(problems, number of links checked)."""
    ids: dict[Path, set[str]] = {}
    problems: list[str] = []
    checked = 0

    def check(source: Path, href: str) -> None:
        nonlocal checked
        parts = urlsplit(html.unescape(href))
        if parts.scheme or href.startswith("//") or not (parts.path or parts.fragment):
            return
        target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
        checked += 1
        if not target.exists():
            problems.append(f"{source.relative_to(site)}: {href} (findes ikke)")
            return
        if parts.fragment and target.suffix == ".html":
            known = ids.setdefault(target, set(IDS.findall(target.read_text(encoding="utf-8"))))
            if unquote(parts.fragment) not in known:
                problems.append(f"{source.relative_to(site)}: {href} (ankeret findes ikke)")

    for page in sorted(site.rglob("*.html")):
        for href in ATTR.findall(page.read_text(encoding="utf-8")):
            check(page, href)
    for svg in sorted((site / "_images").glob("*.svg")) if (site / "_images").is_dir() else []:
        for href in SVG_LINK.findall(svg.read_text(encoding="utf-8")):
            check(svg, href)
    return problems, checked


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("brug: handbook linkcheck <mappe med det byggede website>", file=sys.stderr)
        return 2
    site = Path(args[0]).resolve()
    problems, checked = broken_links(site)
    for line in problems:
        print(line)
    print(f"{checked} interne links tjekket, {len(problems)} brudte", file=sys.stderr)
    return 1 if problems else 0
