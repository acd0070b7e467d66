"""The findings page for editors: what the method's rules found, where, and how to fix it.

Grouped by programme (then stand-alone projects and benefits, then the municipality as a
whole: people, units, the portfolio, goals), and within each group by severity, each in
an anchored section (``<group>-error`` …) with the classes the page's small filter script
uses (``handbook-content.js``); without the script every section is simply shown. Each
finding names what it is about (every id in the message is followed by its name and
links to it), says how to fix it (the rule's ``fix``) and where in the data it is: the
file relative to the data folder, never the build machine's path.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..findings import Finding, Severity
from ..model.entities import (
    AdHoc, Benefit, Deliverable, Entity, Indicator, Municipality, Person, Programme, Project,
)
from ..rules.engine import ALL_RULES
from . import labels as L
from .blocks import Block, Inline, para, ref, rule_ref, section, strong, table

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# Words of the rules' messages an id could coincide with: never taken for an id.
WORDS = {"og", "i", "at", "er", "en", "et", "af", "til", "for", "på", "med", "som", "har", "ikke", "det", "den",
         "de", "om", "fra", "men", "eller", "der", "ingen", "over", "under"}
STANDALONE = ("Selvstændige projekter og gevinster", "fund-selvstaendige")
WHOLE = ("Hele kommunen: personer, enheder, portefølje og mål", "fund-kommunen")


def relative(path: str, folder: str) -> str:
    """A finding's file as the editor knows it: relative to the data folder."""
    try:
        return PurePath(path).relative_to(PurePath(folder)).as_posix()
    except ValueError:
        return PurePath(path).name


def annotate(m: Municipality, message: str) -> list[Inline]:
    """The message with every entity id in it followed by the entity's name, linked."""
    out: list[Inline] = []
    pos = 0
    for match in ID.finditer(message):
        ident = match.group()
        entity = m.entities.get(ident)
        if entity is None or ident.lower() in WORDS:
            continue
        label = entity.name if isinstance(entity, Person) and m.publish_names else L.entity_label(m, entity)
        out += [message[pos:match.start()], ref(ident, f"{label} ({ident})" if label != ident else ident)]
        pos = match.end()
    out.append(message[pos:])
    return [item for item in out if item != ""]


def _programme_of(entity: Entity | None) -> Programme | None | bool:
    """The programme a finding belongs to; ``False``: stand-alone work; ``None``: the municipality."""
    if isinstance(entity, Indicator):
        entity = entity.benefit
    if isinstance(entity, Deliverable):
        entity = entity.project
    if isinstance(entity, Programme):
        return entity
    if isinstance(entity, (Project, AdHoc)):
        return entity.programme or False
    if isinstance(entity, Benefit):
        return entity.programmes[0] if entity.programmes else False
    return None


def groups(m: Municipality, findings: list[Finding]) -> list[tuple[str, str, list[Finding]]]:
    """(title, anchor, findings) per programme in data order, then stand-alone, then the whole."""
    by_programme: dict[str, list[Finding]] = {}
    alone: list[Finding] = []
    whole: list[Finding] = []
    for f in findings:
        owner = _programme_of(m.entities.get(f.entity) if f.entity else None)
        if isinstance(owner, Programme):
            by_programme.setdefault(owner.id, []).append(f)
        else:
            (alone if owner is False else whole).append(f)
    out = [(p.title, f"fund-{p.id}", by_programme[p.id]) for p in m.programmes if p.id in by_programme]
    out += [(*STANDALONE, alone)] if alone else []
    out += [(*WHOLE, whole)] if whole else []
    return out


def _row(m: Municipality, f: Finding) -> list[list[Inline] | Inline]:
    """The rule, the finding and its fix in one cell (a narrow rule column left the text a
    sliver on a phone), and where in the data."""
    rule = ALL_RULES.get(f.rule)
    found: list[Inline] = [rule_ref(f.rule), ": ", *annotate(m, f.message), "."]
    if rule is not None and rule.fix:
        found += [" ", strong("Sådan retter du det:"), " ", rule.fix]
    where = f"{relative(f.location.path, m.folder)}, linje {f.location.line}"
    return [found, where]


def _counts(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return L.health(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])


def findings_page(m: Municipality, findings: list[Finding]) -> list[Block]:
    if not findings:
        return [para("Ingen fund: data følger metodens regler.")]
    out: list[Block] = [para(f"I alt {_counts(findings)}, samlet pr. program og derefter efter alvor. "
                             "Stedet i data er filen i kommunens datamappe og linjen i den.")]
    for title, anchor, found in groups(m, findings):
        children: list[Block] = []
        for severity in sorted(Severity, key=lambda s: s.rank):
            these = [f for f in found if f.severity is severity]
            if these:
                children.append(section(
                    f"{L.SEVERITY_PLURAL[severity.value]} ({len(these)})", f"{anchor}-{severity.value}",
                    [table(["Fund og rettelse", "Sted i data"], [_row(m, f) for f in these],
                           classes=["handbook-findings"], widths=[3, 1])],
                    classes=["handbook-findings-severity", f"handbook-findings-{severity.value}"]))
        out.append(section(f"{title} ({len(found)})", anchor, children, classes=["handbook-findings-group"]))
    return out
