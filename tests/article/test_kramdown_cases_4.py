"""kramdown abbreviations, stray stop tags and what follows each construct, exactly
(:func:`outcrop.article.kramdown.convert_attribute_lists`)."""

from __future__ import annotations

import pytest

from outcrop.article.kramdown import convert_attribute_lists
from outcrop.problems import Problem, ProblemKind


def _abbreviation(shown: str, line: int) -> Problem:
    return Problem(
        ProblemKind.KRAMDOWN, f"kramdown abbreviation {shown!r} has no MyST equivalent; kept as a comment", line
    )


def _removed(ial: str, line: int) -> Problem:
    return Problem(ProblemKind.KRAMDOWN, f"kramdown attribute list {ial} has no MyST equivalent; removed", line)


@pytest.mark.parametrize(
    ("text", "converted", "problems"),
    [
        pytest.param(
            "*[USGS]: United States Geological Survey\ntext",
            "% *[USGS]: United States Geological Survey\ntext",
            [_abbreviation("*[USGS]: United States Geological Survey", 1)],
            id="flush",
        ),
        pytest.param(
            "Intro\n\n *[A]: one\n  *[B]: two\n   *[C]: three",
            "Intro\n\n%  *[A]: one\n%   *[B]: two\n%    *[C]: three",
            [_abbreviation("*[A]: one", 3), _abbreviation("*[B]: two", 4), _abbreviation("*[C]: three", 5)],
            id="indented one to three blanks",
        ),
        pytest.param("    *[X]: code", "    *[X]: code", [], id="four blanks is code"),
        pytest.param("*[not an abbreviation\ntext", "*[not an abbreviation\ntext", [], id="no colon"),
        pytest.param(
            "*[" + "A" * 70 + "]: long",
            "% *[" + "A" * 70 + "]: long",
            [_abbreviation("*[" + "A" * 58, 1)],
            id="shown cut at 60 characters",
        ),
    ],
)
def test_abbreviations_are_kept_as_comments(text: str, converted: str, problems: list[Problem]) -> None:
    """An abbreviation definition (up to three blanks before it) becomes a MyST comment, with a
    warning on its line that shows its first 60 characters."""
    assert convert_attribute_lists(text) == (converted, problems)


def test_what_follows_an_abbreviation_is_still_converted() -> None:
    """Converting an abbreviation does not end the scan: an attribute list after it is removed."""
    text = "*[A]: b\n\npara\n{: .lead}"
    assert convert_attribute_lists(text) == (
        "% *[A]: b\n\npara\n",
        [_abbreviation("*[A]: b", 1), _removed("{: .lead}", 4)],
    )


def test_a_stray_stop_tag_becomes_a_blank_line_and_the_scan_goes_on() -> None:
    """A ``{:/}`` that closes nothing is blanked (never left as text), and the lines after it
    are still converted."""
    text = "a\n{:/}\npara\n{: .lead}"
    assert convert_attribute_lists(text) == ("a\n\npara\n", [_removed("{: .lead}", 4)])


def test_problems_before_an_extension_or_a_block_list_are_kept() -> None:
    """Every problem is reported, in order: those found before an extension or a block attribute
    list are not replaced by the extension's or the list's own."""
    text = "*[A]: b\n\n{::nomarkdown}\n<b>x</b>\n{:/nomarkdown}\n\npara\n{: .lead}"
    converted, problems = convert_attribute_lists(text)
    assert converted == "% *[A]: b\n\n\n<b>x</b>\n\n\npara\n"
    assert problems == [
        _abbreviation("*[A]: b", 1),
        Problem(
            ProblemKind.KRAMDOWN,
            "kramdown extension {::nomarkdown} has no MyST equivalent; its content is kept as Markdown",
            3,
        ),
        _removed("{: .lead}", 8),
    ]


def test_a_markdown_div_is_converted_and_so_is_what_follows() -> None:
    """``<div markdown="1">`` becomes a container; an abbreviation inside it and an attribute list
    after it are converted too, and each problem is kept."""
    text = '*[A]: b\n\n<div markdown="1">\n*[C]: d\n</div>\n\npara\n{: .lead}'
    converted, problems = convert_attribute_lists(text)
    assert converted == "% *[A]: b\n\n:::{container}\n% *[C]: d\n:::\n\npara\n"
    assert problems == [_abbreviation("*[A]: b", 1), _abbreviation("*[C]: d", 4), _removed("{: .lead}", 8)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('<div class="note">\ntext\n</div>', id="div without markdown"),
        pytest.param("The markdown of this page <span>x</span>", id="markdown without div"),
        pytest.param("<div>In markdown, the stray attribute list</div>", id="div and the word markdown"),
    ],
)
def test_a_plain_div_is_left_alone(text: str) -> None:
    """Only a ``<div>`` with a ``markdown`` attribute is a kramdown container."""
    assert convert_attribute_lists(text) == (text, [])


def test_a_span_list_in_a_plain_div_that_says_markdown_is_converted() -> None:
    """A ``<div>`` line holding the word "markdown" is no container: its span attribute list is
    still converted, and no unmatched-container warning is given."""
    text = "<div>In markdown, *this*{: .x} stays</div>"
    assert convert_attribute_lists(text) == ("<div>In markdown, [*this*]{.x} stays</div>", [])


_GFM = "| a | b |\n| --- | --- |\n| 1 | 2 |"


@pytest.mark.parametrize(
    ("text", "first_line", "converted"),
    [
        pytest.param("| a | b |\n| 1 | 2 |\n\nx", 0, _GFM + "\n\nx", id="first line, blank after"),
        pytest.param("| a | b |\n| 1 | 2 |\ntext", 0, "| a | b |\n| 1 | 2 |\ntext", id="text right after: no table"),
        pytest.param("| a | b |\n| 1 | 2 |\n", 0, _GFM + "\n", id="one blank line to the end"),
        pytest.param("| a | b |\n| 1 | 2 |\n\n", 0, _GFM + "\n", id="two blank lines: one gives way"),
        pytest.param("\n| a | b |\n| 1 | 2 |", 0, "\n" + _GFM, id="ends the text: nothing to move"),
        pytest.param("\n| a | b |\n| 1 | 2 |\n", 0, _GFM + "\n", id="one blank after, blank first line gives way"),
        pytest.param("\n| a | b |\n| 1 | 2 |\n\nx", 0, _GFM + "\n\nx", id="blank first line gives way"),
        pytest.param("\n| a | b |\n| 1 | 2 |\n\nx", 1, "\n" + _GFM + "\n\nx", id="body's first line: lines move down"),
        pytest.param("| a | b |\n| 1 | 2 |\n\nbody", 3, "| a | b |\n| 1 | 2 |\n\nbody", id="front matter untouched"),
        pytest.param("# H\n| a | b |\n| 1 | 2 |\n\nx", 0, "# H\n" + _GFM + "\n\nx", id="right after a heading"),
        pytest.param("  # H\n| a | b |\n| 1 | 2 |\n\nx", 0, "  # H\n" + _GFM + "\n\nx", id="after an indented heading"),
        pytest.param(
            "# H\n\n| a | b |\n| 1 | 2 |\n\nx", 0, "# H\n" + _GFM + "\n\nx", id="blank after a heading gives way"
        ),
        pytest.param(
            "  # H\n\n| a | b |\n| 1 | 2 |\n\nx", 0, "  # H\n" + _GFM + "\n\nx", id="blank after indented heading"
        ),
        pytest.param("para\n\n| a | b |\n| 1 | 2 |\n\nx", 0, "para\n\n" + _GFM + "\n\nx", id="after a paragraph"),
        pytest.param(
            "| a | b |\n| 1 | 2 |\n\nx\n# Notes\nend",
            0,
            _GFM + "\n\nx\n# Notes\nend",
            id="a heading near the end is not the one before",
        ),
        pytest.param(
            "| a | b |\n|---+---|\n| 1 | 2 |\n\n\nx",
            0,
            _GFM + "\n\n\nx",
            id="separator made a delimiter: same lines",
        ),
        pytest.param(
            "| a | b |\n# x | y\n| 1 | 2 |\n\nz",
            0,
            "| a | b |\n| --- | --- |\n# x | y\n| 1 | 2 |\n\nz",
            id="a row starting with # is a row, not a heading before another table",
        ),
    ],
)
def test_a_kramdown_table_becomes_gfm_with_lines_kept(text: str, first_line: int, converted: str) -> None:
    """A kramdown table (on block boundaries) gets its delimiter row; the line it needs comes from
    a spare blank line after it or before it (never a heading's), else the lines after it move
    down one. A table in the front matter, or with text right after it, is left alone."""
    assert convert_attribute_lists(text, first_line=first_line) == (converted, [])


@pytest.mark.parametrize(
    ("text", "converted"),
    [
        pytest.param(
            "| a | b |\n| 1 | 2 |\n\n| c | d |\n| 3 | 4 |",
            _GFM + "\n\n| c | d |\n| --- | --- |\n| 3 | 4 |",
            id="the first moves the second down",
        ),
        pytest.param(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n| 3 | 4 |\n\nend",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n| --- | --- |\n| 3 | 4 |\n\nend",
            id="after a GFM table",
        ),
        pytest.param(
            "| a | b |\n| 1 | 2 |\nmore\n\n| c | d |\n| 3 | 4 |\n",
            "| a | b |\n| 1 | 2 |\nmore\n\n| c | d |\n| --- | --- |\n| 3 | 4 |\n",
            id="after pipes that are no table",
        ),
        pytest.param(
            "\n| a | b |\n| 1 | 2 |\n\n| c | d |\n| 3 | 4 |\n\nx",
            _GFM + "\n\n| c | d |\n| --- | --- |\n| 3 | 4 |\n\nx",
            id="the first takes the blank line before it",
        ),
    ],
)
def test_every_table_of_an_article_is_converted(text: str, converted: str) -> None:
    """Each table is converted, whatever the one before it did (left alone, already GFM, or
    moved the lines after it down)."""
    assert convert_attribute_lists(text) == (converted, [])
