"""The article model: what outcrop knows about one article, frozen and typed."""

from __future__ import annotations

import dataclasses
import datetime as dt

from outcrop.article.inline import PLAIN, Span, plain


@dataclasses.dataclass(frozen=True, slots=True)
class Banner:
    """The article's banner image (``excerpt_image``).

    ``uri`` is either an absolute ``http(s)`` URL or a path relative to the source
    directory, starting with ``/`` (as Sphinx's image nodes expect); it never leaves
    the source directory.
    """

    uri: str
    alt: str = ""

    @property
    def is_remote(self) -> bool:
        return self.uri.startswith(("http://", "https://"))


@dataclasses.dataclass(frozen=True, slots=True)
class Notice:
    """One admonition: its kind, optional title, MyST body and position (top/bottom)."""

    kind: str
    body: str
    title: str = ""
    position: str = "top"


@dataclasses.dataclass(frozen=True, slots=True)
class Article:
    """One article, as read from its front matter (and, for ``words``, its body)."""

    docname: str
    title: str
    subtitle: str = ""
    description: str = ""
    excerpt: str = ""
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    banner: Banner | None = None
    #: The authors' names: a name written in front matter that is a key of
    #: ``outcrop_authors`` is replaced by that author's name.
    authors: tuple[str, ...] = ()
    #: The series the article is a part of (its name as written; "" for none).
    series: str = ""
    #: Its part number in the series (``None``: ordered by date after the numbered parts).
    series_part: int | None = None
    layout: str = "post"
    draft: bool = False
    published: bool = True
    words: int = 0
    #: Admonitions from the ``admonitions:`` key.
    notices: tuple[Notice, ...] = ()
    #: The note shown with ``updated:`` (MyST).
    update_note: str = ""
    #: False when the article opts out of its categories' and tags' admonitions.
    category_notices: bool = True
    #: The file's path in the source folder, with its extension (Jekyll orders the
    #: posts of one date by it).
    source: str = ""
    #: Old URLs (site-root paths) that redirect to the article.
    aliases: tuple[str, ...] = ()
    #: The styled text (Markdown, inline HTML) of ``title``, ``subtitle``, ``excerpt``
    #: and ``description``, for those that have styles; their fields hold plain text.
    markup: tuple[tuple[str, tuple[Span, ...]], ...] = ()
    #: The line of the body's excerpt separator (``<!--more-->``); 0 when it has none.
    excerpt_end: int = 0
    #: The excerpt found in the body (set after reading the doctree): the paragraphs
    #: before the separator, else the first paragraph, styled and shortened.
    body_excerpt: tuple[Span, ...] = ()
    #: The article's language (``lang:``), a BCP 47 tag, when it is not the site's
    #: (empty for the site's language: the site stage clears a ``lang:`` naming it).
    lang: str = ""
    #: What the article's translations share (``translation_key:``, Hugo's
    #: ``translationKey``): articles with the same key link to each other.
    translation_key: str = ""
    #: (key, line) for each front-matter key, to locate warnings found after reading.
    lines: tuple[tuple[str, int], ...] = ()

    def line(self, key: str) -> int:
        """The line of front-matter ``key`` in the source file (1 when absent)."""
        return dict(self.lines).get(key, 1)

    @property
    def is_draft(self) -> bool:
        """``draft: true`` or ``published: false``."""
        return self.draft or not self.published

    def is_listed(self, now: dt.datetime, *, show_drafts: bool) -> bool:
        """Jekyll semantics: drafts, ``published: false`` and future articles are left
        out of every listing, unless drafts are shown (live preview)."""
        return show_drafts or not self.unpublished(now)

    def unpublished(self, now: dt.datetime) -> str:
        """Why Jekyll would not publish the article (and outcrop builds no page for it):
        ``"draft: true"``, ``"published: false"``, ``"dated in the future"``; ``""``
        when it would."""
        if self.draft:
            return "draft: true"
        if not self.published:
            return "published: false"
        if self.date is not None and self.date > now:
            return "dated in the future"
        return ""

    @property
    def summary(self) -> str:
        """What listings, feeds and meta descriptions show under the title, as text: the
        subtitle, else the front matter's excerpt or description, else the body's excerpt."""
        return self.subtitle or self.excerpt or self.description or plain(self.body_excerpt)

    def spans(self, field: str) -> tuple[Span, ...]:
        """The styled runs of text ``field`` (``title``, ``subtitle``, ``excerpt``,
        ``description``, or ``summary``: :attr:`summary` with its styles and links)."""
        if field == "summary":
            named = next((f for f in ("subtitle", "excerpt", "description") if getattr(self, f)), None)
            if named is None:
                return self.body_excerpt
            field = named
        found = dict(self.markup).get(field)
        if found is not None:
            return found
        text = getattr(self, field)
        return ((text, PLAIN),) if text else ()

    def reading_minutes(self, words_per_minute: int) -> int:
        """Reading time in whole minutes, at least one."""
        return max(1, round(self.words / max(1, words_per_minute)))
