"""Fenced code blocks, read as CommonMark reads them, by every repair and check.

Every repair and check of the article text (images, links, kramdown, Liquid,
``outcrop check``) skips fenced code, so where a fence closes decides what is checked:
a fence taken to close too late (a closing fence that must be longer than the opening
one, or a tilde fence closing a backtick one) hides the rest of the article from every
check; one taken to close too early repairs code. Each test has prose that needs work
*after* a fence, so it fails if that prose is taken for code.

CommonMark (0.31, "Fenced code blocks"): a fence is three or more backticks or tildes,
indented at most three spaces; it is closed by a fence of the same character at least
as long, also indented at most three spaces; an unclosed fence runs to the end of the
document.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from outcrop.article.checks import check_article
from outcrop.article.kramdown import convert_attribute_lists
from outcrop.article.liquid import LiquidContext, convert_liquid
from outcrop.article.repair import check_links, prose_lines, repair_images
from outcrop.config import OutcropConfig
from outcrop.problems import ProblemKind


def commonmark_prose(lines: list[str]) -> list[int]:
    """The indexes of the lines markdown-it (CommonMark) puts in no fenced code block."""
    fenced: set[int] = set()
    for token in MarkdownIt("commonmark").parse("\n".join(lines)):
        if token.type == "fence" and token.map:
            fenced.update(range(*token.map))
    return [i for i in range(len(lines)) if i not in fenced]


@pytest.mark.parametrize(
    ("lines", "prose"),
    [
        pytest.param(["```", "code", "```", "prose"], [3], id="backticks"),
        pytest.param(["~~~", "code", "~~~", "prose"], [3], id="tildes"),
        pytest.param(["```python", "code", "```", "prose"], [3], id="info-string"),
        pytest.param(["```", "code", "````", "prose"], [3], id="longer-closing-fence-closes"),
        pytest.param(["~~~", "code", "~~~~~", "prose"], [3], id="longer-closing-tildes-close"),
        pytest.param(["````", "```", "code", "```", "````", "prose"], [5], id="shorter-closing-fence-does-not-close"),
        pytest.param(["~~~~", "~~~", "code", "~~~~", "prose"], [4], id="shorter-closing-tildes-do-not-close"),
        pytest.param(["```", "~~~", "code", "```", "prose"], [4], id="tildes-do-not-close-backticks"),
        pytest.param(["~~~", "```", "code", "~~~", "prose"], [4], id="backticks-do-not-close-tildes"),
        pytest.param(["   ```", "code", "  ```", "prose"], [3], id="indented-up-to-three-spaces"),
        pytest.param(["```", "code", "    ```", "code", "```", "prose"], [5], id="closing-indented-four-is-code"),
        pytest.param(["    ```", "prose"], [0, 1], id="opening-indented-four-is-no-fence"),
        pytest.param(["prose", "```", "code", "", "code"], [0], id="unclosed-runs-to-the-end"),
        pytest.param(["a", "```", "b", "```", "c", "~~~~", "d", "~~~~", "e"], [0, 4, 8], id="two-blocks"),
    ],
)
def test_prose_lines_follow_commonmark_fences(lines: list[str], prose: list[int]) -> None:
    """Catches a wrong closing rule in ``prose_lines`` (a closing fence that must be
    longer, or shorter, or equal, or of either character, or not indented): the lines
    after the block are then missing, or code lines are listed as prose. The table
    itself is checked against markdown-it, so it says what CommonMark says."""
    assert commonmark_prose(lines) == prose
    assert list(prose_lines(lines)) == prose


#: Lines that look like fences and are none for CommonMark; ``prose_lines`` and the
#: Liquid converter's own fence loop took them for fences (both use ``fence_opening``
#: and ``fence_closes`` now).
DIVERGENCES = [
    # A backtick fence's info string may not hold a backtick: this is a paragraph
    # starting with a code span; taken for a fence never closed, it hides the rest of
    # the article from every repair and check.
    pytest.param(["```ls -l``` lists files.", "prose"], [0, 1], id="inline-code-span-is-no-fence"),
    # A closing fence takes nothing but spaces after it.
    pytest.param(["```", "```python", "code", "```", "prose"], [4], id="closing-fence-takes-no-info-string"),
    # A tab indents to column 4: indented code, not a fence.
    pytest.param(["\t```", "prose"], [0, 1], id="tab-indented-opening-is-no-fence"),
    pytest.param(["```", "code", "\t```", "code", "```", "prose"], [5], id="tab-indented-closing-is-code"),
]


@pytest.mark.parametrize(("lines", "prose"), DIVERGENCES)
def test_commonmark_reads_the_divergences_so(lines: list[str], prose: list[int]) -> None:
    """What the test below expects is what CommonMark (markdown-it) says."""
    assert commonmark_prose(lines) == prose


@pytest.mark.parametrize(("lines", "prose"), DIVERGENCES)
def test_prose_lines_where_a_line_only_looks_like_a_fence(lines: list[str], prose: list[int]) -> None:
    """Lines that look like fences but are none for CommonMark (see ``DIVERGENCES``): a
    triple-backtick code span at the start of a line hid the rest of the article from
    every check."""
    assert list(prose_lines(lines)) == prose


def test_prose_lines_start_after_the_front_matter() -> None:
    """A fence is looked for from ``first_line`` on only: the ``---`` lines of the
    front matter are no fence, and the lines before ``first_line`` are never listed."""
    lines = ["---", "x: '```'", "---", "```", "code", "```", "prose"]
    assert list(prose_lines(lines, 3)) == [6]


# -- the prose after a fence is repaired and checked ------------------------------------

#: (opening fence, closing fence) pairs that close the block (CommonMark).
CLOSED = [
    pytest.param("```", "```", id="backticks"),
    pytest.param("```md", "```", id="info-string"),
    pytest.param("```", "`````", id="longer-closing-backticks"),
    pytest.param("````", "````", id="four-backticks"),
    pytest.param("~~~", "~~~", id="tildes"),
    pytest.param("~~~", "~~~~", id="longer-closing-tildes"),
    pytest.param("   ```", "  ```", id="indented"),
    pytest.param("  ~~~~", "   ~~~~~~", id="indented-tildes"),
]
#: Pairs that do not: the block runs to the end of the article, and nothing after its
#: opening fence is repaired or checked.
UNCLOSED = [
    pytest.param("````", "```", id="shorter-closing-backticks"),
    pytest.param("~~~~", "~~~", id="shorter-closing-tildes"),
    pytest.param("```", "~~~", id="tildes-after-backticks"),
    pytest.param("~~~", "```", id="backticks-after-tildes"),
    pytest.param("```", "    ```", id="closing-indented-four"),
    pytest.param("```", "", id="no-closing-fence"),
]


def document(opening: str, closing: str) -> str:
    """Broken constructs inside a fenced block and again after it."""
    return "\n".join(
        [
            "Intro.",  # 1
            "",
            opening,  # 3
            '![in](code.png ""T"")',
            "[in](a b.html)",
            "{% if x %}",
            closing,  # 7
            "",
            '![out](a.png ""T"")',  # 9
            "",
            "[out](a b.html)",  # 11
            "",
            "Mind the gap.",  # 13
            "{: .notice--warning}",
            "",
            "{% if y %}",  # 16
            "",
        ]
    )


def after(text: str) -> list[str]:
    """The lines of ``text`` after the closing fence (line 7)."""
    return text.split("\n")[7:]


@pytest.mark.parametrize(("opening", "closing"), CLOSED)
def test_images_after_a_closed_fence_are_repaired(opening: str, closing: str) -> None:
    """Catches a closing fence not recognised (the rest of the file is taken for code,
    so the doubled-quote image title after it stays broken and unreported)."""
    text = document(opening, closing)
    fixed, problems = repair_images(text)
    assert fixed == text.replace('![out](a.png ""T"")', '![out](a.png "T")')
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.IMAGE, 9)]


@pytest.mark.parametrize(("opening", "closing"), CLOSED)
def test_links_after_a_closed_fence_are_checked(opening: str, closing: str) -> None:
    """Catches a closing fence not recognised: the malformed link after it (a space in
    its URL) goes unreported; the one in the code is not reported."""
    problems = check_links(document(opening, closing))
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.LINK, 11)]


@pytest.mark.parametrize(("opening", "closing"), CLOSED)
def test_kramdown_notices_after_a_closed_fence_are_converted(opening: str, closing: str) -> None:
    """Catches a closing fence not recognised: the ``{: .notice--warning}`` after it is
    printed as text instead of making a warning admonition."""
    text = document(opening, closing)
    converted, problems = convert_attribute_lists(text)
    assert after(converted) == [
        "",
        '![out](a.png ""T"")',
        "",
        "[out](a b.html)",
        ":::{warning}",
        "Mind the gap.",
        ":::",
        "",
        "{% if y %}",
        "",
    ]
    assert converted.split("\n")[:7] == text.split("\n")[:7]
    assert problems == []


@pytest.mark.parametrize(("opening", "closing"), CLOSED)
def test_liquid_after_a_closed_fence_is_converted(opening: str, closing: str) -> None:
    """The Liquid converter follows fences itself: catches a closing fence it does not
    recognise (the tag after it is left as text, unreported) and the tag inside the
    code being converted."""
    text = document(opening, closing)
    converted, problems = convert_liquid(text, LiquidContext())
    assert converted == text.replace("{% if y %}", "{liquid}`{% if y %}`")
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.LIQUID, 16)]


@pytest.mark.parametrize(("opening", "closing"), CLOSED)
def test_check_reports_the_problems_after_a_closed_fence(opening: str, closing: str) -> None:
    """``outcrop check`` and the build run :func:`check_article`: with the closing
    fence missed, it reports none of the problems after the block."""
    front = "---\ntitle: Fences\n---\n"
    checked = check_article(front + document(opening, closing), "articles/2024-01-01-fences", OutcropConfig())
    assert [(p.kind, p.line) for p in checked.problems] == [
        (ProblemKind.IMAGE, 12),
        (ProblemKind.LINK, 14),
        (ProblemKind.LIQUID, 19),
    ]
    assert after(checked.text.split("---\n", 2)[2]) == [
        "",
        '![out](a.png "T")',
        "",
        "[out](a b.html)",
        ":::{warning}",
        "Mind the gap.",
        ":::",
        "",
        "{liquid}`{% if y %}`",
        "",
    ]


@pytest.mark.parametrize(("opening", "closing"), UNCLOSED)
def test_a_fence_that_is_not_closed_keeps_the_rest_as_code(opening: str, closing: str) -> None:
    """Catches the opposite mistake: a shorter fence, a fence of the other character or
    one indented four spaces taken to close the block, so that code (everything after
    the opening fence here) is "repaired" and reported."""
    text = document(opening, closing)
    assert repair_images(text) == (text, [])
    assert check_links(text) == []
    assert convert_attribute_lists(text) == (text, [])
    assert convert_liquid(text, LiquidContext()) == (text, [])
    checked = check_article("---\ntitle: Fences\n---\n" + text, "articles/2024-01-01-fences", OutcropConfig())
    assert checked.problems == ()
    assert checked.text == "---\ntitle: Fences\n---\n" + text


def test_a_code_span_at_the_start_of_a_line_hides_nothing_from_outcrop_check() -> None:
    """```` ```ls -l``` lists the files ```` is inline code: the image, link and Liquid
    problems after it were not reported when it was taken for an unclosed fence."""
    text = '---\ntitle: T\n---\n\n```ls -l``` lists the files.\n\n![a](b.png ""T"")\n\n[x](a b.html)\n\n{% if x %}\n'
    problems = check_article(text, "articles/2024-01-01-x", OutcropConfig()).problems
    assert sorted((p.line, p.kind) for p in problems) == [
        (7, ProblemKind.IMAGE),
        (9, ProblemKind.LINK),
        (11, ProblemKind.LIQUID),
    ]
