"""The start page's own content: the portfolio at a glance, a way in for each kind of
reader, and the credit to the method's source. Pure: model → blocks.

The ways in are written for the readers the handbook serves (a programme owner, a
benefits owner, a project manager, a director, the editor of the data): each says in one
line what the role is about and links to the role's page and to where that reader acts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from ..findings import Finding, Severity
from ..method.credit import credit_text
from ..model.entities import Municipality, Programme, Project
from . import labels as L
from .blocks import Block, Inline, bullets, doc_ref, fields, join, para, role_ref, section, strong
from .entity_pages import entity_ref

# Danish RAG words as adjectives: (one, several).
RAG_WORDS = {"green": ("grøn", "grønne"), "amber": ("gul", "gule"), "red": ("rød", "røde")}


def _role(m: Municipality, role_id: str, text: str) -> Inline:
    return role_ref(role_id, text) if role_id in m.roles else text


def _way_in(title: str, summary: str, links: Sequence[Inline]) -> Block:
    anchor = "vej-" + title.split()[-1].lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    return section(title, anchor, [para(summary), bullets([[link] for link in links])], classes=["handbook-way-in"])


def ways_in(m: Municipality) -> Block:
    """'Jeg er …': one entry per kind of reader, with where that reader acts."""
    people = doc_ref(L.PEOPLE_DOC, "Find dine egne roller")
    return section("Find vej", "find-vej", [
        _way_in("Jeg er programejer", "Du står til ansvar for, at programmet giver sine gevinster.", [
            _role(m, "programejer", "Programejerens rolle"), doc_ref(L.PORTFOLIO_DOC, "Programmerne"),
            doc_ref("metode/programopbygning", "Sådan bygges et program op"), people]),
        _way_in("Jeg er gevinstansvarlig", "Du sørger for, at gevinsterne bliver hentet i driften.", [
            _role(m, "gevinstansvarlig", "Den gevinstansvarliges rolle"),
            doc_ref(L.TRACE_DOC, "Gevinsterne og hvad der muliggør dem"), doc_ref(L.GOALS_DOC, "De strategiske mål"),
            people]),
        _way_in("Jeg er projektleder", "Du leder et projekt, der skal levere det, gevinsterne bygger på.", [
            _role(m, "projektleder", "Projektlederens rolle"),
            doc_ref("metode/gode-projekter", "Grundkravene til et godt projekt"),
            doc_ref(L.PORTFOLIO_DOC, "Projekterne i porteføljen"), people]),
        _way_in("Jeg sidder i direktionen", "I prioriterer porteføljen og følger, om gevinsterne kommer.", [
            _role(m, "portefoljeledelse", "Porteføljeledelsens rolle"), doc_ref(L.PORTFOLIO_DOC, "Porteføljen"),
            doc_ref(L.FINDINGS_DOC, "Fund fra metodens regler"), doc_ref("metode/modenhed", "Modenhedsvurderingen")]),
        _way_in("Jeg vedligeholder data", "Du holder kommunens data og håndbogen ajour.", [
            doc_ref(L.FINDINGS_DOC, "Fund, der skal rettes"), doc_ref(L.RULES_DOC, "Metodens regler"),
            doc_ref("aendringer", "Seneste ændringer")]),
    ], classes=["handbook-ways-in"])


def rag_text(items: Sequence[Programme | Project], one: str, many: str) -> str:
    """'7 programmer: 5 grønne, 1 gul, 1 rød' (and how many have no status report)."""
    counts = Counter(p.status.rag for p in items if p.status is not None)
    parts = [f"{counts[rag]} {words[0] if counts[rag] == 1 else words[1]}" for rag, words in RAG_WORDS.items()
             if counts[rag]]
    missing = sum(1 for p in items if p.status is None)
    if missing:
        parts.append(f"{missing} uden statusrapport")
    return L.plural(len(items), one, many) + (": " + ", ".join(parts) if parts else "")


def findings_text(findings: Sequence[Finding]) -> Inline:
    """'0 fejl, 14 advarsler, 2 info', linked to the findings page (one link: the page shows
    them by severity)."""
    counts = Counter(f.severity for f in findings)
    return doc_ref(L.FINDINGS_DOC, L.health(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]))


def at_a_glance(m: Municipality, findings: Sequence[Finding], data_date: dt.date | None) -> Block:
    work: list[Programme | Project] = [*m.programmes, *m.projects]
    red = [p for p in work if p.status and p.status.rag == "red"]
    return section("Porteføljen lige nu", "overblik", [fields([
        ("Data opdateret", L.date_da(data_date)),
        ("Porteføljen", [doc_ref(L.PORTFOLIO_DOC, L.plural(len(m.programmes), "program", "programmer")),
                         ", " + L.plural(len(m.projects), "projekt", "projekter") + ", "
                         + L.plural(len(m.adhoc), "ad hoc-indsats", "ad hoc-indsatser") + " og ",
                         doc_ref(L.TRACE_DOC, L.plural(len(m.benefits), "gevinst", "gevinster"))]),
        ("Programmernes status", rag_text(m.programmes, "program", "programmer")),
        ("Projekternes status", rag_text(m.projects, "projekt", "projekter")),
        ("Rød status", join([entity_ref(m, p) for p in red]) or "Ingen"),
        ("Metodens regler", findings_text(findings)),
    ])], classes=["handbook-at-a-glance"])


def summary_block(m: Municipality, findings: list[Finding], data_date: dt.date | None) -> list[Block]:
    """The start page's ``handbook-summary``: the portfolio at a glance (short, so it is seen
    first on a phone too), ways in by role, the credit."""
    return [at_a_glance(m, findings, data_date), ways_in(m), para(strong("Kilde: "), credit_text(m.name))]
