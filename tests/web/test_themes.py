"""outcrop on the common Sphinx themes: a site made by ``outcrop init --theme X``, with
the reference article, builds with no warning but the article's two expected ones, and
its pages carry outcrop's parts in the theme's own sidebar; a missing theme is one
``outcrop.theme`` warning and a site built with alabaster, not Sphinx's crash banner.
(The browser tests look at the same sites in Chromium.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import ANSI_RE, NAME, THEMED, WARNING_RE, article, theme_site
from outcrop.cli.scaffold import NO_THEME
from outcrop.web.themes import THEMES

EXPECTED = [("10", "outcrop.image"), ("44", "outcrop.mojibake")]  # the reference article's own flaws
SECOND = THEMED + ".md"


def build(root: Path, theme: str, buildername: str = "html") -> tuple[SphinxTestApp, str]:
    """Build ``root``. The theme is given as an override too: sphinx.testing would
    otherwise swap alabaster for basic."""
    warnings = io.StringIO()
    # The reference article's banner is on another site: linked, never fetched (tests
    # never reach the network; tests/web/test_site_images.py tests fetching).
    overrides = {"html_theme": theme if theme != NO_THEME else "alabaster", "outcrop_remote_images": "link"}
    app = SphinxTestApp(
        buildername, srcdir=root, status=io.StringIO(), warning=warnings, freshenv=True, confoverrides=overrides
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, ANSI_RE.sub("", warnings.getvalue())


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("theme", [*THEMES, NO_THEME])
def test_a_new_site_builds_clean_on_each_theme(tmp_path: Path, theme: str) -> None:
    app, warnings = build(theme_site(tmp_path / theme, theme), theme)
    found = [(m["line"], m["type"]) for m in WARNING_RE.finditer(warnings)]
    assert sorted(found) == EXPECTED, warnings
    assert "WARNING" not in WARNING_RE.sub("", warnings), warnings  # nothing else, located or not
    html_theme = app.config.html_theme
    assert html_theme == (theme if theme != NO_THEME else "alabaster")

    art = page(app, NAME)
    for link in art.select("a.headerlink"):
        link.decompose()
    assert art.find("h1").get_text().strip() == "The Quest for Ethical Sourcing of Neodymium"
    header = art.select_one(".outcrop-header")
    assert header is not None and header.select_one(".outcrop-subtitle") is not None
    badges = {a.get_text(strip=True): a["href"] for a in header.select(".outcrop-badges a")}
    assert badges["neodymium"] == "../tags/neodymium.html"
    assert badges["Environment"] == "../categories/environment.html"
    browse = art.select_one(".outcrop-browse")
    if THEMES.get(html_theme, THEMES["alabaster"]).sidebars:
        assert browse is not None, "the theme's sidebar carries outcrop's browse block"
        links = [a["href"] for a in browse.select("a")]
        assert links == ["../tags/index.html", "../categories/index.html", "../archive/index.html"]
    home = page(app, "index")
    assert {a["href"] for a in home.select("a")} >= {f"{NAME}.html", "articles/2024-05-01-basalt.html"}
    assert page(app, "tags/basalt").select_one("a[href='../articles/2024-05-01-basalt.html']") is not None
    assert (Path(app.outdir) / "atom.xml").is_file()


def test_jekyll_keys_do_not_reach_the_theme(tmp_path: Path) -> None:
    """shibuya picks a page template from the page's ``layout`` metadata: a Jekyll
    post's ``layout: post`` made it look for ``layout/post.html`` and stop the build.
    outcrop keeps its own keys (the article model holds them) out of the metadata."""
    root = theme_site(tmp_path, "shibuya")
    (root / SECOND).write_text(
        article("title: Basalt\nlayout: single\nsidebar: true\ntags: [basalt]", "## S\n\nText.\n"),
        encoding="utf-8",
    )
    app, warnings = build(root, "shibuya")
    assert "TemplateNotFound" not in warnings
    assert (Path(app.outdir) / "articles" / "2024-05-01-basalt.html").is_file()
    assert "layout" not in app.env.metadata[NAME]


def test_a_missing_theme_is_one_warning_and_a_site(tmp_path: Path) -> None:
    root = theme_site(tmp_path, "furo")
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("'furo'", "'no_such_theme'"), encoding="utf-8")
    app, warnings = build(root, "no_such_theme")
    themed = [m for m in WARNING_RE.finditer(warnings) if m["type"] == "outcrop.theme"]
    assert len(themed) == 1
    line = next(i for i, text in enumerate(conf.read_text().splitlines(), 1) if text.startswith("html_theme"))
    assert themed[0]["path"].endswith("conf.py") and themed[0]["line"] == str(line)
    assert "'no_such_theme' is not installed" in themed[0]["msg"] and "alabaster" in themed[0]["msg"]
    assert app.config.html_theme == "alabaster"
    assert page(app, NAME).select_one(".outcrop-header") is not None


def test_missing_furo_names_the_pip_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import outcrop.web.themes as themes

    monkeypatch.setattr(themes, "available_themes", lambda *args: {"alabaster", "basic"})
    app, warnings = build(theme_site(tmp_path, "furo"), "furo")
    assert "pip install furo (or pip install 'outcrop[theme]')" in warnings
    assert app.config.html_theme == "alabaster"


def test_a_missing_theme_is_silent_for_the_pdf_edition(tmp_path: Path) -> None:
    root = theme_site(tmp_path, "furo")
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("'furo'", "'no_such_theme'"), encoding="utf-8")
    _, warnings = build(root, "no_such_theme", "latex")
    assert "outcrop.theme" not in warnings
