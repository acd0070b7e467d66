"""YAML to Python data that remembers where every key, item and value came from.

Why PyYAML's composer and not ruamel.yaml: ``yaml.compose`` with the libyaml-backed
``CSafeLoader`` builds the node graph in C and every node already carries its start
mark, so a position for every mapping, key, list item and scalar costs one cheap
Python walk. ruamel.yaml's round-trip loader keeps positions too but is pure Python
and several times slower on the 3,000-benefit benchmark. We never construct arbitrary
tags: only the YAML core schema's scalars are turned into values, and dates are kept
as their ISO text so the JSON Schema can check them (``format: date``) and report a
bad date as data, not as a crash.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding, Location, Severity
from .yaml_messages import reader_message, syntax_message

try:  # libyaml is bundled with PyYAML's wheels; fall back if a distro build lacks it
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# Anchors and aliases are allowed (handy for a repeated list of people), but expanding
# them is bounded so that a "billion laughs" or an alias bomb (one 20 KB anchor used
# 50,000 times: 1 GB of text from 220 KB) is an error at the alias, not a hung build or
# a 1 GB page. Two bounds: the number of nodes, and the expanded size (characters of
# every scalar plus one per node, counting each alias as often as it is used). Without
# aliases the expanded size is at most the file's own length, so the size bound never
# touches normal data: it allows EXPANSION_FACTOR times the file plus EXPANSION_FLOOR.
MAX_NODES = 2_000_000
EXPANSION_FACTOR = 2
EXPANSION_FLOOR = 1_000_000

# One constructor instance is enough to convert core-schema scalars.
_scalars = yaml.constructor.SafeConstructor()


class YamlMapping(dict):  # type: ignore[type-arg]
    """A ``dict`` that knows the location of itself, each key and each value."""

    __slots__ = ("location", "key_locations", "value_locations")

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.key_locations: dict[str, Location] = {}
        self.value_locations: dict[str, Location] = {}

    def key_at(self, key: str) -> Location:
        return self.key_locations.get(key, self.location)

    def value_at(self, key: str) -> Location:
        return self.value_locations.get(key, self.location)


class YamlSequence(list):  # type: ignore[type-arg]
    """A ``list`` that knows the location of itself and of each item."""

    __slots__ = ("location", "item_locations")

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.item_locations: list[Location] = []

    def item_at(self, index: int) -> Location:
        if 0 <= index < len(self.item_locations):
            return self.item_locations[index]
        return self.location


def location_of(container: Any, key: str | int, *, want_key: bool = False) -> Location | None:
    """The location of ``container[key]`` (or of the key itself), if it is known."""
    if isinstance(container, YamlMapping) and isinstance(key, str):
        return container.key_at(key) if want_key else container.value_at(key)
    if isinstance(container, YamlSequence) and isinstance(key, int):
        return container.item_at(key)
    return None


class YamlSyntaxError(Exception):
    """Raised with an E001 finding when a file is not valid (or not safe) YAML."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _mark_location(path: str, mark: Any) -> Location:
    if mark is None:
        return Location(path, 1, 1)
    return Location(path, mark.line + 1, mark.column + 1)


def _syntax_error(path: str, mark: Any, message: str) -> YamlSyntaxError:
    return YamlSyntaxError(
        Finding("E001", Severity.ERROR, message, _mark_location(path, mark))
    )


class _Converter:
    """Turns a composed node graph into YamlMapping/YamlSequence/scalars."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.active: set[int] = set()  # node ids on the current path: alias cycles
        self.count = 0

    def loc(self, node: yaml.Node) -> Location:
        return _mark_location(self.path, node.start_mark)

    def convert(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.too_big(node, f"filen udfolder til mere end {_thousands(MAX_NODES)} elementer (for "
                                     "mange YAML-aliaser); skriv data ud i stedet")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            raise _syntax_error(self.path, node.start_mark,
                                "YAML-ankeret henviser til sig selv (uendelig løkke)")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
                return self.sequence(node)
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
                return self.mapping(node)
        finally:
            self.active.discard(id(node))
        raise _syntax_error(self.path, node.start_mark,
                            f"YAML-mærket {_short(node.tag)!r} er ikke tilladt i håndbogens data")

    def too_big(self, node: yaml.Node, message: str) -> YamlSyntaxError:
        return _syntax_error(self.path, node.start_mark, message)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            # Dates stay text; the schema checks them and the model parses them.
            return node.value
        if tag in (_INT, _FLOAT, _BOOL, _NULL):
            try:
                value = _scalars.yaml_constructors[tag](_scalars, node)
            except (ValueError, yaml.YAMLError):
                # A number Python will not read (5,000 digits): keep the text, so the
                # schema says where a number was expected and a title may still be text.
                return node.value
            if tag == _FLOAT and not math.isfinite(value):
                # .nan, .inf and 1e400 are numbers no field can use; as text, the
                # schema reports them where a number is expected (schema_check.py).
                return node.value
            return value
        raise _syntax_error(self.path, node.start_mark,
                            f"YAML-mærket {_short(tag)!r} er ikke tilladt i håndbogens data")

    def sequence(self, node: yaml.SequenceNode) -> YamlSequence:
        result = YamlSequence(self.loc(node))
        for item in node.value:
            result.item_locations.append(self.loc(item))
            result.append(self.convert(item))
        return result

    def mapping(self, node: yaml.MappingNode) -> YamlMapping:
        result = YamlMapping(self.loc(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _syntax_error(self.path, key_node.start_mark,
                                    "en nøgle skal være en enkel tekst (fx 'title'), "
                                    "ikke en liste, en mapping eller '<<'")
            key = self.scalar(key_node)
            if not isinstance(key, str):
                # `on:`, `no:` or `1:` as keys: YAML 1.1 makes them booleans or numbers.
                key = key_node.value
            if key in result:
                first = result.key_locations[key]
                raise _syntax_error(self.path, key_node.start_mark,
                                    f"nøglen '{_short(key)}' står to gange i samme mapping "
                                    f"(første gang i linje {first.line})")
            result.key_locations[key] = self.loc(key_node)
            result.value_locations[key] = self.loc(value_node)
            result[key] = self.convert(value_node)
        return result


class _BoundedConverter(_Converter):
    """A converter for text that may contain aliases: it also bounds the expanded size.

    PyYAML hands an alias over as the anchored node itself, so a node met a second time
    is an alias use. Uses met outside any expansion are the file's own ``*name`` tokens in
    document order; their count finds the offending token's line when the bound is hit."""

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path)
        self.text = text
        self.budget = EXPANSION_FACTOR * len(text) + EXPANSION_FLOOR
        self.size = 0
        self.seen: set[int] = set()
        self.alias_uses = 0
        self.expanding = 0
        self.anchor: yaml.Node | None = None  # the anchored node of the outermost expansion

    def convert(self, node: yaml.Node) -> Any:
        key = id(node)
        alias = key in self.seen
        if alias:
            if not self.expanding:
                self.alias_uses += 1
                self.anchor = node
            self.expanding += 1
        else:
            self.seen.add(key)
        try:
            self.size += 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
            if self.size > self.budget:
                raise self.too_big(node, "")
            return super().convert(node)
        finally:
            if alias:
                self.expanding -= 1

    def too_big(self, node: yaml.Node, message: str) -> YamlSyntaxError:
        if not message:
            where = f"ankeret i linje {self.anchor.start_mark.line + 1}" if self.anchor is not None else "et anker"
            message = (f"YAML-aliaser (*navn) gentager {where} så mange gange, at filen udfolder til mere "
                       f"end {_thousands(self.budget)} tegn; skriv data ud i stedet for at gentage dem")
        return _syntax_error(self.path, self._alias_mark() or node.start_mark, message)

    def _alias_mark(self) -> Any:
        """The position of the ``alias_uses``-th alias token (parsed again: errors only)."""
        seen = 0
        try:
            for event in yaml.parse(self.text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent):
                    seen += 1
                    if seen == self.alias_uses:
                        return event.start_mark
        except yaml.YAMLError:
            pass
        return None


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _short(value: Any, limit: int = 80) -> str:
    """A value for a message: long texts cut, so one finding stays one readable line."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reader_location(path: str, text: str, position: Any) -> Location:
    """libyaml counts reader positions in bytes of the UTF-8 text."""
    if not isinstance(position, int):
        return Location(path, 1, 1)
    raw = text.encode("utf-8", "surrogatepass")[:position]
    line_start = raw.rfind(b"\n") + 1
    return Location(path, raw.count(b"\n") + 1, len(raw[line_start:].decode("utf-8", "replace")) + 1)


def load_yaml_text(text: str, display_path: str) -> Any:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with an E001 finding."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError as exc:
        raise _syntax_error(display_path, None, "data er indlejret for dybt til at blive læst") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _syntax_error(display_path, mark, syntax_message(
            exc.problem, exc.context, exc.context_mark, exc.problem_mark)) from exc
    except yaml.reader.ReaderError as exc:  # control characters
        raise YamlSyntaxError(Finding("E001", Severity.ERROR, reader_message(exc.character),
                                      _reader_location(display_path, text, exc.position))) from exc
    except yaml.YAMLError as exc:  # anything else libyaml may raise: still Danish, still located
        raise _syntax_error(display_path, getattr(exc, "problem_mark", None),
                            syntax_message(None, None, None, None)) from exc
    if node is None:
        return None
    # Only text with both an anchor and an alias can expand; the plain walk is cheaper.
    may_expand = "&" in text and "*" in text
    converter = _BoundedConverter(display_path, text) if may_expand else _Converter(display_path)
    try:
        return converter.convert(node)
    except RecursionError as exc:
        raise _syntax_error(display_path, node.start_mark,
                            "data er indlejret for dybt til at blive læst") from exc


def display_path(path: Path) -> str:
    """A path as editors want to see it: relative to the working directory if inside it.
    The last part is never resolved: a link is shown by its own name, never its target's."""
    path = Path(os.path.abspath(path))
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        try:
            return str(path.parent.resolve().relative_to(Path.cwd().resolve()) / path.name)
        except (ValueError, OSError):
            return str(path)


def load_yaml_bytes(raw: bytes, shown: str) -> Any:
    """Decode and parse one file's bytes; undecodable bytes are an E001 finding, not a crash."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlSyntaxError(Finding(
            "E001", Severity.ERROR,
            "filen er ikke gemt som UTF-8 (gem den som UTF-8 i din editor)",
            Location(shown, line, column))) from exc
    return load_yaml_text(text, shown)


def load_yaml_file(path: Path) -> Any:
    """Read and parse one file (the caller has checked that it may be read: files.py)."""
    return load_yaml_bytes(path.read_bytes(), display_path(path))
