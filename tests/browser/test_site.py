"""The demo handbook in a real browser: loads cleanly, offline, searchable in Danish,
navigable, diagrams visible, and WCAG 2.1 AA as axe-core checks it; the layout at a
phone's and a laptop's width, and the municipality's branding (issue 14)."""

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
    assert page.locator("main h1").inner_text().startswith("Ny læringsplatform")


def axe_serious(page, axe_source) -> list:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", ["benefits", "changes"])
def test_wcag_21_aa_no_serious_violations(page, axe_source, name):
    """The reader's main pages are checked at both widths below."""
    page.goto(PAGES[name], wait_until="networkidle")
    assert axe_serious(page, axe_source) == []


# -- the layout at a phone's and a laptop's width (issue 14) ------------------------------------
WIDTHS = {"phone": (390, 844), "laptop": (1366, 768)}
READER_PAGES = ["start", "programme", "project", "role", "people", "findings", "person"]


@pytest.fixture
def sized(browser, base_url, request):
    """A page at the width named by the test's ``width`` parameter."""
    width, height = WIDTHS[request.node.callspec.params["width"]]
    context = browser.new_context(base_url=base_url, locale="da-DK", viewport={"width": width, "height": height})
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def url_of(name: str, demo_site) -> str:
    if name == "person":  # person pages come with issue 14's content half; check them when present
        people = sorted((demo_site / "person").glob("*.html")) if (demo_site / "person").is_dir() else []
        if not people:
            pytest.skip("the build has no person pages")
        return f"/person/{people[0].name}"
    return PAGES[name]


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", READER_PAGES)
def test_no_page_scrolls_sideways(sized, demo_site, name, width):
    sized.goto(url_of(name, demo_site), wait_until="networkidle")
    scroll, inner = sized.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{name} at {width}: {scroll} px wide in a {inner} px window"
    # nothing in the page sticks out of the column: what is wider scrolls in its own box
    sticking_out = sized.evaluate("""() => {
        const main = document.querySelector('main').getBoundingClientRect();
        return [...document.querySelectorAll('main *')].filter(e => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || e.closest('.handbook-table-scroll, div.graphviz, pre')) return false;
            return r.right > main.right + 1;
        }).slice(0, 5).map(e => e.outerHTML.slice(0, 120));
    }""")
    assert sticking_out == []
    assert sized.console_errors == []


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", READER_PAGES)
def test_wcag_21_aa_at_both_widths(sized, demo_site, axe_source, name, width):
    sized.goto(url_of(name, demo_site), wait_until="networkidle")
    assert axe_serious(sized, axe_source) == []


@pytest.mark.parametrize("width", ["laptop"])
def test_whole_matrix_fits_a_laptop_screen(sized, width):
    """The count columns are as narrow as the upward role names: the demo's eleven roles and
    the total are in view beside the names at 1366 px, without scrolling."""
    sized.goto(PAGES["people"], wait_until="networkidle")
    box = sized.locator(".handbook-table-scroll").first
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    headers = box.locator("thead th")
    assert headers.count() == 13 and headers.last.inner_text() == "I alt"
    count = box.locator("tbody tr").first.locator("td").nth(1)  # Karen Dalsgaard: porteføljeledelse
    centre = lambda loc: loc.bounding_box()["x"] + loc.bounding_box()["width"] / 2  # noqa: E731
    assert centre(count) == pytest.approx(centre(headers.nth(1)), abs=2)  # a count sits under its name


@pytest.mark.parametrize("width", ["phone"])
def test_wide_tables_scroll_in_their_box_with_the_names_fixed(sized, width):
    """On a phone the people × roles matrix is far wider than the column: its box scrolls,
    the page does not, and the first column (the names) stays put while scrolling."""
    sized.goto(PAGES["people"], wait_until="networkidle")
    box = sized.locator(".handbook-table-scroll").first
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
    assert box.get_attribute("aria-label").startswith("Tabel: Person")
    widths = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert widths[0] > widths[1]  # wider than its box: it scrolls …
    first = box.locator("tbody tr td").first
    before = first.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = 400; }")
    assert box.evaluate("b => b.scrollLeft") > 0
    assert abs(first.bounding_box()["x"] - before) < 1  # … and the names stay where they were
    second = box.locator("tbody tr td").nth(1).bounding_box()["x"]
    assert second < before + 400  # while the other columns moved


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_tables_are_cards_on_a_phone(sized, width):
    """The roles overview has four columns: on a phone every value is readable without
    scrolling the table, under its column's name; on a laptop it is an ordinary table."""
    sized.goto("/roller.html", wait_until="networkidle")
    table = sized.locator("table.handbook-table").first
    box = sized.locator(".handbook-table-scroll").first
    # On a phone the header row is hidden from sight only (a screen reader still has it).
    header_shown = sized.locator("table.handbook-table thead").first.evaluate(
        "t => t.getBoundingClientRect().height > 1")
    cell = table.locator("tbody tr").first.locator("td").nth(2)  # "Kort fortalt"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    if width == "phone":
        assert not header_shown and label.startswith('"Kort fortalt"')  # (+ ' / ""': not read twice)
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth")  # nothing to scroll to
        assert cell.bounding_box()["x"] + cell.bounding_box()["width"] <= WIDTHS[width][0]
    else:
        assert header_shown and label in ("none", "normal")
        assert table.locator("tbody tr").first.locator("td").nth(1).bounding_box()["y"] == \
            pytest.approx(cell.bounding_box()["y"], abs=1)  # a row's cells side by side


def test_without_javascript_a_table_stays_a_table_on_a_phone(browser, base_url):
    """The cards need the column names the theme's script adds; without it a table keeps
    its header row and scrolls in its box, as on a laptop."""
    context = browser.new_context(base_url=base_url, locale="da-DK", viewport={"width": 390, "height": 844},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto("/roller.html")
    table = page.locator("table.handbook-table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert page.locator("table.handbook-table thead").first.evaluate("t => t.getBoundingClientRect().height > 1")
    context.close()


@pytest.mark.parametrize("width", ["phone"])
def test_findings_fit_a_phone(sized, width):
    """A finding and where it is in the data are both whole on a phone: no file name cut
    off at the edge of its column."""
    sized.goto(PAGES["findings"], wait_until="networkidle")
    where = sized.locator("table.handbook-findings tbody tr").first.locator("td").nth(1)
    assert where.evaluate("td => getComputedStyle(td, '::before').content").startswith('"Sted i data"')
    assert where.evaluate("td => td.scrollWidth <= td.clientWidth")
    box = where.bounding_box()
    assert box["x"] + box["width"] <= WIDTHS[width][0]
    assert ".yaml, linje" in where.inner_text()


@pytest.mark.parametrize("width", ["phone"])
def test_matrix_says_it_scrolls_on_a_phone(sized, width):
    sized.goto(PAGES["people"], wait_until="networkidle")
    hint = sized.locator(".handbook-table-scroll").first.evaluate("b => getComputedStyle(b, '::before').content")
    # the whole sentence, "I alt" kept together by a no-break space (a CSS escape gone wrong
    # once swallowed the "a" after it and showed a stray glyph)
    assert "Rul tabellen til siden for at se alle roller og »I\u00a0alt«." in hint


def test_labels_and_sidebar_title_never_break_mid_word(browser, base_url):
    """No hyphenation by the browser (it split "Strategi-ske mål" and "projektmode-l-håndbog")."""
    context = browser.new_context(base_url=base_url, locale="da-DK", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(PAGES["programme"], wait_until="networkidle")
    hyphens = page.evaluate("""() => [...document.querySelectorAll('dt, th, .hb-org, .hb-product, .hb-sidebar a, h1')]
        .map(e => getComputedStyle(e).hyphens).filter(h => h !== 'manual')""")
    assert hyphens == []
    context.close()


def test_the_municipalitys_logo_and_colour_are_shown(page):
    """solbjerg's branding: a logo file in its data folder, colour #16605a (municipality_data)."""
    page.goto(PAGES["start"], wait_until="networkidle")
    logo = page.locator(".hb-header .hb-logo")
    box = logo.bounding_box()
    assert box and box["height"] >= 30 and box["width"] >= 20
    image = logo.evaluate("e => getComputedStyle(e).backgroundImage")
    assert "handbook-logo-" in image and image.endswith('.svg")')
    loaded = page.evaluate("""async (url) => (await fetch(url)).ok""", image[5:-2])
    assert loaded
    accent = "rgb(22, 96, 90)"  # #16605a
    assert page.locator(".hb-mainnav").evaluate("e => getComputedStyle(e).backgroundColor") == accent
    assert page.locator(".hb-body a.reference").first.evaluate("e => getComputedStyle(e).color") == accent
    assert "Solbjerg Kommune" in page.locator(".hb-header").inner_text()


def test_the_menu_opens_and_closes_on_a_phone(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="da-DK", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(PAGES["project"], wait_until="networkidle")
    button = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    assert button.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and nav.is_visible()
    assert page.get_by_role("navigation", name="Her i håndbogen").get_by_role("link", name="Digital folkeskole").is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    context.close()


def test_the_chrome_speaks_danish(page):
    page.goto(PAGES["project"], wait_until="networkidle")
    labels = page.evaluate("""() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))""")
    assert not {"Main", "Related", "Navigation", "Search"} & set(labels)
    assert {"Hovedmenu", "Her i håndbogen", "Forrige og næste side"} <= set(labels)
    assert page.get_by_role("search").first.get_by_role("searchbox", name="Søg i håndbogen").is_visible()


def test_search_results_are_labelled_in_danish(page):
    page.goto("/search.html?q=fraværsregistrering", wait_until="networkidle")
    page.wait_for_selector("#search-results li", timeout=15000)
    results = page.locator("#search-results").inner_text()
    assert "Projektmodel-håndbogen" not in results and "entitet" not in results
    assert "(gevinst, i " in results or "(projekt, i " in results
