"""Redirect pages at every old URL of an article (HTML builders).

An article's old URLs (:attr:`~outcrop.article.model.Article.aliases`: ``aliases:``,
``redirect_from:``, its Jekyll ``permalink:``, the URL ``outcrop_jekyll_permalink``
gives it) each get a small page that sends the reader on: a meta refresh, a script
that keeps the reader's ``#fragment``, a canonical link and a visible link (for readers
without either). ``outcrop_redirects_file`` also writes the whole map in the formats
hosts read themselves (``_redirects``; JSON or YAML for Read the Docs' API).

At ``build-finished`` (after a successful build, in the main process, so it is the same
with ``-j``): the map is computed from every article of the environment, never from
the pages this build wrote, so an incremental build writes what a clean one does. Each
page is written only when its bytes change; the pages a previous build wrote and this
one does not want are removed (outcrop's bookkeeping lists them; a file without
outcrop's marker is never touched).
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from outcrop.article.model import Article
from outcrop.article.permalink import alias_file, escape_path
from outcrop.atomic import write_atomic
from outcrop.config import get_config
from outcrop.problems import Problem, ProblemKind, emit
from outcrop.site.build import bookkeeping, digest, is_html, remove_empty_parents, state_of
from outcrop.site.domain import get_domain

#: In every redirect page outcrop writes: a file without it is not outcrop's to replace.
MARKER = '<meta name="generator" content="outcrop redirect">'
BOOKKEEPING = "redirects.json"
_KEYS = ("aliases", "redirect_from", "permalink", "date")


def redirect_map(
    articles: Iterable[Article], taken: Callable[[str], str | None]
) -> tuple[dict[str, tuple[str, str]], list[tuple[str, Problem]]]:
    """``{output file: (docname, old URL)}`` for every old URL, and the refused ones as
    ``(docname, problem)``. ``taken(file)`` names what else the build writes there
    (a page, a file of the site), or None. Two articles claiming one URL: the first
    by name keeps it."""
    result: dict[str, tuple[str, str]] = {}
    problems: list[tuple[str, Problem]] = []
    for article in sorted(articles, key=lambda a: a.docname):
        line = next((article.line(k) for k in _KEYS if k in dict(article.lines)), 1)
        for path in article.aliases:
            target = alias_file(path)
            other = taken(target)
            if other is not None:
                message = f"old URL {path!r} is {other}; not redirected"
            elif target in result and result[target][0] != article.docname:
                message = f"old URL {path!r} is also an old URL of {result[target][0]!r}, which keeps it"
            else:
                result.setdefault(target, (article.docname, path))
                continue
            problems.append((article.docname, Problem(ProblemKind.REDIRECT, message, line)))
    return result, problems


def redirect_page(url: str, canonical: str, title: str, language: str) -> bytes:
    """The page at an old URL: every value escaped (titles are front matter)."""
    href = html.escape(url, quote=True)
    script = json.dumps(url).replace("<", "\\u003c")
    text = f"""<!DOCTYPE html>
<html lang="{html.escape(language or "en", quote=True)}">
<head>
<meta charset="utf-8">
{MARKER}
<title>{html.escape(title)}</title>
<link rel="canonical" href="{html.escape(canonical, quote=True)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={href}">
<script>location.replace({script} + location.search + location.hash)</script>
</head>
<body>
<p>This page has moved: <a href="{href}">{html.escape(title)}</a>.</p>
</body>
</html>
"""
    return text.encode("utf-8")


def redirect_files(pairs: Mapping[str, str], names: Iterable[str]) -> dict[str, bytes]:
    """The host redirect files ``names`` for ``pairs`` (old site-root path → new).

    ``_redirects``: Netlify's and Cloudflare Pages' ``FROM TO 301`` lines; ``.json``:
    Read the Docs' redirect objects (``type: page``: for every version and language);
    ``.yaml``: the same list as YAML.
    """
    import yaml

    items = [
        {"type": "page", "from_url": escape_path(old), "to_url": escape_path(new)} for old, new in sorted(pairs.items())
    ]
    files = {}
    for name in names:
        if name == "_redirects":
            lines = [f"{item['from_url']} {item['to_url']} 301" for item in items]
            files[name] = ("\n".join(lines) + "\n").encode("utf-8")
        elif name.endswith(".json"):
            files[name] = (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        else:
            files[name] = yaml.safe_dump(items, allow_unicode=True, sort_keys=False).encode("utf-8")
    return files


def _ours(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return MARKER.encode() in handle.read(512)
    except OSError:
        return False


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    state = state_of(app.env)
    builder = app.builder
    if exception is not None or state is None or not isinstance(builder, StandaloneHTMLBuilder) or not is_html(builder):
        return
    env = app.env
    outdir = Path(builder.outdir)
    config = get_config(app.config)
    own = bookkeeping(builder)
    try:
        previous: dict[str, str] = json.loads((own / BOOKKEEPING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}

    @functools.cache
    def output_pages() -> dict[str, str]:
        # Built on the first alias only: a site without aliases (most) never pays for
        # the output path of every page on every build.
        return {
            posixpath.relpath(Path(builder.get_outfilename(name)).as_posix(), outdir.as_posix()): name
            for name in [*env.found_docs, *state.pages, "search", "genindex"]
        }

    def taken(target: str) -> str | None:
        pages = output_pages()
        if target in pages:
            return f"the URL of the page {pages[target]!r}"
        path = outdir / target
        if target not in previous and path.exists() and not _ours(path):
            return "a file of the site"
        return None

    articles = get_domain(env).articles
    listed = [a for d, a in sorted(articles.items()) if d in env.found_docs and a.aliases]
    wanted, problems = redirect_map(listed, taken)
    for docname, problem in problems:
        emit([problem], docname)
    base = app.config.html_baseurl
    base = base if not base or base.endswith("/") else base + "/"
    digests: dict[str, str] = {}
    new_paths: dict[str, str] = {}
    for target, (docname, old) in sorted(wanted.items()):
        uri = builder.get_target_uri(docname)
        url = relative_uri(target, uri)
        canonical = base + uri if base else url
        page = redirect_page(url, canonical, articles[docname].title, app.config.language or "")
        key = digest(page)
        path = outdir / target
        if previous.get(target) != key or not path.is_file():
            try:
                write_atomic(path, page)
            except OSError as exc:  # a folder of the path is a file of the site
                message = f"old URL {old!r} cannot be written ({exc.strerror or exc}); not redirected"
                emit([Problem(ProblemKind.REDIRECT, message, articles[docname].line("aliases"))], docname)
                continue
        digests[target] = key
        new_paths[old] = "/" + uri
    for target in sorted(set(previous) - set(digests)):
        path = outdir / target
        if path.is_file() and _ours(path) and outdir in path.parents:
            path.unlink()
            remove_empty_parents(path.parent, outdir)
    for name, data in redirect_files(new_paths, config.redirects_file).items():
        path = outdir / name
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
    if digests or previous:
        write_atomic(own / BOOKKEEPING, json.dumps(digests, sort_keys=True, indent=0).encode("utf-8"))


def setup_redirects(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished)
