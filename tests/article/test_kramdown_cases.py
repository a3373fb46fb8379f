"""kramdown's extensions (``{::comment}``, ``{::nomarkdown}``, ``{::options /}``),
``<div markdown="1">`` blocks and span attribute lists after parentheses: the exact
MyST each becomes, and the exact warning a writer reads for what MyST cannot keep."""

from __future__ import annotations

import pytest

from outcrop.article.kramdown import convert_attribute_lists
from outcrop.problems import Problem, ProblemKind

NO_EQUIVALENT = "kramdown extension {{::{name}}} has no MyST equivalent; {what}"
KEPT = "its content is kept as Markdown"
UNMATCHED_DIV = 'kramdown markdown="1" block could not be matched with its </div>; shown as raw HTML'


def kramdown(message: str, line: int) -> Problem:
    return Problem(ProblemKind.KRAMDOWN, message, line)


# -- {::comment} ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "myst"),
    [
        # Markers become bare ``%``, the lines between ``% line`` (trailing spaces dropped,
        # an empty line a bare ``%``), the text after the comment is untouched.
        (
            "Intro.\n\n{::comment}\nDraft  \n\nnotes\n{:/comment}\nText",
            "Intro.\n\n%\n% Draft\n%\n% notes\n%\nText",
        ),
        # An empty comment: its stop tag is on the very next line.
        ("{::comment}\n{:/comment}\nText", "%\n%\nText"),
        # Two comments in a row: the second starts after the first's stop tag.
        ("{::comment}\na\n{:/comment}\n{::comment}\nb\n{:/comment}\nEnd", "%\n% a\n%\n%\n% b\n%\nEnd"),
        # A comment after another extension looks for its stop tag after itself only.
        (
            "{::nomarkdown}\nA\n{:/nomarkdown}\n{::comment}\nx\n{:/comment}",
            "\nA\n\n%\n% x\n%",
        ),
        # The syntax shown in a code block earlier is not this comment's stop tag.
        (
            "Write:\n\n```\n{::comment}\nx\n{:/comment}\n```\n\n{::comment}\nhidden\n{:/comment}\nText",
            "Write:\n\n```\n{::comment}\nx\n{:/comment}\n```\n\n%\n% hidden\n%\nText",
        ),
        # No stop tag (kramdown ignores the start tag): only the start line goes.
        ("{::comment}\nnever closed", "%\nnever closed"),
    ],
)
def test_comment_becomes_myst_comment_lines(source: str, myst: str) -> None:
    """``{::comment}`` ... ``{:/comment}`` is hidden by kramdown: each of its lines a MyST
    ``%`` comment, on the line it was, and nothing after its stop tag commented."""
    text, problems = convert_attribute_lists(source)
    assert text == myst
    assert [p for p in problems if "comment" in p.message] == []


def test_comment_ends_only_at_its_own_stop_tag() -> None:
    """kramdown ends ``{::comment}`` at ``{:/comment}`` or ``{:/}`` only: a nested
    ``{:/nomarkdown}`` leaves the rest of the comment hidden."""
    source = (
        "Intro.\n\n{::comment}\nDraft:\n{::nomarkdown}\n<b>hidden</b>\n{:/nomarkdown}\n"
        "secret notes\n{:/comment}\n\nText"
    )
    assert convert_attribute_lists(source) == (
        "Intro.\n\n%\n% Draft:\n% {::nomarkdown}\n% <b>hidden</b>\n% {:/nomarkdown}\n% secret notes\n%\n\nText",
        [],
    )


# -- other extensions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "myst", "name", "what", "line"),
    [
        # A closed one (``/}``) is removed.
        ('Intro.\n{::options parse_block_html="true" /}\nText', "Intro.\n\nText", "options", "removed", 2),
        # One with a body: both markers go, the body stays.
        ("Intro.\n{::nomarkdown}\n<b>x</b>\n{:/nomarkdown}\nText", "Intro.\n\n<b>x</b>\n\nText", "nomarkdown", KEPT, 2),
        # One without its stop tag: the start tag is removed, what follows stays.
        ("Intro.\n{::nomarkdown}\n<b>x</b>", "Intro.\n\n<b>x</b>", "nomarkdown", "removed", 2),
        # The stop tag is removed even where MyST then sees a fence.
        ("{::nomarkdown}\n```\n{:/nomarkdown}", "\n```\n", "nomarkdown", KEPT, 1),
    ],
)
def test_extension_without_myst_equivalent_is_removed_with_a_warning(
    source: str, myst: str, name: str, what: str, line: int
) -> None:
    """``{::options /}``, ``{::nomarkdown}``: markers removed, one warning at the start
    tag's line saying whether the content was kept."""
    assert convert_attribute_lists(source) == (myst, [kramdown(NO_EQUIVALENT.format(name=name, what=what), line)])


# -- <div markdown="1"> ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "line"),
    [
        # The whole text is the opening tag.
        ('<div markdown="1">', 1),
        # Never closed.
        ('Intro.\n<div markdown="1">\nText', 2),
        # Closed on a line with other text: the closing line cannot become a fence.
        ('Intro.\n<div markdown="1">\nText\nMore.</div>', 2),
    ],
)
def test_markdown_div_without_a_closing_line_is_left_with_a_warning(source: str, line: int) -> None:
    """A ``markdown="1"`` div whose ``</div>`` is not on a line of its own stays as
    written, with a warning at the opening tag."""
    assert convert_attribute_lists(source) == (source, [kramdown(UNMATCHED_DIV, line)])


@pytest.mark.parametrize(
    ("source", "myst"),
    [
        ('<div class="wide box" markdown="1">\nText\n</div>', ":::{container} wide box\nText\n:::"),
        ('<div markdown="1">\nText\n</div>', ":::{container}\nText\n:::"),
        # A nested colon fence: the outer one gets one colon more.
        (
            '<div class="notice--info" markdown="1">\n:::{note}\nInner\n:::\n</div>',
            "::::{note}\n:::{note}\nInner\n:::\n::::",
        ),
        # A bare colon line first inside cannot close the container early.
        ('<div class="x" markdown="1">\n::::\nText\n</div>', ":::::{container} x\n::::\nText\n:::::"),
        # A fence around the div (not inside it) does not lengthen the div's own.
        (
            '::::{note}\n<div class="x" markdown="1">\nText\n</div>\n::::',
            "::::{note}\n:::{container} x\nText\n:::\n::::",
        ),
    ],
)
def test_markdown_div_becomes_a_container_or_admonition(source: str, myst: str) -> None:
    """``<div class="a b" markdown="1">`` becomes ``:::{container} a b`` (no trailing
    space without classes), a notice class its admonition, with fences longer than
    any colon fence inside."""
    assert convert_attribute_lists(source) == (myst, [])


# -- span attribute lists after parentheses ------------------------------------------------


def test_span_ial_after_plain_parentheses_is_left_as_text() -> None:
    """``f(x){: .c}`` follows no link or image: kramdown prints it as text, so it stays."""
    assert convert_attribute_lists("Call f(x){: .c} now.") == ("Call f(x){: .c} now.", [])


def test_link_loses_a_width_an_image_keeps() -> None:
    """``width`` is kept on an image only; on a link it is removed with a warning."""
    source = '[a](b){: width="3" .c} and ![i](p.png){: width="3"}'
    message = 'kramdown attribute list {: width="3" .c}: width has no MyST equivalent; removed'
    assert convert_attribute_lists(source) == ('[a](b){.c} and ![i](p.png){width="3"}', [kramdown(message, 1)])
