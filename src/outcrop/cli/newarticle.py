"""A new article: its file name and its front matter (``outcrop new``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from outcrop.article.frontmatter import dump_front_matter
from outcrop.article.slug import slugify


def article_name(title: str, day: dt.date) -> str:
    """``YYYY-MM-DD-slug.md``: the date and the title's slug, as Jekyll names posts."""
    return f"{day.isoformat()}-{slugify(title)}.md"


def article_text(
    title: str,
    day: dt.date,
    *,
    subtitle: str = "",
    categories: list[str] | tuple[str, ...] = (),
    tags: list[str] | tuple[str, ...] = (),
    draft: bool = False,
) -> str:
    """The new article's text: valid front matter (every value quoted as YAML needs)
    and an empty body."""
    data: dict[str, Any] = {"title": " ".join(title.split())}
    if subtitle:
        data["subtitle"] = " ".join(subtitle.split())
    data["date"] = day
    data["categories"] = _names(categories)
    data["tags"] = _names(tags)
    if draft:
        data["draft"] = True
    return dump_front_matter(data) + "\n"


def _names(names: list[str] | tuple[str, ...]) -> list[str]:
    unique: dict[str, None] = {}
    for name in names:
        name = " ".join(name.split())
        if name:
            unique.setdefault(name, None)
    return list(unique)


def create_article(directory: Path, name: str, text: str) -> Path:
    """Write the article; refuses (``FileExistsError``) to overwrite any file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path
