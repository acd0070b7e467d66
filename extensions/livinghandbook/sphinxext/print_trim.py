"""The compact print: what is left out of the PDF of a large portfolio, and where links
to what was left out point instead.

A printed page costs WeasyPrint about 0.1 s of CPU and 2–4 MB while it lays out the book,
and a portfolio of 200 projects and 600 benefits is 770 pages when every benefit has its
own section and chart and every project its own pages (bench/pdf_bench.py). Nobody reads
that on paper; the HTML has it. So above ``AUTO_LIMITS`` the print keeps the method, the
roles, the organisation, the people × roles and traceability matrices, the findings, and
every programme with its fields, organisation and its projects and benefits as tables; it
leaves out the projects' own pages (each project is a row of its programme's table, where
links and the index point), each benefit's own section (with its indicator charts), the
benefits maps drawn per project, each programme's benefits section (the traceability matrix
lists every benefit by programme), and the list of holders on each role's page (the matrix
and the index have them); a cell of the people × roles matrix that names more than
``MATRIX_NAMES`` places says how many (``count_long_cells``).
``handbook build --format pdf --print full`` prints everything at any size.

What is removed is found by entity ids (sections are anchored on them), computed from the
model, not by matching titles; the benefits maps are left out when the print builder
writes them (``PrintBuilder.handbook_diagram_html``, by their text alternatives).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

from ..model.entities import Municipality, Project
from ..views import labels as L

DETAILS = ("auto", "full", "compact")
ANY_PAGE = "*"  # redirect key for a link written on the same page ("#B-1", no page name)
# Above either limit, "auto" prints the compact handbook.
AUTO_LIMITS = {"projects": 60, "indicators": 150}


def compact_wanted(detail: str, m: Municipality) -> bool:
    if detail == "auto":
        return len(m.projects) > AUTO_LIMITS["projects"] or len(m.indicators) > AUTO_LIMITS["indicators"]
    return detail == "compact"


def trim(tree: nodes.document, m: Municipality) -> dict[tuple[str, str], str]:
    """Remove the parts the compact print leaves out; return (docname, anchor) → the
    anchor that links to a removed part should point to instead (docname ``ANY_PAGE`` for
    links within a page)."""
    redirect: dict[tuple[str, str], str] = {}
    benefits = {b.id: b for b in m.benefits}
    projects = {pr.id for pr in m.projects}
    # Who holds each role, role by role: the people × roles matrix and the index say it too.
    # Each programme's benefits table: the traceability matrix lists every benefit by programme.
    holders = {f"{role_id}-her" for role_id in m.roles} | {f"{p.id}-gevinster" for p in m.programmes}
    project_docs = {L.home(pr)[0]: pr for pr in m.projects}
    for document in list(tree.findall(addnodes.start_of_file)):
        if document["docname"] in project_docs:
            _remove(document)
    for section in list(tree.findall(nodes.section)):
        ident = section["ids"][0] if section["ids"] else ""
        if ident in benefits or ident in holders:
            _remove(section)
    for b in benefits.values():
        home = L.benefit_home(b)
        target = b.programmes[0].id if b.programmes else f"document-{home}"
        for ident in (b.id, *(i.id for i in b.indicators)):
            redirect[(home, ident)] = redirect[(ANY_PAGE, ident)] = target
    for docname, pr in project_docs.items():
        table = project_table(pr)
        for ident in ("", pr.id, *(d.id for d in pr.deliverables)):
            redirect[(docname, ident)] = table
        for ident in (pr.id, *(d.id for d in pr.deliverables)):
            redirect[(ANY_PAGE, ident)] = table
    return redirect


def trim_person_pages(tree: nodes.document, m: Municipality) -> dict[tuple[str, str], str]:
    """Person pages are not printed (every print): on paper the people × roles matrix and
    the index say who holds what, and a page per person would add a page per person.
    Links to a person's page or its sections lead to the person's row in the matrix."""
    redirect: dict[tuple[str, str], str] = {}
    person_docs = {L.home(p)[0]: p for p in m.people if p.has_page}
    for document in list(tree.findall(addnodes.start_of_file)):
        if document["docname"] in person_docs:
            _remove(document)
    for docname, person in person_docs.items():
        for ident in ("", person.id, f"{person.id}-roller", f"{person.id}-status",
                      *(f"{person.id}-{role_id}" for role_id in m.roles)):
            redirect[(docname, ident)] = person.id
    return redirect


def project_table(pr: Project) -> str:
    """The anchor of the table that lists a project in the compact print: its programme's
    projects section, or the stand-alone projects section."""
    return f"{pr.programme.id}-projekter" if pr.programme else "projekter"


MATRIX_NAMES = 5
_MATRIX = re.compile(r'(<table class="[^"]*handbook-matrix[^"]*"[^>]*>)(.*?)(</table>)', re.S)
_CELL = re.compile(r"<td((?: [^>]*)?)>((?:(?!</?td[ >]).)*)</td>", re.S)


def count_long_cells(body: str) -> str:
    """In the people × roles matrix, a cell naming more than ``MATRIX_NAMES`` places (a
    programme owner can be benefits owner of sixty benefits) becomes "60 steder": the
    matrix stays a matrix on paper, and the HTML names them all."""
    def cell(match: re.Match[str]) -> str:
        links = match.group(2).count("<a ")
        return f"<td{match.group(1)}>{links} steder</td>" if links > MATRIX_NAMES else match.group(0)

    return _MATRIX.sub(lambda m: m.group(1) + _CELL.sub(cell, m.group(2)) + m.group(3), body)


def _remove(node: nodes.Element) -> None:
    if node.parent is not None:
        node.parent.remove(node)
