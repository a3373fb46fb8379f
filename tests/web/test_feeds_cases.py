"""Unit tests of the Atom feed writer: what a feed reader finds in the XML built from
articles (links and their media types, generator, language, dates, authors,
categories) and which articles belong in a feed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest

from outcrop.article.model import Article
from outcrop.web.feeds import Feed, FeedEntry, atom, in_feed, newest

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NOW = dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)
FALLBACK = dt.datetime(2024, 12, 31, 23, 59, tzinfo=dt.UTC)
SITE = "https://rocks.example.org/blog/"


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


PAST = dt.datetime(2024, 1, 1, 10, 0, tzinfo=dt.UTC)


def art(docname: str, date: dt.datetime | None = PAST, **kw: object) -> Article:
    return Article(docname=docname, title=docname.title(), date=date, **kw)  # type: ignore[arg-type]


def item(article: Article, terms: tuple[str, ...] = ()) -> FeedEntry:
    return FeedEntry(article=article, url=f"{SITE}{article.docname}.html", terms=terms)


def feed(*entries: FeedEntry, language: str = "en", subtitle: str = "Rocks") -> Feed:
    return Feed(
        url=f"{SITE}atom.xml",
        home=f"{SITE}index.html",
        title="Test site",
        subtitle=subtitle,
        author="Ana",
        language=language,
        entries=entries,
        fallback_updated=FALLBACK,
    )


def root(data: bytes) -> ET.Element:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return ET.fromstring(data)


def links(element: ET.Element) -> list[dict[str, str]]:
    return [dict(link.attrib) for link in element.findall(f"{A}link")]


# --- Which articles a feed carries ----------------------------------------------------

IN_FEED = [
    # (article, carried?)
    (art("past"), True),
    (art("exactly-now", NOW), True),
    (art("a-second-later", NOW + dt.timedelta(seconds=1)), False),
    (art("future", when("2030-01-01 00:00")), False),
    (art("undated", None), False),
    (art("draft", draft=True), False),
    (art("unpublished", published=False), False),
    (art("future-draft", when("2030-01-01 00:00"), draft=True), False),
    (art("undated-draft", None, draft=True), False),
]


@pytest.mark.parametrize(("article", "carried"), IN_FEED, ids=[a.docname for a, _ in IN_FEED])
def test_in_feed(article: Article, carried: bool) -> None:
    """Feeds carry published, dated articles whose date has come (``now`` included)."""
    assert in_feed(article, NOW) is carried


def test_newest_keeps_order_and_limit_after_leaving_out() -> None:
    """``newest`` leaves out drafts, future and undated articles, then keeps the first
    ``limit`` of the rest, in the given (newest first) order."""
    articles = [
        art("future", when("2030-01-01 00:00")),
        art("now", NOW),
        art("draft", when("2024-12-01 00:00"), draft=True),
        art("b", when("2024-06-01 00:00")),
        art("undated", None),
        art("a", when("2024-01-01 00:00")),
    ]
    assert [a.docname for a in newest(articles, NOW, 2)] == ["now", "b"]
    assert [a.docname for a in newest(articles, NOW, 10)] == ["now", "b", "a"]


# --- The feed's own elements ----------------------------------------------------------


def test_feed_links_name_their_media_types() -> None:
    """The feed links itself as ``application/atom+xml`` and its page as ``text/html``,
    each with an explicit ``rel``."""
    xml = root(atom(feed(item(art("a"))), "1.2.3"))
    assert links(xml) == [
        {"href": f"{SITE}atom.xml", "rel": "self", "type": "application/atom+xml"},
        {"href": f"{SITE}index.html", "rel": "alternate", "type": "text/html"},
    ]


def test_feed_links_as_a_feed_reader_sees_them() -> None:
    """feedparser finds the self and alternate links with their types."""
    parsed = feedparser.parse(atom(feed(item(art("a"))), "1.2.3"))
    assert [(link.rel, link.type, link.href) for link in parsed.feed.links] == [
        ("self", "application/atom+xml", f"{SITE}atom.xml"),
        ("alternate", "text/html", f"{SITE}index.html"),
    ]


def test_generator_names_outcrop_and_its_version() -> None:
    """``<generator version="…">outcrop</generator>``."""
    generator = root(atom(feed(item(art("a"))), "1.2.3")).find(f"{A}generator")
    assert generator is not None
    assert generator.text == "outcrop"
    assert generator.attrib == {"version": "1.2.3"}


@pytest.mark.parametrize(("language", "expected"), [("en", "en"), ("pt-BR", "pt-BR"), ("", None)])
def test_language_is_the_feeds_xml_lang(language: str, expected: str | None) -> None:
    """The configured language is the feed's ``xml:lang``; none is written without one."""
    xml = root(atom(feed(item(art("a")), language=language), "1"))
    assert xml.get(XML_LANG) == expected


def test_subtitle_only_when_configured() -> None:
    """An empty site description writes no ``<subtitle>``."""
    assert root(atom(feed(item(art("a")), subtitle=""), "1")).find(f"{A}subtitle") is None
    subtitle = root(atom(feed(item(art("a")), subtitle="Rocks"), "1")).find(f"{A}subtitle")
    assert subtitle is not None and subtitle.text == "Rocks"


def test_feed_without_entries_is_updated_at_the_fallback() -> None:
    """A feed with no article (a tag whose articles are all drafts) is still written,
    its ``updated`` being the configured "now"."""
    xml = root(atom(feed(), "1"))
    assert xml.findall(f"{A}entry") == []
    assert xml.findtext(f"{A}updated") == FALLBACK.isoformat()


def test_feed_is_indented_one_element_a_line() -> None:
    """The XML is pretty-printed: readable, and its diffs between builds are per line."""
    data = atom(feed(item(art("a"), ("Field",)), item(art("b"))), "1")
    lines = data.decode().splitlines()
    assert lines[0].startswith("<?xml")
    assert lines[1].startswith("<feed ")
    assert "  <id>https://rocks.example.org/blog/atom.xml</id>" in lines
    assert "    <id>https://rocks.example.org/blog/a.html</id>" in lines
    assert lines[-1] == "</feed>"


# --- Entries --------------------------------------------------------------------------


def test_entries_keep_the_given_order() -> None:
    """Entries appear in the order given (newest first), not reversed."""
    entries = [
        item(art(name, when(day))) for name, day in [("c", "2024-03-01"), ("b", "2024-02-01"), ("a", "2024-01-01")]
    ]
    xml = root(atom(feed(*entries), "1"))
    assert [e.findtext(f"{A}id") for e in xml.findall(f"{A}entry")] == [
        f"{SITE}c.html",
        f"{SITE}b.html",
        f"{SITE}a.html",
    ]


def test_entry_link_is_its_html_page() -> None:
    """Each entry has one link, to its page, which a feed reader takes as the alternate
    (feedgen 1.0 writes entry links without their ``rel`` and ``type``: RFC 4287 makes a
    link without ``rel`` the alternate one)."""
    entry = root(atom(feed(item(art("a"))), "1")).find(f"{A}entry")
    assert entry is not None
    assert [link["href"] for link in links(entry)] == [f"{SITE}a.html"]
    assert entry.find(f"{A}link").get("rel", "alternate") == "alternate"  # type: ignore[union-attr]
    parsed = feedparser.parse(atom(feed(item(art("a"))), "1")).entries[0]
    assert [(link.rel, link.type, link.href) for link in parsed.links] == [("alternate", "text/html", f"{SITE}a.html")]


def test_entry_authors_are_named_in_order() -> None:
    """Each of the article's authors is an ``<author><name>`` of its entry, in order."""
    article = art("a", authors=("Ana", "Bruno <b>"))
    entry = root(atom(feed(item(article)), "1")).find(f"{A}entry")
    assert entry is not None
    assert [a.findtext(f"{A}name") for a in entry.findall(f"{A}author")] == ["Ana", "Bruno <b>"]
    parsed = feedparser.parse(atom(feed(item(article)), "1")).entries[0]
    assert [a.name for a in parsed.authors] == ["Ana", "Bruno <b>"]


def test_entry_without_authors_has_no_author() -> None:
    """An article without ``author`` gives an entry without ``<author>`` (the feed's applies)."""
    entry = root(atom(feed(item(art("a"))), "1")).find(f"{A}entry")
    assert entry is not None and entry.findall(f"{A}author") == []


def test_entry_categories_have_term_and_label() -> None:
    """Each category and tag is a ``<category>`` whose term and label are its name."""
    entry = root(atom(feed(item(art("a"), ("Field", "C++", "granite"))), "1")).find(f"{A}entry")
    assert entry is not None
    assert [c.attrib for c in entry.findall(f"{A}category")] == [
        {"term": "Field", "label": "Field"},
        {"term": "C++", "label": "C++"},
        {"term": "granite", "label": "granite"},
    ]
    parsed = feedparser.parse(atom(feed(item(art("a"), ("Field",))), "1")).entries[0]
    assert [(t.term, t.label) for t in parsed.tags] == [("Field", "Field")]


UPDATED = [
    # (date, updated, entry's updated text)
    ("2024-01-01T10:00:00+00:00", None, "2024-01-01T10:00:00+00:00"),
    ("2024-01-01T10:00:00+00:00", "2024-02-01T00:00:00+00:00", "2024-02-01T00:00:00+00:00"),
    ("2024-01-01T10:00:00+00:00", "2023-12-01T00:00:00+00:00", "2024-01-01T10:00:00+00:00"),  # earlier: ignored
    # The same instant written with another offset is no revision: the date stays as written.
    ("2024-01-01T10:00:00+00:00", "2024-01-01T11:00:00+01:00", "2024-01-01T10:00:00+00:00"),
]


@pytest.mark.parametrize(("date", "updated", "expected"), UPDATED)
def test_entry_updated_is_the_later_of_date_and_revision(date: str, updated: str | None, expected: str) -> None:
    """An entry's ``updated`` is its revision date when later than its date, else its date;
    its ``published`` is always its date."""
    article = art("a", dt.datetime.fromisoformat(date), updated=dt.datetime.fromisoformat(updated) if updated else None)
    xml = root(atom(feed(item(article)), "1"))
    entry = xml.find(f"{A}entry")
    assert entry is not None
    assert entry.findtext(f"{A}updated") == expected
    assert entry.findtext(f"{A}published") == date
    assert xml.findtext(f"{A}updated") == expected
