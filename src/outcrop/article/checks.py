"""Every check of one article, shared by the Sphinx build and ``outcrop check``.

:func:`check_article` is the one pipeline: the build's ``source-read`` handler and the
command line both call it, so both report the same problems at the same lines. It
repairs mojibake, converts kramdown and Liquid, repairs malformed image lines, checks
links, reads the front matter into an :class:`~outcrop.article.model.Article` and checks the banner.
Only missing body images are left to Sphinx in the build (it reports them itself as
``image.not_readable``); ``outcrop check`` looks for them with ``local_images=True``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import posixpath
import re
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from sphinx.util.matching import Matcher

from outcrop.article.dates import get_zone, parse_date, split_filename
from outcrop.article.excerpt import separator_line
from outcrop.article.frontmatter import BANNER_KEYS, FrontMatter, read_article, split_front_matter
from outcrop.article.kramdown import convert_attribute_lists
from outcrop.article.liquid import LiquidContext, convert_liquid, has_liquid
from outcrop.article.math import convert_math
from outcrop.article.model import Article
from outcrop.article.repair import (
    check_links,
    flatten_deep_lists,
    prose_lines,
    remove_control_characters,
    repair_images,
    repair_mojibake,
    scheme_relative_links,
)
from outcrop.problems import Problem, ProblemKind

ARTICLE_LAYOUTS = frozenset({"post", "article"})
#: Jekyll's ``markdown_ext`` (``markdown,mkdown,mkdn,mkd,md``): every one is Markdown
#: to outcrop too, so that posts copied from ``_posts`` are all read.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*(?:<(?P<angle>[^>]*)>|(?P<plain>[^\s)]+))")
_IMAGE_HTML_RE = re.compile(_IMAGE_RE.pattern + r"""|<img\b[^>]*?\bsrc=["'](?P<src>[^"']+)""")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_KEY_LINE_RE = re.compile(r"^(?P<key>published|draft|date|layout)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
#: How far :func:`unpublished` looks for the end of the front matter before it reads
#: the whole block.
_HEAD_LINES = 200


class Options(Protocol):
    """The options the checks read. :class:`outcrop.config.OutcropConfig` is one; the
    article stage names only what it reads, so it never imports the configuration
    (which sits above it, validating values with this stage's readers)."""

    @property
    def article_patterns(self) -> Sequence[str]: ...
    @property
    def fix_mojibake(self) -> bool: ...
    @property
    def timezone(self) -> str: ...
    @property
    def extra_keys(self) -> Sequence[str]: ...
    @property
    def jekyll_permalink(self) -> str: ...
    @property
    def excerpt_separator(self) -> str: ...
    @property
    def authors(self) -> Mapping[str, Mapping[str, Any]]: ...


@dataclasses.dataclass(frozen=True)
class Checked:
    """The outcome of checking one file.

    ``text`` is what MyST should read (repaired and converted; the front matter as
    written), ``article`` is None when the file is not an article, ``watch`` is a
    missing banner file whose later creation should re-read the article.
    """

    text: str
    front: FrontMatter
    article: Article | None
    problems: tuple[Problem, ...] = ()
    watch: Path | None = None


@dataclasses.dataclass(frozen=True)
class Site:
    """What the checks of one article may know of the rest of the site."""

    srcdir: Path | None = None
    #: post file stem (``2019-08-11-slug``) -> path relative to ``srcdir``
    posts: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: ``site.title``, ``site.description``... for Liquid variables
    variables: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: ``myst_substitutions`` names (MyST's ``{{ name }}``, not Liquid)
    substitutions: frozenset[str] = frozenset()


def post_paths(paths: list[str]) -> dict[str, str]:
    """``{stem: path}`` for the dated article files among ``paths`` (relative, POSIX)."""
    posts: dict[str, str] = {}
    for path in sorted(paths):
        stem = posixpath.splitext(posixpath.basename(path))[0]
        if split_filename(stem)[0] is not None:
            posts.setdefault(stem, path)
    return posts


@functools.lru_cache(maxsize=8)
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(list(patterns))


def is_article(docname: str, front: FrontMatter, config: Options) -> bool:
    """A document is an article when its name matches ``outcrop_article_patterns`` or its
    front matter says ``layout: post``."""
    layout = front.data.get("layout")
    if isinstance(layout, str) and layout.strip().lower() in ARTICLE_LAYOUTS:
        return True
    return _matcher(tuple(config.article_patterns))(docname)


def folder_categories(docname: str, patterns: Sequence[str]) -> tuple[str, ...]:
    """Jekyll's ``categories_from_path``: the folders above a ``_posts`` folder
    (``travel/asia/_posts/x`` → travel, asia), here below the fixed part of the
    article pattern the document matches (``articles/`` of ``articles/**``)."""
    parts = docname.split("/")
    if "_posts" not in parts[:-1]:
        return ()
    above = parts[: len(parts) - 1 - parts[:-1][::-1].index("_posts") - 1]
    for pattern in patterns:
        segments = pattern.split("/")
        fixed = segments[: next((i for i, p in enumerate(segments) if any(c in p for c in "*?[")), len(segments))]
        if fixed and above[: len(fixed)] == fixed and _matcher((pattern,))(docname):
            above = above[len(fixed) :]
            break
    return tuple(p for p in above if p and p != "_posts")


def unpublished(text: str, docname: str, config: Options, now: dt.datetime) -> str:
    """Why Jekyll would not publish this article — ``"draft: true"``, ``"published:
    false"``, ``"dated in the future"`` — or ``""`` when it would (and for a page that
    is not an article). Jekyll writes no file for such a post unless asked
    (``--drafts``, ``--unpublished``, ``--future``).

    Called for every file a build reads, so it is quick: the front matter's top-level
    ``date``/``draft``/``published``/``layout`` lines are read as text, and only a file
    with ``draft``, ``published`` or ``layout`` keys, or a date the quick reading cannot
    parse, has its front matter read as YAML (the reading the article gets anyway).
    """
    lines = text.removeprefix("\ufeff").split("\n", _HEAD_LINES)
    if not lines or lines[0].rstrip() != "---":
        head: list[str] = []
    else:
        end = next((i for i, line in enumerate(lines[1:_HEAD_LINES], 1) if line.rstrip() in {"---", "..."}), None)
        head = lines[1:end] if end is not None else []
        if end is None and len(lines) > _HEAD_LINES:
            head = ["layout: ?"]  # a very long block: read it properly
    keys = {m["key"]: m["value"] for line in head if (m := _KEY_LINE_RE.match(line.rstrip("\r")))}
    if "layout" not in keys and not _matcher(tuple(config.article_patterns))(docname):
        return ""
    zone = get_zone(config.timezone)
    if not {"published", "draft", "layout"} & set(keys):
        value = keys.get("date", "").strip("'\"")
        try:
            date = parse_date(value, zone) if value else None
        except (ValueError, OverflowError):
            pass
        else:
            if date is None:
                day = split_filename(posixpath.basename(docname))[0]
                date = dt.datetime(day.year, day.month, day.day, tzinfo=zone) if day else None
            return "dated in the future" if date is not None and date > now else ""
    front, problems = split_front_matter(text)
    if problems or not is_article(docname, front, config):
        return ""
    article, _ = read_article(front, docname=docname, zone=zone)
    return article.unpublished(now)


def check_article(
    text: str,
    docname: str,
    config: Options,
    site: Site = Site(),
    *,
    local_images: bool = False,
    source: str = "",
) -> Checked:
    """Run every check of one article on ``text`` (the file as written); ``source`` is
    its path with the extension (default ``docname.md``)."""
    problems: list[Problem] = []
    if "\x00" in text:
        message = "file holds binary data (NUL bytes), not text; its content is skipped"
        problems.append(Problem(ProblemKind.ENCODING, message))
        text = ""
    text, controls = remove_control_characters(text)
    problems += controls
    front, found = split_front_matter(text)
    text, nesting = flatten_deep_lists(text, first_line=front.length)
    problems += nesting
    if not is_article(docname, front, config):
        return Checked(text, front, None, tuple(problems))
    text, mojibake = repair_mojibake(text, fix=config.fix_mojibake)
    if config.fix_mojibake and mojibake:
        front, found = split_front_matter(text)
    problems += found + mojibake
    text, kramdown = convert_attribute_lists(text, first_line=front.length)
    problems += kramdown
    text = convert_math(text, first_line=front.length)
    article, article_problems = read_article(
        front,
        docname=docname,
        zone=get_zone(config.timezone),
        extra_keys=frozenset(config.extra_keys),
        source=source,
        folder_categories=folder_categories(docname, config.article_patterns),
        permalink=config.jekyll_permalink,
        author_names={key: str(record.get("name") or key) for key, record in config.authors.items()},
    )
    problems += article_problems
    if "myst" in front.data and not isinstance(front.data["myst"], dict):
        problems.append(Problem(ProblemKind.BAD_VALUE, "myst: expected a mapping; ignored", article.line("myst")))
    if has_liquid(text):
        variables = {**site.variables, "page.title": article.title}
        if article.subtitle:
            variables["page.subtitle"] = article.subtitle
        context = LiquidContext(docname, site.posts, variables, site.substitutions | _substitutions(front))
        text, liquid = convert_liquid(text, context, first_line=front.length)
        problems += liquid
    text = scheme_relative_links(text, first_line=front.length)
    text, images = repair_images(text, first_line=front.length)
    problems += images + check_links(text, first_line=front.length)
    own = front.data.get("excerpt_separator")
    separator = own if isinstance(own, str) and own.strip() else config.excerpt_separator
    ends = separator_line(text, separator.strip(), front.length)
    if ends:
        article = dataclasses.replace(article, excerpt_end=ends)
    watch = None
    if site.srcdir is not None:
        missing, watch = check_local_banner(article, site.srcdir)
        if missing is not None:
            problems.append(missing)
            article = dataclasses.replace(article, banner=None)
        if local_images:
            problems += missing_images(text, docname, site.srcdir, first_line=front.length)
    return Checked(text, front, article, tuple(sorted(problems, key=lambda p: p.line)), watch)


def _substitutions(front: FrontMatter) -> frozenset[str]:
    """The MyST substitution names an article defines in its front matter."""
    names: set[str] = set()
    myst = front.data.get("myst")
    for value in (front.data.get("substitutions"), myst.get("substitutions") if isinstance(myst, dict) else None):
        if isinstance(value, dict):
            names.update(str(k) for k in value)
    return frozenset(names)


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


def image_uris(text: str, *, first_line: int = 0, html: bool = False) -> Iterator[tuple[int, str]]:
    """(line index, path) of the images of the body outside code: Markdown images, and
    with ``html`` the ``src`` of ``<img>`` tags. Paths are percent-decoded (they name
    files), without query or fragment."""
    lines = text.split("\n")
    pattern = _IMAGE_HTML_RE if html else _IMAGE_RE
    for number in prose_lines(lines, first_line):
        if "![" not in lines[number] and not (html and "<img" in lines[number]):
            continue
        for match in pattern.finditer(lines[number]):
            uri = match["angle"] or match["plain"] or (match["src"] if html else "") or ""
            yield number, urllib.parse.unquote(uri.split("#")[0].split("?")[0])


def missing_images(text: str, docname: str, srcdir: Path, *, first_line: int = 0) -> list[Problem]:
    """Local Markdown images of the body that are not files in the source directory
    (what Sphinx reports as ``image.not_readable`` in a build)."""
    problems: list[Problem] = []
    root = srcdir.resolve()
    for number, uri in image_uris(text, first_line=first_line):
        if not uri or uri.startswith("//") or _SCHEME_RE.match(uri):
            continue
        base = "" if uri.startswith("/") else posixpath.dirname(docname)
        path = root / posixpath.normpath(posixpath.join(base, uri.lstrip("/")))
        if not path.is_file():
            problems.append(Problem(ProblemKind.IMAGE, f"image {uri!r} not found in the source directory", number + 1))
    return problems


def undecodable(data: bytes, encoding: str = "utf-8") -> Problem | None:
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
