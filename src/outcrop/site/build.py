"""The Sphinx glue of listings: computed once per build, written only when changed.

- ``env-updated``: build the :class:`~outcrop.site.taxonomy.Taxonomy` from the articles in
  the environment, render every generated page, and compare a digest of what each page
  and each document *shows* with the digests of the last build (kept beside the
  doctrees, in the folder :func:`bookkeeping` names for the output folder). Documents
  whose listings, related articles, neighbours or navigation changed are returned to
  Sphinx to be re-written; generated pages are written only when changed or missing.
- ``doctree-resolved``: replace listing and footer placeholders, link the badges.
- ``html-collect-pages``: hand Sphinx the generated pages that must be written.
- ``build-finished``: delete the pages of removed documents and vanished tags, and save
  the digests (only after a successful build, so an interrupted one is redone).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import glob
import hashlib
import html
import json
import os
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from outcrop.article.dates import get_zone, parse_date
from outcrop.article.frontmatter import BANNER_KEYS
from outcrop.article.model import Article, Banner
from outcrop.article.notices import unknown_names
from outcrop.atomic import write_atomic
from outcrop.config import OutcropConfig, conf_location, get_config
from outcrop.i18n import _
from outcrop.problems import Problem, ProblemKind, emit
from outcrop.site import authors, series
from outcrop.site.domain import get_domain
from outcrop.site.listing import Entry, Paths, Picture, entry, format_day, placed, render, shown
from outcrop.site.nodes import article_footer, listing, series_box
from outcrop.site.pages import PageOptions, PageSpec, cloud, page_specs, render_page, spec_inputs
from outcrop.site.remote import SiteImages, cache_dir, fetcher_for, forget_fetcher, is_remote
from outcrop.site.taxonomy import AUTHOR, CATEGORY, KINDS, SERIES, TAG, Taxonomy, build_taxonomy, neighbours, related
from outcrop.site.translations import Translations, find_translations, site_language

logger = logging.getLogger(__name__)

SIDECAR = "build.json"
#: The documents that showed a placeholder for a remote image in the last build.
MISSING_IMAGES = "missing-images.json"
#: Present while a build writes the output: found at the start of a build, it means the
#: last one was interrupted.
UNFINISHED = "unfinished"
#: Where outcrop kept its bookkeeping before it moved beside the doctrees; removed from
#: the output folder when found there.
LEGACY = (".outcrop-build.json", ".outcrop-build.unfinished", ".outcrop-feeds.json")
PATHS = Paths()


def labels() -> dict[str, str]:
    return {
        "tag": _("Tag: %s"),
        "category": _("Category: %s"),
        "tag_index": _("Tags"),
        "category_index": _("Categories"),
        "archive": _("Archive"),
        "all_tags": _("All tags"),
        "all_categories": _("All categories"),
        "year": _("Archive: %d"),
        "page": _("%s (page %d)"),
        "pages": _("Pages"),
        "draft": _("Draft"),
        "related": _("Related articles"),
        "more": _("More articles"),
        "neighbours": _("Newer and older articles"),
        "newer": _("Newer"),
        "older": _("Older"),
        "pdf": _("PDF edition"),
        "epub": _("EPUB edition"),
        "browse": _("Browse"),
        "browse_articles": _("Browse articles"),
        "missing": _("Image not available"),
        "missing_alt": _("Image not available: %s"),
        **authors.labels(),
        **series.labels(),
    }


@dataclasses.dataclass
class Urls:
    """The URLs of one build's pages, kept for the :class:`SphinxLinker` of every page."""

    #: The URL of each page name.
    pages: dict[str, str] = dataclasses.field(default_factory=dict)
    #: By folder, URL and whether it is the page's own, the URL relative to the pages of the folder.
    relative: dict[tuple[str, str, bool], str] = dataclasses.field(default_factory=dict)


def own_page(uri: str) -> str:
    """``uri`` without its fragment: what :func:`~sphinx.util.osutil.relative_uri` compares."""
    return uri.partition("#")[0]


def folder_of(uri: str) -> str:
    """The folder of ``uri`` up to its last ``/`` (``""`` at the top)."""
    page = own_page(uri)
    return page[: page.rfind("/") + 1]


@dataclasses.dataclass
class BuildState:
    """What this build computed after reading; lives on the domain object, not pickled."""

    taxonomy: Taxonomy
    options: PageOptions
    config: OutcropConfig
    #: Where the PDF edition is downloaded ("" for no link).
    pdf_url: str = ""
    epub_url: str = ""
    html: bool = False
    pages: dict[str, PageSpec] = dataclasses.field(default_factory=dict)
    views: dict[str, str] = dataclasses.field(default_factory=dict)
    to_write: list[str] = dataclasses.field(default_factory=list)
    stale: list[Path] = dataclasses.field(default_factory=list)
    digests: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    previous: dict[str, dict[str, str]] | None = None
    key: str = ""
    written: set[str] = dataclasses.field(default_factory=set)
    #: :func:`related` of each document, computed once (digests, then the footer).
    related_cache: dict[str, list[Article]] = dataclasses.field(default_factory=dict)
    #: What listings show of each article on every page, by docname and ``terms`` (see :meth:`entry`).
    shown_cache: dict[tuple[str, bool], Entry] = dataclasses.field(default_factory=dict)
    #: The URLs of this build's pages, for the linkers of all its pages.
    urls: Urls = dataclasses.field(default_factory=Urls)
    #: The authors ``outcrop_authors`` describes, by name.
    people: dict[str, authors.Author] = dataclasses.field(default_factory=dict)
    #: The articles' translations (``translation_key``).
    translations: Translations = dataclasses.field(default_factory=Translations)
    #: Banners and remote images of an HTML build (remote ones published with the site
    #: with ``outcrop_remote_images = "cache"``).
    remote: SiteImages | None = None

    def related_of(self, docname: str) -> list[Article]:
        if docname not in self.related_cache:
            translations = [v.docname for v in self.translations.versions(docname)]
            self.related_cache[docname] = related(self.taxonomy, docname, self.config.related_count, translations)
        return self.related_cache[docname]

    def neighbours_of(self, docname: str) -> tuple[Article | None, Article | None]:
        """The newer and older articles of ``docname``, not its own translations."""
        return neighbours(self.taxonomy, docname, {v.docname for v in self.translations.versions(docname)})

    def entry(self, article: Article, linker: SphinxLinker, *, terms: bool = True) -> Entry:
        """The :func:`~outcrop.site.listing.entry` of ``article`` (of this build's
        taxonomy) on the page of ``linker``. A listing or a footer shows an article on
        many pages: what it shows (:func:`~outcrop.site.listing.shown`) is made once,
        only its links for each page."""
        key = (article.docname, terms)
        if key not in self.shown_cache:
            options = self.options
            self.shown_cache[key] = shown(
                article,
                taxonomy=self.taxonomy,
                paths=PATHS,
                date_text=options.date_text,
                date_format=options.date_format,
                terms=terms,
            )
        return placed(self.shown_cache[key], article.banner, linker)


class SphinxLinker:
    """URLs relative to ``pagename`` for the current builder; ``urls`` keeps them for
    the other pages of the build."""

    def __init__(
        self,
        builder: Builder,
        env: BuildEnvironment,
        pagename: str,
        urls: Urls | None = None,
        images: SiteImages | None = None,
    ) -> None:
        self.builder, self.env, self.images = builder, env, images
        self.urls = Urls() if urls is None else urls
        self.base = self.target(pagename)
        self.own, self.folder = own_page(self.base), folder_of(self.base)

    def target(self, pagename: str) -> str:
        """The URL of ``pagename`` (not relative)."""
        pages = self.urls.pages
        if pagename not in pages:
            pages[pagename] = self.builder.get_target_uri(pagename)
        return pages[pagename]

    def relative(self, uri: str) -> str:
        """``uri`` relative to this page, kept for the pages of its folder:
        :func:`~sphinx.util.osutil.relative_uri` uses only the folder of the page
        (:func:`folder_of`) and whether ``uri`` is the page itself (``""``)."""
        key = (self.folder, uri, own_page(uri) == self.own)
        known = self.urls.relative
        if key not in known:
            known[key] = relative_uri(self.base, uri)
        return known[key]

    def page(self, pagename: str) -> str:
        return self.relative(self.target(pagename))

    def image(self, banner: Banner) -> Picture | None:
        found = picture_of(self.builder, self.env, banner, self.images)
        if found is None or not found.url or "://" in found.url:
            return found
        srcset = tuple((self.relative(path), width) for path, width in found.srcset)
        return dataclasses.replace(found, url=self.relative(found.url), srcset=srcset)


def image_path(builder: Builder, env: BuildEnvironment, banner: Banner, images: SiteImages | None) -> str | None:
    """Where a banner is in the output (its URL when linked to a remote one); ``None``
    when it is not there (a local one Sphinx did not collect, a remote one that could not
    be fetched)."""
    found = picture_of(builder, env, banner, images)
    return found.url if found is not None and found.url else None


def picture_of(builder: Builder, env: BuildEnvironment, banner: Banner, images: SiteImages | None) -> Picture | None:
    """A banner as the output has it (paths relative to the output folder, ``srcset``
    widths with their paths); ``None`` for a local one Sphinx did not collect. ``images``:
    the build's :class:`~outcrop.site.remote.SiteImages` (None: links as written, no sizes)."""
    remote = images
    if banner.is_remote:
        if remote is None or remote.link:
            return Picture(banner.uri)
        published = remote.resolve(banner.uri, None)
        if published is None:
            return Picture(missing=True)
        return Picture(published.src, published.srcset, published.width, published.height)
    found = env.images.get(banner.uri.lstrip("/"))
    if not found:
        return None
    url = f"{getattr(builder, 'imagedir', '_images')}/{urllib.parse.quote(found[1])}"  # a URL (srcset splits at spaces)
    if remote is None:
        return Picture(url)
    sized = remote.local(Path(env.srcdir, banner.uri.lstrip("/")))
    srcset = (*sized.srcset, (url, sized.width)) if sized.srcset else ()
    return Picture(url, srcset, sized.width, sized.height)


class ViewLinker:
    """Page names and image paths for URLs: what a listing links to, the same from
    every page (the digests of :func:`article_view`)."""

    def __init__(self, builder: Builder, env: BuildEnvironment, images: SiteImages | None = None) -> None:
        self.builder, self.env, self.images = builder, env, images

    def page(self, pagename: str) -> str:
        return pagename

    def image(self, banner: Banner) -> Picture | None:
        return picture_of(self.builder, self.env, banner, self.images)


def state_of(env: BuildEnvironment) -> BuildState | None:
    """This build's :class:`BuildState` (None before ``env-updated``)."""
    state: BuildState | None = getattr(get_domain(env), "state", None)
    return state


def is_html(builder: Builder | None) -> bool:
    """Builders that write one page per document (html, dirhtml)."""
    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and builder.name not in {"singlehtml"}
        and not builder.name.startswith("epub")
    )


def build_now(config: OutcropConfig) -> dt.datetime:
    """The build's "now" for future-dated articles: ``outcrop_now``, else
    ``SOURCE_DATE_EPOCH``, else the clock."""
    zone = get_zone(config.timezone)
    if config.now:
        return parse_date(config.now, zone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC)


def digest(value: object) -> str:
    """A short, stable digest of ``value``'s repr (what a page or a document shows)."""
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _date_text(app: Sphinx) -> Any:
    """Localised date text, computed once per article and format in a build (babel is slow)."""
    cache: dict[tuple[str, str], str] = {}

    def text(article: Article, fmt: str) -> str:
        key = (article.docname, fmt)
        if key not in cache:
            cache[key] = format_day(article.date, fmt, app.config.language) if article.date else ""
        return cache[key]

    return text


def _view_date(article: Article, fmt: str) -> str:
    """What a date text is made of (the date and the format; the language is in the
    configuration's digest), without formatting it: babel is slow, and a rebuild
    computes every article's view."""
    return f"{fmt} {article.date.isoformat()}" if article.date else ""


def article_view(article: Article, taxonomy: Taxonomy, linker: ViewLinker, date_format: str) -> Entry:
    """Everything a listing shows of an article: the :class:`~outcrop.site.listing.Entry`
    that :func:`~outcrop.site.listing.entry` makes for listings, with page names for
    URLs. Made by the function that makes what listings render, so a field a listing
    shows is never missing from the digest that decides when listings are re-written."""
    return entry(article, taxonomy=taxonomy, linker=linker, paths=PATHS, date_text=_view_date, date_format=date_format)


def _doc_view(
    docname: str,
    env: BuildEnvironment,
    state: BuildState,
    relations: Mapping[str, list[str | None]],
) -> tuple[object, ...]:
    """What document ``docname`` shows that depends on *other* documents."""
    domain = get_domain(env)
    taxonomy, views = state.taxonomy, state.views
    titles = env.titles
    nav = tuple((d, titles[d].astext() if d in titles else "") for d in relations.get(docname, []) if d)
    view: list[object] = [nav]
    article = domain.articles.get(docname)
    if article is not None:
        view.append(tuple((n, taxonomy.term_of(TAG, n) is not None, taxonomy.slug(TAG, n)) for n in article.tags))
        view.append(
            tuple(
                (n, taxonomy.term_of(CATEGORY, n) is not None, taxonomy.slug(CATEGORY, n)) for n in article.categories
            )
        )
        view.append(tuple(views[a.docname] for a in state.related_of(docname)))
        view.append(tuple(views[a.docname] if a else None for a in state.neighbours_of(docname)))
        view.append(
            tuple((n, taxonomy.term_of(AUTHOR, n) is not None, taxonomy.slug(AUTHOR, n)) for n in article.authors)
        )
        view.append(series.box_view(taxonomy, article, views))
        view.append(state.translations.view(docname))
    for spec in domain.listings.get(docname, []):
        if spec["what"] == "latest":
            view.append(tuple(views[d] for d in taxonomy.order[: spec["limit"]]))
        elif spec["what"] == "browse":  # links to the authors and series indexes when they exist
            view.append((bool(taxonomy.terms[AUTHOR]), bool(taxonomy.terms[SERIES])))
        else:
            view.append(tuple((t.slug, t.name, len(t.docnames)) for t in taxonomy.terms[spec["kind"]].values()))
    return tuple(view)


def package_version() -> str:
    from outcrop import __version__  # the package imports this module at import time

    return __version__


def bookkeeping(builder: Builder) -> Path:
    """The folder of outcrop's own files about ``builder``'s output folder (what each
    page showed, feed digests, the unfinished-build marker): beside the doctrees, so it
    is never published with the output, and one per output folder, so builders that
    share the doctrees (html, dirhtml, latex with ``-M``) keep apart."""
    outdir = os.path.realpath(builder.outdir)
    return Path(builder.doctreedir) / "outcrop" / digest(outdir)


def _load_sidecar(folder: Path) -> dict[str, dict[str, str]] | None:
    try:
        data = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != package_version():
        return None
    return {
        "docs": dict(data.get("docs", {})),
        "pages": dict(data.get("pages", {})),
        "computed": dict(data.get("computed", {})),
        "key": {"key": str(data.get("key", ""))},
    }


def _check_admonition_keys(app: Sphinx, articles: Iterable[Article], config: OutcropConfig) -> None:
    """A key of ``outcrop_category_admonitions`` (or tags) that names no category (tag)
    of the site is most likely a typo: one warning each, at ``conf.py``."""
    for option, table, kind in (
        ("outcrop_category_admonitions", config.category_admonitions, "category"),
        ("outcrop_tag_admonitions", config.tag_admonitions, "tag"),
    ):
        if not table:
            continue
        names = {n for a in articles for n in (a.categories if kind == "category" else a.tags)}
        for key, close in unknown_names(table, names):
            hint = f" (did you mean {close!r}?)" if close else ""
            message = f"{option}[{key!r}] names no {kind} of this site{hint}; its admonitions are never shown"
            where = conf_location(app.confdir, option)
            logger.warning(message, type="outcrop", subtype=ProblemKind.BAD_VALUE.value, location=where)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    config = get_config(app.config)
    domain = get_domain(env)
    taxonomy = build_taxonomy(
        domain.articles.values(),
        now=build_now(config),
        show_drafts=config.show_drafts,
        merge_case=config.merge_case_variants,
    )
    for located in taxonomy.problems:
        emit([located.problem], located.docname)
    _check_admonition_keys(app, domain.articles.values(), config)
    options = PageOptions(
        PATHS, labels(), config.page_size, _date_text(app), config.date_format, config.archive_page_size
    )
    state = BuildState(
        taxonomy,
        options,
        config,
        pdf_url=pdf_link(config.pdf_link, os.environ),
        epub_url=pdf_link(config.epub_link, os.environ, "epub"),
        html=is_html(app.builder),
        people=authors.described(config.authors),
    )
    if state.html:
        state.people = published_avatars(state.people, app.config, str(app.confdir))
    state.translations = find_translations(taxonomy.articles.values(), site_language(app.config.language))
    for docname, problem in state.translations.problems:
        emit([problem], docname)
    domain.state = state
    hidden = sync_nosearch(env, domain.articles, taxonomy)
    if not state.html:
        return []
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    pages = {
        **page_specs(taxonomy, state.options),
        **authors.specs(taxonomy, state.options),
        **series.specs(taxonomy, PATHS),
    }
    for pagename in sorted(set(pages) & set(env.found_docs)):
        del pages[pagename]  # a real document wins over a generated page of the same name
        message = f"this document has the name of outcrop's generated page {pagename!r}, which is not written"
        emit([Problem(ProblemKind.TAXONOMY, message)], pagename)
    state.pages = pages
    state.remote = site_images(env, config, builder, state.people, str(app.confdir))
    # The views change only with the articles (reading or removing a document forgets
    # the kept ones) or with what this key digests: a rebuild that reads nothing keeps them.
    views_key = digest(
        (
            package_version(),
            repr(config),
            getattr(builder, "imagedir", ""),
            taxonomy.order,
            sorted(state.remote.published.items()) if state.remote is not None else (),
        )
    )
    views = domain.kept_views(views_key)
    if views is None:
        linker = ViewLinker(builder, env, state.remote)
        views = {d: digest(article_view(a, taxonomy, linker, config.date_format)) for d, a in taxonomy.articles.items()}
        domain.keep_views(views_key, views)
    state.views = views

    relations = env.collect_relations()
    build_info = getattr(builder, "build_info", None)
    outline = digest(
        (
            package_version(),
            getattr(build_info, "config_hash", ""),
            builder.templates.newest_template_mtime() if builder.templates else 0,
            tuple((d, env.titles[d].astext() if d in env.titles else "") for d in relations),
            sidebar_links(taxonomy),  # the sidebar blocks of every page
        )
    )
    # Everything the documents' views are computed from: when it is what the last build
    # saw, so are the views (computing related articles for every document is most of
    # a no-op rebuild's cost).
    domain = get_domain(env)
    key = digest(
        (
            outline,
            sorted(state.views.items()),
            [(kind, t.slug, t.name, len(t.docnames)) for kind in KINDS for t in taxonomy.terms[kind].values()],
            sorted((d, repr(specs)) for d, specs in domain.listings.items()),
            sorted((d, a.tags, a.categories, a.authors, a.series, a.series_part) for d, a in domain.articles.items()),
            sorted(env.found_docs),
        )
    )
    state.key = key
    outdir = Path(builder.outdir)
    own = bookkeeping(builder)
    previous = _load_sidecar(own)
    interrupted = (own / UNFINISHED).exists()
    if previous is not None and not interrupted and previous["key"]["key"] == key:
        docs = {doc: previous["computed"][doc] for doc in sorted(env.found_docs) if doc in previous["computed"]}
    else:
        docs = {}
    if len(docs) != len(env.found_docs):
        docs = {doc: digest((outline, _doc_view(doc, env, state, relations))) for doc in sorted(env.found_docs)}
    page_digests = {name: digest((outline, page_inputs(spec, state))) for name, spec in sorted(pages.items())}
    state.digests = {"docs": docs, "pages": page_digests}

    if interrupted:
        # The last build stopped while writing: any page may be missing or cut short,
        # and Sphinx would trust its modification time. Write everything again.
        previous = None
    own.mkdir(parents=True, exist_ok=True)
    (own / UNFINISHED).write_text(f"outcrop: a build is writing {outdir}\n", encoding="utf-8")
    state.previous = previous
    get_outfilename = builder.get_outfilename
    if previous is None:
        state.to_write = sorted(pages)
        return sorted(docs)
    # Documents that showed a placeholder for a remote image: written again, with the
    # image if this build could fetch it.
    missing = set(_load_json(own / MISSING_IMAGES, [])) & env.found_docs
    state.to_write = [
        name
        for name in sorted(pages)
        if previous["pages"].get(name) != page_digests[name] or not Path(get_outfilename(name)).exists()
    ]
    gone = [d for d in previous["docs"] if d not in env.found_docs] + [p for p in previous["pages"] if p not in pages]
    state.stale = [Path(get_outfilename(name)) for name in sorted(gone)]
    for removed in (d for d in previous["docs"] if d not in env.found_docs):
        state.stale += (outdir / "_sources").glob(f"{glob.escape(removed)}.*.txt")
    return sorted({d for d in docs if previous["docs"].get(d) != docs[d]} | hidden | missing)


def site_images(
    env: BuildEnvironment,
    config: OutcropConfig,
    builder: Builder,
    people: Mapping[str, authors.Author] | None = None,
    confdir: str | None = None,
) -> SiteImages:
    """This build's :class:`~outcrop.site.remote.SiteImages`; with ``cache``, every remote
    banner fetched (or found in the cache) and published: what the listings show of an
    article depends on it. A banner that cannot be fetched is reported at its article,
    an author's remote avatar (``outcrop_authors``) at ``conf.py``."""
    fetcher = fetcher_for(env, cache_dir(env, config.image_cache), config.fetch_timeout)
    link = config.remote_images == "link"
    remote = SiteImages(
        fetcher,
        Path(builder.outdir),
        builder.get_target_uri,
        link=link,
        imagedir=getattr(builder, "imagedir", "_images"),
        copied=getattr(builder, "images", None),
    )
    if link:
        return remote
    for docname, article in sorted(get_domain(env).articles.items()):
        banner = article.banner
        if banner is not None and banner.is_remote:
            remote.resolve(banner.uri, (docname, banner_line(article)), docname)
    for person in (people or {}).values():
        if is_remote(person.avatar):
            remote.resolve(person.avatar, conf_location(confdir, "outcrop_authors"), instead="no avatar")
    return remote


def published_avatars(people: Mapping[str, authors.Author], config: Any, confdir: str) -> dict[str, authors.Author]:
    """``people`` without the local avatars the HTML output will not have (a path that
    is no file of ``html_static_path`` or ``html_extra_path``), one warning each: a
    broken image on every author page otherwise."""
    found = dict(people)
    for name, person in people.items():
        avatar = person.avatar
        if not avatar or is_remote(avatar) or output_file(avatar, config, confdir):
            continue
        found[name] = dataclasses.replace(person, avatar="")
        logger.warning(
            f"outcrop_authors: the avatar of {name!r}, {avatar!r}, is no file of the HTML output "
            "(a file of html_static_path is _static/<its name>); the pages show none",
            type="outcrop",
            subtype=ProblemKind.BAD_VALUE.value,
            location=conf_location(confdir, "outcrop_authors"),
        )
    return found


def output_file(path: str, config: Any, confdir: str) -> bool:
    """Whether ``path`` (relative to the HTML output) is a file Sphinx will copy there:
    ``_static/...`` from ``html_static_path`` (folders, or files copied into ``_static``
    by name), anything from ``html_extra_path``."""
    static, _sep, rest = path.partition("/")
    if static == "_static" and rest:
        for entry in config.html_static_path:
            where = Path(confdir, entry)
            if (where / rest).is_file() or (where.is_file() and where.name == rest):
                return True
    return any(Path(confdir, entry, path).is_file() for entry in config.html_extra_path)


def avatar_url(uri: str, remote: SiteImages | None, relative: Callable[[str], str]) -> str:
    """An avatar's URL from a page: a path in the output made relative (``relative``), a
    remote one the site's copy (nothing when it could not be fetched: the avatar is
    decorative), or as written with ``outcrop_remote_images = "link"``."""
    if not is_remote(uri):
        return relative(uri)
    if remote is None or remote.link:
        return uri
    found = remote.published.get(uri)
    return relative(found.src) if found is not None else ""


def banner_line(article: Article) -> int:
    """The front-matter line of ``article``'s banner (1 when unknown)."""
    written = dict(article.lines)
    return next((written[k] for k in BANNER_KEYS if k in written), 1)


def _load_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def page_inputs(spec: PageSpec, state: BuildState) -> tuple[object, ...]:
    """Everything generated page ``spec`` shows (its digest decides when it is written)."""
    if spec.what in authors.WHAT:
        avatars = state.remote.published if state.remote is not None else {}
        fetched = tuple(avatars.get(p.avatar) for p in state.people.values() if is_remote(p.avatar))
        return (authors.inputs(spec, state.taxonomy, state.views, state.people), fetched)
    if spec.what in series.WHAT:
        return series.inputs(spec, state.taxonomy, state.views)
    return spec_inputs(spec, state.taxonomy, state.views)


def render_generated(spec: PageSpec, state: BuildState, linker: SphinxLinker) -> str:
    """The HTML body of generated page ``spec``."""
    entry_of = functools.partial(state.entry, linker=linker)
    if spec.what in authors.WHAT:
        return authors.render_page(
            spec,
            state.taxonomy,
            linker,
            state.options,
            entry_of,
            people=state.people,
            asset=functools.partial(avatar_url, remote=state.remote, relative=linker.relative),
        )
    if spec.what in series.WHAT:
        return series.render_page(spec, state.taxonomy, linker, state.options, entry_of)
    return render_page(spec, state.taxonomy, linker, state.options, entry_of)


#: The value outcrop gives ``nosearch``, so that a writer's own ``nosearch`` is kept.
NOSEARCH = "outcrop: not listed"


def sync_nosearch(env: BuildEnvironment, articles: Mapping[str, Article], taxonomy: Taxonomy) -> set[str]:
    """Keep unlisted articles (drafts, future) out of the search index; return the
    articles whose setting changed, to be re-written (and so re-indexed)."""
    changed = set()
    for docname in articles:
        metadata = env.metadata.get(docname)
        if metadata is None:
            continue
        hide = docname not in taxonomy.articles
        if hide and "nosearch" not in metadata:
            metadata["nosearch"] = NOSEARCH
            changed.add(docname)
        elif not hide and metadata.get("nosearch") == NOSEARCH:
            del metadata["nosearch"]
            changed.add(docname)
    return changed


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    state = state_of(app.env)
    if state is None:
        return
    state.written.add(docname)
    taxonomy = state.taxonomy
    linker = SphinxLinker(app.builder, app.env, docname, state.urls, state.remote)
    for node in list(doctree.findall(listing)):
        spec = node["spec"]
        if spec["what"] == "latest":
            articles = [taxonomy.articles[d] for d in taxonomy.order[: spec["limit"]]]
            if state.html:
                entries = [state.entry(a, linker) for a in articles]
                markup = render("cards.html", entries=entries, columns=spec["columns"], labels=state.options.labels)
                node.replace_self(nodes.raw("", markup, format="html"))
            else:
                node.replace_self(_plain_list(app, docname, articles))
        elif spec["what"] == "browse":
            if state.html:
                markup = render("browse.html", links=browse_links(state, linker.page))
                node.replace_self(nodes.raw("", markup, format="html"))
            else:
                node.parent.remove(node)
        elif state.html:
            markup = cloud(
                taxonomy,
                spec["kind"],
                linker,
                state.options,
            )
            node.replace_self(nodes.raw("", markup, format="html"))
        else:
            node.replace_self(nodes.paragraph("", ", ".join(t.name for t in taxonomy.terms[spec["kind"]].values())))
    _fill_series_boxes(app, doctree, docname, state, linker)
    for footer in list(doctree.findall(article_footer)):
        if not state.html:
            footer.parent.remove(footer)
            continue
        # At the very end of the page, after the footnotes MyST appends.
        footer.parent.remove(footer)
        newer, older = state.neighbours_of(docname)
        markup = render(
            "footer.html",
            related=[state.entry(a, linker, terms=False) for a in state.related_of(docname)],
            newer=state.entry(newer, linker, terms=False) if newer else None,
            older=state.entry(older, linker, terms=False) if older else None,
            labels=state.options.labels,
            # An article in another language than the site's: outcrop's words are the site's.
            lang=state.translations.site if article_lang(taxonomy, docname) else "",
        )
        doctree.append(article_footer(html=markup))
    if state.html:
        _link_badges(doctree, taxonomy, linker)


def _fill_series_boxes(
    app: Sphinx, doctree: nodes.document, docname: str, state: BuildState, linker: SphinxLinker
) -> None:
    """The series box of each article in ``doctree`` (one for a web page, one per
    article of a book): HTML for web pages, docutils nodes for other writers."""
    articles = get_domain(app.env).articles
    for box in list(doctree.findall(series_box)):
        article = articles.get(box.get("docname", docname))
        if article is None:
            box.parent.remove(box)
        elif state.html:
            box["html"] = series.box_html(state.taxonomy, article, linker, PATHS)
        else:

            def uri(target: str, source: str = article.docname) -> str | None:
                try:
                    return str(app.builder.get_relative_uri(source, target))
                except NoUri:
                    return None

            found = series.box_nodes(state.taxonomy, article, uri, PATHS)
            if found is None:
                box.parent.remove(box)
            else:
                box.replace_self(found)


def article_lang(taxonomy: Taxonomy, docname: str) -> str:
    """The ``lang:`` of ``docname``'s article ("" for the site's language or no article)."""
    article = taxonomy.articles.get(docname)
    return article.lang if article is not None else ""


def article_headers(doctree: nodes.document) -> Iterator[nodes.container]:
    """The article header (:func:`outcrop.site.header.build_header`) where
    :class:`~outcrop.site.header.ArticleHeader` puts it: in the title section, a section
    of the document itself (the article's other sections are nested in it)."""
    for section in doctree.children:
        if isinstance(section, nodes.section):
            for child in section.children:
                if isinstance(child, nodes.container) and "outcrop-header" in child["classes"]:
                    yield child


def _link_badges(doctree: nodes.document, taxonomy: Taxonomy, linker: SphinxLinker) -> None:
    """Link the header's badges to their tag and category pages (only the header has
    badges: searching the whole document was a quarter of the handler's profile)."""
    for badge in [b for header in article_headers(doctree) for b in header.findall(nodes.inline)]:
        kind = badge.get("outcrop_kind")
        if not kind:
            continue
        term = taxonomy.term_of(kind, badge["outcrop_name"])
        if term is None:
            continue
        link = nodes.reference(
            "",
            "",
            *badge.children,
            refuri=linker.page(PATHS.term(kind, term.slug)),
            internal=True,
            classes=badge["classes"],
        )
        badge.replace_self(link)


def _plain_list(app: Sphinx, docname: str, articles: list[Article]) -> nodes.bullet_list:
    items = nodes.bullet_list()
    for article in articles:
        try:
            uri = app.builder.get_relative_uri(docname, article.docname)
        except NoUri:  # the article is not part of this output (e.g. one LaTeX document)
            text: nodes.Node = nodes.Text(article.title)
        else:
            text = nodes.reference("", article.title, internal=True, refuri=uri)
        items += nodes.list_item("", nodes.paragraph("", "", text))
    return items


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    state = state_of(app.env)
    if state is None or not state.html:
        return
    for name in state.to_write:
        spec = state.pages[name]
        linker = SphinxLinker(app.builder, app.env, name, state.urls, state.remote)
        body = render_generated(spec, state, linker)
        # Themes print "title" as HTML (Sphinx renders document titles to HTML): escape it.
        yield name, {"title": html.escape(spec.title), "body": body, "outcrop_generated": True}, "page.html"


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    state = state_of(app.env)
    if exception is not None or state is None or not state.html:
        return
    outdir = Path(app.builder.outdir)
    for path in state.stale:
        if path.is_file() and outdir in path.parents:
            path.unlink()
            remove_empty_parents(path.parent, outdir)
    for name in LEGACY:
        (outdir / name).unlink(missing_ok=True)
    data = {"version": package_version(), **remembered(state), "key": state.key, "computed": state.digests["docs"]}
    own = bookkeeping(app.builder)
    write_atomic(own / SIDECAR, json.dumps(data, sort_keys=True, indent=0).encode("utf-8"))
    missing = sorted(state.remote.missing_in) if state.remote is not None else []
    if missing:
        write_atomic(own / MISSING_IMAGES, json.dumps(missing).encode("utf-8"))
    else:
        (own / MISSING_IMAGES).unlink(missing_ok=True)
    (own / UNFINISHED).unlink(missing_ok=True)


def remembered(state: BuildState) -> dict[str, dict[str, str]]:
    """The digests to keep: the new one for what this build wrote, the old one for the
    rest (a build of a few named files writes only those)."""
    before = state.previous or {"docs": {}, "pages": {}}
    kept: dict[str, dict[str, str]] = {}
    for kind, written in (("docs", state.written), ("pages", set(state.to_write))):
        new = state.digests.get(kind, {})
        kept[kind] = {
            name: new[name] if name in written else before[kind][name]
            for name in new
            if name in written or name in before[kind]
        }
    return kept


def remove_empty_parents(folder: Path, outdir: Path) -> None:
    """Remove ``folder`` and its parents up to ``outdir`` while they are empty."""
    while folder != outdir and outdir in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def pdf_link(setting: str, environ: Mapping[str, str], kind: str = "pdf") -> str:
    """The URL of the PDF (or EPUB) edition: ``setting``, or for ``auto`` Read the
    Docs' download of this project's version (``/_/downloads/<language>/<version>/pdf/``)."""
    if setting != "auto":
        return setting
    if environ.get("READTHEDOCS") != "True":
        return ""
    language = environ.get("READTHEDOCS_LANGUAGE", "en")
    version = environ.get("READTHEDOCS_VERSION", "latest")
    return f"/_/downloads/{language}/{version}/{kind}/"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    state = state_of(app.env)
    # The sidebar blocks (templates in theme/): their words, and their links from this page.
    context["outcrop_labels"] = state.options.labels if state is not None else labels()
    context["outcrop_browse"] = browse_links(state, context["pathto"]) if state is not None else []


def sidebar_links(taxonomy: Taxonomy) -> tuple[tuple[str, str], ...]:
    """outcrop's indexes a browse block links to, (page name, label key) each: tags,
    categories, the archive, and the authors' and the series' when the site has any."""
    found = [(PATHS.index(TAG), "tag_index"), (PATHS.index(CATEGORY), "category_index")]
    found.append((PATHS.archive_page(1), "archive"))
    if taxonomy.terms[AUTHOR]:
        found.append((PATHS.index(AUTHOR), "authors"))
    if taxonomy.terms[SERIES]:
        found.append((PATHS.index(SERIES), "series_index"))
    return tuple(found)


def browse_links(state: BuildState, page: Callable[[str], str]) -> list[dict[str, str]]:
    """The links of a browse block (the sidebar's, the home page's), ``page`` making a
    page name a URL from the page it is on: the indexes (:func:`sidebar_links`), then
    the editions to download (``download`` names their kind)."""
    labels = state.options.labels
    links = [{"url": page(name), "label": labels[key], "download": ""} for name, key in sidebar_links(state.taxonomy)]
    for kind, url in (("pdf", state.pdf_url), ("epub", state.epub_url)):
        if url:
            links.append({"url": url, "label": labels[kind], "download": kind})
    return links


def setup_site(app: Sphinx) -> None:
    app.connect("env-before-read-docs", lambda app, env, docnames: forget_fetcher(env))
    app.connect("html-page-context", on_html_page_context)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-collect-pages", on_html_collect_pages)
    app.connect("build-finished", on_build_finished)
