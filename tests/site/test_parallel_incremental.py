"""-j 2 gives the same output as -j 1; an incremental build gives the same as a clean one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ANSI_RE, SiteFactory, article, html_pages, write_tree


def corpus(n: int = 12) -> dict[str, str]:
    files = {}
    for i in range(n):
        files[f"articles/2024-02-{i + 1:02d}-post-{i}.md"] = article(
            f"title: Post {i}\nsubtitle: Number {i}\ncategories: [C{i % 3}]\ntags: [t{i % 4}, shared]\n"
            f"date: 2024-02-{i + 1:02d} 10:00:00 +0100\n"
            f"excerpt_image: https://example.org/{i}.png\nexcerpt_image_alt: Banner {i}",
            f"## Part\n\n{'rock ' * (50 * (i + 1))}\n\n> A quote.\n> – Someone\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        )
    # one damaged article, so the parallel path also reports problems
    files["articles/2024-03-01-damaged.md"] = '---\ntitle: DamagÃ©\ntags: {bad: 1}\n---\n\n![x](a.png ""t"")\n'
    return files


def test_parallel_build_equals_serial(make_site: SiteFactory) -> None:
    serial = make_site(corpus(), parallel=0)
    parallel = make_site(corpus(), parallel=2)
    status = ANSI_RE.sub("", parallel.app.status.getvalue())
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status), "read in parallel chunks"
    pages = html_pages(serial.outdir)
    assert len([p for p in pages if p.startswith("articles/")]) == 13
    assert sorted(p for p in pages if not p.startswith("articles/")) == [
        "archive/2024.html",
        "archive/index.html",
        "categories/c0.html",
        "categories/c1.html",
        "categories/c2.html",
        "categories/index.html",
        "genindex.html",
        "index.html",
        "search.html",
        "tags/index.html",
        "tags/shared.html",
        "tags/t0.html",
        "tags/t1.html",
        "tags/t2.html",
        "tags/t3.html",
    ]
    assert html_pages(serial.outdir) == html_pages(parallel.outdir)

    # The same problems, each reported once, in both builds.
    def problems(site) -> list[tuple[str, str, str]]:
        return sorted((Path(w["path"]).name, w["line"], w["type"]) for w in site.outcrop_warnings())

    assert problems(serial) == problems(parallel)
    assert problems(serial) == [
        ("2024-03-01-damaged.md", "2", "outcrop.mojibake"),
        ("2024-03-01-damaged.md", "3", "outcrop.bad_value"),
        ("2024-03-01-damaged.md", "6", "outcrop.image"),
    ]


def test_incremental_equals_clean(make_site: SiteFactory, tmp_path: Path) -> None:
    files = corpus()
    src = tmp_path / "incremental"
    make_site(files, srcdir=src)
    edits = {
        "articles/2024-02-03-post-2.md": files["articles/2024-02-03-post-2.md"]
        .replace("tags: [t2, shared]", "tags: [t2, new-tag]")
        .replace("subtitle: Number 2", "subtitle: Renumbered")
        .replace("title: Post 2\n", "title: Post two\n")
        .replace("rock rock", "granite rock", 1),
    }
    write_tree(src, edits)
    (src / "articles/2024-02-05-post-4.md").unlink()
    incremental = make_site({}, srcdir=src, freshenv=False)
    assert "2024-02-03-post-2" in incremental.app.status.getvalue(), "the edited article is re-read"
    assert "2024-02-02-post-1" not in incremental.app.status.getvalue().split("reading sources")[-1].split("\n")[0]

    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src)
    # Every page identical, previous/next links of the deleted article's neighbours
    # included, and the deleted article's page is gone.
    assert html_pages(incremental.outdir) == html_pages(clean.outdir)
    assert not (incremental.outdir / "articles" / "2024-02-05-post-4.html").exists()
    soup = incremental.soup("articles/2024-02-03-post-2")
    assert soup.select_one(".outcrop-subtitle").get_text() == "Renumbered"
    assert [t.get_text() for t in soup.select(".outcrop-tag")] == ["t2", "new-tag"]
