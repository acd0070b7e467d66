"""One block model, the same facts in every output (issue 12): what the HTML page of a
programme and of a project shows, the PDF prints in that programme's and project's
sections — field by field, table cell by table cell, from the same view."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from helpers import FIXTURES, TODAY, build_into
from livinghandbook.validate import validate_folder
from livinghandbook.views import entity_pages as E
from livinghandbook.views.blocks import Fields, Inline, Link, Strong, Table, walk

pytestmark = pytest.mark.slow


def _plain(items: tuple[Inline, ...]) -> str:
    return "".join(i if isinstance(i, str) else i.text if isinstance(i, (Link, Strong)) else "" for i in items)


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def _facts(blocks) -> list[str]:  # noqa: ANN001
    """Every field value and table cell of a view, as plain text."""
    out = []
    for block in walk(blocks):
        if isinstance(block, Fields):
            for label, value in block.rows:  # label and value apart: print lays fields out in two columns
                out += [label, _plain(value)]
        elif isinstance(block, Table):
            out += [_plain(cell) for row in block.rows for cell in row if _plain(cell).strip()]
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("parity")
    data = root / "data"
    shutil.copytree(FIXTURES / "clean", data)
    out = root / "_build"
    assert build_into(data, out) == 0
    assert build_into(data, out, fmt="pdf") == 0
    printed = subprocess.run(["pdftotext", str(out / "testby" / "pdf" / "testby.pdf"), "-"], capture_output=True,
                             text=True, check=True).stdout  # in reading order
    return validate_folder(data, today=TODAY), out / "testby" / "html", _squash(printed)


@pytest.mark.parametrize("entity", ["P-1", "PR-1"])
def test_html_and_pdf_show_the_same_fields_of_a_view(outputs, entity):
    validation, site, printed = outputs
    m = validation.model
    if entity == "P-1":
        blocks = E.programme_page(m, m.entities[entity], validation.by_entity, today=validation.today)
        page = (site / "program" / "P-1.html").read_text(encoding="utf-8")
    else:
        blocks = E.project_page(m, m.entities[entity], validation.by_entity, today=validation.today)
        page = (site / "projekt" / "PR-1.html").read_text(encoding="utf-8")
    shown = _squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    facts = _facts(blocks)
    assert len(facts) > 8
    for fact in facts:
        assert _squash(fact) in shown, f"HTML lacks {fact!r}"
        assert _squash(fact) in printed, f"PDF lacks {fact!r}"
