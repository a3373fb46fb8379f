"""Epigraphs: a blockquote whose last line is an attribution (``– Author``).

A quote whose last paragraph ends in an attribution (found by
:func:`outcrop.article.epigraph.split_attribution`) becomes a docutils block quote with
an ``attribution`` node and the ``epigraph`` class, which every writer renders (HTML: a
right-aligned "— Author"; LaTeX: ``\\sphinxattribution``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from outcrop.article.epigraph import split_attribution
from outcrop.site.domain import get_domain


def make_epigraph(quote: nodes.block_quote) -> bool:
    """Turn ``quote`` into an epigraph if its last line is an attribution."""
    if not quote.children or quote.next_node(nodes.attribution) is not None:
        return False
    last = quote.children[-1]
    if not isinstance(last, nodes.paragraph):
        return False
    # MyST gives one Text node per line (and per soft break): join the trailing ones.
    start = len(last.children)
    while start > 0 and isinstance(last[start - 1], nodes.Text):
        start -= 1
    if start == len(last.children):
        return False
    found = split_attribution("".join(str(t) for t in last.children[start:]))
    if found is None:
        return False
    text, who = found
    del last[start:]
    if text:
        last += nodes.Text(text)
    if not last.astext().strip():
        quote.remove(last)
    quote += nodes.attribution("", who)
    quote["classes"].append("epigraph")
    return True


class Epigraphs(SphinxTransform):
    """Attribute the quotes of articles (runs before smart quotes, at 750)."""

    default_priority = 420

    def apply(self, **kwargs: object) -> None:
        if self.env.docname not in get_domain(self.env).articles:
            return
        for quote in list(self.document.findall(nodes.block_quote)):
            make_epigraph(quote)


def setup_epigraphs(app: Sphinx) -> None:
    app.add_transform(Epigraphs)
