"""Social-card and search metadata of a page, as pure functions returning HTML.

OpenGraph (``og:*``, ``article:*``), Twitter card tags and a JSON-LD ``BlogPosting``
for an article; ``og:type=website`` for other pages; Atom autodiscovery links. Every
value is escaped for its context: attribute values with :func:`html.escape`, JSON-LD
with ``<``, ``>`` and ``&`` as ``\\u`` escapes so no value can close the script.
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Sequence

from outcrop.article.model import Article
from outcrop.web.feeds import MAX_TERMS, plain


@dataclasses.dataclass(frozen=True, slots=True)
class PageMeta:
    url: str
    title: str
    site_name: str
    image: str | None = None  # absolute URL
    image_alt: str = ""  # the image's text alternative (else the banner's)
    image_size: tuple[int, int] | None = None  # width, height in pixels, when known
    article: Article | None = None
    terms: tuple[str, ...] = ()  # the article's tags, as their pages name them
    section: str = ""  # the article's first category
    author: str = ""
    locale: str = ""  # og:locale, es_ES (the page's language)
    alternates: tuple[str, ...] = ()  # the og:locale of each translation of the article


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{html.escape(key)}" content="{html.escape(plain(value))}" />'


def meta_tags(page: PageMeta) -> str:
    """OpenGraph and Twitter tags of one page."""
    article = page.article
    description = plain(article.summary) if article else ""
    tags = [
        _meta("property", "og:title", page.title),
        _meta("property", "og:type", "article" if article else "website"),
        _meta("property", "og:url", page.url),
        _meta("property", "og:site_name", page.site_name),
    ]
    if page.locale:
        tags.append(_meta("property", "og:locale", page.locale))
    tags += [_meta("property", "og:locale:alternate", other) for other in page.alternates]
    if description:
        tags.append(_meta("name", "description", description))
        tags.append(_meta("property", "og:description", description))
    alt = page.image_alt or (article.banner.alt if article and article.banner else "")
    if page.image:
        tags.append(_meta("property", "og:image", page.image))
        if page.image_size is not None:
            tags.append(_meta("property", "og:image:width", str(page.image_size[0])))
            tags.append(_meta("property", "og:image:height", str(page.image_size[1])))
        if alt:
            tags.append(_meta("property", "og:image:alt", alt))
    if article is not None:
        if article.date is not None:
            tags.append(_meta("property", "article:published_time", article.date.isoformat()))
        if article.updated is not None:
            tags.append(_meta("property", "article:modified_time", article.updated.isoformat()))
        for name in article.authors:
            tags.append(_meta("property", "article:author", name))
        if page.section:
            tags.append(_meta("property", "article:section", page.section))
        tags.extend(_meta("property", "article:tag", term) for term in page.terms[:MAX_TERMS])
    tags.append(_meta("name", "twitter:card", "summary_large_image" if page.image else "summary"))
    tags.append(_meta("name", "twitter:title", page.title))
    if description:
        tags.append(_meta("name", "twitter:description", description))
    if page.image:
        tags.append(_meta("name", "twitter:image", page.image))
        if alt:
            tags.append(_meta("name", "twitter:image:alt", alt))
    return "\n".join(tags) + "\n"


def json_ld(page: PageMeta) -> str:
    """A ``BlogPosting`` for an article page ("" for other pages)."""
    article = page.article
    if article is None:
        return ""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": plain(article.title),
        "url": page.url,
        "mainEntityOfPage": page.url,
    }
    if article.summary:
        data["description"] = plain(article.summary)
    if article.date is not None:
        data["datePublished"] = article.date.isoformat()
        data["dateModified"] = (article.updated or article.date).isoformat()
    authors = article.authors or ((page.author,) if page.author else ())
    if authors:
        data["author"] = [{"@type": "Person", "name": plain(a)} for a in authors]
    if page.image:
        data["image"] = page.image
    if page.terms:
        data["keywords"] = [plain(t) for t in page.terms[:MAX_TERMS]]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def feed_links(feeds: Sequence[tuple[str, str]]) -> str:
    """Atom autodiscovery links: (title, absolute or relative URL) pairs."""
    return "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{html.escape(plain(title))}" '
        f'href="{html.escape(url)}" />\n'
        for title, url in feeds
    )
