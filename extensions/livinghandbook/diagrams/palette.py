"""How each kind of node looks in the handbook's diagrams: its own colour and its own shape.

Colour alone would fail readers who do not see it (and grey print), so every kind also
has a shape of its own; a legend in each diagram names the kinds it shows. Fills are
light, so the dark text on them keeps a contrast of at least 4.5:1 (WCAG AA; checked
in ``tests/test_diagram_layout.py`` with :func:`contrast`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .dot import Graph

TEXT = "#1a1a1a"  # the text colour on every fill
BORDER = "#4d4d4d"


@dataclass(frozen=True)
class Look:
    label: str  # Danish, for the legend
    fill: str
    shape: str
    style: str = "filled"
    margin: str | None = None  # room for the text in shapes with slanted sides

    def attrs(self) -> dict[str, str | None]:
        return {"fillcolor": self.fill, "shape": self.shape, "style": self.style, "margin": self.margin}


LOOKS: dict[str, Look] = {
    "portfolio": Look("Portefølje", "#e8dcc8", "folder"),
    "programme": Look("Program", "#aee0d6", "box3d"),
    "project": Look("Projekt", "#f8c8b0", "box", "rounded,filled"),
    "adhoc": Look("Ad hoc-indsats", "#e0e3a2", "cds", margin="0.25,0.12"),
    "deliverable": Look("Leverance", "#fff0a0", "note"),
    # Polygons scale their text box up to fit their corners; a small margin keeps them compact.
    "benefit:economic": Look("Økonomisk gevinst", "#c4dbf6", "octagon", margin="0.04,0.03"),
    "benefit:efficiency": Look("Effektivitetsgevinst", "#c8eab8", "house", margin="0.04,0.03"),
    "benefit:quality": Look("Kvalitetsgevinst", "#f6c6dd", "invhouse", margin="0.04,0.03"),
    "benefit:strategic": Look("Strategisk gevinst", "#dccff3", "ellipse", margin="0.04,0.03"),
    "goal": Look("Strategisk mål", "#d7dde6", "tab"),
    "person": Look("Person i en rolle", "#f4f4f4", "box"),
    "group": Look("Gruppe af personer", "#ffffff", "box", "filled,bold"),
}
# Status colours of the portfolio map (the map's colours mean status; shapes mean kinds).
RAG_FILLS = {"green": "#b7e1c1", "amber": "#ffe29a", "red": "#f4b6b6"}
NO_STATUS = "#eeeeee"


def look(kind: str) -> Look:
    return LOOKS[kind]


def benefit_kind(benefit_kind: str) -> str:
    return f"benefit:{benefit_kind}"


def add_legend(g: Graph, kinds: list[str], title: str = "Forklaring", fills: dict[str, str] | None = None,
               after: str | None = None, shapes_only: bool = False) -> None:
    """A legend box listing ``kinds`` (each drawn as it looks), in rows of three, placed
    below the node ``after`` (the lowest level of a top-down diagram) so it never widens it.
    ``fills``: extra entries (label → fill) drawn as plain boxes, e.g. status colours;
    ``shapes_only``: the kinds in white, where the diagram's colours mean something else."""
    kinds = sorted(kinds, key=list(LOOKS).index)  # always in the palette's order: top of a diagram first
    entries = [(f"legend:{kind}", look(kind).label,
                {**look(kind).attrs(), **({"fillcolor": "#ffffff"} if shapes_only else {})}) for kind in kinds]
    entries += [(f"legend:fill:{label}", label, {"fillcolor": fill, "shape": "box", "style": "filled"})
                for label, fill in (fills or {}).items()]
    if not entries:
        return
    g.cluster("legend", title, fontsize="10", style="rounded", color="#9a9a9a")
    rows = [entries[i:i + 3] for i in range(0, len(entries), 3)]
    for row in rows:
        for key, label, attrs in row:
            g.node(key, label, cluster="legend", fontsize="10", tooltip=label, **attrs)
        g.same_rank([key for key, _label, _attrs in row])
        for (left, _l, _a), (right, _r, _b) in zip(row, row[1:]):
            g.edge(left, right, style="invis")
    for upper, lower in zip(rows, rows[1:]):
        g.edge(upper[0][0], lower[0][0], style="invis")
    if after is not None:  # under the middle of the first row, so the legend stays centred
        g.edge(after, rows[0][len(rows[0]) // 2][0], style="invis")


# -- contrast (WCAG 2.1) ----------------------------------------------------------------
def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
