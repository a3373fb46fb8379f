"""Unit tests of the links of a build's pages: the URLs every page's linker shares, and
the listing entries a build makes once per article and links for each page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.utils import new_document
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from outcrop.article.model import Article, Banner
from outcrop.config import OutcropConfig
from outcrop.site.build import PATHS, BuildState, SphinxLinker, Urls, article_headers, folder_of, own_page
from outcrop.site.header import build_header
from outcrop.site.listing import Picture, entry
from outcrop.site.pages import PageOptions
from outcrop.site.taxonomy import build_taxonomy

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

#: Pages in several folders: an article and its neighbours, the pages of its tags (and a
#: second page of one), the indexes, the top, a deeper folder, names to quote.
PAGES = [
    "index",
    "about",
    "articles/a",
    "articles/b",
    "articles/index",
    "tags/index",
    "tags/granite",
    "tags/granite/2",
    "tags/quartz",
    "categories/field",
    "archive/index",
    "archive/2024",
    "deep/er/page",
    "odd names/ü #1",
]


def html_uri(docname: str) -> str:
    builder: Any = SimpleNamespace(link_suffix=".html")
    return StandaloneHTMLBuilder.get_target_uri(builder, docname)


def dirhtml_uri(docname: str) -> str:
    builder: Any = SimpleNamespace()
    return DirectoryHTMLBuilder.get_target_uri(builder, docname)


URIS = {"html": html_uri, "dirhtml": dirhtml_uri}


class FakeBuilder:
    """The URLs of Sphinx's html or dirhtml builder, and where it copies images."""

    imagedir = "_images"

    def __init__(self, uri: Callable[[str], str]) -> None:
        self.uri = uri

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return self.uri(docname)


#: Sphinx's images: source path → (documents, the name in the output).
ENV: Any = SimpleNamespace(images={"img/a.svg": ({"articles/a"}, "a.svg"), "img/b/a.svg": ({"articles/b"}, "a1.svg")})


def linker(uri: Callable[[str], str], pagename: str, urls: Urls | None = None) -> SphinxLinker:
    builder: Any = FakeBuilder(uri)
    return SphinxLinker(builder, ENV, pagename, urls)


@pytest.mark.parametrize(
    ("uri", "page", "folder"),
    [
        ("index.html", "index.html", ""),
        ("", "", ""),
        ("tags/granite.html", "tags/granite.html", "tags/"),
        ("tags/granite/", "tags/granite/", "tags/granite/"),
        ("a/b/c.html#top", "a/b/c.html", "a/b/"),
        ("a/b#c/d", "a/b", "a/"),
        ("/abs.html", "/abs.html", "/"),
    ],
)
def test_own_page_and_folder(uri: str, page: str, folder: str) -> None:
    """A URL's page is the URL without its fragment; its folder, the page up to its last
    "/" ("" for a page at the top, "/" for one under the root)."""
    assert own_page(uri) == page
    assert folder_of(uri) == folder


@pytest.mark.parametrize("builder", list(URIS))
def test_shared_urls_are_those_of_relative_uri(builder: str) -> None:
    """Linkers that share a build's URLs link every page and image as
    ``relative_uri`` does from their page, in whichever order the pages are written: a
    URL kept for a folder is the same from each of its pages, but a page's link to
    itself, which is "" (a tag page listing an article links that tag to itself)."""
    uri = URIS[builder]
    urls = Urls()
    for order in (PAGES, PAGES[::-1]):
        for base in order:
            from_base = linker(uri, base, urls)
            for target in PAGES:
                assert from_base.page(target) == relative_uri(uri(base), uri(target)), (base, target)
            banner, other = Banner("/img/a.svg"), Banner("/img/b/a.svg")
            assert from_base.image(banner) == Picture(relative_uri(uri(base), "_images/a.svg")), base
            assert from_base.image(other) == Picture(relative_uri(uri(base), "_images/a1.svg")), base
            assert from_base.image(Banner("https://example.org/a.png")) == Picture("https://example.org/a.png")
            assert from_base.image(Banner("/img/missing.svg")) is None
    assert urls.relative, "the URLs are kept"


def test_a_page_links_to_itself_after_a_page_of_its_folder() -> None:
    """The case that makes the folder's URL wrong for one page: kept from
    ``tags/granite``, ``tags/quartz.html`` is ``quartz.html``, but from
    ``tags/quartz`` itself it is ``""``."""
    urls = Urls()
    assert linker(html_uri, "tags/granite", urls).page("tags/quartz") == "quartz.html"
    assert linker(html_uri, "tags/quartz", urls).page("tags/quartz") == ""
    assert linker(html_uri, "tags/index", urls).page("tags/quartz") == "quartz.html"


def test_build_entries_are_the_entries_of_each_page() -> None:
    """What a build shows of an article is made once and linked for each page: the
    same as :func:`~outcrop.site.listing.entry` on every page, with and without the
    tag links, the article's own page and its tag pages included."""
    articles = [
        Article(
            docname="articles/a",
            title="Granite",
            date=dt.datetime(2024, 3, 2, tzinfo=dt.UTC),
            tags=("granite", "quartz"),
            categories=("Field",),
            banner=Banner("/img/a.svg", "Pink granite"),
        ),
        Article(docname="articles/b", title="Basalt", tags=("granite",), banner=Banner("/img/missing.svg", "Lost")),
        Article(docname="deep/er/page", title="Deep", categories=("Field",), banner=Banner("https://x.org/a.png")),
    ]
    taxonomy = build_taxonomy(articles, now=NOW)

    def date_text(article: Article, fmt: str) -> str:
        assert article.date is not None
        return article.date.strftime(fmt)

    options = PageOptions(PATHS, {}, 10, date_text, "%Y-%m-%d")
    for uri in URIS.values():
        state = BuildState(taxonomy, options, OutcropConfig())
        for base in PAGES + PAGES[::-1]:
            shared = linker(uri, base, state.urls)
            for article in taxonomy.articles.values():
                for terms in (True, False, True):
                    expected = entry(
                        article,
                        taxonomy=taxonomy,
                        linker=linker(uri, base),
                        paths=PATHS,
                        date_text=date_text,
                        date_format="%Y-%m-%d",
                        terms=terms,
                    )
                    assert state.entry(article, shared, terms=terms) == expected, (base, article.docname, terms)
        assert len(state.shown_cache) == 2 * len(articles), "made once per article and terms"


def test_article_headers_are_found_in_the_title_section() -> None:
    """The badges to link are in the header, a child of the document's title section
    (wherever in it), and only there is searched; a document without one has none."""
    document = new_document("<test>")
    section = nodes.section("", nodes.title("", "Title"), nodes.paragraph("", "Before"))
    header = build_header(Article(docname="a", title="Title", tags=("granite",)), date_text="", minutes=1)
    section += header
    section += nodes.section("", nodes.title("", "Nested"), nodes.paragraph("", "Body"))
    document += section
    assert list(article_headers(document)) == [header]
    badges = [n["outcrop_name"] for n in header.findall(nodes.inline) if n.get("outcrop_kind")]
    assert badges == ["granite"]
    assert list(article_headers(new_document("<empty>"))) == []
