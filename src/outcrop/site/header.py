"""The article header: title, subtitle, date, reading time, badges and banner.

:func:`build_header` is a pure function from an :class:`~outcrop.article.model.Article` to
format-neutral docutils nodes (a container with paragraphs, inlines and an image), so
HTML, LaTeX and every other writer render it. :class:`ArticleHeader` is the transform
that puts the real title in place of the placeholder and inserts the header under it.
"""

from __future__ import annotations

import dataclasses

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from outcrop.article.frontmatter import BANNER_KEYS, is_generic_alt, safe_image_uri
from outcrop.article.inline import STYLES, Span
from outcrop.article.model import Article, Banner
from outcrop.article.notices import notices_for
from outcrop.config import OutcropConfig, get_config
from outcrop.i18n import _, ngettext
from outcrop.problems import emit
from outcrop.site.admonitions import make_admonition, myst_parser_for
from outcrop.site.domain import get_domain
from outcrop.site.excerpts import body_excerpt
from outcrop.site.listing import format_day
from outcrop.site.nodes import article_date, article_footer, series_box
from outcrop.site.source import TITLE_PLACEHOLDER
from outcrop.site.taxonomy import AUTHOR, CATEGORY, TAG
from outcrop.site.translations import site_language

CATEGORY_BADGE = ["sd-badge", "sd-bg-primary", "sd-bg-text-primary", "outcrop-category"]
TAG_BADGE = ["sd-badge", "sd-outline-secondary", "sd-text-secondary", "outcrop-tag"]


_NODES: dict[str, type[nodes.TextElement]] = {
    "emphasis": nodes.emphasis,
    "strong": nodes.strong,
    "literal": nodes.literal,
    "subscript": nodes.subscript,
    "superscript": nodes.superscript,
}


def span_nodes(spans: tuple[Span, ...]) -> list[nodes.Node]:
    """Docutils inline nodes for front-matter markup (:mod:`outcrop.article.inline`):
    text nodes inside one element per style, so every builder writes them escaped.
    Strike-through has no docutils element: an inline with the ``strikethrough`` class."""
    result: list[nodes.Node] = []
    for text, styles in spans:
        node: nodes.Node = nodes.Text(text)
        for style in sorted(styles, key=STYLES.index, reverse=True):
            node = _NODES[style]("", "", node) if style in _NODES else nodes.inline("", "", node, classes=[style])
        result.append(node)
    return result


def build_header(article: Article, *, date_text: str, minutes: int, site_lang: str = "") -> nodes.container:
    """The header block shown under an article's title. In an article whose language is
    not the site's, outcrop's own words (the date, the reading time) are marked as the
    site's language, ``site_lang`` (docutils writes a ``language-`` class as ``lang``)."""
    header = nodes.container(classes=["outcrop-header"])
    ours = [f"language-{site_lang}"] if article.lang and site_lang else []
    if article.is_draft:
        header += nodes.paragraph("", _("Draft: not published"), classes=["outcrop-draft-mark", *ours])
    if article.subtitle:
        header += nodes.paragraph("", "", *span_nodes(article.spans("subtitle")), classes=["outcrop-subtitle"])
    meta = nodes.paragraph(classes=["outcrop-meta", *ours])
    if article.date is not None:
        meta += article_date("", date_text, datetime=article.date.isoformat())
        meta += nodes.inline("", " · ", classes=["outcrop-sep"])
    meta += nodes.inline("", ngettext("%d min read", "%d min read", minutes), classes=["outcrop-reading-time"])
    if article.authors:
        meta += nodes.inline("", " · ", classes=["outcrop-sep"])
        authors = nodes.inline(classes=["outcrop-authors"])
        for index, name in enumerate(article.authors):
            if index:
                authors += nodes.Text(", ")
            # outcrop.site.build links each name to the author's page when writing HTML.
            authors += nodes.inline("", name, classes=["outcrop-author"], outcrop_kind=AUTHOR, outcrop_name=name)
        meta += authors
    header += meta
    if article.categories or article.tags:
        badges = nodes.paragraph(classes=["outcrop-badges"])
        for kind, names, classes in ((CATEGORY, article.categories, CATEGORY_BADGE), (TAG, article.tags, TAG_BADGE)):
            for name in names:
                # outcrop.site.build links each badge to its page when writing HTML.
                badges += nodes.inline("", name, classes=classes, outcrop_kind=kind, outcrop_name=name)
                badges += nodes.Text(" ")
        header += badges
    if article.banner is not None:
        banner = nodes.image(uri=article.banner.uri, alt=article.banner.alt, classes=["outcrop-banner"])
        written = dict(article.lines)
        banner.line = next((written[k] for k in BANNER_KEYS if k in written), None)
        header += banner
    return header


_ELEMENT_ASTEXT = nodes.Element.astext
_TEXT_ASTEXT = nodes.Text.astext


def text_of(node: nodes.Node) -> str:
    """``node.astext()``, a third quicker over an article: docutils unescapes every text
    node (three splits and joins each), which changes only a text holding a null
    character. Elements and texts of a class with an ``astext`` of its own (an image
    gives its alt text) are asked for theirs."""
    astext = type(node).astext
    if astext is _TEXT_ASTEXT and isinstance(node, nodes.Text):
        return str(node) if "\x00" not in node else node.astext()
    if astext is _ELEMENT_ASTEXT and isinstance(node, nodes.Element):
        return node.child_text_separator.join([text_of(child) for child in node.children])
    return node.astext()


def take_duplicate_banner(section: nodes.section, article: Article) -> Banner | None:
    """Remove a leading body image that repeats the banner; return the banner with the
    best alt text (front matter first, then the body image's alt, then its title)."""
    banner = article.banner
    if banner is None:
        return None
    for child in section.children[1:]:
        if isinstance(child, nodes.section):
            break
        if not isinstance(child, nodes.paragraph):
            continue
        images = list(child.findall(nodes.image))
        if len(images) != 1 or any(text.strip() for text in child.findall(nodes.Text)):
            continue
        image = images[0]
        if safe_image_uri(image["uri"], article.docname) != banner.uri:
            continue
        child.parent.remove(child)
        if banner.alt:
            return banner
        alt, title = image.get("alt", ""), image.get("title", "")
        best = alt if not is_generic_alt(alt, banner.uri) else (title or alt)
        return dataclasses.replace(banner, alt=" ".join(best.split()))
    return banner


class ArticleHeader(SphinxTransform):
    """Give an article its title and header (runs before Sphinx collects titles)."""

    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        domain = get_domain(self.env)
        article = domain.articles.get(self.env.docname)
        if article is None:
            return
        section = next(
            (s for s in self.document.children if isinstance(s, nodes.section) and s[0].astext() == TITLE_PLACEHOLDER),
            None,
        )
        if section is None:
            return
        self._retitle(section, article)
        # Further top-level sections (an H1 in the body) nest under the title.
        for sibling in [n for n in self.document.children if isinstance(n, nodes.section) and n is not section]:
            self.document.remove(sibling)
            section += sibling
        banner = take_duplicate_banner(section, article)
        words = len(text_of(section).split()) - len(article.title.split())
        excerpt = body_excerpt(section, article.excerpt_end)
        article = dataclasses.replace(article, banner=banner, words=max(0, words), body_excerpt=excerpt)
        domain.add_article(article)
        config = get_config(self.config)  # built once: it reads every option
        date_text = ""
        if article.date is not None:
            date_text = format_day(article.date, config.date_format, self.config.language)
        section.insert(
            1,
            build_header(
                article,
                date_text=date_text,
                minutes=article.reading_minutes(config.words_per_minute),
                site_lang=site_language(self.config.language),
            ),
        )
        top, bottom = self._admonitions(article, config)
        if article.series:
            # Filled at write time from the other parts (outcrop.site.series).
            top.insert(0, series_box(docname=article.docname))
        section[2:2] = top
        self.document.extend(bottom)
        self.document += article_footer()

    def _admonitions(self, article: Article, config: OutcropConfig) -> tuple[list[nodes.Element], list[nodes.Element]]:
        """Draft and updated notes, then category, tag and front-matter admonitions."""
        parse = myst_parser_for(self.document)
        top: list[nodes.Element] = []
        # outcrop's own notes are in the site's language, whatever the article's is.
        ours = [f"language-{site_language(self.config.language)}"] if article.lang else []
        if article.is_draft and config.show_drafts:
            draft = nodes.paragraph(
                "", _("This article is a draft: it is listed only in preview builds."), classes=ours
            )
            title = nodes.title("", _("Draft"), classes=ours)
            top.append(nodes.admonition("", title, draft, classes=["warning", "outcrop-draft"]))
        if article.updated is not None:
            updated = format_day(article.updated, config.date_format, self.config.language)
            body: list[nodes.Node] = [nodes.paragraph("", _("This article was revised on %s.") % updated, classes=ours)]
            body += parse(article.update_note) if article.update_note else []  # the writer's words
            title = nodes.title("", _("Updated"), classes=ours)
            top.append(nodes.admonition("", title, *body, classes=["note", "outcrop-updated"]))
        notices, problems = notices_for(article, categories=config.category_admonitions, tags=config.tag_admonitions)
        emit(problems, article.docname)
        bottom = [make_admonition(n, parse) for n in notices if n.position == "bottom"]
        top.extend(make_admonition(n, parse) for n in notices if n.position == "top")
        return top, bottom

    def _retitle(self, section: nodes.section, article: Article) -> None:
        """Replace the placeholder title and its anchor by the article's title (its
        styles as inline nodes; Sphinx's ``<title>`` and contents take its text)."""
        title = article.title
        heading = section[0]
        assert isinstance(heading, nodes.title)
        heading[:] = span_nodes(article.spans("title"))
        for old in section["ids"]:
            self.document.ids.pop(old, None)
        for old in section["names"]:
            self.document.nameids.pop(old, None)
            self.document.nametypes.pop(old, None)
        section["ids"], section["names"] = [], [nodes.fully_normalize_name(title)]
        self.document.note_implicit_target(section, section)


def setup_header(app: Sphinx) -> None:
    app.add_transform(ArticleHeader)
