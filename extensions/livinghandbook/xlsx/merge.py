"""Change entries inside one existing YAML file, keeping its comments and layout.

ruamel.yaml's round-trip mode (``CommentedMap``/``CommentedSeq``) keeps comments, key
order, quoting and flow style; only the keys whose value changed in meaning
(``normalize.py``) are touched, scalars keep their quoting style, and lists and mappings
keep flow or block style. ``splice.py`` then carries the edit into the original text, so
every line outside the edited stretches stays as it was.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString

from .normalize import norm
from .ordering import insert_position
from .splice import splice

INDENTS = ((2, 2, 0), (2, 4, 2), (4, 4, 2), (4, 6, 4))  # (mapping, sequence, offset) styles tried
WIDTHS = (100, 80, 120, 4096)  # line widths tried: PyYAML's and editors' usual wrapping, or none
_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1, as the validator (PyYAML) reads
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class FileEdit:
    """What changes in one file: entries updated, appended and deleted."""

    updates: list[tuple[str, int | None, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    appends: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (key, data); singles too
    deletes: list[tuple[str, int]] = field(default_factory=list)  # (list key, index)

    def __bool__(self) -> bool:
        return bool(self.updates or self.appends or self.deletes)


def _yaml(indent: tuple[int, int, int], width: int) -> YAML:
    y = YAML()  # round trip
    y.preserve_quotes = True
    y.width = width
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


def _dump(y: YAML, data: Any) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _to_ruamel(value: Any, literal: bool) -> Any:
    if isinstance(value, dict):
        return CommentedMap((k, _to_ruamel(v, literal)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_to_ruamel(v, literal) for v in value)
    if isinstance(value, str) and not isinstance(value, ScalarString):
        if literal and "\n" in value:
            return LiteralScalarString(value)
        if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":  # type: ignore[no-untyped-call]
            # ruamel.yaml writes YAML 1.2, where 'on', 'no' or '1:30' are plain text; the
            # validator reads YAML 1.1, where they are not. Quote them.
            return DoubleQuotedScalarString(value)
    return value


def _styled(value: Any, old: Any, literal: bool) -> Any:
    """``value`` in ruamel.yaml's types, written in the same style as the value it replaces."""
    new = _to_ruamel(value, literal)
    if isinstance(new, (CommentedMap, CommentedSeq)) and isinstance(old, (CommentedMap, CommentedSeq)):
        if old.fa.flow_style():
            new.fa.set_flow_style()
    elif isinstance(new, str) and isinstance(old, ScalarString) and not isinstance(new, ScalarString):
        if "\n" not in new or isinstance(old, LiteralScalarString):
            new = type(old)(new)
    return new


def _by_id(items: Any) -> dict[Any, int] | None:
    if not isinstance(items, list) or not all(isinstance(i, dict) and "id" in i for i in items):
        return None
    return {item["id"]: index for index, item in enumerate(items)}


class _Editor:
    def __init__(self, literal: bool) -> None:
        self.literal = literal

    def mapping(self, node: CommentedMap, new: dict[str, Any], old: dict[str, Any], path: tuple[str, ...]) -> None:
        for key in [k for k in node if k not in new]:
            del node[key]
        for key, value in new.items():
            if key not in node:
                node.insert(insert_position(list(node), key, path), key, _to_ruamel(value, self.literal))
            elif norm(value, key) == norm(old.get(key), key):
                continue
            elif isinstance(node[key], CommentedMap) and isinstance(value, dict) and key not in ("roles", "rules"):
                self.mapping(node[key], value, old.get(key) or {}, (*path, key))
            elif _by_id(value) is not None and _by_id(node[key]) is not None and _by_id(old.get(key)) is not None:
                self.sequence(node[key], value, old[key], (*path, key, "*"))
            elif key in ("roles", "rules") and isinstance(node[key], CommentedMap) and isinstance(value, dict):
                self.per_key(node[key], value, old.get(key) or {}, key)
            else:
                node[key] = _styled(value, node[key], self.literal)

    def per_key(self, node: CommentedMap, new: dict[str, Any], old: dict[str, Any], kind: str) -> None:
        """``roles`` and ``rules``: each entry compared as a whole, in its own meaning."""
        for key in [k for k in node if k not in new]:
            del node[key]
        for key, value in new.items():
            if key not in node:
                node[key] = _to_ruamel(value, self.literal)
            elif norm({key: value}, kind) != norm({key: old.get(key)}, kind):
                node[key] = _styled(value, node[key], self.literal)

    def sequence(self, node: CommentedSeq, new: list[dict[str, Any]], old: list[dict[str, Any]],
                 path: tuple[str, ...]) -> None:
        """Entries with ids: update in place, delete the missing, add the new after their
        predecessor in the workbook. Existing entries keep their order (sorting a sheet is
        not an edit)."""
        wanted = {item["id"]: item for item in new}
        old_by_id = {item["id"]: item for item in old}
        for index in reversed(range(len(node))):
            if node[index]["id"] not in wanted:
                del node[index]
        previous = None
        for item in new:
            ident = item["id"]
            positions = {entry["id"]: i for i, entry in enumerate(node)}
            if ident in positions and ident in old_by_id:
                self.mapping(node[positions[ident]], item, old_by_id[ident], path)
            elif ident not in positions:
                at = positions[previous] + 1 if previous in positions else len(node)
                node.insert(at, _to_ruamel(item, self.literal))
            previous = ident


def _apply(doc: Any, edit: FileEdit, literal: bool) -> Any:
    editor = _Editor(literal)
    if doc is None:
        doc = CommentedMap()
    for key, index, new, old in edit.updates:
        node = doc[key] if index is None else doc[key][index]
        editor.mapping(node, new, old, (key,) if index is None else (key, "*"))
    for key, index in sorted(edit.deletes, key=lambda d: -d[1]):
        if index < 0:
            del doc[key]  # a single (maturity) removed
        else:
            del doc[key][index]
    for key, data in edit.appends:
        value = _to_ruamel(data, literal)
        if key in ("municipality", "portfolio", "maturity"):
            doc.insert(insert_position(list(doc), key, ()), key, value)
        elif isinstance(doc.get(key), list):
            doc[key].append(value)
        else:
            doc.insert(insert_position(list(doc), key, ()), key, CommentedSeq([value]))
    return doc


def _best_yaml(text: str) -> tuple[YAML, str]:
    """The indentation style under which ruamel.yaml reproduces the most of the file."""
    best: tuple[float, YAML, str] | None = None
    original = text.splitlines()
    for indent, width in [(i, w) for w in WIDTHS for i in INDENTS]:
        y = _yaml(indent, width)
        base = _dump(y, y.load(text))
        if base == text:
            return y, base
        score = SequenceMatcher(None, original, base.splitlines(), autojunk=False).ratio()
        if best is None or score > best[0]:
            best = (score, y, base)
    assert best is not None
    return best[1], best[2]


def rewrite(text: str, edit: FileEdit, literal: bool = True) -> str:
    """The file's new text: the edit applied, every other line as it was. ``literal``:
    write new multi-line texts as ``|`` blocks (the caller retries without if the data
    does not read back the same)."""
    crlf = "\r\n" in text  # a file saved on Windows keeps its line ends
    text = text.replace("\r\n", "\n") if crlf else text
    y, base = _best_yaml(text)
    changed = _dump(y, _apply(y.load(text), edit, literal))
    result = splice(text, base, changed)
    try:
        if yaml.load(result, Loader=_LOADER) != yaml.load(changed, Loader=_LOADER):
            result = changed  # the splice did not hold: the whole file in ruamel.yaml's layout
    except yaml.YAMLError:
        result = changed
    return result.replace("\n", "\r\n") if crlf else result
