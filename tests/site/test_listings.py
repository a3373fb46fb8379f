"""Tag, category, archive and home pages built from real sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SiteFactory, article

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>'
HOME = "# Home\n\n```{outcrop-latest}\n:limit: 3\n```\n\n```{outcrop-cloud}\n```\n\n```{outcrop-browse}\n```\n"


def site_files() -> dict[str, str]:
    return {
        "index.md": HOME,
        "articles/2024-01-01-first.md": article(
            "title: First\nsubtitle: The first one\ntags: [C, shared]\ncategories: [Rocks]\n"
            "excerpt_image: img/first.svg\nexcerpt_image_alt: First banner"
        ),
        "articles/img/first.svg": SVG,
        "articles/2024-02-01-second.md": article(
            "title: Second\ntags: [C++, shared, UX/UI]\ncategories: [Rocks, Water]\n"
            "excerpt_image: https://example.org/b.png\nexcerpt_image_alt: Remote"
        ),
        "articles/2024-02-01-third.md": article(
            "title: Third\ndate: 2024-02-01 18:00\ntags: [知乎, shared]\ncategories: Water"
        ),
        "articles/2024-03-01-draft.md": article("title: Draft one\ndraft: true\ntags: [secret, shared]"),
        "articles/2030-01-01-future.md": article("title: Future\ntags: [later]"),
        "articles/2023-07-07-old.md": article("title: Old\ntags: [shared]"),
    }


CONF = 'outcrop_now = "2025-01-01"\n'


@pytest.fixture
def site(make_site: SiteFactory):
    return make_site(site_files(), conf=CONF)


def titles(soup, selector: str = ".outcrop-list-title a") -> list[str]:
    return [a.get_text() for a in soup.select(selector)]


def test_tag_page_lists_newest_first_with_details(site) -> None:
    soup = site.soup("tags/shared")
    assert soup.select_one("h1").get_text() == "Tag: shared"
    assert titles(soup) == ["Third", "Second", "First", "Old"]
    first = soup.select(".outcrop-list-item")[2]
    assert first.select_one(".outcrop-list-subtitle").get_text() == "The first one"
    assert first.select_one("time")["datetime"].startswith("2024-01-01")
    thumb = first.select_one("img.outcrop-thumb")
    assert (thumb["src"], thumb["alt"]) == ("../_images/first.svg", "First banner")
    assert [a.get_text() for a in first.select("a.outcrop-tag")] == ["C", "shared"]
    assert first.select_one("a.outcrop-tag")["href"] == "c.html"
    assert soup.select_one(".outcrop-list-title a")["href"] == "../articles/2024-02-01-third.html"


def test_distinct_and_unicode_slugs(site) -> None:
    out = site.outdir
    for name in ("c", "c-plus-plus", "ux-ui", "知乎", "later", "secret"):
        exists = (out / "tags" / f"{name}.html").exists()
        assert exists == (name not in {"later", "secret"}), name
    assert not (out / "tags" / "ux").exists()
    assert titles(site.soup("tags/c")) == ["First"]
    assert titles(site.soup("tags/c-plus-plus")) == ["Second"]


def test_article_badges_link_to_their_pages(site) -> None:
    soup = site.soup("articles/2024-02-01-second")
    links = {a.get_text(): a["href"] for a in soup.select(".outcrop-header a.sd-badge")}
    assert links == {
        "Rocks": "../categories/rocks.html",
        "Water": "../categories/water.html",
        "C++": "../tags/c-plus-plus.html",
        "shared": "../tags/shared.html",
        "UX/UI": "../tags/ux-ui.html",
    }
    for href in links.values():
        assert (site.outdir / "articles" / href).resolve().exists()


def test_drafts_and_future_articles_are_in_no_listing(site) -> None:
    everything = "".join(
        p.read_text(encoding="utf-8") for p in site.outdir.rglob("*.html") if "articles" not in p.parts
    )
    assert "Draft one" not in everything and "Future" not in everything
    search = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "Draft one" not in search, "drafts are marked nosearch: neither title nor words are indexed"
    # As in Jekyll (no --drafts, --unpublished, --future), they get no page at all.
    assert not (site.outdir / "articles" / "2024-03-01-draft.html").exists()
    assert (
        sorted(p.name for p in (site.outdir / "articles").glob("*.html") if "raft" in p.name or "uture" in p.name) == []
    )


def test_show_drafts_lists_them_marked(make_site: SiteFactory) -> None:
    site = make_site(site_files(), conf=CONF + "outcrop_show_drafts = True\n")
    soup = site.soup("tags/shared")
    assert titles(soup)[0] == "Draft one"
    assert soup.select(".outcrop-list-item")[0].select_one(".outcrop-draft-mark").get_text() == "Draft"
    assert (site.outdir / "tags" / "later.html").exists()
    # The preview builds the drafts' own pages, marked as such.
    assert site.soup("articles/2024-03-01-draft").select_one(".outcrop-draft-mark")


def test_indexes_archive_and_home(site) -> None:
    cloud = site.soup("tags/index")
    counts = {a.get_text(): a.find_next_sibling("span").get_text() for a in cloud.select("ul.outcrop-cloud a")}
    assert counts == {"C": "1", "C++": "1", "shared": "4", "UX/UI": "1", "知乎": "1"}
    assert [a.get_text() for a in cloud.select("a.outcrop-cloud-3")] == ["shared"]  # 4 uses
    categories = site.soup("categories/index")
    assert {a.get_text() for a in categories.select("ul.outcrop-cloud a")} == {"Rocks", "Water"}
    assert titles(site.soup("categories/water")) == ["Third", "Second"]
    archive = site.soup("archive/index")
    assert archive.select_one(".outcrop-page-intro").get_text() == "4 articles"
    years = archive.select(".outcrop-archive-year")
    assert [y.select_one("h2").get_text() for y in years] == ["2024", "2023"]
    assert [y.select_one("h2 a")["href"] for y in years] == ["2024.html", "2023.html"]
    months = [[h.get_text() for h in y.select("h3")] for y in years]
    assert months == [["February", "January"], ["July"]]
    assert titles(archive, ".outcrop-archive-list a") == ["Third", "Second", "First", "Old"]
    assert [t.get_text() for t in archive.select(".outcrop-archive-list time")] == ["Feb 1", "Feb 1", "Jan 1", "Jul 7"]
    year = site.soup("archive/2024")
    assert year.select_one("h1").get_text() == "Archive: 2024"
    # The year is the title: the months are the page's sections, no heading repeats it.
    assert [h.get_text() for h in year.select(".outcrop-page h2")] == ["February", "January"]
    assert not year.select(".outcrop-page h3")
    assert year.select_one(".outcrop-page-intro").get_text() == "3 articles"
    assert titles(year, ".outcrop-archive-list a") == ["Third", "Second", "First"]
    home = site.soup("index")
    assert titles(home, ".outcrop-card-title a") == ["Third", "Second", "First"]
    assert [(i["src"], i["alt"]) for i in home.select(".outcrop-card img")] == [
        ("https://example.org/b.png", "Remote"),
        ("_images/first.svg", "First banner"),
    ]
    assert [a["href"] for a in home.select(".outcrop-browse-links a")] == [
        "tags/index.html",
        "categories/index.html",
        "archive/index.html",
    ]


def test_neighbours_and_related_at_the_foot(site) -> None:
    soup = site.soup("articles/2024-02-01-second")
    assert soup.select_one("a.outcrop-newer")["href"] == "2024-02-01-third.html"
    assert soup.select_one("a.outcrop-older")["href"] == "2024-01-01-first.html"
    related = [a.get_text() for a in soup.select(".outcrop-related a")]
    assert related == ["Third", "First", "Old"]


def test_pagination(make_site: SiteFactory) -> None:
    files = {f"articles/2024-01-{i:02d}-p{i}.md": article(f"title: P{i}\ntags: [many]") for i in range(1, 8)}
    site = make_site(files, conf=CONF + "outcrop_page_size = 3\n")
    assert titles(site.soup("tags/many")) == ["P7", "P6", "P5"]
    assert titles(site.soup("tags/many/2")) == ["P4", "P3", "P2"]
    assert titles(site.soup("tags/many/3")) == ["P1"]
    nav = site.soup("tags/many/2").select(".outcrop-pagination li")
    assert [li.get_text() for li in nav] == ["1", "2", "3"]
    assert nav[1].select_one("[aria-current=page]") is not None
    assert nav[0].a["href"] == "../many.html"
    # Many pages: the first, the last and two on each side of the current one.
    files = {f"articles/2024-01-{i % 28 + 1:02d}-q{i}.md": article(f"title: Q{i}\ntags: [lots]") for i in range(30)}
    site = make_site(files, conf=CONF + "outcrop_page_size = 2\n")
    nav = site.soup("tags/lots/8").select(".outcrop-pagination li")
    assert [li.get_text() for li in nav] == ["1", "…", "6", "7", "8", "9", "10", "…", "15"]
    assert nav[1].select_one("[aria-hidden=true]") is not None


def test_archive_index_is_paginated_by_month(make_site: SiteFactory) -> None:
    dates = ["2023-11-20", "2023-12-05", "2024-01-02", "2024-01-09", "2024-03-01"]
    files = {f"articles/{d}-a{i}.md": article(f"title: A{i}\ntags: [t{i}]") for i, d in enumerate(dates)}
    files["articles/undated.md"] = "---\ntitle: Undated\nlayout: post\n---\n\nText.\n"
    site = make_site(files, conf=CONF + "outcrop_archive_page_size = 2\n")
    first, second, third = (site.soup(name) for name in ("archive/index", "archive/page/2", "archive/page/3"))
    # Every dated article, newest first, page by page; the undated one is not in the archive.
    assert [titles(p, ".outcrop-archive-list a") for p in (first, second, third)] == [
        ["A4", "A3"],
        ["A2", "A1"],
        ["A0"],
    ]
    assert first.select_one(".outcrop-page-intro").get_text() == "5 articles"
    assert second.select_one(".outcrop-page-intro") is None
    assert second.select_one("h1").get_text() == "Archive (page 2)"
    # A page shows the years and months of its own articles (a month split across
    # pages is headed on both).
    assert [h.get_text() for h in first.select(".outcrop-page :is(h2, h3)")] == ["2024", "March", "January"]
    assert [h.get_text() for h in second.select(".outcrop-page :is(h2, h3)")] == ["2024", "January", "2023", "December"]
    assert [h.get_text() for h in third.select(".outcrop-page :is(h2, h3)")] == ["2023", "November"]
    assert second.select_one("h2 a")["href"] == "../2024.html"
    nav = second.select(".outcrop-pagination li")
    assert [li.get_text() for li in nav] == ["1", "2", "3"]
    assert [li.a["href"] if li.a else None for li in nav] == ["../index.html", None, "3.html"]
    assert [w["type"] for w in site.outcrop_warnings()] == ["outcrop.date"]  # the undated one, said


def test_counts_are_plural_forms(make_site: SiteFactory) -> None:
    files = {
        "articles/2024-01-01-a.md": article("title: A\ntags: [one, two]"),
        "articles/2024-01-02-b.md": article("title: B\ntags: [two]"),
    }
    site = make_site(files, conf=CONF)
    assert site.soup("tags/one").select_one(".outcrop-page-intro").get_text() == "1 article"
    assert site.soup("tags/two").select_one(".outcrop-page-intro").get_text() == "2 articles"
    labels = [s["aria-label"] for s in site.soup("tags/index").select(".outcrop-count")]
    assert labels == ["1 article", "2 articles"]


def test_collisions_and_case_variants_warn(make_site: SiteFactory) -> None:
    files = {
        "articles/2024-01-01-a.md": article("title: A\ntags: [MixedCase]"),
        "articles/2024-01-02-b.md": article("title: B\ntags: [Mixedcase, MixedCase]"),
        "articles/2024-01-03-c.md": article("title: C\ntags: [c++]"),
        "articles/2024-01-04-d.md": article("title: D\ntags: [c plus plus]"),
    }
    site = make_site(files, conf=CONF)
    warnings = [(Path(w["path"]).name, w["line"], w["type"]) for w in site.outcrop_warnings()]
    assert sorted(warnings) == [
        ("2024-01-02-b.md", "3", "outcrop.taxonomy"),
        ("2024-01-04-d.md", "3", "outcrop.taxonomy"),
    ]
    assert titles(site.soup("tags/mixedcase")) == ["B", "A"]
    pages = sorted(p.name for p in (site.outdir / "tags").glob("c-plus-plus*.html"))
    assert len(pages) == 2


def test_dirhtml(make_site: SiteFactory) -> None:
    site = make_site(site_files(), conf=CONF, buildername="dirhtml")
    page = site.outdir / "tags" / "shared" / "index.html"
    assert page.exists()
    html = page.read_text(encoding="utf-8")
    assert 'href="../../articles/2024-02-01-third/"' in html
    article_html = (site.outdir / "articles" / "2024-02-01-second" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tags/shared/"' in article_html


def test_latex_lists_plainly(make_site: SiteFactory) -> None:
    site = make_site(
        {k: v for k, v in site_files().items() if not k.endswith(".svg") and "second" not in k},
        conf=CONF,
        buildername="latex",
    )
    tex = next(site.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Third" in tex and "outcrop-footer" not in tex
    assert not any(site.outdir.rglob("*.html"))


def test_hostile_names_are_escaped_in_every_listing(make_site: SiteFactory) -> None:
    hostile = '<script>alert("x")</script>'
    files = {
        "index.md": HOME,
        "articles/2024-01-01-h.md": article(
            f"title: '{hostile} title'\nsubtitle: '<b>bold</b>'\ntags: ['{hostile}', 'ok']\n"
            f"categories: ['<i>c</i>']\nexcerpt_image: 'https://example.org/x.png?a=1&b=\"2'\n"
            "excerpt_image_alt: '\"><img src=x>'"
        ),
        "articles/2024-01-02-other.md": article("title: Other\ntags: [ok]"),
    }
    site = make_site(files, conf=CONF)
    pages = [p for p in site.outdir.rglob("*.html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<b>bold</b>" not in html and "<i>c</i>" not in html and "<img src=x>" not in html, page
    tag_pages = [p.name for p in (site.outdir / "tags").glob("*.html")]
    assert len(tag_pages) == 3  # the hostile tag, ok, index
    home = site.soup("index")
    assert home.select(".outcrop-card-title a")[1].get_text() == f"{hostile} title"
    assert home.select_one(".outcrop-card img")["src"] == 'https://example.org/x.png?a=1&b="2'
    cloud = {a.get_text() for a in site.soup("tags/index").select("ul.outcrop-cloud a")}
    assert cloud == {hostile, "ok"}
    other = site.soup("articles/2024-01-02-other")
    assert other.select_one(".outcrop-related a").get_text() == f"{hostile} title"
