"""The demo handbook in a real browser: loads cleanly, offline, searchable in Danish,
navigable, diagrams visible, and WCAG 2.1 AA as axe-core checks it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

PAGES = {
    "start": "/index.html",
    "programme": "/program/P-SKOLE.html",
    "project": "/projekt/PR-LP.html",
    "benefits": "/selvstaendige.html",  # benefits outside programmes, as sections with charts
    "role": "/rolle/gevinstansvarlig.html",
    "findings": "/fund.html",
    "portfolio": "/portefolje.html",
    "people": "/personer.html",
    "changes": "/aendringer.html",  # the data's history in git (issue 17)
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_loads_without_errors_and_offline(page, base_url, name):
    response = page.goto(PAGES[name], wait_until="networkidle")
    assert response is not None and response.ok
    assert page.console_errors == []
    outside = [u for u in page.requests if not u.startswith(base_url) and not u.startswith(("data:", "about:"))]
    assert outside == [], outside


def test_diagrams_are_visible(page):
    page.goto(PAGES["programme"], wait_until="networkidle")
    objects = page.locator("object.graphviz")
    assert objects.count() == 3  # the organisation and the benefits map in two parts that fit the page
    for index in range(objects.count()):
        box = objects.nth(index).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
        assert objects.nth(index).get_attribute("role") == "img"
    svg_ok = page.evaluate("""() => [...document.querySelectorAll('object.graphviz')]
        .every(o => o.contentDocument && o.contentDocument.querySelector('svg g.node'))""")
    assert svg_ok


def test_danish_search_finds_an_entity(page):
    page.goto("/search.html?q=fraværsregistrering", wait_until="networkidle")
    page.wait_for_selector("#search-results li", timeout=15000)
    results = page.locator("#search-results").inner_text()
    assert "Digital fraværsregistrering" in results
    assert "Søgningen er færdig" in results
    assert page.console_errors == []


def test_navigation_from_start_to_a_project(page):
    page.goto(PAGES["start"])
    page.get_by_role("link", name="Porteføljen").first.click()
    page.wait_for_url("**/portefolje.html")
    page.locator("section#programmer").get_by_role("link", name="Digital folkeskole").click()
    page.wait_for_url("**/program/P-SKOLE.html")
    page.get_by_role("link", name="Ny læringsplatform").first.click()
    page.wait_for_url("**/projekt/PR-LP.html")
    assert page.locator("div.body h1").inner_text().startswith("Ny læringsplatform")


@pytest.mark.parametrize("name", ["start", "programme", "project", "benefits", "role", "findings", "changes"])
def test_wcag_21_aa_no_serious_violations(page, axe_source, name):
    page.goto(PAGES[name], wait_until="networkidle")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
