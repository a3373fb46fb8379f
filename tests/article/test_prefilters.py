"""The quick tests that spare the reading of an article its costly work: each is a
necessary condition of what it guards, so that what it lets through is treated as before
and what it stops could not have changed (:mod:`outcrop.article.repair`,
:mod:`outcrop.article.liquid`)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from outcrop.article import repair
from outcrop.article.liquid import has_liquid
from outcrop.article.repair import (
    _broken_link,
    _markdown,
    _may_hold_broken_link,
    check_links,
    remove_control_characters,
    scheme_relative_links,
)
from outcrop.problems import Problem, ProblemKind

LINK = "malformed link: CommonMark cannot read it, so it is shown as text"


def _links(*lines: int) -> list[Problem]:
    return [Problem(ProblemKind.LINK, LINK, line) for line in lines]


# -- broken links: which lines are parsed ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("[a] (http://x.com)", id="a blank before the parenthesis"),
        pytest.param("[a]\u00a0(http://x.com)", id="a no-break space before the parenthesis"),
        pytest.param("[a]\t\\(http://x.com)", id="a tab, then an escaped parenthesis"),
        pytest.param("[a](x y)", id="a blank in the target"),
        pytest.param("[a](xx yy)", id="words in the target"),
        pytest.param("[a]( x)", id="a blank right after the parenthesis"),
        pytest.param("[a](x\ty)", id="a tab in the target"),
        pytest.param("[a]\\(x y)", id="an escaped parenthesis, then a blank"),
        pytest.param("[a](x) and (b c)", id="a blank before a later parenthesis"),
        pytest.param("[a](x) (b) and [c](y z)", id="a later target with a blank"),
        pytest.param("[a](x&#32;y(z)", id="an entity: parsed whatever it holds"),
        pytest.param("<http://x/[q](a%20b)>", id="an autolink: parsed whatever it holds"),
    ],
)
def test_lines_that_may_hold_a_broken_link_are_parsed(line: str) -> None:
    assert _may_hold_broken_link(line)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("[a](http://x.com)", id="a link"),
        pytest.param("See [a](http://x.com) and more.", id="a link in a sentence"),
        pytest.param('[a](http://x.com "A title")', id="a link with a title"),
        pytest.param("[a](x 'b)'", id="a quote after the blank"),
        pytest.param("[a](x)\u00a0", id="a blank after the last parenthesis"),
        pytest.param("no link (a b)", id="parentheses without a link"),
        pytest.param("(a b) then [c](d)", id="parentheses before the link"),
        pytest.param("a ] b (c d)", id="a bracket far from the parenthesis"),
    ],
)
def test_lines_of_well_formed_links_are_not_parsed(line: str) -> None:
    assert not _may_hold_broken_link(line)


#: Pieces of lines that make and break links: brackets, parentheses, escapes, blanks of
#: every kind, quotes, emphasis, code, images, and URL-like targets.
_PIECES = [
    *"[]()\\ \t!*_`\"'x/:.-",
    *"\u00a0\u2003\u2028\x1c\x85\r",
    "[a]",
    "](",
    "] (",
    "\\]",
    "\\(",
    "\\)",
    "http:",
    "https://x",
    "/p",
    "a.md",
    "b.html",
    "(x y)",
    "**",
]


def _parsed_as_a_broken_link(line: str) -> bool:
    """What check_links finds in a line it parses."""
    for token in _markdown().parseInline(line):
        if any(_broken_link(child.content) for child in token.children or () if child.type == "text"):
            return True
    return False


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
@example("[a]\u00a0(http://x.com)")
@example("\\[a\\](x y)")
@example("[a](x\ty)")
@example("[a] \\(http://x.com)")
@example("*[a](x y)*")
def test_every_line_read_as_a_broken_link_passes_the_prefilter(line: str) -> None:
    """A necessary condition: without entities or autolinks, the parser's text is the line
    less markup and the backslashes of escapes, so no broken link is missed."""
    if _parsed_as_a_broken_link(line):
        assert _may_hold_broken_link(line)


def test_well_formed_links_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the prefilter: an article of well-formed links costs no parse at all."""

    def no_parser() -> None:
        raise AssertionError("a line was parsed")

    monkeypatch.setattr(repair, "_markdown", no_parser)
    text = "See [a](http://x.com) and [b](/c 'C').\n\n[d](e) and more\n```\n[f](g h)\n```"
    assert check_links(text) == []


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        pytest.param("[a](x&#32;y(z)", _links(1), id="an entity in the target"),
        pytest.param("[a](http://x.com/a&amp;b)", [], id="an entity in a good target"),
        pytest.param("\\[a\\](x y)", _links(1), id="escaped brackets"),
        pytest.param("[a](x\ty)", _links(1), id="a tab in the target"),
        pytest.param("[a](x\u00a0y)", [], id="a no-break space in a target is part of it"),
        pytest.param("[a](\u00a0x)", [], id="even its first character"),
        pytest.param("[a]( x)", [], id="blanks before a target are allowed"),
        pytest.param("[a](\x1cx)", _links(1), id="a separator control is not (a build has removed it before)"),
        pytest.param("[a](x\u2003y)", [], id="an em space in a target is part of it"),
        pytest.param("*[a](x y)*", _links(1), id="inside emphasis"),
        pytest.param("`[a](x y)`", [], id="inside code"),
        pytest.param("[a](x y) and [b](z)", _links(1), id="then a good link"),
        pytest.param("[a](z) and [b](x y)", _links(1), id="after a good link"),
        pytest.param("[a](http://x.com) then (b c)", [], id="a good link, then parentheses"),
        pytest.param('[a](http://x.com "t")', [], id="a title"),
        pytest.param("[a](<x y>)", [], id="a target in angle brackets"),
        pytest.param("[a\nb](x y)", [], id="a link over two lines: each line is read alone"),
        pytest.param("[a](x\ny)", [], id="a target over two lines"),
        pytest.param("[a](x y)\n```\n[b](x y)\n```\n[c](x y)", _links(1, 5), id="fenced code is skipped"),
    ],
)
def test_broken_links_with_entities_escapes_and_blanks(text: str, problems: list[Problem]) -> None:
    assert check_links(text) == problems


@pytest.mark.xfail(
    strict=True,
    reason="BUG: lines are parsed only when they hold ] and ( with nothing but white space between as written, so "
    "a link broken by an entity (&nbsp;) or an escaped parenthesis, text to CommonMark, is not reported",
)
@pytest.mark.parametrize(
    "line", ["[a]&nbsp;(http://x.com)", "[a]&#32;(http://x.com)", "[a] \\(http://x.com)", "[a]\\(x y)"]
)
def test_a_link_broken_by_an_entity_or_an_escape_is_reported(line: str) -> None:
    assert check_links(line) == _links(1)


# -- scheme-relative links, control characters, Liquid -------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        pytest.param("[a](//h.com/x)", "[a](https://h.com/x)", id="after a parenthesis"),
        pytest.param("[a](<//h.com/x>)", "[a](<https://h.com/x>)", id="after an angle bracket"),
        pytest.param("[a]( //h.com/x)", "[a]( https://h.com/x)", id="after a blank"),
        pytest.param("[a](\t//h.com/x)", "[a](\thttps://h.com/x)", id="after a tab"),
        pytest.param("[a]: //h.com/x", "[a]: https://h.com/x", id="a definition"),
        pytest.param("[a]://h.com/x", "[a]:https://h.com/x", id="a definition without a blank"),
        pytest.param('<a href="//h.com/x">', '<a href="https://h.com/x">', id="double quotes"),
        pytest.param("<a href='//h.com/x'>", "<a href='https://h.com/x'>", id="single quotes"),
        pytest.param(
            "see https://h.com/x or [a](https://h.com)", "see https://h.com/x or [a](https://h.com)", id="none"
        ),
    ],
)
def test_scheme_relative_links_after_every_opening(text: str, fixed: str) -> None:
    assert scheme_relative_links(text) == fixed


def test_control_characters_beyond_c0_are_removed_and_letters_kept() -> None:
    """Every character of the table is removed (the ones ftfy adds too), and nothing else."""
    text = "eXtra\x07 X\u206a\ufff9 end\nXX\x7f"
    assert remove_control_characters(text) == (
        "eXtra X end\nXX",
        [
            Problem(ProblemKind.CONTROL_CHARACTER, "control character removed: U+0007, U+206A, U+FFF9", 1),
            Problem(ProblemKind.CONTROL_CHARACTER, "control character removed: U+007F", 2),
        ],
    )


@pytest.mark.parametrize(
    ("text", "liquid"),
    [
        ("{% raw %}", True),
        ("{{ site.title }}", True),
        ("a {liquid} placeholder", True),
        ("<span class='outcrop-liquid'>", True),
        ("[a](/about/)", True),
        ("a {b} c", False),
        ("set {: .x} and {", False),
        ("plain text", False),
    ],
)
def test_has_liquid(text: str, liquid: bool) -> None:
    assert has_liquid(text) is liquid


def test_the_fences_are_walked_from_the_first_line_of_the_body() -> None:
    """A fence in the front matter (a YAML block string) does not hide the body's links."""
    text = "---\nnote: |\n  ```\n---\n[a](b c)\n"
    assert [p.line for p in check_links(text, first_line=4)] == [5]
