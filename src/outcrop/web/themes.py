"""Themes: outcrop's glue for the common Sphinx themes, and a missing theme.

:data:`THEMES` names, for each theme outcrop is tested on, the PyPI package that
provides it and the ``html_sidebars`` that add outcrop's "Browse" block (links to the
tags, categories and archive) beside the theme's own navigation, with a block template
in that theme's markup (``templates/outcrop/browse*.html``). ``outcrop init`` writes
them into a new site's ``conf.py``; the "Themes" docs page lists them.

A theme that is not installed would stop Sphinx with a crash banner
(``ThemeError: no theme named 'furo' found``). :func:`check_theme` replaces it with
``alabaster`` at ``config-inited`` and, for HTML builders, reports it as one
``outcrop.theme`` warning naming the package to install (``-W`` makes it fatal).
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import weakref
from collections.abc import Iterable
from pathlib import Path

import sphinx
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from outcrop.config import conf_location
from outcrop.problems import ProblemKind

logger = logging.getLogger(__name__)

#: The theme outcrop builds with when the configured one is not installed (Sphinx's own).
FALLBACK = "alabaster"


@dataclasses.dataclass(frozen=True)
class Theme:
    """How outcrop fits into one theme."""

    name: str
    #: The PyPI distribution that provides it.
    package: str
    #: ``html_sidebars["**"]`` with outcrop's browse block; empty for a theme whose
    #: sidebar is not made of templates (sphinx_rtd_theme: the home page's
    #: ``{outcrop-browse}`` block is the way there).
    sidebars: tuple[str, ...] = ()
    #: Shown in ``outcrop init``'s question.
    label: str = ""


THEMES: dict[str, Theme] = {
    theme.name: theme
    for theme in (
        Theme(
            "furo",
            "furo",
            (
                "sidebar/brand.html",
                "sidebar/search.html",
                "sidebar/scroll-start.html",
                "sidebar/navigation.html",
                "outcrop/browse.html",
                "sidebar/scroll-end.html",
            ),
            "furo: clean, light and dark, the lightest (the default)",
        ),
        Theme(
            "alabaster",
            "alabaster",
            ("about.html", "searchfield.html", "navigation.html", "outcrop/browse-alabaster.html", "relations.html"),
            "alabaster: Sphinx's own, classic",
        ),
        Theme(
            "pydata_sphinx_theme",
            "pydata-sphinx-theme",
            ("sidebar-nav-bs.html", "outcrop/browse-pydata.html"),
            "pydata-sphinx-theme: top navigation bar, three columns",
        ),
        Theme(
            "sphinx_book_theme",
            "sphinx-book-theme",
            ("navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html", "outcrop/browse-pydata.html"),
            "sphinx-book-theme: a book layout",
        ),
        Theme(
            "shibuya",
            "shibuya",
            ("sidebars/localtoc.html", "outcrop/browse-shibuya.html"),
            "shibuya: magazine typography",
        ),
        Theme("sphinx_rtd_theme", "sphinx-rtd-theme", (), "sphinx-rtd-theme: the Read the Docs look"),
    )
}


def available_themes(confdir: str | Path, config: Config, registered: Iterable[str] = ()) -> set[str]:
    """The HTML theme names Sphinx can load, found as Sphinx finds them: its own, the
    ``html_theme_path`` folders, the ``sphinx.html_themes`` entry points and the
    themes extensions registered."""
    names = set(registered)
    names |= {entry.name for entry in importlib.metadata.entry_points(group="sphinx.html_themes")}
    folders = [Path(sphinx.package_dir, "themes"), *(Path(confdir, p) for p in config.html_theme_path)]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix.lower() == ".zip":
                names.add(path.stem)
            elif (path / "theme.toml").is_file() or (path / "theme.conf").is_file():
                names.add(path.name)
    return names


def install_hint(name: str) -> str:
    theme = THEMES.get(name)
    if theme is None:
        return "install the package that provides it"
    extra = " (or pip install 'outcrop[theme]')" if name == "furo" else ""
    return f"pip install {theme.package}{extra}"


#: The theme each app could not load (reported once its builder is known to be HTML).
_MISSING: weakref.WeakKeyDictionary[Sphinx, str] = weakref.WeakKeyDictionary()


def check_theme(app: Sphinx, config: Config) -> None:
    name = config.html_theme
    if not isinstance(name, str) or name in available_themes(app.confdir, config, app.registry.html_themes):
        return
    # The missing theme's options and sidebar templates would stop the fallback too.
    config.html_theme = FALLBACK
    config.html_theme_options = {}
    config.html_sidebars = {}
    _MISSING[app] = name


def report_theme(app: Sphinx) -> None:
    missing = _MISSING.pop(app, None)
    if missing is None or app.builder.format != "html":
        return
    logger.warning(
        "html_theme %r is not installed, so the site is built with %s (and its default sidebars) instead: %s",
        missing,
        FALLBACK,
        install_hint(missing),
        type="outcrop",
        subtype=ProblemKind.THEME.value,
        location=conf_location(app.confdir, "html_theme"),
    )


def setup_themes(app: Sphinx) -> None:
    app.connect("config-inited", check_theme, priority=900)
    app.connect("builder-inited", report_theme)
