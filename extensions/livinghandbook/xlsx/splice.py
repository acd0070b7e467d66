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


def _exact(i1: int, i2: int, anchor: list[int | None]) -> tuple[int, int] | None:
    """The original's lines for an edit of ``base[i1:i2]`` when they are known line by line:
    every edited line is anchored in sequence, or (for an insertion) a neighbour is."""
    if i2 > i1:
        lines = [a for a in anchor[i1:i2] if a is not None]
        if len(lines) == i2 - i1 and all(b == a + 1 for a, b in zip(lines, lines[1:])):
            return lines[0], lines[-1] + 1
        return None
    before = anchor[i1 - 1] if i1 > 0 else None
    if before is not None:
        return before + 1, before + 1
    after = anchor[i1] if i1 < len(anchor) else None
    if after is not None:
        return after, after
    return None


def _widened(i1: int, i2: int, anchor: list[int | None], original_length: int) -> tuple[int, int, int, int]:
    """(base lo, base hi, original lo, original hi): the edit widened to anchored borders."""
    lo, hi = i1, i2
    while lo > 0 and anchor[lo - 1] is None:
        lo -= 1
    while hi < len(anchor) and anchor[hi] is None:
        hi += 1
    # The loops stop at anchored lines (or the ends), so both borders are known.
    after, before = (anchor[hi] if hi < len(anchor) else None), (anchor[lo - 1] if lo > 0 else None)
    o_hi = after if after is not None else original_length
    o_lo = before + 1 if before is not None else 0
    return lo, hi, o_lo, o_hi


def _regions(base: list[str], changed: list[str], anchor: list[int | None],
             original_length: int) -> list[tuple[int, int, int, int]] | None:
    """Edits as (original lo, original hi, changed lo, changed hi), in order; None when two
    of them would overlap in the original (the caller then uses ``changed`` whole)."""
    ops = SequenceMatcher(None, base, changed, autojunk=False).get_opcodes()
    to_changed: dict[int, int] = {}  # base position -> changed position, outside edits
    for tag, i1, i2, j1, _j2 in ops:
        if tag == "equal":
            for p in range(i1, i2 + 1):
                to_changed[p] = j1 + (p - i1)
    out: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        exact = _exact(i1, i2, anchor)
        if exact is not None:
            region = (exact[0], exact[1], j1, j2)
        else:
            lo, hi, o_lo, o_hi = _widened(i1, i2, anchor, original_length)
            if lo not in to_changed or hi not in to_changed:
                return None  # the widening reached into another edit
            region = (o_lo, o_hi, to_changed[lo], to_changed[hi])
        if out and region[0] < out[-1][1]:
            return None
        out.append(region)
    return out


def splice(original: str, base: str, changed: str) -> str:
    """``original`` with the edit that turned ``base`` into ``changed``."""
    if base == original:
        return changed
    o_lines = original.splitlines(keepends=True)
    b_lines = base.splitlines(keepends=True)
    c_lines = changed.splitlines(keepends=True)
    regions = _regions(b_lines, c_lines, _anchors(b_lines, o_lines), len(o_lines))
    if regions is None:
        return changed
    pieces: list[str] = []
    cursor = 0  # the next line of the original to copy
    for o_lo, o_hi, c_lo, c_hi in regions:
        pieces.extend(o_lines[cursor:o_lo])
        pieces.extend(c_lines[c_lo:c_hi])
        cursor = o_hi
    pieces.extend(o_lines[cursor:])
    text = "".join(pieces)
    if text and not text.endswith("\n") and changed.endswith("\n"):
        text += "\n"
    return text
