"""outcrop's pages on each common theme, in Chromium: a site made by ``outcrop init
--theme X``. The article header, badges, banner and browse block are shown and fit a
phone without sideways scrolling; axe-core finds no serious or critical violation in
the parts outcrop writes (the theme's own markup is the theme's); a screenshot of the
article on each theme goes on the docs' theme page (``tox -e screenshots``)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from outcrop.web.themes import THEMES

THEMED = "articles/2024-05-01-basalt"  # the theme site's article with a local banner

#: The parts of a page outcrop writes.
OURS = [".outcrop-header", ".outcrop-browse", ".outcrop-footer", ".outcrop-cards", ".outcrop-browse-links"]


@pytest.fixture(scope="module", params=list(THEMES))
def themed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, make_theme_site: Any, local_server: Any
) -> Iterator[tuple[str, str]]:
    theme = request.param
    root = tmp_path_factory.mktemp(theme)
    html = root / "html"
    server_for, serving, _ = local_server
    server, url = server_for(html)
    src = make_theme_site(root / "src", theme, url=url)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\noutcrop_search = "pagefind"\n')
    done = subprocess.run(
        # the reference article's remote banner is linked, never fetched: no network in tests
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", "outcrop_remote_images=link", str(src), str(html)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    serving(server)
    yield theme, url
    server.shutdown()
    server.server_close()


def axe_ours(page: Any, source: str) -> list[tuple[str, str, list[Any]]]:
    """Serious and critical axe violations in outcrop's parts of the page. A link that
    merely has the theme's own link colour is the theme's (sphinx_rtd_theme's links are
    4.0:1 on its page everywhere): a colour-contrast failure counts only when outcrop's
    styles changed the colour."""
    page.add_script_tag(content=source)
    result = page.evaluate(
        """async (selectors) => {
      const include = selectors.filter(s => document.querySelector(s)).map(s => [s]);
      const found = await axe.run({include}, {resultTypes: ['violations']});
      const probe = document.createElement('a');
      probe.href = '#';
      probe.textContent = 'x';
      (document.querySelector('.outcrop-header') || document.body).parentElement.appendChild(probe);
      const themeLink = getComputedStyle(probe).color;
      probe.remove();
      for (const v of found.violations) {
        if (v.id !== 'color-contrast') continue;
        v.nodes = v.nodes.filter(n => {
          const el = document.querySelector(n.target[0]);
          return !(el && el.closest('a') && getComputedStyle(el).color === themeLink);
        });
      }
      return found;
    }""",
        OURS,
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") and v["nodes"]
    ]


def test_article_on_each_theme_screenshots(
    browser: Any, themed: tuple[str, str], axe_source: str, screenshots: Path
) -> None:
    theme, url = themed
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{url}{THEMED}.html")
    tab.wait_for_load_state("load")
    for selector in (".outcrop-header", ".outcrop-subtitle", ".outcrop-badges", "img.outcrop-banner"):
        assert tab.locator(selector).first.is_visible(), (theme, selector)
    banner = tab.locator("img.outcrop-banner").first.bounding_box()
    text = tab.locator(".outcrop-header").first.bounding_box()
    assert banner["width"] > 200 and banner["x"] >= text["x"] - 1, (theme, banner, text)
    if THEMES[theme].sidebars:
        browse = tab.locator(".outcrop-browse").first
        browse.scroll_into_view_if_needed()
        assert browse.locator("a").count() == 3, theme
    assert axe_ours(tab, axe_source) == [], theme
    tab.evaluate("document.fonts.ready")
    tab.screenshot(path=str(screenshots / f"theme-{theme}.png"))
    context.close()


def test_home_and_tag_page_on_each_theme(browser: Any, themed: tuple[str, str], axe_source: str) -> None:
    theme, url = themed
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{url}index.html")
    tab.wait_for_load_state("load")
    cards = tab.locator(".outcrop-cards a")
    assert cards.count() >= 2, theme
    assert axe_ours(tab, axe_source) == [], theme
    tab.goto(f"{url}tags/basalt.html")
    assert tab.locator(f"a[href='../{THEMED}.html']").first.is_visible(), theme
    # Cards: the title starts where the text under it starts.
    tab.goto(f"{url}index.html")
    lefts = tab.evaluate(
        """[...document.querySelectorAll('.outcrop-card')].map(c => [
          c.querySelector('.outcrop-card-title a').getBoundingClientRect().left,
          c.querySelector('.outcrop-card-date').getBoundingClientRect().left])"""
    )
    assert lefts and all(abs(title - date) <= 1 for title, date in lefts), (theme, lefts)
    # The grid starts where the text starts: the first card's edge under the heading's.
    edges = tab.evaluate(
        """[document.querySelector('.outcrop-card').getBoundingClientRect().left,
           document.querySelector('.outcrop-cards').parentElement.getBoundingClientRect().left]"""
    )
    assert abs(edges[0] - edges[1]) <= 1, (theme, edges)
    # outcrop's lists are not bulleted, whatever the theme does to lists.
    for name, selector in (("tags/index", "ul.outcrop-cloud > li"), ("archive/index", "ul.outcrop-archive-list > li")):
        tab.goto(f"{url}{name}.html")
        styles = tab.eval_on_selector_all(selector, "items => items.map(i => getComputedStyle(i).listStyleType)")
        assert styles and set(styles) == {"none"}, (theme, name, styles)
    context.close()


@pytest.mark.parametrize("name", ["index", THEMED, "tags/basalt", "archive/index"])
def test_phone_width_on_each_theme(browser: Any, themed: tuple[str, str], name: str) -> None:
    theme, url = themed
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{url}{name}.html")
    tab.wait_for_load_state("load")
    widths = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], (theme, name, widths)
    header = tab.locator(".outcrop-header")
    if header.count():
        box = header.first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375.5, (theme, name, box)
    context.close()


def test_search_on_each_theme(browser: Any, themed: tuple[str, str], axe_source: str) -> None:
    """The theme's own search box leads to the search page, where Pagefind answers
    with articles only, in the theme's colours, without a serious axe violation."""
    theme, url = themed
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{url}index.html")
    actions = tab.eval_on_selector_all(
        "form:has(input[name=q])", "forms => forms.map(f => new URL(f.getAttribute('action') || '', location).pathname)"
    )
    assert any(a.endswith("/search.html") for a in actions), (theme, actions)
    tab.goto(f"{url}search.html?q=basalt")
    links = tab.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=15000)
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all("/articles/" in h for h in hrefs), (theme, hrefs)
    assert tab.locator(".pagefind-ui__filter-label", has_text="Geology").count() == 1, theme
    sphinx_boxes = tab.evaluate(
        """() => [...document.getElementById('outcrop-search').parentNode.querySelectorAll('input[name=q]')]
          .filter(i => i.offsetParent !== null).length"""
    )
    assert sphinx_boxes == 0, (theme, "Sphinx's own search form is still shown beside Pagefind's")
    tab.add_script_tag(content=axe_source)
    found = tab.evaluate("async () => await axe.run({include: [['#outcrop-search']]}, {resultTypes: ['violations']})")
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], (theme, serious)
    context.close()
