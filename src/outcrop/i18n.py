"""outcrop's messages: one gettext catalog, ``outcrop``, found through Sphinx.

Every string outcrop shows a reader goes through :data:`_` (or :func:`ngettext` when it
holds a count), so that Sphinx's ``language`` picks its translation from the catalogs
shipped in ``locale/`` (or a site's own ``locale_dirs``). Before Sphinx has loaded the
catalog, :data:`_` returns a lazy string, translated when it is first used.

The catalogs are kept with Babel (which Sphinx depends on): ``tox -e catalogs`` (that is,
:func:`main`) extracts the messages of the package's source into ``locale/outcrop.pot``, merges them
into each language's ``outcrop.po`` and compiles the ``.mo`` files the package ships
(``tox -e catalogs -- check`` only says what is missing or stale, and fails then).
"""

from __future__ import annotations

import gettext
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation, get_translator, translators

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from sphinx.application import Sphinx

#: The catalog's name: ``locale/<language>/LC_MESSAGES/outcrop.mo``.
CATALOG = "outcrop"
#: The package's own catalogs.
LOCALE = Path(__file__).parent / "locale"
#: The languages outcrop ships translations for (folder names under ``locale/``).
LANGUAGES = ("de", "es", "fr", "ja", "pt", "zh_CN")
#: The functions whose arguments are messages, as Babel's extractor names them.
KEYWORDS = {"_": None, "ngettext": (1, 2)}
#: The catalogs' header (Babel names the language in place of "template").
HEADER = (
    "# Translations template for outcrop: the words outcrop shows readers.\n"
    "# Kept with `tox -e catalogs` (docs/guide/languages.md); distributed under\n"
    "# outcrop's license.\n#"
)

_ = get_translation(CATALOG)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n`` in the site's language (``"%d article"``
    or ``"%d articles"`` in English; one, few or many forms in others), with ``%d`` filled."""
    text: str = get_translator(CATALOG).ngettext(singular, plural, n)
    return text % n if "%d" in text else text


# -- Loading, for a build -------------------------------------------------------------


def _site_catalog(folder: Path, language: str) -> gettext.NullTranslations | None:
    """A site's own ``outcrop.mo`` for ``language`` in ``folder``, or its ``outcrop.po``
    read in memory (nothing is written into the source folder)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    found = gettext.find(CATALOG, str(folder), [language])
    if found is not None:
        return gettext.translation(CATALOG, str(folder), [language])
    spelled = language.replace("-", "_")
    for name in dict.fromkeys([language, spelled, spelled.split("_")[0]]):  # pt_BR, then pt
        po = folder / name / "LC_MESSAGES" / f"{CATALOG}.po"
        if po.is_file():
            with po.open("rb") as file:
                catalog = read_po(file, locale=name)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return gettext.GNUTranslations(buffer)
    return None


def load_catalogs(srcdir: str | Path, language: str, locale_dirs: Iterable[str]) -> list[tuple[Path, str]]:
    """Make ``outcrop``'s translator the one for a build in ``language``: the site's
    ``locale_dirs`` (relative to ``srcdir``) first (a site may translate outcrop into
    another language, or reword a message), then the package's catalogs. Replaced, never
    merged into the translator an earlier build in the same process left. Returns the
    site's catalogs that cannot be read, (folder, why) each: they are left out."""
    language = language or "en"
    chain: list[gettext.NullTranslations] = []
    problems: list[tuple[Path, str]] = []
    for folder in locale_dirs:
        try:
            found = _site_catalog(Path(srcdir, folder), language)
        except Exception as exc:  # a damaged .mo (OSError) or .po (babel's errors)
            damaged = gettext.find(CATALOG, str(Path(srcdir, folder)), [language])
            problems.append((Path(damaged or Path(srcdir, folder)), f"{type(exc).__name__}: {exc}"))
            continue
        if found is not None:
            chain.append(found)
    if gettext.find(CATALOG, str(LOCALE), [language]) is not None:
        chain.append(gettext.translation(CATALOG, str(LOCALE), [language]))
    translator = chain[0] if chain else gettext.NullTranslations()
    for fallback in chain[1:]:
        translator.add_fallback(fallback)
    translators["general", CATALOG] = translator
    return problems


def setup_i18n(app: Sphinx) -> None:
    """Register the package's catalog with Sphinx (``config.py`` loads it, with the
    site's own, at ``config-inited``, where it can report a damaged one)."""
    app.add_message_catalog(CATALOG, str(LOCALE))


# -- Keeping the catalogs: tox -e catalogs ------------------------------------------


def extract(source: Path = Path(__file__).parent) -> Catalog:
    """Every message of the package's Python source (``_`` and ``ngettext``)."""
    from babel.messages.extract import extract_from_dir

    catalog = _new_catalog(None)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(source), method_map, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _read(path: Path, locale: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        return read_po(file, locale=locale)


def _write_po(path: Path, catalog: Catalog) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, include_lineno=False, sort_output=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` bytes of ``catalog``."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def message_ids(catalog: Iterable[Any]) -> set[Any]:
    """The ids of a catalog's messages (a tuple for those with a plural), header left out."""
    return {m.id for m in catalog if m.id}


def untranslated(catalog: Catalog) -> list[str]:
    """The messages of ``catalog`` without a translation (or with a plural form missing)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy or not all(strings) or len(strings) != (catalog.num_plurals if message.pluralizable else 1):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def mo_messages(path: Path) -> dict[Any, str]:
    """What a ``.mo`` file holds (gettext's own reading)."""
    with path.open("rb") as file:
        found: dict[Any, str] = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in found.items() if k != ""}


def po_messages(catalog: Catalog) -> dict[Any, str]:
    """What the ``.mo`` compiled from ``catalog`` holds."""
    return mo_messages_from(compiled(catalog))


def mo_messages_from(data: bytes) -> dict[Any, str]:
    found: dict[Any, str] = gettext.GNUTranslations(io.BytesIO(data))._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in found.items() if k != ""}


def update(locale: Path = LOCALE, source: Path = Path(__file__).parent) -> list[str]:
    """Extract the messages into ``outcrop.pot``, merge them into every language's
    ``.po`` (new messages untranslated, vanished ones dropped) and compile the ``.mo``
    files; return what is still to translate, as ``language: message`` lines."""
    template = extract(source)
    pot = locale / f"{CATALOG}.pot"
    known = _read(pot) if pot.exists() else None
    if known is not None and message_ids(known) == message_ids(template):
        template.creation_date = known.creation_date  # the same messages: the files stay as they are
    else:
        _write_po(pot, template)
    todo = []
    for language in LANGUAGES:
        po = locale / language / "LC_MESSAGES" / f"{CATALOG}.po"
        catalog = _read(po, language) if po.exists() else _new_catalog(language)
        before = po.read_bytes() if po.exists() else b""
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        buffer = io.BytesIO()
        from babel.messages.pofile import write_po

        write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True, ignore_obsolete=True)
        if buffer.getvalue() != before:
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_bytes(buffer.getvalue())
        mo = po.with_suffix(".mo")
        data = compiled(_read(po, language))
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
        todo += [f"{language}: {message}" for message in untranslated(catalog)]
    return todo


def _new_catalog(language: str | None) -> Catalog:
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=language,
        header_comment=HEADER,
        project="outcrop",
        version="",
        copyright_holder="The outcrop developers",
        msgid_bugs_address="",
        fuzzy=False,
    )


def check(locale: Path = LOCALE, source: Path = Path(__file__).parent) -> list[str]:
    """What is wrong with the shipped catalogs, one line each ([] when nothing is): a
    message of the source missing from the ``.pot`` or a ``.po``, a message left
    untranslated, a ``.mo`` that is not its ``.po`` compiled."""
    wanted = message_ids(extract(source))
    problems = []
    pot = locale / f"{CATALOG}.pot"
    missing = wanted - message_ids(_read(pot)) if pot.exists() else wanted
    problems += [f"{pot.name}: missing {m!r}" for m in sorted(map(str, missing))]
    for language in LANGUAGES:
        po = locale / language / "LC_MESSAGES" / f"{CATALOG}.po"
        if not po.exists():
            problems.append(f"{language}: no {po.name}")
            continue
        catalog = _read(po, language)
        problems += [f"{language}: missing {m!r}" for m in sorted(map(str, wanted - message_ids(catalog)))]
        problems += [f"{language}: untranslated {m!r}" for m in untranslated(catalog)]
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo_messages(mo) != po_messages(catalog):
            problems.append(f"{language}: {mo.name} is not {po.name} compiled")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``tox -e catalogs [-- update|check]``: update the catalogs (the default), or only
    check them; the exit status is 1 while a message is left to translate."""
    command = (argv if argv is not None else sys.argv[1:]) or ["update"]
    if command[0] not in {"update", "check"}:
        print("usage: tox -e catalogs -- [update|check]", file=sys.stderr)
        return 2
    problems = update() if command[0] == "update" else check()
    for line in problems:
        print(line)
    return 1 if problems else 0
