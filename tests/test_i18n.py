"""outcrop's catalogs: every message of the source, translated in every shipped
language, with its placeholders and plural forms, and compiled.

A message added to the source without its translations fails here: ``tox -e
catalogs`` adds it to every catalog, and lists what is left to translate."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from outcrop import i18n

PLACEHOLDER = re.compile(r"%[sd]")


def catalog(language: str):
    with (i18n.LOCALE / language / "LC_MESSAGES" / "outcrop.po").open("rb") as file:
        return read_po(file, locale=language)


def test_every_message_is_translated_and_compiled() -> None:
    assert i18n.check() == []


def test_the_shipped_languages() -> None:
    found = {p.parent.parent.name for p in i18n.LOCALE.glob("*/LC_MESSAGES/outcrop.po")}
    assert found == set(i18n.LANGUAGES) == {"de", "es", "fr", "ja", "pt", "zh_CN"}
    assert {p.with_suffix(".po") for p in i18n.LOCALE.glob("*/LC_MESSAGES/outcrop.mo")} == {
        i18n.LOCALE / language / "LC_MESSAGES" / "outcrop.po" for language in i18n.LANGUAGES
    }


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_their_placeholders_and_plural_forms(language: str) -> None:
    found = catalog(language)
    assert found.plural_forms == get_plural(language).plural_forms
    assert found.num_plurals == {"de": 2, "es": 3, "fr": 3, "pt": 3, "ja": 1, "zh_CN": 1}[language]
    for message in found:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (found.num_plurals if message.pluralizable else 1)
        wanted = PLACEHOLDER.findall(ids[0])
        for text in strings:
            assert PLACEHOLDER.findall(text) == wanted, (language, ids[0], text)


def test_counts_in_each_language() -> None:
    """The compiled catalogs, as gettext reads them: the form for each count."""
    import gettext

    def count(language: str, n: int) -> str:
        translation = gettext.translation("outcrop", str(i18n.LOCALE), [language])
        return translation.ngettext("%d article", "%d articles", n) % n

    assert [count("es", n) for n in (0, 1, 2)] == ["0 artículos", "1 artículo", "2 artículos"]
    assert [count("fr", n) for n in (0, 1, 2)] == ["0 article", "1 article", "2 articles"]
    assert [count("de", n) for n in (1, 2)] == ["1 Artikel", "2 Artikel"]
    assert [count("pt_BR", n) for n in (1, 2)] == ["1 artigo", "2 artigos"]  # pt, for Brazil too
    assert [count("ja", n) for n in (1, 2)] == ["1 件の記事", "2 件の記事"]
    assert [count("zh_CN", n) for n in (1, 2)] == ["1 篇文章", "2 篇文章"]


def test_a_new_message_without_translations_fails_until_translated(tmp_path: Path) -> None:
    source = tmp_path / "outcrop"
    shutil.copytree(i18n.LOCALE.parent, source, ignore=shutil.ignore_patterns("__pycache__"))
    locale = source / "locale"

    def files() -> dict[str, bytes]:
        return {str(p.relative_to(locale)): p.read_bytes() for p in sorted(locale.rglob("*.*"))}

    shipped = files()
    assert i18n.update(locale, source) == []
    assert files() == shipped, "an update with nothing new leaves every file as it is"
    module = source / "site" / "pages.py"
    module.write_text(module.read_text(encoding="utf-8") + '\n\nNEW = _("Glossary: %s")\n', encoding="utf-8")
    assert i18n.check(locale, source) == [
        "outcrop.pot: missing 'Glossary: %s'",
        *(f"{language}: missing 'Glossary: %s'" for language in i18n.LANGUAGES),
    ]
    # The update adds it everywhere, untranslated, and says so.
    assert i18n.update(locale, source) == [f"{language}: Glossary: %s" for language in i18n.LANGUAGES]
    assert 'msgid "Glossary: %s"' in (locale / "outcrop.pot").read_text(encoding="utf-8")
    assert i18n.check(locale, source) == [f"{language}: untranslated 'Glossary: %s'" for language in i18n.LANGUAGES]
    # Translated, and compiled by the next update: nothing left.
    for language in i18n.LANGUAGES:
        po = locale / language / "LC_MESSAGES" / "outcrop.po"
        po.write_text(
            po.read_text(encoding="utf-8").replace(
                'msgid "Glossary: %s"\nmsgstr ""', 'msgid "Glossary: %s"\nmsgstr "S: %s"'
            ),
            encoding="utf-8",
        )
    assert i18n.check(locale, source) == [
        f"{language}: outcrop.mo is not outcrop.po compiled" for language in i18n.LANGUAGES
    ]
    assert i18n.update(locale, source) == []
    assert i18n.check(locale, source) == []
    # The shipped catalogs are untouched.
    assert i18n.check() == []
