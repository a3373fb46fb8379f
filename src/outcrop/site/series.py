"""Series: the box at the top of each part, the series pages and their index.

An article joins a series with ``series: Name`` or ``series: {name: Name, part: 2}``;
:func:`outcrop.site.taxonomy.series_order` orders the parts. Pure functions: the page
specs, what each page shows (for the digests), its HTML; and the box, as HTML for web
pages and as docutils nodes for every other writer (the PDF and EPUB editions).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from docutils import nodes
from markupsafe import Markup, escape

from outcrop.article.model import Article
from outcrop.i18n import _, ngettext
from outcrop.site.listing import Entry, Linker, Paths, render
from outcrop.site.pages import PageOptions, PageSpec, article_count, term_index
from outcrop.site.taxonomy import SERIES, Taxonomy, Term

#: The page kinds of this module (``PageSpec.what``).
INDEX, PAGE = "series_index", "series"
WHAT = frozenset({INDEX, PAGE})


def labels() -> dict[str, str]:
    return {
        "series": _("Series: %s"),
        "series_index": _("Series"),
        "all_series": _("All series"),
    }


def heading(part: int, total: int) -> str:
    """ "Part 2 of 3 in the series %(name)s", its name left to fill (as HTML or nodes)."""
    text = ngettext(
        "Part %(part)d of %(total)d in the series %(name)s", "Part %(part)d of %(total)d in the series %(name)s", total
    )
    return text.replace("%(part)d", str(part)).replace("%(total)d", str(total))


def series_of(taxonomy: Taxonomy, article: Article) -> Term | None:
    """The series ``article`` is a listed part of (None for none)."""
    if not article.series:
        return None
    term = taxonomy.term_of(SERIES, article.series)
    return term if term is not None and article.docname in term.docnames else None


def specs(taxonomy: Taxonomy, paths: Paths) -> dict[str, PageSpec]:
    """The series index and one page per series (a series is short: one page); none
    on a site without series."""
    own = labels()
    if not taxonomy.terms[SERIES]:
        return {}
    index = paths.index(SERIES)
    found = {index: PageSpec(index, own["series_index"], INDEX, SERIES)}
    for term in taxonomy.terms[SERIES].values():
        name = paths.term(SERIES, term.slug)
        found[name] = PageSpec(name, own["series"] % term.name, PAGE, SERIES, term.slug, docnames=term.docnames)
    return found


def inputs(spec: PageSpec, taxonomy: Taxonomy, views: Mapping[str, object]) -> tuple[object, ...]:
    """Everything a series page shows: its parts' views in order; the index, every
    series' name, slug and size."""
    extra: object = ()
    if spec.what == INDEX:
        extra = tuple((t.slug, t.name, len(t.docnames)) for t in taxonomy.terms[SERIES].values())
    return (spec, tuple(views[d] for d in spec.docnames), extra)


def box_view(taxonomy: Taxonomy, article: Article, views: Mapping[str, object]) -> tuple[object, ...]:
    """What the series box of ``article`` shows of other articles (for its digest)."""
    term = series_of(taxonomy, article)
    if term is None:
        return ()
    return (term.slug, term.name, tuple((d, views[d]) for d in term.docnames))


def render_page(
    spec: PageSpec,
    taxonomy: Taxonomy,
    linker: Linker,
    options: PageOptions,
    entry_of: Callable[[Article], Entry],
) -> str:
    """The HTML body of a series page or of the series index."""
    paths, own = options.paths, labels()
    if spec.what == INDEX:
        items = term_index(taxonomy, SERIES, linker, paths)
        body = render("series-index.html", series=items)
        intro = ngettext("%d series", "%d series", len(items))
    else:
        entries = [entry_of(taxonomy.articles[d]) for d in spec.docnames]
        body = render(
            "series.html",
            entries=entries,
            labels={**options.labels, **own},
            index=linker.page(paths.index(SERIES)),
        )
        intro = article_count(len(spec.docnames))
    return render("page.html", title=spec.title, intro=intro, body=Markup(body), anchor="outcrop-page")


def box_html(taxonomy: Taxonomy, article: Article, linker: Linker, paths: Paths) -> str:
    """The series box of ``article`` for a web page ("" when it is in no listed series)."""
    term = series_of(taxonomy, article)
    if term is None:
        return ""
    position = term.docnames.index(article.docname) + 1
    name = Markup('<a class="reference internal" href="{}"><em>{}</em></a>').format(
        linker.page(paths.term(SERIES, term.slug)), term.name
    )
    before, _sep, after = heading(position, len(term.docnames)).partition("%(name)s")
    parts = [
        {"title": taxonomy.articles[d].title, "url": linker.page(d), "current": d == article.docname}
        for d in term.docnames
    ]
    return render(
        "series-box.html",
        heading=escape(before) + name + escape(after),
        label=labels()["series"] % term.name,
        parts=parts,
    )


def box_nodes(
    taxonomy: Taxonomy, article: Article, uri: Callable[[str], str | None], paths: Paths
) -> nodes.container | None:
    """The series box of ``article`` as docutils nodes, for every other writer: a
    container (``outcrop-series``) with the heading and the numbered parts, linked
    where ``uri`` gives a URI (None: the part is not in this output)."""
    term = series_of(taxonomy, article)
    if term is None:
        return None
    position = term.docnames.index(article.docname) + 1
    before, _sep, after = heading(position, len(term.docnames)).partition("%(name)s")
    box = nodes.container(classes=["outcrop-series"])
    heading_text = nodes.strong("", "", nodes.Text(before), nodes.emphasis("", term.name), nodes.Text(after))
    box += nodes.paragraph("", "", heading_text)
    parts = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for docname in term.docnames:
        title = taxonomy.articles[docname].title
        target = None if docname == article.docname else uri(docname)
        text: nodes.Node
        if docname == article.docname:
            text = nodes.strong("", title)
        elif target is None:
            text = nodes.Text(title)
        else:
            text = nodes.reference("", title, internal=True, refuri=target)
        parts += nodes.list_item("", nodes.paragraph("", "", text))
    box += parts
    return box
