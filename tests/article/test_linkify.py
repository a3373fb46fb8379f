"""outcrop.article.linkify: linkify-it's pretest answers the same with the quick test
before it."""

from __future__ import annotations

import linkify_it
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outcrop.article import linkify

ORIGINAL = getattr(linkify_it.LinkifyIt.pretest, "__wrapped__", linkify_it.LinkifyIt.pretest)
QUICK = linkify.quick_pretest(ORIGINAL)
DEFAULT = linkify_it.LinkifyIt()

CASES = [
    "",
    "Plain prose, with a full stop. And another one.",
    "e.g. an abbreviation",
    "see https://example.org/x",
    "HTTP://EXAMPLE.ORG",
    "ftp:thing",
    "mailto:someone",
    "//example.org/protocol-relative",
    "write to someone@example.org",
    "a lone @",
    "www.example.com",
    "WWW.EXAMPLE.COM",
    "visit example.org today",
    "the host localhost:8000",
    "LOCALHOST",
    "10.0.0.1 is an address",
    "сайт.рф",
    "xn--80ak6aa92e.com",
    "a time: 10:30",
    "ratio 3.5 and v2.0",
    "end with www.",
    "（全角）：ｗｗｗ．",
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_answer_on_cases(text: str) -> None:
    assert QUICK(DEFAULT, text) == ORIGINAL(DEFAULT, text)


def test_the_quick_test_says_no_to_prose() -> None:
    assert not linkify.may_link("Plain prose, with a full stop. And another one.")
    assert not linkify.may_link("end with a full stop.")
    assert linkify.may_link("example.org")
    assert linkify.may_link("a@b")


ALPHABET = st.sampled_from(
    [*"abcwxyz019 .:/@_-—「」()<>|｜\xa0\u3000Lo.hst", "www", "localhost", ".com", "рф", "http", "xn--"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join))
def test_the_same_answer_on_any_text(text: str) -> None:
    assert QUICK(DEFAULT, text) == ORIGINAL(DEFAULT, text)


def test_an_instance_with_other_schemes_gets_linkify_its_own_test() -> None:
    calls: list[str] = []

    def spy(self: object, text: str) -> bool:
        calls.append(text)
        return True

    other = linkify_it.LinkifyIt().add("ftp:", None)  # a pattern that is not the default
    assert linkify.quick_pretest(spy)(other, "no link here") is True
    assert calls == ["no link here"]
    assert linkify.quick_pretest(spy)(DEFAULT, "no link here") is False


def test_install_wraps_once() -> None:
    linkify.install()
    linkify.install()
    assert linkify_it.LinkifyIt.pretest.__wrapped__ is ORIGINAL
