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

from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding, Location, Severity

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
# them is capped so that a "billion laughs" file is an error, not a hung build.
MAX_NODES = 2_000_000

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
            raise _syntax_error(self.path, node.start_mark,
                                f"filen udfolder til mere end {MAX_NODES:,} elementer (for mange "
                                "YAML-aliaser); skriv data ud i stedet")
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
                            f"YAML-mærket {node.tag!r} er ikke tilladt i handbogens data")

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            # Dates stay text; the schema checks them and the model parses them.
            return node.value
        if tag in (_INT, _FLOAT, _BOOL, _NULL):
            try:
                return _scalars.yaml_constructors[tag](_scalars, node)
            except (ValueError, yaml.YAMLError) as exc:  # e.g. an out-of-range float
                raise _syntax_error(self.path, node.start_mark,
                                    f"værdien {node.value!r} kan ikke læses: {exc}") from exc
        raise _syntax_error(self.path, node.start_mark,
                            f"YAML-mærket {tag!r} er ikke tilladt i handbogens data")

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
                                    f"nøglen '{key}' står to gange i samme mapping "
                                    f"(første gang i linje {first.line})")
            result.key_locations[key] = self.loc(key_node)
            result.value_locations[key] = self.loc(value_node)
            result[key] = self.convert(value_node)
        return result


def load_yaml_text(text: str, display_path: str) -> Any:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with an E001 finding."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError as exc:
        raise _syntax_error(display_path, None, "data er indlejret for dybt til at blive læst") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "ugyldig YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise _syntax_error(display_path, mark,
                            f"YAML-syntaksfejl: {problem}{context}") from exc
    except yaml.YAMLError as exc:  # reader errors, e.g. control characters
        mark = getattr(exc, "problem_mark", None)
        raise _syntax_error(display_path, mark, f"YAML kan ikke læses: {exc}") from exc
    if node is None:
        return None
    try:
        return _Converter(display_path).convert(node)
    except RecursionError as exc:
        raise _syntax_error(display_path, node.start_mark,
                            "data er indlejret for dybt til at blive læst") from exc


def display_path(path: Path) -> str:
    """A path as editors want to see it: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_yaml_file(path: Path) -> Any:
    """Read and parse one file; undecodable bytes are an E001 finding, not a crash."""
    shown = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlSyntaxError(Finding(
            "E001", Severity.ERROR,
            "filen er ikke gemt som UTF-8 (gem den som UTF-8 i din editor)",
            Location(shown, line, column))) from exc
    return load_yaml_text(text, shown)
