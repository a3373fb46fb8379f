"""The docutils nodes of front-matter and category admonitions ("notices").

:func:`make_admonition` builds the standard admonition node of a
:class:`~outcrop.article.model.Notice`, so HTML, LaTeX and every other writer render
it. Bodies are MyST, parsed by MyST-Parser with the article's own settings.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from outcrop.article.model import Notice

#: The admonition kinds and their docutils nodes (Sphinx renders each everywhere).
NODES: dict[str, type[nodes.Element]] = {
    "note": nodes.note,
    "tip": nodes.tip,
    "important": nodes.important,
    "warning": nodes.warning,
    "danger": nodes.danger,
    "caution": nodes.caution,
    "attention": nodes.attention,
    "hint": nodes.hint,
    "error": nodes.error,
    "seealso": addnodes.seealso,
}


def make_admonition(notice: Notice, parse: Callable[[str], list[nodes.Node]]) -> nodes.Element:
    """The admonition node for ``notice``; ``parse`` turns MyST text into body nodes.

    Without a title, the kind's own node (``nodes.warning``...) gives the localised
    standard title; with one, a generic admonition carries the kind as its class.
    """
    body = parse(notice.body)
    classes = ["outcrop-admonition"]
    if notice.title:
        node: nodes.Element = nodes.admonition(
            "", nodes.title("", notice.title), *body, classes=[notice.kind, *classes]
        )
    else:
        node = NODES[notice.kind]("", *body, classes=classes)
    return node


def myst_parser_for(document: nodes.document) -> Callable[[str], list[nodes.Node]]:
    """Parse MyST text with the settings of ``document`` (same extensions, same env)."""
    from myst_parser.parsers.sphinx_ import MystParser
    from sphinx.util.docutils import new_document

    def parse(text: str) -> list[nodes.Node]:
        sub = new_document(document["source"], document.settings)
        MystParser().parse(text, sub)
        return list(sub.children)

    return parse
