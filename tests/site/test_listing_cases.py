"""Unit tests of listing helpers: the page numbers a paginated listing links, and the
tag cloud's size classes."""

from __future__ import annotations

import pytest

from outcrop.site.listing import cloud_size, page_window

WINDOWS = [
    # (current, total, expected window)
    (1, 1, [1]),
    (1, 2, [1, 2]),
    (1, 10, [1, 2, 3, None, 10]),
    (10, 10, [1, None, 8, 9, 10]),
    (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),  # 2..6 around page 4: nothing skipped before
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),  # page 2 alone is shown, not "…"
    (6, 10, [1, None, 4, 5, 6, 7, 8, 9, 10]),  # page 9 alone is shown, not "…"
    (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),  # one-page gaps on both sides
    (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),  # two pages skipped: "…"
    (7, 12, [1, None, 5, 6, 7, 8, 9, None, 12]),
    (50, 100, [1, None, 48, 49, 50, 51, 52, None, 100]),
]


@pytest.mark.parametrize(("current", "total", "expected"), WINDOWS)
def test_page_window(current: int, total: int, expected: list[int | None]) -> None:
    """A listing page links the first, the last and two pages around itself; a single
    skipped page is linked, two or more become one ``None`` (shown as "…")."""
    assert page_window(current, total) == expected


def test_page_window_lists_every_page_once_in_order() -> None:
    """Whatever the page, the numbers it links rise strictly and include itself."""
    for total in range(1, 15):
        for current in range(1, total + 1):
            numbers = [n for n in page_window(current, total) if n is not None]
            assert numbers == sorted(set(numbers)) and current in numbers
            assert numbers[0] == 1 and numbers[-1] == total


CLOUD = [
    # (count, largest, expected size class)
    (1, 1, 1),  # every tag used once: all the same, smallest size
    (1, 2, 1),
    (2, 2, 2),  # small counts: a step apart, not a huge tag among tiny ones
    (1, 3, 1),
    (3, 3, 3),
    (4, 4, 3),
    (8, 8, 4),
    (16, 16, 5),  # the largest size from 16 uses on
    (2, 4, 2),
    (10, 100, 3),  # log scale: half-way between 1 and 100
    (100, 100, 5),
]


@pytest.mark.parametrize(("count", "largest", "expected"), CLOUD)
def test_cloud_size(count: int, largest: int, expected: int) -> None:
    """Tag-cloud size classes run from 1 (used once) to 5 (the most used, when that is 16
    times or more) on a log scale."""
    assert cloud_size(count, largest) == expected
