"""The EPUB edition: Sphinx's EPUB 3 builder, reading the book's plan.

:class:`EditionEpubBuilder` replaces Sphinx's ``epub`` builder (same name). The book
is the PDF edition's (:func:`outcrop.edition.plan.plan_parts`): the home page's
introduction, a title page per part with its articles in order, then the pages of
the home page's toctrees; the navigation document and ``toc.ncx`` hold the parts
and their articles, the spine follows them. What only the web has is left out: tag,
category and archive pages (never generated for EPUB), listings and tag clouds of
the home page, drafts and future articles. What XHTML cannot hold is made
printable by the book's own transforms (:mod:`outcrop.edition.typeset`): raw HTML
becomes text and images, missing images placeholders, remote images come from the
image cache. Math is rendered to SVG by ``sphinx.ext.imgmath`` (an EPUB may not
load MathJax from the web). The archive is byte-reproducible: fixed entry times
(``SOURCE_DATE_EPOCH``) and order.

:mod:`outcrop.edition.epub` (``outcrop epub``) builds it and checks it with epubcheck.
"""

from __future__ import annotations

import html
import os
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import make_filename_from_project

from outcrop.config import get_config
from outcrop.edition.latex import labels as book_labels
from outcrop.edition.plan import plan_parts
from outcrop.edition.typeset import warn_formula
from outcrop.site.build import build_now, state_of
from outcrop.site.domain import get_domain
from outcrop.site.nodes import listing
from outcrop.site.translations import site_language

logger = logging.getLogger(__name__)

#: ``epub_*`` values outcrop sets unless the site sets them.
EPUB_DEFAULTS: dict[str, Any] = {
    # The navigation is the book's plan (self.refnodes), not the root's toctree.
    "epub_tocscope": "includehidden",
    "epub_tocdup": False,
    "epub_tocdepth": 2,
    "epub_show_urls": "footnote",
    "epub_use_index": False,
    # Sphinx's default is html_css_files: the web's styles (modern CSS, that
    # reading systems and epubcheck reject); outcrop-epub.css styles the book.
    "epub_css_files": [],
}
PART_PAGE = "outcrop-part-{}"


def part_body(title: str, entries: list[tuple[str, str]]) -> str:
    """The XHTML of a part's title page: its name and its articles (title, href)."""
    items = "".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for text, href in entries)
    return (
        f'<section class="outcrop-part"><h1>{html.escape(title)}</h1>'
        + (f'<ul class="outcrop-part-contents">{items}</ul>' if items else "")
        + "</section>"
    )


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder; the book's parts make the reading order."""

    epilog = "The EPUB edition is in %(outdir)s."

    def init(self) -> None:
        super().init()
        # The web's own style sheets are not linked from EPUB pages (epub_css_files
        # is empty): out of the archive too, where epubcheck would read them.
        web_css = [c if isinstance(c, str) else c[0] for c in self.config.html_css_files]
        unused = ["_static/outcrop.css", *(f"_static/{c}" for c in web_css if "://" not in c)]
        self.config.epub_exclude_files = [*self.config.epub_exclude_files, *unused]

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        # An empty version is an empty <meta> element, which EPUB forbids.
        metadata["version"] = metadata.get("version") or html.escape(self.config.release or "1")
        return metadata

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)  # toc.ncx names the book as content.opf does
        return metadata

    @property
    def math_renderer_name(self) -> str | None:
        if "outcrop-imgmath" in self._registry.html_inline_math_renderers:
            return "outcrop-imgmath"
        return super().math_renderer_name

    def _unlisted(self) -> set[str]:
        """Articles the book leaves out (drafts, future, ``published: false``)."""
        state = state_of(self.env)
        if state is None:
            return set()
        return set(get_domain(self.env).articles) - set(state.taxonomy.articles)

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        self.left_out = self._unlisted()  # once per build, not once per page

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if docname in getattr(self, "left_out", ()):
            return
        if docname == self.config.root_doc:
            _strip_navigation(doctree)
        super().write_doc(docname, doctree)

    def get_toc(self) -> None:
        state = state_of(self.env)
        if state is None:
            super().get_toc()
            return
        labels = book_labels()  # the PDF's names for the parts
        refnodes: list[dict[str, Any]] = []
        parts = plan_parts(state.taxonomy, min_articles=get_config(self.config).book_part_articles)
        # Drafts and future articles a glob toctree lists are not in the book either.
        placed = {d for part in parts for d in part.docnames} | set(get_domain(self.env).articles)
        groups: list[tuple[str, list[str]]] = [
            (labels["more"] if part.more else part.name or labels["uncategorised"], list(part.docnames))
            for part in parts
        ]
        root = self.env.get_doctree(self.config.root_doc)
        for toctree in root.findall(addnodes.toctree):
            pages = [d for d in toctree["includefiles"] if d not in placed and d in self.env.all_docs]
            if pages:
                groups.append((toctree.get("caption") or labels["pages"], pages))
                placed.update(pages)
        for number, (title, docnames) in enumerate(groups, start=1):
            name = PART_PAGE.format(number)
            entries = [(self._title(d), d + self.out_suffix) for d in docnames]
            self.handle_page(name, {"title": html.escape(title), "body": part_body(title, entries)}, "page.html")
            refnodes.append({"level": 1, "refuri": name + self.out_suffix, "text": html.escape(title)})
            refnodes += [{"level": 2, "refuri": href, "text": html.escape(text)} for text, href in entries]
        self.refnodes = refnodes
        self.toc_add_files(self.refnodes)

    def _title(self, docname: str) -> str:
        state = state_of(self.env)
        article = state.taxonomy.articles.get(docname) if state is not None else None
        if article is not None:
            return article.title
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def build_epub(self) -> None:
        """As Sphinx's, with fixed entry times and modes: two builds of the same
        sources give the same bytes."""
        outname = self.config.epub_basename + ".epub"
        logger.info("writing %s file...", outname)
        stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800))[:6]
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with zipfile.ZipFile(self.outdir / outname, "w") as epub:
            for name in dict.fromkeys(names):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                epub.writestr(info, Path(self.outdir, name).read_bytes())


class EbookTabs(SphinxPostTransform):
    """Tab sets as the book prints them, each tab's label and content one after the
    other: sphinx-design's HTML tabs are radio inputs and labels, which EPUB's XHTML
    does not allow there (and a reading system has no script for them)."""

    default_priority = 150  # before sphinx-design's own HTML transform (200)
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.container):
            if node.get("design_component") == "tab-set":
                node["design_component"] = "outcrop-tab-set"
                node["classes"].append("outcrop-tab-set")


def _formula_fallback(self: Any, node: nodes.Element, *, display: bool) -> bool:
    """Render a formula with imgmath first; when LaTeX rejects it, the EPUB prints it as
    code and says so once, at the article's line (imgmath would print a system
    message and TeX's whole transcript). Returns whether the fallback was written.
    The article's own macros (``outcrop_macros``, from BookMathMacros) go before the
    formula: imgmath typesets each formula as a document of its own."""
    from sphinx.ext import imgmath
    from sphinx.util.math import wrap_displaymath

    text = node.astext()
    macros = node.get("outcrop_macros", "")
    source = f"{macros}\n{text}" if macros else text
    if not display:
        latex = f"${source}$"
    elif node.get("nowrap") or node.get("no-wrap"):
        latex = source
    else:
        latex = wrap_displaymath(source, None, False)
    try:
        imgmath.render_math(self, latex, config=self.builder.config)
    except imgmath.MathExtError as error:
        reason = next((line[1:].strip() for line in str(error).splitlines() if line.startswith("!")), "LaTeX failed")
        warn_formula(reason, text, node)
        tag = "pre" if display else "code"
        self.body.append(f'<{tag} class="outcrop-formula">{html.escape(text)}</{tag}>')
        return True
    if macros:  # imgmath renders the node's text: the same source, already rendered
        node.children = [nodes.Text(source)]
    return False


def visit_math(self: Any, node: nodes.math) -> None:
    from sphinx.ext import imgmath

    if _formula_fallback(self, node, display=False):
        raise nodes.SkipNode
    imgmath.html_visit_math(self, node)


def visit_displaymath(self: Any, node: nodes.math_block) -> None:
    from sphinx.ext import imgmath

    if _formula_fallback(self, node, display=True):
        raise nodes.SkipNode
    imgmath.html_visit_displaymath(self, node)


def _strip_navigation(doctree: nodes.document) -> None:
    """The home page without its listings, clouds and toctrees (the book's parts and
    the navigation document replace them)."""
    # By now Sphinx has resolved the toctrees into lists inside "toctree-wrapper"s.
    for node in list(doctree.findall(lambda n: isinstance(n, listing | addnodes.toctree | nodes.compound))):
        if isinstance(node, nodes.compound) and "toctree-wrapper" not in node["classes"]:
            continue
        if node.parent is not None:
            node.parent.remove(node)
    for section in list(doctree.findall(nodes.section)):
        if section.parent is not None and all(
            isinstance(c, nodes.target | nodes.comment) for c in section.children[1:]
        ):
            section.parent.remove(section)


def epub_defaults(app: Sphinx, config: Config) -> None:
    """The edition's ``epub_*`` values and imgmath's SVG output, unless the site set
    them; MathJax stays the web's renderer."""
    raw = getattr(config, "_raw_config", {})
    for name, value in EPUB_DEFAULTS.items():
        if name not in raw and name not in config.overrides:
            setattr(config, name, value)
    if "epub_identifier" not in raw:
        base = config.html_baseurl or f"urn:outcrop:{config.project}"
        config.epub_identifier = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, base))
        config.epub_scheme = "UUID"
    if "epub_basename" not in raw:
        config.epub_basename = make_filename_from_project(config.project)  # as the PDF's name
    if not config.epub_copyright and not config.copyright:
        # EPUB's rights statement may not be empty (Sphinx warns).
        config.epub_copyright = config.author or config.project
    if "html_math_renderer" not in raw:
        # Loading imgmath for the EPUB must not change the web's renderer: MathJax, or
        # the one other renderer an extension of the site registered (as Sphinx picks).
        others = sorted(set(app.registry.html_inline_math_renderers) - {"mathjax", "imgmath", "outcrop-imgmath"})
        config.html_math_renderer = others[0] if len(others) == 1 else "mathjax"
    if "imgmath_image_format" not in raw:
        config.imgmath_image_format = "svg"
    if not config.epub_cover and config.html_logo and "://" not in config.html_logo:
        config.epub_cover = (f"_static/{os.path.basename(config.html_logo)}", "epub-cover.html")


def edition_version(app: Sphinx) -> None:
    """EPUB 3 needs a version (Sphinx warns without one): a site with no ``version``
    gets the edition's date, for the EPUB build only."""
    if app.builder.name == "epub" and not app.config.version:
        app.config.version = build_now(get_config(app.config)).date().isoformat()


def article_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Every XHTML file of the EPUB says its language (Sphinx's EPUB writes none): the
    site's, or an article's own ``lang:``, so reading systems pick the voice and the
    hyphenation (outcrop's own words in such an article are marked with the site's)."""
    if not app.builder.name.startswith("epub"):
        return
    article = get_domain(app.env).articles.get(pagename)
    lang = html.escape(article.lang if article is not None and article.lang else site_language(app.config.language))
    tag = str(context.get("html_tag") or "<html>")
    context["html_tag"] = tag[:-1].rstrip("/ ") + f' lang="{lang}" xml:lang="{lang}">'


def setup_epub(app: Sphinx) -> None:
    app.setup_extension("sphinx.builders.epub3")
    app.setup_extension("sphinx.ext.imgmath")
    app.add_builder(EditionEpubBuilder, override=True)
    app.add_post_transform(EbookTabs)
    app.add_html_math_renderer(
        "outcrop-imgmath", inline_renderers=(visit_math, None), block_renderers=(visit_displaymath, None)
    )
    app.connect("config-inited", epub_defaults)
    # Before Sphinx's own check of the EPUB's configuration.
    app.connect("builder-inited", edition_version, priority=100)
    app.connect("html-page-context", article_language)
