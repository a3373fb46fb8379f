"""The PDF edition: Sphinx's LaTeX builder, assembling a book from the articles.

Articles are orphans (listings reach them, not the toctree), so Sphinx's own LaTeX
builder would leave them out. :class:`EditionBuilder` replaces it (same name, same
behaviour for any other document) and, for the root document, assembles the book
planned by :func:`outcrop.edition.plan.plan_parts`: the home page's introduction, one part
per category with its articles, then the pages of the home page's toctrees. The book
is built with toctree nodes, so Sphinx inlines, labels and resolves the articles
exactly as it does any included document.

:func:`latex_defaults` gives a site a typeset edition with no LaTeX configuration:
xelatex (Unicode), A4, no blank pages, the cover, metadata and styles of
:mod:`outcrop.edition.plan`; every key a site sets itself wins.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.console import darkgreen  # type: ignore[attr-defined]
from sphinx.util.nodes import inline_all_toctrees
from sphinx.writers.latex import LaTeXTranslator

from outcrop.article.notices import KINDS
from outcrop.atomic import write_atomic
from outcrop.config import get_config
from outcrop.edition.plan import (
    FONTS_TEX,
    Cover,
    Part,
    cover_tex,
    keywords,
    metadata_tex,
    needs_cjk,
    plan_parts,
    preamble_tex,
)
from outcrop.edition.typeset import formula_key, read_fallbacks, setup_typeset, warn_formula
from outcrop.i18n import _
from outcrop.problems import ProblemKind
from outcrop.site.build import build_now, state_of
from outcrop.site.domain import get_domain
from outcrop.site.images import located
from outcrop.site.listing import format_day
from outcrop.site.nodes import listing, skip
from outcrop.site.remote import sniff
from outcrop.site.taxonomy import CATEGORY, TAG, Taxonomy

logger = logging.getLogger(__name__)

#: Fonts for CJK text (Debian: fonts-noto-cjk).
CJK_FONTS = {"serif": "Noto Serif CJK SC", "sans": "Noto Sans CJK SC", "mono": "Noto Sans Mono CJK SC"}

#: ``latex_elements`` outcrop sets unless the site sets them.
LATEX_ELEMENTS = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # Tables of contents converted from Jekyll nest lists deeper than LaTeX's 6.
    "maxlistdepth": "10",
    # One-sided, chapters start on the next page: no blank pages before chapters.
    "extraclassoptions": "openany,oneside",
    # Article titles, not "Chapter One" banners.
    "fncychap": "",
    "fontpkg": FONTS_TEX,
}


#: Symbols and emoji, which text fonts do not have: printed in Symbola (Debian's
#: fonts-symbola) when it is installed. Variation selectors only pick a glyph style.
SYMBOLS = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]+")
VARIATION_SELECTORS = re.compile("[\ufe0e\ufe0f]")


class EditionTranslator(LaTeXTranslator):
    """Sphinx's LaTeX writer, with what the book needs: an em dash before epigraph
    attributions (the fonts are loaded without TeX ligatures, so ``---`` prints three
    hyphens), symbols in a font that has them, and every formula marked in the
    ``.tex`` so that the PDF driver can name the one LaTeX rejects; a formula named in
    ``outcrop-fallbacks.json`` is printed as code, with a warning."""

    def __init__(self, document: nodes.document, builder: LaTeXBuilder, theme: Any) -> None:
        super().__init__(document, builder, theme)
        self.fallbacks = getattr(builder, "fallbacks", None) or {"formulas": {}, "articles": {}}

    def encode(self, text: str) -> str:
        text = VARIATION_SELECTORS.sub("", super().encode(text))
        return SYMBOLS.sub(lambda m: r"\outcropsymbol{" + m.group() + "}", text)

    def visit_attribution(self, node: nodes.Element) -> None:
        self.body.append("\n" + r"\begin{flushright}" + "\n" + r"\textemdash\ ")

    def visit_math(self, node: nodes.math) -> None:
        if self._fallback(node, display=False):
            raise nodes.SkipNode
        self._marked(node, lambda: LaTeXTranslator.visit_math(self, node))

    def visit_math_block(self, node: nodes.math_block) -> None:
        if self._fallback(node, display=True):
            raise nodes.SkipNode
        self._marked(node, lambda: LaTeXTranslator.visit_math_block(self, node))

    def _where(self, node: nodes.Node) -> tuple[str, int]:
        return located(node, self.builder.env)

    def _marked(self, node: nodes.Element, visit: Any) -> None:
        docname, line = self._where(node)
        key = formula_key(docname, node.astext())
        if self.in_title:
            visit()
            return
        self.body.append(f"%\n%outcrop-formula-begin {key} {line} {docname}\n")
        # TeX skips the spaces that start a line: ``{}`` keeps the space after an
        # inline formula ("(1) shows", not "(1)shows").
        end = f"%\n%outcrop-formula-end {key}\n" + ("" if isinstance(node, nodes.math_block) else "{}")
        try:
            visit()
        except nodes.SkipNode:
            self.body.append(end)
            raise

    def _fallback(self, node: nodes.Element, *, display: bool) -> bool:
        docname, line = self._where(node)
        latex = node.astext()
        error = self.fallbacks["formulas"].get(formula_key(docname, latex))
        if error is None:
            return False
        warn_formula(error, latex, (docname, line))
        lines = [
            r"\sphinxcode{\sphinxupquote{" + self.encode(part) + "}}" for part in latex.splitlines() if part.strip()
        ]
        code = r"\newline ".join(lines)
        self.body.append(f"\n\\begin{{quote}}{code}\\end{{quote}}\n" if display else code)
        return True


class edition_part(nodes.Element):  # noqa: N801 - docutils node naming
    """A part of the book (``\\part``); ``node["title"]`` is plain text."""


def visit_edition_part(self: LaTeXTranslator, node: edition_part) -> None:
    title = self.encode(node["title"])
    self.body.append(rf"\part{{{title}}}" + "\n")
    raise nodes.SkipNode


def visit_admonition(self: LaTeXTranslator, node: nodes.admonition) -> None:
    """An admonition with a title of its own and a kind's class (outcrop's, or
    ``.. admonition:: Title`` with ``:class: warning``) keeps the kind's style in
    LaTeX; Sphinx would print every titled admonition as a note."""
    kind = next((c for c in node["classes"] if c in KINDS), None)
    if kind is None or not node.children or not isinstance(node[0], nodes.title):
        LaTeXTranslator.visit_admonition(self, node)
        return
    title = node[0]
    node.remove(title)  # printed as the heading; the walk reads the children after this
    self.body.append("\n" + rf"\begin{{sphinxadmonition}}{{{kind}}}{{{self.encode(title.astext())}}}")
    self.no_latex_floats += 1


def _navigation_only(node: nodes.Node) -> bool:
    """Web navigation that the book replaces: listings, toctrees, targets, comments,
    and sections holding nothing else."""
    if isinstance(node, listing | nodes.target | nodes.comment | addnodes.toctree):
        return True
    if isinstance(node, nodes.compound) and "toctree-wrapper" in node["classes"]:
        return True
    if isinstance(node, nodes.section):
        return all(_navigation_only(child) for child in node.children[1:])
    return False


def _without_toctrees(node: nodes.Element) -> nodes.Element:
    """``node`` without its toctrees: their pages become parts of their own."""
    for toctree in list(node.findall(addnodes.toctree)):
        wrapper = toctree.parent
        if isinstance(wrapper, nodes.compound) and "toctree-wrapper" in wrapper["classes"] and len(wrapper) == 1:
            wrapper.parent.remove(wrapper)
        else:
            wrapper.remove(toctree)
    return node


def book_tree(
    root: nodes.document, parts: list[Part], *, labels: dict[str, str], articles: frozenset[str] = frozenset()
) -> nodes.document:
    """The book, as a document whose toctree nodes name what Sphinx inlines.

    ``root`` is the root document's doctree (not modified). The result keeps its title
    (Sphinx takes it as the book's title), puts its introduction and any section with
    content of its own first, then one :class:`edition_part` per category with a
    toctree of its articles, then one part per toctree of the root document.
    """
    book = root.copy()  # settings and attributes, no children
    section = next((c for c in root.children if isinstance(c, nodes.section)), None)
    if section is None:  # a root document without a title
        section = nodes.section("", nodes.title("", labels["book"]))
    chapter = nodes.section("", classes=["outcrop-edition"])
    chapter["ids"] = list(section["ids"])
    chapter += section[0].deepcopy()
    book += chapter
    toctrees = [t.deepcopy() for t in section.findall(addnodes.toctree)]
    intro = nodes.section("", nodes.title("", labels["introduction"]), ids=["outcrop-introduction"])
    for child in section.children[1:]:
        if _navigation_only(child):
            continue
        kept = child.deepcopy()
        assert isinstance(kept, nodes.Element)
        _without_toctrees(kept)
        if isinstance(child, nodes.section):
            chapter += kept
        else:
            intro += kept
    if len(intro) > 1:
        chapter.insert(1, intro)
    for part in parts:
        chapter += edition_part(title=labels["more"] if part.more else part.name or labels["uncategorised"])
        chapter += addnodes.toctree(
            includefiles=list(part.docnames), entries=[(None, d) for d in part.docnames], maxdepth=1, glob=False
        )
    # A glob over the articles folder lists articles: the parts hold the listed ones,
    # and drafts and future articles (the rest of ``articles``) are not in the book.
    placed = {docname for part in parts for docname in part.docnames} | articles
    for toctree in toctrees:
        toctree["includefiles"] = [d for d in toctree["includefiles"] if d not in placed]
        toctree["entries"] = [(t, d) for t, d in toctree["entries"] if d not in placed]
        if not toctree["includefiles"]:
            continue
        chapter += edition_part(title=toctree.get("caption") or labels["pages"])
        chapter += toctree
    return book


def set_aside(doctree: nodes.document, failed: dict[str, str]) -> None:
    """Articles LaTeX could not typeset at all (named by the PDF driver) keep their
    title and header; the rest is a note pointing to the web edition."""
    for start in list(doctree.findall(addnodes.start_of_file)):
        error = failed.get(start["docname"])
        if error is None:
            continue
        logger.warning(
            "LaTeX cannot typeset this article (%s); the book prints its title and a note",
            error,
            type="outcrop",
            subtype=ProblemKind.EDITION.value,
            location=(start["docname"], 1),
        )
        section = next((c for c in start.children if isinstance(c, nodes.section)), None)
        note = nodes.container(classes=["outcrop-image-placeholder"])
        note += nodes.paragraph("", _("This article could not be typeset; it is in the web edition."))
        if section is None:
            start[:] = [note]
            continue
        header = [
            c for c in section.children[1:] if isinstance(c, nodes.container) and "outcrop-header" in c["classes"]
        ]
        kept = [section[0], *header, note]
        section[:] = kept
        start[:] = [section]


def index_terms(doctree: nodes.document, taxonomy: Taxonomy, labels: dict[str, str]) -> None:
    """Put each article's tags and categories into the book's index, at its header's
    badges: one entry per name, "basalt (tag)", so that the index groups them by
    their initials (under two headings "Tags" and "Categories" it had two letters)."""
    for badge in list(doctree.findall(nodes.inline)):
        kind = badge.get("outcrop_kind")
        if kind not in (TAG, CATEGORY):
            continue
        name = taxonomy.name(kind, badge["outcrop_name"])
        which = labels["tag"] if kind == TAG else labels["category"]
        # ";" separates index levels in Sphinx's entries.
        entry = ("single", f"{name.replace(';', ',')} ({which})", "", "", None)
        badge.parent.insert(badge.parent.index(badge), addnodes.index(entries=[entry], inline=True))


def style_header(doctree: nodes.document) -> None:
    """Let LaTeX style the header's paragraphs: their class moves onto an inline
    (paragraph classes are not written to LaTeX; ``\\DUrole`` styles inlines)."""
    for paragraph in list(doctree.findall(nodes.paragraph)):
        classes = [c for c in paragraph["classes"] if c.startswith("outcrop-")]
        if not classes or not isinstance(paragraph.parent, nodes.container):
            continue
        if "outcrop-header" not in paragraph.parent["classes"] or classes == ["outcrop-badges"]:
            continue
        paragraph[:] = [nodes.inline("", "", *paragraph.children, classes=classes)]


def labels() -> dict[str, str]:
    return {
        "book": _("Articles"),
        "introduction": _("Introduction"),
        "uncategorised": _("Articles"),
        "more": _("More articles"),
        "pages": _("Pages"),
        "tag": _("tag"),
        "category": _("category"),
    }


class EditionBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder; the root document is written as the edition."""

    default_translator_class = EditionTranslator
    epilog = "The book's LaTeX files are in %(outdir)s."

    def init(self) -> None:
        super().init()
        self.fallbacks = read_fallbacks(self.outdir)
        self.cover_logo = self._cover_logo()

    def _cover_logo(self) -> str:
        """The file name (in the output folder) of the logo the cover shows:
        ``latex_logo`` (Sphinx copies it), else the site's ``html_logo``, copied here,
        an SVG converted to PDF with ``rsvg-convert``; ``""`` for none."""
        if self.config.latex_logo:
            return os.path.basename(self.config.latex_logo) if (self.confdir / self.config.latex_logo).is_file() else ""
        logo = self.config.html_logo
        if not logo or "://" in logo or not (self.confdir / logo).is_file():
            return ""
        source = self.confdir / logo
        data = source.read_bytes()
        kind = sniff(data[:512])
        self.outdir.mkdir(parents=True, exist_ok=True)
        if kind in {"image/png", "image/jpeg", "application/pdf"}:
            name = "outcrop-logo" + {"image/png": ".png", "image/jpeg": ".jpg"}.get(kind, ".pdf")
            write_atomic(self.outdir / name, data)
            return name
        converter = shutil.which("rsvg-convert")
        if kind != "image/svg+xml" or converter is None:
            logger.info("the cover shows no logo: %s cannot be printed", logo)
            return ""
        target = self.outdir / "outcrop-logo.pdf"
        done = subprocess.run(
            [converter, "-f", "pdf", "-o", str(target), str(source)], capture_output=True, timeout=60, check=False
        )
        return target.name if done.returncode == 0 and target.is_file() else ""

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        state = state_of(self.env)
        if state is None or indexfile != self.config.root_doc:
            return super().assemble_doctree(indexfile, toctree_only, appendices)
        # As LaTeXBuilder.assemble_doctree, with the book in place of the root's toctrees.
        self.docnames = {indexfile, *appendices}
        logger.info(darkgreen(indexfile))
        tree = book_tree(
            self.env.get_doctree(indexfile),
            plan_parts(state.taxonomy, min_articles=get_config(self.config).book_part_articles),
            labels=labels(),
            articles=frozenset(get_domain(self.env).articles),
        )
        tree["docname"] = indexfile
        largetree = inline_all_toctrees(self, self.docnames, indexfile, tree, darkgreen, [indexfile])
        largetree["docname"] = indexfile
        for docname in appendices:
            appendix = self.env.get_doctree(docname)
            appendix["docname"] = docname
            largetree.append(appendix)
        logger.info("")
        logger.info("resolving references...")
        self.env.resolve_references(largetree, indexfile, self)
        for pendingnode in largetree.findall(addnodes.pending_xref):
            text = pendingnode.get("refsectname") or pendingnode.astext()
            pendingnode.replace_self(nodes.emphasis(text, text))
        set_aside(largetree, self.fallbacks["articles"])
        index_terms(largetree, state.taxonomy, labels())
        style_header(largetree)
        self._edition_context(largetree, state.taxonomy)
        return largetree

    def get_contentsname(self, indexfile: str) -> str:
        if indexfile == self.config.root_doc:
            return ""  # LaTeX's own, localised "Contents", not the first toctree's caption
        return super().get_contentsname(indexfile)

    def _edition_context(self, doctree: nodes.document, taxonomy: Taxonomy) -> None:
        """Cover, metadata and fonts of this book (set per document: the context is
        shared by every document of ``latex_documents``)."""
        if not hasattr(self, "_outcrop_base"):
            self._outcrop_base = {k: self.context.get(k, "") for k in ("preamble", "maketitle")}
        config = get_config(self.config)
        user = self.config.latex_elements
        texts = (n.astext() for n in doctree.findall(nodes.Text))
        preamble = preamble_tex(cjk=needs_cjk(texts), fonts=CJK_FONTS)
        subject = config.site_description or self.config.project
        preamble += metadata_tex(subject, keywords(taxonomy))
        self.context["preamble"] = preamble + self._outcrop_base["preamble"]
        if "maketitle" not in user:
            cover = Cover(
                title=self.config.project,
                subtitle=config.site_description,
                author=self.config.author,
                edition=_("Edition of %s") % self.edition_date(),
                logo=self.cover_logo,
            )
            self.context["maketitle"] = cover_tex(cover)
        if not self.config.today:
            self.context["date"] = self.edition_date()

    def edition_date(self) -> str:
        if self.config.today:
            return str(self.config.today)
        config = get_config(self.config)
        now: dt.datetime = build_now(config)
        return format_day(now, config.date_format, self.config.language)


def _user_set(config: Config, name: str) -> bool:
    return name in getattr(config, "_raw_config", {}) or name in config.overrides


def latex_defaults(app: Sphinx, config: Config) -> None:
    """xelatex and the edition's ``latex_elements``, unless the site chose otherwise."""
    if not _user_set(config, "latex_engine"):
        config.latex_engine = "xelatex"
    elements: dict[str, Any] = dict(LATEX_ELEMENTS)
    elements.update(config.latex_elements)
    config.latex_elements = elements  # a new dict: never mutate a shared default
    if not _user_set(config, "latex_show_urls"):
        config.latex_show_urls = "footnote"


def setup_latex(app: Sphinx) -> None:
    app.add_builder(EditionBuilder, override=True)
    app.add_node(
        edition_part,
        latex=(visit_edition_part, None),
        html=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(nodes.admonition, override=True, latex=(visit_admonition, LaTeXTranslator.depart_admonition))
    app.connect("config-inited", latex_defaults)
    setup_typeset(app)
