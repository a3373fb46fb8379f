"""The pages outcrop generates for HTML: tag, category and archive pages and indexes.

:func:`generated_pages` is pure: it takes the taxonomy and a factory of linkers (one
per page, for relative URLs) and returns every page's title and body. The Sphinx glue
in :mod:`outcrop.site` decides which of them must be written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from outcrop.listing import DateText, Linker, Paths, cloud_size, entry, paginate, render
from outcrop.taxonomy import CATEGORY, TAG, Taxonomy, archive


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    pagename: str
    title: str
    body: str


@dataclasses.dataclass(frozen=True)
class PageOptions:
    paths: Paths
    labels: Mapping[str, str]
    page_size: int
    date_text: DateText
    date_format: str


def cloud(taxonomy: Taxonomy, kind: str, linker: Linker, options: PageOptions) -> str:
    terms = sorted(taxonomy.terms[kind].values(), key=lambda t: (t.name.casefold(), t.slug))
    largest = max((len(t.docnames) for t in terms), default=1)
    items = [
        {
            "name": t.name,
            "url": linker.page(options.paths.term(kind, t.slug)),
            "count": len(t.docnames),
            "count_label": options.labels["count"] % len(t.docnames),
            "size": cloud_size(len(t.docnames), largest),
        }
        for t in terms
    ]
    return render("cloud.html", terms=items)


def generated_pages(taxonomy: Taxonomy, linker_for: Callable[[str], Linker], options: PageOptions) -> dict[str, Page]:
    paths, labels = options.paths, options.labels
    pages: dict[str, Page] = {}

    def add(pagename: str, title: str, body: str, intro: str = "") -> None:
        html = render("page.html", title=title, intro=intro, body=Markup(body), anchor="outcrop-page")
        pages[pagename] = Page(pagename, title, html)

    def entries(docnames: Sequence[str], linker: Linker) -> list[object]:
        return [
            entry(
                taxonomy.articles[d],
                taxonomy=taxonomy,
                linker=linker,
                paths=paths,
                date_text=options.date_text,
                date_format=options.date_format,
            )
            for d in docnames
        ]

    for kind in (TAG, CATEGORY):
        index = paths.index(kind)
        add(index, labels[f"{kind}_index"], cloud(taxonomy, kind, linker_for(index), options))
        for term in taxonomy.terms[kind].values():
            chunks = paginate(term.docnames, options.page_size)
            for number, chunk in enumerate(chunks, start=1):
                pagename = paths.term(kind, term.slug, number)
                linker = linker_for(pagename)
                navigation = [
                    {"number": n, "url": linker.page(paths.term(kind, term.slug, n)), "current": n == number}
                    for n in range(1, len(chunks) + 1)
                ]
                title = labels[kind] % term.name
                if number > 1:
                    title = labels["page"] % (title, number)
                body = render("list.html", entries=entries(chunk, linker), pages=navigation, labels=labels)
                add(pagename, title, body, labels["count"] % len(term.docnames))

    years = archive(taxonomy)
    index = paths.archive + "/index"
    linker = linker_for(index)
    summary = [
        {
            "number": year,
            "url": linker.page(paths.year(year)),
            "count": sum(len(m) for m in months.values()),
            "months": [],
        }
        for year, months in years.items()
    ]
    add(
        index,
        labels["archive"],
        render("archive.html", years=summary, labels=labels),
        labels["count"] % len(taxonomy.articles),
    )
    for year, months in years.items():
        pagename = paths.year(year)
        linker = linker_for(pagename)
        detail = [
            {
                "number": year,
                "url": "",
                "count": sum(len(m) for m in months.values()),
                "months": [
                    {
                        "number": month,
                        "name": options.date_text(articles[0], "%B"),
                        "entries": entries([a.docname for a in articles], linker),
                    }
                    for month, articles in months.items()
                ],
            }
        ]
        add(
            pagename,
            labels["year"] % year,
            render("archive.html", years=detail, labels=labels),
            labels["count"] % detail[0]["count"],
        )
    return pages
