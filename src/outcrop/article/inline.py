"""Markup in front-matter text: ``title: "Markup: Title *with* **Markdown**"``.

Jekyll themes render a title's (and an excerpt's) Markdown and inline HTML where it is
shown as text on the page, and strip it to plain text, entities decoded once, where
only text can go (``<title>``, feeds, bookmarks, listings' link text). This module reads
such text into :data:`Span` runs — text with a set of styles — that the site stage turns
into docutils nodes (so every builder prints them, escaped) and listings into escaped
HTML; :func:`plain` is the text of the runs.

Only styling survives: emphasis, strong, code, sub/superscript, strike-through, from
Markdown or from the equivalent HTML tags (``<em>``, ``<code>``...). Links keep their
text, images their alt text, other known HTML tags are dropped with their text kept,
and anything else that looks like a tag (``Vec<T>``) stays text. Front matter is never
HTML that reaches the page as written.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: (text, styles): one run of text of front-matter markup.
Span = tuple[str, frozenset[str]]
PLAIN: frozenset[str] = frozenset()
STYLES = ("emphasis", "strong", "literal", "subscript", "superscript", "strikethrough")
_TAG_STYLES = {
    "em": "emphasis",
    "i": "emphasis",
    "cite": "emphasis",
    "strong": "strong",
    "b": "strong",
    "code": "literal",
    "kbd": "literal",
    "tt": "literal",
    "samp": "literal",
    "sub": "subscript",
    "sup": "superscript",
    "s": "strikethrough",
    "del": "strikethrough",
    "strike": "strikethrough",
}
#: HTML tags dropped (their text kept); a "tag" of another name is text (``Vec<T>``).
_DROPPED = frozenset(
    [
        "a",
        "abbr",
        "big",
        "br",
        "font",
        "img",
        "ins",
        "mark",
        "q",
        "small",
        "span",
        "time",
        "u",
        "wbr",
        "bdi",
        "bdo",
        "dfn",
        "data",
        "var",
    ]
)
_TAG_RE = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>$")
# Characters that can start markup; text without any is returned as it is (fast path).
# ASCII whitespace only: a no-break space (&nbsp;) is kept.
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
_MARKUP_RE = re.compile(r"[*_`<&\\\[]|--|~~|\.\.\.|\((?:c|r|tm)\)|\+-", re.IGNORECASE)


@functools.cache
def _parser() -> MarkdownIt:
    # kramdown's typographic symbols (--- — and -- – and ... …) as markdown-it's
    # "replacements"; strike-through (~~x~~) as GitHub writes it.
    return MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "strikethrough"])


def inline_spans(text: str) -> tuple[Span, ...]:
    """The runs of ``text`` read as one line of Markdown (whitespace collapsed)."""
    text = _SPACE_RE.sub(" ", text).strip(" ")
    if not text:
        return ()
    if not _MARKUP_RE.search(text):
        return ((text, PLAIN),)
    tokens = _parser().parseInline(text)
    children = tokens[0].children if tokens else None
    spans: list[Span] = []
    _walk(children or [], [], spans)
    return _merge(spans)


#: markdown-it's ``<name>_open``/``<name>_close`` tokens and the style each sets.
_MARKDOWN_STYLES = {"em": "emphasis", "strong": "strong", "s": "strikethrough"}


def _walk(tokens: list[Token], styles: list[str], spans: list[Span]) -> None:
    for token in tokens:
        kind = token.type
        name, _, edge = kind.rpartition("_")
        if kind in {"text", "code_inline"} or kind.endswith("break"):
            content = " " if kind.endswith("break") else token.content
            spans.append((content, frozenset([*styles, "literal"] if kind == "code_inline" else styles)))
        elif name in _MARKDOWN_STYLES and edge in {"open", "close"}:
            _set(styles, _MARKDOWN_STYLES[name], edge == "open")
        elif kind == "image":
            _walk(token.children or [], styles, spans)
        elif kind == "html_inline":
            _html_tag(token.content, styles, spans)
        # link_open/link_close: the link's text is kept, the link is not


def _set(styles: list[str], style: str, opening: bool) -> None:
    """One more (or one fewer, when it is open) ``style`` around what follows."""
    if opening:
        styles.append(style)
    elif style in styles:
        styles.remove(style)


def _html_tag(markup: str, styles: list[str], spans: list[Span]) -> None:
    match = _TAG_RE.match(markup)
    name = match[2].lower() if match else ""
    style = _TAG_STYLES.get(name)
    if match is None or (style is None and name not in _DROPPED):
        spans.append((markup, frozenset(styles)))  # not a tag outcrop knows: text, as written
    elif style is not None and not match[3]:
        _set(styles, style, not match[1])
    elif name == "br":
        spans.append((" ", frozenset(styles)))


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for text, styles in spans:
        if merged and merged[-1][1] == styles:
            merged[-1] = (merged[-1][0] + text, styles)
        elif text:
            merged.append((text, styles))
    # Whitespace collapsed across runs; the ends trimmed.
    result = [(_SPACE_RE.sub(" ", t), s) for t, s in merged]
    if result:
        result[0] = (result[0][0].lstrip(" "), result[0][1])
        result[-1] = (result[-1][0].rstrip(" "), result[-1][1])
    return tuple((t, s) for t, s in result if t)


def plain(spans: tuple[Span, ...]) -> str:
    """The text of ``spans``: what ``<title>``, feeds and link text show."""
    return _SPACE_RE.sub(" ", "".join(text for text, _ in spans)).strip(" ")


def styled(spans: tuple[Span, ...]) -> bool:
    """Whether any run of ``spans`` has a style (else the plain text says it all)."""
    return any(styles for _, styles in spans)
