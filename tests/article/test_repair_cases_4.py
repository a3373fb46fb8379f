"""Mojibake and malformed images: the exact text and the exact problem a writer sees
(:func:`outcrop.article.repair.repair_mojibake`, :func:`outcrop.article.repair.repair_images`)."""

from __future__ import annotations

import dataclasses

import pytest

from outcrop.article.repair import MAX_LINE, check_links, repair_images, repair_mojibake
from outcrop.problems import Problem, ProblemKind

BROKEN = '![a](x.png ""T"")'
FIXED = '![a](x.png "T")'
REPAIRED = Problem(
    ProblemKind.IMAGE,
    'malformed image: its title is not quoted as CommonMark requires (e.g. written ""...""); repaired',
    1,
)


def _unreadable(line: int) -> Problem:
    return Problem(ProblemKind.IMAGE, "malformed image: CommonMark cannot read it, so it is shown as text", line)


def _mojibake(message: str, line: int) -> Problem:
    return Problem(ProblemKind.MOJIBAKE, message, line)


def test_mojibake_is_repaired_line_by_line_after_correct_accents() -> None:
    """A line with correct accents is left alone and the lines after it are still repaired; every
    change of a line is named in its one problem."""
    text = "naïve\nCafÃ© and niÃ±o\nplain"
    assert repair_mojibake(text) == (
        "naïve\nCafé and niño\nplain",
        [_mojibake("mojibake repaired: 'Ã©' → 'é', 'Ã±' → 'ñ'", 2)],
    )


def test_mojibake_found_but_not_repaired_when_the_fix_is_off() -> None:
    """With ``outcrop_fix_mojibake`` off the text is kept and the problem says so."""
    assert repair_mojibake("CafÃ©", fix=False) == (
        "CafÃ©",
        [_mojibake("mojibake found (not repaired: outcrop_fix_mojibake is off): 'Ã©' → 'é'", 1)],
    )


def test_mojibake_in_a_long_line_names_only_the_damaged_characters() -> None:
    """In a line of hundreds of characters the message names the two damaged characters, not
    the rest of the line (no "junk" heuristic in the comparison)."""
    line = "Le café est bon. " * 15 + "CafÃ© au lait " + "et le thé aussi. " * 5
    fixed, problems = repair_mojibake(line)
    assert fixed == line.replace("Ã©", "é")
    assert problems == [_mojibake("mojibake repaired: 'Ã©' → 'é'", 1)]


@pytest.mark.parametrize(
    ("text", "repaired", "problems"),
    [
        pytest.param(
            "![ok](a.png)\n" + BROKEN,
            "![ok](a.png)\n" + FIXED,
            [dataclasses.replace(REPAIRED, line=2)],
            id="after a good image",
        ),
        pytest.param(
            "{{ x }} " + BROKEN + "\n" + BROKEN,
            "{{ x }} " + BROKEN + "\n" + FIXED,
            [dataclasses.replace(REPAIRED, line=2)],
            id="after a Liquid line",
        ),
        pytest.param(BROKEN + " {{ site.url }}", BROKEN + " {{ site.url }}", [], id="Liquid output: left to Liquid"),
        pytest.param(BROKEN + " {% x %}", BROKEN + " {% x %}", [], id="Liquid tag: left to Liquid"),
        pytest.param("\t" + BROKEN, "\t" + BROKEN, [], id="tab-indented code"),
        pytest.param("    " + BROKEN, "    " + BROKEN, [], id="indented code"),
        pytest.param(
            BROKEN + " " * (MAX_LINE - len(BROKEN)),
            FIXED + " " * (MAX_LINE - len(BROKEN)),
            [REPAIRED],
            id="a line of the longest length read",
        ),
        pytest.param(
            BROKEN + " " * (MAX_LINE + 1 - len(BROKEN)),
            BROKEN + " " * (MAX_LINE + 1 - len(BROKEN)),
            [],
            id="a longer line is not read",
        ),
        pytest.param("text\n![a](<x", "text\n![a](<x", [_unreadable(2)], id="unreadable"),
        pytest.param(BROKEN + " ![b](<y", BROKEN + " ![b](<y", [_unreadable(1)], id="one repaired, one unreadable"),
    ],
)
def test_malformed_images(text: str, repaired: str, problems: list[Problem]) -> None:
    """A title quoted twice is requoted; a line that still does not parse as many images as it
    has ``![`` is left whole and reported; Liquid lines, indented code and lines longer than
    ``MAX_LINE`` are not read."""
    assert repair_images(text) == (repaired, problems)


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", " \t "])
def test_a_link_with_any_white_space_before_its_target_is_reported(space: str) -> None:
    """``[a]`` and ``(url)`` apart, a no-break space (a French keyboard's habit) or an em space
    between them too, is text to CommonMark: reported like ``[a] (url)``."""
    assert check_links(f"See [the map]{space}(https://example.org/map) here.") == [
        Problem(ProblemKind.LINK, "malformed link: CommonMark cannot read it, so it is shown as text", 1)
    ]
