"""The one slug function: tag, category and article names to safe path segments.

The same slug names a tag's page (``tags/<slug>.html``), its anchors, its feed id and
its LaTeX label, so it must be stable, Unicode-friendly and never a path.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 80

# Characters that carry meaning in tag names, spelled out so that "C" and "C++" or
# "F" and "F#" get distinct slugs.
_SPELLED = {"+": "-plus-", "#": "-sharp-", "&": "-and-", "@": "-at-"}
_SPELLED_RE = re.compile("|".join(re.escape(c) for c in _SPELLED))
_DASHES_RE = re.compile(r"-{2,}")


def slugify(name: str) -> str:
    """Return a safe, lower-case URL path segment for ``name``.

    Letters of every script are kept (``知乎`` stays ``知乎``); ``+ # & @`` are spelled
    out; every other run of punctuation, space or symbol becomes one ``-``. The result
    never contains ``/``, ``\\`` or ``.``, never starts or ends with ``-`` and is never
    empty: a name with no letters or digits (an emoji, ``..``) gets a short hash.
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _SPELLED_RE.sub(lambda m: _SPELLED[m.group(0)], text)
    # Letters, digits and combining marks (हिन्दी needs its vowel signs) are kept;
    # everything else becomes a separator.
    text = "".join(c if unicodedata.category(c)[0] in "LNM" else "-" for c in text)
    text = _DASHES_RE.sub("-", text).strip("-")
    if not text:
        return "x-" + _digest(name)
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 9].rstrip("-") + "-" + _digest(name)
    return text


def _digest(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def titleize(slug: str) -> str:
    """Jekyll's ``titleize_slug``: ``my-first-post`` → ``My First Post`` (never empty)."""
    return " ".join(word[:1].upper() + word[1:] for word in re.split(r"[-_\s]+", slug) if word) or slug or "Untitled"
