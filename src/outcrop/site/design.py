"""sphinx-design's passes on the pages that use it.

outcrop turns sphinx-design on for every site: writers use its grids, cards, tabs and
dropdowns in articles and pages, and outcrop's badges wear its CSS. While each page is
written, sphinx-design then walks the page's whole tree eight times — seven
post-transforms and a ``doctree-resolved`` handler, each looking for the nodes of one
component (dropdowns, tab sets, asides, button and badge references, links that open in
a new tab) — whether the page has such a node or not. That was 0.7 s of a full build
of 1,000 articles (about 3 % of plain Sphinx's build time), on articles that used no
component at all.

Here each page is marked once, when it is read, with whether it holds anything those
passes look for (:func:`uses_design`: one walk instead of eight, and at read time, so a
rebuild that only rewrites pages pays nothing); the eight passes then run on the marked
pages only. The mark is an attribute of the page's doctree, so it travels with the
pickled doctree through parallel reads and incremental builds, and a page read again
is marked again. A page without the mark (a doctree some other code made) gets every
pass, as without outcrop; and any pass a later sphinx-design adds runs everywhere until
it is listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The doctree attribute: ``False`` on a page none of sphinx-design's passes has
#: anything to do on.
MARK = "outcrop_design"

#: What sphinx-design's passes look for: an element with one of these attributes (a
#: dropdown, tab set or aside carries ``design_component``; a badge reference with a
#: tooltip ``sd_tooltip``; a card or button that opens a new tab ``sd_new_tab``) or
#: this class (a button reference).
ATTRIBUTES = frozenset({"design_component", "sd_tooltip", "sd_new_tab"})
CLASS = "sd-btn"

#: The passes gated by the mark (those of sphinx-design 0.8), by module and name: a pass
#: not listed is left alone.
GATED_TRANSFORMS = frozenset(
    {
        ("sphinx_design.dropdown", "DropdownHtmlTransform"),
        ("sphinx_design.tabs", "TabSetHtmlTransform"),
        ("sphinx_design.aside", "AsideHtmlTransform"),
        ("sphinx_design.badges_buttons", "ButtonRefContentStash"),
        ("sphinx_design.badges_buttons", "ButtonRefContentGraft"),
        ("sphinx_design.badges_buttons", "BadgeRefTooltipStash"),
        ("sphinx_design.badges_buttons", "BadgeRefTooltipGraft"),
    }
)
GATED_HANDLERS = frozenset({("sphinx_design.extension", "_resolve_new_tab_refs")})


def uses_design(doctree: nodes.Node) -> bool:
    """Whether anything in ``doctree`` is a node one of sphinx-design's passes acts on."""
    for node in doctree.findall(nodes.Element):
        attributes = node.attributes
        if not ATTRIBUTES.isdisjoint(attributes) or CLASS in attributes["classes"]:
            return True
    return False


def needs_design(document: nodes.Element) -> bool:
    """Whether sphinx-design's passes must run on ``document``: not when it was marked
    as having nothing for them."""
    return document.get(MARK) is not False


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    doctree[MARK] = uses_design(doctree)


def _gate_transform(transform: type[SphinxPostTransform]) -> type[SphinxPostTransform]:
    def is_supported(self: SphinxPostTransform) -> bool:
        return needs_design(self.document) and transform.is_supported(self)

    return type(transform.__name__, (transform,), {"is_supported": is_supported, "__doc__": transform.__doc__})


def _gate_handler(handler: Callable[..., Any]) -> Callable[..., Any]:
    def gated(app: Sphinx, doctree: nodes.document, docname: str) -> Any:
        if needs_design(doctree):
            return handler(app, doctree, docname)
        return None

    gated.__wrapped__ = handler  # type: ignore[attr-defined]
    return gated


def _name(obj: Any) -> tuple[str, str]:
    return getattr(obj, "__module__", ""), getattr(obj, "__name__", "")


def setup_design(app: Sphinx) -> None:
    """Turn sphinx-design on and gate its whole-page passes (see the module's text)."""
    app.setup_extension("sphinx_design")
    registered = app.registry.post_transforms
    for index, transform in enumerate(registered):
        if _name(transform) in GATED_TRANSFORMS and issubclass(transform, SphinxPostTransform):
            registered[index] = _gate_transform(transform)
    for listener in list(app.events.listeners["doctree-resolved"]):
        if _name(listener.handler) in GATED_HANDLERS:
            app.disconnect(listener.id)
            app.connect("doctree-resolved", _gate_handler(listener.handler), priority=listener.priority)
    # After the other handlers of the event, so that the mark sees the page as written.
    app.connect("doctree-read", _on_doctree_read, priority=950)
