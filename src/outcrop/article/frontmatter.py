"""The front-matter adapter: YAML text in, a frozen :class:`Article` plus problems out.

Pure functions, no Sphinx: the same code serves the Sphinx build and the tests. It never
raises on bad input; every problem is returned as a :class:`Problem` with a line number
in the source file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import yaml

from outcrop.article.dates import parse_date, split_filename
from outcrop.article.inline import Span, inline_spans, plain, styled
from outcrop.article.language import language_tag
from outcrop.article.model import Article, Banner
from outcrop.article.notices import KINDS as NOTICE_KINDS
from outcrop.article.notices import POSITIONS as NOTICE_POSITIONS
from outcrop.article.notices import read_notices
from outcrop.article.permalink import alias_path, jekyll_url, post_of, uses_date
from outcrop.article.slug import titleize
from outcrop.problems import Problem, ProblemKind

_TEXT: dict[str, Any] = {"type": "string"}
_NAMES: dict[str, Any] = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
_DATE: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$",
}
_FLAG: dict[str, Any] = {"type": "boolean"}
_IMAGE: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"path": _TEXT, "url": _TEXT, "alt": _TEXT},
        },
    ]
}
_NOTICE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "kind": {"enum": list(NOTICE_KINDS)},
        "title": _TEXT,
        "body": _TEXT,
        "position": {"enum": list(NOTICE_POSITIONS)},
    },
    "required": ["body"],
}


@dataclasses.dataclass(frozen=True, slots=True)
class Key:
    """One front-matter key outcrop reads: its JSON Schema and its help text."""

    schema: Mapping[str, Any]
    help: str


#: The front matter outcrop reads, key by key (Jekyll spellings included). It is the
#: model ``outcrop schema`` publishes as JSON Schema and the docs show.
KEYS: dict[str, Key] = {
    "title": Key(
        _TEXT,
        "The article's title: its heading, browser tab and listings. Markdown and inline HTML styles "
        "(``*emphasis*``, `` `code` ``, ``<sub>``) show in the heading; the browser tab, feeds and "
        "listings get its plain text. "
        "Default: the file name without its date, titleized (``my-first-post`` → My First Post), as in Jekyll.",
    ),
    "subtitle": Key(_TEXT, "A line under the title; listings and feeds show it as the summary."),
    "tagline": Key(_TEXT, "Jekyll themes' name for ``subtitle`` (used when there is no ``subtitle``)."),
    "description": Key(_TEXT, "A summary for search engines and social cards (when there is no subtitle)."),
    "excerpt": Key(_TEXT, "A summary for listings, when there is neither subtitle nor description."),
    "excerpt_separator": Key(
        _TEXT,
        "Where this article's excerpt ends (instead of ``outcrop_excerpt_separator``, "
        "``<!--more-->`` by default): listings show the paragraphs before it.",
    ),
    "date": Key(
        _DATE,
        "Publication date and time (``2024-03-18``, ``2019-08-11 10:34:00 +0800``). Default: "
        "the file name's ``YYYY-MM-DD-``; a time without an offset is on ``outcrop_timezone``'s clock.",
    ),
    "updated": Key(_DATE, "When the article was last revised: shown in the header, used by feeds and the sitemap."),
    "last_modified_at": Key(_DATE, "Jekyll's name for ``updated``."),
    "categories": Key(
        _NAMES,
        "Categories: a list, or names separated by spaces (as in Jekyll). The folders above a ``_posts`` "
        "folder are categories too, first, as in Jekyll.",
    ),
    "category": Key(_TEXT, "One category (Jekyll's singular key; spaces stay in the name), added to ``categories``."),
    "tags": Key(_NAMES, "Tags: a list, or names separated by spaces (as in Jekyll)."),
    "tag": Key(_TEXT, "One tag (Jekyll's singular key): used *instead of* ``tags`` when both are given, as in Jekyll."),
    "excerpt_image": Key(
        _IMAGE,
        "The banner: an ``http(s)`` URL or a path (relative to the article, or to the source folder when it "
        "starts with ``/``).",
    ),
    "excerpt_image_alt": Key(_TEXT, "The banner's alternative text."),
    "image": Key(_IMAGE, "Jekyll themes' banner key (a path, or ``{path, alt}``)."),
    "header": Key(
        {
            "type": "object",
            "properties": {
                "image": _TEXT,
                "teaser": _TEXT,
                "overlay_image": _TEXT,
                "image_description": _TEXT,
            },
        },
        "Minimal Mistakes' header: ``image``, ``overlay_image`` or ``teaser`` is the banner, "
        "``image_description`` its alternative text.",
    ),
    "header-img": Key(_TEXT, "Clean Blog's banner key."),
    "author": Key(
        {"anyOf": [_TEXT, {"type": "object", "properties": {"name": _TEXT}}, {"type": "array"}]},
        "The author's name (or ``{name: ...}``), or the key of an author ``outcrop_authors`` describes.",
    ),
    "authors": Key({"type": "array", "items": {"anyOf": [_TEXT, {"type": "object"}]}}, "Several authors."),
    "series": Key(
        {
            "anyOf": [
                _TEXT,
                {"type": "object", "properties": {"name": _TEXT, "part": {"type": "integer", "minimum": 1}}},
            ]
        },
        "The series the article is a part of: its name, or ``{name: ..., part: 2}`` with its part number.",
    ),
    "lang": Key(
        _TEXT,
        "The article's language, a BCP 47 tag (``es``, ``pt-BR``, ``zh-Hans``), when it is not the site's "
        "``language``: its page's ``lang`` attribute and its ``hreflang`` links.",
    ),
    "translation_key": Key(
        _TEXT,
        "What an article and its translations share (any text, the same in each): every one of them links "
        "to the others, in the language switcher and with ``hreflang`` links.",
    ),
    "translationKey": Key(_TEXT, "Hugo's spelling of ``translation_key``."),
    "layout": Key(_TEXT, "``post`` or ``article`` makes any document an article (Jekyll's layouts)."),
    "draft": Key(_FLAG, "A draft is built but listed nowhere (shown with ``outcrop_show_drafts``)."),
    "published": Key(_FLAG, "``false`` is Jekyll's draft: built but listed nowhere."),
    "admonitions": Key(
        {"type": "array", "items": _NOTICE}, "Admonitions shown at the top or bottom of the article (MyST bodies)."
    ),
    "update_note": Key(_TEXT, "The note shown with ``updated`` (MyST); empty for none."),
    "category_admonitions": Key(_FLAG, "``false``: leave out the admonitions of this article's categories and tags."),
    "aliases": Key(
        _NAMES,
        "Old URLs of the article (site-root paths such as ``/2019/08/11/my-post.html`` or ``/old-name/``): "
        "the HTML build writes a redirect page at each. ``outcrop import`` records a Jekyll post's URLs here.",
    ),
    "redirect_from": Key(_NAMES, "jekyll-redirect-from's old URLs: the same as ``aliases``."),
    "permalink": Key(
        _TEXT,
        "The post's URL on the Jekyll site (placeholders such as ``:year`` and ``:title`` expanded): "
        "redirected to the article, as an alias.",
    ),
    "slug": Key(_TEXT, "Jekyll's ``slug``: the ``:title`` of the post's old URL (default: the file name)."),
    "jekyll": Key({"type": "object"}, "Jekyll keys with no outcrop meaning, kept by ``outcrop import`` (unused)."),
}
#: Keys that Sphinx or MyST-Parser read from front matter themselves; outcrop passes
#: them through untouched.
PASSTHROUGH: dict[str, Key] = {
    "orphan": Key(_FLAG, "Sphinx: no warning when the document is in no table of contents."),
    "nocomments": Key(_FLAG, "Sphinx: no comments (themes that have them)."),
    "nosearch": Key(_FLAG, "Sphinx: leave the document out of the search index."),
    "tocdepth": Key({"type": "integer"}, "Sphinx: depth of this document's table of contents."),
    "myst": Key({"type": "object"}, "MyST-Parser settings for this document."),
    "substitutions": Key({"type": "object"}, "MyST substitutions for this document."),
    "html_meta": Key({"type": "object"}, "MyST: extra HTML meta tags."),
}
PASSTHROUGH_KEYS = frozenset(PASSTHROUGH)
MODEL_KEYS = frozenset(KEYS)
KNOWN_KEYS = MODEL_KEYS | PASSTHROUGH_KEYS
#: The keys a banner can come from (``excerpt_image`` and the Jekyll themes' spellings).
BANNER_KEYS = ("excerpt_image", "image", "header-img", "header")

#: An upper bound on the number of values front matter may expand to (YAML aliases can
#: make a few lines expand to billions of values).
MAX_VALUES = 10_000
_FENCE_OPEN = re.compile(r"^---[ \t]*$")
_FENCE_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_GENERIC_ALT = frozenset({"", "banner", "image", "img", "header", "picture", "photo", "cover", "alt"})


# libyaml's parser when PyYAML has it (ten times faster), with PyYAML's safe constructor.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, except that a timestamp it cannot build (``2019-13-45``)
    stays text, so the adapter reports that one value instead of losing the block."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


@dataclasses.dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front-matter block of a source file.

    ``length`` is the number of lines the block occupies, fences included (0 when the
    file has none); ``lines`` maps each top-level key to its 1-based line in the file.
    """

    data: Mapping[str, Any]
    lines: Mapping[str, int]
    length: int = 0


EMPTY = FrontMatter({}, {}, 0)


def split_front_matter(text: str) -> tuple[FrontMatter, list[Problem]]:
    """Find and parse the YAML front matter at the top of ``text``.

    Handles a byte-order mark, CRLF line ends and ``...`` as the closing fence. Invalid
    YAML, a block that is not a mapping, or one that expands beyond :data:`MAX_VALUES`
    values gives an empty mapping and one problem.
    """
    # Split on "\n" only, as the rest of outcrop does (Sphinx has normalised line ends;
    # str.splitlines would also split on U+2028, form feeds... and miscount lines).
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines or not _FENCE_OPEN.match(lines[0]):
        return EMPTY, []
    for end in range(1, len(lines)):
        if _FENCE_CLOSE.match(lines[end]):
            break
    else:
        return EMPTY, [
            Problem(ProblemKind.FRONT_MATTER, "front matter opened with '---' is never closed; read as text", 1)
        ]
    length = end + 1
    block = "\n".join(lines[1:end])
    try:
        loader = _Loader(block)
        try:
            node = loader.get_single_node()
            if node is not None and _expanded_size(node) > MAX_VALUES:
                return FrontMatter({}, {}, length), [
                    Problem(
                        ProblemKind.FRONT_MATTER,
                        f"front matter expands to more than {MAX_VALUES} values (YAML aliases?); ignored",
                        1,
                    )
                ]
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = min(mark.line + 2, length - 1) if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter({}, {}, length), [
            Problem(ProblemKind.FRONT_MATTER, f"front matter is not valid YAML: {reason}; ignored", line)
        ]
    except (RecursionError, ValueError, TypeError) as exc:  # pathological YAML
        return FrontMatter({}, {}, length), [
            Problem(ProblemKind.FRONT_MATTER, f"front matter cannot be read: {exc}; ignored", 1)
        ]
    if data is None:
        return FrontMatter({}, {}, length), []
    if not isinstance(data, dict):
        return FrontMatter({}, {}, length), [
            Problem(
                ProblemKind.FRONT_MATTER,
                f"front matter must be a mapping of keys to values, not a {_kind(data)}; ignored",
                2,
            )
        ]
    key_lines = (
        {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    )
    return FrontMatter({str(k): v for k, v in data.items()}, key_lines, length), []


def _expanded_size(root: yaml.Node) -> int:
    """Count the values ``root`` expands to, aliases counted at every use (bounded)."""
    count, stack = 0, [root]
    while stack and count <= MAX_VALUES:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return count


_KIND_NAMES: dict[type, str] = {list: "list", dict: "mapping", str: "text"}


def _kind(value: object) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


class _Reader:
    """Reads typed values from one front matter, collecting problems with lines."""

    def __init__(self, front: FrontMatter) -> None:
        self.front = front
        self.problems: list[Problem] = []

    def line(self, key: str) -> int:
        return self.front.lines.get(key, 1)

    def bad(self, key: str, message: str, kind: ProblemKind = ProblemKind.BAD_VALUE) -> None:
        self.problems.append(Problem(kind, f"{key}: {message}", self.line(key)))

    def text(self, key: str, value: Any = None) -> str:
        value = self.front.data.get(key) if value is None else value
        if value is None:
            return ""
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, bool | int | float | dt.date):
            return str(value)
        self.bad(key, f"expected text, got a {_kind(value)}; ignored")
        return ""

    def flag(self, key: str, default: bool) -> bool:
        value = self.front.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "yes", "on", "false", "no", "off"}:
            return value.strip().lower() in {"true", "yes", "on"}
        self.bad(key, f"expected true or false, got {value!r}; using {str(default).lower()}")
        return default

    def names(self, *keys: str, first: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Names from ``keys`` in turn (lists, space-separated strings, singular keys),
        after ``first``; each name once, in order of appearance."""
        found: list[str] = list(first)
        for key in keys:
            value = self.front.data.get(key)
            singular = not key.endswith("s")
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            for item in items:
                if item is None:
                    continue
                if isinstance(item, str):
                    found.extend([item] if singular or isinstance(value, list) else item.split())
                elif isinstance(item, bool | int | float | dt.date):
                    found.append(str(item))
                else:
                    self.bad(key, f"expected names, got a {_kind(item)}; ignored")
        unique: dict[str, None] = {}
        for name in found:
            name = " ".join(name.split())
            if name:
                unique.setdefault(name, None)
        return tuple(unique)

    def date(self, key: str, zone: dt.tzinfo) -> dt.datetime | None:
        value = self.front.data.get(key)
        if value is None or value == "":
            return None
        try:
            return parse_date(value, zone)
        except (ValueError, OverflowError) as exc:
            self.bad(key, f"{exc}", ProblemKind.DATE)
            return None


def read_article(
    front: FrontMatter,
    *,
    docname: str,
    zone: dt.tzinfo,
    extra_keys: frozenset[str] = frozenset(),
    source: str = "",
    folder_categories: tuple[str, ...] = (),
    permalink: str = "",
    author_names: Mapping[str, str] | None = None,
) -> tuple[Article, list[Problem]]:
    """Build the :class:`Article` for ``docname`` from its front matter.

    Jekyll semantics: categories and tags may be lists, flow lists, space-separated
    strings or the singular ``category``/``tag``; the date comes from ``date`` or the
    file name ``YYYY-MM-DD-slug``; a missing title is the titleized slug.
    ``source`` is the file's path with its extension (Jekyll orders posts of one date
    by it), ``folder_categories`` the folders above its ``_posts`` folder, and
    ``permalink`` the Jekyll site's permalink style: when given, the URL Jekyll gave
    the post is one of its aliases. ``author_names`` maps the keys of the site's
    described authors to their names (an author may be named by either).
    """
    read = _Reader(front)
    data = front.data
    stem = posixpath.basename(docname)
    file_date, slug = split_filename(stem)

    for key in data:
        if key not in KNOWN_KEYS and key not in extra_keys:
            close = difflib.get_close_matches(key, sorted(KNOWN_KEYS | extra_keys), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            read.bad(key, f"unknown front-matter key{hint}; ignored", ProblemKind.UNKNOWN_KEY)

    markup: dict[str, tuple[Span, ...]] = {}

    def text(key: str, *fallbacks: str) -> str:
        """Plain text of ``key`` (or the first fallback key given), its styles kept aside."""
        for name in (key, *fallbacks):
            value = read.text(name)
            if value:
                spans = inline_spans(value)
                if styled(spans):
                    markup[key] = spans
                return plain(spans)
        return ""

    title = text("title") or titleize(slug.rstrip("."))  # populate_title drops trailing dots
    date = read.date("date", zone)
    if date is None and file_date is not None:
        date = dt.datetime(file_date.year, file_date.month, file_date.day, tzinfo=zone)
    if date is None and data.get("date") in (None, ""):  # else read.date reported why it is unreadable
        read.problems.append(
            Problem(
                ProblemKind.DATE,
                "article has no date: add 'date:' to its front matter or name the file YYYY-MM-DD-slug.md",
                read.line("date"),  # an empty date: key, else the first line
            )
        )
    updated = read.date("updated", zone) or read.date("last_modified_at", zone)

    notices, notice_problems = read_notices(data.get("admonitions"), key="admonitions", line=read.line("admonitions"))
    read.problems.extend(notice_problems)
    article = Article(
        docname=docname,
        title=title,
        subtitle=text("subtitle", "tagline"),
        description=text("description"),
        excerpt=text("excerpt"),
        date=date,
        updated=updated,
        # populate_categories: the folders' categories, then categories, then category.
        categories=read.names("categories", "category", first=folder_categories),
        # populate_tags: pluralized_array_from_hash takes the singular key when present.
        tags=read.names("tag" if data.get("tag") not in (None, "", []) else "tags"),
        banner=_banner(read, docname),
        authors=_authors(read, author_names or {}),
        layout=read.text("layout") or "post",
        draft=read.flag("draft", False),
        published=read.flag("published", True),
        lines=tuple(sorted(front.lines.items())),
        notices=notices,
        update_note=read.text("update_note") if "update_note" in data else "",
        category_notices=read.flag("category_admonitions", True),
        source=source or docname + ".md",
        markup=tuple(markup.items()),
        lang=_language(read),
        translation_key=read.text("translation_key") or read.text("translationKey"),
    )
    series, part = _series(read)
    if series:
        article = dataclasses.replace(article, series=series, series_part=part)
    aliases = _aliases(read, article, stem, permalink)
    if aliases:
        article = dataclasses.replace(article, aliases=aliases)
    return article, read.problems


def _aliases(read: _Reader, article: Article, stem: str, style: str) -> tuple[str, ...]:
    """The article's old URLs: ``aliases``, ``redirect_from``, its Jekyll ``permalink``
    (placeholders expanded) and, with the site's permalink ``style``, the URL Jekyll
    gave it. Each is a safe site-root path; a refused one is a problem at its key."""
    found: list[str] = []
    for key in ("aliases", "redirect_from"):
        value = read.front.data.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            path = alias_path(item)
            if path is None:
                why = "another host, a query, or a path leaving the site"
                message = f"{item!r} is not a path of this site ({why}); not redirected"
                read.bad(key, message, ProblemKind.REDIRECT)
            else:
                found.append(path)
    own = read.text("permalink")
    if not own and not (style and article.date is not None):
        return tuple(dict.fromkeys(found))  # an undated file was never a Jekyll post
    template = own or style
    if article.date is None and uses_date(template):
        message = "the old URL needs the article's date, which it has not; not redirected"
        read.bad("permalink", message, ProblemKind.REDIRECT)
        return tuple(dict.fromkeys(found))
    post = post_of(stem, article.date or dt.datetime(1970, 1, 1, tzinfo=dt.UTC), article.categories, read.text("slug"))
    url = jekyll_url(template, post)
    path = alias_path(url)
    if path is None:
        read.bad("permalink", f"the old URL {url!r} leaves this site; not redirected", ProblemKind.REDIRECT)
    else:
        found.append(path)
    return tuple(dict.fromkeys(found))


def _language(read: _Reader) -> str:
    """``lang:`` as a BCP 47 tag; a value that is not one is refused with a warning."""
    value = read.front.data.get("lang")
    if value is None or value == "":
        return ""
    if isinstance(value, bool):  # YAML reads an unquoted no (Norwegian) as false
        read.bad(
            "lang",
            f'expected a language tag, got {str(value).lower()} (quote it: lang: "no"); ignored',
            ProblemKind.LANGUAGE,
        )
        return ""
    text = read.text("lang")
    tag = language_tag(text) if text else None
    if tag is None:
        if text:
            read.bad(
                "lang",
                f"{text[:40]!r} is not a language tag (BCP 47, such as es or pt-BR); ignored",
                ProblemKind.LANGUAGE,
            )
        return ""
    return tag


def _authors(read: _Reader, known: Mapping[str, str]) -> tuple[str, ...]:
    """The authors' names, each once; a key of ``known`` (the site's described authors)
    is replaced by its name."""
    names: list[str] = []
    for key in ("author", "authors"):
        value = read.front.data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item = item.get("name")
            name = read.text(key, item) if item is not None else ""
            name = known.get(name, name)
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _series(read: _Reader) -> tuple[str, int | None]:
    """``series: Name`` or ``series: {name: Name, part: 2}``: the name and the part
    number (``None`` when not given or unusable, with a problem)."""
    value = read.front.data.get("series")
    if value is None or value == "":
        return "", None
    if not isinstance(value, dict):
        if isinstance(value, list | bool):
            got = "a list" if isinstance(value, list) else f"{value!r}".lower()
            read.bad("series", f"expected a name or {{name: ..., part: ...}}, got {got}; ignored", ProblemKind.SERIES)
            return "", None
        return read.text("series", value), None
    for extra in sorted(set(map(str, value)) - {"name", "part"}):
        read.bad("series", f"unknown key {extra!r} (expected name and part); ignored", ProblemKind.SERIES)
    name = read.text("series", value["name"]) if value.get("name") is not None else ""
    if not name:
        read.bad("series", "a series needs a name: {name: ..., part: ...}; ignored", ProblemKind.SERIES)
        return "", None
    part = value.get("part")
    if part is None:
        return name, None
    if isinstance(part, str) and part.strip().isdigit():
        part = int(part.strip())
    if isinstance(part, bool) or not isinstance(part, int) or part < 1:
        message = f"part {part!r} is not a whole number from 1 up; the article is in the series without a part number"
        read.bad("series", message, ProblemKind.SERIES)
        return name, None
    return name, part


def _banner(read: _Reader, docname: str) -> Banner | None:
    """The banner from ``excerpt_image`` or the Jekyll theme spellings of it."""
    data = read.front.data
    candidates: list[tuple[str, Any, Any]] = [
        ("excerpt_image", data.get("excerpt_image"), data.get("excerpt_image_alt")),
        ("image", data.get("image"), None),
        ("header-img", data.get("header-img"), None),
    ]
    header = data.get("header")
    if isinstance(header, dict):
        for sub in ("image", "overlay_image", "teaser"):
            candidates.append(("header", header.get(sub), header.get("image_description")))
    for key, value, alt in candidates:
        if value is None:
            continue
        # A bad alternative text is reported at the key the writer wrote it under.
        alt_key = "excerpt_image_alt" if key == "excerpt_image" else key
        if isinstance(value, dict):
            if "alt" in value:
                alt, alt_key = value["alt"], key
            value = value.get("path", value.get("url"))
        uri = read.text(key, value) if value is not None else ""
        if not uri:
            continue
        safe = safe_image_uri(uri, docname)
        if isinstance(safe, Problem):
            read.problems.append(dataclasses.replace(safe, line=read.line(key)))
            return None
        alt_text = read.text(alt_key, alt) if alt is not None else ""
        return Banner(safe, alt_text)
    return None


def safe_image_uri(uri: str, docname: str) -> str | Problem:
    """Check an image reference from front matter; return a safe URI or a problem.

    ``http``/``https`` URLs are kept (``//host/x`` becomes ``https://host/x``); other
    schemes (``javascript:``, ``data:``, ``file:``) are refused. A local path is
    resolved against the article's folder (or the source root when it starts with
    ``/``, as in Jekyll) and refused when it leaves the source directory.
    """
    uri = uri.strip()
    if any(unicodedata.category(c) == "Cc" for c in uri):
        return Problem(ProblemKind.IMAGE, f"image reference {uri!r} contains control characters; ignored")
    if uri.startswith("//"):
        return "https:" + uri
    if _SCHEME_RE.match(uri):
        if uri.split(":", 1)[0].lower() in {"http", "https"}:
            return uri
        scheme = uri.split(":", 1)[0].lower()
        return Problem(
            ProblemKind.IMAGE, f"image URL scheme {scheme!r} is not allowed (use http, https or a local path); ignored"
        )
    path = uri.replace("\\", "/")
    base = "" if path.startswith("/") else posixpath.dirname(docname)
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if resolved == ".." or resolved.startswith("../") or resolved in {".", ""}:
        return Problem(ProblemKind.IMAGE, f"image path {uri!r} leaves the source directory; ignored")
    return "/" + resolved


def is_generic_alt(alt: str, uri: str) -> bool:
    """True when ``alt`` says nothing about the picture ("banner", its file name)."""
    text = alt.strip().lower()
    name = posixpath.basename(uri).lower()
    return text in _GENERIC_ALT or text in (name, posixpath.splitext(name)[0])


class _Dumper(yaml.SafeDumper):
    """Block style, dates as the plain scalars a writer would type."""


def _represent_date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


_Dumper.add_representer(dt.date, _represent_date)
_Dumper.add_representer(dt.datetime, _represent_date)


def dump_front_matter(data: Mapping[str, Any]) -> str:
    """``data`` as a front-matter block (fences included), keys in the given order."""
    text = yaml.dump(
        dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )
    return f"---\n{text}---\n"


def json_schema(extra_keys: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The front matter as JSON Schema (draft 2020-12), from :data:`KEYS`, for editors."""
    properties: dict[str, Any] = {}
    for name, key in sorted({**KEYS, **PASSTHROUGH}.items()):
        properties[name] = {**key.schema, "description": key.help}
    for name in sorted(extra_keys - set(properties)):
        properties[name] = {"description": "A key of this site (outcrop_extra_keys)."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://outcrop.readthedocs.io/front-matter.schema.json",
        "title": "outcrop article front matter",
        "description": "The YAML front matter of an outcrop article (Jekyll spellings included).",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
