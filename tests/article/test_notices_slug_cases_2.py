"""Admonitions read from front matter or configuration, each problem with its exact
message and line; slugs of long names cut to the maximum length."""

from __future__ import annotations

from typing import Any

import pytest

from outcrop.article.model import Notice
from outcrop.article.notices import read_notices
from outcrop.article.slug import slugify
from outcrop.problems import Problem, ProblemKind


def problem(message: str) -> Problem:
    return Problem(ProblemKind.ADMONITION, message, 7)


@pytest.mark.parametrize(
    ("value", "notices", "problems"),
    [
        pytest.param(
            "just text",
            (),
            [problem("admonitions: expected a list of admonitions; ignored")],
            id="not a list",
        ),
        pytest.param(
            [3, {"body": "Read me."}, "text"],
            (Notice("note", "Read me.", "", "top"),),
            [
                problem("admonitions[1]: expected a mapping with kind and body; ignored"),
                problem("admonitions[3]: expected a mapping with kind and body; ignored"),
            ],
            id="items that are no mapping are skipped, the others read",
        ),
        pytest.param(
            {"body": "Read me.", "title": ["a", "list"]},
            (Notice("note", "Read me.", "", "top"),),
            [problem("admonitions: title must be text; ignored")],
            id="a title that is no text is dropped",
        ),
        pytest.param(
            [{"body": "b", "title": 2024}, {"body": "c", "title": "  A   spaced\ttitle "}],
            (Notice("note", "b", "2024", "top"), Notice("note", "c", "A spaced title", "top")),
            [],
            id="titles: a number as text, spacing collapsed",
        ),
        pytest.param(
            [{"kind": "tip", "body": "b", "position": "middle"}, {"body": "c", "position": " Bottom "}],
            (Notice("tip", "b", "", "top"), Notice("note", "c", "", "bottom")),
            [problem("admonitions[1]: position must be top or bottom; using top")],
            id="an unknown position is top",
        ),
    ],
)
def test_admonitions_read_with_their_problems(value: Any, notices: tuple[Notice, ...], problems: list[Problem]) -> None:
    """Each unusable part is reported at the key's line with a message naming the item;
    what can be used is kept (kind note and position top by default)."""
    assert read_notices(value, key="admonitions", line=7) == (notices, problems)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        pytest.param("a" * 80, "a" * 80, id="exactly the maximum: kept whole"),
        pytest.param("a" * 81, "a" * 71 + "-8c48280d", id="one more: cut, with a hash of the whole"),
        pytest.param("a" * 70 + " " + "b" * 20, "a" * 70 + "-cd31fa77", id="cut after a separator: one dash"),
        pytest.param("a" * 70 + " -- " + "b" * 20, "a" * 70 + "-059c7ace", id="cut inside a run of separators"),
    ],
)
def test_long_names_are_cut_to_the_maximum_length(name: str, slug: str) -> None:
    """A slug longer than 80 characters keeps its first 71, without a trailing dash,
    then a dash and a hash of the name; an 80-character slug is kept as it is."""
    assert slugify(name) == slug
