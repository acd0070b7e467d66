"""The print handbook (issue 15): a tagged PDF/UA-1 and PDF/A-2a made by WeasyPrint, read
back with pikepdf and PyMuPDF (``livinghandbook.pdf.audit``): structure, metadata, fonts,
text sizes, bookmarks, contents and index; hostile text printed literally."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import FIXTURES, TODAY, build_into
from livinghandbook.diagrams import builders as D
from livinghandbook.pdf.audit import audit
from livinghandbook.validate import validate_folder
from livinghandbook.views.entity_pages import indicator_alt
from livinghandbook.views.labels import entity_label

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def squash(text: str) -> str:
    """Letters and digits only: immune to line breaks and spacing."""
    return re.sub(r"[\W_]+", "", text).lower()


def words(text: str) -> str:
    """Text with every run of white space as one space (a line break is a space)."""
    return " ".join(text.split())


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "_build"
    data = REPO / "municipality_data" / "solbjerg"
    assert build_into(data, out, fmt="pdf") == 0
    pdf = out / "solbjerg" / "pdf" / "solbjerg.pdf"
    return validate_folder(data, today=TODAY).model, pdf, audit(pdf)


def pages_between(result, start_title: str) -> str:
    """The text of the pages from the bookmark ``start_title`` to the next bookmark of
    its level or higher (the section it opens)."""
    marks = result.bookmarks
    index = next(i for i, (_level, title, _page) in enumerate(marks) if title == start_title)
    level, _title, first = marks[index]
    last = next((page - 1 for lv, _t, page in marks[index + 1:] if lv <= level), result.pages)
    return "\n".join(result.page_text[first - 1:max(first, last)])


def test_demo_pdf_has_danish_text_and_every_entity(demo):
    m, pdf, _result = demo
    text = pdf_text(pdf)
    assert "Solbjerg Kommune" in text and "Projektmodel-håndbog" in text
    for word in ("Gevinstansvarlig", "Følgegruppe", "fraværsregistrering", "Ældre", "Økonomidirektør"):
        assert word.lower() in text.lower(), word
    flat = squash(text)
    missing = [e.id for e in m.entities.values() if squash(entity_label(m, e)) not in flat]
    assert missing == []


def test_demo_pdf_is_tagged_pdf_ua_and_pdf_a(demo):
    _m, _pdf, result = demo
    assert result.tagged
    assert result.lang == "da"
    assert result.display_doc_title
    assert result.title == "Solbjerg Kommune: projektmodel-håndbog"
    assert (result.pdfa, result.pdfua) == ("2A", "1")
    assert result.output_intent
    # Running heads and page numbers are artifacts: no marked content outside the tree.
    assert result.orphan_marked_content == 0


def test_structure_tree_has_ordered_headings_figures_with_alt_and_header_cells(demo):
    m, _pdf, result = demo
    assert result.headings[0] == 1
    deeper = [(a, b) for a, b in zip(result.headings, result.headings[1:]) if b > a + 1]
    assert deeper == [], "a heading level is skipped"
    assert result.figures >= 1 + len(m.programmes) + len(m.roles)
    assert result.figures_without_alt == 0
    # The same Danish text alternatives as the HTML: diagrams and charts.
    assert D.portfolio_map(m)["alt"] in result.alts
    assert D.programme_organisation(m, m.programmes[0])["alt"] in result.alts
    assert indicator_alt(m.indicators[0]) in result.alts
    assert result.tables > 10 and result.lists > 10
    assert result.th_cells > 50 and result.th_without_scope == 0


def test_fonts_embedded_no_small_text_no_blank_pages(demo):
    _m, _pdf, result = demo
    assert result.fonts and result.fonts_not_embedded == []
    assert result.small_spans == []
    assert result.blank_pages == []


def test_bookmarks_and_printed_contents_name_every_programme_project_and_role(demo):
    m, _pdf, result = demo
    marks = {title for _level, title, _page in result.bookmarks}
    wanted = [p.title for p in m.programmes] + [pr.title for pr in m.projects] + [r.name for r in m.roles.values()]
    assert [title for title in wanted if title not in marks] == []
    contents = pages_between(result, "Indhold")
    assert [title for title in wanted if squash(title) not in squash(contents)] == []
    # Each line of the contents ends in its page number.
    assert re.search(r"Porteføljen\s*\.{3,}\s*\d+", contents)


def test_index_lists_roles_programmes_projects_and_people_with_pages(demo):
    m, _pdf, result = demo
    index = words(pages_between(result, "Stikordsregister"))
    for group in ("Roller", "Programmer", "Projekter", "Personer"):
        assert group in index
    for name in [r.name for r in m.roles.values()] + [p.title for p in m.programmes] + \
            [m.person_label(x) for x in m.people if x.assignments]:
        assert re.search(re.escape(name) + r" \d+", index), name


def test_names_and_titles_are_never_hyphenated(demo):
    m, pdf, _result = demo
    text = words(pdf_text(pdf))
    names = [x.name for x in m.people] + [p.title for p in m.programmes] + [pr.title for pr in m.projects]
    assert [name for name in names if name not in text] == []


def test_wide_chapters_on_landscape_pages_and_figures_numbered_through(demo):
    _m, pdf, result = demo
    import pymupdf

    first = next(page for _lv, title, page in result.bookmarks if title == "Personer og roller")
    with pymupdf.open(pdf) as doc:
        assert doc[first - 1].rect.width > doc[first - 1].rect.height  # the people × roles matrix
        assert doc[0].rect.width < doc[0].rect.height
    numbers = [int(n) for n in re.findall(r"Figur (\d+)\.", "\n".join(result.page_text))]
    assert numbers[:3] == [1, 2, 3]
    assert numbers == sorted(set(numbers)), "figure numbers restart or repeat"
    assert not re.search(r"Figur \d+:", "\n".join(result.page_text)), "a page's own figure number in print"


def test_field_values_stay_beside_their_labels(demo):
    """A label that wraps ("Programmernes status") must not push the values below it one
    line up against the wrong label."""
    _m, pdf, result = demo
    import pymupdf

    first = next(page for _lv, title, page in result.bookmarks if title == "Porteføljen lige nu")
    with pymupdf.open(pdf) as doc:
        page = doc[first - 1]

        def top(text: str) -> float:
            hits = page.search_for(text)
            assert hits, f"{text!r} not on the page"
            return float(hits[0].y0)

        for label, value in [("Data opdateret", "november"), ("Projekternes status", "projekter:"),
                             ("Metodens regler", "fejl,")]:
            assert abs(top(label) - top(value)) < 2, f"{label!r} and its value are on different lines"


def test_no_text_runs_into_the_page_margin(demo):
    """Long table text (a finding and its fix) wraps inside its cell, never off the page."""
    _m, pdf, _result = demo
    import pymupdf

    def margin(page) -> float:  # the side margins of handbog-print.css: 20 mm portrait, 15 mm landscape
        return (15 if page.rect.width > page.rect.height else 20) / 25.4 * 72

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_MEDIABOX_CLIP  # words off the page count too
    with pymupdf.open(pdf) as doc:
        outside = [(number + 1, word[4]) for number, page in enumerate(doc) if number > 0  # the cover bleeds
                   for word in page.get_text("words", flags=flags) if word[2] > page.rect.width - margin(page) + 1]
    assert outside == []


def test_no_words_overlap_on_any_page(demo):
    """Text that runs out of its table cell or under a chart's axis title lands on other text."""
    _m, pdf, _result = demo
    import pymupdf

    overlaps = []
    with pymupdf.open(pdf) as doc:
        for number, page in enumerate(doc, start=1):
            words = sorted(page.get_text("words"), key=lambda w: (round(w[1]), w[0]))
            for i, a in enumerate(words):
                for b in words[i + 1:i + 40]:  # neighbours in reading order
                    if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 2:
                        overlaps.append((number, a[4], b[4]))
    assert overlaps == []


def test_method_words_hyphenated_between_their_parts(demo):
    """Pyphen's Danish patterns split "gevin-stansvarlig" and "projek-t"; print breaks the
    method's compounds between their words ("gevinst-ansvarlig", "projekt-deltager")."""
    _m, _pdf, result = demo
    lines = "\n".join(result.page_text).splitlines()
    bad = [f"{a} / {b}" for a, b in zip(lines, lines[1:])
           if re.search(r"(gevin|projek|porteføljele)[\u2010-]$", a, re.I)]
    assert bad == []
    assert any(re.search(r"gevinst[\u2010-]$", line, re.I) for line in lines)  # it does hyphenate


def test_hostile_text_prints_literally(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "hostile", data)
    assert build_into(data, tmp_path / "_build", fmt="pdf") == 0
    pdf = tmp_path / "_build" / "fjendtlig" / "pdf" / "fjendtlig.pdf"
    flat = words(pdf_text(pdf))
    for literal in ['<script>alert("kommune")</script> & Co. {{ navn }} 100 %', r"\section{LaTeX} \input{/etc/passwd}",
                    "%kommentar", "$\\textbf{fed}$ % & # _ ^ ~", "Projekt ]]> <!-- kommentar --> {% raw %}"]:
        assert literal in flat, literal
    result = audit(pdf)
    assert result.title.startswith('<script>alert("kommune")</script>')
    assert result.fonts_not_embedded == [] and result.figures_without_alt == 0


def test_compact_print_without_names(tmp_path):
    """The compact print (large portfolios) with ``publish_names: false``: still PDF/UA,
    benefits only in tables, and no people in the index."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    kommune = data / "kommune.yaml"
    kommune.write_text(kommune.read_text(encoding="utf-8").replace(
        "  name: Testby Kommune\n", "  name: Testby Kommune\n  publish_names: false\n", 1), encoding="utf-8")
    assert build_into(data, tmp_path / "_build", fmt="pdf", print_detail="compact") == 0
    m = validate_folder(data, today=TODAY).model
    assert m is not None and not m.publish_names
    result = audit(tmp_path / "_build" / m.id / "pdf" / f"{m.id}.pdf")
    assert (result.pdfa, result.pdfua, result.lang) == ("2A", "1", "da")
    assert result.figures_without_alt == 0 and result.small_spans == [] and result.blank_pages == []
    text = words("\n".join(result.page_text))
    assert "kompakte trykte udgave" in text
    index = words(pages_between(result, "Stikordsregister"))
    assert "Personer" not in index
    assert [x.name for x in m.people if x.name in text] == []
    assert not any(indicator_alt(ind) in result.alts for ind in m.indicators)  # no per-benefit charts
