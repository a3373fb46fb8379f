"""Reading an article: repair the text, read the front matter, hand MyST the body.

``on_source_read`` is a thin adapter over pure functions. For each article it

1. runs :func:`outcrop.article.checks.check_article`: repairs mojibake and malformed image
   lines, converts kramdown and Liquid, reads the front matter into an
   :class:`~outcrop.article.model.Article` (stored in the domain), reports every problem;
2. re-writes the front-matter block for MyST as one line of JSON (a YAML flow
   mapping), padded to the block's number of lines so that every line number stays
   the file's. It keeps the keys outcrop does not read itself (Sphinx's, MyST's, and
   those other extensions and themes read from Sphinx's metadata) and leaves out
   outcrop's own (:data:`~outcrop.article.frontmatter.MODEL_KEYS`): they are in the
   article model, and a Jekyll key reaching a theme is misread (``layout: post`` makes
   shibuya look for a ``layout/post.html`` template and stop the build). It marks the
   article ``orphan`` (articles are reached through listings, not the table
   of contents) and sets the title to a placeholder that MyST's ``title_to_header``
   turns into the H1, so the article's own ``##`` headings nest under it. The real
   title replaces the placeholder as plain text in :mod:`outcrop.site.header`: front-matter
   text is never parsed as markup.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from outcrop.article.checks import MARKDOWN_SUFFIXES, Site, check_article, post_paths, undecodable, unpublished
from outcrop.article.frontmatter import MODEL_KEYS, FrontMatter
from outcrop.article.language import same_language
from outcrop.config import get_config
from outcrop.problems import Problem, ProblemKind, emit
from outcrop.site.build import build_now
from outcrop.site.domain import get_domain
from outcrop.site.translations import site_language

logger = logging.getLogger(__name__)

#: The placeholder title; :mod:`outcrop.site.header` finds it and puts the real title in.
TITLE_PLACEHOLDER = "outcrop-article-title"


def rewrite_source(text: str, front: FrontMatter) -> str:
    """The text MyST should parse: the front matter as padded JSON, then the body.

    A block of fewer than three lines (or none) cannot hold the JSON line: the text
    then grows by the difference, and MyST's own line numbers for that article shift.
    The title's placeholder heading takes the block's fourth line when it has one.
    """
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    myst = front.data.get("myst")
    # The title heading goes on the first line the block leaves free, parsed with the
    # body; a block of three lines or fewer has none, and MyST's title_to_header adds
    # the heading instead (the same section, at the cost of a parse of its own).
    room = front.length > 3
    meta: dict[str, Any] = {
        **{key: value for key, value in front.data.items() if key not in MODEL_KEYS},
        "title": TITLE_PLACEHOLDER,
        "orphan": True,
        "myst": {**(myst if isinstance(myst, dict) else {}), "title_to_header": not room},
    }
    head = ["---", json.dumps(meta, default=str, ensure_ascii=False), "---"]
    if room:
        head.append(f"# {TITLE_PLACEHOLDER}")
    head.extend([""] * (front.length - len(head)))
    return "\n".join(head + lines[front.length :])


def site_of(app: Sphinx) -> Site:
    """What an article's checks know of the site: the dated posts (for Liquid's
    ``post_url`` and permalinks) and the site's variables. Computed once per build,
    before reading (so parallel readers inherit it)."""
    site = _SITES.get(id(app.env))
    if site is None:
        env = app.env
        paths = [str(env.doc2path(d, False)).replace("\\", "/") for d in sorted(env.found_docs)]
        variables = {"site.title": app.config.project, "site.author": app.config.author}
        variables["site.description"] = get_config(app.config).site_description
        substitutions = frozenset(str(k) for k in getattr(app.config, "myst_substitutions", {}) or {})
        site = Site(Path(app.srcdir), post_paths(paths), variables, substitutions)
        _SITES.clear()
        _SITES[id(app.env)] = site
    return site


#: The site of the build in progress (one per process: each build starts afresh).
_SITES: dict[int, Site] = {}


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(MARKDOWN_SUFFIXES):
        return
    path = str(app.env.doc2path(docname, False)).replace("\\", "/")
    checked = check_article(source[0], docname, get_config(app.config), site_of(app), source=path)
    if checked.article is None:
        if checked.problems:  # a page that is not an article: control characters, deep lists
            emit(checked.problems, docname)
            source[0] = checked.text
        return
    if checked.watch is not None:
        app.env.note_dependency(str(checked.watch))
    emit(checked.problems, docname)
    article = checked.article
    if article.lang and same_language(article.lang, site_language(app.config.language)):
        article = dataclasses.replace(article, lang="")  # the site's language: nothing to mark
    get_domain(app.env).add_article(article)
    source[0] = rewrite_source(checked.text, checked.front)


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


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Leave out documents Sphinx must not read or publish:

    - with a warning, links to files outside the source directory (Sphinx would publish
      whatever they point to) and files that are not text in the source encoding
      (Sphinx would stop the whole build);
    - quietly (one line of the build's output names how many), articles Jekyll would not
      publish — drafts, ``published: false``, dated in the future — unless
      ``outcrop_show_drafts`` asks for them: no page, no search entry, no listing. They
      are looked at again in every build (a future article appears once its date has
      come), and a published article that becomes a draft loses its page.
    """
    _SITES.clear()
    refused: dict[str, Problem] = {}
    for docname in outside_sources(env, docnames):
        message = "this file is a link to a file outside the source directory; it is not read or published"
        refused[docname] = Problem(ProblemKind.OUTSIDE, message)
    encoding = app.config.source_encoding
    config = get_config(app.config)
    now = build_now(config)
    held: dict[str, str] = {}
    for docname in docnames:
        if docname in refused:
            continue
        try:
            data = Path(env.doc2path(docname)).read_bytes()
        except OSError:
            continue  # Sphinx reports unreadable files itself
        problem = undecodable(data, encoding)
        if problem is not None:
            refused[docname] = problem
        elif not config.show_drafts and str(env.doc2path(docname)).endswith(MARKDOWN_SUFFIXES):
            reason = unpublished(data.decode(encoding, errors="replace"), docname, config, now)
            if reason:
                held[docname] = reason
    for docname, problem in refused.items():
        emit([problem], docname)
    forgotten = False
    for docname in [*refused, *held]:
        docnames.remove(docname)
        env.found_docs.discard(docname)
        if docname in env.all_docs:  # an earlier version was read: forget it, as Sphinx does a deleted file
            app.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
            forgotten = True
    if forgotten:
        # As for a deleted file, documents with a glob toctree are read again: their
        # toctree (and so every page's previous/next links) listed the document.
        docnames.extend(sorted((env.glob_toctrees & env.found_docs) - set(docnames)))
    if held:
        names = ", ".join(sorted(held)[:5]) + (", ..." if len(held) > 5 else "")
        logger.info(
            "outcrop: %d unpublished articles not built (%s); outcrop_show_drafts builds them", len(held), names
        )
        for docname, reason in sorted(held.items()):
            logger.verbose("outcrop: %s not built: %s", docname, reason)
    site_of(app)  # computed here, before any (parallel) reader needs it


def setup_source(app: Sphinx) -> None:
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", on_doctree_read, priority=900)
