"""Admonitions driven by front matter and by categories and tags ("notices").

:func:`read_notices` is the pure reader of a list of admonitions (from an article's
``admonitions:`` key or from ``outcrop_category_admonitions``); :func:`notices_for`
gathers an article's. :mod:`outcrop.site.admonitions` turns them into docutils nodes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from outcrop.article.model import Article, Notice
from outcrop.article.slug import slugify
from outcrop.problems import Problem, ProblemKind

#: The admonition kinds (each has a docutils node, :data:`outcrop.site.admonitions.NODES`).
KINDS = ("note", "tip", "important", "warning", "danger", "caution", "attention", "hint", "error", "seealso")
POSITIONS = ("top", "bottom")


def read_notices(value: Any, *, key: str, line: int) -> tuple[tuple[Notice, ...], list[Problem]]:
    """Read a list of ``{kind, title, body, position}`` mappings; never raises.

    An unknown kind is reported and shown as a note; an item without a text body is
    reported and skipped.
    """
    if value is None:
        return (), []
    single = isinstance(value, dict)
    items = [value] if single else value
    if not isinstance(items, list):
        return (), [Problem(ProblemKind.ADMONITION, f"{key}: expected a list of admonitions; ignored", line)]
    notices: list[Notice] = []
    problems: list[Problem] = []
    for index, item in enumerate(items, start=1):
        where = key if single else f"{key}[{index}]"
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


def unknown_names(keys: Iterable[str], names: Iterable[str]) -> list[tuple[str, str | None]]:
    """The keys of an admonition table (``outcrop_category_admonitions``) that name no
    category or tag in ``names`` (compared by slug, as :func:`notices_for` does), each
    with the closest name, if any, for a did-you-mean."""
    by_slug = {slugify(name): name for name in names}
    missing: list[tuple[str, str | None]] = []
    for key in keys:
        if slugify(str(key)) in by_slug:
            continue
        close = difflib.get_close_matches(str(key), sorted(by_slug.values()), n=1, cutoff=0.6)
        missing.append((str(key), close[0] if close else None))
    return missing
