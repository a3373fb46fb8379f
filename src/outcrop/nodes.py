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
    app.add_node(
        article_date,
        html=(visit_article_date_html, depart_article_date_html),
        latex=(_visit_inline, _depart_inline),
        text=(_visit_inline, _depart_inline),
        man=(_visit_inline, _depart_inline),
        texinfo=(_visit_inline, _depart_inline),
    )
