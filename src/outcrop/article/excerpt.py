"""Where an article's excerpt ends, by Jekyll's rules.

Jekyll's excerpt is the front matter's ``excerpt:`` when given, else the text before the
article's (or the site's) ``excerpt_separator``, else the first paragraph. This stage
finds the separator's line in the text MyST reads (:func:`separator_line`: outside
fenced code, so a post about excerpts can show one); the site stage takes the
paragraphs before it from the doctree, with their styles and links, and
:func:`shorten` keeps a listing's excerpt to a few lines.
"""

from __future__ import annotations

import re

from outcrop.article.inline import Span
from outcrop.article.repair import prose_lines

_WORD_RE = re.compile(r"\S+")
#: The longest excerpt a listing shows, in words; a longer one ends in "…".
EXCERPT_WORDS = 60


def separator_line(text: str, separator: str, first_line: int = 0) -> int:
    """The line (1-based) of the first ``separator`` in ``text`` outside fenced code,
    from line index ``first_line`` (after the front matter) on; 0 when there is none."""
    if not separator or separator not in text:
        return 0
    lines = text.split("\n")
    for number in prose_lines(lines, first_line):
        if separator in lines[number]:
            return number + 1
    return 0


def shorten(spans: tuple[Span, ...], words: int = EXCERPT_WORDS) -> tuple[Span, ...]:
    """``spans`` cut after ``words`` words (at a word's end, styles kept), with "…"."""
    text = "".join(run for run, _ in spans)
    end = _end_of_word(text, words)
    if end is None:
        return spans
    kept: list[Span] = []
    offset = 0
    for run, styles in spans:
        if offset + len(run) >= end:
            if run[: end - offset].strip():
                kept.append((run[: end - offset], styles))
            break
        kept.append((run, styles))
        offset += len(run)
    return (*kept, ("…", frozenset()))


def _end_of_word(text: str, words: int) -> int | None:
    """The index just after the ``words``-th word of ``text``, when more text follows."""
    for seen, found in enumerate(_WORD_RE.finditer(text), start=1):
        if seen == words:
            return found.end() if text[found.end() :].strip() else None
    return None
