"""Admonition tables that name no category or tag, and slugs of names that are not
proper text (a file name the file system could not decode)."""

from __future__ import annotations

import pytest

from outcrop.article.notices import unknown_names
from outcrop.article.slug import slugify

NAMES = ["Python", "Data Science", "Database", "Databases", "machine-learning"]


@pytest.mark.parametrize(
    ("keys", "missing"),
    [
        pytest.param(["Python", "python", "Machine Learning!", "DATA SCIENCE"], [], id="same slug, any spelling"),
        pytest.param(["Pyton"], [("Pyton", "Python")], id="a typo gets the name meant"),
        pytest.param(["Databse"], [("Databse", "Database")], id="the closest of several"),
        pytest.param(["Zebra crossing"], [("Zebra crossing", None)], id="nothing close: no suggestion"),
        pytest.param(
            ["Pyton", "Python", "Zebra crossing"],
            [("Pyton", "Python"), ("Zebra crossing", None)],
            id="each key on its own, in order",
        ),
        pytest.param([2024], [("2024", None)], id="a key that is not text"),
    ],
)
def test_table_keys_naming_no_category_or_tag(keys: list[str], missing: list[tuple[str, str | None]]) -> None:
    """Keys matching a name by slug are fine; the others come back with the closest name, if any is close."""
    assert unknown_names(keys, NAMES) == missing


def test_a_site_without_names_suggests_nothing() -> None:
    """With no category or tag at all, every key is unknown and nothing is suggested."""
    assert unknown_names(["Python"], []) == [("Python", None)]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        pytest.param("\udcff", "x-8f1d0f9c", id="only an undecodable byte: a hash"),
        pytest.param("caf\udce9", "caf", id="an undecodable byte is a separator"),
        pytest.param("a" * 85 + "\udce9", "a" * 71 + "-acc7cee2", id="too long: cut, with a hash of the whole"),
    ],
)
def test_names_holding_lone_surrogates_get_stable_slugs(name: str, slug: str) -> None:
    """A name with a byte the file system could not decode (a lone surrogate) still gets its slug, never an error."""
    assert slugify(name) == slug
