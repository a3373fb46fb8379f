"""An incremental build equals a clean one after an edit of any one field a page shows.

Each case edits one front-matter field (or the body, for the reading time) of one
article and nothing else, rebuilds incrementally, builds the edited sources clean in
another folder, and compares every HTML page, feed, the sitemap and robots.txt byte
for byte. Listings (home, tag, category and archive pages, related and newer/older
articles) are re-written from digests of what they show; a field the digest forgot
leaves them stale after exactly such an edit, while an edit that also changes the
title or the tags would hide the gap (the pages are re-written for those anyway).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SiteFactory, article, write_tree

CONF = 'html_baseurl = "https://rocks.example.org/"\noutcrop_now = "2025-01-01"\n'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="{}"/></svg>\n'

EDITED = "articles/2024-03-02-granite.md"
GRANITE = (
    "title: Granite\nsubtitle: A slow-cooled rock\ndate: 2024-03-02 10:00\nauthor: Ada\n"
    "categories: [Field]\ntags: [granite, quartz]\nexcerpt_image: /img/a.svg\nexcerpt_image_alt: Pink granite"
)
WORDS = "Feldspar and quartz. " * 60


def files() -> dict[str, str]:
    return {
        "img/a.svg": SVG.format("#c9a66b"),
        "img/b.svg": SVG.format("#4a5d6e"),
        EDITED: article(GRANITE, f"## Minerals\n\n{WORDS}\n"),
        # Shares a tag and a category with granite: related articles, neighbours.
        "articles/2024-03-01-basalt.md": article(
            "title: Basalt\ndate: 2024-03-01 10:00\nexcerpt: Dark lava rock\nauthor: Grace\n"
            "categories: [Field]\ntags: [granite, lava]",
            "## Columns\n\nHexagons.\n",
        ),
        "articles/2024-03-03-gneiss.md": article(
            "title: Gneiss\ndate: 2024-03-03 10:00\ndescription: Banded\ncategories: [Lab]\ntags: [quartz]",
            "## Bands\n\nStripes.\n",
        ),
    }


#: (field, the front matter (or body) as it is, as it becomes): one field each.
EDITS = [
    ("title", "title: Granite\n", "title: Granite walls\n"),
    ("subtitle", "subtitle: A slow-cooled rock\n", "subtitle: Cooled slowly, deep down\n"),
    ("subtitle removed", "subtitle: A slow-cooled rock\n", ""),
    ("excerpt", "subtitle: A slow-cooled rock\n", "excerpt: Coarse crystals\n"),
    ("description", "subtitle: A slow-cooled rock\n", "description: Coarse crystals\n"),
    ("date", "date: 2024-03-02 10:00\n", "date: 2024-02-20 10:00\n"),
    ("date, same day", "date: 2024-03-02 10:00\n", "date: 2024-03-02 18:30\n"),
    ("updated", "author: Ada\n", "author: Ada\nupdated: 2024-06-01\n"),
    ("categories", "categories: [Field]\n", "categories: [Lab]\n"),
    ("tags", "tags: [granite, quartz]\n", "tags: [granite, mica]\n"),
    ("tags reordered", "tags: [granite, quartz]\n", "tags: [quartz, granite]\n"),
    ("banner", "excerpt_image: /img/a.svg\n", "excerpt_image: /img/b.svg\n"),
    ("banner alt", "excerpt_image_alt: Pink granite", "excerpt_image_alt: Grey granite"),
    ("banner removed", "excerpt_image: /img/a.svg\nexcerpt_image_alt: Pink granite", ""),
    ("author", "author: Ada\n", "author: [Ada, Grace]\n"),
    ("draft", "author: Ada\n", "author: Ada\ndraft: true\n"),
    ("published", "author: Ada\n", "author: Ada\npublished: false\n"),
    ("reading time", WORDS, WORDS * 8),
]


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every page, feed, the sitemap and robots.txt of a build."""
    found = {}
    for pattern in ("**/*.html", "**/*.xml", "robots.txt"):
        for path in outdir.glob(pattern):
            found[path.relative_to(outdir).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


@pytest.mark.parametrize(("field", "before", "after"), EDITS, ids=[e[0] for e in EDITS])
def test_one_field_edited_incremental_equals_clean(
    make_site: SiteFactory, tmp_path: Path, field: str, before: str, after: str
) -> None:
    src = tmp_path / "incremental"
    first = make_site(files(), conf=CONF, srcdir=src)
    original = outputs(first.outdir)
    assert "atom.xml" in original and "sitemap.xml" in original

    text = (src / EDITED).read_text(encoding="utf-8")
    assert text.count(before) == 1, field
    write_tree(src, {EDITED: text.replace(before, after)})
    incremental = make_site({}, conf=CONF, srcdir=src, freshenv=False)

    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, conf=CONF, srcdir=clean_src)

    edited, expected = outputs(incremental.outdir), outputs(clean.outdir)
    assert edited != original, f"editing {field} changes no page: the case tests nothing"
    assert sorted(edited) == sorted(expected)
    stale = [name for name in expected if edited[name] != expected[name]]
    assert not stale, f"after an edit of {field}, the incremental build differs from a clean one: {stale}"
