"""outcrop's messages: one gettext catalog, ``outcrop``, found through Sphinx.

Every string outcrop shows a reader goes through :data:`_` (or :func:`ngettext` when it
holds a count), so that Sphinx's ``language`` picks its translation from the catalogs
shipped in ``locale/`` (or a site's own ``locale_dirs``). Before Sphinx has loaded the
catalog, :data:`_` returns a lazy string, translated when it is first used.
"""

from __future__ import annotations

from sphinx.locale import get_translation, get_translator

#: The catalog's name: ``locale/<language>/LC_MESSAGES/outcrop.mo``.
CATALOG = "outcrop"

_ = get_translation(CATALOG)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n`` in the site's language (``"%d article"``
    or ``"%d articles"`` in English; one, few or many forms in others), with ``%d`` filled."""
    text: str = get_translator(CATALOG).ngettext(singular, plural, n)
    return text % n if "%d" in text else text
