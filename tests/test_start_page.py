"""The start page (issue 14): the portfolio at a glance in correct Danish, and a way in for
each kind of reader that leads to the role and to where that reader acts."""

from __future__ import annotations

import datetime as dt

from helpers import FIXTURES, run
from livinghandbook.findings import Finding, Location, Severity
from livinghandbook.views.blocks import Fields, Link, Section, Strong, inlines_of, walk
from livinghandbook.views.start_page import summary_block


def text(blocks) -> str:  # noqa: ANN001
    parts = []
    for block in walk(blocks):
        if isinstance(block, Section):
            parts.append(block.title)
        if isinstance(block, Fields):
            for label, value in block.rows:
                parts.append(label + ": " + "".join(i if isinstance(i, str) else i.text for i in value))
            continue
        parts.extend(i if isinstance(i, str) else i.text for i in inlines_of(block) if isinstance(i, (str, Link, Strong)))
    return "\n".join(parts)


def links(blocks) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(i.kind, i.target) for block in walk(blocks) for i in inlines_of(block) if isinstance(i, Link)}


def test_the_portfolio_at_a_glance_counts_in_danish_with_a_date_in_words():
    m = run(FIXTURES / "clean").model
    found = [Finding("G08", Severity.WARNING, "x", Location("a.yaml")),
             Finding("G13", Severity.INFO, "y", Location("a.yaml"))]
    shown = text(summary_block(m, found, dt.date(2026, 11, 29)))
    assert "Data opdateret: 29. november 2026" in shown
    assert "1 program," in shown and "1 programmer" not in shown  # one programme, singular
    assert "Metodens regler: 0 fejl, 1 advarsel, 1 info" in shown
    assert "Programmernes status: 1 program: 1 grøn" in shown
    assert "Data opdateret: ukendt" in text(summary_block(m, [], None))


def test_every_kind_of_reader_has_a_way_in_to_the_role_and_to_where_they_act():
    m = run(FIXTURES / "clean").model
    blocks = summary_block(m, [], None)
    ways = [b for b in walk(blocks) if isinstance(b, Section) and "handbook-way-in" in b.classes]
    assert [w.title for w in ways] == ["Jeg er programejer", "Jeg er gevinstansvarlig", "Jeg er projektleder",
                                       "Jeg sidder i direktionen", "Jeg vedligeholder data"]
    found = links(blocks)
    for role in ("programejer", "gevinstansvarlig", "projektleder", "portefoljeledelse"):
        assert ("role", role) in found
    assert {("doc", "portefolje"), ("doc", "fund"), ("doc", "sporbarhed"), ("doc", "personer")} <= found
    assert "Kilde:" in text(blocks)  # the credit to KL's guide stays on the start page
