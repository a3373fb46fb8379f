"""outcrop: publish an article site with Sphinx.

``extensions = ["outcrop"]`` is all a project needs; each capability registers itself
from its own module, so :func:`setup` reads as the table of contents.

The package is grouped by the stages an article passes through (``README.md`` beside
this file draws them); a lower stage never imports a higher one, which
``tox -e lint`` checks (import-linter, ``[tool.importlinter]`` in ``pyproject.toml``):

1. :mod:`outcrop.article` — reading one article, no Sphinx application;
2. :mod:`outcrop.site` — collecting and rendering the site in Sphinx (every builder);
3. :mod:`outcrop.web` — HTML-only output; 4. :mod:`outcrop.edition` — the book;
   neither imports the other;
5. :mod:`outcrop.cli` — the ``outcrop`` command.

Beside them: :mod:`outcrop.problems` and :mod:`outcrop.atomic` (below every stage) and
:mod:`outcrop.config` (between the article stage, whose readers validate its values,
and the site stage). The one import of this package itself from below, of
``__version__`` (the site and web stages key their bookkeeping by it), is made inside
a function: the package is loaded before any of its modules, so it adds no dependency.
"""

from __future__ import annotations

import dataclasses
import logging
import zlib
from pathlib import Path
from typing import Any

import sphinx_design
from sphinx.application import Sphinx
from sphinx.config import Config

from outcrop.article import linkify
from outcrop.article.checks import MARKDOWN_SUFFIXES
from outcrop.article.model import Article, Banner
from outcrop.config import setup_config
from outcrop.edition.ebook import setup_epub
from outcrop.edition.images import setup_remote_images
from outcrop.edition.latex import setup_latex
from outcrop.i18n import setup_i18n
from outcrop.site.build import setup_site
from outcrop.site.design import setup_design
from outcrop.site.directives import setup_directives
from outcrop.site.domain import setup_domain
from outcrop.site.epigraphs import setup_epigraphs
from outcrop.site.equations import setup_equations
from outcrop.site.header import setup_header
from outcrop.site.heap import setup_heap
from outcrop.site.images import setup_images
from outcrop.site.nodes import setup_nodes
from outcrop.site.source import setup_source
from outcrop.web.accessibility import setup_accessibility
from outcrop.web.build import setup_web
from outcrop.web.images import setup_site_images
from outcrop.web.languages import setup_languages
from outcrop.web.mathjax import setup_mathjax
from outcrop.web.rawhtml import setup_raw_html
from outcrop.web.redirects import setup_redirects
from outcrop.web.search import setup_search
from outcrop.web.themes import setup_themes

__version__ = "0.1.0"

#: MyST extensions outcrop turns on for articles (``outcrop_myst_extensions``).
MYST_EXTENSIONS = [
    "amsmath",
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "linkify",
    "substitution",
    "tasklist",
]
#: Pickled environments hold outcrop's article model: any change to its fields makes
#: Sphinx discard an environment written by another version instead of misreading it.
ENV_VERSION = 1 + zlib.crc32(
    repr([(c.__module__, f.name, str(f.type)) for c in (Article, Banner) for f in dataclasses.fields(c)]).encode()
)
STATIC = Path(__file__).parent / "static"
THEME_TEMPLATES = Path(__file__).parent / "theme"


def setup(app: Sphinx) -> dict[str, Any]:
    _quiet_myst(app)
    linkify.install()
    app.setup_extension("myst_parser")
    setup_design(app)
    _add_jekyll_suffixes(app)
    app.add_config_value("outcrop_myst_extensions", list(MYST_EXTENSIONS), "env", types=frozenset({list}))
    app.connect("config-inited", _enable_myst_extensions)
    app.connect("builder-inited", _add_static)
    app.connect("builder-inited", _dedupe_static, priority=900)
    setup_i18n(app)
    setup_config(app)
    setup_domain(app)
    setup_nodes(app)
    setup_source(app)
    setup_header(app)
    setup_epigraphs(app)
    setup_equations(app)
    setup_directives(app)
    setup_site(app)
    setup_heap(app)
    setup_images(app)
    setup_remote_images(app)
    setup_latex(app)
    setup_epub(app)
    setup_web(app)
    setup_languages(app)
    setup_site_images(app)
    setup_mathjax(app)
    setup_accessibility(app)
    setup_raw_html(app)
    setup_redirects(app)
    setup_search(app)
    setup_themes(app)
    _setup_svg_converter(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_jekyll_suffixes(app: Sphinx) -> None:
    """MyST reads every Markdown extension Jekyll reads (``.markdown``, ``.mkdn``...), so
    that a blog's posts dropped into the source folder are all built, not only the
    ``.md`` ones. A suffix the site maps itself (``source_suffix``) keeps its mapping."""
    for suffix in MARKDOWN_SUFFIXES:
        if suffix not in app.registry.source_suffix:
            app.add_source_suffix(suffix, "markdown")


def _quiet_myst(app: Sphinx) -> None:
    """MyST-Parser prints its whole configuration (a 1,000-character line) on every
    build; a writer sees it with ``-v`` only."""
    level = logging.WARNING if app.verbosity == 0 else logging.NOTSET
    logging.getLogger("sphinx.myst_parser.sphinx_ext.main").setLevel(level)


def _setup_svg_converter(app: Sphinx) -> None:
    """SVG images (banners too) are converted for LaTeX by sphinxcontrib-svg2pdfconverter
    (``rsvg-convert``), when installed (``pip install 'outcrop[pdf]'``)."""
    try:
        import sphinxcontrib.rsvgconverter  # noqa: F401
    except ImportError:
        return
    app.setup_extension("sphinxcontrib.rsvgconverter")


def _enable_myst_extensions(app: Sphinx, config: Config) -> None:
    """Add outcrop's MyST extensions to whatever ``myst_enable_extensions`` the site sets."""
    wanted = set(config.myst_enable_extensions) | set(config.outcrop_myst_extensions)
    config.myst_enable_extensions = sorted(wanted)
    # New lists, never in place: the defaults are shared by every Sphinx app in a process.
    if str(THEME_TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(THEME_TEMPLATES)]
    # At config-inited, not builder-inited: the environment Sphinx pickled then holds the
    # same value, so a rebuild does not announce "The configuration has changed".
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]
    # sphinx-design appends its static folder at builder-inited, after Sphinx compared
    # the configuration with the pickled one: added here too (the duplicate goes at
    # builder-inited), so a rebuild does not announce a change every time.
    design = str(Path(sphinx_design.__file__).parent / "static")
    if design not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, design]


def _dedupe_static(app: Sphinx) -> None:
    """The static folders once each, in order (see :func:`_enable_myst_extensions`)."""
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def _add_static(app: Sphinx) -> None:
    if app.builder.name.startswith("epub"):
        app.add_css_file("outcrop-epub.css")  # the reader's styles, and CSS epubcheck accepts
    elif app.builder.format == "html":
        app.add_css_file("outcrop.css")
