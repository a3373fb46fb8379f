"""Atom feeds, sitemap, robots.txt, canonical URLs and social cards, read back with an
XML parser, a feed parser (feedparser: no "bozo" errors) and a JSON parser."""

from __future__ import annotations

import json
import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from conftest import Site, SiteFactory, article

BASE = 'html_baseurl = "https://rocks.example.org/blog/"\n'
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = "</title><script>alert(1)</script> & &amp; ]]> \x07 “quoted”"

FILES = {
    "articles/2024-01-01-first.md": article(
        "title: First rock\ndate: 2024-01-01 10:00\ncategories: [Field]\ntags: [granite, 'C++']\n"
        "subtitle: A subtitle\nexcerpt_image: img/b.svg"
    ),
    "articles/2024-02-01-second.md": article(
        f"title: {json.dumps(HOSTILE)}\ndate: 2024-02-01\ncategories: [Field]\ntags: [granite]\n"
        f"subtitle: {json.dumps('<b>bold</b> & co')}\nupdated: 2024-03-05"
    ),
    "articles/2024-03-01-draft.md": article("title: Secret draft\ndate: 2024-03-01\ndraft: true\ntags: [granite]"),
    "articles/2099-01-01-future.md": article("title: From the future\ndate: 2099-01-01\ntags: [granite]"),
    "articles/img/b.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>\n',
    "about.md": "# About\n\nWho we are.\n",
}
CONF = BASE + 'outcrop_now = "2025-01-01"\nauthor = "Ana"\noutcrop_site_description = "Rocks & more"\n'


def build(make_site: SiteFactory, files: dict[str, str] | None = None, conf: str = CONF, **kwargs: object) -> Site:
    return make_site(files or FILES, conf=conf, **kwargs)


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    ET.fromstring(path.read_bytes())  # well-formed XML as well
    return feed


def test_site_feed(make_site: SiteFactory) -> None:
    site = build(make_site)
    feed = parse(site.outdir / "atom.xml")
    assert feed.version == "atom10"
    assert feed.feed.id == "https://rocks.example.org/blog/atom.xml"
    assert feed.feed.title == "Test site" and feed.feed.subtitle == "Rocks & more"
    assert feed.feed.author == "Ana"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "self": "https://rocks.example.org/blog/atom.xml",
        "alternate": "https://rocks.example.org/blog/index.html",
    }
    # Newest first; drafts and future articles left out.
    assert [e.link for e in feed.entries] == [
        "https://rocks.example.org/blog/articles/2024-02-01-second.html",
        "https://rocks.example.org/blog/articles/2024-01-01-first.html",
    ]
    second, first = feed.entries
    assert second.id == second.link
    # Plain text: HTML and Markdown styles dropped (as jekyll-seo-tag does), tags outcrop
    # does not know kept as text, entities decoded once, control characters dropped.
    assert second.title == "</title><script>alert(1)</script> & & ]]>  “quoted”"
    assert second.summary == "bold & co"
    assert second.title_detail.type == "text/plain"
    assert [t.term for t in first.tags] == ["Field", "granite", "C++"]
    assert first.summary == "A subtitle"
    # The feed's updated is its newest entry's (the revision), not the build's clock.
    assert feed.feed.updated == "2024-03-05T00:00:00+00:00"
    assert second.updated == "2024-03-05T00:00:00+00:00"
    assert second.published == "2024-02-01T00:00:00+00:00"
    raw = (site.outdir / "atom.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "\x07" not in raw


def test_term_feeds_and_their_autodiscovery(make_site: SiteFactory) -> None:
    site = build(make_site)
    granite = parse(site.outdir / "tags" / "granite.xml")
    assert granite.feed.title == "Test site: granite"
    assert len(granite.entries) == 2
    assert parse(site.outdir / "categories" / "field.xml").feed.id.endswith("/categories/field.xml")
    assert (site.outdir / "tags" / "c-plus-plus.xml").is_file()
    # Every page announces the site feed; a tag page its own too.
    for page in ("index", "about", "articles/2024-01-01-first", "tags/granite"):
        links = site.soup(page).select('link[rel="alternate"][type="application/atom+xml"]')
        assert links[0]["href"] == "https://rocks.example.org/blog/atom.xml", page
    titles = [a["title"] for a in site.soup("tags/granite").select('link[type="application/atom+xml"]')]
    assert titles == ["Test site", "Test site: granite"]  # as the feeds call themselves
    hrefs = [a["href"] for a in site.soup("tags/granite").select('link[type="application/atom+xml"]')]
    assert hrefs == ["https://rocks.example.org/blog/atom.xml", "https://rocks.example.org/blog/tags/granite.xml"]
    site = build(make_site, conf=CONF + "outcrop_feed_tags = False\noutcrop_feed_length = 1\n")
    assert not list((site.outdir / "tags").glob("*.xml"))
    assert len(parse(site.outdir / "atom.xml").entries) == 1


def test_time_zone_keeps_the_day_and_the_instant(make_site: SiteFactory) -> None:
    files = {"articles/2019-08-11-late.md": article("title: Late\ndate: 2019-08-11 00:34:00 +0800")}
    site = build(make_site, files, conf=BASE + 'outcrop_timezone = "Asia/Shanghai"\n')
    entry = parse(site.outdir / "atom.xml").entries[0]
    assert time.strftime("%Y-%m-%dT%H:%M:%SZ", entry.published_parsed) == "2019-08-10T16:34:00Z"
    assert entry.published == "2019-08-11T00:34:00+08:00"
    assert site.soup("articles/2019-08-11-late").select_one("time")["datetime"].startswith("2019-08-11")


def test_no_output_depends_on_the_clock(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = {k: v for k, v in FILES.items() if "future" not in k}
    conf = BASE + "author = 'Ana'\n"
    first = build(make_site, files, conf=conf)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # a machine on another clock and zone
    time.tzset()
    try:
        second = build(make_site, files, conf=conf)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    for name in ("atom.xml", "tags/granite.xml", "sitemap.xml", "robots.txt"):
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name
    assert os.environ.get("SOURCE_DATE_EPOCH") is None


def test_sitemap_and_robots(make_site: SiteFactory) -> None:
    site = build(make_site)
    tree = ET.parse(site.outdir / "sitemap.xml")
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in tree.getroot()}
    base = "https://rocks.example.org/blog/"
    assert urls[base + "articles/2024-01-01-first.html"] == "2024-01-01T10:00:00+00:00"
    assert urls[base + "articles/2024-02-01-second.html"] == "2024-03-05T00:00:00+00:00"
    assert base + "about.html" in urls and base + "index.html" in urls
    assert base + "tags/granite.html" in urls and base + "archive/2024.html" in urls
    assert not any("draft" in u or "future" in u or "search" in u or "genindex" in u for u in urls)
    robots = (site.outdir / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("Sitemap: https://rocks.example.org/blog/sitemap.xml\n")


def test_sites_own_robots_wins_and_sitemap_can_be_off(make_site: SiteFactory) -> None:
    files = dict(FILES, **{"extra/robots.txt": "User-agent: *\nDisallow: /\n"})
    site = build(make_site, files, conf=CONF + 'html_extra_path = ["extra"]\n')
    assert (site.outdir / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    site = build(make_site, conf=CONF + "outcrop_sitemap = False\n")
    assert not (site.outdir / "sitemap.xml").exists() and not (site.outdir / "robots.txt").exists()


def test_canonical_and_social_cards(make_site: SiteFactory) -> None:
    site = build(make_site, conf=CONF + 'html_theme = "furo"\n')
    soup = site.soup("articles/2024-01-01-first")
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "https://rocks.example.org/blog/articles/2024-01-01-first.html"
    )

    def meta(key: str, page: object = soup) -> list[str]:
        return [m["content"] for m in page.select(f'meta[property="{key}"], meta[name="{key}"]')]  # type: ignore[attr-defined]

    assert meta("og:type") == ["article"] and meta("og:title") == ["First rock"]
    assert meta("og:description") == ["A subtitle"]
    # The banner is an SVG, which no social network shows: the article's card instead.
    assert meta("og:image") == ["https://rocks.example.org/blog/_outcrop/cards/articles/2024-01-01-first.png"]
    assert meta("article:published_time") == ["2024-01-01T10:00:00+00:00"]
    assert meta("article:tag") == ["granite", "C++"] and meta("article:section") == ["Field"]
    assert meta("twitter:card") == ["summary_large_image"]
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "BlogPosting" and data["headline"] == "First rock"
    assert data["author"] == [{"@type": "Person", "name": "Ana"}]
    # Hostile values are escaped in attributes and cannot close the JSON-LD script.
    hostile = site.soup("articles/2024-02-01-second")
    assert meta("og:title", hostile) == ["</title><script>alert(1)</script> & & ]]>  “quoted”"]
    raw = site.html("articles/2024-02-01-second")
    head = raw[: raw.index("</head>")]
    assert "<script>alert(1)" not in head
    ld = hostile.select_one('script[type="application/ld+json"]').string
    assert "</" not in ld and json.loads(ld)["headline"].startswith("</title><script>")
    # Pages that are not articles are websites, without JSON-LD.
    about = site.soup("about")
    assert meta("og:type", about) == ["website"] and meta("og:title", about) == ["About"]
    assert about.select_one('script[type="application/ld+json"]') is None


def test_without_base_url_nothing_is_written_and_the_build_says_so(make_site: SiteFactory) -> None:
    site = make_site(FILES)
    assert not (site.outdir / "atom.xml").exists() and not (site.outdir / "sitemap.xml").exists()
    assert 'property="og:title"' not in site.html("articles/2024-01-01-first")
    assert "html_baseurl is not set" in site.app.status.getvalue()


def test_incremental_feeds_match_a_clean_build(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "incremental"
    build(make_site, srcdir=src)
    changed = dict(FILES)
    changed["articles/2024-01-01-first.md"] = article(
        "title: First rock, renamed\ndate: 2024-01-01 10:00\ncategories: [Field]\ntags: [basalt]"
    )
    incremental = build(make_site, changed, srcdir=src, freshenv=False)
    clean = build(make_site, changed)
    outputs = ("atom.xml", "sitemap.xml", "tags/basalt.xml", "tags/granite.xml", "categories/field.xml")
    for name in outputs:
        assert (incremental.outdir / name).read_bytes() == (clean.outdir / name).read_bytes(), name
    assert not (incremental.outdir / "tags" / "c-plus-plus.xml").exists()  # C++ vanished with the edit


def test_parallel_build_writes_the_same_heads_and_feeds(make_site: SiteFactory) -> None:
    serial = build(make_site)
    parallel = build(make_site, parallel=2)
    for name in ("atom.xml", "sitemap.xml", "tags/granite.xml"):
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name
    for page in ("articles/2024-01-01-first", "articles/2024-02-01-second", "tags/granite", "about"):
        assert serial.html(page) == parallel.html(page), page
