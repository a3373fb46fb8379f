"""An article's excerpt from its doctree: the paragraphs before the separator, else
the first paragraph (Jekyll's rules; the separator's line is found by
:func:`outcrop.article.excerpt.separator_line`).

The excerpt keeps the paragraphs' styles and their links to other sites (listings
show them as HTML); links within the site, images, footnote marks and raw markup are
left out or kept as their text, as a listing on another page could not resolve them.
Only paragraphs of the running text count: not those in admonitions, quotations
(an epigraph), tables, figures or footnotes.
"""

from __future__ import annotations

import re

from docutils import nodes

from outcrop.article.excerpt import shorten
from outcrop.article.inline import Span

#: Elements whose paragraphs are not the article's running text.
_ASIDE = (
    nodes.Admonition,
    nodes.block_quote,
    nodes.table,
    nodes.figure,
    nodes.footnote,
    nodes.citation,
    nodes.sidebar,
    nodes.topic,
    nodes.line_block,
)
_STYLES: dict[type[nodes.Node], str] = {
    nodes.emphasis: "emphasis",
    nodes.strong: "strong",
    nodes.literal: "literal",
    nodes.subscript: "subscript",
    nodes.superscript: "superscript",
}
#: Nodes left out of an excerpt with their text.
_DROPPED = (nodes.image, nodes.footnote_reference, nodes.citation_reference, nodes.raw, nodes.target, nodes.comment)
_LINK_RE = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


def body_excerpt(section: nodes.Element, end_line: int) -> tuple[Span, ...]:
    """The excerpt of the article whose body is ``section`` (its title first): the
    running paragraphs before line ``end_line``, or the first one when it is 0."""
    paragraphs = []
    for paragraph in section.findall(nodes.paragraph):
        if _aside(paragraph, section) or not paragraph.astext().strip():
            continue
        if end_line:
            if paragraph.line is not None and paragraph.line >= end_line:
                break
            paragraphs.append(paragraph)
        else:
            paragraphs.append(paragraph)
            break
    spans: list[Span] = []
    for paragraph in paragraphs:
        if spans:
            spans.append((" ", frozenset()))
        spans += _spans(paragraph, frozenset())
    return shorten(_tidy(spans))


def _aside(node: nodes.Node, top: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None and parent is not top:
        if isinstance(parent, _ASIDE):
            return True
        parent = parent.parent
    return False


def _spans(node: nodes.Node, styles: frozenset[str]) -> list[Span]:
    if isinstance(node, nodes.Text):
        return [(str(node), styles)]
    if isinstance(node, _DROPPED):
        return []
    if isinstance(node, nodes.math):
        return [(node.astext(), styles | {"literal"})]
    assert isinstance(node, nodes.Element)
    style = next((name for kind, name in _STYLES.items() if isinstance(node, kind)), None)
    if style is not None:
        styles = styles | {style}
    if isinstance(node, nodes.reference) and _LINK_RE.match(node.get("refuri", "")):
        styles = styles | {"href:" + node["refuri"]}
    return [span for child in node.children for span in _spans(child, styles)]


def _tidy(spans: list[Span]) -> tuple[Span, ...]:
    """Runs with their white space made single spaces, empty runs dropped, the ends trimmed."""
    runs = [(_SPACE_RE.sub(" ", text), styles) for text, styles in spans]
    runs = [(text, styles) for text, styles in runs if text]
    if runs:
        runs[0] = (runs[0][0].lstrip(), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    return tuple((text, styles) for text, styles in runs if text)
