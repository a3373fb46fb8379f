"""Tags, categories, archives, neighbours and related articles, computed from articles.

Pure functions over the article model, computed once per build (after reading) and
used by every page that lists articles. Ordering is deterministic: newest first by
date *and time*, then by document path; undated articles come last.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import heapq
import itertools
from collections.abc import Collection, Iterable, Mapping

from outcrop.article.model import Article
from outcrop.article.slug import _digest, slugify
from outcrop.problems import Problem, ProblemKind

TAG = "tag"
CATEGORY = "category"
AUTHOR = "author"
SERIES = "series"
#: Every kind of term; tags and categories are the articles' badges.
KINDS = (TAG, CATEGORY, AUTHOR, SERIES)
RELATED_SCAN = 200
_FRONT_KEYS = {
    TAG: ("tags", "tag"),
    CATEGORY: ("categories", "category"),
    AUTHOR: ("author", "authors"),
    SERIES: ("series",),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    """A tag, a category, an author or a series: its shown name, its slug and its
    articles, newest first (a series' in reading order: :func:`series_order`)."""

    kind: str
    name: str
    slug: str
    docnames: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Located:
    """A problem found across articles, located in one of them."""

    docname: str
    problem: Problem


@dataclasses.dataclass(frozen=True)
class Taxonomy:
    """Everything listing pages need, for the listed articles of one build."""

    articles: Mapping[str, Article]  # listed articles, newest first (dict order)
    terms: Mapping[str, Mapping[str, Term]]  # kind -> slug -> term (sorted by slug)
    slugs: Mapping[str, Mapping[str, str]]  # kind -> name as written -> slug
    problems: tuple[Located, ...] = ()

    @functools.cached_property
    def order(self) -> tuple[str, ...]:
        return tuple(self.articles)

    @functools.cached_property
    def position(self) -> dict[str, int]:
        """Each listed article's index in :attr:`order`."""
        return {docname: index for index, docname in enumerate(self.articles)}

    def slug(self, kind: str, name: str) -> str:
        return self.slugs[kind].get(name) or slugify(name)

    def term_of(self, kind: str, name: str) -> Term | None:
        return self.terms[kind].get(self.slug(kind, name))

    def name(self, kind: str, name: str) -> str:
        """``name`` as its page shows it (case variants merged), or as written."""
        term = self.term_of(kind, name)
        return term.name if term is not None else name


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Jekyll's ``site.posts``: the reverse of its post order (``Document#<=>``: by
    date, then by the file's path *with* its extension), so the posts of one instant
    come by path descending; undated articles last, by path."""
    articles = list(articles)
    dated = sorted((a for a in articles if a.date is not None), key=sort_key_oldest, reverse=True)
    undated = sorted((a for a in articles if a.date is None), key=lambda a: a.source or a.docname)
    return dated + undated


def build_taxonomy(
    articles: Iterable[Article],
    *,
    now: dt.datetime,
    show_drafts: bool = False,
    merge_case: bool = True,
) -> Taxonomy:
    listed = newest_first(a for a in articles if a.is_listed(now, show_drafts=show_drafts))
    problems: list[Located] = []
    terms: dict[str, dict[str, Term]] = {}
    slugs: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        members: dict[str, list[str]] = collections.defaultdict(list)  # name -> docnames
        for article in listed:
            for name in names_of(article, kind):
                members[name].append(article.docname)
        names_to_slug, found = _assign_slugs(kind, members, listed, merge_case)
        problems.extend(found)
        grouped: dict[str, list[str]] = collections.defaultdict(list)
        spellings: dict[str, list[str]] = collections.defaultdict(list)
        for name, docnames in members.items():
            grouped[names_to_slug[name]].extend(docnames)
            spellings[names_to_slug[name]].append(name)
        order = {a.docname: i for i, a in enumerate(listed)}
        if kind == SERIES:
            by_doc = {a.docname: a for a in listed}
            terms[kind] = {}
            for slug, docs in sorted(grouped.items()):
                parts, found = series_order([by_doc[d] for d in docs])
                problems.extend(found)
                name = _display_name(spellings[slug], members)
                terms[kind][slug] = Term(kind, name, slug, tuple(a.docname for a in parts))
            slugs[kind] = names_to_slug
            continue
        terms[kind] = {
            slug: Term(
                kind, _display_name(spellings[slug], members), slug, tuple(sorted(set(docs), key=order.__getitem__))
            )
            for slug, docs in sorted(grouped.items())
        }
        slugs[kind] = names_to_slug
    problems.extend(duplicate_titles(listed))
    return Taxonomy({a.docname: a for a in listed}, terms, slugs, tuple(problems))


def names_of(article: Article, kind: str) -> tuple[str, ...]:
    """The names of ``kind`` that ``article`` gives."""
    if kind == TAG:
        return article.tags
    if kind == CATEGORY:
        return article.categories
    if kind == AUTHOR:
        return article.authors
    return (article.series,) if article.series else ()


def series_order(articles: Iterable[Article]) -> tuple[list[Article], list[Located]]:
    """The parts of one series in reading order: by part number, then oldest first
    (articles without a number after the numbered ones); one problem in each article
    that claims a part number an older article of the series has."""
    parts = sorted(articles, key=lambda a: (a.series_part is None, a.series_part or 0, sort_key_oldest(a)))
    problems: list[Located] = []
    for previous, article in itertools.pairwise(parts):
        if article.series_part is not None and article.series_part == previous.series_part:
            message = (
                f"part {article.series_part} of the series {article.series!r} is also claimed by "
                f"{previous.docname!r}; both are kept, the older first"
            )
            problems.append(Located(article.docname, Problem(ProblemKind.SERIES, message, article.line("series"))))
    return parts, problems


def duplicate_titles(articles: Iterable[Article]) -> list[Located]:
    """One problem in each article whose title (ignoring case and spacing) an article
    with an earlier path already has."""
    first: dict[str, Article] = {}
    problems: list[Located] = []
    for article in sorted(articles, key=lambda a: a.docname):
        key = " ".join(article.title.casefold().split())
        if key in first:
            message = f"title {article.title!r} is also the title of {first[key].docname!r}"
            problems.append(Located(article.docname, Problem(ProblemKind.DUPLICATE, message, article.line("title"))))
        else:
            first[key] = article
    return problems


def _display_name(names: list[str], members: Mapping[str, list[str]]) -> str:
    """The most used spelling of a merged term; ties go to the first in sort order."""
    return min(names, key=lambda n: (-len(members[n]), n))


#: Slugs that name outcrop's own pages (``tags/index``), never a tag's.
RESERVED_SLUGS = frozenset({"index"})


def _assign_slugs(
    kind: str, members: Mapping[str, list[str]], listed: list[Article], merge_case: bool
) -> tuple[dict[str, str], list[Located]]:
    """Give every name a slug. Case variants share one (with a warning); other names that
    collide keep apart with a hashed suffix (with a warning), never overwriting.

    Which name keeps the plain slug is stable as a site grows: the one used first (by
    date, then path), not the most used one, so existing URLs do not move.
    """
    articles = {a.docname: a for a in listed}
    first_use = {name: min(sort_key_oldest(articles[d]) for d in docs) for name, docs in members.items()}
    by_slug: dict[str, list[str]] = collections.defaultdict(list)
    for name in sorted(members):
        by_slug[slugify(name)].append(name)
    result: dict[str, str] = {}
    problems: list[Located] = []
    label = kind
    for slug, names in by_slug.items():
        groups: dict[str, list[str]] = collections.defaultdict(list)
        for name in names:
            groups[name.casefold() if merge_case else name].append(name)
        ranked = sorted(groups.values(), key=lambda g: min((first_use[n], n) for n in g))
        for index, group in enumerate(ranked):
            keep = _display_name(group, members)
            reserved = slug in RESERVED_SLUGS
            target = slug if index == 0 and not reserved else f"{slug}-{_digest(keep)}"
            for name in group:
                result[name] = target
                if name != keep:
                    message = f"{label} {name!r} is merged with {keep!r} (same name, other case)"
                    problems.append(_locate(articles, members[name], kind, message))
            if index > 0 or reserved:
                clash = f"outcrop's own {slug!r} page" if reserved else repr(_display_name(ranked[0], members))
                message = f"{label} {keep!r} has the same URL slug as {clash} ({slug!r}); its page is {target!r}"
                problems.append(_locate(articles, members[keep], kind, message))
    return result, problems


def sort_key_oldest(article: Article) -> tuple[int, float, str]:
    """Oldest first (undated last), then by the file's path with its extension, as
    Jekyll orders posts."""
    path = article.source or article.docname
    if article.date is None:
        return (1, 0.0, path)
    return (0, article.date.timestamp(), path)


def _locate(articles: Mapping[str, Article], docnames: list[str], kind: str, message: str) -> Located:
    """One warning, in the first article (by path) that uses the name, at its key's line."""
    docname = min(docnames)
    article = articles[docname]
    line = next((article.line(k) for k in _FRONT_KEYS[kind] if k in dict(article.lines)), 1)
    return Located(docname, Problem(ProblemKind.TAXONOMY, message, line))


def neighbours(
    taxonomy: Taxonomy, docname: str, exclude: Collection[str] = ()
) -> tuple[Article | None, Article | None]:
    """(newer, older) article next to ``docname`` in date order, passing over those of
    ``exclude`` (its translations, often of the same date: the header links them)."""
    order = taxonomy.order
    index = taxonomy.position.get(docname)
    if index is None:
        return None, None
    newer, older = index - 1, index + 1
    while newer >= 0 and order[newer] in exclude:
        newer -= 1
    while older < len(order) and order[older] in exclude:
        older += 1
    return (
        taxonomy.articles[order[newer]] if newer >= 0 else None,
        taxonomy.articles[order[older]] if older < len(order) else None,
    )


def related(taxonomy: Taxonomy, docname: str, limit: int = 5, exclude: Collection[str] = ()) -> list[Article]:
    """The articles sharing most tags with ``docname`` (then newest first), none of
    ``exclude`` (its translations: the header links them already)."""
    article = taxonomy.articles.get(docname)
    if article is None or limit <= 0:
        return []
    terms = (taxonomy.term_of(TAG, name) for name in article.tags)
    # The newest RELATED_SCAN articles of a very common tag are enough: the cost per
    # article stays flat however large the site grows.
    shared = collections.Counter(itertools.chain.from_iterable(t.docnames[:RELATED_SCAN] for t in terms if t))
    shared.pop(docname, None)
    for other in exclude:
        shared.pop(other, None)
    position = taxonomy.position
    best = heapq.nsmallest(limit, shared, key=lambda d: (-shared[d], position[d]))
    return [taxonomy.articles[d] for d in best]


def archive(taxonomy: Taxonomy) -> dict[int, dict[int, list[Article]]]:
    """Dated articles by year, then month, newest first."""
    years: dict[int, dict[int, list[Article]]] = {}
    for article in taxonomy.articles.values():
        if article.date is not None:
            years.setdefault(article.date.year, {}).setdefault(article.date.month, []).append(article)
    return years
