"""Front matter written by outcrop (``outcrop new``, ``outcrop import``): exact YAML, read back
the same (:func:`outcrop.article.frontmatter.dump_front_matter`)."""

from __future__ import annotations

import datetime as dt

import yaml

from outcrop.article.frontmatter import dump_front_matter

ZONE = dt.timezone(dt.timedelta(hours=2))
DATA = {
    "title": 'Café: a "test"',
    "date": dt.datetime(2024, 6, 2, 9, 30, tzinfo=ZONE),
    "updated": dt.date(2024, 6, 3),
    "tags": ["a b", "ñ"],
    "excerpt": "x " * 80,
    "header": {"image": "/a.png"},
}


def test_front_matter_is_written_in_order_block_style_unicode_unwrapped() -> None:
    """Keys in the given order, block style, characters as written (no escapes), no line
    wrapping, dates as YAML timestamps with a blank between date and time, between fences."""
    assert dump_front_matter(DATA) == (
        "---\n"
        "title: 'Café: a \"test\"'\n"
        "date: 2024-06-02 09:30:00+02:00\n"
        "updated: 2024-06-03\n"
        "tags:\n- a b\n- ñ\n"
        f"excerpt: '{'x ' * 80}'\n"
        "header:\n  image: /a.png\n"
        "---\n"
    )


def test_written_front_matter_reads_back_the_same() -> None:
    """The block between the fences is YAML that loads as the data written, dates included."""
    assert yaml.safe_load(dump_front_matter(DATA).strip("-\n")) == DATA
