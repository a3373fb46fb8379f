"""Excerpts by Jekyll's rules, built into real sites: ``excerpt:`` wins, else the text
before the separator (``<!--more-->``, the site's or the article's own), else the
first paragraph; inline HTML with links in listings, plain text in feeds and meta."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser

from conftest import SiteFactory, article, html_pages, write_tree

CONF = 'html_baseurl = "https://rocks.example.org/"\noutcrop_now = "2025-01-01"\n'
LONG = " ".join(f"w{i}" for i in range(100))


def files() -> dict[str, str]:
    return {
        "index.md": "# Home\n\n```{outcrop-latest}\n:limit: 20\n```\n",
        # The first paragraph, with its styles and its outside link; the epigraph, the
        # heading and the admonition before it are not the running text.
        "articles/2024-01-01-first.md": article(
            "title: First\ntags: [all]",
            "> A quotation first.\n>\n> -- Someone\n\n```{note}\nA note.\n```\n\n## Opening\n\n"
            "Granite is *coarse*, see [the survey](https://example.org/s?a=1&b=2) and "
            "[the other post](2024-01-02-sep.md) for `SiO2`.\nIt cools slowly.\n\nSecond paragraph.\n",
        ),
        # Everything before the separator, not the rest; a separator inside code does not count.
        "articles/2024-01-02-sep.md": article(
            "title: Separated\ntags: [all]",
            "One.\n\nTwo.\n\n<!--more-->\n\nThree.\n\n```md\n<!--more-->\n```\n",
        ),
        "articles/2024-01-03-code.md": article(
            "title: Code first\ntags: [all]",
            "```md\nOne <!--more--> in code.\n```\n\nReal first paragraph.\n\nLater.\n",
        ),
        # The article's own separator wins over the site's.
        "articles/2024-01-04-own.md": article(
            "title: Own separator\nexcerpt_separator: '[[cut]]'\ntags: [all]",
            "Alpha.\n\nBeta.\n\n[[cut]]\n\nGamma <!--more--> delta.\n",
        ),
        # excerpt: wins over the body; a subtitle still comes first in listings.
        "articles/2024-01-05-front.md": article(
            "title: Front\nexcerpt: From the *front matter*\ntags: [all]", "Body paragraph.\n"
        ),
        "articles/2024-01-06-subtitle.md": article(
            "title: Subtitled\nsubtitle: The deck\ntags: [all]", "Body paragraph.\n"
        ),
        # No body: nothing, never a neighbour's text or "None".
        "articles/2024-01-07-empty.md": article("title: Empty\ntags: [all]", ""),
        "articles/2024-01-08-long.md": article("title: Long\ntags: [all]", LONG + "\n"),
        # Markup in the text is escaped; raw HTML is not carried into listings.
        "articles/2024-01-09-html.md": article(
            "title: Hostile\ntags: [all]", 'Less &lt;b&gt; than 3 < 4 <span onclick="x()">kept text</span>.\n'
        ),
    }


def summaries(soup) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found = {}
    for item in soup.select(".outcrop-list-item"):
        summary = item.select_one(".outcrop-list-subtitle")
        found[item.select_one(".outcrop-list-title a").get_text()] = summary.decode_contents() if summary else ""
    return found


def test_excerpts_in_listings_feeds_and_meta(make_site: SiteFactory) -> None:
    site = make_site(files(), conf=CONF)
    shown = summaries(site.soup("tags/all"))
    assert shown == {
        "Hostile": "Less &lt;b&gt; than 3 &lt; 4 kept text.",
        "Long": " ".join(f"w{i}" for i in range(60)) + "…",
        "Empty": "",
        "Subtitled": "The deck",
        "Front": "From the <em>front matter</em>",
        "Own separator": "Alpha. Beta.",
        "Code first": "Real first paragraph.",
        "Separated": "One. Two.",
        "First": (
            'Granite is <em>coarse</em>, see <a class="reference external" href="https://example.org/s?a=1&amp;b=2">'
            "the survey</a> and the other post for <code>SiO2</code>. It cools slowly."
        ),
    }
    cards = {
        card.select_one(".outcrop-card-title").get_text(): card.select_one(".outcrop-card-subtitle")
        for card in site.soup("index").select(".outcrop-card")
    }
    assert cards["Empty"] is None
    assert cards["Separated"].get_text() == "One. Two."
    assert cards["First"].select_one("a.reference.external")["href"] == "https://example.org/s?a=1&b=2"
    # Plain text where only text can go.
    feed = feedparser.parse((site.outdir / "atom.xml").read_bytes())
    entries = {e.title: e.get("summary", "") for e in feed.entries}
    assert entries["First"] == "Granite is coarse, see the survey and the other post for SiO2. It cools slowly."
    assert entries["Empty"] == ""
    assert entries["Hostile"] == "Less <b> than 3 < 4 kept text."
    meta = site.soup("articles/2024-01-02-sep").select_one('meta[name="description"]')
    assert meta["content"] == "One. Two."
    assert site.soup("articles/2024-01-07-empty").select_one('meta[name="description"]') is None
    assert "None" not in site.html("tags/all")
    assert not site.outcrop_warnings()


def test_the_site_separator_is_configurable(make_site: SiteFactory) -> None:
    site = make_site(files(), conf=CONF + 'outcrop_excerpt_separator = "[[cut]]"\n')
    shown = summaries(site.soup("tags/all"))
    # <!--more--> is no separator here: the first paragraph is the excerpt.
    assert shown["Separated"] == "One."
    assert shown["Own separator"] == "Alpha. Beta."


def test_editing_the_first_paragraph_rebuilds_like_clean(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "incremental"
    first = make_site(files(), conf=CONF, srcdir=src)
    before = html_pages(first.outdir)
    path = src / "articles" / "2024-01-02-sep.md"
    write_tree(src, {"articles/2024-01-02-sep.md": path.read_text(encoding="utf-8").replace("Two.", "Two, edited.")})
    incremental = make_site({}, conf=CONF, srcdir=src, freshenv=False)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, conf=CONF, srcdir=clean_src)
    edited, expected = html_pages(incremental.outdir), html_pages(clean.outdir)
    assert edited != before
    assert "One. Two, edited." in edited["tags/all.html"].decode()
    assert edited == expected
    feed = (incremental.outdir / "atom.xml").read_text(encoding="utf-8")
    assert feed == (clean.outdir / "atom.xml").read_text(encoding="utf-8")
