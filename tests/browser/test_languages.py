"""The showcase built in Spanish (``-D language=es``), in headless Chromium: outcrop's
words in Spanish, the language switcher and the pages' languages, the search page in
Spanish, and axe-core finding no serious or critical problem, light and dark."""

from __future__ import annotations

from typing import Any

import pytest
from test_browser import axe, pagefind_results

ENGLISH = "articles/2024-03-18-ethical-sourcing-of-neodymium"
SPANISH = "articles/2024-03-18-abastecimiento-etico-del-neodimio"
PAGES = {
    "article in English": ENGLISH,
    "article in Spanish": SPANISH,
    "tag page": "tags/neodymium",
    "archive": "archive/2024",
    "home": "index",
}


def test_the_switcher_leads_to_the_translation_and_back(browser: Any, spanish_site: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(spanish_site.page_url(ENGLISH))
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.locator(".outcrop-reading-time").inner_text() == "2 min de lectura"
    switcher = tab.get_by_role("navigation", name="Traducciones")
    assert " ".join(switcher.inner_text().split()) == "También en: Español"
    switcher.get_by_role("link", name="Español").click()
    tab.wait_for_url(f"**/{SPANISH}.html")
    assert tab.locator("html").get_attribute("lang") == "es"
    assert tab.locator(".outcrop-reading-time").inner_text() == "2 min de lectura"
    assert tab.locator(".outcrop-related a").count() == 0  # its only relation is its translation
    tab.get_by_role("navigation", name="Traducciones").get_by_role("link", name="English").click()
    tab.wait_for_url(f"**/{ENGLISH}.html")
    context.close()


def test_the_search_page_speaks_spanish(browser: Any, spanish_site: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{spanish_site.url}search.html?q=neodymium")
    links = pagefind_results(tab)
    assert any(SPANISH in link for link in links) and any(ENGLISH in link for link in links), links
    # Filter names as outcrop indexed them, the category filter open, Pagefind's own words in Spanish.
    names = tab.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"Categoría", "Etiqueta", "Autor", "Año"} <= {n.strip() for n in names}, names
    assert tab.locator(".pagefind-ui__filter-label", has_text="Environment").is_visible()
    assert "resultados" in tab.locator(".pagefind-ui__message").inner_text()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("label", [*PAGES, "search"])
def test_axe_finds_no_serious_violations_in_spanish(
    browser: Any, spanish_site: Any, axe_source: str, label: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    if label == "search":
        tab.goto(f"{spanish_site.url}search.html?q=neodymium")
        pagefind_results(tab)
    else:
        tab.goto(spanish_site.page_url(PAGES[label]))
        tab.wait_for_load_state("load")
    violations = axe(tab, axe_source)
    context.close()
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    assert summary == [], summary
