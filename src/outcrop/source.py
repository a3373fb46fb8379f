"""Reading an article: repair the text, read the front matter, hand MyST the body.

``on_source_read`` is a thin adapter over pure functions. For each article it

1. repairs mojibake and malformed image lines (:mod:`outcrop.repair`);
2. reads the front matter into an :class:`~outcrop.model.Article`
   (:mod:`outcrop.frontmatter`) and stores it in the domain;
3. replaces the front-matter block by the keys Sphinx and MyST read themselves plus a
   placeholder H1 line, padded to the same number of lines, so that the article's own
   ``##`` headings nest under its title and every line number stays the file's.
   The placeholder title is replaced by the real one, as plain text, in
   :mod:`outcrop.header`: front-matter text is never parsed as markup.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.matching import Matcher

from outcrop.config import get_config
from outcrop.dates import get_zone
from outcrop.domain import get_domain
from outcrop.frontmatter import PASSTHROUGH_KEYS, FrontMatter, read_article, split_front_matter
from outcrop.model import Article
from outcrop.problems import Problem, ProblemKind, emit
from outcrop.repair import repair_images, repair_mojibake

#: The placeholder title; :mod:`outcrop.header` finds it and puts the real title in.
TITLE_PLACEHOLDER = "outcrop-article-title"
ARTICLE_LAYOUTS = frozenset({"post", "article"})
MARKDOWN_SUFFIXES = (".md", ".markdown")


def rewrite_source(text: str, front: FrontMatter, extra: dict[str, object] | None = None) -> str:
    """The text MyST should parse: passthrough front matter, title line, body.

    ``extra`` adds Sphinx metadata (``orphan``: articles are reached through listings,
    not the table of contents; ``nosearch``: drafts stay out of the search index).
    """
    lines = text.removeprefix("\ufeff").split("\n")
    passthrough = {key: front.data[key] for key in sorted(PASSTHROUGH_KEYS) if key in front.data}
    passthrough.update(extra or {})
    head = ["---", json.dumps(passthrough, default=str, ensure_ascii=False), "---"] if passthrough else []
    head.append(f"# {TITLE_PLACEHOLDER}")
    body = lines[front.length :]
    if front.length == 0 and body and not body[0].strip():
        body = body[1:]  # the title takes the blank first line
    head.extend([""] * (front.length - len(head)))
    return "\n".join(head + body)


BANNER_KEYS = ("excerpt_image", "image", "header-img", "header")


def check_local_banner(article: Article, srcdir: Path) -> Problem | None:
    """A local banner must be a file inside the source directory (symlinks included)."""
    banner = article.banner
    if banner is None or banner.is_remote:
        return None
    line = next((article.line(k) for k in BANNER_KEYS if k in dict(article.lines)), 1)
    root = srcdir.resolve()
    path = (root / banner.uri.lstrip("/")).resolve()
    if root not in path.parents:
        return Problem(ProblemKind.IMAGE, f"banner {banner.uri!r} resolves outside the source directory; ignored", line)
    if not path.is_file():
        return Problem(ProblemKind.IMAGE, f"banner {banner.uri!r} not found in the source directory; ignored", line)
    return None


def is_article(docname: str, front: FrontMatter, patterns: Matcher) -> bool:
    layout = front.data.get("layout")
    return patterns(docname) or (isinstance(layout, str) and layout.strip().lower() in ARTICLE_LAYOUTS)


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(MARKDOWN_SUFFIXES):
        return
    config = get_config(app.config)
    text = source[0]
    problems: list[Problem] = []
    if "\x00" in text:
        problems.append(
            Problem(ProblemKind.ENCODING, "file holds binary data (NUL bytes), not text; its content is skipped")
        )
        text = ""
    front, more = split_front_matter(text)
    problems += more
    if not is_article(docname, front, Matcher(config.article_patterns)):
        return
    text, mojibake = repair_mojibake(text, fix=config.fix_mojibake)
    if config.fix_mojibake and mojibake:
        front, problems = split_front_matter(text)
    text, images = repair_images(text, first_line=front.length)
    article, article_problems = read_article(
        front,
        docname=docname,
        zone=get_zone(config.timezone),
        extra_keys=frozenset(config.extra_keys),
    )
    missing = check_local_banner(article, Path(app.srcdir))
    if missing is not None:
        article_problems.append(missing)
        article = dataclasses.replace(article, banner=None)
    emit(sorted(problems + mojibake + images + article_problems, key=lambda p: p.line), docname)
    get_domain(app.env).add_article(article)
    extra: dict[str, object] = {"orphan": True}
    if (article.draft or not article.published) and not config.show_drafts:
        extra["nosearch"] = True
    source[0] = rewrite_source(text, front, extra)


def setup_source(app: Sphinx) -> None:
    app.connect("source-read", on_source_read)
