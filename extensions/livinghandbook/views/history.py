"""What the handbook shows of the data's history: the changes page ("Ændringer") and the
history sections of programme, project and benefit pages. Pure functions of the model
and the history (``history/``); no Sphinx here.

Links go only to entities that exist now (``ref``); an entity that has since been removed
is named as plain text, so there are no dead links. People are named as everywhere else
(by title only with ``publish_names: false``), and commit authors are not shown then.
"""

from __future__ import annotations

from ..history import History, Version
from ..history.changes import EntityChange, FieldChange
from ..model.entities import Municipality
from . import labels as L
from .blocks import Block, Inline, bullets, fields, para, ref, section, strong, table

MAX_PER_VERSION = 40  # a bulk import lists its first changes and counts the rest
OTHER_GROUP = "Uden for programmer"


def _entity(m: Municipality, change: EntityChange) -> Inline:
    """A link to the entity if it exists now, else its name as text."""
    shown = change.title if change.kind == "person" or change.key.startswith("@") else f"{change.key} {change.title}"
    if change.key in m.entities and not change.key.startswith("@"):
        return ref(change.key, shown)
    return shown


def _groups(m: Municipality, changes: tuple[EntityChange, ...]) -> list[tuple[str, list[EntityChange]]]:
    """Changes by programme, in the portfolio's programme order, then the rest."""
    order = {p.id: index for index, p in enumerate(m.programmes)}
    grouped: dict[str, list[EntityChange]] = {}
    for change in changes:
        grouped.setdefault(change.programme or "", []).append(change)

    def label(pid: str) -> str:
        if not pid:
            return OTHER_GROUP
        programme = m.entities.get(pid)
        return f"{pid} {programme.label}" if programme is not None else pid

    keys = sorted(grouped, key=lambda pid: (pid == "", order.get(pid, len(order)), pid))
    return [(label(pid), sorted(grouped[pid], key=lambda c: c.key)) for pid in keys]


def _summary(version: Version) -> str:
    """What a version did, in words a reader scans: the heading after the date. The commit
    message is the editor's own note (often a tool's, or English), so it is shown below."""
    if version.first:
        return "første kendte version af data"
    if version.problem:
        return "data med fejl"
    if not version.changes:
        return "ingen ændringer i indholdet"
    count = L.plural(len(version.changes), "ændring", "ændringer")
    inside = [c for c in version.changes if c.programme]
    if not inside:
        return count
    programmes = L.plural(len({c.programme for c in inside}), "program", "programmer")
    if len(inside) == len(version.changes):
        return f"{count} i {programmes}"
    return f"{count}, heraf {len(inside)} i {programmes}"


def _version_blocks(m: Municipality, version: Version) -> list[Block]:
    # The commit id is left to the anchor (``aendring-<id>``): editors who need it for
    # ``handbook diff`` find it in the link; readers are not shown a hash.
    blocks: list[Block] = [fields([("Besked", version.message), ("Gemt af", version.author)])]
    if version.problem:
        blocks.append(para("Denne version havde fejl i data, så håndbogen kunne ikke bygges af den: ",
                           version.problem))
    if version.first:
        count = L.plural(version.entities, "post", "poster")
        blocks.append(para(f"Den ældste version af kommunens data, håndbogen kender ({count}); "
                           "ændringerne vises fra den næste version."))
        return blocks
    if not version.changes:
        if not version.problem:
            blocks.append(para("Ingen ændringer i indholdet (fx kun kommentarer, rækkefølge eller opsætning)."))
        return blocks
    shown = 0
    for group, changes in _groups(m, version.changes):
        items: list[list[Inline]] = []
        for change in changes:
            if shown >= MAX_PER_VERSION:
                break
            items.append([_entity(m, change), f": {change.text}"])
            shown += 1
        if items:
            blocks += [para(strong(group)), bullets(items)]
    if len(version.changes) > shown:
        rest = len(version.changes) - shown
        blocks.append(para(f"… og {L.plural(rest, 'ændring', 'ændringer')} mere i denne version."))
    return blocks


def changes_page(m: Municipality, history: History | None) -> list[Block]:
    """The changes page: each version of the period, newest first."""
    if history is None:
        return [para("Ændringshistorikken er ikke beregnet denne gang.")]
    if history.note:
        return [para(history.note)]
    since = L.date_da(history.since)
    if not history.versions:
        return [para(f"Ingen ændringer i kommunens data de seneste {history.days} dage (siden {since}).")]
    out: list[Block] = [para(f"{L.plural(len(history.versions), 'version', 'versioner')} af kommunens data "
                             f"de seneste {history.days} dage (siden {since}), nyeste først.")]
    for version in history.versions:
        when = L.date_da(version.date) + (f" kl. {version.clock}" if version.clock else "")
        title = f"{when}: {_summary(version)}"
        out.append(section(title, f"aendring-{version.commit[:12]}", _version_blocks(m, version),
                           classes=["handbook-version"]))
    return out


# -- an entity's history -------------------------------------------------------------------------
def _status_row(label: str, value: object) -> list[Inline]:
    status = value if isinstance(value, dict) else {}
    if not status:
        return [label, "Ingen statusrapport", "–", "–"]
    return [label, L.PHASE.get(str(status.get("phase")), "?"), L.RAG.get(str(status.get("rag")), "?"),
            _day(status.get("reported"))]


def _day(value: object) -> str:
    from ..history.wording import day
    return day(value) if value else "–"


def _fields(entries: list[tuple[Version, EntityChange]], head: str) -> list[tuple[Version, FieldChange]]:
    return [(v, f) for v, c in entries for f in c.fields if f.field.partition(".")[0] == head]


def _status_table(entries: list[tuple[Version, EntityChange]]) -> list[Block]:
    changes = _fields(entries, "status")
    if not changes:
        return []
    rows = [_status_row("Før", changes[0][1].old)]
    rows += [_status_row(L.date_da(v.date), f.new) for v, f in changes]
    return [para(strong("Status over tid")),
            table(["Dato", "Fase", "Status", "Rapporteret"], rows, classes=["handbook-status-history"])]


def _dated_list(title: str, items: list[tuple[Version, FieldChange]]) -> list[Block]:
    if not items:
        return []
    return [para(strong(title)), bullets([[f"{L.date_da(v.date)}: {f.text}"] for v, f in items])]


def entity_history(m: Municipality, history: History | None, entity_id: str, always: bool = True) -> list[Block]:
    """The history section of a programme, project or benefit (``always``: also when
    nothing changed; benefits, many to a page, get one only when something did)."""
    if history is None or history.note:
        return []
    entries = history.of(entity_id)
    if not entries and not always:
        return []
    children: list[Block] = []
    for version, change in entries:
        if change.action == "added":
            children.append(para(f"Oprettet {L.date_da(version.date)}."))
    children += _status_table(entries)
    children += _dated_list("Skift af roller", _fields(entries, "roles"))
    targets = [(v, f) for v, f in _fields(entries, "indicators")
               if f.field.rsplit(".", 1)[-1] in ("target", "baseline")]
    children += _dated_list("Ændrede mål", targets)
    shown = {id(f) for _v, f in [*_fields(entries, "status"), *_fields(entries, "roles"), *targets]}
    rest = [(v, f) for v, c in entries for f in c.fields if id(f) not in shown]
    children += _dated_list("Andre ændringer", rest)
    if not children:
        children.append(para(f"Ingen ændringer de seneste {history.days} dage."))
    return [section("Historik", f"{entity_id}-historik", children, classes=["handbook-history"])]
