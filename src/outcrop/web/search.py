"""Full-text search with facets: Pagefind (``outcrop_search = "pagefind"``).

- ``html-page-context``: an article page's own section is marked ``data-pagefind-body``
  (no other page has it, so tag, archive and index pages are never results) and ends
  with a hidden, ``data-pagefind-ignore``-d block of the article's filters (category, tag,
  author, year), sort key (date) and result-card metadata (title, date, banner) written
  as element text, escaped like any text (:func:`record_markup`). The search page gets
  ``outcrop-search.js``, which mounts Pagefind's UI there and leaves Sphinx's search in
  place when Pagefind cannot load (``file://``, no index yet).
- ``build-finished`` (main process, HTML builders, successful builds only): the
  ``pagefind`` binary indexes the output folder into ``_pagefind/`` — only when the
  indexed pages changed since the last index (:func:`pages_digest`; a no-op rebuild
  never runs it). The new index is written beside the old one and swapped in.

Pagefind comes from PyPI (``pagefind[bin]``, the ``search`` extra), else a
``pagefind`` on ``PATH``. Without it the site keeps Sphinx's search, with one
``outcrop.search`` warning.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import importlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from outcrop.article.model import Article
from outcrop.atomic import write_atomic
from outcrop.config import conf_location
from outcrop.i18n import _
from outcrop.problems import ProblemKind
from outcrop.site.build import bookkeeping, build_now, is_html, package_version, state_of
from outcrop.site.domain import get_domain
from outcrop.site.taxonomy import CATEGORY, TAG, Taxonomy
from outcrop.site.translations import site_language
from outcrop.web.build import image_url

logger = logging.getLogger(__name__)

#: The index's folder in the HTML output.
BUNDLE = "_pagefind"
#: outcrop's record of the last index, in the output folder's bookkeeping.
RECORD = "search.json"


def filter_names() -> dict[str, str]:
    """Filter names, as the search page shows them above their checkboxes (in the
    site's language: Pagefind's UI shows them as they are indexed)."""
    return {"category": _("Category"), "tag": _("Tag"), "author": _("Author"), "year": _("Year")}


#: Parts of an article page that are not its text: Sphinx's "¶" links, the date and
#: reading-time line, the footer's newer/older links (other articles' titles would
#: make this one a result for them). Tags and categories stay: they are searched too.
EXCLUDED = ".headerlink, .outcrop-meta, .outcrop-footer, .outcrop-neighbours"
#: How long Pagefind may take (1,000 articles index in about 3 s on this project's 2-core benchmark machine).
TIMEOUT = 900


@dataclasses.dataclass(frozen=True)
class SearchRecord:
    """What the index holds about one article besides its text."""

    title: str
    date_text: str = ""
    #: ISO date, Pagefind's sort key.
    date_sort: str = ""
    #: The banner, relative to the site's root ("" for none or a remote one: readers'
    #: browsers are never sent to another host by the search page).
    image: str = ""
    image_alt: str = ""
    filters: tuple[tuple[str, str], ...] = ()


def record_of(article: Article, taxonomy: Taxonomy, date_text: str, image: str | None) -> SearchRecord:
    """The record of ``article``: its terms as their pages name them, each once."""
    names = filter_names()
    filters: list[tuple[str, str]] = []
    filters += [(names["category"], taxonomy.name(CATEGORY, name)) for name in article.categories]
    filters += [(names["tag"], taxonomy.name(TAG, name)) for name in article.tags]
    filters += [(names["author"], name) for name in article.authors]
    if article.date is not None:
        filters.append((names["year"], f"{article.date.year:04d}"))
    banner = article.banner
    return SearchRecord(
        title=article.title,
        date_text=date_text,
        date_sort=article.date.date().isoformat() if article.date is not None else "",
        image=image or "",
        image_alt=banner.alt if banner is not None and image else "",
        filters=tuple(dict.fromkeys((k, v) for k, v in filters if v.strip())),
    )


def _span(attribute: str, key: str, text: str) -> str:
    return f'<span {attribute}="{html.escape(key)}">{html.escape(text, quote=False)}</span>'


def filter_text(value: str) -> str:
    """What a filter's element text must be for Pagefind's UI to show ``value``: the
    label's HTML (escaped), as Pagefind reads it back (escaped again); ``_span``
    escapes it as text."""
    return html.escape(html.escape(value, quote=False), quote=False)


def record_markup(record: SearchRecord) -> str:
    """The hidden block Pagefind reads the record from. Every value is element text
    (never an attribute value, whose ``key:value, key:value`` syntax a comma or colon
    in a tag would break), escaped; ``data-pagefind-ignore`` keeps it out of the text
    that is searched and excerpted, ``hidden`` out of sight and of screen readers.

    Filter values need more: Pagefind's UI writes a filter's label as HTML (Svelte's
    ``{@html}``), so a tag named ``<img src=x onerror=...>`` would run there, and
    Pagefind decodes entities in a filter's text once more as it indexes it. So the
    value is escaped for the label, again for Pagefind, and once as element text
    (:func:`filter_text`); the label then shows the name as written."""
    parts = [_span("data-pagefind-meta", "title", record.title)]
    if record.date_text:
        parts.append(_span("data-pagefind-meta", "date", record.date_text))
    if record.date_sort:
        parts.append(_span("data-pagefind-sort", "date", record.date_sort))
    if record.image:  # else Pagefind takes the page's first image (the search page shows local ones only)
        parts.append(_span("data-pagefind-meta", "image", record.image))
        parts.append(_span("data-pagefind-meta", "image_alt", record.image_alt))
    parts += [_span("data-pagefind-filter", key, filter_text(value)) for key, value in record.filters]
    return '<div hidden data-pagefind-ignore="">' + "".join(parts) + "</div>"


_SECTION = re.compile(r"<(/?)section\b[^>]*>")


def indexed_body(body: str, record: SearchRecord) -> str:
    """``body`` marked as the part of its page that Pagefind indexes: the article's
    own ``<section>`` gets the attribute and, as its last child, the record, so the
    page's elements and the theme's ``>``/``:first-child`` rules stay as they were. A
    body that is not one section is wrapped in a ``<div>``."""
    first = _SECTION.match(body.lstrip())
    if first is None or first[1]:
        return f'<div data-pagefind-body="">{body}{record_markup(record)}</div>'
    offset = len(body) - len(body.lstrip())
    depth = 0
    for tag in _SECTION.finditer(body, offset):
        depth += -1 if tag[1] else 1
        if depth == 0 and body[tag.end() :].strip():
            break  # more after the article's section (a second top-level heading)
        if depth == 0:
            opening = offset + first.end() - 1
            return (
                body[:opening]
                + ' data-pagefind-body=""'
                + body[opening : tag.start()]
                + record_markup(record)
                + body[tag.start() :]
            )
    return f'<div data-pagefind-body="">{body}{record_markup(record)}</div>'


def find_pagefind() -> str | None:
    """The Pagefind binary, in the order Pagefind's own Python API looks: PyPI's
    extended binary (``pagefind[extended]``, which segments Chinese and Japanese), its
    plain one (``pagefind[bin]``), then ``pagefind_extended`` or ``pagefind`` on ``PATH``."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(module).get_executable()
        except (ImportError, FileNotFoundError, AttributeError):
            continue
        return str(found)
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def pagefind_notices(output: str) -> list[str]:
    """Pagefind's warnings in its output (``⚠ ...`` and the lines that follow it up to
    a blank line), e.g. that the plain binary cannot segment Chinese or Japanese."""
    notices: list[str] = []
    for block in re.split(r"\n\s*\n", output):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines and lines[0].startswith("\u26a0"):
            notices.append(" ".join([lines[0].lstrip("\u26a0").strip(), *lines[1:]]))
    return list(dict.fromkeys(notices))


def pages_digest(
    outdir: Path, files: Iterable[str], known: Mapping[str, list[Any]]
) -> tuple[str, dict[str, list[Any]]]:
    """A digest of the indexed pages' content, and the ``[mtime_ns, size, sha]`` of
    each: a file whose size and time are unchanged is not read again (a no-op rebuild
    reads none); one that was rewritten with the same bytes keeps its digest."""
    seen: dict[str, list[Any]] = {}
    whole = hashlib.blake2b(digest_size=16)
    for name in sorted(files):
        try:
            stat = (outdir / name).stat()
            old = known.get(name)
            if isinstance(old, list) and len(old) == 3 and old[:2] == [stat.st_mtime_ns, stat.st_size]:
                sha = str(old[2])
            else:
                sha = hashlib.blake2b((outdir / name).read_bytes(), digest_size=16).hexdigest()
        except OSError:
            continue
        seen[name] = [stat.st_mtime_ns, stat.st_size, sha]
        whole.update(f"{name}\0{sha}\0".encode("utf-8", "surrogatepass"))
    return whole.hexdigest(), seen


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def run_pagefind(binary: str, outdir: Path, language: str = "") -> tuple[bool, str]:
    """Index ``outdir`` into ``outdir/_pagefind``: written beside the old index, then
    swapped in, so a served site always has a whole one. Returns (done, output).
    ``language`` makes one index of pages in several languages (Pagefind would make
    one per ``<html lang>``, and the search page would search its own only)."""
    fresh = outdir / (BUNDLE + ".outcrop-tmp")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [binary, "--site", str(outdir), "--output-path", str(fresh), "--quiet"]
    command += ["--exclude-selectors", EXCLUDED]
    if language:
        command += ["--force-language", language]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        return False, str(exc)
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        return False, output or f"exit status {done.returncode}"
    old = outdir / (BUNDLE + ".outcrop-old")
    shutil.rmtree(old, ignore_errors=True)
    if (outdir / BUNDLE).exists():
        (outdir / BUNDLE).replace(old)
    fresh.replace(outdir / BUNDLE)
    shutil.rmtree(old, ignore_errors=True)
    return True, output


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- Sphinx glue --------------------------------------------------------------------


def _enabled(app: Sphinx) -> bool:
    state = state_of(app.env)
    return state is not None and state.config.search == "pagefind" and is_html(app.builder)


def _indexed(app: Sphinx, docname: str) -> Article | None:
    """The article of ``docname`` if its page is indexed: a published one (never a
    draft shown by ``outcrop_show_drafts``, a future or an unpublished article)."""
    state = state_of(app.env)
    article = get_domain(app.env).articles.get(docname)
    if state is None or article is None or docname not in app.env.found_docs:
        return None
    return None if article.unpublished(build_now(state.config)) else article


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if not _enabled(app):
        return
    if pagename == "search":
        app.add_css_file("outcrop-search.css")
        # The filter panel opened at first, by the name the index has for it.
        attributes: dict[str, Any] = {"defer": "defer", "data-open-filter": filter_names()["category"]}
        app.add_js_file("outcrop-search.js", **attributes)
        return
    state = state_of(app.env)
    assert state is not None
    article = _indexed(app, pagename)
    if article is None or "body" not in context:
        return
    date_text = state.options.date_text(article, state.options.date_format) if article.date else ""
    # A result shows the banner as the pages do: the site's copy of a remote one, or with
    # outcrop_remote_images = "link" its URL as written (Pagefind would take the page's
    # first image otherwise).
    banner = image_url(app, article, "") if article.banner is not None else None
    record = record_of(article, state.taxonomy, date_text, banner)
    context["body"] = indexed_body(str(context["body"]), record)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder is None or not is_html(app.builder):
        return
    state = state_of(app.env)
    if state is None:
        return
    outdir = Path(app.builder.outdir)
    own = bookkeeping(app.builder)
    previous = _load(own / RECORD)
    if state.config.search != "pagefind":
        if previous and (outdir / BUNDLE).is_dir():  # turned off: the index outcrop made goes
            shutil.rmtree(outdir / BUNDLE, ignore_errors=True)
        (own / RECORD).unlink(missing_ok=True)
        return
    binary = find_pagefind()
    if binary is None:
        logger.warning(
            "outcrop_search = 'pagefind' needs Pagefind (pip install 'outcrop[search]', or pagefind on PATH): "
            "the site keeps Sphinx's search",
            type="outcrop",
            subtype=ProblemKind.SEARCH.value,
            location=conf_location(app.confdir, "outcrop_search"),
        )
        return
    builder: Any = app.builder  # StandaloneHTMLBuilder (is_html)
    docnames = sorted(d for d in get_domain(app.env).articles if _indexed(app, d) is not None)
    relative = [os.path.relpath(builder.get_outfilename(d), outdir) for d in docnames]
    key, seen = pages_digest(outdir, relative, previous.get("files", {}))
    # Articles in other languages than the site's: one index, in the site's language.
    mixed = any(get_domain(app.env).articles[d].lang for d in docnames)
    language = site_language(app.config.language).split("-")[0] if mixed else ""
    settings = f"{key}|{package_version()}|{binary}|{EXCLUDED}|{language}"
    key = hashlib.blake2b(settings.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    if previous.get("digest") == key and (outdir / BUNDLE / "pagefind.js").is_file():
        return
    if not relative:  # Pagefind would index every page of a site without articles
        shutil.rmtree(outdir / BUNDLE, ignore_errors=True)
        write_atomic(own / RECORD, json.dumps({"digest": key, "files": {}}).encode("utf-8"))
        return
    start = time.perf_counter()
    done, output = run_pagefind(binary, outdir, language)
    if not done:
        logger.warning(
            "Pagefind could not index the site (the search page falls back to Sphinx's search): %s",
            output[-2000:],
            type="outcrop",
            subtype=ProblemKind.SEARCH.value,
            location=conf_location(app.confdir, "outcrop_search"),
        )
        return
    for notice in pagefind_notices(output):  # e.g. Chinese indexed without word segmentation
        hint = " (pip install 'pagefind[extended]')" if "extended" in notice else ""
        logger.warning(
            "Pagefind: %s%s",
            notice,
            hint,
            type="outcrop",
            subtype=ProblemKind.SEARCH.value,
            location=conf_location(app.confdir, "outcrop_search"),
        )
    logger.info(
        "outcrop: search index of %d articles, %d kB (Pagefind, %.1f s)",
        len(relative),
        _size(outdir / BUNDLE) // 1024,
        time.perf_counter() - start,
    )
    write_atomic(own / RECORD, json.dumps({"digest": key, "files": seen}, sort_keys=True).encode("utf-8"))


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
