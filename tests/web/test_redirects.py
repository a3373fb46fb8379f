"""Every old URL of an article redirects to it: redirect pages, host redirect files,
refusals, and the same result from incremental, parallel and clean builds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site, SiteFactory, article, redirects

CONF = (
    'html_baseurl = "https://example.org/"\n'
    'outcrop_jekyll_permalink = "date"\n'
    'outcrop_redirects_file = ["_redirects", "redirects.json", "redirects.yaml"]\n'
)
HOSTILE = '</title><script>alert(1)</script> & "quotes"'


def files() -> dict[str, str | bytes]:
    return {
        "articles/2019-08-11-alpha.md": article(
            "title: Alpha\ncategories: [Travel Notes]\nredirect_from: [/old/alpha/, /older-alpha]\n"
            "aliases: [/?p=12, '/%2e%2e/%2e%2e/escape.html', /alpha-page.html]"
        ),
        "articles/2020-02-02-beta.md": article(
            f"title: '{HOSTILE}'\npermalink: /:year/:title/\naliases: [/old/alpha/, /articles/2019-08-11-alpha.html]"
        ),
        "articles/2021-03-03-gamma.md": article("title: Gamma\npublished: false\naliases: [/gamma-old/]"),
    }


@pytest.fixture
def site(make_site: SiteFactory) -> Site:
    return make_site(files(), conf=CONF)


def test_every_old_url_leads_to_its_article(site: Site) -> None:
    """jekyll-redirect-from writes ``/foo/`` as ``foo/index.html`` and ``/foo`` as
    ``foo.html``; the post's Jekyll URL (``date`` style: lowercased categories, spaces
    kept) and its own ``permalink`` (placeholders expanded) redirect too."""
    assert redirects(site.outdir) == {
        "old/alpha/index.html": "articles/2019-08-11-alpha.html",
        "older-alpha.html": "articles/2019-08-11-alpha.html",
        "alpha-page.html": "articles/2019-08-11-alpha.html",
        "travel notes/2019/08/11/alpha.html": "articles/2019-08-11-alpha.html",
        "2020/beta/index.html": "articles/2020-02-02-beta.html",
    }
    for target in set(redirects(site.outdir).values()):
        assert (site.outdir / target).is_file()


def test_refused_old_urls_are_located_warnings(site: Site) -> None:
    """A query (a static page cannot answer it), a traversal written percent-encoded
    (Jekyll's own ``permalink-traversal`` fixture), an old URL another article already
    has, the URL of a page of the site, and an unpublished article's old URL (it has
    no page to lead to) are not redirected; each refusal is one warning at the file."""
    warnings = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.redirect"]
    by_file = sorted((Path(w["path"]).name, w["line"], w["msg"].split(";")[0]) for w in warnings)
    not_a_path = "is not a path of this site (another host, a query, or a path leaving the site)"
    assert by_file == [
        ("2019-08-11-alpha.md", "5", f"aliases: '/%2e%2e/%2e%2e/escape.html' {not_a_path}"),
        ("2019-08-11-alpha.md", "5", f"aliases: '/?p=12' {not_a_path}"),
        (
            "2020-02-02-beta.md",
            "4",
            "old URL '/articles/2019-08-11-alpha.html' is the URL of the page 'articles/2019-08-11-alpha'",
        ),
        (
            "2020-02-02-beta.md",
            "4",
            "old URL '/old/alpha/' is also an old URL of 'articles/2019-08-11-alpha', which keeps it",
        ),
    ]
    assert not list(site.outdir.parent.rglob("escape.html"))
    assert not (site.outdir / "gamma-old").exists()


def test_redirect_page_is_escaped_and_keeps_the_fragment(site: Site) -> None:
    """Titles are front matter: escaped in the page; the script keeps the reader's
    ``#fragment`` and query (a meta refresh drops them)."""
    text = (site.outdir / "2020" / "beta" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text
    soup = BeautifulSoup(text, "html.parser")
    assert soup.title.get_text() == HOSTILE
    assert soup.find("link", rel="canonical")["href"] == "https://example.org/articles/2020-02-02-beta.html"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.body.a["href"] == "../../articles/2020-02-02-beta.html"
    assert 'location.replace("../../articles/2020-02-02-beta.html" + location.search + location.hash)' in text
    assert soup.html["lang"] == "en"


def test_host_redirect_files(site: Site) -> None:
    """``_redirects`` for Netlify/Cloudflare Pages, JSON/YAML of Read the Docs' redirect
    objects (``page`` type): the old URLs as written, URL-encoded."""
    lines = (site.outdir / "_redirects").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "/2020/beta/ /articles/2020-02-02-beta.html 301",
        "/alpha-page.html /articles/2019-08-11-alpha.html 301",
        "/old/alpha/ /articles/2019-08-11-alpha.html 301",
        "/older-alpha /articles/2019-08-11-alpha.html 301",
        "/travel%20notes/2019/08/11/alpha.html /articles/2019-08-11-alpha.html 301",
    ]
    items = json.loads((site.outdir / "redirects.json").read_text(encoding="utf-8"))
    assert items[0] == {"type": "page", "from_url": "/2020/beta/", "to_url": "/articles/2020-02-02-beta.html"}
    assert len(items) == 5
    import yaml

    assert yaml.safe_load((site.outdir / "redirects.yaml").read_text(encoding="utf-8")) == items


def test_a_redirect_never_replaces_a_file_of_the_site(make_site: SiteFactory) -> None:
    """A file of ``html_extra_path`` at an old URL is the site's: it is kept, and the
    alias is refused with a warning."""
    extra = {"extra/keep.html": "<p>mine</p>\n"}
    site = make_site(
        {**files(), **extra, "articles/2022-01-01-d.md": article("title: D\naliases: [/keep.html, /index.html/x]")},
        conf=CONF + 'html_extra_path = ["extra"]\n',
    )
    assert (site.outdir / "keep.html").read_text(encoding="utf-8") == "<p>mine</p>\n"
    messages = [w["msg"] for w in site.outcrop_warnings()]
    assert any("'/keep.html' is a file of the site" in m for m in messages)
    # A folder of the old URL is a page of the site: a warning, and the build goes on.
    assert any("'/index.html/x' cannot be written" in m for m in messages)
    assert (site.outdir / "index.html").is_file()


def test_dirhtml_redirects_to_folder_urls(make_site: SiteFactory) -> None:
    site = make_site(files(), conf=CONF, buildername="dirhtml")
    assert redirects(site.outdir)["older-alpha.html"] == "articles/2019-08-11-alpha"
    assert (site.outdir / "articles" / "2019-08-11-alpha" / "index.html").is_file()


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and (p.suffix in {".html", ".json", ".yaml"} or p.name == "_redirects")
    }


def test_incremental_and_parallel_equal_clean(make_site: SiteFactory, tmp_path: Path) -> None:
    """Adding, moving and removing old URLs, then a clean build and a ``-j 2`` build of
    the result: the same redirect pages and files, and no page of a removed old URL
    left behind (nor its empty folders)."""
    src = tmp_path / "incremental"
    first = make_site(files(), srcdir=src, conf=CONF)
    assert (first.outdir / "old" / "alpha" / "index.html").is_file()
    alpha = src / "articles" / "2019-08-11-alpha.md"
    alpha.write_text(
        alpha.read_text(encoding="utf-8")
        .replace("redirect_from: [/old/alpha/, /older-alpha]", "redirect_from: /new-old")
        .replace("[Travel Notes]", "[Field]"),
        encoding="utf-8",
    )
    gamma = src / "articles" / "2021-03-03-gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("published: false", "published: true"), "utf-8")
    incremental = make_site({}, srcdir=src, conf=CONF, freshenv=False)
    assert not (incremental.outdir / "travel notes").exists(), "the old page and its folders are gone"
    assert not (incremental.outdir / "older-alpha.html").exists()
    assert redirects(incremental.outdir)["field/2019/08/11/alpha.html"] == "articles/2019-08-11-alpha.html"
    # beta's /old/alpha/ is free now: it redirects to beta
    assert redirects(incremental.outdir)["old/alpha/index.html"] == "articles/2020-02-02-beta.html"
    assert redirects(incremental.outdir)["gamma-old/index.html"] == "articles/2021-03-03-gamma.html"
    assert "new-old.html" in redirects(incremental.outdir)

    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src, conf=CONF)
    parallel_src = tmp_path / "parallel"
    shutil.copytree(src, parallel_src, ignore=shutil.ignore_patterns("_build"))
    parallel = make_site({}, srcdir=parallel_src, conf=CONF, parallel=2)
    after = _outputs(incremental.outdir)
    assert after == _outputs(clean.outdir)
    assert after == _outputs(parallel.outdir)
    assert re.search(r"2021-03-03-gamma", (incremental.outdir / "_redirects").read_text(encoding="utf-8"))
