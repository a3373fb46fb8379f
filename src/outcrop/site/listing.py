"""Rendering lists of articles: cards, lists, the tag cloud, the archive, the footer.

Pure functions: they take articles, a :class:`Linker` that knows the URLs, and the date
texts, and return HTML from the templates in ``templates/``. Jinja autoescaping is on,
so every front-matter value is escaped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import babel
import babel.dates
import jinja2
import markupsafe
from sphinx.util.i18n import format_date

from outcrop.article.inline import STYLES, Span
from outcrop.article.model import Article, Banner
from outcrop.config import DATE_STYLES
from outcrop.site.taxonomy import AUTHOR, CATEGORY, SERIES, TAG, Taxonomy

TEMPLATES = Path(__file__).parents[1] / "templates"


@dataclasses.dataclass(frozen=True, slots=True)
class Picture:
    """A banner as a page shows it: its URL relative to the page and, when outcrop
    published it, its smaller widths (``srcset``) and its size; ``missing`` when it
    could not be fetched (a placeholder is shown)."""

    url: str = ""
    #: (URL, width) of each width of the image, the smallest first.
    srcset: tuple[tuple[str, int], ...] = ()
    width: int = 0
    height: int = 0
    missing: bool = False


class Linker(Protocol):
    """Knows the URL of a page and of a banner, relative to the page being written."""

    def page(self, pagename: str) -> str: ...

    def image(self, banner: Banner) -> Picture | None: ...


@dataclasses.dataclass(frozen=True, slots=True)
class Link:
    name: str
    url: str


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """What a listing shows of one article."""

    docname: str
    title: str
    url: str
    #: Escaped HTML: the summary with its styles.
    subtitle: str = ""
    date_iso: str = ""
    date_text: str = ""
    date_short: str = ""
    image_url: str = ""
    image_alt: str = ""
    #: ``srcset`` of the image ("" when it has one width), and its size (0 when unknown).
    image_srcset: str = ""
    image_width: int = 0
    image_height: int = 0
    #: The banner could not be fetched: a placeholder is shown (``image_alt`` names it).
    image_missing: bool = False
    tags: tuple[Link, ...] = ()
    categories: tuple[Link, ...] = ()
    #: Tags left out of the listing (:data:`MAX_LISTED_TERMS`); the article shows all.
    more_tags: int = 0
    draft: bool = False
    #: The article's language when it is not the site's (the entry's ``lang``).
    lang: str = ""


#: Tags (and categories) a listing shows per article: an article with 2000 tags would
#: otherwise put 2000 links on each of its 2000 tag pages.
MAX_LISTED_TERMS = 12


DateText = Callable[[Article, str], str]  # (article, format) -> text

#: The day of a date in a month's list ("Jun 2", "2 jun", "6月2日").
DAY = "MMMd"
#: A month's heading in the archive ("June", "junio", "6月").
MONTH = "LLLL"


@functools.cache
def _locale(language: str | None) -> babel.Locale:
    try:
        return babel.Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale.parse("en")


@functools.lru_cache(maxsize=8192)  # a date is shown on its page, in listings and the archive
def format_day(date: dt.datetime, fmt: str, language: str | None) -> str:
    """``date`` as text in ``language``: ``fmt`` is a length (:data:`DATE_STYLES`), a
    babel skeleton (:data:`DAY`: the fields, ordered and spelled by the locale), the
    stand-alone month name (:data:`MONTH`) or strftime codes (Sphinx's ``format_date``, names localised). strftime
    codes cannot order the fields as a language does ("2 6月 2025" in Japanese): the
    lengths and skeletons can."""
    if "%" in fmt:
        return format_date(fmt, date=date, language=language or "en")
    if fmt in DATE_STYLES or fmt == MONTH:  # MONTH is a pattern: no locale has it as a skeleton
        return babel.dates.format_date(date, fmt, locale=_locale(language))
    return babel.dates.format_skeleton(fmt, date, locale=_locale(language))


@dataclasses.dataclass(frozen=True)
class Paths:
    """Where outcrop's generated pages live (page names, without suffix)."""

    tags: str = "tags"
    categories: str = "categories"
    archive: str = "archive"
    authors: str = "authors"
    series: str = "series"

    def folder(self, kind: str) -> str:
        """The folder of the pages of ``kind``'s terms."""
        return {TAG: self.tags, CATEGORY: self.categories, AUTHOR: self.authors, SERIES: self.series}[kind]

    def term(self, kind: str, slug: str, page: int = 1) -> str:
        base = f"{self.folder(kind)}/{slug}"
        return base if page == 1 else f"{base}/{page}"

    def index(self, kind: str) -> str:
        return f"{self.folder(kind)}/index"

    def year(self, year: int) -> str:
        return f"{self.archive}/{year}"

    def archive_page(self, page: int) -> str:
        """A page of the archive index: ``archive/index``, then ``archive/page/2``..."""
        return f"{self.archive}/index" if page == 1 else f"{self.archive}/page/{page}"


def entry(
    article: Article,
    *,
    taxonomy: Taxonomy,
    linker: Linker,
    paths: Paths,
    date_text: DateText,
    date_format: str,
    terms: bool = True,
) -> Entry:
    """What a listing shows of ``article``; ``terms=False`` leaves out the tag and
    category links (for short lists that do not show them)."""
    found = shown(article, taxonomy=taxonomy, paths=paths, date_text=date_text, date_format=date_format, terms=terms)
    return placed(found, article.banner, linker)


def shown(
    article: Article,
    *,
    taxonomy: Taxonomy,
    paths: Paths,
    date_text: DateText,
    date_format: str,
    terms: bool = True,
) -> Entry:
    """The :func:`entry` of ``article`` that is the same on every page: page names for
    URLs and no image (:func:`placed` links them from a page)."""

    def links(kind: str, names: Iterable[str]) -> tuple[Link, ...]:
        found = []
        for name in list(names)[:MAX_LISTED_TERMS]:
            term = taxonomy.term_of(kind, name)
            if term is not None:
                found.append(Link(term.name, paths.term(kind, term.slug)))
        return tuple(found)

    return Entry(
        docname=article.docname,
        title=article.title,
        url=article.docname,
        subtitle=spans_html(article.spans("summary")),
        date_iso=article.date.isoformat() if article.date else "",
        date_text=date_text(article, date_format) if article.date else "",
        date_short=date_text(article, DAY) if article.date else "",
        tags=links(TAG, article.tags) if terms else (),
        categories=links(CATEGORY, article.categories) if terms else (),
        more_tags=max(0, len(article.tags) - MAX_LISTED_TERMS) if terms else 0,
        draft=article.is_draft,
        lang=article.lang,
    )


def placed(found: Entry, banner: Banner | None, linker: Linker) -> Entry:
    """``found`` (made by :func:`shown`) on the page ``linker`` links from: its page
    names made URLs, and the image of ``banner`` (none when the build has none)."""
    picture = linker.image(banner) if banner is not None else None
    return dataclasses.replace(
        found,
        url=linker.page(found.url),
        image_url=picture.url if picture is not None else "",
        image_alt=banner.alt if banner is not None and picture is not None else "",
        image_srcset=", ".join(f"{url} {width}w" for url, width in picture.srcset) if picture is not None else "",
        image_width=picture.width if picture is not None else 0,
        image_height=picture.height if picture is not None else 0,
        image_missing=picture is not None and picture.missing,
        tags=tuple(Link(link.name, linker.page(link.url)) for link in found.tags),
        categories=tuple(Link(link.name, linker.page(link.url)) for link in found.categories),
    )


_TAGS = {
    "emphasis": "em",
    "strong": "strong",
    "literal": "code",
    "subscript": "sub",
    "superscript": "sup",
    "strikethrough": "s",
}


def spans_html(spans: tuple[Span, ...]) -> markupsafe.Markup:
    """Styled runs as HTML: every run escaped, inside its style's elements and, for an
    excerpt's link (an ``href:`` style, http(s) or mailto only), a link to another site."""
    parts = []
    for text, styles in spans:
        ordered = [_TAGS[s] for s in STYLES if s in styles]
        opening = "".join(f"<{t}>" for t in ordered)
        closing = "".join(f"</{t}>" for t in reversed(ordered))
        inner = f"{opening}{html.escape(text, quote=False)}{closing}"
        href = next((s[5:] for s in styles if s.startswith("href:")), None)
        if href is not None:
            inner = f'<a class="reference external" href="{html.escape(href)}">{inner}</a>'
        parts.append(inner)
    return markupsafe.Markup("".join(parts))


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def page_window(current: int, total: int, around: int = 2) -> list[int | None]:
    """Page numbers to link from page ``current`` of ``total``: the first, the last and
    ``around`` on each side of the current one; ``None`` where numbers are skipped.
    (Linking every page from every page is quadratic for a tag with hundreds of pages.)"""
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    window: list[int | None] = []
    for number in shown:
        previous = window[-1] if window else number - 1
        assert previous is not None
        if number - previous == 2:
            window.append(number - 1)  # a gap of one page: show it rather than "…"
        elif number - previous > 2:
            window.append(None)
        window.append(number)
    return window


def paginate(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    """Split ``items`` into pages of ``size`` (at least one page, maybe empty)."""
    if not items:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


#: The use count from which the tag cloud's range is the log of the largest count: below
#: it, sizes stay near the smallest (tags used 1 and 2 times are a step apart, not a
#: huge tag among tiny ones).
CLOUD_SPREAD = 16


def cloud_size(count: int, largest: int, steps: int = 5) -> int:
    """Size class 1..steps for a tag used ``count`` times (log scale, from 1 use to the
    largest count or :data:`CLOUD_SPREAD`, whichever is more)."""
    if largest <= 1:
        return 1
    return 1 + round((steps - 1) * math.log(count) / math.log(max(largest, CLOUD_SPREAD)))
