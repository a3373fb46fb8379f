"""Language tags: an article's ``lang:`` read as a BCP 47 tag (RFC 5646), or refused.

A tag ends up in the page's ``lang`` attribute and in ``hreflang`` links, so a value
that is not a tag (``"><script>``, ``english``) is never used: the writer is told why.
"""

from __future__ import annotations

import re

#: RFC 5646's ``langtag`` (and a private-use tag), matched on a lower-cased value. The
#: primary language is an ISO 639 code of two or three letters (and up to three extended
#: subtags): the registry has no longer language subtags in use, and ``english`` or
#: ``spanish`` is a writer's mistake, not a tag.
_TAG = re.compile(
    r"""
    (?:
      (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})
      (?:-(?P<script>[a-z]{4}))?
      (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
      (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*          # variants
      (?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*                # extensions
      (?:-x(?:-[a-z0-9]{1,8})+)?                         # private use
    |
      x(?:-[a-z0-9]{1,8})+
    )
    """,
    re.VERBOSE,
)
#: Longer than any tag a page needs (RFC 5646 asks to support 35 characters).
MAX_LENGTH = 64


def language_tag(value: str) -> str | None:
    """``value`` as a BCP 47 tag in its conventional case (``pt-BR``, ``zh-Hans-CN``,
    ``sr-Latn``), or None when it is not one. Sphinx's spelling with ``_`` (``pt_BR``)
    is read as the tag it means."""
    text = value.strip().replace("_", "-")
    if not text or len(text) > MAX_LENGTH:
        return None
    found = _TAG.fullmatch(text.lower())
    if found is None:
        return None
    subtags = found[0].split("-")
    tag = [subtags[0]]
    tail = subtags[0] == "x"  # in an extension or private use: lower case, as RFC 5646 writes them
    for subtag in subtags[1:]:
        tail = tail or len(subtag) == 1
        if not tail and subtag == found["script"]:
            subtag = subtag.title()
        elif not tail and subtag == found["region"]:
            subtag = subtag.upper()
        tag.append(subtag)
    return "-".join(tag)


def same_language(first: str, second: str) -> bool:
    """Whether two tags name the same language (``pt_BR`` and ``pt-br`` do)."""
    return (language_tag(first) or first).lower() == (language_tag(second) or second).lower()
