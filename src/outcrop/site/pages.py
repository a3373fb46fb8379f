"""The pages outcrop generates for HTML: tag, category and archive pages and indexes.

Two pure steps, so that a build renders only what changed:

- :func:`page_specs` says which pages exist and what each lists (cheap: no HTML);
- :func:`render_page` renders one page's body, with a linker for its relative URLs.

:func:`spec_inputs` names everything a page shows, for the digests in :mod:`outcrop.site.build`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from outcrop.article.model import Article
from outcrop.i18n import ngettext
from outcrop.site.listing import MONTH, DateText, Entry, Linker, Paths, cloud_size, entry, page_window, paginate, render
from outcrop.site.taxonomy import CATEGORY, TAG, Taxonomy, archive


@dataclasses.dataclass(frozen=True, slots=True)
class PageSpec:
    """One generated page: what it is and which articles it lists."""

    pagename: str
    title: str
    what: str  # "cloud", "term", "archive" (a page of the archive index) or "year"
    kind: str = ""  # TAG or CATEGORY, for "cloud" and "term"
    slug: str = ""
    number: int = 1  # the page's number; a year page's year
    pages: int = 1
    total: int = 0
    docnames: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class PageOptions:
    paths: Paths
    labels: Mapping[str, str]
    page_size: int
    date_text: DateText
    date_format: str
    #: Articles per page of the archive index (one line each: more than a tag page's).
    archive_page_size: int = 100


def article_count(n: int) -> str:
    """``"1 article"``, ``"2 articles"``: in the site's language, in its plural form."""
    return ngettext("%d article", "%d articles", n)


def term_index(taxonomy: Taxonomy, kind: str, linker: Linker, paths: Paths) -> list[dict[str, str]]:
    """Every term of ``kind`` by name (an index of authors or series): its name, the URL
    of its page and its number of articles."""
    terms = sorted(taxonomy.terms[kind].values(), key=lambda t: (t.name.casefold(), t.slug))
    return [
        {"name": t.name, "url": linker.page(paths.term(kind, t.slug)), "count": article_count(len(t.docnames))}
        for t in terms
    ]


def more_link(url: str, label: str) -> str:
    """The link under a page to the index it belongs to ("All tags")."""
    if not label:
        return ""
    return str(
        Markup('\n<p class="outcrop-page-more"><a class="reference internal" href="{}">{}</a></p>').format(url, label)
    )


def page_links(spec: PageSpec, linker: Linker, page: Callable[[int], str]) -> list[dict[str, object]]:
    """The pagination of paginated page ``spec``: each page number near it with its URL
    (``page`` names the page of a number), ``None`` numbers for the gaps."""
    return [
        {"number": n, "url": linker.page(page(n)), "current": n == spec.number} if n is not None else {"number": None}
        for n in page_window(spec.number, spec.pages)
    ]


def page_specs(taxonomy: Taxonomy, options: PageOptions) -> dict[str, PageSpec]:
    paths, labels = options.paths, options.labels
    specs: dict[str, PageSpec] = {}
    for kind in (TAG, CATEGORY):
        index = paths.index(kind)
        specs[index] = PageSpec(index, labels[f"{kind}_index"], "cloud", kind)
        for term in taxonomy.terms[kind].values():
            chunks = paginate(term.docnames, options.page_size)
            for number, chunk in enumerate(chunks, start=1):
                title = labels[kind] % term.name
                if number > 1:
                    title = labels["page"] % (title, number)
                pagename = paths.term(kind, term.slug, number)
                total = len(term.docnames) if number == 1 else 0
                specs[pagename] = PageSpec(
                    pagename, title, "term", kind, term.slug, number, len(chunks), total, tuple(chunk)
                )
    years = archive(taxonomy)
    dated = tuple(a.docname for months in years.values() for articles in months.values() for a in articles)
    chunks = paginate(dated, options.archive_page_size)
    for number, chunk in enumerate(chunks, start=1):
        pagename = paths.archive_page(number)
        title = labels["archive"] if number == 1 else labels["page"] % (labels["archive"], number)
        total = len(dated) if number == 1 else 0
        specs[pagename] = PageSpec(
            pagename, title, "archive", number=number, pages=len(chunks), total=total, docnames=tuple(chunk)
        )
    for year, months in years.items():
        pagename = paths.year(year)
        docnames = tuple(a.docname for articles in months.values() for a in articles)
        specs[pagename] = PageSpec(pagename, labels["year"] % year, "year", number=year, docnames=docnames)
    return specs


def spec_inputs(spec: PageSpec, taxonomy: Taxonomy, views: Mapping[str, object]) -> tuple[object, ...]:
    """Everything the page shows: its spec, the listed articles' views, and for the
    indexes the terms with their counts."""
    extra: object = ()
    if spec.what == "cloud":
        extra = tuple((t.slug, t.name, len(t.docnames)) for t in taxonomy.terms[spec.kind].values())
    return (spec, tuple(views[d] for d in spec.docnames), extra)


def cloud(taxonomy: Taxonomy, kind: str, linker: Linker, options: PageOptions) -> str:
    terms = sorted(taxonomy.terms[kind].values(), key=lambda t: (t.name.casefold(), t.slug))
    largest = max((len(t.docnames) for t in terms), default=1)
    items = [
        {
            "name": t.name,
            "url": linker.page(options.paths.term(kind, t.slug)),
            "count": len(t.docnames),
            "count_label": article_count(len(t.docnames)),
            "size": cloud_size(len(t.docnames), largest),
        }
        for t in terms
    ]
    return render("cloud.html", terms=items)


def render_page(
    spec: PageSpec,
    taxonomy: Taxonomy,
    linker: Linker,
    options: PageOptions,
    entry_of: Callable[[Article], Entry] | None = None,
) -> str:
    """The HTML body of one generated page; ``entry_of`` makes the entry of an article
    for this page (by default :func:`~outcrop.site.listing.entry`; the build makes what
    each article shows once, as many pages list the same articles)."""
    paths, labels = options.paths, options.labels

    def make(article: Article) -> Entry:
        return entry(
            article,
            taxonomy=taxonomy,
            linker=linker,
            paths=paths,
            date_text=options.date_text,
            date_format=options.date_format,
        )

    def entries(docnames: Sequence[str]) -> list[Entry]:
        return [(entry_of or make)(taxonomy.articles[d]) for d in docnames]

    def navigation(page: Callable[[int], str]) -> list[dict[str, object]]:
        return page_links(spec, linker, page)

    def months(docnames: Sequence[str]) -> list[dict[str, object]]:
        """The listed articles by month, in their order (newest first)."""
        found: list[dict[str, object]] = []
        for docname in docnames:
            article = taxonomy.articles[docname]
            assert article.date is not None  # the archive lists dated articles only
            year, month = article.date.year, article.date.month
            if not found or (found[-1]["year"], found[-1]["number"]) != (year, month):
                name = options.date_text(article, MONTH)
                found.append({"year": year, "number": month, "name": name, "docnames": []})
            found[-1]["docnames"].append(docname)  # type: ignore[attr-defined]
        for group in found:
            group["entries"] = entries(group.pop("docnames"))  # type: ignore[arg-type]
        return found

    intro = ""
    if spec.what == "cloud":
        body = cloud(taxonomy, spec.kind, linker, options)
    elif spec.what == "term":
        pages = navigation(lambda n: paths.term(spec.kind, spec.slug, n))
        body = render("list.html", entries=entries(spec.docnames), pages=pages, labels=labels)
        # The total only on the first page: deleting an article must not re-write
        # every page of a large tag just for its count.
        intro = article_count(spec.total) if spec.number == 1 else ""
        every = labels.get("all_tags" if spec.kind == TAG else "all_categories", "")
        body += more_link(linker.page(paths.index(spec.kind)), every)
    elif spec.what == "archive":
        years: list[dict[str, object]] = []
        for group in months(spec.docnames):
            if not years or years[-1]["number"] != group["year"]:
                year = group["year"]
                assert isinstance(year, int)
                years.append({"number": year, "url": linker.page(paths.year(year)), "months": []})
            years[-1]["months"].append(group)  # type: ignore[attr-defined]
        pages = navigation(paths.archive_page)
        body = render("archive.html", years=years, pages=pages, labels=labels)
        intro = article_count(spec.total) if spec.number == 1 else ""
    else:
        body = render(
            "archive.html",
            years=[{"number": spec.number, "url": "", "months": months(spec.docnames)}],
            pages=[],
            labels=labels,
        )
        body += more_link(linker.page(paths.archive_page(1)), labels.get("archive", ""))
        intro = article_count(len(spec.docnames))
    return render("page.html", title=spec.title, intro=intro, body=Markup(body), anchor="outcrop-page")
