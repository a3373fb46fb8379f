"""Atom feeds (RFC 4287), written with feedgen: pure functions from articles to bytes.

Ids are the absolute URLs of the feed and of each article, so they stay the same from
build to build; ``updated`` is the newest entry's date, never the build's clock.
Titles and summaries are plain text: HTML entities written in the front matter are
decoded once, characters XML cannot hold are dropped, and feedgen escapes the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from outcrop.article.model import Article

#: At most this many categories and tags per entry (an article with 2000 tags would
#: otherwise put 2000 elements into each of 2000 feeds).
MAX_TERMS = 30
#: Characters XML 1.0 cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain(text: str) -> str:
    """Front-matter text as a feed's plain text, XML-safe (its entities were decoded
    once when it was read: :mod:`outcrop.article.inline`)."""
    return _NOT_XML.sub("", text)


@dataclasses.dataclass(frozen=True, slots=True)
class FeedEntry:
    article: Article
    url: str
    terms: tuple[str, ...]  # categories, then tags, as their pages name them


@dataclasses.dataclass(frozen=True, slots=True)
class Feed:
    url: str  # where the feed is published (its id and self link)
    home: str  # the page it follows (alternate link)
    title: str
    subtitle: str
    author: str
    language: str
    entries: tuple[FeedEntry, ...]
    fallback_updated: dt.datetime  # when there is no entry: the configured "now"


def in_feed(article: Article, now: dt.datetime) -> bool:
    """Feeds carry published, dated, past articles only (even in preview builds)."""
    return not article.is_draft and article.date is not None and article.date <= now


def newest(articles: Sequence[Article], now: dt.datetime, limit: int) -> list[Article]:
    """The newest ``limit`` articles that belong in a feed; ``articles`` are newest first."""
    return [a for a in articles if in_feed(a, now)][:limit]


def atom(feed: Feed, generator_version: str) -> bytes:
    """The feed as Atom XML."""
    # Imported here: feedgen loads lxml and dateutil (~20 ms), and a rebuild whose feeds
    # did not change writes none.
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed.url)
    fg.title(plain(feed.title))
    if feed.subtitle:
        fg.subtitle(plain(feed.subtitle))
    fg.author({"name": plain(feed.author)})
    fg.link(href=feed.url, rel="self", type="application/atom+xml")
    fg.link(href=feed.home, rel="alternate", type="text/html")
    if feed.language:
        fg.language(feed.language)
    fg.generator("outcrop", version=generator_version)
    updated = [_updated(e.article) for e in feed.entries]
    fg.updated(max(updated) if updated else feed.fallback_updated)
    for item in feed.entries:
        article = item.article
        assert article.date is not None  # in_feed
        fe = fg.add_entry(order="append")
        fe.id(item.url)
        fe.title(plain(article.title))
        fe.link(href=item.url, rel="alternate", type="text/html")
        fe.published(article.date)
        fe.updated(_updated(article))
        if article.summary:
            fe.summary(plain(article.summary))
        for name in article.authors:
            fe.author({"name": plain(name)})
        for term in item.terms[:MAX_TERMS]:
            fe.category(term=plain(term), label=plain(term))
    data = bytes(fg.atom_str(pretty=True))
    own = [item.article.lang if item.article.lang != feed.language else "" for item in feed.entries]
    return _entry_languages(data, own) if any(own) else data


def _entry_languages(data: bytes, languages: Sequence[str]) -> bytes:
    """``xml:lang`` on the entries written in another language than the feed's (feedgen
    has no way to say it), in the order they were added."""
    from lxml import etree

    root = etree.fromstring(data)
    for element, language in zip(root.findall("{http://www.w3.org/2005/Atom}entry"), languages, strict=True):
        if language:
            element.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))


def _updated(article: Article) -> dt.datetime:
    assert article.date is not None
    if article.updated is not None and article.updated > article.date:
        return article.updated
    return article.date
