"""Language tags (BCP 47) read from ``lang:``."""

from __future__ import annotations

import pytest

from outcrop.article.language import language_tag, same_language


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("es", "es"),
        (" ES ", "es"),
        ("pt_BR", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("sr-LATN", "sr-Latn"),
        ("es-419", "es-419"),
        ("de-CH-1996", "de-CH-1996"),
        ("en-US-u-co-phonebk", "en-US-u-co-phonebk"),
        ("EN-x-Private-US", "en-x-private-us"),
        ("x-klingon", "x-klingon"),
        ("zh-yue", "zh-yue"),
    ],
)
def test_tags_in_their_conventional_case(value: str, tag: str) -> None:
    assert language_tag(value) == tag


@pytest.mark.parametrize(
    "value",
    ["", " ", '"><script>', "english", "e", "en-", "en--us", "en us", "12", "en-a", "i-klingon", "es-ES-" + "a" * 60],
)
def test_what_is_not_a_tag(value: str) -> None:
    assert language_tag(value) is None


def test_same_language() -> None:
    assert same_language("pt_BR", "pt-br")
    assert not same_language("pt", "pt-BR")
