"""Epigraphs: a blockquote whose last line is an attribution (``– Author``).

A quote ending in ``–Author``, ``— Author`` or ``-- Author`` — on a line of its own,
or after the closing quotation mark on the same line, as in many blog posts — becomes
a docutils block quote with an ``attribution`` node and the ``epigraph`` class, which
every writer renders (HTML: a right-aligned "— Author"; LaTeX: ``\\sphinxattribution``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from outcrop.domain import get_domain

_DASH = r"(?:--|–|—|―)"
#: An attribution on the last line of its own.
_OWN_LINE = re.compile(rf"\n\s*{_DASH}\s*(?P<who>\S[^\n]*?)\s*$")
#: An attribution after the closing quotation mark: ``"..." –Author``.
_AFTER_QUOTE = re.compile(rf"(?<=[\"”»’'])\s*{_DASH}\s*(?P<who>[^\s\"”“][^\n\"”“]*?)\s*$")
_MAX_WHO = 120


def split_attribution(text: str) -> tuple[str, str] | None:
    """``(quote, author)`` when ``text`` (a paragraph's last text) ends in an attribution."""
    for pattern in (_OWN_LINE, _AFTER_QUOTE):
        match = pattern.search(text)
        if match and len(match["who"]) <= _MAX_WHO:
            return text[: match.start()].rstrip(), match["who"]
    return None


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
