"""outcrop's configuration: one dataclass, registered as ``outcrop_<field>`` values.

Each field's metadata carries its help text (rendered on the "Configuration" docs
page) and a validator. Values are validated once, at ``config-inited``; an invalid
value is a warning located at ``conf.py`` and falls back to the default, never a crash.
The entries of a list or mapping are validated one by one: a bad entry is left out (or
corrected, as its message says) and the good ones are kept.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from outcrop.article.dates import get_zone
from outcrop.i18n import load_catalogs
from outcrop.problems import ProblemKind

logger = logging.getLogger(__name__)

PREFIX = "outcrop_"


#: A validator returns the value to use and a message per entry it left out or
#: corrected; it raises ValueError when the whole value is unusable.
Cleaned = tuple[Any, list[str]]


def _str_list(value: Any) -> Cleaned:
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list of strings")
    kept = [v for v in value if isinstance(v, str)]
    messages = [f"[{i}]: {v!r} is not a string; left out" for i, v in enumerate(value) if not isinstance(v, str)]
    return kept, messages


def _str(value: Any) -> None:
    if not isinstance(value, str):
        raise ValueError("expected a string")


#: ``outcrop_date_format`` values that name the locale's own form of a date (CLDR, through babel).
DATE_STYLES = ("short", "medium", "long", "full")


def _date_format(value: Any) -> None:
    _str(value)
    if value not in DATE_STYLES and "%" not in value:
        raise ValueError(f"expected one of {', '.join(DATE_STYLES)} or strftime codes such as %-d %B %Y")


def _positive_int(value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError("expected a positive integer")


def _non_negative_int(value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("expected an integer >= 0")


def _positive_number(value: Any) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise ValueError("expected a positive number")


def _date(value: Any) -> None:
    from outcrop.article.dates import parse_date

    parse_date(value, get_zone("UTC"))


def _notice_map(value: Any) -> Cleaned:
    """Each name's admonitions read on their own: the usable ones kept (an unknown kind
    as a note), the others left out, with read_notices' message for each."""
    from outcrop.article.notices import read_notices

    if not isinstance(value, dict):
        raise ValueError("expected a mapping of names to admonitions")
    kept: dict[str, Any] = {}
    messages: list[str] = []
    for name, notices in value.items():
        found, problems = read_notices(notices, key=f"[{str(name)!r}]", line=1)
        messages += [problem.message for problem in problems]
        if found:
            kept[str(name)] = [
                {"kind": n.kind, "title": n.title, "body": n.body, "position": n.position} for n in found
            ]
    return kept, messages


def _choice(*choices: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in choices:
            raise ValueError("expected one of " + ", ".join(repr(c) for c in choices))

    return check


def _bool(value: Any) -> None:
    if not isinstance(value, bool):
        raise ValueError("expected True or False")


def _zone(value: Any) -> None:
    if not isinstance(value, str):
        raise ValueError("expected a time zone name such as 'Europe/Madrid'")
    get_zone(value)


def _permalink(value: Any) -> None:
    from outcrop.article.permalink import STYLES

    if not isinstance(value, str):
        raise ValueError("expected a permalink style or pattern")
    if value and value not in STYLES and not value.startswith(("/", ":")):
        raise ValueError("expected one of " + ", ".join(STYLES) + " or a pattern starting with '/'")


def _redirect_files(value: Any) -> Cleaned:
    names, messages = _str_list(value)
    kept = []
    for name in names:
        if name == "_redirects" or (name.endswith((".json", ".yaml", ".yml")) and "/" not in name and "\\" not in name):
            kept.append(name)
        else:
            messages.append(f": {name!r} is not '_redirects' or a file name ending in .json or .yaml; left out")
    return kept, messages


#: What a link in ``outcrop_authors`` may lead to (never ``javascript:`` or ``data:``).
LINK_SCHEMES = ("http://", "https://", "mailto:")


def _safe_url(value: Any, *, image: bool = False) -> bool:
    """An ``http(s)`` URL (or ``mailto:`` for a link), or for an image a path in the
    HTML output (``_static/ada.png``: no scheme, never leaving the output folder)."""
    if not isinstance(value, str) or not value or any(ord(c) < 32 or c.isspace() for c in value):
        return False
    if value.startswith(("http://", "https://")) or (not image and value.startswith("mailto:")):
        return True
    if not image or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith(("/", "\\")):
        return False
    return ".." not in value.replace("\\", "/").split("/")


def _author_map(value: Any) -> Cleaned:
    """Each author's record: ``name`` (default: the key), ``bio``, ``avatar`` and
    ``links`` (label → URL), unusable parts left out with a message each."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of author keys to {name, bio, avatar, links}")
    kept: dict[str, dict[str, Any]] = {}
    messages: list[str] = []
    for key, record in value.items():
        where = f"[{str(key)!r}]"
        if isinstance(record, str):
            record = {"name": record}
        if not isinstance(key, str) or not key.strip() or not isinstance(record, dict):
            messages.append(f"{where}: expected a name and a mapping {{name, bio, avatar, links}}; left out")
            continue
        clean: dict[str, Any] = {"name": key.strip(), "bio": "", "avatar": "", "links": {}}
        for field, item in record.items():
            if field in ("name", "bio") and isinstance(item, str):
                if " ".join(item.split()):
                    clean[field] = " ".join(item.split())
            elif field == "avatar" and _safe_url(item, image=True):
                clean["avatar"] = item
            elif field == "avatar":
                messages.append(f"{where}['avatar']: {item!r} is not an http(s) URL or a path in the output; left out")
            elif field == "links" and isinstance(item, dict):
                for label, url in item.items():
                    if isinstance(label, str) and label.strip() and _safe_url(url):
                        clean["links"][" ".join(label.split())] = url
                    else:
                        messages.append(
                            f"{where}['links'][{label!r}]: {url!r} is not an http(s) or mailto: URL; left out"
                        )
            else:
                messages.append(f"{where}[{field!r}]: expected name, bio, avatar (text) or links (a mapping); left out")
        kept[key] = clean
    return kept, messages


#: The social cards' colours unless ``outcrop_card_colors`` names others.
CARD_COLOURS = {"background": "#fbfaf7", "foreground": "#1d2327", "accent": "#b5542f"}
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _colours(value: Any) -> Cleaned:
    """``{"background": "#rrggbb", "foreground": ..., "accent": ...}``: unknown keys and
    values that are not ``#rgb``/``#rrggbb`` colours left out."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping such as {'background': '#ffffff'}")
    kept, messages = {}, []
    for key, colour in value.items():
        if key not in CARD_COLOURS:
            messages.append(f"[{key!r}]: not one of {', '.join(CARD_COLOURS)}; left out")
        elif not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
            messages.append(f"[{key!r}]: {colour!r} is not a colour such as '#1d2327'; left out")
        else:
            kept[key] = colour.lower()
    return kept, messages


def _field(default: Any, help: str, validator: Callable[[Any], Cleaned | None], rebuild: str = "env") -> Any:
    factory = (lambda: type(default)(default)) if isinstance(default, list | dict) else None
    metadata = {"help": help, "validator": validator, "rebuild": rebuild}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclasses.dataclass(frozen=True)
class OutcropConfig:
    """All of outcrop's options. In ``conf.py`` each is spelled ``outcrop_<name>``."""

    article_patterns: list[str] = _field(
        ["articles/**", "posts/**", "_posts/**"],
        "Glob patterns (as in ``exclude_patterns``) of the documents that are articles. "
        "A document elsewhere whose front matter says ``layout: post`` is an article too.",
        _str_list,
    )
    timezone: str = _field(
        "UTC",
        "The site's time zone (IANA name). A date without an offset is a time on the "
        "site's clock; a date with one is converted to it, so its day is the site's day.",
        _zone,
    )
    date_format: str = _field(
        "long",
        "How article dates are shown: ``short``, ``medium``, ``long`` or ``full``, the "
        'form of that length in the site\'s ``language`` (``long`` is "June 2, 2025" in '
        '``en``, "2 June 2025" in ``en_GB``, "2 de junio de 2025" in ``es``, '
        '"2025年6月2日" in ``ja``), or strftime codes (``%-d %B %Y``) whose names are localised.',
        _date_format,
    )
    words_per_minute: int = _field(230, "Reading speed used for the reading time in the article header.", _positive_int)
    fix_mojibake: bool = _field(
        True,
        "Repair mojibake (``â€“`` → ``–``) in articles, with a warning naming each repair. "
        "When off, mojibake is only reported.",
        _bool,
    )
    show_drafts: bool = _field(
        False,
        "List drafts, ``published: false`` and future-dated articles too, marked as drafts "
        "(``tox -e live`` turns this on for the live preview).",
        _bool,
    )
    now: str = _field(
        "",
        "The build's date and time for deciding which articles are in the future. Empty: "
        "``SOURCE_DATE_EPOCH`` when set, else the clock.",
        lambda v: _str(v) if v == "" else _date(v),
        "",
    )
    merge_case_variants: bool = _field(
        True,
        "Merge tags (and categories) that differ only in case (``MixedCase``/``Mixedcase``) "
        "into one page, with a warning. When off, each gets its own page.",
        _bool,
    )
    excerpt_separator: str = _field(
        "<!--more-->",
        "Where an article's excerpt ends (Jekyll's ``excerpt_separator``; an article's own "
        "``excerpt_separator:`` wins): listings, feeds and meta descriptions show the "
        "paragraphs before it when the front matter has no ``subtitle``, ``excerpt`` or "
        "``description``; an article without it shows its first paragraph.",
        _str,
    )
    page_size: int = _field(20, "Articles per page on tag, category and author pages.", _positive_int, "")
    archive_page_size: int = _field(
        100, "Articles per page of the archive index (a line each, under their year and month).", _positive_int, ""
    )
    related_count: int = _field(
        5, "How many related articles (most shared tags) to list at the foot of an article.", _non_negative_int, ""
    )
    category_admonitions: dict[str, Any] = _field(
        {},
        "Admonitions shown at the top of every article of a category: "
        '``{"Geohazards": {"kind": "note", "title": "...", "body": "MyST text"}}`` '
        "(a list of such mappings works too). An article opts out with ``category_admonitions: false``.",
        _notice_map,
    )
    tag_admonitions: dict[str, Any] = _field({}, "The same, for tags.", _notice_map)
    site_description: str = _field(
        "",
        "One line about the site: the subtitle on the PDF edition's cover and the PDF's subject.",
        _str,
        "",
    )
    fetch_timeout: float = _field(
        5.0,
        "Seconds to wait for a remote image (a banner or an image given as a URL), fetched for the "
        'HTML output (``outcrop_remote_images = "cache"``) and the editions. A failed image is one '
        "warning and a placeholder; a fetched one is kept in the cache.",
        _positive_number,
        "",
    )
    image_cache: str = _field(
        "",
        "Folder for remote images fetched for the HTML output and the editions (relative to "
        "``conf.py``); empty: ``outcrop-images`` in the doctree folder. Images in the cache are never "
        "fetched again; the smaller widths made for ``srcset`` are kept there too.",
        _str,
        "",
    )
    remote_images: str = _field(
        "cache",
        "Remote images (banners and images given as URLs) in the HTML output: ``cache`` fetches each "
        "once at build time into ``outcrop_image_cache`` and publishes a copy with the site "
        "(``_outcrop/remote/``, named by its content, banners with smaller widths for ``srcset``), so "
        "readers never ask another site; one that cannot be fetched is a warning and a placeholder. "
        "``link``: the pages link to the remote URL, as written.",
        _choice("cache", "link"),
        "html",
    )
    book_part_articles: int = _field(
        3,
        "How many articles a category needs for a part of its own in the book (a divider page); "
        'the articles of smaller categories go, grouped by category, into a last part "More articles" '
        "(or, when no category has that many, one part holds every article). 1: a part for every category.",
        _positive_int,
        "",
    )
    pdf_link: str = _field(
        "auto",
        "Where readers download the PDF edition, linked from the sidebar and the browse block. "
        "``auto``: on Read the Docs, the project's PDF download; elsewhere no link. Empty: no link.",
        _str,
        "html",
    )
    epub_link: str = _field(
        "auto",
        "Where readers download the EPUB edition, linked from the sidebar and the browse block. "
        "``auto``: on Read the Docs, the project's EPUB download; elsewhere no link. Empty: no link.",
        _str,
        "html",
    )
    feed_length: int = _field(20, "How many of the newest articles each Atom feed carries.", _positive_int, "html")
    feed_categories: bool = _field(
        True,
        "Write an Atom feed per category (``categories/<slug>.xml``) besides the site's ``atom.xml``.",
        _bool,
        "html",
    )
    feed_tags: bool = _field(True, "Write an Atom feed per tag (``tags/<slug>.xml``).", _bool, "html")
    feed_authors: bool = _field(True, "Write an Atom feed per author (``authors/<slug>.xml``).", _bool, "html")
    authors: dict[str, Any] = _field(
        {},
        "The site's authors, described on their pages: "
        '``{"ada": {"name": "Ada Lovelace", "bio": "...", "avatar": "_static/ada.png", '
        '"links": {"Website": "https://..."}}}``. An article\'s ``author:`` may give the key or the '
        "name. ``bio`` may hold Markdown emphasis and code; ``avatar`` is an ``http(s)`` URL or a path "
        "in the HTML output (a file of ``html_static_path``); ``links`` lead to ``http(s)`` or "
        "``mailto:`` URLs. An author not described here has a page too, without a bio.",
        _author_map,
    )
    sitemap: bool = _field(
        True, "Write ``sitemap.xml`` and (unless the site has its own) ``robots.txt``.", _bool, "html"
    )
    social_cards: bool = _field(
        True, "Add OpenGraph and Twitter card tags to every page and JSON-LD to articles.", _bool, "html"
    )
    card_images: bool = _field(
        True,
        "Draw a social card (a 1200×630 PNG: site name and logo, title, subtitle, in the site's "
        "colours) for every article without a banner, and name it in ``og:image`` and "
        "``twitter:image``, so that a shared link shows more than its title. Needs ``html_baseurl`` "
        "and ``outcrop_social_cards``.",
        _bool,
        "html",
    )
    card_banners: bool = _field(
        False,
        "Draw a card for articles with a banner too, and name the card instead of the banner "
        "in ``og:image`` (a local banner, or the site's copy of a remote one, fills the card's right side).",
        _bool,
        "html",
    )
    card_colors: dict[str, str] = _field(
        {},
        'The cards\' colours: ``{"background": "#fbfaf7", "foreground": "#1d2327", '
        '"accent": "#b5542f"}`` (those are the defaults; give any of them).',
        _colours,
        "html",
    )
    card_logo: str = _field(
        "",
        "The image beside the site's name on the cards (PNG, JPEG, GIF or WebP; relative to "
        "``conf.py``). Empty: ``html_logo``, when it is such a file (Pillow cannot draw an SVG logo: "
        "name a raster copy here).",
        _str,
        "html",
    )
    card_fonts: list[str] = _field(
        [],
        "Font files (TrueType or OpenType, relative to ``conf.py``) for the cards' text, tried "
        "before the free fonts outcrop looks for (DejaVu Sans, Noto Sans, Liberation Sans, then "
        "fonts for CJK and other scripts): each text is drawn with the first font that has all "
        "its characters. Name your fonts for cards that look the same on every machine.",
        _str_list,
        "html",
    )
    raw_html: str = _field(
        "keep",
        "Raw HTML in articles: ``keep`` publishes it as written (by design), ``warn`` also "
        "reports each ``<script>`` and ``<iframe>``, ``strip`` removes them with a warning.",
        _choice("keep", "warn", "strip"),
    )
    srcdir: str = _field(
        "",
        "The source folder, relative to ``conf.py``, for a site whose ``conf.py`` is kept apart "
        "from its sources (``sphinx-build -c CONFDIR SOURCEDIR``): the ``outcrop`` command finds "
        "the articles there. Empty: ``conf.py``'s own folder. A build reading another folder warns.",
        _str,
        "",
    )
    jekyll_permalink: str = _field(
        "",
        "The ``permalink`` of the Jekyll site the articles come from (a style — ``date``, ``pretty``, "
        "``ordinal``, ``weekdate``, ``none`` — or a pattern such as ``/:year/:title/``): every dated "
        "article then redirects from the URL Jekyll gave it, for posts dropped in without "
        "``outcrop import`` (which writes those URLs into ``aliases:``). Empty: none.",
        _permalink,
    )
    redirects_file: list[str] = _field(
        [],
        "Files listing every redirect (old URL → article) for hosts that redirect themselves, written "
        "into the HTML output: ``_redirects`` (Netlify, Cloudflare Pages), a name ending in ``.json`` "
        "(a list of ``{type, from_url, to_url}``, Read the Docs' redirects API) or ``.yaml``. The "
        "redirect pages are written anyway.",
        _redirect_files,
        "html",
    )
    search: str = _field(
        "sphinx",
        "The site's search: ``sphinx`` (Sphinx's own) or ``pagefind``: full-text search of the "
        "articles with filters by category, tag, author and year (Pagefind, ``pip install "
        "'outcrop[search]'``), indexed after each HTML build that changed an article; Sphinx's "
        "search stays the fallback where Pagefind cannot load (``file://``).",
        _choice("sphinx", "pagefind"),
        "html",
    )
    freeze_heap: bool = _field(
        True,
        "While Sphinx reads, move what the build keeps (its environment) out of the way of Python's "
        "cycle collector every few hundred documents (``gc.freeze``), so that its full collections "
        "stop re-examining the whole environment as the site grows (undone when reading ends), "
        "and freeze everything when the process exits, so that Python's last collection has "
        "nothing to examine. ``False``: Python's collector as configured.",
        _bool,
        "",
    )
    extra_keys: list[str] = _field(
        [],
        "Front-matter keys that outcrop should accept and ignore without a warning "
        "(for example theme keys carried over from Jekyll).",
        _str_list,
    )


FIELDS = {f.name: f for f in dataclasses.fields(OutcropConfig)}


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


def _types(default: Any) -> frozenset[type]:
    return frozenset({int, float}) if isinstance(default, float) else frozenset({type(default)})


def setup_config(app: Sphinx) -> None:
    """Register every field as ``outcrop_<name>`` and validate at ``config-inited``."""
    for name, field in FIELDS.items():
        default = _default(field)
        app.add_config_value(PREFIX + name, default, field.metadata["rebuild"], types=_types(default))
    app.connect("config-inited", _validate, priority=400)
    app.connect("config-inited", _catalogs)


def _catalogs(app: Sphinx, config: Config) -> None:
    """Load outcrop's message catalogs for this build's language; a site's own catalog
    that cannot be read is a warning at ``conf.py``'s ``locale_dirs``, and is left out."""
    for path, why in load_catalogs(app.srcdir, config.language or "en", config.locale_dirs):
        shown = os.path.relpath(path, app.srcdir)
        logger.warning(
            f"locale_dirs: outcrop's message catalog {shown!r} cannot be read, left out: {why}",
            type="outcrop",
            subtype=ProblemKind.BAD_VALUE.value,
            location=conf_location(app.confdir, "locale_dirs"),
        )


def validated(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Every field's value from ``values`` (``outcrop_<name>`` keys; a missing one takes
    its default): an unusable one replaced by its default, bad entries of a list or a
    mapping left out or corrected; one message each, naming the option."""
    result: dict[str, Any] = {}
    messages: list[str] = []
    for name, field in FIELDS.items():
        value = values.get(PREFIX + name, _default(field))
        try:
            cleaned = field.metadata["validator"](value)
        except ValueError as exc:
            fallback = _default(field)
            messages.append(f"invalid value for {PREFIX}{name} ({exc}): {value!r}; using the default, {fallback!r}")
            value = fallback
        else:
            if cleaned is not None:
                value, entries = cleaned
                messages += [f"invalid entry in {PREFIX}{name}{entry}" for entry in entries]
        result[name] = value
    return result, messages


def conf_location(confdir: str | os.PathLike[str] | None, option: str = "") -> str | None:
    """Where a configuration warning points: ``conf.py``, at the line that sets
    ``option`` when there is one (else its first line), as ``path:line``."""
    if not confdir:
        return None
    path = os.path.join(confdir, "conf.py")
    line = 1
    if option:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            text = ""
        match = re.search(rf"^[ \t]*{re.escape(option)}\s*(?:[:=]|\+=)", text, re.MULTILINE)
        if match:
            line = text.count("\n", 0, match.start()) + 1
    # "path:line": Sphinx prints a location with a colon as it is (one without is a docname).
    return f"{path}:{line}"


def _validate(app: Sphinx, config: Config) -> None:
    values, messages = validated({PREFIX + name: getattr(config, PREFIX + name) for name in FIELDS})
    for message in messages:
        option = re.match(r"invalid (?:value for|entry in) (\w+)", message)
        where = conf_location(app.confdir, option[1] if option else "")
        logger.warning(message, type="outcrop", subtype=ProblemKind.BAD_VALUE.value, location=where)
    for name, value in values.items():
        setattr(config, PREFIX + name, value)
    if values["srcdir"] and os.path.realpath(os.path.join(app.confdir, values["srcdir"])) != os.path.realpath(
        app.srcdir
    ):
        logger.warning(
            "%ssrcdir names %s, but this build reads %s: the outcrop command would check other files",
            PREFIX,
            values["srcdir"],
            app.srcdir,
            type="outcrop",
            subtype=ProblemKind.BAD_VALUE.value,
            location=conf_location(app.confdir, PREFIX + "srcdir"),
        )


def get_config(config: Config) -> OutcropConfig:
    """The validated options of this build, as one frozen object."""
    return OutcropConfig(**{name: getattr(config, PREFIX + name) for name in FIELDS})
