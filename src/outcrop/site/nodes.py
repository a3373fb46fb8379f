"""outcrop's docutils node: a date that HTML shows as ``<time datetime>``.

It subclasses ``nodes.inline``, so every other writer (LaTeX, text, ...) renders it as
the plain inline text it contains.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class article_date(nodes.inline):  # noqa: N801 - docutils node naming
    """A date; ``node["datetime"]`` holds the ISO 8601 instant."""


def visit_article_date_html(self: HTML5Translator, node: article_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"], CLASS="outcrop-date"))


def depart_article_date_html(self: HTML5Translator, node: article_date) -> None:
    self.body.append("</time>")


def _visit_inline(self: nodes.NodeVisitor, node: article_date) -> None:
    self.visit_inline(node)


def _depart_inline(self: nodes.NodeVisitor, node: article_date) -> None:
    self.depart_inline(node)


def setup_nodes(app: Sphinx) -> None:
    setup_placeholders(app)
    app.add_node(
        article_date,
        html=(visit_article_date_html, depart_article_date_html),
        latex=(_visit_inline, _depart_inline),
        text=(_visit_inline, _depart_inline),
        man=(_visit_inline, _depart_inline),
        texinfo=(_visit_inline, _depart_inline),
    )


class listing(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for a list of articles (``outcrop-latest``, ``outcrop-cloud``),
    replaced at write time from the environment, like ``sphinx.ext.todo``'s list."""


class article_footer(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder at the foot of an article: related articles, newer and older.
    For HTML, :mod:`outcrop.site.build` fills ``node["html"]`` with the rendered footer:
    an element without text children, so Sphinx's search index does not take the
    titles of *other* articles as words of this one (a ``raw`` node it would index)."""


class series_box(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder at the top of an article of a series (``node["docname"]``): the
    series' parts, filled at write time (:mod:`outcrop.site.series`), for HTML as
    ``node["html"]`` like the footer, for other writers as a container of nodes."""


def visit_article_footer_html(self: HTML5Translator, node: article_footer) -> None:
    self.body.append(node.get("html", ""))
    raise nodes.SkipNode


def skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """A visitor for nodes a writer prints nothing of."""
    raise nodes.SkipNode


def setup_placeholders(app: Sphinx) -> None:
    """Placeholders are replaced before writing; if one survives, it prints nothing (a
    filled footer prints the HTML outcrop rendered into it)."""
    for node, html in (
        (listing, skip),
        (article_footer, visit_article_footer_html),
        (series_box, visit_article_footer_html),
    ):
        app.add_node(
            node, html=(html, None), latex=(skip, None), text=(skip, None), man=(skip, None), texinfo=(skip, None)
        )
