"""kramdown extensions closed by the short stop tag ``{:/}``, and what the front matter
never does to them (:func:`outcrop.article.kramdown.convert_attribute_lists`)."""

from __future__ import annotations

import pytest

from outcrop.article.kramdown import convert_attribute_lists
from outcrop.problems import Problem, ProblemKind


@pytest.mark.parametrize(
    ("text", "converted", "problems"),
    [
        pytest.param("{::comment}\nnote\n{:/}\nafter", "%\n% note\n%\nafter", [], id="comment"),
        pytest.param(
            "{::nomarkdown}\n<b>x</b>\n{:/}\nafter",
            "\n<b>x</b>\n\nafter",
            [
                Problem(
                    ProblemKind.KRAMDOWN,
                    "kramdown extension {::nomarkdown} has no MyST equivalent; its content is kept as Markdown",
                    1,
                )
            ],
            id="nomarkdown",
        ),
    ],
)
def test_the_short_stop_tag_closes_any_extension(text: str, converted: str, problems: list[Problem]) -> None:
    """``{:/}`` closes the extension opened before it, as ``{:/name}`` does."""
    assert convert_attribute_lists(text) == (converted, problems)


def test_a_stop_tag_in_the_front_matter_closes_no_comment() -> None:
    """A comment opened on the article's first line is closed by its own stop tag, never by one before
    ``first_line``."""
    text = "{:/}\n{::comment}\nnote\n{:/comment}"
    assert convert_attribute_lists(text, first_line=1) == ("{:/}\n%\n% note\n%", [])
