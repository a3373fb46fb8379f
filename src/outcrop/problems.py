"""Problems found in articles, and how they become Sphinx warnings.

Every problem outcrop reports is a :class:`Problem` whose ``kind`` is a member of
:class:`ProblemKind`. The kind is the warning *subtype*: a warning is emitted as
``type="outcrop", subtype=kind.value`` so that ``suppress_warnings =
["outcrop.<subtype>"]`` silences one kind, and ``-W`` turns any of them into a failure.
The docstring of each member is rendered on the "Warnings" page of the docs.
"""

from __future__ import annotations

import dataclasses
import enum

from sphinx.util import logging

logger = logging.getLogger(__name__)


class ProblemKind(enum.Enum):
    """The subtypes of outcrop's warnings (``outcrop.<value>``)."""

    FRONT_MATTER = "front_matter"
    """The front matter is not valid YAML, is not a mapping, or is too large."""

    UNKNOWN_KEY = "unknown_key"
    """A front-matter key that outcrop does not know; the hint names the closest key."""

    BAD_VALUE = "bad_value"
    """A front-matter value has the wrong type (e.g. a mapping where text is expected)."""

    DATE = "date"
    """A date that cannot be parsed, or an article without any date."""

    IMAGE = "image"
    """A banner image that is refused (unsafe URL scheme, path leaving the source
    directory) or a Markdown image line that is malformed."""

    MOJIBAKE = "mojibake"
    """Text that was decoded with the wrong encoding (``â€“`` for ``–``); outcrop repairs
    it in the output and names the repaired text."""

    ADMONITION = "admonition"
    """An admonition from front matter or configuration that cannot be used as written:
    unknown kind (shown as a note), body that is not text, wrong position."""

    KRAMDOWN = "kramdown"
    """A kramdown attribute list (``{: ...}``) from Jekyll that has no MyST equivalent;
    it is removed from the output (notices and prompts become admonitions)."""

    TAXONOMY = "taxonomy"
    """Two tag, category, author or series names share a URL slug: case variants are
    merged into one page, other collisions get pages of their own with a suffixed slug."""

    SERIES = "series"
    """An article's ``series`` cannot be used as written: it has no name, its ``part``
    is not a whole number from 1 up (the article joins the series without one, after
    the numbered parts), or two articles claim the same part of one series (both stay
    in the series, the older first)."""

    RAW_HTML = "raw_html"
    """Raw HTML with ``<script>`` or ``<iframe>`` in an article, reported or removed
    as ``outcrop_raw_html`` says (by default raw HTML is published as written)."""

    OUTSIDE = "outside"
    """A source file that is a link to a file outside the source directory: it is not
    read or published (images leaving the source directory are ``outcrop.image``)."""

    FETCH = "fetch"
    """A remote image (a banner or an image given as a URL) could not be fetched for the
    HTML output or the editions (offline, timeout, HTTP error, too large, not an image): a
    placeholder is shown or printed in its place, and the next build tries again. An image
    fetched once is used from the cache ever after, offline too.
    ``suppress_warnings = ["outcrop.fetch"]`` silences it for offline builds."""

    ENCODING = "encoding"
    """A source file that is not valid UTF-8 text (binary data, NUL bytes)."""

    LIQUID = "liquid"
    """Jekyll Liquid (``{% ... %}``, ``{{ ... }}``) that has no MyST equivalent, or a
    ``{liquid}`` placeholder left by ``outcrop import``: a visible placeholder is shown
    in its place. Liquid with an equivalent (``highlight``, ``raw``, ``post_url``,
    ``site.baseurl`` links...) is converted without a warning."""

    REDIRECT = "redirect"
    """An old URL (``aliases``, ``redirect_from``, a Jekyll ``permalink``) that is not
    redirected: it leaves the site (``..``, another host), is the URL of a page of the
    site, or is claimed by two articles."""

    LINK = "link"
    """A Markdown link that CommonMark cannot read (a space in the URL, a space between
    ``]`` and ``(``): it is shown as text."""

    THEME = "theme"
    """``html_theme`` names a theme that is not installed: the site is built with
    alabaster instead, and the warning names the package to install."""

    DUPLICATE = "duplicate"
    """Two articles with the same title (ignoring case): readers, feeds and search
    results cannot tell them apart."""

    NESTING = "nesting"
    """A list nested deeper than outcrop allows (8 levels): the deeper items are shown at
    the last allowed level (Markdown's parser would drop them, LaTeX would stop)."""

    CONTROL_CHARACTER = "control_character"
    """Control characters in a source file (a backspace or bell pasted from a terminal):
    YAML refuses them in the front matter and LaTeX in the book, so they are removed,
    from every output."""

    EDITION = "edition"
    """Something in an article that the book cannot typeset as written: a formula LaTeX
    rejects (printed as code), an image LaTeX cannot include (a placeholder), raw HTML
    (its text, or a note pointing to the web edition), a character no font has. The
    book is still produced; the warning names the article and the line."""

    SEARCH = "search"
    """``outcrop_search = "pagefind"`` could not be served: Pagefind is not installed
    or failed to index the site. The site keeps Sphinx's search; the warning quotes
    Pagefind's own message."""

    LANGUAGE = "language"
    """An article's ``lang:`` that is not a language tag (BCP 47, such as ``es``,
    ``pt-BR`` or ``zh-Hans``): it is ignored, and the page has the site's language. Or
    two articles with the same ``translation_key`` in the same language: the first (by
    file name) is the translation the others link to, the second is left out of the
    links."""

    CARD = "card"
    """A social card could not be drawn as configured: Pillow is missing or cannot draw
    text (no card is drawn; the banner stays ``og:image``), a font of
    ``outcrop_card_fonts`` cannot be read or no font was found (Pillow's own is used),
    the logo (``html_logo``) or a banner cannot be read by Pillow (an SVG logo, for
    instance: the card is drawn without it)."""

    def __str__(self) -> str:
        return f"outcrop.{self.value}"


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one source file.

    ``line`` is 1-based, counted in the source file as written; a problem of the whole
    file is reported at its first line.
    """

    kind: ProblemKind
    message: str
    line: int = 1


def emit(problems: list[Problem] | tuple[Problem, ...], docname: str) -> None:
    """Report ``problems`` of document ``docname`` as located Sphinx warnings."""
    for problem in problems:
        logger.warning(
            problem.message,
            type="outcrop",
            subtype=problem.kind.value,
            location=(docname, problem.line),
        )
