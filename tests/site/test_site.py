"""The repository's own site builds with -W, and carries what the issue promises."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from conftest import REPO


def test_site_builds_clean_with_dash_w(tmp_path: Path) -> None:
    out = tmp_path / "html"
    code = build_main(
        ["-q", "-W", "--keep-going", "-n", "-b", "html", "-c", str(REPO / "conf"), str(REPO / "docs"), str(out)]
    )
    assert code == 0
    articles = sorted((out / "articles").glob("*.html"))
    assert len(articles) >= 5
    categories = set()
    for page in articles:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        header = soup.select_one("h1 + div.outcrop-header")
        assert header is not None, page.name
        assert header.select_one(".outcrop-subtitle").get_text()
        assert header.select_one("time")
        banner = header.select_one(".outcrop-banner")  # offline, a remote one is a placeholder
        assert banner["alt"] if banner.name == "img" else banner["aria-label"], page.name
        categories.update(b.get_text() for b in header.select(".outcrop-category"))
    assert len(categories) >= 3
    neodymium = (out / "articles" / "2024-03-18-ethical-sourcing-of-neodymium.html").read_text(encoding="utf-8")
    assert "â€" not in neodymium
    assert not list(REPO.joinpath("docs").rglob("_build")), "nothing is written into the source tree"
    # The showcase's translated article: each version links to the other.
    page = BeautifulSoup(neodymium, "html.parser")
    assert [(a["hreflang"], a.get_text()) for a in page.select(".outcrop-translations a")] == [("es", "Español")]
    assert sorted(link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')) == [
        "en",
        "es",
        "x-default",
    ]
    spanish = out / "articles" / "2024-03-18-abastecimiento-etico-del-neodimio.html"
    assert BeautifulSoup(spanish.read_text(encoding="utf-8"), "html.parser").html["lang"] == "es"
