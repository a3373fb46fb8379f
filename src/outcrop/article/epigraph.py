"""Epigraphs: the attribution (``– Author``) at the end of a quote's last paragraph.

A quote ending in ``–Author``, ``— Author`` or ``-- Author`` — on a line of its own,
or after the closing quotation mark on the same line, as in many blog posts — is an
epigraph; :func:`split_attribution` finds the author in the text, and
:mod:`outcrop.site.epigraphs` turns the quote into one.
"""

from __future__ import annotations

import re

_DASH = r"(?:--|–|—|―)"
#: An attribution on the last line of its own.
_OWN_LINE = re.compile(rf"\n\s*{_DASH}\s*(?P<who>\S[^\n]*?)\s*$")
#: An attribution after the closing quotation mark: ``"..." –Author``.
_AFTER_QUOTE = re.compile(rf"(?<=[\"”»’'])\s*{_DASH}\s*(?P<who>[^\s\"”“][^\n\"”“]*?)\s*$")
_MAX_WHO = 120


def split_attribution(text: str) -> tuple[str, str] | None:
    """``(quote, author)`` when ``text`` (a paragraph's last text) ends in an attribution."""
    for pattern in (_OWN_LINE, _AFTER_QUOTE):
        match = pattern.search(text)
        if match and len(match["who"]) <= _MAX_WHO:
            return text[: match.start()].rstrip(), match["who"]
    return None
