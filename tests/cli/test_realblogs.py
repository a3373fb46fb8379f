"""Real, public Jekyll blogs move over whole: imported with ``outcrop import`` into a new
site (``outcrop init``) and built, and dropped in unchanged. Nobody here wrote them
(``tests/data/realblogs/*/SOURCE.md`` names each repository, commit and licence).

For each blog: every file of ``_posts`` is in the import report; every post Jekyll
publishes has a page and no other does; no Liquid or kramdown is left as text outside
code in any page; every old URL — the ones jekyllrb.com, the theme demo and Hux's site
serve today, and every alias the import recorded — leads to the right article; the
warnings are counted by subtype, each a real problem of the blog (listed per blog).
"""

from __future__ import annotations

import collections
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, Site, SiteFactory, redirects
from outcrop.cli.main import main

BLOGS = REPO / "tests" / "data" / "realblogs"
#: Text of a page that is Liquid or kramdown left as written.
LEFTOVER_RE = re.compile(r"\{%|%\}|\{\{|\}\}|\{:[ .#\w]")


@dataclass(frozen=True)
class Blog:
    name: str
    #: Posts Jekyll publishes (no ``published: false``, no future date).
    published: int
    #: Old URLs the live site serves (or served), as files of the output → the post.
    known_urls: dict[str, str]
    #: Warnings of the imported site's build, by subtype; each a real problem:
    warnings: dict[str, int] = field(default_factory=dict)


BLOG_CASES = [
    Blog(
        "basically-basic",
        24,  # 25 posts, one dated 9999-12-31
        {
            # permalink: /:categories/:title/ (lowercased, spaces kept); baseurl is not part of it
            "post formats/post-standard/index.html": "2010-01-07-post-standard",
            "edge case/edge-case-many-tags/index.html": "2009-06-01-edge-case-many-tags",
            "markup-syntax-highlighting/index.html": "2013-08-16-markup-syntax-highlighting",  # no categories
        },
        {
            "image.not_readable": 4,  # the theme's demo images are not in the sample
            "outcrop.image": 1,  # the same for a banner
            "myst.xref_missing": 4,  # [John Doe](#): links with no target
        },
    ),
    Blog(
        "jekyll-news",
        29,
        {
            # collections.posts.permalink, dates in America/Los_Angeles (10:00 -0500 is 08:00 there)
            "news/2019/08/20/jekyll-4-0-0-released/index.html": "2019-08-19-jekyll-4-0-0-released",
            "news/2016/10/06/jekyll-3-3-is-here/index.html": "2016-10-06-jekyll-3-3-is-here",
        },
        {
            "myst.xref_missing": 24,  # links to jekyllrb.com's documentation pages (/docs/history/)
            "outcrop.liquid": 18,  # {% link _docs/... %} to those pages, {% for %}/{% assign %} loops
            "myst.header": 10,  # headings that skip a level
            "outcrop.date": 1,  # '2023-01-29 18:30:22 2023 -0800'
            "myst.substitution": 1,  # {{ issue }} of a {% for %} loop inside a link definition
            "misc.highlighting_failure": 1,  # a Liquid sample Pygments cannot lex
        },
    ),
    Blog(
        "huxblog",
        22,  # 24 posts, two `published: false`
        {
            # permalink: pretty; the folders inside _posts are not categories
            "2015/04/14/unix-linux-note/index.html": "2015-04-14-unix-linux-note",
            "2019/01/07/sf-lf-07-indprop/index.html": "read_sf_lf/2019-01-07-sf-lf-07-indprop",
        },
        {
            "myst.header": 30,  # headings that skip a level
            "myst.xref_missing": 8,  # host.tld/path links without a scheme, #anchors of other pages
            "outcrop.liquid": 8,  # {% capture %}{% include %} of files the sample leaves out
            "misc.highlighting_failure": 6,  # code blocks labelled with the wrong language
            "outcrop.image": 2,  # banners the sample leaves out
            "image.not_readable": 2,  # images the sample leaves out
        },
    ),
]


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture(params=BLOG_CASES, ids=lambda b: b.name)
def imported(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_site: SiteFactory
) -> tuple[Blog, Path, Site]:
    blog: Blog = request.param
    site = tmp_path / "site"
    assert run("init", str(site), "--title", blog.name, "--url", "https://example.org/", "-y") == 0
    for welcome in (site / "articles").glob("*.md"):
        welcome.unlink()
    monkeypatch.chdir(site)
    assert run("import", str(BLOGS / blog.name), "-q") == 0
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\noutcrop_remote_images = "link"  # the blogs\' remote images: tests never reach the network\n')
    return blog, site, make_site({}, srcdir=site)


def _text_outside_code(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for element in soup.select("pre, code, script, style, .outcrop-liquid, .highlight"):
        element.decompose()
    return soup.get_text(" ")


def test_imported_blog(imported: tuple[Blog, Path, Site]) -> None:
    blog, site, built = imported
    source = BLOGS / blog.name
    report = (site / "_build" / "outcrop-import-report.md").read_text(encoding="utf-8")
    posts = sorted(p.relative_to(source).as_posix() for p in (source / "_posts").rglob("*") if p.is_file())
    missing = [p for p in posts if f"## {p}\n" not in report]
    assert missing == [], "every file of _posts is in the report"

    articles = {
        p.relative_to(built.outdir / "articles").as_posix() for p in (built.outdir / "articles").rglob("*.html")
    }
    assert len(articles) == blog.published, sorted(articles)

    leftovers = {}
    for page in built.outdir.rglob("*.html"):
        found = LEFTOVER_RE.findall(_text_outside_code(page))
        if found:
            leftovers[page.relative_to(built.outdir).as_posix()] = found
    assert leftovers == {}, "no Liquid or kramdown as text outside code"

    targets = redirects(built.outdir)
    for url, post in blog.known_urls.items():
        assert targets.get(url) == f"articles/{post}.html", url
    # Every alias the import recorded leads to its own article (a link checker).
    for markdown in (site / "articles").rglob("*.md"):
        front = yaml.safe_load(markdown.read_text(encoding="utf-8").split("---\n")[1])
        docname = markdown.relative_to(site).with_suffix("").as_posix()
        if not (built.outdir / f"{docname}.html").is_file():
            continue  # not published
        for alias in front.get("aliases", []):
            target = alias.strip("/") + ("/index.html" if alias.endswith("/") else "")
            target = target if posixpath.splitext(target)[1] else target + ".html"
            assert targets.get(target) == f"{docname}.html", (alias, target)

    # Every warning, also those Sphinx gives without a line (images of raw HTML).
    if (source / "img").is_dir():  # Hux's images: copied from the Jekyll site to the same paths
        assert "Images copied into the source folder: `/img/" in report
        copied = [p for p in (site / "img").rglob("*") if p.is_file()]
        assert copied and all(p.read_bytes() == (source / p.relative_to(site)).read_bytes() for p in copied)

    counts = collections.Counter(re.findall(r"WARNING: .*? \[([\w.]+)\]$", built.warnings, re.M))
    assert dict(counts) == blog.warnings


@pytest.mark.parametrize("blog", BLOG_CASES, ids=lambda b: b.name)
def test_dropped_in_blog(blog: Blog, make_site: SiteFactory, tmp_path: Path) -> None:
    """The blog's ``_posts`` copied as they are into ``articles/``, with the Jekyll
    site's permalink in ``outcrop_jekyll_permalink``: every published post is built
    (``.markdown`` too), no Liquid or kramdown is left as text, and the live site's
    URLs redirect."""
    source = BLOGS / blog.name
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    permalink = (config.get("collections") or {}).get("posts", {}).get("permalink") or config.get("permalink", "date")
    site = tmp_path / "site"
    shutil.copytree(source / "_posts", site / "articles" / "_posts")
    conf = f"outcrop_jekyll_permalink = {permalink!r}\noutcrop_timezone = {config.get('timezone', 'UTC')!r}\n"
    built = make_site({}, srcdir=site, conf=conf + "suppress_warnings = ['myst', 'misc', 'image', 'outcrop']\n")
    articles = list((built.outdir / "articles").rglob("*.html"))
    assert len(articles) == blog.published
    leftovers = {
        page.name: LEFTOVER_RE.findall(_text_outside_code(page))
        for page in built.outdir.rglob("*.html")
        if LEFTOVER_RE.search(_text_outside_code(page))
    }
    assert leftovers == {}
    targets = redirects(built.outdir)
    for url, post in blog.known_urls.items():
        folder, name = posixpath.split(post)
        assert targets.get(url) == posixpath.join("articles/_posts", folder, name) + ".html", url
