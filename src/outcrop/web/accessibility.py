"""Accessibility fixes to markup outcrop does not write itself.

Sphinx marks toctree captions ``<p class="caption" role="heading">`` without the
``aria-level`` that ARIA requires for that role (axe-core: "aria-required-attr",
critical), in the page body and in the navigation themes build from the toctree
(furo's sidebar). :func:`add_heading_levels` adds ``aria-level="2"`` where it is
missing; the handler applies it to the page body, the theme's navigation and the
``toctree()`` template function, after the theme's own handler has run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_HEADING_ROLE = re.compile(r'(<[a-z][a-z0-9]*\b[^<>]*?\srole="heading")(?![^<>]*\baria-level=)')
#: Context values that hold rendered navigation (furo's sidebar tree).
NAVIGATION_KEYS = ("body", "furo_navigation_tree", "sidebar_tree")


def add_heading_levels(markup: str, level: int = 2) -> str:
    if 'role="heading"' not in markup:  # most pages: a substring test, not a regex scan
        return markup
    return _HEADING_ROLE.sub(rf'\1 aria-level="{level}"', markup)


def _fixed(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        return add_heading_levels(result) if isinstance(result, str) else result

    return wrapper


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    for key in NAVIGATION_KEYS:
        if isinstance(context.get(key), str):
            context[key] = add_heading_levels(context[key])
    if callable(context.get("toctree")):
        context["toctree"] = _fixed(context["toctree"])


def setup_accessibility(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context, priority=900)
