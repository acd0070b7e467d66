"""Apply ruamel.yaml's edit of a file to the file's own text, so untouched lines stay byte for byte.

ruamel.yaml's round trip keeps comments, key order, quoting and flow style, but it does
not reproduce every file exactly: it re-wraps long lines, and it writes one indentation
style per file (the repository's own files mix them). So the changed file is not taken
from ruamel.yaml as a whole. Three texts are compared line by line:

* ``original``, the file as it is;
* ``base``, ruamel.yaml's rendering of the unchanged file;
* ``changed``, ruamel.yaml's rendering after the edit.

What differs between ``base`` and ``changed`` is the edit. Each edited stretch is widened
until it is bordered by lines that ``base`` and ``original`` share, and only that
stretch of ``original`` is replaced. Every other line is the original's. A caller checks
that the result reads as the same data as ``changed`` (``merge.py``) and else falls back
to ``changed`` as a whole.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def _anchors(base: list[str], original: list[str]) -> list[int | None]:
    """For each line of ``base``, the index of the same line in ``original`` (or None)."""
    where: list[int | None] = [None] * len(base)
    for i, j, n in SequenceMatcher(None, base, original, autojunk=False).get_matching_blocks():
        for k in range(n):
            where[i + k] = j + k
    return where


def _regions(base: list[str], changed: list[str], anchor: list[int | None]) -> list[tuple[int, int, int, int]]:
    """Edited stretches (base lo, base hi, changed lo, changed hi), widened to anchored borders."""
    ops = [op for op in SequenceMatcher(None, base, changed, autojunk=False).get_opcodes()]
    to_changed: dict[int, int] = {}  # base position -> changed position, outside edits
    for tag, i1, i2, j1, _j2 in ops:
        if tag == "equal":
            for p in range(i1, i2 + 1):
                to_changed[p] = j1 + (p - i1)
    regions: list[list[int]] = []
    for tag, i1, i2, _j1, _j2 in ops:
        if tag == "equal":
            continue
        lo, hi = i1, i2
        while lo > 0 and anchor[lo - 1] is None:
            lo -= 1
        while hi < len(base) and anchor[hi] is None:
            hi += 1
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], hi)
        else:
            regions.append([lo, hi])
    out = []
    for lo, hi in regions:
        # Borders lie outside every edit (each edit is inside its widened region).
        out.append((lo, hi, to_changed.get(lo, 0 if lo == 0 else len(changed)),
                    to_changed.get(hi, len(changed))))
    return out


def splice(original: str, base: str, changed: str) -> str:
    """``original`` with the edit that turned ``base`` into ``changed``."""
    if base == original:
        return changed
    o_lines = original.splitlines(keepends=True)
    b_lines = base.splitlines(keepends=True)
    c_lines = changed.splitlines(keepends=True)
    anchor = _anchors(b_lines, o_lines)
    pieces: list[str] = []
    cursor = 0  # next line of the original to copy
    for lo, hi, c_lo, c_hi in _regions(b_lines, c_lines, anchor):
        o_hi = anchor[hi] if hi < len(b_lines) else len(o_lines)
        if lo == hi:  # a pure insertion: keep whatever the original has before the next line
            o_lo = o_hi
        else:
            o_lo = (anchor[lo - 1] + 1) if lo > 0 else 0  # type: ignore[operator]
        assert o_lo is not None and o_hi is not None
        pieces.extend(o_lines[cursor:o_lo])
        pieces.extend(c_lines[c_lo:c_hi])
        cursor = max(cursor, o_hi)
    pieces.extend(o_lines[cursor:])
    text = "".join(pieces)
    if text and not text.endswith("\n") and changed.endswith("\n"):
        text += "\n"
    return text
