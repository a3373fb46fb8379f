"""Directives that place article listings in a document (the home page, for instance),
and the ``{liquid}`` role that marks Jekyll Liquid left for a human.

Each directive leaves a :class:`~outcrop.site.nodes.listing` placeholder and records it in
the domain, so that the document is re-written whenever what it lists changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from outcrop.article.liquid import PLACEHOLDER_TEXT
from outcrop.site.domain import get_domain
from outcrop.site.nodes import listing


class LatestDirective(SphinxDirective):
    """``outcrop-latest``: the newest articles as cards (``:limit:``, ``:columns:``)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "limit": directives.positive_int,
        "columns": lambda v: directives.choice(v, ("1", "2", "3")),
    }

    def run(self) -> list[nodes.Node]:
        spec = {"what": "latest", "limit": self.options.get("limit", 9), "columns": int(self.options.get("columns", 3))}
        return [_placeholder(self, spec)]


class CloudDirective(SphinxDirective):
    """``outcrop-cloud``: every tag (or, with ``:kind: categories``, category) with counts."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "kind": lambda v: directives.choice(v, ("tags", "categories")),
    }

    def run(self) -> list[nodes.Node]:
        spec = {"what": "cloud", "kind": "category" if self.options.get("kind") == "categories" else "tag"}
        return [_placeholder(self, spec)]


class BrowseDirective(SphinxDirective):
    """``outcrop-browse``: links to the tags index, the categories index and the archive."""

    def run(self) -> list[nodes.Node]:
        return [_placeholder(self, {"what": "browse"})]


def _placeholder(directive: SphinxDirective, spec: dict[str, Any]) -> listing:
    node = listing(spec=spec)
    directive.set_source_info(node)
    get_domain(directive.env).add_listing(directive.env.docname, spec)
    return node


def liquid_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{liquid}`...```: Liquid that was not converted (the source keeps it; readers see a
    placeholder). The ``outcrop.liquid`` warning comes from :mod:`outcrop.article.liquid`."""
    return [nodes.inline(rawtext, PLACEHOLDER_TEXT, classes=["outcrop-liquid"])], []


def setup_directives(app: Sphinx) -> None:
    app.add_role("liquid", liquid_role)
    app.add_directive("outcrop-latest", LatestDirective)
    app.add_directive("outcrop-cloud", CloudDirective)
    app.add_directive("outcrop-browse", BrowseDirective)
