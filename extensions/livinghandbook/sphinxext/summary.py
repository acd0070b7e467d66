"""``{handbook-summary}``: the start page's municipality name, data date and health.

Everything shown comes from YAML and goes into docutils text nodes, so it is escaped
by every writer; nothing from the data is ever parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..findings import Finding, Severity
from . import state

SEVERITY_LABELS = {Severity.ERROR: "Fejl", Severity.WARNING: "Advarsler", Severity.INFO: "Info"}


def data_date(folder: Path) -> dt.date | None:
    """The date the data was last changed: its last git commit, else the newest file."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=folder,
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        if out:
            return dt.date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    stamps = [p.stat().st_mtime for p in folder.glob("*.yaml")]
    return dt.date.fromtimestamp(max(stamps)) if stamps else None


def _table(findings: list[Finding]) -> nodes.table:
    table = nodes.table(classes=["handbook-findings"])
    group = nodes.tgroup(cols=4)
    table += group
    for width in (8, 10, 30, 52):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body

    def row(cells: list[str], into: nodes.Element) -> None:
        r = nodes.row()
        for text in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text=text)
            r += entry
        into += r

    row(["Regel", "Alvor", "Sted", "Fund"], head)
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.sort_key)):
        row([f.rule, f.severity.danish, str(f.location), f.message], body)
    return table


class SummaryDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        v = state.validation(self.config)
        for path in state.data_files(self.config):
            self.env.note_dependency(str(path.resolve()))
        m = v.model
        if m is None:  # data errors: the CLI stops before Sphinx, but a direct build may not
            return [nodes.paragraph(text="Kommunens data har fejl; se handbook validate.")]
        when = data_date(Path(self.config.handbook_data_dir))
        facts = nodes.bullet_list()
        for text in [
            f"Kommune: {m.name}",
            f"Data opdateret: {when.isoformat() if when else 'ukendt'}",
            f"Portefølje: {len(m.programmes)} programmer, {len(m.projects)} projekter, "
            f"{len(m.adhoc)} ad hoc-indsatser, {len(m.benefits)} gevinster",
        ]:
            item = nodes.list_item()
            item += nodes.paragraph(text=text)
            facts += item
        counts = {s: sum(1 for f in v.findings if f.severity is s) for s in Severity}
        health = ", ".join(f"{SEVERITY_LABELS[s]}: {counts[s]}" for s in Severity)
        out: list[nodes.Node] = [facts, nodes.paragraph(text=f"Metodens regler: {health}.")]
        if v.findings:
            out.append(_table(v.findings))
        else:
            out.append(nodes.paragraph(text="Ingen fund: data følger metodens regler."))
        return out
