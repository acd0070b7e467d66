"""Parse the versions of a data file cheaply: one top-level entry at a time.

A history of 100 commits reads 100 versions of files that differ in a few lines each.
Parsing whole files (15 ms for a 33 kB programme file) and validating whole versions
took 5 s on the benchmark municipality, more than the HTML build itself. So a file is
cut into *chunks* at its top-level structure — one chunk per item of a top-level list
(``projects:``, ``benefits:``…) and one per other top-level key — and each chunk is
parsed and schema-checked by the project's own parser and schema on its own, memoised
by its text. A commit that edits one project parses that project again, nothing else.

Cutting is only done where it cannot change the meaning: block-style YAML whose top
level is plain ``key:`` lines and list items at one indentation. Anything else (flow
style at the top, anchors, aliases, tags, tabs, document markers, duplicate top-level
keys, a chunk that does not parse on its own) falls back to parsing the whole file
exactly as ``handbook validate`` does. The chunked result is the same data as the whole
parse (tests/test_history_chunks.py checks this on every fixture and generated file).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ..data.schema_check import check_document
from ..data.yaml_positions import YamlMapping, YamlSequence, YamlSyntaxError, load_yaml_text
from ..findings import Finding, Location, Severity

_KEY_BLOCK = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ ]*(?:#.*)?")
_KEY_INLINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ ]+[^ #].*")
# Anchors, aliases and tags need the whole document; so do tabs, carriage returns,
# document markers and directives.
_UNSAFE = re.compile(r"[&*!\t\r]")  # candidates, checked by _unsafe
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,])[&*!][^\s,\]}]", re.M)
_TOP = re.compile(r"^[^ #\n-].*$", re.M)  # a line at column 0 that is not a comment or an item
_CONTENT = re.compile(r"^ *[^ #\n]", re.M)  # a line with more than blanks and a comment
_ITEM = re.compile(r"( *)-(?: |$)", re.M)


@dataclass(frozen=True, eq=False)  # identity: records are memoised per entry
class Entry:
    """One top-level value of a file: a list item (``item``) or a whole value."""

    key: str
    item: bool
    value: Any  # YamlMapping / YamlSequence / scalar, as the project's parser gives it


@dataclass
class ParsedFile:
    entries: list[Entry] = field(default_factory=list)
    problem: Finding | None = None  # the first E001/E002 finding; entries are empty then


@dataclass(frozen=True)
class Chunk:
    key: str
    item: bool
    text: str  # parsable on its own: `key:` and one item, or the key's whole block
    line: int  # where the item (or key) starts in the file, 1-based


def split(text: str) -> list[Chunk] | None:
    """The file's chunks in order, or None when cutting is unsafe (parse it whole)."""
    if _unsafe(text):
        return None
    tops = list(_TOP.finditer(text))
    if _CONTENT.search(text, 0, tops[0].start() if tops else len(text)):
        return None  # content before the first key (or no key at all)
    chunks: list[Chunk] = []
    seen: set[str] = set()
    line = 1 + text.count("\n", 0, tops[0].start()) if tops else 1
    for index, top in enumerate(tops):
        end = tops[index + 1].start() if index + 1 < len(tops) else len(text)
        block, flow = _KEY_BLOCK.fullmatch(top.group()), _KEY_INLINE.fullmatch(top.group())
        match = block or flow
        if match is None or match.group(1) in seen:
            return None
        key = match.group(1)
        seen.add(key)
        items = [] if flow else _items(text, top.end() + 1, end)
        if items is None:
            return None  # a list we could not cut safely
        if items:
            at, item_line = top.start(), line
            for start, stop in items:
                item_line += text.count("\n", at, start)
                at = start
                chunks.append(Chunk(key, True, f"{key}:\n{text[start:stop]}", item_line))
        else:
            chunks.append(Chunk(key, False, text[top.start():end], line))
        line += text.count("\n", top.start(), end)
    return chunks


def _unsafe(text: str) -> bool:
    """Anchors, aliases, tags, tabs, carriage returns, document markers or directives.
    (A first cheap pass finds candidates: '&' and '!' are common in Danish text.)"""
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True
    candidate = _UNSAFE.search(text)
    while candidate is not None:
        char = candidate.group()[0]
        if char not in "&*!" or _NODE_PROPERTY.match(text, max(candidate.start() - 1, 0)) or candidate.start() == 0:
            return True
        candidate = _UNSAFE.search(text, candidate.end())
    return False


def _items(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """(start, end) of each list item under a `key:` line; [] when the value is not a
    block list, None when it is one that cannot be cut cleanly at one indentation."""
    first = _CONTENT.search(text, start, end) if start < end else None
    head = _ITEM.match(text, first.start()) if first is not None else None
    if head is None:
        return []
    indent = len(head.group(1))
    if indent and re.compile(rf"^ {{0,{indent - 1}}}[^ #\n]", re.M).search(text, start, end):
        return None  # a line less indented than the items
    starts = [m.start() for m in re.compile(rf"^ {{{indent}}}-(?: |$)", re.M).finditer(text, head.start(), end)]
    return [(s, starts[i + 1] if i + 1 < len(starts) else end) for i, s in enumerate(starts)]


def _first_problem(findings: list[Finding]) -> Finding | None:
    return findings[0] if findings else None


class ChunkParser:
    """Parses files of one data folder, memoising chunks and whole files by their text.

    A file seen for the first time is parsed whole (faster than its chunks one by one)
    and its items are filed under their chunks, checked by line; a new version of a
    file parses only the chunks not seen before."""

    def __init__(self) -> None:
        self._chunks: dict[bytes, Entry | Finding | None] = {}
        self._files: dict[bytes, ParsedFile] = {}
        self.parsed = 0  # chunks and whole files actually parsed (for tests and the bench)

    def parse(self, name: str, data: bytes) -> ParsedFile:
        digest = hashlib.sha1(name.encode("utf-8", "surrogateescape") + b"\0" + data, usedforsecurity=False).digest()
        found = self._files.get(digest)
        if found is None:
            found = self._files[digest] = self._parse(name, data)
        return found

    def _digest(self, name: str, chunk: Chunk) -> bytes:
        return hashlib.sha1(f"{name}\0{chunk.text}".encode("utf-8", "surrogateescape"), usedforsecurity=False).digest()

    def _parse(self, name: str, data: bytes) -> ParsedFile:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return ParsedFile(problem=Finding("E001", Severity.ERROR, "filen er ikke gemt som UTF-8", Location(name)))
        chunks = split(text)
        if chunks is None:
            return self._whole(name, text, None)
        digests = [self._digest(name, c) for c in chunks]
        missing = sum(1 for d in digests if d not in self._chunks)
        if missing > max(3, len(chunks) // 10):
            return self._whole(name, text, list(zip(chunks, digests)))
        entries: list[Entry] = []
        for chunk, digest in zip(chunks, digests):
            parsed = self._chunk(name, chunk, digest)
            if isinstance(parsed, Finding):
                return ParsedFile(problem=parsed)
            if parsed is None:
                return self._whole(name, text, None)  # a chunk that does not stand on its own
            entries.append(parsed)
        return ParsedFile(entries=entries)

    def _chunk(self, name: str, chunk: Chunk, digest: bytes) -> Entry | Finding | None:
        if digest in self._chunks:
            return self._chunks[digest]
        self.parsed += 1
        result: Entry | Finding | None = None
        try:
            document = load_yaml_text(chunk.text, name)
        except YamlSyntaxError:
            document = None  # maybe only cut wrongly: the whole parse decides
        if isinstance(document, YamlMapping) and list(document) == [chunk.key]:
            value = document[chunk.key]
            if not chunk.item or (isinstance(value, YamlSequence) and len(value) == 1):
                problem = _first_problem(check_document(document, Location(name)))
                result = problem or Entry(chunk.key, chunk.item, value[0] if chunk.item else value)
        self._chunks[digest] = result
        return result

    def _whole(self, name: str, text: str, chunks: list[tuple[Chunk, bytes]] | None) -> ParsedFile:
        """Parse the whole file; with ``chunks``, file its entries under them."""
        self.parsed += 1
        try:
            document = load_yaml_text(text, name)
        except YamlSyntaxError as exc:
            return ParsedFile(problem=exc.finding)
        if document is None:
            return ParsedFile()
        problem = _first_problem(check_document(document, Location(name)))
        if problem is not None:
            return ParsedFile(problem=problem)
        entries: list[tuple[Entry, int]] = []
        for key, value in document.items():
            if isinstance(value, YamlSequence) and key not in ("municipality", "portfolio", "maturity"):
                entries.extend((Entry(key, True, item), value.item_at(i).line) for i, item in enumerate(value))
            else:
                entries.append((Entry(key, False, value), document.key_at(key).line))
        if chunks is not None and _aligned(chunks, entries):
            for (_chunk, digest), (entry, _line) in zip(chunks, entries):
                self._chunks[digest] = entry
        return ParsedFile(entries=[entry for entry, _line in entries])


def _aligned(chunks: list[tuple[Chunk, bytes]], entries: list[tuple[Entry, int]]) -> bool:
    """The whole parse has exactly the chunks' items, starting on the chunks' lines."""
    return len(chunks) == len(entries) and all(
        chunk.key == entry.key and chunk.item == entry.item and chunk.line == line
        for (chunk, _digest), (entry, line) in zip(chunks, entries))
