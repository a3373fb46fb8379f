"""Pages that never break offline: math typeset by the MathJax the site serves, and remote
images that could not be fetched shown as placeholders that axe-core accepts, in light
and dark. Every request that leaves the site's own server is refused and recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import axe

TSUNAMI = "articles/2025-03-11-why-the-tohoku-tsunami-was-so-large"
AMS = (
    "---\ntitle: Equations\ndate: 2024-01-01\ntags: [rock]\nexcerpt_image: {down}/banner.png\n"
    "excerpt_image_alt: Columnar basalt at dusk\n---\n\n"
    "Inline $M_0 = \\mu A D$.\n\n"
    "\\begin{{align}}\na &= b + c \\label{{eq:sum}}\\\\\nd &= e\n\\end{{align}}\n\n"
    "As $\\eqref{{eq:sum}}$ says. A figure:\n\n![Thin section of basalt]({down}/figure.png)\n"
)


def offline(browser: Any, url: str, scheme: str = "light") -> tuple[Any, Any, list[str]]:
    """A tab that may only reach ``url``'s server: the refused requests are listed."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    refused: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(url):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    tab.route("**/*", route)
    return context, tab, refused


def test_math_renders_with_no_network(browser: Any, site: Any) -> None:
    context, tab, refused = offline(browser, site.url)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(site.page_url(TSUNAMI))
    tab.wait_for_selector("mjx-container", timeout=15_000)
    tab.wait_for_function("document.querySelectorAll('mjx-container').length >= 7")
    text = tab.locator("article").inner_text()
    context.close()
    assert refused == [] and errors == []
    assert "\\(" not in text and "\\mu" not in text  # no raw TeX left


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory, local_server: Any) -> Iterator[str]:
    """A small furo site whose images live on a host that is down, with amsmath."""
    server_for, serving, build_files = local_server
    root = tmp_path_factory.mktemp("offline")
    src, html = root / "src", root / "html"
    server, url = server_for(html)
    down = "http://127.0.0.1:9"  # the discard port: nobody answers
    files = {
        "conf.py": (
            'extensions = ["outcrop"]\nproject = "Offline"\nhtml_theme = "furo"\n'
            f'html_baseurl = "{url}"\nsuppress_warnings = ["outcrop.fetch"]\n'
            f"outcrop_image_cache = {str(root / 'cache')!r}\noutcrop_fetch_timeout = 2\n"
        ),
        "index.md": "# Home\n\n```{outcrop-latest}\n```\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n",
        "articles/2024-01-01-equations.md": AMS.format(down=down),
    }
    build_files(files, src, html)
    serving(server)
    yield url
    server.shutdown()
    server.server_close()


def test_amsmath_is_numbered_and_referenced_offline(browser: Any, offline_site: str) -> None:
    context, tab, refused = offline(browser, offline_site)
    tab.goto(f"{offline_site}articles/2024-01-01-equations.html")
    tab.wait_for_selector("mjx-container[display='true'] mjx-mtable", timeout=15_000)
    # MathJax draws glyphs with CSS; the MathML it adds for screen readers has the text.
    spoken = tab.locator("mjx-assistive-mml").all_text_contents()
    links = tab.locator("mjx-container a").evaluate_all("links => links.map(a => [a.getAttribute('href'), a.tabIndex])")
    context.close()
    assert spoken == ["M0=μAD", "(1)a=b+c(2)d=e", "(1)"]  # numbered once each, \\eqref resolved
    assert links == [["#mjx-eqn%3Aeq%3Asum", -1]]  # out of the tab order: its drawing is aria-hidden
    assert refused == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", ["index", "articles/2024-01-01-equations", "tags/rock"])
def test_placeholders_pass_axe(
    browser: Any, offline_site: str, axe_source: str, scheme: str, page: str, tmp_path: Path
) -> None:
    context, tab, refused = offline(browser, offline_site, scheme)
    tab.goto(f"{offline_site}{page}.html")
    tab.wait_for_load_state("load")
    boxes = tab.locator(".outcrop-image-missing")
    assert boxes.count() >= 1
    label = boxes.first.get_attribute("aria-label")
    assert label.startswith("Image not available")
    assert "Columnar basalt" not in tab.locator("body").inner_text()  # not spilled on the page
    box = boxes.first.bounding_box()
    violations = axe(tab, axe_source)
    context.close()
    assert box["width"] > 1.5 * box["height"] > 40, box  # an image's shape, not a line of text
    assert refused == []  # the page asks no other site (the images were never linked)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    assert summary == [], summary
