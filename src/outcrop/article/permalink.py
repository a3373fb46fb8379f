"""Old URLs: the URL Jekyll gave a post, and aliases that are safe to write.

A Jekyll blog's readers, search engines and other sites link to URLs such as
``/travel/2019/08/11/my-post.html``; after the move the article is
``articles/2019-08-11-my-post.html``. :func:`jekyll_url` computes the old URL the way
Jekyll does (``lib/jekyll/url.rb``, ``drops/url_drop.rb``, ``utils.rb``), and
:func:`alias_path` turns any old URL (an ``aliases:`` entry, ``redirect_from:``, a
post's ``permalink:``) into a safe site-root path or refuses it. The site stage writes
a redirect page at each one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import unicodedata
import urllib.parse

from outcrop.article.dates import split_filename

#: Jekyll's built-in permalink styles (``permalink:`` in ``_config.yml``).
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER_RE = re.compile(r":([a-z_]+)")
# utils.rb: SLUGIFY_DEFAULT_REGEXP and SLUGIFY_PRETTY_REGEXP.
_DEFAULT_RE = re.compile(r"[^\w]+|_+")
_PRETTY_KEEP = set("._~!$&'()+,;=@")
# url.rb: escape_path leaves a path alone when it is made of these only.
_PLAIN_PATH_RE = re.compile(r"^[a-zA-Z0-9./-]+$")
_SAFE = "/-._~!$&'()*+,;=:@"


@dataclasses.dataclass(frozen=True)
class Post:
    """What Jekyll's URL placeholders of one post are made of."""

    date: dt.datetime
    #: The file name without date and extension (``my-post``), or ``slug:``.
    slug: str
    categories: tuple[str, ...] = ()
    #: ``.html`` for Markdown posts.
    output_ext: str = ".html"
    #: The file name without extension, date included (``:name``).
    name: str = ""


def slugify(text: str, mode: str = "default", *, cased: bool = False) -> str:
    """Jekyll's ``Utils.slugify``: runs of characters outside the mode's set become one
    ``-``; leading and trailing ``-`` go. ``default`` keeps letters, marks and digits;
    ``pretty`` also ``._~!$&'()+,;=@``; ``raw`` only turns spaces into ``-``."""
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text)
    else:
        keep = _PRETTY_KEEP if mode == "pretty" else set()
        slug = "".join(
            c if unicodedata.category(c)[0] in "LM" or unicodedata.category(c) == "Nd" or c in keep else "\0"
            for c in text
        )
        slug = re.sub("\0+", "-", slug)
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def placeholders(post: Post) -> dict[str, str]:
    """Jekyll's ``UrlDrop`` for a post: what each ``:name`` of a permalink becomes."""
    date = post.date
    return {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "i_month": str(date.month),
        "i_day": str(date.day),
        "short_month": date.strftime("%b"),
        "long_month": date.strftime("%B"),
        "short_year": date.strftime("%y"),
        "y_day": date.strftime("%j"),
        "week": date.strftime("%V"),
        "w_year": date.strftime("%G"),
        "w_day": str(date.isoweekday()),
        "short_day": date.strftime("%a"),
        "long_day": date.strftime("%A"),
        "hour": date.strftime("%H"),
        "minute": date.strftime("%M"),
        "second": date.strftime("%S"),
        "title": slugify(post.slug, "pretty", cased=True),
        "slug": slugify(post.slug),
        "name": slugify(post.name or post.slug),
        "categories": "/".join(dict.fromkeys(c.lower() for c in post.categories)),
        "slugified_categories": "/".join(dict.fromkeys(slugify(c) for c in post.categories)),
        "output_ext": post.output_ext,
        "path": "",
        "collection": "posts",
    }


_DATELESS = frozenset(
    {"title", "slug", "name", "categories", "slugified_categories", "output_ext", "path", "collection"}
)


def uses_date(template: str) -> bool:
    """Whether the permalink ``template`` (or style) has placeholders of the date."""
    names = _PLACEHOLDER_RE.findall(STYLES.get(template, template))
    return any(name not in _DATELESS for name in names)


def jekyll_url(template: str, post: Post) -> str:
    """The URL Jekyll gives ``post`` with the permalink ``template`` (a style name such
    as ``pretty``, or a pattern such as ``/:year/:title/``).

    As ``URL#generate_url_from_hash``: a placeholder with an empty value takes its
    leading ``/`` with it; values are URL-escaped; the result gets a leading ``/``,
    ``..`` becomes ``/`` and repeated slashes are squeezed (``sanitize_url``).
    """
    template = STYLES.get(template, template)
    values = placeholders(post)
    # Longest names first, so that ":title" is not read as ":t" + "itle" (Jekyll
    # replaces in the drop's key order; no key is a prefix of one it precedes).
    names = sorted(values, key=len, reverse=True)
    result = template
    for name in names:
        token = ":" + name
        if token not in result:
            continue
        value = values[name]
        if value == "":
            result = result.replace("/" + token, "").replace(token, "")
        else:
            result = result.replace(token, escape_path(value))
    return _sanitize("/" + result)


def escape_path(path: str) -> str:
    """``URL.escape_path``: a path as a URL (RFC 3986 path characters kept)."""
    if not path or _PLAIN_PATH_RE.match(path):
        return path
    return urllib.parse.quote(path, safe=_SAFE)


def _sanitize(url: str) -> str:
    url = url.replace("..", "/").replace("./", "")
    return re.sub("/{2,}", "/", url)


def post_of(stem: str, date: dt.datetime, categories: tuple[str, ...], slug: str = "") -> Post:
    """The :class:`Post` of a file ``2019-08-11-my-post`` (``slug:`` wins over the
    name; trailing dots are dropped from it, as Jekyll's ``populate_title`` does)."""
    name = slug or split_filename(stem)[1]
    return Post(date, re.sub(r"\.+$", "", name), categories, name=stem)


def alias_path(value: object) -> str | None:
    """An old URL as a site-root path (``/2019/08/11/my-post.html``, ``/old/``), or
    None when it cannot be a page of this site.

    Refused: anything but text, a URL with a scheme or host (another site), a query,
    control characters, backslashes, and any ``.``/``..`` segment — also when written
    percent-encoded (``/%2e%2e/x.html``): the redirect page must be written inside the
    output folder. The fragment is dropped (a page has no fragment; readers' fragments
    are kept by the redirect itself). The path is returned percent-decoded: it names a
    file.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or "\\" in text or any(unicodedata.category(c) == "Cc" for c in text):
        return None
    parts = urllib.parse.urlsplit(text)
    if parts.scheme or parts.netloc or parts.query or text.startswith("//"):
        return None
    path = urllib.parse.unquote(parts.path)
    if not path or "\\" in path or any(unicodedata.category(c) == "Cc" for c in path):
        return None
    segments = [s for s in path.split("/") if s]
    if not segments and path.strip("/") == "":
        return None  # the site's root is the home page, not an article
    if any(s in {".", ".."} for s in segments):
        return None
    result = "/" + "/".join(segments)
    return result + "/" if path.endswith("/") else result


def alias_file(path: str) -> str:
    """The file a redirect page for site-root ``path`` is written to, relative to the
    output folder, as Jekyll and jekyll-redirect-from write it (``Page#destination``):
    ``/old/`` → ``old/index.html``, ``/old`` and ``/old.html`` → ``old.html``,
    ``/old.htm`` → ``old.htm``."""
    relative = path.strip("/")
    if path.endswith("/"):
        return posixpath.join(relative, "index.html")
    if not posixpath.splitext(posixpath.basename(relative))[1]:
        return relative + ".html"
    return relative
