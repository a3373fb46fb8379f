"""Unit tests of what a listing shows of an article (the :class:`Entry`, which is also
the digest that decides when listing pages are re-written) and of front-matter markup
rendered as HTML."""

from __future__ import annotations

import datetime as dt

import pytest

from outcrop.article.inline import PLAIN
from outcrop.article.model import Article, Banner
from outcrop.site.listing import (
    MAX_LISTED_TERMS,
    Entry,
    Link,
    Paths,
    Picture,
    entry,
    format_day,
    placed,
    shown,
    spans_html,
)
from outcrop.site.taxonomy import build_taxonomy

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
DAY = dt.datetime(2024, 1, 2, 10, 30, tzinfo=dt.UTC)
MISSING = "/img/missing.png"


class FakeLinker:
    """Page names as absolute URLs; a banner the build cannot find has no URL."""

    def page(self, pagename: str) -> str:
        return f"/{pagename}.html"

    def image(self, banner: Banner) -> Picture | None:
        return None if banner.uri == MISSING else Picture(f"/_images{banner.uri}")


def strftime(article: Article, fmt: str) -> str:
    """The build's date text, in English."""
    assert article.date is not None, "date texts are only made for dated articles"
    return format_day(article.date, fmt, "en")


def entry_of(article: Article, *others: Article, terms: bool = True) -> Entry:
    taxonomy = build_taxonomy([article, *others], now=NOW)
    return entry(
        article,
        taxonomy=taxonomy,
        linker=FakeLinker(),
        paths=Paths(),
        date_text=strftime,
        date_format="%Y-%m-%d",
        terms=terms,
    )


def test_dated_article_with_banner_tags_and_categories() -> None:
    """A full listing entry: title, URL, summary, the three date texts, the banner, and
    the tag and category links."""
    article = Article(
        docname="articles/rocks",
        title="Rocks",
        subtitle="All about <rocks>",
        date=DAY,
        tags=("Granite", "basalt"),
        categories=("Geology",),
        banner=Banner("/img/rock.png", "A rock"),
    )
    assert entry_of(article) == Entry(
        docname="articles/rocks",
        title="Rocks",
        url="/articles/rocks.html",
        subtitle="All about &lt;rocks&gt;",
        date_iso="2024-01-02T10:30:00+00:00",
        date_text="2024-01-02",
        date_short="Jan 2",
        image_url="/_images/img/rock.png",
        image_alt="A rock",
        tags=(Link("Granite", "/tags/granite.html"), Link("basalt", "/tags/basalt.html")),
        categories=(Link("Geology", "/categories/geology.html"),),
        more_tags=0,
        draft=False,
    )


def test_undated_article_has_no_date_texts() -> None:
    """An undated article shows no date at all: no ISO date, no text, no short text (and
    no date text is asked for)."""
    article = Article(docname="notes", title="Notes", draft=True)
    assert entry_of(article) == Entry(docname="notes", title="Notes", url="/notes.html", draft=True)


def test_banner_the_build_cannot_find_shows_no_image_and_no_alt() -> None:
    """A banner without a URL shows neither an image nor its alternative text."""
    article = Article(docname="a", title="A", banner=Banner(MISSING, "Lost"))
    found = entry_of(article)
    assert (found.image_url, found.image_alt) == ("", "")


def test_without_terms_no_tag_or_category_links_and_no_count() -> None:
    """``terms=False`` (related and neighbour lists) leaves out the tag and category
    links and the count of tags left out."""
    tags = tuple(f"t{i:02}" for i in range(MAX_LISTED_TERMS + 2))
    article = Article(docname="a", title="A", date=DAY, tags=tags, categories=("C",))
    assert entry_of(article, terms=False) == Entry(
        docname="a",
        title="A",
        url="/a.html",
        date_iso="2024-01-02T10:30:00+00:00",
        date_text="2024-01-02",
        date_short="Jan 2",
    )


@pytest.mark.parametrize(
    ("count", "listed", "more"),
    [
        (0, 0, 0),
        (1, 1, 0),
        (MAX_LISTED_TERMS, MAX_LISTED_TERMS, 0),
        (MAX_LISTED_TERMS + 1, MAX_LISTED_TERMS, 1),
        (MAX_LISTED_TERMS + 2, MAX_LISTED_TERMS, 2),
    ],
)
def test_tags_beyond_the_limit_are_counted(count: int, listed: int, more: int) -> None:
    """A listing links at most MAX_LISTED_TERMS tags and shows how many it left out."""
    tags = tuple(f"t{i:02}" for i in range(count))
    found = entry_of(Article(docname="a", title="A", tags=tags, categories=("C",)))
    assert [link.name for link in found.tags] == list(tags[:listed])
    assert found.more_tags == more
    assert found.categories == (Link("C", "/categories/c.html"),)


def test_shown_is_the_entry_with_page_names_and_no_image() -> None:
    """What an article shows on every page: page names for the article's and its
    terms' URLs, the texts and dates, and no image yet (nor its alternative text)."""
    article = Article(
        docname="articles/rocks",
        title="Rocks",
        subtitle="Igneous",
        date=DAY,
        tags=("Granite",),
        categories=("Geology",),
        banner=Banner("/img/rock.png", "A rock"),
    )
    found = shown(
        article,
        taxonomy=build_taxonomy([article], now=NOW),
        paths=Paths(tags="t", categories="c"),
        date_text=strftime,
        date_format="%Y",
    )
    assert found == Entry(
        docname="articles/rocks",
        title="Rocks",
        url="articles/rocks",
        subtitle="Igneous",
        date_iso="2024-01-02T10:30:00+00:00",
        date_text="2024",
        date_short="Jan 2",
        tags=(Link("Granite", "t/granite"),),
        categories=(Link("Geology", "c/geology"),),
    )


def test_placed_links_the_page_names_and_the_banner() -> None:
    """``placed`` makes every page name a URL of the linker and adds the banner's
    image; the rest of the entry is kept."""
    found = Entry(
        docname="a",
        title="A",
        url="a",
        subtitle="S",
        date_text="D",
        tags=(Link("x", "tags/x"), Link("y", "tags/y")),
        categories=(Link("C", "categories/c"),),
        more_tags=3,
        draft=True,
    )
    assert placed(found, Banner("/img/a.png", "Alt"), FakeLinker()) == Entry(
        docname="a",
        title="A",
        url="/a.html",
        subtitle="S",
        date_text="D",
        image_url="/_images/img/a.png",
        image_alt="Alt",
        tags=(Link("x", "/tags/x.html"), Link("y", "/tags/y.html")),
        categories=(Link("C", "/categories/c.html"),),
        more_tags=3,
        draft=True,
    )
    assert placed(found, None, FakeLinker()) == placed(found, Banner(MISSING, "Lost"), FakeLinker())
    assert (placed(found, None, FakeLinker()).image_url, placed(found, None, FakeLinker()).image_alt) == ("", "")


SPANS = [
    # (spans, expected HTML)
    ((), ""),
    ((("plain", PLAIN),), "plain"),
    ((("bold", frozenset({"strong"})),), "<strong>bold</strong>"),
    # styles nest in STYLES order, closed in reverse
    ((("both", frozenset({"strong", "emphasis"})),), "<em><strong>both</strong></em>"),
    (
        (("x", frozenset({"literal", "superscript", "strikethrough"})),),
        "<code><sup><s>x</s></sup></code>",
    ),
    # runs follow one another, each escaped
    (
        (("a < b", PLAIN), (" & ", frozenset({"emphasis"})), ("c", frozenset({"subscript"}))),
        "a &lt; b<em> &amp; </em><sub>c</sub>",
    ),
    # quotes need no escaping in element text: they stay as written
    ((('He said "it\'s"', PLAIN),), 'He said "it\'s"'),
]


@pytest.mark.parametrize(("spans", "expected"), SPANS)
def test_spans_html(spans: tuple, expected: str) -> None:
    """Front-matter markup becomes escaped text inside its styles' elements."""
    assert spans_html(spans) == expected


def test_an_entry_shows_its_terms_unless_asked_not_to() -> None:
    """``entry()``'s default is the full entry, with tag and category links (listing
    pages); ``terms=False`` is for the short lists that do not show them."""
    article = Article(docname="articles/a", title="A", date=DAY, tags=("granite",), categories=("Geology",))
    taxonomy = build_taxonomy([article], now=NOW)
    made = entry(article, taxonomy=taxonomy, linker=FakeLinker(), paths=Paths(), date_text=strftime, date_format="%Y")
    assert [link.name for link in made.tags] == ["granite"]
    assert [link.name for link in made.categories] == ["Geology"]
