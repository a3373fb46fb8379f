"""Lists nested too deep for the page and the book: which items move, where to, and
what the writer is told (:func:`outcrop.article.repair.flatten_deep_lists`)."""

from __future__ import annotations

import pytest

from outcrop.article.repair import MAX_LIST_DEPTH, flatten_deep_lists
from outcrop.problems import Problem, ProblemKind

NESTING = f"a list nested deeper than {MAX_LIST_DEPTH} levels; the deeper items are shown at level {MAX_LIST_DEPTH}"
#: The last allowed level, counted from 0 as :func:`_outline` counts.
LAST = MAX_LIST_DEPTH - 1


def _outline(levels: list[int], *, label: str = "level", marker: str = "-", width: int = 2) -> str:
    """One item per entry of ``levels`` (0 is the top), numbered from 1, indented ``width`` per level."""
    return "".join(" " * width * level + f"{marker} {label} {n}\n" for n, level in enumerate(levels, start=1))


def _lifted(count: int) -> list[int]:
    """The levels of a straight outline of ``count`` levels once lifted: the deep ones at the last level."""
    return [min(level, LAST) for level in range(count)]


@pytest.mark.parametrize(
    ("text", "flat", "lines"),
    [
        pytest.param(_outline(list(range(11))), _outline(_lifted(11)), [9], id="bullets"),
        pytest.param(
            _outline(list(range(11)), marker="1.", width=3),
            _outline(_lifted(11), marker="1.", width=3),
            [9],
            id="ordered",
        ),
        pytest.param(
            _outline(list(range(10)), label="a") + "\nBetween.\n\n" + _outline(list(range(10)), label="b"),
            _outline(_lifted(10), label="a") + "\nBetween.\n\n" + _outline(_lifted(10), label="b"),
            [9, 22],
            id="two lists, one problem each",
        ),
        pytest.param(
            _outline(list(range(10)), marker="1.", width=3, label="a")
            + "\nBetween.\n\n"
            + _outline(list(range(10)), marker="1.", width=3, label="b"),
            _outline(_lifted(10), marker="1.", width=3, label="a")
            + "\nBetween.\n\n"
            + _outline(_lifted(10), marker="1.", width=3, label="b"),
            [9, 22],
            id="two ordered lists",
        ),
        pytest.param(
            _outline(list(range(10)) * 2),
            _outline(_lifted(10) * 2),
            [9],
            id="one list with two deep branches, one problem",
        ),
        pytest.param(
            _outline([0, 1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
            _outline([0, 1, 2, 1, 2, 3, 4, 5, 6, 7, 7, 7]),
            [11],
            id="a shallow branch closes before the deep one",
        ),
        pytest.param(
            _outline(list(range(10))) + "\n" + _outline(list(range(9)), marker="*"),
            _outline(_lifted(10)) + "\n" + _outline(_lifted(9), marker="*"),
            [9, 20],
            id="a list then another of other bullets",
        ),
    ],
)
def test_items_deeper_than_the_limit_move_to_the_last_level(text: str, flat: str, lines: list[int]) -> None:
    """Every item deeper than the limit becomes an item of the last allowed level, once per list reported."""
    assert flatten_deep_lists(text) == (flat, [Problem(ProblemKind.NESTING, NESTING, line) for line in lines])


EIGHT = _outline(list(range(MAX_LIST_DEPTH)))
NINE = " " * 2 * MAX_LIST_DEPTH + "- level 9\n"


def test_the_front_matter_lines_are_counted_and_a_lifted_item_keeps_all_its_lines() -> None:
    """Below front matter, a deep item of two lines moves whole and the problem names its line in the file."""
    front = "---\ntitle: Deep\n---\n"
    text = front + EIGHT + NINE + " " * 18 + "more of nine\n"
    assert flatten_deep_lists(text, first_line=3) == (
        front + EIGHT + " " * 14 + "- level 9\n" + " " * 16 + "more of nine\n",
        [Problem(ProblemKind.NESTING, NESTING, 12)],
    )


def test_a_blank_line_inside_a_lifted_item_keeps_its_blanks() -> None:
    """Only the lines with text move left; a line of spaces inside the item is left as written."""
    text = EIGHT + NINE + " " * 18 + "\n" + " " * 18 + "more of nine\n"
    assert flatten_deep_lists(text) == (
        EIGHT + " " * 14 + "- level 9\n" + " " * 18 + "\n" + " " * 16 + "more of nine\n",
        [Problem(ProblemKind.NESTING, NESTING, 9)],
    )


def test_an_item_whose_lines_are_not_all_indented_is_never_cut() -> None:
    """A lazy line at the margin would lose text if its item moved: the item, its paragraphs and sub-items stay."""
    text = EIGHT + NINE + "lazy words\n\n" + " " * 18 + "more of nine\n" + " " * 18 + "- level 10\n"
    assert flatten_deep_lists(text)[0] == text


def test_an_item_written_on_its_parents_line_stays_and_its_siblings_still_move() -> None:
    """``- - x`` cannot be lifted (no indentation to remove); the deep item under it still is."""
    seven = _outline(list(range(MAX_LIST_DEPTH - 1)))
    text = seven + " " * 14 + "- - level 9\n" + " " * 16 + "- level 9b\n"
    assert flatten_deep_lists(text) == (
        seven + " " * 14 + "- - level 9\n" + " " * 14 + "- level 9b\n",
        [Problem(ProblemKind.NESTING, NESTING, 9)],
    )


def test_the_text_is_parsed_once_per_lifted_item_and_once_more(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lifting stops as soon as nothing moved: a deep outline in a code block costs one parse, not 64."""
    from markdown_it import MarkdownIt

    calls: list[str] = []
    parse = MarkdownIt.parse

    def counting(self: MarkdownIt, src: str, env: object = None) -> list[object]:
        calls.append(src)
        return parse(self, src, env)

    monkeypatch.setattr(MarkdownIt, "parse", counting)
    flatten_deep_lists(_outline(list(range(11))))
    assert len(calls) == 3 + 1
    calls.clear()
    code = "```text\n" + _outline(list(range(11))) + "```\n"
    assert flatten_deep_lists(code) == (code, [])
    assert len(calls) == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("".join("\t" * level + f"- level {level + 1}\n" for level in range(12)), id="tabs"),
        pytest.param("".join("> " + "  " * level + f"- level {level + 1}\n" for level in range(12)), id="quoted"),
    ],
)
def test_every_deep_outline_keeps_all_its_items_and_is_reported(text: str) -> None:
    """An outline indented with tabs (pasted from an editor) or quoted is lifted like a space-indented one."""
    from markdown_it import MarkdownIt

    flat, problems = flatten_deep_lists(text)
    html = MarkdownIt("commonmark").render(flat)
    assert [n for n in range(1, 13) if f"level {n}<" in html or f"level {n}\n" in html] == list(range(1, 13))
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.NESTING, 9)]


def test_an_absurdly_deep_outline_is_reported_not_a_crash() -> None:
    """A generated or hostile file indenting a list 600 levels deep gets a problem, not a RecursionError."""
    _, problems = flatten_deep_lists(_outline(list(range(600))))
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.NESTING, 9)]
