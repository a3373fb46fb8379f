"""What listings show of each article (its view, whose digest decides which listings are
re-written) is kept with the articles in the environment: a rebuild that reads no
document reuses it, and reading or removing any document forgets it, whichever builder
read it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import outcrop.site.build
from conftest import ANSI_RE, SiteFactory, article, html_pages, write_tree

# Sphinx's test app swaps "alabaster" for "basic" after loading the environment, which
# makes every rebuild a full one (see test_incremental_taxonomy.py).
CONF = 'outcrop_now = "2025-01-01"\nhtml_theme = "basic"\n'
EDITED = "articles/2024-03-02-granite.md"


def files() -> dict[str, str]:
    return {
        EDITED: article(
            "title: Granite\nsubtitle: Coarse\ndate: 2024-03-02 10:00\ntags: [rock, quartz]\ncategories: [Field]"
        ),
        "articles/2024-03-01-basalt.md": article("title: Basalt\ndate: 2024-03-01 10:00\ntags: [rock]"),
        "articles/2024-03-03-gneiss.md": article("title: Gneiss\ndate: 2024-03-03 10:00\ncategories: [Field]"),
    }


@pytest.fixture
def views_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles whose view a build computed, in order."""
    made: list[str] = []
    view = outcrop.site.build.article_view

    def counting(*args: object, **kwargs: object) -> object:
        made.append(args[0].docname)  # type: ignore[attr-defined]
        return view(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outcrop.site.build, "article_view", counting)
    return made


def edit_subtitle(src: Path) -> None:
    """An edit only the article and the listings show (a new title would change the
    navigation of every page, and so every digest)."""
    path = src / EDITED
    write_tree(src, {EDITED: path.read_text(encoding="utf-8").replace("subtitle: Coarse", "subtitle: Pink and coarse")})


def test_a_rebuild_that_reads_nothing_keeps_the_views(
    make_site: SiteFactory, tmp_path: Path, views_made: list[str]
) -> None:
    src = tmp_path / "site"
    make_site(files(), conf=CONF, srcdir=src)
    assert len(views_made) == 3
    views_made.clear()
    make_site({}, conf=CONF, srcdir=src, freshenv=False)
    assert views_made == [], "nothing was read: the kept views are used"
    edit_subtitle(src)
    edited = make_site({}, conf=CONF, srcdir=src, freshenv=False)
    assert len(views_made) == 3, "an article was read: every view is computed again"
    assert "Pink and coarse" in edited.html("tags/rock")


def test_an_edit_another_builder_read_reaches_the_listings(make_site: SiteFactory, tmp_path: Path) -> None:
    """The text builder shares the environment (and so the kept views) with html: it
    reads the edit, and the next html build reads nothing. Its listings still show the
    edit, as a clean build does."""
    src = tmp_path / "site"
    make_site(files(), conf=CONF, srcdir=src)
    edit_subtitle(src)
    make_site({}, conf=CONF, srcdir=src, freshenv=False, buildername="text")
    again = make_site({}, conf=CONF, srcdir=src, freshenv=False)
    status = ANSI_RE.sub("", again.app.status.getvalue())
    assert "0 added, 0 changed, 0 removed" in status, "the html build reads nothing"
    assert not re.search(r"reading sources\.\.\. \[", status)

    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, conf=CONF, srcdir=clean_src)
    after, expected = html_pages(again.outdir), html_pages(clean.outdir)
    assert sorted(after) == sorted(expected)
    assert [name for name in expected if after[name] != expected[name]] == []
    assert "Pink and coarse" in again.html("tags/rock")
