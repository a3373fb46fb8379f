"""Repairs of images whose title is badly quoted, scheme-relative links next to code
spans, inline code spans themselves, and the title made of a slug: the exact text a
writer gets back and the exact warning they read."""

from __future__ import annotations

import pytest

from outcrop.article.repair import code_spans, repair_images, scheme_relative_links
from outcrop.article.slug import titleize
from outcrop.problems import Problem, ProblemKind

REPAIRED = 'malformed image: its title is not quoted as CommonMark requires (e.g. written ""...""); repaired'


def repaired(line: int) -> Problem:
    return Problem(ProblemKind.IMAGE, REPAIRED, line)


# -- images -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        # Only the quotes around the title go, not its own first or last letter.
        ('![a](u.png ""Xmas"")', '![a](u.png "Xmas")'),
        # A backslash in the title stays a backslash once quoted.
        ('![a](u.png ""C:\\dir"")', '![a](u.png "C:\\\\dir")'),
        # A title that is nothing but quotes: the image keeps no title.
        ('![a](u.png """")', "![a](u.png)"),
        ('![a](<my image.png> """")', "![a](<my image.png>)"),
        # One good image and one broken on the same line: the broken one is repaired.
        ('![a](b.png) and ![c](d.png ""Title"")', '![a](b.png) and ![c](d.png "Title")'),
    ],
)
def test_badly_quoted_image_title_is_requoted(source: str, fixed: str) -> None:
    """An image whose title CommonMark cannot read gets it in plain double quotes, and
    the writer is told it was repaired."""
    assert repair_images(f"Intro\n\n{source}") == (f"Intro\n\n{fixed}", [repaired(3)])


# -- scheme-relative links --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        # The link's text is code: the URL right after the code span is still a link's.
        ("[`code`](//example.com/x)", "[`code`](https://example.com/x)"),
        ("See `//example.com` and [site](//example.com/a)", "See `//example.com` and [site](https://example.com/a)"),
    ],
)
def test_scheme_relative_link_after_code_becomes_https(source: str, fixed: str) -> None:
    """A ``//host`` link next to inline code becomes ``https://``; the code is left alone."""
    assert scheme_relative_links(source) == fixed


# -- inline code spans ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        # A run of backticks never closed is text; spans after it are still found.
        ("`` x `y` z", [(5, 8)]),
        ("a ` b `` c ``` d", []),
        ("a `` b `c` d", [(7, 10)]),
    ],
)
def test_unclosed_backticks_do_not_hide_later_code_spans(line: str, spans: list[tuple[int, int]]) -> None:
    """An opening backtick run without its closing run does not end the search for code spans."""
    assert code_spans(line) == spans


# -- titles from slugs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("my-first-post", "My First Post"),
        # No words: the slug as it is, or "Untitled" when there is nothing at all.
        ("--", "--"),
        ("_ _", "_ _"),
        ("", "Untitled"),
    ],
)
def test_titleize_is_never_empty(slug: str, title: str) -> None:
    """A title made of a slug capitalises its words and is never empty."""
    assert titleize(slug) == title
