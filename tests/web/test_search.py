"""Search with Pagefind: which pages carry which attributes, what the index holds,
when Pagefind runs (never on a no-op rebuild), and what a reader gets when it cannot."""

from __future__ import annotations

import gzip
import html
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import Site, SiteFactory, article
from outcrop.web import search
from outcrop.web.search import SearchRecord, indexed_body, pages_digest, record_markup

pytestmark = pytest.mark.skipif(search.find_pagefind() is None, reason="pip install 'outcrop[search]'")

CONF = 'outcrop_search = "pagefind"\noutcrop_now = "2025-01-01"\n'
HOSTILE = '</span><script>alert("t")</script> & "q"'
INDEX = "# Home\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n\n```{outcrop-latest}\n```\n"


def files() -> dict[str, str | bytes]:
    return {
        "index.md": INDEX,
        "articles/2024-03-18-neodymium.md": article(
            "title: Ethical neodymium\ncategories: [Environment, Technology]\ntags: [neodymium, mining]\n"
            "author: Galena",
            "## Supply\n\nNeodymium magnets drive wind turbines.\n",
        ),
        "articles/2024-05-02-magnetite.md": article(
            "title: Magnetite\ncategories: [Minerals]\ntags: [magnetite, 'a, b: c']\nauthor: [Galena, Pyrite]",
            "## Magnets\n\nA neodymium magnet pulls magnetite out of beach sand.\n",
        ),
        "articles/2023-01-01-hostile.md": article(
            f"title: '{HOSTILE}'\ncategories: ['{HOSTILE}']\ntags: ['<b>bold</b>']",
            "Quartzite is hard.\n",
        ),
        "articles/2024-06-01-draft.md": article("title: Draft\ndraft: true", "Neodymium draft text.\n"),
        "articles/2030-01-01-future.md": article("title: Future", "Neodymium from the future.\n"),
    }


def index_of(outdir: Path) -> dict[str, dict[str, Any]]:
    """Every page in the Pagefind index: URL → its fragment (content, filters, meta)."""
    pages = {}
    for fragment in (outdir / search.BUNDLE / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        record = json.loads(data[data.index("{") :])
        pages[record["url"]] = record
    return pages


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each run of Pagefind, by output folder."""
    runs: list[Path] = []
    real = search.run_pagefind

    def run(binary: str, outdir: Path, language: str = "") -> tuple[bool, str]:
        runs.append(outdir)
        return real(binary, outdir, language)

    monkeypatch.setattr(search, "run_pagefind", run)
    return runs


# -- the markup (pure) ---------------------------------------------------------------


def test_record_markup_is_escaped_element_text() -> None:
    """Values are element text, escaped: a ``</span><script>`` in a tag stays text and a
    comma or colon does not split a filter (Pagefind's attribute syntax would). Filter
    values are escaped further: Pagefind decodes them once more and its UI writes the
    label as HTML (what that shows is the browser test's)."""
    record = SearchRecord(
        title=HOSTILE,
        date_text="2 June 2025",
        date_sort="2025-06-02",
        image="_images/a.svg",
        image_alt='"alt"',
        filters=(("Tag", "a, b: c"), ("Category", HOSTILE)),
    )
    markup = record_markup(record)
    soup = BeautifulSoup(markup, "html.parser")
    assert "<script>" not in markup and soup.find("script") is None
    block = soup.find("div")
    assert block.has_attr("hidden") and block.has_attr("data-pagefind-ignore")
    meta = {s["data-pagefind-meta"]: s.get_text() for s in soup.find_all(attrs={"data-pagefind-meta": True})}
    assert meta == {"title": HOSTILE, "date": "2 June 2025", "image": "_images/a.svg", "image_alt": '"alt"'}
    assert [(s["data-pagefind-filter"], s.get_text()) for s in soup.find_all(attrs={"data-pagefind-filter": True})] == [
        ("Tag", "a, b: c"),
        ("Category", html.escape(html.escape(HOSTILE, quote=False), quote=False)),
    ]
    assert soup.find(attrs={"data-pagefind-sort": "date"}).get_text() == "2025-06-02"


def test_no_banner_no_image_keys() -> None:
    soup = BeautifulSoup(record_markup(SearchRecord(title="T")), "html.parser")
    assert [s["data-pagefind-meta"] for s in soup.find_all("span")] == ["title"]


def test_indexed_body_marks_the_articles_section() -> None:
    """The article's section carries the attribute and ends with the record: no new
    element around the page's content for the theme's styles to miss."""
    body = '\n<section id="t">\n<h1>T</h1><section id="s"><p>x</p></section>\n</section>\n'
    marked = indexed_body(body, SearchRecord(title="T"))
    soup = BeautifulSoup(marked, "html.parser")
    root = soup.find("section")
    assert root.has_attr("data-pagefind-body") and root["id"] == "t"
    assert [c.name for c in root.find_all(recursive=False)] == ["h1", "section", "div"]
    assert root.find_all(recursive=False)[-1].has_attr("data-pagefind-ignore")
    assert marked.replace(' data-pagefind-body=""', "").replace(record_markup(SearchRecord(title="T")), "") == body


@pytest.mark.parametrize("body", ["<p>No heading.</p>", '<section id="a"></section><section id="b"></section>x'])
def test_indexed_body_wraps_other_bodies(body: str) -> None:
    soup = BeautifulSoup(indexed_body(body, SearchRecord(title="T")), "html.parser")
    marked = soup.find_all(attrs={"data-pagefind-body": True})
    assert len(marked) == 1 and marked[0].name == "div", "everything of the body is indexed"
    assert marked[0].get_text().startswith(BeautifulSoup(body, "html.parser").get_text())


def test_pages_digest_reads_only_changed_files(tmp_path: Path) -> None:
    """A file whose size and time did not change is not read again (a no-op rebuild
    reads none); a real change changes the digest; rewriting the same bytes does not."""
    (tmp_path / "a.html").write_text("alpha")
    (tmp_path / "b.html").write_text("beta")
    first, seen = pages_digest(tmp_path, ["a.html", "b.html"], {})
    stat = (tmp_path / "a.html").stat()
    (tmp_path / "a.html").write_text("ALPHA")  # same size, old time: taken as unchanged
    os.utime(tmp_path / "a.html", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pages_digest(tmp_path, ["a.html", "b.html"], seen)[0] == first
    (tmp_path / "a.html").write_text("alpha")
    os.utime(tmp_path / "a.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    again, seen = pages_digest(tmp_path, ["a.html", "b.html"], seen)
    assert again == first, "rewritten with the same bytes"
    (tmp_path / "b.html").write_text("gamma")
    assert pages_digest(tmp_path, ["a.html", "b.html"], seen)[0] != first
    assert pages_digest(tmp_path, ["a.html"], seen)[0] != first, "a page left the index"


# -- built sites ---------------------------------------------------------------------


@pytest.fixture
def site(make_site: SiteFactory, counted: list[Path]) -> Site:
    return make_site(files(), conf=CONF)


def test_only_published_articles_are_indexed(site: Site, counted: list[Path]) -> None:
    """The index holds the articles and nothing else: not the home page, tag and
    category pages, archive, search page, drafts or future articles."""
    assert counted == [site.outdir]
    assert sorted(index_of(site.outdir)) == [
        "/articles/2023-01-01-hostile.html",
        "/articles/2024-03-18-neodymium.html",
        "/articles/2024-05-02-magnetite.html",
    ]
    for page in ["index", "tags/neodymium", "categories/environment", "search", "genindex"]:
        assert "data-pagefind-body" not in site.html(page), page
    body = site.soup("articles/2024-03-18-neodymium").find_all(attrs={"data-pagefind-body": True})
    assert len(body) == 1 and body[0].find("h1") is not None


def test_filters_meta_and_text_of_a_page(site: Site) -> None:
    pages = index_of(site.outdir)
    magnetite = pages["/articles/2024-05-02-magnetite.html"]
    assert magnetite["filters"] == {
        "Category": ["Minerals"],
        "Tag": ["magnetite", "a, b: c"],
        "Author": ["Galena", "Pyrite"],
        "Year": ["2024"],
    }
    assert magnetite["meta"]["title"] == "Magnetite"
    assert magnetite["meta"]["date"]
    assert "neodymium magnet pulls magnetite" in magnetite["content"]
    # the hidden record is not searched text; Sphinx's "¶" links are not either
    assert "Pyrite" not in magnetite["content"] and "¶" not in magnetite["content"]
    hostile = pages["/articles/2023-01-01-hostile.html"]
    title = site.app.env.get_domain("outcrop").articles["articles/2023-01-01-hostile"].title
    assert hostile["meta"]["title"] == title and '<script>alert("t")</script>' in title
    # stored as HTML text: Pagefind's UI writes filter labels with innerHTML
    assert hostile["filters"]["Category"] == [html.escape(HOSTILE, quote=False)]
    assert hostile["filters"]["Tag"] == ["&lt;b&gt;bold&lt;/b&gt;"]
    page = site.html("articles/2023-01-01-hostile")
    assert '<script>alert("t")' not in page


def test_search_results_show_banners_as_the_pages_do(make_site: SiteFactory) -> None:
    """With ``outcrop_remote_images = "link"`` the pages link to a remote banner as
    written, and so does the search result; a local one is the site's file."""
    sources = {
        "index.md": INDEX,
        "articles/2024-01-01-remote.md": article("title: Remote\nexcerpt_image: https://example.invalid/r.png"),
        "articles/2024-01-02-local.md": article("title: Local\nexcerpt_image: l.svg"),
        "articles/l.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>\n',
    }
    site = make_site(sources, conf=CONF + 'outcrop_remote_images = "link"\n')
    pages = index_of(site.outdir)
    assert pages["/articles/2024-01-01-remote.html"]["meta"]["image"] == "https://example.invalid/r.png"
    assert pages["/articles/2024-01-02-local.html"]["meta"]["image"].endswith("l.svg")


def test_newer_and_older_links_are_not_an_articles_text(site: Site) -> None:
    """The footer names the neighbours: searching for a neighbour's title must not
    find this article."""
    neodymium = index_of(site.outdir)["/articles/2024-03-18-neodymium.html"]
    assert "outcrop-neighbours" in site.html("articles/2024-03-18-neodymium")
    assert "Magnetite" not in neodymium["content"]


def test_the_search_page_loads_pagefind(site: Site) -> None:
    soup = site.soup("search")
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert any("outcrop-search.js" in s for s in scripts)
    assert (site.outdir / "_static" / "outcrop-search.js").is_file()
    assert (site.outdir / search.BUNDLE / "pagefind-ui.js").is_file()
    assert soup.find(id="search-results") is not None, "Sphinx's search stays as the fallback"
    assert "outcrop-search.js" not in site.html("index")


def test_a_noop_rebuild_does_not_run_pagefind(make_site: SiteFactory, counted: list[Path]) -> None:
    first = make_site(files(), conf=CONF)
    srcdir = Path(first.app.srcdir)
    entry = (first.outdir / search.BUNDLE / "pagefind-entry.json").stat().st_mtime_ns
    make_site({}, conf=CONF, srcdir=srcdir, freshenv=False)
    assert counted == [first.outdir], "nothing changed: no second index"
    assert (first.outdir / search.BUNDLE / "pagefind-entry.json").stat().st_mtime_ns == entry
    (srcdir / "articles/2024-05-02-magnetite.md").write_text(
        article("title: Magnetite\ncategories: [Minerals]", "Lodestone was the first compass.\n"), encoding="utf-8"
    )
    edited = make_site({}, conf=CONF, srcdir=srcdir, freshenv=False)
    assert len(counted) == 2
    magnetite = index_of(edited.outdir)["/articles/2024-05-02-magnetite.html"]
    assert "Lodestone" in magnetite["content"] and "Pyrite" not in json.dumps(magnetite["filters"])
    clean = make_site({}, conf=CONF, srcdir=_copy(srcdir, srcdir.parent / "clean"))
    assert index_of(clean.outdir) == index_of(edited.outdir), "the incremental index equals a clean one"
    (srcdir / "articles/2024-05-02-magnetite.md").write_text(article("title: Magnetite\ndraft: true"), "utf-8")
    drafted = make_site({}, conf=CONF, srcdir=srcdir, freshenv=False)
    assert "/articles/2024-05-02-magnetite.html" not in index_of(drafted.outdir)
    assert not list(drafted.outdir.glob(search.BUNDLE + ".outcrop-*")), "no half-written index left"


def _copy(srcdir: Path, to: Path) -> Path:
    shutil.copytree(srcdir, to, ignore=shutil.ignore_patterns("_build"))
    return to


def test_dirhtml_pages_are_indexed_by_their_folder(make_site: SiteFactory) -> None:
    site = make_site(files(), conf=CONF, buildername="dirhtml")
    assert sorted(index_of(site.outdir))[1:] == ["/articles/2024-03-18-neodymium/", "/articles/2024-05-02-magnetite/"]
    assert (site.outdir / "search" / "index.html").is_file()
    assert "outcrop-search.js" in (site.outdir / "search" / "index.html").read_text(encoding="utf-8")


def test_drafts_shown_in_a_preview_are_not_indexed(make_site: SiteFactory) -> None:
    site = make_site(files(), conf=CONF + "outcrop_show_drafts = True\n")
    assert "Draft" in site.html("articles/2024-06-01-draft")
    assert "data-pagefind-body" not in site.html("articles/2024-06-01-draft")
    assert "/articles/2024-06-01-draft.html" not in index_of(site.outdir)


def test_parallel_build_marks_the_same_pages(make_site: SiteFactory) -> None:
    """Pages written by ``-j`` worker processes carry the same markup."""
    serial = make_site(files(), conf=CONF)
    parallel = make_site(files(), conf=CONF, parallel=2)
    for name in ["articles/2024-03-18-neodymium", "articles/2024-05-02-magnetite", "index"]:
        assert serial.html(name) == parallel.html(name), name
    assert index_of(serial.outdir) == index_of(parallel.outdir)


def test_one_index_per_language(make_site: SiteFactory) -> None:
    site = make_site(files(), conf=CONF + 'language = "de"\n')
    entry = json.loads((site.outdir / search.BUNDLE / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["de"]


def test_articles_in_other_languages_are_in_the_sites_one_index(make_site: SiteFactory) -> None:
    """A Spanish site with an article in English: one index (Pagefind would make one
    per page language, and the Spanish search page would never find the English
    article), its filters named in Spanish, the search page opening "Categoría"."""
    english = article(
        "title: Magnetite\nlang: en\ncategories: [Minerals]\ntags: [magnetite]", "## Sand\n\nMagnetite sand.\n"
    )
    site = make_site({**files(), "articles/2024-05-02-magnetite.md": english}, conf=CONF + 'language = "es"\n')
    assert site.soup("articles/2024-05-02-magnetite").html["lang"] == "en"
    entry = json.loads((site.outdir / search.BUNDLE / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["es"]
    pages = index_of(site.outdir)
    assert pages["/articles/2024-05-02-magnetite.html"]["filters"] == {
        "Categoría": ["Minerals"],
        "Etiqueta": ["magnetite"],
        "Año": ["2024"],
    }
    assert "Autor" in pages["/articles/2024-03-18-neodymium.html"]["filters"]
    script = site.soup("search").find("script", src=lambda s: s and "outcrop-search.js" in s)
    assert script["data-open-filter"] == "Categoría"


def test_turned_off_the_index_goes(make_site: SiteFactory) -> None:
    first = make_site(files(), conf=CONF)
    srcdir = Path(first.app.srcdir)
    assert (first.outdir / search.BUNDLE).is_dir()
    (srcdir / "conf.py").write_text((srcdir / "conf.py").read_text().replace('"pagefind"', '"sphinx"'))
    off = make_site({}, srcdir=srcdir, freshenv=False)
    assert not (off.outdir / search.BUNDLE).exists()
    assert "data-pagefind-body" not in off.html("articles/2024-03-18-neodymium")
    assert "outcrop-search.js" not in off.html("search")


def test_without_pagefind_one_located_warning(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "find_pagefind", lambda: None)
    site = make_site(files(), conf=CONF)
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.search"]
    assert len(found) == 1 and found[0]["path"].endswith("conf.py") and found[0]["line"] != "1"
    assert "pip install 'outcrop[search]'" in found[0]["msg"]
    assert not (site.outdir / search.BUNDLE).exists()
    assert "Ethical neodymium" in site.html("articles/2024-03-18-neodymium"), "the rest still builds"


def test_a_failing_pagefind_is_a_warning_quoting_it(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr(search, "find_pagefind", lambda: str(broken))
    site = make_site(files(), conf=CONF)
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.search"]
    assert len(found) == 1 and "the disk is full" in found[0]["msg"]
    assert not (site.outdir / search.BUNDLE).exists()
    assert not list(site.outdir.glob(search.BUNDLE + ".outcrop-*"))


def test_a_site_without_articles_has_no_index(make_site: SiteFactory, counted: list[Path]) -> None:
    """Pagefind indexes every page of a site where no page is marked: outcrop does
    not run it, so tag and index pages never become results."""
    site = make_site({"index.md": "# Home\n\nNo articles yet.\n"}, conf=CONF)
    assert counted == [] and not (site.outdir / search.BUNDLE).exists()


PAGEFIND_ZH = """\u26a0 Indexing Chinese in non-extended mode.
In this mode, Pagefind will not segment words that are not whitespace separated.
Running the extended Pagefind binary will include this segmentation.
Either download the pagefind_extended binary, or run via npx pagefind.
Note: Pagefind doesn't support stemming for the language zh-cn.
Search will still work, but will not match across root words.
"""


def test_pagefind_notices_are_read_from_its_output() -> None:
    assert search.pagefind_notices(PAGEFIND_ZH + "\n" + PAGEFIND_ZH) == [
        "Indexing Chinese in non-extended mode. In this mode, Pagefind will not segment words that are not "
        "whitespace separated. Running the extended Pagefind binary will include this segmentation. Either "
        "download the pagefind_extended binary, or run via npx pagefind. Note: Pagefind doesn't support "
        "stemming for the language zh-cn. Search will still work, but will not match across root words."
    ]
    assert search.pagefind_notices("Note: Pagefind doesn't support stemming for the language zh.\n") == []


def test_chinese_without_the_extended_binary_is_a_warning(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's plain binary indexes Chinese without word segmentation (a search finds
    only whole runs of characters); outcrop passes its warning on, with the fix."""
    plain = pytest.importorskip("pagefind_bin").get_executable()
    monkeypatch.setattr(search, "find_pagefind", lambda: str(plain))
    site = make_site(files(), conf=CONF + 'language = "zh_CN"\n')
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.search"]
    assert len(found) == 1 and "non-extended mode" in found[0]["msg"], found
    assert "pip install 'pagefind[extended]'" in found[0]["msg"]
    assert index_of(site.outdir), "indexed all the same"
