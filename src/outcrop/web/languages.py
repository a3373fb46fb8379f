"""Pages in several languages (HTML): each article page's ``lang`` and its translations.

- ``html-page-context``: an article whose ``lang:`` is not the site's language gets it
  as its page's language (the ``lang`` of ``<html>``, which every theme writes from
  ``language``, or ``lang_attr`` for sphinx-rtd-theme); an article with translations
  gets an ``<link rel="alternate" hreflang>`` per version in its head, itself included,
  and ``x-default`` for the version in the site's language. The links are absolute with
  ``html_baseurl`` (as search engines want them), else relative.
- ``doctree-resolved``: the language switcher ("Also in: Español · Français") at the
  end of the article's header, each link with its ``lang`` and ``hreflang``.

Which articles are translations of which is :mod:`outcrop.site.translations`'; a
change in a group is in the digest of its pages (:mod:`outcrop.site.build`), so they
are re-written with it.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from outcrop.i18n import _
from outcrop.site.build import SphinxLinker, article_headers, is_html, state_of
from outcrop.site.domain import get_domain
from outcrop.site.listing import render
from outcrop.site.translations import language_name


def hreflang_links(versions: list[tuple[str, str]], default: str | None) -> str:
    """``<link rel="alternate">`` elements for (language, URL) pairs, and ``x-default``
    for the URL ``default``."""
    pairs = [*versions, ("x-default", default)] if default else versions
    return "".join(
        f'<link rel="alternate" hreflang="{html.escape(lang)}" href="{html.escape(url)}" />\n' for lang, url in pairs
    )


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    state = state_of(app.env)
    if state is None or not is_html(app.builder):
        return
    article = get_domain(app.env).articles.get(pagename)
    if article is None:
        return
    if article.lang:
        context["language"] = article.lang
        context["lang_attr"] = article.lang
    versions = state.translations.versions(pagename)
    if not versions:
        return
    base = app.config.html_baseurl
    base = base if not base or base.endswith("/") else base + "/"

    own = app.builder.get_target_uri(pagename)

    def url(docname: str) -> str:
        target = app.builder.get_target_uri(docname)
        if base:
            return f"{base}{target}"
        if docname == pagename:  # the page's own address, not "#"
            return target.rsplit("/", 1)[-1] or "./"
        return relative_uri(own, target)

    default = state.translations.default(pagename)
    links = hreflang_links([(v.lang, url(v.docname)) for v in versions], url(default.docname) if default else None)
    context["metatags"] = context.get("metatags", "") + links


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    state = state_of(app.env)
    if state is None or not state.html:
        return
    others = state.translations.others(docname)
    if not others:
        return
    article = state.taxonomy.articles.get(docname)
    linker = SphinxLinker(app.builder, app.env, docname, state.urls)
    markup = render(
        "translations.html",
        label=_("Translations"),
        also_in=_("Also in:"),
        lang=state.translations.site if article is not None and article.lang else "",
        versions=[{"url": linker.page(v.docname), "lang": v.lang, "name": language_name(v.lang)} for v in others],
    )
    for header in article_headers(doctree):
        # Under the date line (and the badges), above the banner.
        classes = [c["classes"] if isinstance(c, nodes.Element) else [] for c in header.children]
        place = next((i + 1 for i, found in enumerate(classes) if "outcrop-meta" in found), 0)
        if place < len(classes) and "outcrop-badges" in classes[place]:
            place += 1
        header.insert(place, nodes.raw("", markup, format="html"))
        break


def setup_languages(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context)
    app.connect("doctree-resolved", on_doctree_resolved)
