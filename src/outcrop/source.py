"""Reading an article: repair the text, read the front matter, hand MyST the body.

``on_source_read`` is a thin adapter over pure functions. For each article it

1. repairs mojibake and malformed image lines (:mod:`outcrop.repair`);
2. reads the front matter into an :class:`~outcrop.model.Article`
   (:mod:`outcrop.frontmatter`) and stores it in the domain;
3. re-writes the front-matter block for MyST as one line of JSON (a YAML flow
   mapping), padded to the block's number of lines so that every line number stays
   the file's. It keeps every key (other extensions read them from Sphinx's metadata),
   marks the article ``orphan`` (articles are reached through listings, not the table
   of contents) and sets the title to a placeholder that MyST's ``title_to_header``
   turns into the H1, so the article's own ``##`` headings nest under it. The real
   title replaces the placeholder as plain text in :mod:`outcrop.header`: front-matter
   text is never parsed as markup.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.matching import Matcher

from outcrop.config import get_config
from outcrop.dates import get_zone
from outcrop.domain import get_domain
from outcrop.frontmatter import BANNER_KEYS, FrontMatter, read_article, split_front_matter
from outcrop.kramdown import convert_attribute_lists
from outcrop.model import Article
from outcrop.problems import Problem, ProblemKind, emit
from outcrop.repair import repair_images, repair_mojibake

#: The placeholder title; :mod:`outcrop.header` finds it and puts the real title in.
TITLE_PLACEHOLDER = "outcrop-article-title"
ARTICLE_LAYOUTS = frozenset({"post", "article"})
MARKDOWN_SUFFIXES = (".md", ".markdown")


def rewrite_source(text: str, front: FrontMatter) -> str:
    """The text MyST should parse: the front matter as padded JSON, then the body.

    A block of fewer than three lines (or none) cannot hold the JSON line: the text
    then grows by the difference, and MyST's own line numbers for that article shift.
    """
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    myst = front.data.get("myst")
    meta: dict[str, Any] = {
        **front.data,
        "title": TITLE_PLACEHOLDER,
        "orphan": True,
        "myst": {**(myst if isinstance(myst, dict) else {}), "title_to_header": True},
    }
    head = ["---", json.dumps(meta, default=str, ensure_ascii=False), "---"]
    head.extend([""] * (front.length - len(head)))
    return "\n".join(head + lines[front.length :])


def check_local_banner(article: Article, srcdir: Path) -> tuple[Problem | None, Path | None]:
    """A local banner must be a file inside the source directory (symlinks resolved).

    Returns the problem, if any, and the path to watch: a missing banner is a
    dependency of the article, so adding the file later re-reads it.
    """
    banner = article.banner
    if banner is None or banner.is_remote:
        return None, None
    line = next((article.line(k) for k in BANNER_KEYS if k in dict(article.lines)), 1)
    root = srcdir.resolve()
    try:
        path = (root / banner.uri.lstrip("/")).resolve()
        inside, exists = root in path.parents, path.is_file()
    except (OSError, ValueError) as exc:
        return Problem(ProblemKind.IMAGE, f"banner {banner.uri!r} cannot be used: {exc}; ignored", line), None
    if not inside:
        return Problem(
            ProblemKind.IMAGE, f"banner {banner.uri!r} resolves outside the source directory; ignored", line
        ), None
    if not exists:
        return Problem(
            ProblemKind.IMAGE, f"banner {banner.uri!r} not found in the source directory; ignored", line
        ), path
    return None, None


@functools.lru_cache(maxsize=8)
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(list(patterns))


def is_article(docname: str, front: FrontMatter, patterns: Matcher) -> bool:
    layout = front.data.get("layout")
    return patterns(docname) or (isinstance(layout, str) and layout.strip().lower() in ARTICLE_LAYOUTS)


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(MARKDOWN_SUFFIXES):
        return
    config = get_config(app.config)
    text = source[0]
    encoding: list[Problem] = []
    if "\x00" in text:
        encoding.append(
            Problem(ProblemKind.ENCODING, "file holds binary data (NUL bytes), not text; its content is skipped")
        )
        text = ""
    front, problems = split_front_matter(text)
    if not is_article(docname, front, _matcher(tuple(config.article_patterns))):
        return
    text, mojibake = repair_mojibake(text, fix=config.fix_mojibake)
    if config.fix_mojibake and mojibake:
        front, problems = split_front_matter(text)
    text, images = repair_images(text, first_line=front.length)
    text, kramdown = convert_attribute_lists(text, first_line=front.length)
    article, article_problems = read_article(
        front,
        docname=docname,
        zone=get_zone(config.timezone),
        extra_keys=frozenset(config.extra_keys),
    )
    if "myst" in front.data and not isinstance(front.data["myst"], dict):
        article_problems.append(
            Problem(ProblemKind.BAD_VALUE, "myst: expected a mapping; ignored", article.line("myst"))
        )
    missing, watch = check_local_banner(article, Path(app.srcdir))
    if missing is not None:
        article_problems.append(missing)
        article = dataclasses.replace(article, banner=None)
    if watch is not None:
        app.env.note_dependency(str(watch))
    emit(sorted(encoding + problems + mojibake + images + kramdown + article_problems, key=lambda p: p.line), docname)
    get_domain(app.env).add_article(article)
    source[0] = rewrite_source(text, front)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Sphinx's metadata holds the placeholder title MyST saw: put the real one back."""
    docname = app.env.current_document.docname
    article = get_domain(app.env).articles.get(docname)
    if article is not None and docname in app.env.metadata:
        app.env.metadata[docname]["title"] = article.title


def outside_sources(env: BuildEnvironment, docnames: list[str]) -> list[str]:
    """Documents whose file resolves outside the source directory (a symlink)."""
    source = Path(env.srcdir).resolve()
    return [d for d in docnames if not Path(env.doc2path(d)).resolve().is_relative_to(source)]


def undecodable(data: bytes, encoding: str) -> Problem | None:
    """A problem if ``data`` is not text in ``encoding``, at the line of the first bad byte."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"file is not {encoding} text (byte 0x{data[exc.start]:02x}); it is not read or published"
        return Problem(ProblemKind.ENCODING, message, line)
    except LookupError:
        return None
    return None


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Leave out, with a warning, documents Sphinx must not read: links to files outside
    the source directory (Sphinx would publish whatever they point to) and files that
    are not text in the source encoding (Sphinx would stop the whole build)."""
    refused: dict[str, Problem] = {}
    for docname in outside_sources(env, docnames):
        message = "this file is a link to a file outside the source directory; it is not read or published"
        refused[docname] = Problem(ProblemKind.OUTSIDE, message)
    encoding = app.config.source_encoding
    for docname in docnames:
        if docname in refused:
            continue
        try:
            problem = undecodable(Path(env.doc2path(docname)).read_bytes(), encoding)
        except OSError:
            continue  # Sphinx reports unreadable files itself
        if problem is not None:
            refused[docname] = problem
    for docname, problem in refused.items():
        emit([problem], docname)
        docnames.remove(docname)
        env.found_docs.discard(docname)
        if docname in env.all_docs:  # an earlier version was read: forget it, as Sphinx does a deleted file
            app.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)


def setup_source(app: Sphinx) -> None:
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", on_doctree_read, priority=900)
