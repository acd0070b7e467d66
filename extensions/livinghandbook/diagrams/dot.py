"""A small, safe DOT writer: every text is quoted and escaped, ids are generated.

Data never reaches DOT syntax: node ids are ``n0, n1, …`` (not entity ids) and every
label, tooltip and URL is a double-quoted string with ``\\`` and ``"`` escaped, so a
label like ``"]; evil -> x [label="`` is just text. Output order is insertion order,
which callers keep deterministic (data order), so unchanged data gives an unchanged
file and Sphinx's hash-named image cache stays warm.

Links are written as ``hb:<docname>#<anchor>`` and made relative to the page (HTML) or
dropped (PDF) when the diagram is rendered, see ``sphinxext/diagrams.py``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

FONT = "Helvetica,Arial,sans-serif"
# Sizes in points: graphviz's SVG maps 1 pt to 4/3 px, so at natural size node text is
# 14.7 px and edge and legend text 13.3 px; shown at 75 % (the least the handbook shows a
# diagram at in a page) they are still 11 and 10 px.
NODE_FONTSIZE, EDGE_FONTSIZE = "11", "10"
TEXT_COLOUR = "#1a1a1a"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n"})


def quote(text: str) -> str:
    """A DOT double-quoted string showing ``text`` literally (one ``translate``: a large
    portfolio's diagrams quote 140,000 strings on every build)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return f'"{text.translate(_ESCAPES)}"'


@lru_cache(maxsize=65536)  # the same titles are wrapped for the diagram and for estimating its width
def wrap(text: str, width: int = 24) -> str:
    """Each line of ``text`` broken at spaces to at most ``width`` characters (long titles
    make wide nodes, and wide nodes make a diagram too wide to read in the page)."""
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) or line
                     for line in text.split("\n"))


def link(docname: str, anchor: str = "") -> str:
    return f"hb:{docname}#{anchor}" if anchor else f"hb:{docname}"


def _attrs(attrs: dict[str, str | None]) -> str:
    kept = [f"{key}={quote(value)}" for key, value in attrs.items() if value is not None]
    return f" [{', '.join(kept)}]" if kept else ""


@dataclass
class Graph:
    """A directed graph with optional clusters, written as DOT text."""

    title: str
    attrs: dict[str, str] = field(default_factory=dict)
    _lines: list[str] = field(default_factory=list)
    _ids: dict[str, str] = field(default_factory=dict)
    _clusters: dict[str, list[str]] = field(default_factory=dict)
    _cluster_attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    _edges: list[str] = field(default_factory=list)
    _ranks: list[list[str]] = field(default_factory=list)

    def node(self, key: str, label: str, cluster: str | None = None, **attrs: str | None) -> str:
        """Add a node once per ``key``; return its generated id."""
        if key in self._ids:
            return self._ids[key]
        ident = f"n{len(self._ids)}"
        self._ids[key] = ident
        line = f"  {ident}{_attrs({'label': label, 'tooltip': attrs.pop('tooltip', None) or label, **attrs})};"
        if cluster is None:
            self._lines.append(line)
        else:
            self._clusters.setdefault(cluster, []).append(line)
        return ident

    def has(self, key: str) -> bool:
        return key in self._ids

    def cluster(self, name: str, label: str, **attrs: str) -> None:
        self._clusters.setdefault(name, [])
        self._cluster_attrs[name] = {"label": label, **attrs}

    def cluster_id(self, name: str) -> str:
        """The DOT name of a cluster, for ``lhead``/``ltail`` (needs ``compound=true``)."""
        return f"cluster_{list(self._clusters).index(name)}"

    def edge(self, a: str, b: str, **attrs: str | None) -> None:
        line = f"  {self._ids[a]} -> {self._ids[b]}{_attrs(attrs)};"
        if line not in self._edges:
            self._edges.append(line)

    def same_rank(self, keys: list[str]) -> None:
        ids = [self._ids[k] for k in keys if k in self._ids]
        if len(ids) > 1:
            self._ranks.append(ids)

    @property
    def size(self) -> int:
        return len(self._ids)

    def source(self) -> str:
        graph_attrs: dict[str, str | None] = {"fontname": FONT, "fontsize": NODE_FONTSIZE, "fontcolor": TEXT_COLOUR, "target": "_top",
                       **self.attrs}
        node_attrs: dict[str, str | None] = {"fontname": FONT, "fontsize": NODE_FONTSIZE, "fontcolor": TEXT_COLOUR, "shape": "box",
                      "style": "rounded,filled", "fillcolor": "#ffffff", "color": "#4d4d4d", "target": "_top"}
        edge_attrs: dict[str, str | None] = {"fontname": FONT, "fontsize": EDGE_FONTSIZE, "fontcolor": TEXT_COLOUR,
                                             "color": "#555555"}
        out = ["digraph G {",
               f"  graph{_attrs(graph_attrs)};",
               f"  node{_attrs(node_attrs)};",
               f"  edge{_attrs(edge_attrs)};"]
        out += self._lines
        for index, (name, lines) in enumerate(self._clusters.items()):
            out.append(f"  subgraph cluster_{index} {{")
            out.append(f"    graph{_attrs({'style': 'rounded', 'color': '#999999', **self._cluster_attrs.get(name, {'label': name})})};")
            out += ["  " + line for line in lines]
            out.append("  }")
        for ids in self._ranks:
            out.append(f"  {{ rank=same; {'; '.join(ids)}; }}")
        out += self._edges
        out.append("}")
        return "\n".join(out) + "\n"
