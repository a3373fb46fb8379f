"""After each kind of edit, an incremental build equals a clean build, byte for byte,
for every HTML page — listings, badges, related and newer/older links included — and
no page of a vanished tag, category or article is left behind."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ANSI_RE, SiteFactory, article, html_pages, write_tree

HOME = (
    "# Home\n\n```{outcrop-latest}\n:limit: 4\n```\n\n"
    "```{outcrop-cloud}\n```\n\n```{outcrop-cloud}\n:kind: categories\n```\n"
)
CONF = 'outcrop_now = "2025-01-01"\noutcrop_page_size = 3\nhtml_theme = "basic"\n'


def corpus() -> dict[str, str]:
    files = {"index.md": HOME + "\n```{toctree}\nabout\n```\n", "about.md": "# About\n\nA page.\n"}
    for i in range(10):
        tags = ", ".join(sorted({f"t{i % 3}", f"t{i % 4}", "common"}))
        files[f"articles/2024-0{1 + i % 9}-1{i}-a{i}.md"] = article(
            f"title: Article {i}\nsubtitle: About {i}\ntags: [{tags}]\ncategories: [K{i % 2}]\n"
            f"date: 2024-0{1 + i % 9}-1{i} 0{i % 10}:00:00 +0100",
            f"## Body\n\n{'word ' * (40 * (i + 1))}\n",
        )
    return files


def edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_and_remove_tag(src: Path) -> None:
    edit(src, "articles/2024-02-11-a1.md", "tags: [common, t1]", "tags: [brand-new, common]")


def delete_article(src: Path) -> None:
    (src / "articles/2024-04-13-a3.md").unlink()


def change_date(src: Path) -> None:
    edit(src, "articles/2024-01-10-a0.md", "date: 2024-01-10 00:00:00", "date: 2024-12-31 23:00:00")


def change_category(src: Path) -> None:
    edit(src, "articles/2024-03-12-a2.md", "categories: [K0]", "categories: [Brand New Category]")


def retitle_and_draft(src: Path) -> None:
    edit(src, "articles/2024-06-15-a5.md", "title: Article 5", "title: Article five")
    edit(src, "articles/2024-07-16-a6.md", "title: Article 6", "title: Article 6\ndraft: true")


def remove_last_use_of_category(src: Path) -> None:
    for path in sorted((src / "articles").glob("*.md")):
        if "categories: [K1]" in path.read_text(encoding="utf-8"):
            edit(src, f"articles/{path.name}", "categories: [K1]", "categories: [K0]")


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "add-and-remove-tag": add_and_remove_tag,
    "delete-article": delete_article,
    "change-date": change_date,
    "change-category": change_category,
    "retitle-and-draft": retitle_and_draft,
    "category-vanishes": remove_last_use_of_category,
}


# Sphinx's test app swaps "alabaster" for "basic" after loading the environment, which
# makes every rebuild a full one: test with "basic" itself to see outcrop's own choices.
@pytest.mark.parametrize("theme", ["basic", "furo"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_incremental_equals_clean(make_site: SiteFactory, tmp_path: Path, scenario: str, theme: str) -> None:
    conf = CONF.replace('"basic"', f'"{theme}"')
    src = tmp_path / "incremental"
    first = make_site(corpus(), srcdir=src, conf=conf)
    before = html_pages(first.outdir)
    sources = {p: p.read_bytes() for p in (src / "articles").glob("*.md")}
    SCENARIOS[scenario](src)
    edited = {f"articles/{p.stem}" for p, text in sources.items() if p.exists() and p.read_bytes() != text}
    incremental = make_site({}, srcdir=src, conf=conf, freshenv=False)
    status = ANSI_RE.sub("", incremental.app.status.getvalue())
    reread = re.findall(r"reading sources\.\.\. \[[^\]]*\] (\S+)", status)
    # An article that became a draft is not read at all (Jekyll writes no page for it).
    held = {d for d in edited if "draft: true" in (src / f"{d}.md").read_text(encoding="utf-8")}
    assert set(reread) == edited - held, "only the edited articles are re-read"
    assert all(not (incremental.outdir / f"{d}.html").exists() for d in held), "a new draft's page is removed"

    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src, conf=conf)
    after, expected = html_pages(incremental.outdir), html_pages(clean.outdir)
    assert sorted(after) == sorted(expected), "no page left behind, none missing"
    different = [name for name in expected if after[name] != expected[name]]
    assert different == []
    assert after != before


def test_no_op_rebuild_rewrites_nothing(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "site"
    first = make_site(corpus(), srcdir=src, conf=CONF)
    stamps = {p: p.stat().st_mtime_ns for p in first.outdir.rglob("*.html")}
    again = make_site({}, srcdir=src, conf=CONF, freshenv=False)
    rewritten = sorted(str(p.relative_to(again.outdir)) for p in stamps if p.stat().st_mtime_ns != stamps[p])
    assert rewritten == ["genindex.html", "search.html"], "no article, tag, category or archive page is re-written"
    status = ANSI_RE.sub("", again.app.status.getvalue())
    assert "0 added, 0 changed, 0 removed" in status
    assert not re.search(r"reading sources\.\.\. \[", status)
    assert not re.search(r"writing output\.\.\. \[", status), status


def test_edit_one_body_rewrites_only_that_article(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "site"
    first = make_site(corpus(), srcdir=src, conf=CONF)
    stamps = {p: p.stat().st_mtime_ns for p in first.outdir.rglob("*.html")}
    edit(src, "articles/2024-03-12-a2.md", "## Body", "## Body, edited")
    again = make_site({}, srcdir=src, conf=CONF, freshenv=False)
    changed = sorted(
        str(p.relative_to(again.outdir)) for p in again.outdir.rglob("*.html") if p.stat().st_mtime_ns != stamps.get(p)
    )
    # genindex and search are re-written by Sphinx itself on every build.
    assert changed == ["articles/2024-03-12-a2.html", "genindex.html", "search.html"]


def test_parallel_with_dash_w_equals_serial(make_site: SiteFactory, tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    from conftest import DEFAULT_CONF

    src = tmp_path / "src"
    write_tree(src, {"conf.py": DEFAULT_CONF + CONF, **corpus()})
    assert build_main(["-q", "-W", "-j", "1", "-b", "html", str(src), str(tmp_path / "j1")]) == 0
    assert build_main(["-q", "-W", "-j", "2", "-b", "html", str(src), str(tmp_path / "j2")]) == 0
    assert html_pages(tmp_path / "j1") == html_pages(tmp_path / "j2")
