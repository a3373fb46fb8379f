"""Articles in several languages: each article's language, and its translations.

Articles that share a ``translation_key`` (Hugo's convention) are translations of each
other, one per language: :func:`find_translations` groups them, pure, from the articles
and the site's language. The web stage writes what the groups give: ``hreflang`` links
in each page's head and the language switcher in its header
(:mod:`outcrop.web.languages`). A group's view (:meth:`Translations.view`) is in the
digest of each of its pages, so adding, removing or re-languaging a translation
re-writes the others.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable

from outcrop.article.language import language_tag
from outcrop.article.model import Article
from outcrop.problems import Problem, ProblemKind


def site_language(language: str | None) -> str:
    """Sphinx's ``language`` as a BCP 47 tag (``pt_BR`` → ``pt-BR``; none is English)."""
    return language_tag(language or "en") or "en"


def article_language(article: Article, site: str) -> str:
    """The language an article is written in: its ``lang:``, else the site's."""
    return article.lang or site


@functools.cache
def language_name(tag: str) -> str:
    """The language's name in the language itself (``Español``, ``Deutsch``, ``日本語``),
    as a switcher shows it; the tag when Babel does not know the language."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag, sep="-").get_display_name()
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    return name[:1].upper() + name[1:] if name else tag


@functools.cache
def og_locale(tag: str) -> str:
    """OpenGraph's ``language_TERRITORY`` form of a language tag, the territory guessed
    by CLDR's likely subtags when the tag has none (``es`` → ``es_ES``, ``pt-BR`` →
    ``pt_BR``, ``zh-Hans`` → ``zh_CN``); "" for a language Babel does not know."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(tag, sep="-")
        if locale.territory is None:
            subtags = get_global("likely_subtags")
            likely = subtags.get(str(locale)) or subtags.get(locale.language)
            if likely:
                locale = Locale.parse(likely)
    except (UnknownLocaleError, ValueError, TypeError):
        return ""
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


@dataclasses.dataclass(frozen=True, slots=True)
class Version:
    """One language version of an article."""

    lang: str
    docname: str


@dataclasses.dataclass(frozen=True)
class Translations:
    """Each translated article's versions (itself included), by language tag."""

    site: str = "en"
    groups: dict[str, tuple[Version, ...]] = dataclasses.field(default_factory=dict)
    #: (docname, problem) for each article left out of its group.
    problems: tuple[tuple[str, Problem], ...] = ()

    def versions(self, docname: str) -> tuple[Version, ...]:
        """Every version of ``docname``'s article (none when it has no translation)."""
        return self.groups.get(docname, ())

    def others(self, docname: str) -> tuple[Version, ...]:
        """The versions the switcher of ``docname``'s page links to."""
        return tuple(v for v in self.versions(docname) if v.docname != docname)

    def default(self, docname: str) -> Version | None:
        """The version in the site's language (``hreflang="x-default"``), if there is one."""
        return next((v for v in self.versions(docname) if v.lang.lower() == self.site.lower()), None)

    def view(self, docname: str) -> tuple[tuple[str, str], ...]:
        """What ``docname``'s page shows of its translations (for the digests)."""
        return tuple((v.lang, v.docname) for v in self.versions(docname))


def find_translations(articles: Iterable[Article], site: str) -> Translations:
    """Group the articles by ``translation_key``: one version per language, the first
    by docname when two share one (the other is reported and left out). An article
    alone with its key has no translations."""
    by_key: dict[str, dict[str, Version]] = {}
    problems: list[tuple[str, Problem]] = []
    for article in sorted(articles, key=lambda a: a.docname):
        if not article.translation_key:
            continue
        lang = article_language(article, site)
        versions = by_key.setdefault(article.translation_key, {})
        first = versions.get(lang.lower())
        if first is not None:
            message = (
                f"translation_key {article.translation_key!r}: {first.docname} is already its {lang} version; "
                "this article is left out of its translations' links"
            )
            line = dict(article.lines).get("translation_key") or article.line("translationKey")
            problems.append((article.docname, Problem(ProblemKind.LANGUAGE, message, line)))
            continue
        versions[lang.lower()] = Version(lang, article.docname)
    groups: dict[str, tuple[Version, ...]] = {}
    for versions in by_key.values():
        if len(versions) < 2:
            continue
        ordered = tuple(sorted(versions.values(), key=lambda v: v.lang.lower()))
        for version in ordered:
            groups[version.docname] = ordered
    return Translations(site, groups, tuple(problems))
