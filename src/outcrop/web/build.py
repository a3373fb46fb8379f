"""The Sphinx glue of feeds, sitemap and social cards (HTML builders, ``html_baseurl`` set).

- ``html-page-context``: Atom autodiscovery links, OpenGraph/Twitter tags and the
  article's JSON-LD go into the page head (``metatags``); the canonical URL is
  Sphinx's own (``html_baseurl``). Each depends only on its page's article and the
  configuration, so incremental builds stay right.
- ``build-finished``: the feeds, ``sitemap.xml`` and ``robots.txt``, computed from the
  whole environment on every build (never from the pages this build happened to
  write), and written only when their bytes change. Feeds of vanished terms are removed.
- Social card images (:mod:`outcrop.web.cards`): a page's card is drawn into the cache
  (beside the doctrees, named by the digest of what it shows) when its page is written,
  so ``-j`` draws them in the writing workers; at ``build-finished`` every article's
  card is checked against the cache and copied into ``_outcrop/cards/`` when it changed
  (a card missing from the cache is drawn then), and cards of vanished articles are
  removed. A rebuild that changes nothing draws and copies nothing.

Absolute URLs need ``html_baseurl``; without it outcrop says so once and writes none of
this (a feed or a card with relative links helps nobody).
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from outcrop.article.model import Article
from outcrop.atomic import write_atomic
from outcrop.config import CARD_COLOURS, PREFIX, OutcropConfig, conf_location, get_config
from outcrop.problems import ProblemKind
from outcrop.site.build import banner_line, bookkeeping, build_now, digest, image_path, is_html, state_of
from outcrop.site.domain import get_domain
from outcrop.site.listing import Paths
from outcrop.site.taxonomy import AUTHOR, CATEGORY, TAG, Taxonomy
from outcrop.site.translations import og_locale
from outcrop.web import cards
from outcrop.web.feeds import Feed, FeedEntry, atom, newest, plain
from outcrop.web.sitemap import Location, robots, sitemap
from outcrop.web.social import PageMeta, feed_links, json_ld, meta_tags

logger = logging.getLogger(__name__)

SITE_FEED = "atom.xml"
PATHS = Paths()
#: Pages Sphinx writes that are not content.
NOT_CONTENT = {"search", "genindex", "py-modindex"}


def base_url(value: str) -> str:
    return value if not value or value.endswith("/") else value + "/"


def feed_path(kind: str, slug: str) -> str:
    return f"{PATHS.term(kind, slug)}.xml"


def _terms(article: Article, taxonomy: Taxonomy, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The article's terms of ``kinds``, as their pages name them, each once."""
    names = (
        taxonomy.name(kind, n) for kind in kinds for n in (article.categories if kind == CATEGORY else article.tags)
    )
    return tuple(dict.fromkeys(names))


def image_url(app: Sphinx, article: Article, base: str) -> str | None:
    """The banner's URL: the site's copy (or a local banner) under ``base`` ("" for
    relative to the site's root), a remote one as written when the site links to it
    (``outcrop_remote_images = "link"``), None when there is none or it was not found."""
    banner = article.banner
    if banner is None:
        return None
    state = state_of(app.env)
    found = image_path(app.builder, app.env, banner, state.remote if state is not None else None)
    if found is None or "://" in found:
        return found
    return base + found


@dataclasses.dataclass(frozen=True)
class CardSite:
    """What every card of this build shares, found once per process (fonts, logo)."""

    site_name: str
    host: str
    colours: tuple[str, str, str]
    fonts: cards.Fonts
    logo: tuple[str, str] | None
    banners: bool
    cache: Path
    problems: tuple[tuple[str, str], ...]  # (message, option it is about)


def card_site(app: Sphinx) -> CardSite | None:
    """The shared part of this build's cards; None when no card is drawn (an option
    turned them off, no ``html_baseurl``, or Pillow cannot draw: see :func:`card_problems`)."""
    config = get_config(app.config)
    base = base_url(app.config.html_baseurl)
    if not (config.card_images and config.social_cards and base) or not is_html(app.builder):
        return None
    if cards.unavailable():
        return None
    found: CardSite | None = getattr(app, "_outcrop_card_site", None)
    if found is not None:
        return found
    problems: list[tuple[str, str]] = []
    own = [os.path.join(app.confdir, path) for path in config.card_fonts]
    fonts, messages = cards.find_fonts(own)
    problems += [(f"social cards: {m}", "card_fonts") for m in messages]
    colours = {**CARD_COLOURS, **config.card_colors}
    logo, option = None, "card_logo" if config.card_logo else "html_logo"
    name = config.card_logo or app.config.html_logo or ""
    if name:
        path = os.path.join(app.confdir, name)
        if "://" in name or not os.path.isfile(path):
            problems.append((f"social cards: the logo {name!r} is not a local file; drawn without it", option))
        else:
            with open(path, "rb") as handle:
                logo = (path, hashlib.blake2b(handle.read(), digest_size=16).hexdigest())
            if cards.logo_image(logo[0], logo[1], colours["background"]) is None:
                problems.append(
                    (
                        f"social cards: Pillow cannot read the logo {name!r} (PNG, JPEG, GIF, WebP; not SVG): "
                        "drawn without it; name a raster copy in outcrop_card_logo",
                        option,
                    )
                )
                logo = None
    parts = urlsplit(base)
    found = CardSite(
        site_name=app.config.project,
        host=(parts.netloc + parts.path).rstrip("/"),
        colours=(colours["background"], colours["foreground"], colours["accent"]),
        fonts=fonts,
        logo=logo,
        banners=config.card_banners,
        cache=Path(app.doctreedir) / "outcrop" / "cards",
        problems=tuple(problems),
    )
    app._outcrop_card_site = found  # type: ignore[attr-defined]
    return found


def is_svg(url: str) -> bool:
    return urlsplit(url).path.lower().endswith((".svg", ".svgz"))


#: Banners Pillow can draw on a card (an SVG banner is left out).
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")


def card_spec(app: Sphinx, site: CardSite, article: Article, base: str) -> cards.CardSpec | None:
    """What ``article``'s card shows; None when it has none: its banner is its image
    (unless it is an SVG, which no social network shows)."""
    banner_url = image_url(app, article, base)
    if not site.banners and banner_url is not None and not is_svg(banner_url):
        return None
    banner, path = None, ""
    if article.banner is not None and not article.banner.is_remote:
        if app.env.images.get(article.banner.uri.lstrip("/")):
            path = os.path.join(app.srcdir, article.banner.uri.lstrip("/"))
    elif article.banner is not None:  # the site's copy of a remote banner, if it has one
        state = state_of(app.env)
        published = state.remote.published.get(article.banner.uri) if state and state.remote else None
        if published is not None:
            path = os.path.join(app.outdir, published.src)
    if path and path.lower().endswith(RASTER):
        try:
            stat = os.stat(path)
        except OSError:
            pass
        else:
            banner = (path, stat.st_size, stat.st_mtime_ns)
    return cards.CardSpec(
        title=plain(article.title),
        subtitle=plain(article.subtitle or article.description),
        site_name=site.site_name,
        host=site.host,
        colours=site.colours,
        fonts=site.fonts,
        logo=site.logo,
        banner=banner,
    )


def cached_card(site: CardSite, spec: cards.CardSpec, key: str) -> tuple[bytes, list[str]]:
    """The card's bytes from the cache, drawn (and kept there) when missing, and what
    drawing it had to leave out (kept beside it: a card drawn by a writing process with
    ``-j`` is reported at build-finished, from the cache)."""
    path, notes = site.cache / f"{key}.png", site.cache / f"{key}.json"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        try:
            return data, list(json.loads(notes.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return data, []
    data, messages = cards.render(spec)
    # two articles may show the same card, drawn by two writing processes at once
    if not site.cache.is_dir():
        site.cache.mkdir(parents=True, exist_ok=True)
    if messages:
        _write_own(notes, json.dumps(messages).encode("utf-8"))
    _write_own(path, data)
    return data, messages


def _write_own(path: Path, data: bytes) -> None:
    """Write ``path`` through a file of this process's own (another may write it too)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


def card_url(base: str, docname: str) -> str:
    return base + quote(cards.card_path(docname))


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    base = base_url(app.config.html_baseurl)
    state = state_of(app.env)
    if not base or state is None or not is_html(app.builder):
        return
    config = state.config
    builder = app.builder
    site_name = app.config.project
    head = [feed_links([(site_name, base + SITE_FEED)])]
    spec = state.pages.get(pagename)
    if spec is not None and spec.what in ("term", "author") and _term_feeds(config, spec.kind):
        term = state.taxonomy.terms[spec.kind].get(spec.slug)
        name = term.name if term is not None else spec.title
        head.append(feed_links([(f"{site_name}: {name}", base + feed_path(spec.kind, spec.slug))]))
    if config.social_cards:
        article = get_domain(app.env).articles.get(pagename)
        if article is not None:
            title = article.title
        elif pagename in app.env.titles:
            title = app.env.titles[pagename].astext()
        else:
            title = html.unescape(str(context.get("title", "")))
        image = image_url(app, article, base) if article else None
        image_alt, image_size = "", None
        site = card_site(app) if article else None
        card = card_spec(app, site, article, base) if site and article else None
        if site is not None and card is not None:
            cached_card(site, card, cards.card_key(card))  # drawn here: in the workers with -j
            image, image_alt, image_size = (
                card_url(base, pagename),
                f"{title} – {site_name}",
                (cards.WIDTH, cards.HEIGHT),
            )
        page = PageMeta(
            url=base + builder.get_target_uri(pagename),
            title=title,
            site_name=site_name,
            image=image,
            image_alt=image_alt,
            image_size=image_size,
            article=article,
            terms=_terms(article, state.taxonomy, (TAG,)) if article else (),
            section=_terms(article, state.taxonomy, (CATEGORY,))[0] if article and article.categories else "",
            author=app.config.author,
            locale=og_locale(article.lang if article and article.lang else state.translations.site),
            alternates=tuple(
                dict.fromkeys(found for v in state.translations.others(pagename) if (found := og_locale(v.lang))).keys()
            ),
        )
        head.append(meta_tags(page))
        head.append(json_ld(page))
    context["metatags"] = context.get("metatags", "") + "".join(head)


def _term_feeds(config: OutcropConfig, kind: str) -> bool:
    return {TAG: config.feed_tags, CATEGORY: config.feed_categories, AUTHOR: config.feed_authors}.get(kind, False)


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` unless the file holds it already (keeps mtimes for rsync/CDNs)."""
    if path.is_file() and path.read_bytes() == data:
        return
    write_atomic(path, data)


def feeds(app: Sphinx, taxonomy: Taxonomy, base: str) -> dict[str, Feed]:
    """Every feed of the site: output path → what it holds."""
    config = get_config(app.config)
    builder: Builder = app.builder
    now = build_now(config)
    site_name = app.config.project

    def entries(docnames: tuple[str, ...] | list[str]) -> tuple[FeedEntry, ...]:
        articles = newest([taxonomy.articles[d] for d in docnames], now, config.feed_length)
        return tuple(
            FeedEntry(a, base + builder.get_target_uri(a.docname), _terms(a, taxonomy, (CATEGORY, TAG)))
            for a in articles
        )

    def make(url: str, home: str, title: str, docnames: tuple[str, ...] | list[str]) -> Feed:
        return Feed(
            url=url,
            home=home,
            title=title,
            subtitle=config.site_description,
            author=app.config.author or app.config.project,
            language=app.config.language or "",
            entries=entries(docnames),
            fallback_updated=now,
        )

    home = base + builder.get_target_uri(app.config.root_doc)
    result = {SITE_FEED: make(base + SITE_FEED, home, site_name, list(taxonomy.order))}
    for kind in (CATEGORY, TAG, AUTHOR):
        if not _term_feeds(config, kind):
            continue
        for term in taxonomy.terms[kind].values():
            path = feed_path(kind, term.slug)
            page = base + builder.get_target_uri(PATHS.term(kind, term.slug))
            result[path] = make(base + path, page, f"{site_name}: {term.name}", term.docnames)
    return result


def locations(app: Sphinx, taxonomy: Taxonomy, pages: list[str], base: str) -> list[Location]:
    """Every page a search engine should know: documents (not drafts, future articles
    or Sphinx's search and index pages) and outcrop's generated pages."""
    config = get_config(app.config)
    now = build_now(config)
    articles = get_domain(app.env).articles
    result = []
    for docname in sorted(app.env.found_docs):
        article = articles.get(docname)
        if article is not None and (article.is_draft or (article.date is not None and article.date > now)):
            continue  # drafts and future articles are not published yet
        lastmod = (article.updated or article.date) if article else None
        result.append(Location(base + app.builder.get_target_uri(docname), lastmod))
    for name in pages:
        if name not in NOT_CONTENT:
            result.append(Location(base + app.builder.get_target_uri(name)))
    return result


def has_own_robots(app: Sphinx) -> bool:
    return any(Path(app.confdir, extra, "robots.txt").is_file() for extra in app.config.html_extra_path)


FEED_DIGESTS = "feeds.json"
CARD_KEYS = "cards.json"


def card_problems(app: Sphinx, site: CardSite | None) -> None:
    """Say once per build why cards are not drawn, or drawn without a font or the logo."""
    config = get_config(app.config)
    if not (config.card_images and config.social_cards):
        return
    reason = cards.unavailable()
    messages = [(f"social cards are not drawn: {reason}", "card_images")] if reason else []
    messages += list(site.problems) if site is not None else []
    for message, option in messages:
        logger.warning(
            message,
            type="outcrop",
            subtype=ProblemKind.CARD.value,
            location=conf_location(app.confdir, option if option == "html_logo" else PREFIX + option),
        )


def write_cards(app: Sphinx, site: CardSite, base: str, outdir: Path, own: Path) -> None:
    """Every article's card in ``outdir`` as the cache has it (drawn when missing);
    cards of vanished articles removed, from the output and the cache."""
    try:
        previous = json.loads((own / CARD_KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    keys: dict[str, str] = {}
    for docname, article in sorted(get_domain(app.env).articles.items()):
        if docname not in app.env.found_docs:
            continue
        spec = card_spec(app, site, article, base)
        if spec is None:
            continue
        key, relative = cards.card_key(spec), cards.card_path(docname)
        keys[relative] = key
        if previous.get(relative) == key and (outdir / relative).is_file():
            continue
        data, messages = cached_card(site, spec, key)
        for message in messages:
            logger.warning(
                f"social card: {message}; drawn without it",
                type="outcrop",
                subtype=ProblemKind.CARD.value,
                location=(docname, banner_line(article)),
            )
        _write(outdir / relative, data)
    folder = outdir / cards.FOLDER
    if folder.is_dir():
        for path in sorted(folder.rglob("*.png"), reverse=True):
            if path.relative_to(outdir).as_posix() not in keys:
                path.unlink()
        for path in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
            if not any(path.iterdir()):
                path.rmdir()
    wanted = {f"{key}{suffix}" for key in keys.values() for suffix in (".png", ".json")}
    if site.cache.is_dir():
        for path in site.cache.iterdir():
            if path.name not in wanted:
                path.unlink()
    _write(own / CARD_KEYS, json.dumps(keys, sort_keys=True, indent=0).encode("utf-8"))


def remove_cards(outdir: Path, own: Path) -> None:
    """Cards turned off: none left in the output."""
    shutil.rmtree(outdir / cards.FOLDER, ignore_errors=True)
    (own / CARD_KEYS).unlink(missing_ok=True)


def write_feeds(outdir: Path, all_feeds: dict[str, Feed], own: Path) -> dict[str, str]:
    """Write the feeds whose content changed since the last build (serialising 150 tag
    feeds costs a no-op rebuild half a second); return path → digest, also kept in
    ``own`` (outcrop's bookkeeping folder for ``outdir``) for the next build."""
    from outcrop import __version__

    try:
        previous = json.loads((own / FEED_DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    digests = {}
    for path, feed in all_feeds.items():
        key = digest((__version__, feed))
        if previous.get(path) != key or not (outdir / path).is_file():
            _write(outdir / path, atom(feed, __version__))
        digests[path] = key
    _write(own / FEED_DIGESTS, json.dumps(digests, sort_keys=True, indent=0).encode("utf-8"))
    return digests


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    state = state_of(app.env)
    if exception is not None or state is None or not is_html(app.builder):
        return
    base = base_url(app.config.html_baseurl)
    if not base:
        logger.info("outcrop: html_baseurl is not set, so no feeds, sitemap or social cards are written")
        return
    config = get_config(app.config)
    outdir = Path(app.builder.outdir)
    written = write_feeds(outdir, feeds(app, state.taxonomy, base), bookkeeping(app.builder))
    for folder in (PATHS.tags, PATHS.categories, PATHS.authors):  # feeds of vanished terms, or turned off
        for stale in (outdir / folder).glob("*.xml"):
            if f"{folder}/{stale.name}" not in written:
                stale.unlink()
    site = card_site(app)
    card_problems(app, site)
    if site is not None:
        write_cards(app, site, base, outdir, bookkeeping(app.builder))
    else:
        remove_cards(outdir, bookkeeping(app.builder))
    if config.sitemap:
        _write(outdir / "sitemap.xml", sitemap(locations(app, state.taxonomy, sorted(state.pages), base)))
        if not has_own_robots(app):
            _write(outdir / "robots.txt", robots(base + "sitemap.xml"))


def number_equations(app: Sphinx, config: Config) -> None:
    """MathJax numbers amsmath environments and resolves ``\\eqref`` only with AMS
    tags; Sphinx leaves them off. A site's own ``mathjax3_config`` wins."""
    if config.mathjax3_config is None:
        config.mathjax3_config = {"tex": {"tags": "ams"}}
        # MyST-Parser adds its classes at builder-inited, after Sphinx compared this
        # configuration with the one it pickled: set here, every rebuild would say
        # "The configuration has changed (mathjax3_config)" otherwise.
        if "dollarmath" in config.myst_enable_extensions and getattr(config, "myst_update_mathjax", False):
            classes = getattr(config, "myst_mathjax_classes", "")
            config.mathjax3_config["options"] = {"processHtmlClass": classes}


class MathJaxNumbers(SphinxPostTransform):
    r"""With AMS tags MathJax numbers amsmath environments itself (that is what makes
    the author's ``\label``/``\eqref`` work): Sphinx's number beside them would print
    every number twice."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        config = self.config.mathjax3_config or {}
        tags = config.get("tex", {}).get("tags") if isinstance(config.get("tex"), dict) else None
        if tags in (None, "none") or (self.config.html_math_renderer or "mathjax") != "mathjax":
            return
        for block in self.document.findall(nodes.math_block):
            if "amsmath" in block["classes"]:
                block["number"] = None


def prepare_cards(app: Sphinx) -> None:
    """Find the cards' fonts and logo before Sphinx forks its writing processes."""
    card_site(app)


def setup_web(app: Sphinx) -> None:
    app.connect("config-inited", number_equations)
    app.connect("builder-inited", prepare_cards)
    app.add_post_transform(MathJaxNumbers)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
