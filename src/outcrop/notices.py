"""Admonitions driven by front matter and by categories and tags ("notices").

:func:`read_notices` is the pure reader of a list of admonitions (from an article's
``admonitions:`` key or from ``outcrop_category_admonitions``); :func:`make_admonition`
builds the standard docutils admonition node, so HTML, LaTeX and every other writer
render it. Bodies are MyST, parsed by MyST-Parser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docutils import nodes
from sphinx import addnodes

from outcrop.model import Article, Notice
from outcrop.problems import Problem, ProblemKind
from outcrop.slug import slugify

#: The admonition kinds and their docutils nodes (Sphinx renders each everywhere).
KINDS: dict[str, type[nodes.Element]] = {
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
POSITIONS = ("top", "bottom")


def read_notices(value: Any, *, key: str, line: int) -> tuple[tuple[Notice, ...], list[Problem]]:
    """Read a list of ``{kind, title, body, position}`` mappings; never raises.

    An unknown kind is reported and shown as a note; an item without a text body is
    reported and skipped.
    """
    if value is None:
        return (), []
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list):
        return (), [Problem(ProblemKind.ADMONITION, f"{key}: expected a list of admonitions; ignored", line)]
    notices: list[Notice] = []
    problems: list[Problem] = []
    for index, item in enumerate(items, start=1):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.append(
                Problem(ProblemKind.ADMONITION, f"{where}: expected a mapping with kind and body; ignored", line)
            )
            continue
        body = item.get("body")
        if not isinstance(body, str) or not body.strip():
            problems.append(
                Problem(ProblemKind.ADMONITION, f"{where}: body must be text (MyST); admonition ignored", line)
            )
            continue
        kind = str(item.get("kind", "note")).strip().lower()
        if kind not in KINDS:
            known = ", ".join(KINDS)
            problems.append(
                Problem(
                    ProblemKind.ADMONITION, f"{where}: unknown kind {kind!r} (known: {known}); shown as a note", line
                )
            )
            kind = "note"
        title = item.get("title", "")
        if not isinstance(title, str | int | float):
            problems.append(Problem(ProblemKind.ADMONITION, f"{where}: title must be text; ignored", line))
            title = ""
        position = str(item.get("position", "top")).strip().lower()
        if position not in POSITIONS:
            problems.append(
                Problem(ProblemKind.ADMONITION, f"{where}: position must be top or bottom; using top", line)
            )
            position = "top"
        notices.append(Notice(kind, body, " ".join(str(title).split()), position))
    return tuple(notices), problems


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
        node = KINDS[notice.kind]("", *body, classes=classes)
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


def notices_for(
    article: Article, *, categories: Mapping[str, Any], tags: Mapping[str, Any]
) -> tuple[list[Notice], list[Problem]]:
    """The configured admonitions of the article's categories and tags, then its own."""
    found: list[Notice] = []
    problems: list[Problem] = []
    if article.category_notices:
        for names, table in ((article.categories, categories), (article.tags, tags)):
            by_slug = {slugify(str(k)): v for k, v in table.items()}
            for name in names:
                notices, more = read_notices(by_slug.get(slugify(name)), key=name, line=1)
                found.extend(notices)
                problems.extend(more)
    found.extend(article.notices)
    return found, problems
