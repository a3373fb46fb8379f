"""The reference article — a real post, flaws included — builds as an article page."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import NAME, SEED, VENDORED, SiteFactory, reference_text


def test_vendored_copy_is_the_seed() -> None:
    if not SEED.exists():
        pytest.skip(f"the shared seed is not next to this checkout ({SEED.name}); the vendored copy is used")
    assert VENDORED.read_bytes() == SEED.read_bytes()


@pytest.fixture
def site(make_site: SiteFactory):
    return make_site({f"{NAME}.md": reference_text()})


def test_header_and_body(site) -> None:
    soup = site.soup(NAME)
    main = soup.select_one("div.body, article, main") or soup
    assert main.select_one("h1").get_text(strip=True).rstrip("¶") == "The Quest for Ethical Sourcing of Neodymium"
    assert soup.title.get_text().startswith("The Quest for Ethical Sourcing of Neodymium")
    subtitle = soup.select_one(".outcrop-header .outcrop-subtitle")
    assert subtitle.get_text() == (
        "Exploring the challenges and solutions in the ethical sourcing of neodymium, "
        "a critical element for modern technology."
    )
    badges = [b.get_text() for b in soup.select(".outcrop-header .sd-badge")]
    assert badges == ["Environment", "Technology", "neodymium", "ethical sourcing", "mining", "sustainability"]
    assert soup.select_one(".outcrop-header time")["datetime"] == "2024-03-18T00:00:00+00:00"
    assert "min read" in soup.select_one(".outcrop-reading-time").get_text()


def test_banner_recovered_from_malformed_line(site) -> None:
    soup = site.soup(NAME)
    images = soup.select("img")
    assert len(images) == 1, "the body image repeating the banner is shown once"
    banner = images[0]
    assert "outcrop-banner" in banner["class"]
    assert banner["src"] == "https://galena.es/assets/images/Sourcing_Neodymium_Ethically.png"
    assert banner["alt"].startswith(
        "Infographic illustrating the challenges and solutions in ethically sourcing neodymium"
    )
    assert '""Infographic' not in site.html(NAME), "no trace of the malformed image line is printed"


def test_table_quote_and_link(site) -> None:
    soup = site.soup(NAME)
    table = soup.select_one("table")
    assert [th.get_text(strip=True) for th in table.select("th")] == ["Solution", "Pros", "Cons"]
    assert len(table.select("tbody tr")) == 3
    quote = soup.select_one("blockquote.epigraph")
    assert quote.select_one("p").get_text().startswith("“We do not inherit the earth from our ancestors")
    assert quote.select_one("p.attribution").get_text() == "—Native American Proverb"
    assert "â€" not in site.html(NAME)
    link = soup.select_one('a[href="https://www.usgs.gov/centers/nmic/rare-earth-elements"]')
    assert link.get_text() == "U.S. Geological Survey’s page on Rare Earth Elements"  # smart quotes
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("h2")][:2] == [
        "Introduction",
        "The Challenges of Sourcing Neodymium",
    ]


def test_warnings_name_lines(site) -> None:
    found = {(w["line"], w["type"]): w for w in site.outcrop_warnings()}
    assert set(found) == {("10", "outcrop.image"), ("44", "outcrop.mojibake")}, site.warnings
    assert "–" in found[("44", "outcrop.mojibake")]["msg"]
    assert "â€“" in found[("44", "outcrop.mojibake")]["msg"]
    assert Path(found[("44", "outcrop.mojibake")]["path"]).name == Path(NAME).name + ".md"
    assert "repaired" in found[("10", "outcrop.image")]["msg"]


def test_plain_myst_would_break_it(make_site: SiteFactory) -> None:
    """Control: without outcrop the same file shows the bugs outcrop fixes."""
    site = make_site(
        {f"{NAME}.md": reference_text()},
        conf='extensions = ["myst_parser"]\n',
    )
    html = site.html(NAME)
    assert "â€“" in html
    assert "![banner](https://galena.es" in html  # the image line is printed as text
