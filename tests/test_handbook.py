"""The built handbook (issue 3): every entity has a place, links go both ways and
resolve, hostile text stays text, incremental/parallel/deterministic builds."""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, TODAY, build_into, hide_names, make_folder
from livinghandbook.linkcheck import broken_links
from livinghandbook.validate import validate_folder
from livinghandbook.views.labels import home

pytestmark = pytest.mark.slow
HREF = re.compile(r'(?:href|src)="([^"]*)"')
GENERATED = ("projekt/", "person/")  # pages the handbook generates in HTML builds


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def text_of(page: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


def links_from(page: str) -> list[str]:
    return [htmllib.unescape(h) for h in HREF.findall(page)]


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    data = root / "data"
    shutil.copytree(FIXTURES / "clean", data)
    assert build_into(data, root / "_build") == 0
    return data, root / "_build" / "testby" / "html"


def test_every_entity_has_an_addressable_place(clean_site):
    data, site = clean_site
    m = validate_folder(data, today=TODAY).model
    site_pages = pages(site)
    for entity_id, entity in m.entities.items():
        docname, anchor = home(entity)
        page = site_pages.get(f"{docname}.html")
        assert page is not None, (entity_id, docname)
        if anchor:
            assert f'id="{anchor}"' in page, (entity_id, docname, anchor)


def _has_link(page: str, target_doc: str, anchor: str = "") -> bool:
    for href in links_from(page):
        path, _, frag = href.partition("#")
        if path.endswith(f"{target_doc.split('/')[-1]}.html") or (not path and not target_doc):
            if frag == anchor or (not anchor and not frag):
                return True
    return False


def test_links_go_both_ways(clean_site):
    _data, site = clean_site
    p = pages(site)
    programme, project = p["program/P-1.html"], p["projekt/PR-1.html"]
    assert _has_link(programme, "projekt/PR-1") and _has_link(project, "program/P-1")
    assert _has_link(project, "program/P-1", "B-1")  # deliverable D-1 enables benefit B-1
    assert _has_link(programme, "projekt/PR-1", "D-1")  # B-1 is enabled by D-1
    assert _has_link(programme, "maal", "G-1") and _has_link(p["maal.html"], "program/P-1", "B-1")
    assert _has_link(programme, "person/sochef")  # a person's name leads to their own page
    person = p["person/sochef.html"]
    assert _has_link(person, "program/P-1") and _has_link(person, "organisation", "so")
    assert _has_link(p["organisation.html"], "person/sochef")


def test_role_pages_list_holders_with_links(clean_site):
    _data, site = clean_site
    page = pages(site)["rolle/programejer.html"]
    assert "Sanne Holmgaard (Omsorgschef)" in text_of(page)
    assert _has_link(page, "person/sochef") and _has_link(page, "program/P-1")
    assert _has_link(page, "rolle/portefoljeledelse")  # relations are links


def test_role_pages_show_relations_with_their_basis_both_ways(clean_site):
    _data, site = clean_site
    p = pages(site)
    owner, committee = text_of(p["rolle/programejer.html"]), text_of(p["rolle/programkomite.html"])
    assert re.search(r"Leder\s+Programkomité\s+Afsnittet »Programejer«", owner)
    assert re.search(r"Arbejder sammen med\s+Gevinstansvarlig", owner)
    assert re.search(r"Arbejder sammen med\s+Programejer\s+Afsnittet »Programejer«",
                     text_of(p["rolle/gevinstansvarlig.html"]))  # declared once, shown on both
    assert re.search(r"Ledes af\s+Programejer", committee)
    assert not re.search(r"Ledes af\s+Porteføljeledelse", committee)  # the guide: the owner leads it
    assert re.search(r"Har som medlemmer\s+Gevinstansvarlig", committee)


def test_central_and_decentral_benefits_owners_are_named_as_such(clean_site):
    _data, site = clean_site
    p = pages(site)
    role = text_of(p["rolle/gevinstansvarlig.html"])
    assert "Central og decentral gevinstansvarlig" in role
    assert re.search(r"Velfærdsteknologi\s+Program\s+Central gevinstansvarlig", role)
    assert re.search(r"Færre hjælpebesøg\s+Gevinst\s+Decentral gevinstansvarlig", role)
    programme = text_of(p["program/P-1.html"])
    assert re.search(r"Central gevinstansvarlig\s+Sanne Holmgaard \(Omsorgschef\)", programme)
    assert re.search(r"Decentrale gevinstansvarlige\s+Sanne Holmgaard \(Omsorgschef\)\s*\(\s*Færre hjælpebesøg\s*\)",
                     programme)
    assert "Decentral gevinstansvarlig" in programme  # in the benefit's own section


def test_roles_page_lists_every_relation_below_the_diagram(clean_site):
    data, site = clean_site
    m = validate_folder(data, today=TODAY).model
    page = pages(site)["roller.html"]
    table = page[page.index('id="staaende-organisation"'):]
    rows = re.findall(r"<tr", table[table.index("handbook-relations"):])
    count = sum(len(r.related(rel)) for r in m.roles.values() for rel in
                ("leads", "reports_to", "appointed_by", "member_of", "advises", "works_with"))
    assert len(rows) - 1 == count - 1  # a header row; works_with once, not from both sides
    assert "Afsnittet »Metode porteføljeledelse«" in text_of(table)


def test_start_page_names_its_source_and_says_the_text_is_our_own(clean_site):
    from livinghandbook.method.credit import GUIDE_PUBLISHER, GUIDE_TITLE, credit_text

    _data, site = clean_site
    start = " ".join(text_of(pages(site)["index.html"]).split())
    assert credit_text("Testby Kommune") in start
    assert f"»{GUIDE_TITLE}«" in start and GUIDE_PUBLISHER == "KL (Kommunernes Landsforening)"
    assert "Testby Kommunes egen gengivelse" in start


def test_no_broken_internal_link(clean_site):
    _data, site = clean_site
    problems, checked = broken_links(site)
    assert problems == []
    assert checked > 100


def test_linkcheck_finds_a_broken_link(tmp_path, clean_site):
    _data, site = clean_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "portefolje.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="program/P-1.html"', 'href="program/P-404.html"', 1),
                    encoding="utf-8")
    page = copy / "program" / "P-1.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="../maal.html#G-1"', 'href="../maal.html#G-404"', 1),
                    encoding="utf-8")
    problems, _checked = broken_links(copy)
    assert any("P-404.html (findes ikke)" in p for p in problems)
    assert any("#G-404 (ankeret findes ikke)" in p for p in problems)


def test_offline_no_external_resources(clean_site):
    _data, site = clean_site
    for name, page in pages(site).items():
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
            assert "http://" not in tag and "https://" not in tag, (name, tag)


def test_hostile_text_renders_literally(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "hostile", data)
    assert build_into(data, tmp_path / "_build") == 0
    site = tmp_path / "_build" / "fjendtlig" / "html"
    everything = pages(site)
    for name, page in everything.items():
        assert not re.search(r"<script>alert", page), name
        assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", ""), name
        assert not re.search(r'href="javascript:', page, re.I), name
        assert "<iframe" not in page and "<svg onload" not in page and "<style>body" not in page, name
    heading = re.search(r"<h1>(.*?)<a class=\"headerlink\"", everything["program/P-1.html"], re.S)
    assert heading and htmllib.unescape(heading.group(1)) == 'Program <script>alert(5)</script> "q" & {{x}}'
    programme = text_of(everything["program/P-1.html"])
    for literal in ['Program <script>alert(5)</script> "q" & {{x}}', r"\section{LaTeX} \input{/etc/passwd} %kommentar",
                    '<iframe src="javascript:alert(6)"></iframe>', "Gevinst <svg onload=alert(8)>",
                    "Indikator <script>alert(9)</script>"]:
        assert literal in programme, literal
    project = text_of(everything["projekt/PR-1.html"])
    for literal in ["Projekt ]]> <!-- kommentar --> {% raw %}", "| tabel | i | markdown |", "# overskrift",
                    "Formål med \"citat\" og 'apostrof' og \\n og emoji 🚀"]:
        assert literal in project, literal
    people = text_of(everything["personer.html"])
    assert "Åse `kode` **fed** ({rolle}`programejer` :ref:`x` .. raw:: html)" in people
    assert "Direktør $\\textbf{fed}$ % & # _ ^ ~" in people


def test_publish_names_false_hides_every_name(tmp_path):
    data = hide_names(make_folder(tmp_path))
    out = tmp_path / "_build"
    assert build_into(data, out) == 0
    assert build_into(data, out, fmt="json") == 0
    names = [p.name for p in validate_folder(data, today=TODAY).model.people]
    files = [f for f in (out / "testby").rglob("*") if f.is_file() and f.suffix in (".html", ".js", ".json", ".svg")
             and "src" not in f.relative_to(out / "testby").parts[:1]]
    assert any(f.name == "searchindex.js" for f in files) and any(f.name == "portfolio.json" for f in files)
    for f in files:
        content = f.read_text(encoding="utf-8", errors="replace")
        for name in names:
            for part in name.split():  # every part of every name, as a whole word
                assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", content), (f, part)
    assert "Omsorgschef" in (out / "testby" / "html" / "personer.html").read_text(encoding="utf-8")
    assert not (out / "testby" / "html" / "person").exists()  # no person pages without names


def test_json_output(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    out = tmp_path / "_build"
    assert build_into(data, out, fmt="json") == 0
    model = json.loads((out / "testby" / "json" / "portfolio.json").read_text(encoding="utf-8"))
    [p1] = [p for p in model["programmes"] if p["id"] == "P-1"]
    assert "PR-1" in p1["projects"] and "B-1" in p1["benefits"]
    [d1] = model["projects"][0]["deliverables"]
    assert d1["benefits"] == ["B-1"]
    assert {"role": "programejer", "on": "P-1"} in next(x for x in model["people"] if x["id"] == "sochef")["assignments"]
    needs = json.loads((out / "testby" / "json" / "needs.json").read_text(encoding="utf-8"))
    version = needs["versions"][needs["current_version"]]["needs"]
    m = validate_folder(data, today=TODAY).model
    assert set(m.entities) <= set(version)
    assert version["PR-1"]["type"] == "projekt" and version["PR-1"]["part_of"] == ["P-1"]
    assert sorted(version["B-1"]["enabled_by"]) == ["AH-1", "D-1"]
    # Role needs carry the catalogue's relations as typed links (issue 13).
    for role in m.roles.values():
        need = version[f"rolle-{role.id}"]
        assert need["type"] == "rolle"
        for relation in ("leads", "reports_to", "appointed_by", "member_of", "advises", "works_with"):
            assert sorted(need.get(relation) or []) == sorted(f"rolle-{t}" for t in role.related(relation)), \
                (role.id, relation)
    assert version["rolle-programejer"]["leads"] == ["rolle-programkomite"]
    assert version["rolle-programejer"]["works_with"] == ["rolle-gevinstansvarlig"]
    assert version["rolle-gevinstansvarlig"]["works_with"] == ["rolle-programejer"]  # symmetric
    assert version["rolle-gevinstcontroller"]["appointed_by"] == ["rolle-gevinstansvarlig"]
    assert version["rolle-programleder"]["reports_to"] == ["rolle-programkomite"]
    assert "rolle-programejer" in version["rolle-programkomite"]["leads_back"]


def _read_docs(captured: str) -> set[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", captured)  # Sphinx colours its output when CI=true
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", plain))


def test_edit_one_yaml_rereads_exactly_the_pages_that_show_it(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    out = tmp_path / "_build"
    assert build_into(data, out) == 0
    capsys.readouterr()
    site = out / "testby" / "html"

    def stamps() -> dict[str, int]:
        return {p.relative_to(site).as_posix()[:-5]: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    before = stamps()
    assert build_into(data, out) == 0  # nothing changed: nothing is read, no project page is written
    assert _read_docs(capsys.readouterr().out) == set()
    assert {name for name, stamp in stamps().items() if name.startswith(GENERATED) and before[name] != stamp} == set()

    path = data / "kommune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Vasketoiletter", "title: Skylletoiletter"),
                    encoding="utf-8")
    before = stamps()
    assert build_into(data, out) == 0
    read = _read_docs(capsys.readouterr().out)
    # project and person pages are generated, not read by Sphinx (HTML builds): count the ones written
    written = {name for name, stamp in stamps().items() if name.startswith(GENERATED) and before.get(name) != stamp}
    assert written and written < {name for name in before if name.startswith(GENERATED)}
    read |= written

    def shown(name: str, page: str) -> str:  # a page's text plus the diagrams it embeds
        svgs = re.findall(r'<object data="([^"]+)"', page)
        return page + "".join(((site / name).parent / s).read_text(encoding="utf-8") for s in svgs)
    showing = {name[:-5] for name, page in pages(site).items() if "Skylletoiletter" in shown(name, page)}
    assert "projekt/PR-1" in read and "program/P-1" in read
    # only pages that show the project were re-read (a page with a needtable would be too,
    # tests/sphinx/test_needtable.py; the handbook itself has none) ...
    assert read <= showing
    # ... and every page that shows it in its content was; the others show it only in
    # their previous/next navigation, and were re-written (they show the new title)
    nav = re.compile(r'<link rel="(?:prev|next)"[^>]*>|<nav class="hb-(?:pager|sidebar)".*?</nav>', re.DOTALL)
    for name in showing - read:
        assert "Skylletoiletter" not in nav.sub("", shown(f"{name}.html", (site / f"{name}.html").read_text(encoding="utf-8"))), name
    assert not any("Vasketoiletter" in shown(name, page) for name, page in pages(site).items())


def test_parallel_build_gives_the_same_pages(tmp_path, clean_site):
    _data, serial_site = clean_site
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    assert build_into(data, tmp_path / "_build", jobs="2") == 0
    parallel = pages(tmp_path / "_build" / "testby" / "html")
    serial = pages(serial_site)
    assert parallel.keys() == serial.keys()
    for name in serial:
        assert parallel[name] == serial[name], name


def test_same_output_under_another_hash_seed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    results = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed, HANDBOOK_BUILD_DIR=str(out))
        for fmt in ("html", "json"):
            proc = subprocess.run([sys.executable, "-m", "livinghandbook.cli", "build", str(data), "--format", fmt,
                                   "--today", TODAY.isoformat()], env=env, capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr
        site = out / "testby"
        files = {f.relative_to(site).as_posix(): f.read_bytes() for f in sorted(site.rglob("*"))
                 if f.is_file() and f.relative_to(site).parts[0] in ("html", "json")}
        results.append(files)
    assert results[0].keys() == results[1].keys()
    differing = [name for name in results[0] if results[0][name] != results[1][name]]
    assert differing == []


def test_failed_build_keeps_the_previous_site_and_never_writes_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in data.iterdir()}
    out = tmp_path / "_build"
    assert build_into(data, out) == 0
    index = out / "testby" / "html" / "index.html"
    good = index.read_bytes()
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in data.iterdir()} == before
    (data / "zz.yaml").write_text("projects:\n  - {id: PR-X, title: [unclosed\n", encoding="utf-8")
    assert build_into(data, out) == 1
    assert index.read_bytes() == good


def test_project_pages_are_searchable_and_carry_no_unused_needs_assets(clean_site):
    """Project pages are generated outside Sphinx's documents (issue 7): they must still be
    in the Danish search index, and only pages that show needs load sphinx-needs' files."""
    _data, site = clean_site
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    docnames = json.loads(re.search(r'"docnames":(\[[^\]]*\])', index).group(1))
    assert "projekt/PR-1" in docnames and "projekt/PR-2" in docnames
    titles = json.loads(re.search(r'"titles":(\[[^\]]*\])', index).group(1))
    assert titles[docnames.index("projekt/PR-1")] == "Vasketoiletter"
    for name in ("projekt/PR-1.html", "program/P-1.html", "index.html"):
        assert "sphinx-needs/" not in (site / name).read_text(encoding="utf-8"), name


def test_a_removed_project_loses_its_page_and_its_links(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    out = tmp_path / "_build"
    path = data / "kommune.yaml"
    clean = path.read_text(encoding="utf-8")
    path.write_text(clean.replace("\nadhoc:", "  - {id: PR-9, title: Midlertidigt projekt, purpose: Prøve.}\n\nadhoc:", 1),
                    encoding="utf-8")
    assert build_into(data, out) == 0
    site = out / "testby" / "html"
    assert "Midlertidigt projekt" in (site / "projekt" / "PR-9.html").read_text(encoding="utf-8")
    path.write_text(clean, encoding="utf-8")
    assert build_into(data, out) == 0
    assert not (site / "projekt" / "PR-9.html").exists()
    assert not any("PR-9" in page for page in pages(site).values())
    problems, _checked = broken_links(site)
    assert problems == []
