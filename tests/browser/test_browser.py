"""The site as readers meet it: navigation, search, feeds and PDF links, phones, dark
mode and accessibility (axe-core), in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTICLE = "articles/2024-03-18-ethical-sourcing-of-neodymium"
PAGES = {
    "home": "index",
    "article": ARTICLE,
    "tags index": "tags/index",
    "tag page": "tags/neodymium",
    "archive": "archive/index",
    "year page": "archive/2024",
    "admonitions": "articles/2025-06-02-notes-from-the-field-notebook",  # with a series box
    "author page": "authors/galena",
    "authors index": "authors/index",
    "series page": "series/field-skills",
    "series index": "series/index",
}
SERIES_PART = "articles/2025-06-02-notes-from-the-field-notebook"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors  # no JavaScript errors on any page visited


def test_home_article_tag_category_archive_and_back(page: Any, site: Any) -> None:
    page.goto(site.page_url("index"))
    title = page.locator(".outcrop-card-title a", has_text="Ethical Sourcing of Neodymium").first
    title.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE)))
    assert page.locator("h1").first.inner_text().startswith("The Quest for Ethical Sourcing of Neodymium")
    page.locator("article a.outcrop-tag", has_text="neodymium").first.click()
    page.wait_for_url(re.compile(r"tags/neodymium\.html$"))
    assert "neodymium" in page.locator("h1").first.inner_text()
    assert page.locator("a", has_text="The Quest for Ethical Sourcing of Neodymium").count() >= 1
    page.locator("a.outcrop-category", has_text="Environment").first.click()
    page.wait_for_url(re.compile(r"categories/environment\.html$"))
    page.locator(".outcrop-browse a", has_text="Archive").first.click()
    page.wait_for_url(re.compile(r"archive/index\.html$"))
    page.locator("article a", has_text="2024").first.click()
    page.wait_for_url(re.compile(r"archive/2024\.html$"))
    assert page.locator("a", has_text="The Quest for Ethical Sourcing of Neodymium").count() >= 1
    page.go_back()
    page.wait_for_url(re.compile(r"archive/index\.html$"))
    page.go_back()
    page.wait_for_url(re.compile(r"categories/environment\.html$"))


def test_author_link_series_box_and_series_page(page: Any, site: Any) -> None:
    """From an article's header to its author's page and back; through the series box
    to the other part and to the series page, which lists the parts in order."""
    page.goto(site.page_url(SERIES_PART))
    box = page.get_by_role("navigation", name="Series: Field Skills")
    assert box.locator(".outcrop-series-heading").inner_text() == "Part 2 of 2 in the series Field Skills"
    current = box.locator("[aria-current=page]")
    assert current.inner_text() == "Notes from the Field Notebook"
    assert current.evaluate("node => node.closest('a')") is None, "the current part is not a link"
    box.get_by_role("link", name="How to Read a Geological Map").click()
    page.wait_for_url(re.compile(r"2023-06-14-how-to-read-a-geological-map\.html$"))
    box = page.get_by_role("navigation", name="Series: Field Skills")
    assert box.locator(".outcrop-series-heading").inner_text() == "Part 1 of 2 in the series Field Skills"
    box.get_by_role("link", name="Field Skills").click()
    page.wait_for_url(re.compile(r"series/field-skills\.html$"))
    assert page.locator(".outcrop-series-parts .outcrop-list-title").all_inner_texts() == [
        "How to Read a Geological Map",
        "Notes from the Field Notebook",
    ]
    page.locator(".outcrop-series-parts a", has_text="Notes from the Field Notebook").click()
    page.wait_for_url(re.compile(re.escape(SERIES_PART)))
    page.locator(".outcrop-header a.outcrop-author", has_text="Galena").click()
    page.wait_for_url(re.compile(r"authors/galena\.html$"))
    assert page.locator("h1").first.inner_text() == "Galena"
    assert page.locator(".outcrop-author-card img.outcrop-avatar").evaluate("img => img.naturalWidth") > 0
    assert page.locator(".outcrop-author-links a", has_text="Website").get_attribute("href") == "https://galena.es/"
    feed = page.locator("link[type='application/atom+xml'][href*='authors/galena.xml']").get_attribute("href")
    response = page.request.get(feed)
    assert response.ok and b"<feed" in response.body()
    page.locator("a", has_text="All authors").click()
    page.wait_for_url(re.compile(r"authors/index\.html$"))
    assert page.locator(".outcrop-authors-index .outcrop-list-title a").all_inner_texts() == ["Galena", "Mika Aalto"]


def test_newer_and_older_links(page: Any, site: Any) -> None:
    page.goto(site.page_url(ARTICLE))
    older = page.locator("a.outcrop-older")
    newer = page.locator("a.outcrop-newer")
    assert older.count() == 1 and newer.count() == 1
    newer_title = newer.locator(".outcrop-neighbour-title").inner_text()
    newer.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith(newer_title)
    page.locator("a.outcrop-older").click()
    page.wait_for_url(re.compile(re.escape(ARTICLE)))


def pagefind_results(page: Any) -> list[str]:
    """The result links Pagefind's UI shows (waits for the first)."""
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=15000)
    return [str(a) for a in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("monopoly", "Neodymium"), ("neodymium", "Neodymium"), ("megathrust", "Tōhoku")],
)
def test_search_finds_articles_by_body_and_by_tag(page: Any, site: Any, query: str, expected: str) -> None:
    page.goto(f"{site.url}search.html?q={query}")
    pagefind_results(page)
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert any(expected in t for t in titles), titles


def test_search_filters_by_category_and_opens_a_result(page: Any, site: Any) -> None:
    """The search of docs/guide/search.md: "neodymium" finds three articles (the
    neodymium article, its Spanish translation, magnetite) and no tag, category or
    guide page; ticking a category narrows the count; a result opens."""
    page.goto(f"{site.url}search.html?q=neodymium")
    links = pagefind_results(page)
    message = page.locator(".pagefind-ui__message")
    assert message.inner_text().startswith("3 results"), message.inner_text()
    assert len(links) == 3 and all("/articles/" in link for link in links), links
    assert page.locator("#search-results").is_hidden(), "Sphinx's results are the fallback only"
    minerals = page.locator(".pagefind-ui__filter-label", has_text="Minerals")
    assert minerals.inner_text() == "Minerals (1)"
    minerals.click()
    page.wait_for_function("() => /^1 result/.test(document.querySelector('.pagefind-ui__message').innerText)")
    assert len(page.locator(".pagefind-ui__result-link").all()) == 1
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url(re.compile(r"articles/2024-05-02-magnetite"))
    assert "Magnetite" in page.locator("h1").first.inner_text()


def test_search_keeps_the_query_in_the_address(page: Any, site: Any) -> None:
    page.goto(f"{site.url}search.html")
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for(timeout=15000)
    box.fill("tsunami")
    pagefind_results(page)
    assert "q=tsunami" in page.url


def test_search_falls_back_to_sphinx_on_file_urls(browser: Any, site: Any) -> None:
    """A page opened from disk cannot load Pagefind's WebAssembly: Sphinx's search
    answers there, as it would without Pagefind. (Sphinx's own script then fails to
    fetch each result's page for its summary, as it does on any file:// site: those
    are the only errors allowed.)"""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((site.root / "search.html").as_uri() + "?q=neodymium")
    results = tab.locator("#search-results li a")
    results.first.wait_for(timeout=15000)
    assert any("Neodymium" in t for t in results.all_inner_texts())
    assert tab.locator("#outcrop-search").count() == 0
    context.close()
    assert set(errors) <= {"Failed to fetch"}, errors


def test_feed_and_pdf_links_resolve(page: Any, site: Any) -> None:
    page.goto(site.page_url(ARTICLE))
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]').first.get_attribute("href")
    response = page.request.get(feed)
    assert response.ok and b"<feed" in response.body()
    pdf = page.locator("a.outcrop-pdf-link").first
    response = page.request.get(site.url.rstrip("/") + pdf.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-")


def test_every_image_has_alt_text(page: Any, site: Any) -> None:
    for name in PAGES.values():
        page.goto(site.page_url(name))
        missing = page.eval_on_selector_all("img", "imgs => imgs.filter(i => !i.hasAttribute('alt')).map(i => i.src)")
        assert missing == [], (name, missing)
    page.goto(site.page_url(ARTICLE))
    banner = page.locator(".outcrop-banner")  # its banner is remote: offline, a placeholder names it
    name = banner.get_attribute("alt") or banner.get_attribute("aria-label") or ""
    assert "Infographic" in name


@pytest.mark.parametrize(
    "name", ["index", ARTICLE, "tags/neodymium", "archive/index", "tags/index", SERIES_PART, "authors/galena"]
)
def test_phone_width_never_scrolls_sideways(browser: Any, site: Any, name: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.goto(site.page_url(name))
    tab.wait_for_load_state("load")
    widths = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], (name, widths)
    for box in tab.eval_on_selector_all("article img", "imgs => imgs.map(i => i.getBoundingClientRect().right)"):
        assert box <= 375.5, (name, box)
    context.close()


def contrast(page: Any, selector: str) -> float:
    """WCAG contrast ratio of an element's text colour against the page background."""
    return float(
        page.evaluate(
            """(selector) => {
      const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const fg = parse(getComputedStyle(document.querySelector(selector)).color);
      const bg = parse(getComputedStyle(document.body).backgroundColor);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }""",
            selector,
        )
    )


def test_dark_mode_keeps_contrast(browser: Any, site: Any) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site.page_url(ARTICLE))
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(int(v) for v in re.findall(r"\d+", background)[:3]) < 150, background  # dark indeed
    for selector in ("article p", "h1", ".outcrop-subtitle", ".outcrop-meta", "article a.outcrop-tag"):
        assert contrast(tab, selector) >= 4.5, selector
    context.close()


def axe(page: Any, source: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("label", list(PAGES))
def test_axe_finds_no_serious_violations(browser: Any, site: Any, axe_source: str, label: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site.page_url(PAGES[label]))
    tab.wait_for_load_state("load")
    violations = axe(tab, axe_source)
    context.close()
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    assert summary == [], summary


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_and_screenshots_of_the_search_page(
    browser: Any, site: Any, axe_source: str, scheme: str, screenshots: Path
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site.url}search.html?q=neodymium")
    pagefind_results(tab)
    tab.locator(".pagefind-ui__filter-name", has_text="Tag").click()  # a second group open
    tab.locator(".pagefind-ui__filter-label", has_text="neodymium").wait_for()
    tab.wait_for_timeout(300)  # images and transitions settle
    tab.screenshot(path=str(screenshots / f"search-{scheme}.png"))
    violations = axe(tab, axe_source)
    context.close()
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    assert summary == [], summary


SHOWN = "articles/2025-03-11-why-the-tohoku-tsunami-was-so-large"  # a local banner: the same offline


#: Every image in the viewport has arrived and has pixels (none broken, none still loading).
IMAGES_IN_VIEW = """() => [...document.images].filter(i => {
  const r = i.getBoundingClientRect();
  return r.width > 0 && r.top < innerHeight && r.bottom > 0;
}).every(i => i.complete && i.naturalWidth > 0)"""


@pytest.mark.parametrize(
    ("label", "name"), [("home", "index"), ("article", SHOWN), ("tag", "tags/japan"), ("series", SERIES_PART)]
)
def test_screenshots(browser: Any, site: Any, screenshots: Path, label: str, name: str) -> None:
    for device, viewport, scale in (
        ("desktop", {"width": 1280, "height": 900}, 1),
        ("phone", {"width": 375, "height": 740}, 2),
    ):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale, is_mobile=device == "phone")
        tab = context.new_page()
        tab.goto(site.page_url(name))
        tab.wait_for_load_state("load")
        tab.evaluate("document.fonts.ready")
        tab.wait_for_function(IMAGES_IN_VIEW, timeout=10_000)
        if label == "series":  # the series box and the author's link are on the first screen
            for selector in (".outcrop-series", ".outcrop-authors a.outcrop-author"):
                box = tab.locator(selector).first.bounding_box()
                assert box is not None and box["y"] + box["height"] <= viewport["height"], (device, selector)
        path = screenshots / f"{label}-{device}.png"
        tab.screenshot(path=str(path))
        context.close()
        assert path.stat().st_size > 10_000


def test_hostile_front_matter_never_runs_in_the_browser(browser: Any, hostile_site: Any) -> None:
    context = browser.new_context()
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = "articles/2024-02-15-html"
    for name in ("index", article, "tags/index", "categories/index", "archive/index", "archive/2024"):
        tab.goto(hostile_site.page_url(name))
        tab.wait_for_load_state("load")
    tab.goto(hostile_site.page_url(article))
    badges = tab.eval_on_selector_all("article a.sd-badge", "links => links.map(a => a.href)")
    assert len(badges) == 2  # its category and its tag
    for href in badges:  # the pages of the hostile tag and category
        tab.goto(href)
        tab.wait_for_load_state("load")
    tab.goto(f"{hostile_site.url}search.html?q=alert")
    pagefind_results(tab)
    texts = tab.locator(".pagefind-ui__result").all_inner_texts()
    assert any("<script>" in text for text in texts), texts  # shown as text
    assert tab.locator(".pagefind-ui__results script, .pagefind-ui__results img[onerror]").count() == 0
    filters = tab.locator(".pagefind-ui__filter-panel").text_content()
    assert "<img src=x onerror=alert(1)>" in filters, filters  # the hostile tag's name, as text
    tab.goto(hostile_site.page_url(article))
    assert tab.locator("h1").first.inner_text().startswith("Title <script>")
    context.close()
    assert dialogs == []


CJK_ARTICLE = """---
title: 地质图 reading 入门
tags: [知乎]
---

这是一篇关于地质图的文章。Granite 花岗岩 is coarse. 日本語のテキストも。
"""


def test_cjk_text_is_set_in_a_sans_face(browser: Any, tmp_path: Path) -> None:
    """Chinese and Japanese among Latin text take a sans face, like the text around them
    (Chromium's own fallback takes a serif Ming face on Debian), in the body and the title."""
    src, out = tmp_path / "src", tmp_path / "html"
    (src / "articles").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["outcrop"]\nhtml_theme = "furo"\nproject = "CJK"\n', encoding="utf-8")
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    (src / "articles" / "2024-01-01-cjk.md").write_text(CJK_ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)], capture_output=True)
    assert done.returncode == 0, done.stderr[-2000:]
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((out / "articles" / "2024-01-01-cjk.html").as_uri())
    tab.evaluate("document.fonts.ready")
    tab.evaluate("[...document.querySelectorAll('p')].find(p => p.textContent.includes('这是')).id = 'cjk'")
    cdp = context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in ("#cjk", "h1"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
        cjk = [name for name in fonts if "CJK" in name or "Ming" in name or "Kai" in name or "Sung" in name]
        assert cjk and all("Sans" in name for name in cjk), (selector, fonts)
    context.close()
