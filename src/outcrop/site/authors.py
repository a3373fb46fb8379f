"""Author pages: one per author (paginated, with a feed), and the authors index.

An author is a term of the taxonomy (:data:`~outcrop.site.taxonomy.AUTHOR`), named as
the articles name them; ``outcrop_authors`` describes some of them (name, bio, avatar,
links), and an article may name a described author by key (the article stage puts the
name in its place). Pure functions, as :mod:`outcrop.site.pages`: the page specs, what
each page shows (for the digests) and its HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from outcrop.article.inline import inline_spans
from outcrop.article.model import Article
from outcrop.i18n import _, ngettext
from outcrop.site.listing import Entry, Linker, paginate, render, spans_html
from outcrop.site.pages import PageOptions, PageSpec, article_count, page_links, term_index
from outcrop.site.taxonomy import AUTHOR, Taxonomy

#: The page kinds of this module (``PageSpec.what``).
INDEX, PAGE = "authors", "author"
WHAT = frozenset({INDEX, PAGE})


@dataclasses.dataclass(frozen=True, slots=True)
class Author:
    """What the site says of one author (``outcrop_authors``)."""

    name: str
    bio: str = ""
    #: An ``http(s)`` URL, or a path in the HTML output.
    avatar: str = ""
    links: tuple[tuple[str, str], ...] = ()


def described(records: Mapping[str, Mapping[str, Any]]) -> dict[str, Author]:
    """The described authors by name (``outcrop_authors``, validated by the configuration)."""
    found: dict[str, Author] = {}
    for key, record in records.items():
        name = str(record.get("name") or key)
        links = tuple((str(label), str(url)) for label, url in dict(record.get("links") or {}).items())
        found.setdefault(name, Author(name, str(record.get("bio", "")), str(record.get("avatar", "")), links))
    return found


def labels() -> dict[str, str]:
    return {
        "authors": _("Authors"),
        "all_authors": _("All authors"),
        "links": _("Links"),
    }


def specs(taxonomy: Taxonomy, options: PageOptions) -> dict[str, PageSpec]:
    """The authors index and each author's pages (``options.page_size`` articles each);
    none on a site whose articles name no author."""
    paths = options.paths
    if not taxonomy.terms[AUTHOR]:
        return {}
    index = paths.index(AUTHOR)
    found = {index: PageSpec(index, labels()["authors"], INDEX, AUTHOR)}
    for term in taxonomy.terms[AUTHOR].values():
        chunks = paginate(term.docnames, options.page_size)
        for number, chunk in enumerate(chunks, start=1):
            title = term.name if number == 1 else options.labels["page"] % (term.name, number)
            name = paths.term(AUTHOR, term.slug, number)
            total = len(term.docnames) if number == 1 else 0
            found[name] = PageSpec(name, title, PAGE, AUTHOR, term.slug, number, len(chunks), total, tuple(chunk))
    return found


def inputs(
    spec: PageSpec, taxonomy: Taxonomy, views: Mapping[str, object], people: Mapping[str, Author]
) -> tuple[object, ...]:
    """Everything an author page shows: its articles' views and the author's
    description; the index, every author's name, slug, count and description."""
    terms = taxonomy.terms[AUTHOR]
    if spec.what == INDEX:
        extra: object = tuple((t.slug, t.name, len(t.docnames), people.get(t.name)) for t in terms.values())
    else:
        term = terms.get(spec.slug)
        extra = people.get(term.name) if term is not None else None
    return (spec, tuple(views[d] for d in spec.docnames), extra)


def _bio(author: Author | None) -> Markup:
    """The bio as HTML: Markdown emphasis and code kept, everything else escaped."""
    return spans_html(inline_spans(author.bio)) if author is not None and author.bio else Markup("")


def render_page(
    spec: PageSpec,
    taxonomy: Taxonomy,
    linker: Linker,
    options: PageOptions,
    entry_of: Callable[[Article], Entry],
    *,
    people: Mapping[str, Author],
    asset: Callable[[str], str],
) -> str:
    """The HTML of an author page or of the authors index; ``asset`` makes an avatar (a
    path in the output or a remote URL) the URL the page shows, "" for none."""
    paths, own = options.paths, labels()

    def avatar(author: Author | None) -> str:
        return asset(author.avatar) if author is not None and author.avatar else ""

    if spec.what == INDEX:
        items = [
            {
                **item,
                "avatar": avatar(people.get(item["name"])),
                "initial": next((c.upper() for c in item["name"] if c.isalnum()), ""),
                "bio": _bio(people.get(item["name"])),
            }
            for item in term_index(taxonomy, AUTHOR, linker, paths)
        ]
        # Authors without an avatar get their initial in its place when others have one.
        body = render("authors.html", authors=items, initials=any(item["avatar"] for item in items))
        intro = ngettext("%d author", "%d authors", len(items))
        return render("page.html", title=spec.title, intro=intro, body=Markup(body), anchor="outcrop-page")
    term = taxonomy.terms[AUTHOR][spec.slug]
    author = people.get(term.name)
    navigation = page_links(spec, linker, lambda n: paths.term(AUTHOR, spec.slug, n))
    entries = [entry_of(taxonomy.articles[d]) for d in spec.docnames]
    body = render("list.html", entries=entries, pages=navigation, labels=options.labels)
    return render(
        "author.html",
        title=spec.title,
        intro=article_count(spec.total) if spec.number == 1 else "",
        avatar=avatar(author),
        bio=_bio(author) if spec.number == 1 else "",
        links=[{"label": label, "url": url} for label, url in (author.links if author else ())],
        body=Markup(body),
        index=linker.page(paths.index(AUTHOR)),
        labels=own,
    )
