"""A Jekyll blog's posts dropped into the source folder build as Jekyll publishes them
(Jekyll 4.4 is the reference; each test names the code it follows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site, SiteFactory, article

CONF = 'outcrop_now = "2025-01-01"\n'


def files() -> dict[str, str | bytes]:
    return {
        "articles/2019-01-01-plain.md": article("title: Plain md"),
        "articles/2019-01-02-long.markdown": article("title: Long markdown"),
        "articles/2019-01-03-short.mkdn": article("title: Short mkdn"),
        "articles/2019-01-04-shorter.mkd": article("title: Shorter mkd"),
        "articles/2019-01-05-other.mkdown": article("title: Other mkdown"),
        "articles/2017-2-5-unpadded.md": "No front matter at all.\n",
        "articles/2018-10-12-trailing-dots...md": "Body.\n",
        "articles/travel/asia/_posts/2019-03-01-kyoto.md": article("title: Kyoto\ncategories: [Temples]"),
        "articles/_posts/sub/2019-03-02-inner.md": article("title: Inner"),
        "articles/2019-04-01-x-image.md": article("title: X image"),
        "articles/2019-04-01-x-image-tagline.md": article("title: X image tagline"),
        "articles/2019-04-02-a.md": article("title: Day two A"),
        "articles/2019-04-02-b.md": article("title: Day two B"),
        "articles/2019-05-01-unpublished.md": article("title: Unpublished\npublished: false"),
        "articles/2019-05-02-draft.md": article("title: A draft\ndraft: true"),
        "articles/2030-01-01-future.md": article("title: From the future"),
    }


@pytest.fixture
def site(make_site: SiteFactory) -> Site:
    return make_site(files(), conf=CONF)


def titles(soup: BeautifulSoup, selector: str = ".outcrop-list-title a") -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(selector)]


def test_every_jekyll_markdown_extension_is_read(site: Site) -> None:
    """Jekyll's ``markdown_ext`` default is ``markdown,mkdown,mkdn,mkd,md``: every post
    is built, none skipped silently."""
    for name in ("2019-01-01-plain", "2019-01-02-long", "2019-01-03-short", "2019-01-04-shorter", "2019-01-05-other"):
        assert (site.outdir / "articles" / f"{name}.html").is_file(), name


def test_file_name_dates_and_titles(site: Site) -> None:
    """``DATE_FILENAME_MATCHER`` takes one-digit months and days; ``populate_title``
    titleizes the slug after dropping its trailing dots."""
    soup = site.soup("articles/2017-2-5-unpadded")
    assert soup.find("h1").get_text(strip=True).startswith("Unpadded")
    assert soup.select_one("time")["datetime"].startswith("2017-02-05")
    assert "Trailing Dots" in site.soup("articles/2018-10-12-trailing-dots..").find("h1").get_text()
    assert "Unpadded" in titles(site.soup("archive/2017"), ".outcrop-archive-list a")


def test_folder_categories(site: Site) -> None:
    """``categories_from_path``: the folders above ``_posts`` are categories, before the
    front matter's; folders below ``_posts`` are not."""
    assert titles(site.soup("categories/travel")) == ["Kyoto"]
    assert titles(site.soup("categories/asia")) == ["Kyoto"]
    assert titles(site.soup("categories/temples")) == ["Kyoto"]
    assert not (site.outdir / "categories" / "sub.html").exists()
    badges = [
        a.get_text(strip=True)
        for a in site.soup("articles/travel/asia/_posts/2019-03-01-kyoto").select("a.outcrop-category")
    ]
    assert badges == ["travel", "asia", "Temples"]


def test_unpublished_draft_and_future_posts_get_no_page(site: Site) -> None:
    """Jekyll writes no file for ``published: false`` (``--unpublished``), drafts
    (``--drafts``) or a future date (``--future``); outcrop builds none of them."""
    built = {p.name for p in (site.outdir / "articles").glob("*.html")}
    assert not {"2019-05-01-unpublished.html", "2019-05-02-draft.html", "2030-01-01-future.html"} & built
    everything = " ".join(p.read_text(encoding="utf-8") for p in site.outdir.rglob("*.html"))
    assert "From the future" not in everything and "A draft" not in everything
    assert "2030-01-01-future" not in (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    status = site.app.status.getvalue()
    assert "3 unpublished articles not built" in status


def test_order_within_a_day_is_jekylls(site: Site) -> None:
    """``Document#<=>``: date, then path with extension; ``site.posts`` is the reverse."""
    order = titles(site.soup("archive/2019"), ".outcrop-archive-list a")
    assert order.index("X image") < order.index("X image tagline")
    assert order.index("Day two B") < order.index("Day two A")


def test_a_published_article_that_becomes_a_draft_loses_its_page(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "site"
    first = make_site(files(), srcdir=src, conf=CONF)
    page = first.outdir / "articles" / "2019-01-01-plain.html"
    assert page.is_file()
    source = src / "articles" / "2019-01-01-plain.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: Plain md", "title: Plain md\ndraft: true"))
    again = make_site({}, srcdir=src, conf=CONF, freshenv=False)
    assert not page.exists()
    assert "Plain md" not in (again.outdir / "index.html").read_text(encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace("draft: true", "draft: false"))
    make_site({}, srcdir=src, conf=CONF, freshenv=False)
    assert page.is_file()


def test_titles_with_markup(make_site: SiteFactory) -> None:
    """The theme demo's "Markup: Title *with* **Markdown**" and "Special&nbsp;---&nbsp;
    Characters": styles in the heading (escaped, as inline elements), plain text with
    entities decoded once in ``<title>``, listings, feeds and the book; an excerpt's
    code stays code in listings."""
    site = make_site(
        {
            "articles/2013-01-05-a.md": article(
                'title: "Markup: Title *with* **Markdown**"\ncategories: [Markup]\n'
                "excerpt: Jekyll's `{% highlight %}` tag and <em>HTML</em>."
            ),
            "articles/2013-01-06-b.md": article('title: "Special&nbsp;---&nbsp;Characters <code>x</code>"'),
        },
        conf='html_baseurl = "https://example.org/"\n',
    )
    page = site.soup("articles/2013-01-05-a")
    h1 = page.select_one("h1")
    assert [e.get_text() for e in h1.select("em")] == ["with"]
    assert [e.get_text() for e in h1.select("strong")] == ["Markdown"]
    assert "*" not in h1.get_text()
    assert page.title.get_text().startswith("Markup: Title with Markdown")
    listing = site.soup("categories/markup")
    assert titles(listing) == ["Markup: Title with Markdown"]
    summary = listing.select_one(".outcrop-list-subtitle")
    assert summary.select_one("code").get_text() == "{% highlight %}" and summary.select_one("em").get_text() == "HTML"
    other = site.soup("articles/2013-01-06-b")
    assert other.select_one("h1 code").get_text() == "x"
    # (Sphinx's theme template collapses the no-break spaces of <title>: Jinja's striptags)
    assert other.title.get_text().startswith("Special — Characters x")
    assert "&amp;nbsp;" not in site.html("articles/2013-01-06-b")
    feed = (site.outdir / "atom.xml").read_text(encoding="utf-8")
    assert "<title>Special\xa0—\xa0Characters x</title>" in feed and "*with*" not in feed
