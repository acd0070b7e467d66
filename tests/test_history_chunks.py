"""Parsing a file chunk by chunk gives the same data as parsing it whole (history/chunks.py),
and unsafe shapes fall back to the whole parse, with the same errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO
from livinghandbook.data.yaml_positions import YamlSequence, YamlSyntaxError, load_yaml_text
from livinghandbook.history.chunks import ChunkParser, split

SINGLES = ("municipality", "portfolio", "maturity")


def _whole(text: str) -> dict:
    document = load_yaml_text(text, "x.yaml") or {}
    return {k: list(v) if isinstance(v, YamlSequence) and k not in SINGLES else v for k, v in document.items()}


def _chunked(parser: ChunkParser, text: str) -> dict:
    parsed = parser.parse("x.yaml", text.encode("utf-8"))
    assert parsed.problem is None
    out: dict = {}
    for entry in parsed.entries:
        if entry.item:
            out.setdefault(entry.key, []).append(entry.value)
        else:
            out[entry.key] = entry.value
    return out


def _files() -> list[Path]:
    sys.path.insert(0, str(REPO / "bench"))
    return sorted([*FIXTURES.rglob("*.yaml"), *(REPO / "municipality_data").rglob("*.yaml")])


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(REPO)))
def test_chunks_equal_the_whole_parse(path):
    text = path.read_text(encoding="utf-8")
    try:
        whole = _whole(text)
    except YamlSyntaxError:
        pytest.skip("not valid YAML on purpose")
    parser = ChunkParser()
    assert _chunked(parser, text) == whole
    # a second parse of an edited copy parses only the changed chunk
    if (chunks := split(text)) and len(chunks) > 8:
        before = parser.parsed
        last = chunks[-1]
        edited = text.replace(last.text.split("\n", 1)[1], last.text.split("\n", 1)[1] + "# ændret\n") \
            if last.item else text + "\n# ændret\n"
        assert _chunked(parser, edited) == _whole(edited)
        assert parser.parsed - before <= 1


CASES = {
    "indented items and comments": "# top\nprojects:\n  # first\n  - id: A\n    title: a\n\n  - id: B\n    title: |\n      - not an item\n",
    "flow list at the top": "goals: [{id: G-1, title: x}, {id: G-2, title: y}]\nunits:\n- {id: u, name: U, kind: center}\n",
    "mapping block": "municipality:\n  id: by\n  name: By\n  rules:\n    G13: off\n",
    "Danish text with & and !": "goals:\n- id: G-1\n  title: Børn & unge! 5*3 <b>{{x}}</b>\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_shapes_that_are_cut(text):
    assert split(text) is not None
    assert _chunked(ChunkParser(), text) == _whole(text)


UNSAFE = {
    "anchor and alias": "goals:\n- {id: G-1, title: &t x}\n- {id: G-2, title: *t}\n",
    "document marker": "---\ngoals:\n- {id: G-1, title: x}\n",
    "tab": "goals:\n-\t{id: G-1, title: x}\n",
    "duplicate top-level key": "goals:\n- {id: G-1, title: x}\ngoals:\n- {id: G-2, title: y}\n",
    "less indented line": "goals:\n  - id: G-1\n title: x\n",
}


@pytest.mark.parametrize("text", UNSAFE.values(), ids=UNSAFE.keys())
def test_unsafe_shapes_fall_back_to_the_whole_parse(text):
    assert split(text) is None
    parsed = ChunkParser().parse("x.yaml", text.encode("utf-8"))
    try:
        whole = _whole(text)
    except YamlSyntaxError as exc:
        assert parsed.problem is not None and parsed.problem.message == exc.finding.message
    else:
        assert parsed.problem is None and len(parsed.entries) == sum(
            len(v) if isinstance(v, list) else 1 for v in whole.values())


def test_a_broken_chunk_reports_the_whole_files_error():
    text = "goals:\n- id: G-1\n  title: 'open\n- id: G-2\n  title: y\n"
    parsed = ChunkParser().parse("x.yaml", text.encode("utf-8"))
    with pytest.raises(YamlSyntaxError) as exc:
        load_yaml_text(text, "x.yaml")
    assert parsed.problem is not None and parsed.problem.message == exc.value.finding.message


def test_schema_errors_are_found_in_chunks():
    parsed = ChunkParser().parse("x.yaml", b"goals:\n- id: G-1\n  title: x\n  colour: red\n")
    assert parsed.problem is not None and parsed.problem.rule == "E002" and "colour" in parsed.problem.message
