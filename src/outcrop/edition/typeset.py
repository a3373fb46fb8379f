"""What the book cannot typeset as written, made printable (LaTeX builder only).

No article may stop the book. Each post-transform here turns one kind of content
LaTeX would fail on into something it can print, with a located ``outcrop`` warning
where the reader loses something:

- :class:`BookImages`: a local image that is missing, is not an image, cannot be
  decoded, or is an SVG with no converter installed becomes a placeholder box naming the file; GIF and WebP
  are converted to PNG (Pillow) into the image cache;
- :class:`BookRawHtml`: raw HTML (dropped by Sphinx's LaTeX writer) becomes its text
  and its images; embedded frames, videos and scripts become a framed note with
  their address, "shown in the web edition";
- :class:`BookMath`: a display formula that is a whole amsmath environment, or that
  wraps itself in ``split``, is given to LaTeX as written instead of inside Sphinx's
  own ``equation``/``split``;
- :class:`BookLists`: lists nested deeper than LaTeX allows are flattened;
- :class:`BookTables`: tables get column widths from their content.

What no transform can foresee, a formula LaTeX rejects, is found by the PDF driver
(:mod:`outcrop.edition.pdf`) in the TeX log and named in ``outcrop-fallbacks.json``
beside the ``.tex``; the next write prints that formula as code (see
:class:`~outcrop.edition.latex.EditionTranslator`).
"""

from __future__ import annotations

import functools
import hashlib
import html.parser
import io
import json
import logging as pylogging
import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.util import logging

from outcrop.article.math import formula_problem, math_macros
from outcrop.atomic import write_atomic
from outcrop.i18n import _
from outcrop.problems import ProblemKind
from outcrop.site.images import leaves_srcdir, located, replace_with_placeholder
from outcrop.site.remote import sniff

logger = logging.getLogger(__name__)

#: The builders of the editions (the PDF's LaTeX, the EPUB).
BOOK_BUILDERS = ("latex", "epub")
#: What an EPUB 3 holds as it is (its core media types).
EPUB_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}
#: What LaTeX (xelatex) includes as it is.
PRINTABLE = {"image/png", "image/jpeg", "application/pdf"}
#: The file beside the ``.tex`` that names what the last TeX run rejected.
FALLBACKS = "outcrop-fallbacks.json"
#: Nesting of list-like environments LaTeX allows (``maxlistdepth``, set by outcrop).
MAX_LIST_DEPTH = 8
LIST_NODES = (
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.field_list,
    nodes.option_list,
    nodes.block_quote,
)
#: amsmath environments that are a display of their own (not inside ``equation``).
DISPLAY_ENVIRONMENTS = re.compile(r"\\begin\{(equation|align|alignat|flalign|gather|multline|eqnarray)\*?\}")
_SPLIT = re.compile(r"^\s*\\begin\{split\}(?P<body>.*)\\end\{split\}\s*$", re.DOTALL)


def formula_key(docname: str, latex: str) -> str:
    """The name of one formula of one article, stable from build to build."""
    return hashlib.sha256(f"{docname}\0{latex.strip()}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_fallbacks(outdir: str | Path) -> dict[str, dict[str, str]]:
    """``{"formulas": {key: TeX error}, "articles": {docname: TeX error}}`` from the
    file the PDF driver writes; empty when there is none or it cannot be read."""
    try:
        data = json.loads(Path(outdir, FALLBACKS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"formulas": {}, "articles": {}}
    if not isinstance(data, dict):
        return {"formulas": {}, "articles": {}}
    return {
        kind: {str(k): str(v) for k, v in data.get(kind, {}).items()} if isinstance(data.get(kind), dict) else {}
        for kind in ("formulas", "articles")
    }


class BookImages(SphinxPostTransform):
    """Local images LaTeX cannot include become placeholders (or PNG, for GIF/WebP)."""

    default_priority = 80
    builders = BOOK_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if uri.startswith(("http://", "https://", "data:")) or not uri or image.get("outcrop_static"):
                continue
            self._check(image)

    def _check(self, image: nodes.image) -> None:
        given: dict[str, str] = image.get("candidates", {})
        candidates = {m: p for m, p in given.items() if m != "?"} or {"*": image["uri"]}
        files = {m: Path(self.env.srcdir, p) for m, p in candidates.items()}
        found = {m: f for m, f in files.items() if f.is_file()}
        uri = image["uri"]
        if not found:
            self._placeholder(image, f"image {uri!r} not found in the source directory", "not found")
            return
        kinds = {m: sniff(f.read_bytes()[:512]) for m, f in found.items()}
        if _BUILDER_NAMES.get(id(self.env)) == "epub":
            self._check_epub(image, found, kinds)
            return
        printable = [f for m, f in found.items() if kinds[m] in PRINTABLE]
        if printable:
            damage = next((d for d in map(decode_problem, printable) if d), "")
            if damage:
                self._placeholder(image, f"image {uri!r} cannot be decoded ({damage})", "damaged image")
            return
        if "image/svg+xml" in kinds.values():
            if svg_converter_available(self.document):
                return
            self._placeholder(
                image,
                f"SVG image {uri!r} cannot be printed without a converter: "
                "pip install 'outcrop[pdf]' (sphinxcontrib-svg2pdfconverter) and apt install librsvg2-bin",
                "SVG without a converter",
            )
            return
        source = next((f for m, f in found.items() if kinds[m] in {"image/gif", "image/webp"}), None)
        if source is not None:
            png = self._to_png(source)
            if png is not None:
                image["uri"] = str(png)
                image["candidates"] = {"image/png": str(png)}
                self.env.images.add_file(self.env.docname, str(png))
                return
        self._placeholder(image, f"{uri!r} is not an image LaTeX can print (PNG, JPEG, PDF)", "not an image")

    def _check_epub(self, image: nodes.image, found: dict[str, Path], kinds: dict[str, str | None]) -> None:
        """An EPUB holds PNG, JPEG, GIF, WebP and SVG as they are: only a file that is
        no image, or a damaged one, becomes a placeholder."""
        uri = image["uri"]
        held = [f for m, f in found.items() if kinds[m] in EPUB_IMAGES]
        if not held:
            self._placeholder(
                image, f"{uri!r} is not an image an EPUB can hold (PNG, JPEG, GIF, WebP, SVG)", "not an image"
            )
            return
        damage = next((d for d in map(decode_problem, held) if d), "")
        if damage:
            self._placeholder(image, f"image {uri!r} cannot be decoded ({damage})", "damaged image")

    def _to_png(self, source: Path) -> Path | None:
        try:
            from PIL import Image
        except ImportError:
            return None
        data = source.read_bytes()
        target = Path(self.env.doctreedir) / "outcrop-images" / (hashlib.sha256(data).hexdigest()[:32] + ".png")
        if target.is_file():
            return target
        try:
            with Image.open(io.BytesIO(data)) as opened:
                out = io.BytesIO()
                opened.convert("RGBA").save(out, format="PNG")
        except Exception:
            return None
        write_atomic(target, out.getvalue())
        return target

    def _placeholder(self, image: nodes.image, message: str, reason: str) -> None:
        logger.warning(
            "%s; a placeholder is printed in the book",
            message,
            type="outcrop",
            subtype=ProblemKind.IMAGE.value,
            location=located(image, self.env),
        )
        replace_with_placeholder(image, reason)


def decode_problem(path: Path) -> str:
    """Why a PNG or JPEG cannot be decoded (the PDF driver aborts on it), or ``""``."""
    try:
        stat = path.stat()
    except OSError as error:
        return error.strerror or "unreadable"
    return _decode_problem(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _decode_problem(path: str, _mtime: int, _size: int) -> str:
    if sniff(Path(path).read_bytes()[:512]) in {"application/pdf", "image/svg+xml"}:
        return ""
    try:
        from PIL import Image
    except ImportError:  # without Pillow, LaTeX is the judge
        return ""
    try:
        with Image.open(path) as opened:
            opened.load()
    except Exception as error:  # Pillow raises many kinds for damaged files
        return str(error) or type(error).__name__
    return ""


def svg_converter_available(document: nodes.document) -> bool:
    """Whether one of the image converters registered with Sphinx turns SVG into
    something LaTeX prints, and its program is installed."""
    env: BuildEnvironment = document.settings.env
    for transform in env._registry.get_post_transforms():
        if not (isinstance(transform, type) and issubclass(transform, ImageConverter)):
            continue
        if not any(source == "image/svg+xml" and target in PRINTABLE for source, target in transform.conversion_rules):
            continue
        if transform.available is None:
            transform.available = transform(document).is_available()
        if transform.available:
            return True
    return False


#: Elements whose content is a block of its own (a paragraph in the book).
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "figure",
        "figcaption",
        "li",
        "dt",
        "dd",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "details",
        "summary",
        "center",
    ]
)
#: Elements that show something a book cannot: a note with their address.
_EMBEDS = frozenset(["iframe", "video", "audio", "object", "embed", "canvas"])
_SKIP = frozenset(["script", "style", "noscript", "template"])
_VOID = frozenset(["img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed"])


class _HtmlReader(html.parser.HTMLParser):
    """Raw HTML read as the book's blocks: ``("text", str)``, ``("image", src, alt)``,
    ``("embed", tag, src)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, ...]] = []
        self._text: list[str] = []
        self._skip = 0
        self._hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self._hidden:
            if tag == self._hidden[-1] and tag not in _VOID:
                self._hidden.append(tag)
            return
        style = values.get("style", "").replace(" ", "").lower()
        if ("hidden" in values or "display:none" in style) and tag not in _VOID:
            # Hidden on the web too (blogs keep MathJax's macros so): not for readers.
            self._flush()
            self._hidden.append(tag)
            return
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCKS or tag == "br":
            self._flush()
        elif tag in ("td", "th") and self._text and self._text[-1].strip():
            self._text.append(" · ")
        if tag == "input" and values.get("type", "").lower() == "checkbox":
            # A task list's box (MyST's tasklist): a ballot box, ticked or not.
            self._text.append("\u2611 " if "checked" in values else "\u2610 ")
            self.blocks.append(("check", "checked" if "checked" in values else ""))
        if tag == "img" and values.get("src"):
            self._flush()
            self.blocks.append(("image", values["src"], values.get("alt", "")))
        elif tag in _EMBEDS:
            self._flush()
            self.blocks.append(("embed", tag, values.get("src") or values.get("data", "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag == self._hidden[-1]:
                self._hidden.pop()
            return
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._hidden:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(("text", text))
        self._text = []

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(markup: str) -> list[tuple[str, ...]]:
    reader = _HtmlReader()
    try:
        reader.feed(markup)
        reader.close()
    except Exception:  # HTMLParser is lenient; this is a guard, not a path
        return [("text", " ".join(markup.split()))]
    return reader.blocks


def image_uri(src: str, docname: str) -> str:
    """An ``<img src>`` as an image node's URI: remote as it is, a site-root path
    (``/assets/x.png``) relative to the source directory, else relative to the page."""
    if src.startswith(("http://", "https://")):
        return src
    if src.startswith("//"):
        return "https:" + src
    path = src.split("#")[0].split("?")[0]
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))


class BookRawHtml(SphinxPostTransform):
    """Raw HTML becomes the book's paragraphs, images and notes."""

    default_priority = 70
    builders = BOOK_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            inline = isinstance(raw.parent, nodes.TextElement)
            made = self._nodes(read_html(raw.astext()), raw, inline=inline)
            if made:
                raw.replace_self(made)
            else:
                raw.parent.remove(raw)

    def _nodes(self, blocks: list[tuple[str, ...]], raw: nodes.raw, *, inline: bool) -> list[nodes.Node]:
        docname = located(raw, self.env)[0]
        made: list[nodes.Node] = []
        for block in blocks:
            if block[0] == "image":
                uri = image_uri(block[1], docname)
                image = nodes.image(uri=uri, alt=block[2], candidates={"*": uri})
                static = self._static(uri)
                if static is not None and self.app_builder_name() == "epub":
                    # The EPUB holds the static folder as the web does: link it there.
                    uri = posixpath.relpath(uri, posixpath.dirname(docname) or ".")
                    image["uri"] = uri
                    image["candidates"] = {"*": uri}
                    image["outcrop_static"] = True
                elif static is not None:
                    uri = str(static)
                    image["uri"] = uri
                    image["candidates"] = {"*": uri}
                elif not uri.startswith(("http://", "https://")):
                    if leaves_srcdir(self.env, "/" + uri, docname):
                        continue
                    image["candidates"] = {"*": uri}
                    if Path(self.env.srcdir, uri).is_file():
                        self.env.images.add_file(docname, uri)
                image.line = raw.line
                made.append(image if inline else nodes.paragraph("", "", image))
            elif block[0] == "check":
                if inline:
                    made.append(nodes.Text("\u2611 " if block[1] else "\u2610 "))
            elif inline:
                continue  # text of inline HTML is the paragraph's own
            elif block[0] == "text":
                made.append(nodes.paragraph(block[1], block[1]))
            else:
                made.append(self._note(block[1], block[2]))
        return made

    def app_builder_name(self) -> str:
        return _BUILDER_NAMES.get(id(self.env), "")

    def _static(self, uri: str) -> Path | None:
        """A page's ``_static/...`` is the site's ``html_static_path`` (the site's own
        configuration, not an article's), when the source directory has no such file."""
        if not uri.startswith("_static/") or Path(self.env.srcdir, uri).is_file():
            return None
        rest = uri.removeprefix("_static/")
        for folder in _STATIC_FOLDERS.get(id(self.env), ()):
            candidate = folder / rest
            if candidate.is_file():
                return candidate.resolve()
        return None

    def _note(self, tag: str, src: str) -> nodes.container:
        box = nodes.container(classes=["outcrop-image-placeholder"])
        label = _("Embedded content (%s), shown in the web edition") % tag
        box += nodes.paragraph("", label)
        if src.startswith(("http://", "https://", "//")):
            url = "https:" + src if src.startswith("//") else src
            box += nodes.paragraph("", "", nodes.reference(url, url, refuri=url))
        return box


def warn_formula(problem: str, latex: str, location: Any) -> None:
    """The one warning for a formula the book prints as code (PDF and EPUB alike)."""
    logger.warning(
        "LaTeX cannot typeset this formula (%s); it is printed as code in the book: %s",
        problem,
        " ".join(latex.split())[:120],
        type="outcrop",
        subtype=ProblemKind.EDITION.value,
        location=location,
    )


class BookMath(SphinxPostTransform):
    """Formulas that cannot be typeset whatever their context (unpaired braces) are
    printed as code with a warning; display formulas that are an environment of their
    own are given to LaTeX as written."""

    default_priority = 70
    builders = BOOK_BUILDERS

    def run(self, **kwargs: Any) -> None:
        formulas: list[nodes.Element] = [*self.document.findall(nodes.math), *self.document.findall(nodes.math_block)]
        for formula in formulas:
            problem = formula_problem(formula.astext())
            if problem:
                self._as_code(formula, problem)
        for block in self.document.findall(nodes.math_block):
            if block.get("nowrap") or block.get("no-wrap"):
                continue
            text = block.astext()
            split = _SPLIT.match(text)
            if split and "\\begin{split}" not in split["body"]:
                # Sphinx wraps every display in split: one split, not two.
                block.children = [nodes.Text(split["body"].strip())]
            elif DISPLAY_ENVIRONMENTS.search(text):
                block["nowrap"] = True

    def _as_code(self, formula: nodes.Element, problem: str) -> None:
        latex = formula.astext()
        warn_formula(problem, latex, located(formula, self.env))
        if isinstance(formula, nodes.math_block):
            formula.replace_self(nodes.literal_block(latex, latex))
        else:
            formula.replace_self(nodes.literal(latex, latex))


class BookMathMacros(SphinxPostTransform):
    """The macros an article defines for MathJax (``\\newcommand`` in its math, often in
    a hidden raw-HTML block) are defined for its formulas in the book too: as LaTeX
    after the article's title in the PDF, before each formula in the EPUB (imgmath
    typesets each formula on its own)."""

    default_priority = 60  # before BookRawHtml turns raw HTML into text
    builders = BOOK_BUILDERS

    def run(self, **kwargs: Any) -> None:
        scopes: list[nodes.Element] = list(self.document.findall(addnodes.start_of_file)) or [self.document]
        for scope in scopes:
            texts = [
                n.astext()
                for n in scope.findall(lambda n: isinstance(n, nodes.raw | nodes.math | nodes.math_block))
                if not isinstance(n, nodes.raw) or "html" in n.get("format", "").split()
            ]
            macros = math_macros("\n".join(t for t in texts if "command" in t or "DeclareMathOperator" in t))
            if not macros:
                continue
            definitions = "\n".join(macros)
            if _BUILDER_NAMES.get(id(self.env)) == "latex":
                section = next(iter(scope.findall(nodes.section)), None)
                where, index = (section, 1) if section is not None and len(section) else (scope, 0)
                where.insert(index, nodes.raw("", f"%\n{definitions}%\n", format="latex"))
            else:
                formulas: list[nodes.Element] = [*scope.findall(nodes.math), *scope.findall(nodes.math_block)]
                for formula in formulas:
                    formula["outcrop_macros"] = definitions


class BookLists(SphinxPostTransform):
    """Lists nested deeper than :data:`MAX_LIST_DEPTH`: the deep ones lose their
    bullets and their items join the item above."""

    default_priority = 70
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        lists: list[nodes.Element] = [
            *self.document.findall(nodes.bullet_list),
            *self.document.findall(nodes.enumerated_list),
        ]
        for node in lists:
            if node.parent is None or depth(node) <= MAX_LIST_DEPTH:
                continue
            items: list[nodes.Node] = []
            for item in node.children:
                items += item.children if isinstance(item, nodes.list_item) else [item]
            node.replace_self(items)


#: About how many characters of the body font a line of the book holds.
LINE_CHARACTERS = 90
#: A word longer than this is broken in any case (URLs, hashes).
LONGEST_WORD = 28


#: Tables with more rows than this may break across pages (``longtable``).
LONG_TABLE_ROWS = 12
#: Code is set in a monospace font, wider than the text's.
MONOSPACE_WIDTH = 1.2


def column_widths(rows: list[list[str]]) -> list[int]:
    """Widths (in characters) for the columns of a table whose cells hold ``rows``'
    texts: a column whose cells fit on one line together with the others gets what it
    needs; otherwise each keeps room for its longest word (a key like
    ``excerpt_image_alt`` is never hyphenated) and the rest of the line goes to the
    columns with the most text."""
    count = max((len(r) for r in rows), default=0)
    longest = [0] * count
    words = [0] * count
    for row in rows:
        for index, text in enumerate(row):
            # Cells written as code (``excerpt_image``) are marked with a leading NUL.
            scale = MONOSPACE_WIDTH if text.startswith("\0") else 1.0
            text = text.lstrip("\0")
            longest[index] = max(longest[index], round(len(text) * scale))
            words[index] = max(words[index], *(round(len(w) * scale) for w in text.split()), 0)
    want = [max(3, n + 2) for n in longest]
    if sum(want) <= LINE_CHARACTERS:
        return want
    need = [max(3, min(w, LONGEST_WORD) + 2) for w in words]
    spare = LINE_CHARACTERS - sum(need)
    if spare <= 0:
        return need
    extra = [max(0, w - n) for w, n in zip(want, need, strict=True)]
    total = sum(extra) or 1
    return [n + round(spare * e / total) for n, e in zip(need, extra, strict=True)]


class BookTables(SphinxPostTransform):
    """Tables with no widths of their own that hold code, or are long, get widths from
    their content: Sphinx gives every column of a long table the same width and
    hyphenates code keys in a narrow one. Short tables of prose keep Sphinx's
    ``tabulary``, which balances them."""

    default_priority = 70
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "colwidths-given" in table["classes"] or _has_spec(table):
                continue
            groups = [g for g in table.children if isinstance(g, nodes.tgroup)]
            if len(groups) != 1:
                continue
            colspecs = [c for c in groups[0].children if isinstance(c, nodes.colspec)]
            rows = [[_cell_text(entry) for entry in row.children] for row in groups[0].findall(nodes.row)]
            if not colspecs or any(len(r) != len(colspecs) for r in rows):
                continue  # spanning cells: Sphinx's own layout
            if len(rows) <= LONG_TABLE_ROWS and not any(cell.startswith("\0") for row in rows for cell in row):
                continue  # a short table of prose: tabulary balances it well
            for colspec, width in zip(colspecs, column_widths(rows), strict=True):
                colspec["colwidth"] = width
            table["classes"].append("colwidths-given")
            if len(rows) > LONG_TABLE_ROWS and "longtable" not in table["classes"]:
                # A tabular never breaks: a long one moves whole to the next page and
                # leaves this one nearly blank.
                table["classes"].append("longtable")


def _cell_text(entry: nodes.Node) -> str:
    """A cell's text on one line; a leading NUL when most of it is code."""
    text = " ".join(entry.astext().split())
    code = sum(len(n.astext()) for n in entry.findall(nodes.literal)) if isinstance(entry, nodes.Element) else 0
    return ("\0" if text and code * 2 > len(text) else "") + text


def _has_spec(table: nodes.table) -> bool:
    """Whether a ``tabularcolumns`` directive gives this table its columns."""
    parent = table.parent
    if parent is None:
        return False
    index = parent.index(table)
    return bool(index) and isinstance(parent.children[index - 1], addnodes.tabular_col_spec)


def depth(node: nodes.Node) -> int:
    count = 0
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, LIST_NODES):
            count += 1
        current = current.parent
    return count


class _BookImageWarnings(pylogging.Filter):
    """In a book build, Sphinx's own "image file not readable" is dropped:
    :class:`BookImages` says the same with an outcrop subtype and prints a placeholder.
    Set for each build at ``builder-inited`` (every build of a process sets it)."""

    book = False

    def filter(self, record: pylogging.LogRecord) -> bool:
        return not (
            self.book
            and getattr(record, "type", None) == "image"
            and getattr(record, "subtype", None) == "not_readable"
        )


_IMAGE_WARNINGS = _BookImageWarnings()


#: The site's ``html_static_path`` folders, for the build in progress (by environment).
_STATIC_FOLDERS: dict[int, list[Path]] = {}
#: The builder of the build in progress (by environment).
_BUILDER_NAMES: dict[int, str] = {}


def _on_builder_inited(app: Any) -> None:
    _IMAGE_WARNINGS.book = app.builder.name in BOOK_BUILDERS
    _STATIC_FOLDERS.clear()
    _BUILDER_NAMES.clear()
    _BUILDER_NAMES[id(app.env)] = app.builder.name
    _STATIC_FOLDERS[id(app.env)] = [Path(app.confdir, entry) for entry in app.config.html_static_path]
    sphinx_logger = pylogging.getLogger("sphinx.sphinx.environment.collectors.asset")
    if _IMAGE_WARNINGS not in sphinx_logger.filters:
        sphinx_logger.addFilter(_IMAGE_WARNINGS)


def setup_typeset(app: Any) -> None:
    for transform in (BookMathMacros, BookImages, BookRawHtml, BookMath, BookLists, BookTables):
        app.add_post_transform(transform)
    app.connect("builder-inited", _on_builder_inited)
