"""No data string is ever evaluated (issue 11, item 1): arbitrary text in titles, names and
notes reaches needs.json, portfolio.json and the HTML verbatim, through real builds.

sphinx-needs parses ``[[…]]`` in need fields as dynamic functions (whose ``filter`` is
``eval``-ed) and ``<<…>>`` as variants; MyST would parse roles, directives and
substitutions; Jinja ``{{ }}``/``{% %}``. The hypothesis strategy mixes those shapes with
arbitrary Unicode text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, build_into, page_text

pytestmark = pytest.mark.slow

PAYLOAD = "[[copy(\"id\", filter=\"__import__('os').system('touch {marker}') == 0 or True\")]]"
SHAPES = ["[[copy('id')]]", "Fase [[1]]", "<<x>>", "{{ title }}", "{% raw %}", "`kode`", "{rolle}`programejer`",
          ":need:`P-1`", "|sub|", "```{raw} html\n```", "\\section{x}", "%", "&amp;", "<script>alert(1)</script>",
          "'\"", "{x}", "\\", "🚀", "æøå ÆØÅ", "[[", "]]", "{{", "}}"]

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=24)
HOSTILE = st.lists(st.one_of(st.sampled_from(SHAPES), TEXT), min_size=1, max_size=4).map(" ".join) \
    .map(lambda s: " ".join(s.split())).filter(bool)

# Where each string goes: (YAML text to replace, what replaces it, need id that shows it)
PLACES = [("title: Velfærdsteknologi", "title: {}", "P-1"),
          ("title: Vasketoiletter", "title: {}", "PR-1"),
          ("title: Bedre skoler", "title: {}", "G-2"),
          ("name: Otto Krarup", "name: {}", "oko")]


def _build(tmp: Path, values: list[str]) -> Path:
    data = tmp / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(FIXTURES / "clean", data)
    path = data / "kommune.yaml"
    text = path.read_text(encoding="utf-8")
    for (old, new, _id), value in zip(PLACES, values):
        text = text.replace(old, new.format(json.dumps(value, ensure_ascii=False)), 1)
    path.write_text(text, encoding="utf-8")
    out = tmp / "out"
    assert build_into(data, out) == 0
    assert build_into(data, out, fmt="json") == 0
    return out / "testby"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(values=st.lists(HOSTILE, min_size=len(PLACES), max_size=len(PLACES)))
@example(values=[PAYLOAD, "Fase [[1]] <<v>>", "{{ x }} {% raw %} |s| {rolle}`programejer`", "`a` \\ % & 🚀"])
def test_any_text_reaches_every_output_verbatim(tmp_path_factory, values):
    tmp = tmp_path_factory.mktemp("hostile")
    marker = tmp / "PWNED"
    values = [v.replace("{marker}", str(marker)) for v in values]
    site = _build(tmp, values)
    assert not marker.exists(), "a data string ran a command"
    needs = json.loads((site / "json" / "needs.json").read_text(encoding="utf-8"))
    found = needs["versions"][needs["current_version"]]["needs"]
    model = json.loads((site / "json" / "portfolio.json").read_text(encoding="utf-8"))
    everything = " ".join(page_text(p.read_text(encoding="utf-8")) for p in sorted((site / "html").rglob("*.html")))
    titles = {e["id"]: e["name"] if kind == "people" else e.get("title") for kind, entities in model.items()
              if isinstance(entities, list) for e in entities if isinstance(e, dict) and "id" in e}
    for (_old, _new, need_id), value in zip(PLACES, values):
        if need_id != "oko":  # people's needs are titled with name and title
            assert found[need_id]["title"] == value
        assert titles[need_id] == value
        assert value in everything, value
