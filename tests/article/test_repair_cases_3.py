"""Repairs of an article's text, third round: deep outlines written with tabs or odd
continuation lines, outlines too long or too deep to lift level by level, malformed
links and scheme-relative links (:mod:`outcrop.article.repair`)."""

from __future__ import annotations

import pytest

from outcrop.article.repair import MAX_LIST_DEPTH, check_links, flatten_deep_lists, scheme_relative_links
from outcrop.problems import Problem, ProblemKind

NESTING = f"a list nested deeper than {MAX_LIST_DEPTH} levels; the deeper items are shown at level {MAX_LIST_DEPTH}"
LINK = "malformed link: CommonMark cannot read it, so it is shown as text"


def _nesting(line: int) -> Problem:
    return Problem(ProblemKind.NESTING, NESTING, line)


def _link(line: int) -> Problem:
    return Problem(ProblemKind.LINK, LINK, line)


def _items(indents: list[str]) -> list[str]:
    """One item per indentation, labelled ``l1``, ``l2``..."""
    return [f"{indent}- l{n}" for n, indent in enumerate(indents, start=1)]


#: Eight levels, two columns each: the deepest allowed item is at column 14.
EIGHT = _items(["  " * level for level in range(MAX_LIST_DEPTH)])


# -- tabs and odd indentation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("indents", "lifted"),
    [
        pytest.param(["\t" * level for level in range(9)], " " * 28, id="one tab a level"),
        pytest.param(
            ["  \t" * (level // 2) + "  " * (level % 2) for level in range(9)], " " * 14, id="spaces then a tab"
        ),
    ],
)
def test_a_tab_reaches_the_next_multiple_of_four_columns(indents: list[str], lifted: str) -> None:
    """A tab in an outline's indentation counts up to the next multiple of four columns, so the ninth level moves
    to exactly the eighth level's column."""
    lines = _items(indents)
    flat, problems = flatten_deep_lists("\n".join(lines))
    assert flat == "\n".join([*lines[:8], lifted + "- l9"])
    assert problems == [_nesting(9)]


@pytest.mark.parametrize(
    ("continuation", "moved"),
    [
        pytest.param("  lazy", "lazy", id="indented exactly as far as the item moves"),
        pytest.param(" " * 18 + "\u3000wide space first", " " * 16 + "\u3000wide space first", id="ideographic space"),
        pytest.param(" " * 18 + "Xray", " " * 16 + "Xray", id="starting with X"),
    ],
)
def test_continuation_lines_move_with_their_item(continuation: str, moved: str) -> None:
    """The lines of a too-deep item move by the same columns as the item, their own text (even leading non-ASCII
    space) unchanged."""
    text = "\n".join([*EIGHT, " " * 16 + "- l9", continuation])
    flat, problems = flatten_deep_lists(text)
    assert flat == "\n".join([*EIGHT, " " * 14 + "- l9", moved])
    assert problems == [_nesting(9)]


# -- outlines too long or too deep to lift level by level ------------------------------


def _long_outline() -> tuple[list[str], list[str]]:
    """Eight levels and then 65 items at the ninth: more than the passes lift one by one; and the same, flat."""
    deep = [f"{' ' * 16}- d{n}" for n in range(65)]
    flat = [f"{' ' * 14}- d{n}" for n in range(65)]
    return [*EIGHT, *deep], [*EIGHT, *flat]


def test_the_items_left_after_the_last_pass_go_to_the_last_level() -> None:
    """An outline with more too-deep items than passes is flattened all the same, with one problem."""
    deep, flat = _long_outline()
    assert flatten_deep_lists("\n".join(deep)) == ("\n".join(flat), [_nesting(9)])


def test_the_last_resort_leaves_the_front_matter_alone() -> None:
    """A deeply indented item in the front matter is kept as written when the article's outline is cut flat."""
    front = ["---", "tags:", " " * 16 + "- a", "---"]
    deep, flat = _long_outline()
    assert flatten_deep_lists("\n".join([*front, *deep]), first_line=4) == (
        "\n".join([*front, *flat]),
        [_nesting(13)],
    )


def test_a_list_too_deep_for_the_parser_with_nothing_to_cut_is_left_as_written() -> None:
    """A list nested hundreds of levels deep on one line (nothing indented to cut) is left as written, without a
    problem and without an error, even when fenced code holds an indented item."""
    text = "```\n" + " " * 16 + "- code\n```\n" + "- " * 1000 + "x"
    assert flatten_deep_lists(text) == (text, [])


# -- malformed links --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        pytest.param("[a] (http://x.com)", [_link(1)], id="space before the parenthesis"),
        pytest.param("[a](http://x.com/a page.html)", [_link(1)], id="space in the URL"),
        pytest.param("    [a] (http://x.com)", [], id="four spaces: code"),
        pytest.param("\t[a] (http://x.com)", [], id="a tab: code"),
        pytest.param("[a] (http://x.com/{{ page.slug }})", [], id="Liquid variable"),
        pytest.param("[a] (http://x.com/{% post_url x %})", [], id="Liquid tag"),
        pytest.param("[a] (http://x.com/{% raw %}x)\n[b] (http://y.com)", [_link(2)], id="after a Liquid line"),
        pytest.param("[a] (http://x.com) " + "y" * 3981, [_link(1)], id="4000 characters: checked"),
        pytest.param("[a] (http://x.com) " + "y" * 3982, [], id="4001 characters: not checked"),
    ],
)
def test_malformed_links_are_reported(text: str, problems: list[Problem]) -> None:
    """A link CommonMark reads as text is reported at its line; code, Liquid and overlong lines are not checked."""
    assert check_links(text) == problems


def test_malformed_links_in_the_front_matter_are_not_reported() -> None:
    """Lines before ``first_line`` (the front matter) are not checked; the line numbers are the file's."""
    assert check_links("[a] (http://x.com)\n[b] (http://y.com)", first_line=1) == [_link(2)]


@pytest.mark.parametrize("text", ["[a]  (http://x.com)", "[a]\t(http://x.com)"])
def test_a_link_with_more_than_one_blank_before_its_parenthesis_is_reported(text: str) -> None:
    """``[a]  (url)`` is shown as text like ``[a] (url)``, so it is reported the same."""
    assert check_links(text) == [_link(1)]


# -- scheme-relative links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first_line", "fixed"),
    [
        pytest.param(
            "[a](//h.com/x)\n```\n[b](//h.com/y)\n```",
            0,
            "[a](https://h.com/x)\n```\n[b](//h.com/y)\n```",
            id="fenced code kept",
        ),
        pytest.param(
            "url: [a](//h.com/x)\n[b](//h.com/y)",
            1,
            "url: [a](//h.com/x)\n[b](https://h.com/y)",
            id="front matter kept",
        ),
    ],
)
def test_scheme_relative_links_outside_code_and_front_matter(text: str, first_line: int, fixed: str) -> None:
    """``//host`` links become ``https://`` in the prose only: fenced code and the front matter keep them."""
    assert scheme_relative_links(text, first_line=first_line) == fixed
