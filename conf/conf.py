"""Sphinx configuration of the outcrop site (build: sphinx-build -c conf docs build/html)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

project = "Outcrop"
author = "The outcrop developers"
copyright = "2026, The outcrop developers"
language = "en"

extensions = ["outcrop", "outcrop_docs"]

# outcrop (the sources are in docs/: sphinx-build -c conf docs build/html)
outcrop_srcdir = "../docs"
outcrop_site_description = "Publish an article site with Sphinx"
outcrop_timezone = "Europe/Madrid"
# Full-text search with filters (docs/guide/search.md; needs outcrop[search])
outcrop_search = "pagefind"
# Remote images are fetched once and served from the site (outcrop_remote_images =
# "cache", the default). The neodymium article's banner lives on another site: a build
# without network shows its placeholder instead, and still passes -W.
suppress_warnings = ["outcrop.fetch"]
outcrop_category_admonitions = {
    "Field Geology": {
        "kind": "caution",
        "title": "Field safety",
        "body": "Tell someone where you are going, and check the tide and the weather before you set out.",
    },
}

# Authors, described on their pages (docs/guide/authors-and-series.md); articles name
# them by key ("galena") or by name ("Galena").
outcrop_authors = {
    "galena": {
        "name": "Galena",
        "bio": "Geologist and writer of *galena.es*: minerals, maps and the ethics of mining.",
        "avatar": "_static/authors/galena.svg",
        "links": {"Website": "https://galena.es/"},
    },
    "mika": {
        "name": "Mika Aalto",
        "bio": "Writes about geohazards: permafrost, landslides and the sea when the ground moves.",
        "avatar": "_static/authors/mika.svg",
    },
}

# HTML: the theme choice is explained on docs/guide/theme.md
html_theme = "furo"
html_title = "Outcrop"
html_static_path = [str(HERE.parent / "_static")]
html_css_files = ["site.css"]
html_logo = str(HERE.parent / "_static" / "logo.svg")
html_favicon = str(HERE.parent / "_static" / "favicon.svg")
# The social cards (docs/guide/feeds.md): Pillow cannot draw the SVG logo, so a PNG of
# it, and the logo's brown as the accent.
outcrop_card_logo = str(HERE.parent / "_static" / "logo-card.png")
outcrop_card_colors = {"accent": "#8c5a3c"}
html_last_updated_fmt = None
# Absolute URLs of feeds, sitemap, canonical links and social cards. Read the Docs
# gives each version's address; elsewhere, the published site's.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://outcrop.readthedocs.io/en/latest/")
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "outcrop/browse.html",
        "sidebar/scroll-end.html",
    ]
}
html_theme_options = {
    "sidebar_hide_name": False,
    "navigation_with_keys": True,
}
