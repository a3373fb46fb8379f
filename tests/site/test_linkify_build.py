"""Bare URLs in an article become links (MyST's linkify, with outcrop's quick test
before linkify-it's: outcrop.article.linkify)."""

from __future__ import annotations

from conftest import SiteFactory, article

BODY = """## Links

Read https://example.org/a and www.example.com, or write to someone@example.org.

Plain prose, e.g. this one. Version 2.0 is out.

| site | note |
|---|---|
| example.net | in a table |
"""


def test_bare_links_become_links_and_prose_stays_text(make_site: SiteFactory) -> None:
    site = make_site({"articles/2024-01-01-links.md": article("title: Links", BODY)})
    page = site.soup("articles/2024-01-01-links")
    hrefs = [a["href"] for a in page.select("article a.reference.external, div[role=main] a.reference.external")]
    assert "https://example.org/a" in hrefs
    assert "http://www.example.com" in hrefs
    assert "mailto:someone%40example.org" in hrefs
    assert "http://example.net" in hrefs
    prose = next(p for p in page.find_all("p") if "Plain prose" in p.get_text())
    assert prose.find("a") is None
