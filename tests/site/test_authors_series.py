"""Authors and series: author pages (described in ``outcrop_authors``, paginated, with
a feed), the header's links to them, the series box at the top of each part, the
series pages, their warnings, and incremental and parallel builds of all of it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ANSI_RE, Site, SiteFactory, article, html_pages, write_tree
from outcrop.article.checks import check_article
from outcrop.article.model import Article
from outcrop.config import OutcropConfig, validated
from outcrop.problems import ProblemKind

AUTHORS = (
    'outcrop_authors = {"ada": {"name": "Ada <Lovelace>", "bio": "Reads *rocks* & <script>x</script>", '
    '"avatar": "_static/ada.png", "links": {"Website": "https://ada.example/?a=1&b=2", '
    '"Evil": "javascript:alert(1)"}}}\n'
)
CONF = (
    'outcrop_now = "2025-01-01"\noutcrop_page_size = 2\nhtml_theme = "basic"\n'
    'html_baseurl = "https://example.org/"\nhtml_static_path = ["_static"]\n' + AUTHORS
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def corpus() -> dict[str, str | bytes]:
    """Three parts of "Basalt <Walks>" whose part numbers run against their dates, a
    fourth article without a number, and an article of Bruno's outside the series."""
    # A home page without a toctree of the articles: Sphinx re-writes the whole
    # toctree when one title changes, which would hide what outcrop re-writes.
    files: dict[str, str | bytes] = {
        "_static/ada.png": PNG,
        "index.md": "# Home\n\nA page.\n\n```{toctree}\n:hidden:\n\nbrowse\n```\n",
        "browse.md": "# Browse\n\n```{outcrop-browse}\n```\n",
    }
    parts = [("2024-01-01", "First written", 3), ("2024-02-01", "Second written", 1), ("2024-03-01", "Third", 2)]
    for day, title, part in parts:
        files[f"articles/{day}-{title.lower().replace(' ', '-')}.md"] = article(
            f"title: {title}\nauthor: ada\nseries: {{name: Basalt <Walks>, part: {part}}}\ndate: {day}",
            "## Body\n\nText.\n",
        )
    files["articles/2024-04-01-coda.md"] = article(
        "title: Coda\nauthors: [ada, Bruno]\nseries: Basalt <Walks>\ndate: 2024-04-01", "Coda.\n"
    )
    files["articles/2024-05-01-alone.md"] = article("title: Alone\nauthor: Bruno\ndate: 2024-05-01", "Alone.\n")
    return files


ORDER = ["Second written", "Third", "First written", "Coda"]  # by part, then unnumbered by date


def read(front: str, config: OutcropConfig | None = None) -> tuple[Article, list[tuple[ProblemKind, int, str]]]:
    checked = check_article(f"---\n{front}\n---\n\nText.\n", "articles/2024-01-01-x", config or OutcropConfig())
    assert checked.article is not None
    return checked.article, [(p.kind, p.line, p.message) for p in checked.problems]


@pytest.mark.parametrize(
    ("front", "series", "part"),
    [
        ("series: Basalt", "Basalt", None),
        ("series: {name: Basalt, part: 2}", "Basalt", 2),
        ("series:\n  name: '  Basalt   walks '\n  part: '3'", "Basalt walks", 3),
        ("series: ''", "", None),
    ],
)
def test_series_front_matter(front: str, series: str, part: int | None) -> None:
    found, problems = read(f"title: X\n{front}")
    assert (found.series, found.series_part, problems) == (series, part, [])


@pytest.mark.parametrize(
    ("front", "series", "message"),
    [
        ("series: {name: Basalt, part: two}", "Basalt", "part 'two' is not a whole number"),
        ("series: {name: Basalt, part: 0}", "Basalt", "part 0 is not a whole number"),
        ("series: {name: Basalt, part: 1.5}", "Basalt", "part 1.5 is not a whole number"),
        ("series: {name: Basalt, part: true}", "Basalt", "part True is not a whole number"),
        ("series: {part: 2}", "", "a series needs a name"),
        ("series: {name: Basalt, chapter: 2}", "Basalt", "unknown key 'chapter'"),
        ("series: [a, b]", "", "got a list"),
        ("series: true", "", "got true"),
    ],
)
def test_series_problems_are_located_warnings(front: str, series: str, message: str) -> None:
    found, problems = read(f"title: X\n{front}")
    assert found.series == series and found.series_part is None
    assert [(kind, line) for kind, line, _ in problems] == [(ProblemKind.SERIES, 3)]
    assert message in problems[0][2]


def test_an_author_is_named_by_key_or_by_name() -> None:
    config = OutcropConfig(authors={"ada": {"name": "Ada Lovelace"}})
    found, _ = read("title: X\nauthors: [ada, Ada Lovelace, bruno]", config)
    assert found.authors == ("Ada Lovelace", "bruno")


def test_author_descriptions_are_validated() -> None:
    values, messages = validated(
        {
            "outcrop_authors": {
                "ada": {
                    "name": "  Ada  ",
                    "bio": "Bio",
                    "avatar": "../../etc/passwd",
                    "links": {"Web": "https://a.example", "Mail": "mailto:a@example.org", "X": "javascript:x"},
                    "colour": "red",
                },
                "cy": "Cy Twombly",
                "bad": ["not", "a", "mapping"],
                "remote": {"avatar": "https://img.example/r.png"},
                "data": {"avatar": "data:image/png;base64,AAAA"},
            }
        }
    )
    assert values["authors"] == {
        "ada": {
            "name": "Ada",
            "bio": "Bio",
            "avatar": "",
            "links": {"Web": "https://a.example", "Mail": "mailto:a@example.org"},
        },
        "cy": {"name": "Cy Twombly", "bio": "", "avatar": "", "links": {}},
        "remote": {"name": "remote", "bio": "", "avatar": "https://img.example/r.png", "links": {}},
        "data": {"name": "data", "bio": "", "avatar": "", "links": {}},
    }
    text = "\n".join(messages)
    for needle in ("['ada']['avatar']", "['ada']['links']['X']", "['ada']['colour']", "['bad']", "['data']['avatar']"):
        assert f"outcrop_authors{needle}" in text
    assert len(messages) == 5


def test_author_pages_and_header_links(make_site: SiteFactory) -> None:
    site = make_site(corpus(), conf=CONF)
    header = site.soup("articles/2024-04-01-coda").select_one(".outcrop-authors")
    links = [(a.get_text(), a["href"]) for a in header.select("a.outcrop-author")]
    assert links == [("Ada <Lovelace>", "../authors/ada-lovelace.html"), ("Bruno", "../authors/bruno.html")]

    page = site.soup("authors/ada-lovelace")
    card = page.select_one(".outcrop-author-card")
    assert card.h1.get_text() == "Ada <Lovelace>"
    assert card.img["src"] == "../_static/ada.png" and (site.outdir / "_static/ada.png").is_file()
    bio = card.select_one(".outcrop-author-bio")
    assert bio.em.get_text() == "rocks" and bio.find("script") is None and "x" in bio.get_text()
    assert [(a.get_text(), a["href"]) for a in card.select(".outcrop-author-links a")] == [
        ("Website", "https://ada.example/?a=1&b=2")
    ]
    assert "javascript:" not in site.html("authors/ada-lovelace")
    assert page.select_one(".outcrop-page-intro").get_text() == "4 articles"
    # Newest first, two a page (outcrop_page_size), the second page linked.
    assert [a.get_text() for a in page.select(".outcrop-list-title a")] == ["Coda", "Third"]
    assert [a["href"] for a in page.select(".outcrop-pagination a")] == ["ada-lovelace/2.html"]
    second = site.soup("authors/ada-lovelace/2")
    assert [a.get_text() for a in second.select(".outcrop-list-title a")] == ["Second written", "First written"]
    assert second.select_one(".outcrop-author-bio") is None  # the bio once, on the first page
    # An author nobody described: a page, no bio, no avatar.
    bruno = site.soup("authors/bruno")
    assert bruno.h1.get_text() == "Bruno" and bruno.select_one(".outcrop-author-bio, .outcrop-avatar") is None

    index = site.soup("authors/index")
    items = [(a.get_text(), a["href"]) for a in index.select(".outcrop-authors-index .outcrop-list-title a")]
    assert items == [("Ada <Lovelace>", "ada-lovelace.html"), ("Bruno", "bruno.html")]
    assert [c.get_text() for c in index.select(".outcrop-count")] == ["4 articles", "2 articles"]

    # The author's feed: linked from the page's head, newest first.
    head = page.find("link", attrs={"type": "application/atom+xml", "href": re.compile("authors")})
    assert head["href"] == "https://example.org/authors/ada-lovelace.xml"
    feed = BeautifulSoup((site.outdir / "authors/ada-lovelace.xml").read_text(encoding="utf-8"), "xml")
    assert [t.get_text() for t in feed.find_all("entry")[0].find_all("title")] == ["Coda"]
    assert len(feed.find_all("entry")) == 4
    assert [n.get_text() for n in feed.find_all("entry")[0].find_all("name")] == ["Ada <Lovelace>", "Bruno"]
    assert "feed" not in {w["type"] for w in site.outcrop_warnings()}


def test_series_box_and_pages(make_site: SiteFactory) -> None:
    site = make_site(corpus(), conf=CONF)
    for position, title in enumerate(ORDER, start=1):
        docname = next(p.stem for p in (site.outdir / "articles").glob("*.html") if title.lower().split()[0] in p.stem)
        soup = site.soup(f"articles/{docname}")
        box = soup.select_one("nav.outcrop-series")
        assert box["aria-label"] == "Series: Basalt <Walks>"
        heading = box.select_one(".outcrop-series-heading")
        assert heading.get_text() == f"Part {position} of 4 in the series Basalt <Walks>"
        assert heading.a["href"] == "../series/basalt-walks.html" and heading.a.em
        items = box.select("ol.outcrop-series-list > li")
        assert [li.get_text() for li in items] == ORDER
        current = box.select("[aria-current]")
        assert [c.get_text() for c in current] == [title] and current[0].name == "span"
        assert len(box.select("a")) == 1 + 3  # the series' page and the three other parts
        # At the top of the article: right after the header.
        assert soup.select_one(".outcrop-header").find_next_sibling() is box
    assert site.soup("articles/2024-05-01-alone").select_one(".outcrop-series") is None

    page = site.soup("series/basalt-walks")
    assert page.h1.get_text() == "Series: Basalt <Walks>"
    assert [a.get_text() for a in page.select(".outcrop-series-parts .outcrop-list-title a")] == ORDER
    assert page.select_one(".outcrop-page-intro").get_text() == "4 articles"
    index = site.soup("series/index")
    assert [(a.get_text(), a["href"]) for a in index.select(".outcrop-series-index a")] == [
        ("Basalt <Walks>", "basalt-walks.html")
    ]
    assert "<Walks>" not in site.html("series/basalt-walks"), "escaped"
    assert [(Path(w["path"]).name, w["type"]) for w in site.outcrop_warnings()] == [("conf.py", "outcrop.bad_value")]


def test_two_claims_to_one_part_warn_and_keep_both(make_site: SiteFactory) -> None:
    files = corpus()
    files["articles/2024-06-01-usurper.md"] = article(
        "title: Usurper\ndate: 2024-06-01\nseries:\n  name: basalt <walks>\n  part: 1", "Text.\n"
    )
    site = make_site(files, conf=CONF)
    found = sorted((Path(w["path"]).name, w["line"], w["type"]) for w in site.outcrop_warnings())
    assert found == [
        ("2024-06-01-usurper.md", "4", "outcrop.series"),  # part 1 is Second written's
        ("2024-06-01-usurper.md", "4", "outcrop.taxonomy"),  # the other case, merged
        ("conf.py", "10", "outcrop.bad_value"),  # the javascript: link
    ]
    messages = "\n".join(w["msg"] for w in site.outcrop_warnings())
    assert "part 1 of the series 'basalt <walks>' is also claimed by 'articles/2024-02-01-second-written'" in messages
    page = site.soup("series/basalt-walks")
    assert [a.get_text() for a in page.select(".outcrop-list-title a")] == ["Second written", "Usurper", *ORDER[1:]]


def test_no_author_and_no_series_no_pages(make_site: SiteFactory) -> None:
    site = make_site({"articles/2024-01-01-a.md": article("title: A\ndate: 2024-01-01")})
    assert not (site.outdir / "authors").exists() and not (site.outdir / "series").exists()
    assert site.soup("articles/2024-01-01-a").select_one(".outcrop-authors, .outcrop-series") is None


def test_the_browse_block_links_the_authors_and_series_indexes_when_there_are_any(make_site: SiteFactory) -> None:
    site = make_site(corpus(), conf=CONF)
    links = [(a.get_text(), a["href"]) for a in site.soup("browse").select(".outcrop-browse-links a")]
    assert links[3:] == [("Authors", "authors/index.html"), ("Series", "series/index.html")]
    files = corpus()
    for name in list(files):
        if name.startswith("articles/"):
            files[name] = article("title: Plain\ndate: 2024-01-01")
    bare = make_site(files, conf=CONF)
    assert [a.get_text() for a in bare.soup("browse").select(".outcrop-browse-links a")] == [
        "Tags",
        "Categories",
        "Archive",
    ]


def test_the_sidebar_block_links_the_first_author_everywhere(make_site: SiteFactory, tmp_path: Path) -> None:
    """Every page's sidebar block gains "Authors" when the first article names an author,
    incrementally as in a clean build (every page is written again for it)."""
    conf = CONF + 'html_sidebars = {"**": ["outcrop/browse.html"]}\n'
    files = {name: text for name, text in corpus().items() if not name.startswith("articles/")}
    files["articles/2024-01-01-a.md"] = article("title: A\ndate: 2024-01-01")
    files["articles/2024-01-02-b.md"] = article("title: B\ndate: 2024-01-02")
    src = tmp_path / "incremental"
    first = make_site(files, srcdir=src, conf=conf)

    def sidebar(site: Site, page: str) -> list[str]:
        return [a.get_text() for a in site.soup(page).select("nav.outcrop-browse a")]

    assert sidebar(first, "articles/2024-01-01-a") == ["Tags", "Categories", "Archive"]
    (src / "articles/2024-01-02-b.md").write_text(article("title: B\ndate: 2024-01-02\nauthor: ada"))
    incremental = make_site({}, srcdir=src, conf=conf, freshenv=False)
    for page in ("articles/2024-01-01-a", "tags/index", "archive/index"):
        assert sidebar(incremental, page) == ["Tags", "Categories", "Archive", "Authors"], page
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src, conf=conf)
    after, expected = html_pages(incremental.outdir), html_pages(clean.outdir)
    assert [name for name in expected if after.get(name) != expected[name]] == []


def test_an_avatar_the_output_will_not_have_is_a_warning_not_a_broken_image(make_site: SiteFactory) -> None:
    people = {
        "ada": {"avatar": "ada.png"},  # _static/ forgotten
        "bo": {"avatar": "_static/bo.png"},  # no such file
        "cy": {"avatar": "cy.png"},  # from html_extra_path
        "di": {"avatar": "_static/di.png"},  # a file named in html_static_path
    }
    files = {
        "articles/2024-01-01-a.md": article("title: A\ndate: 2024-01-01\nauthor: [ada, bo, cy, di]"),
        "_static/ada.png": PNG,
        "extra/cy.png": PNG,
        "di.png": PNG,
    }
    conf = CONF.replace(AUTHORS, "") + f"outcrop_authors = {people!r}\nhtml_extra_path = ['extra']\n"
    conf = conf.replace('html_static_path = ["_static"]', 'html_static_path = ["_static", "di.png"]')
    site = make_site(files, conf=conf)
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.bad_value"]
    assert [Path(w["path"]).name for w in found] == ["conf.py", "conf.py"], site.warnings
    assert "'ada.png'" in found[0]["msg"] and "'_static/bo.png'" in found[1]["msg"]
    avatars = [img["src"] for img in site.soup("authors/index").select("img.outcrop-avatar")]
    assert avatars == ["../cy.png", "../_static/di.png"]  # cy's and di's; no broken image for ada and bo
    initials = site.soup("authors/index").select(".outcrop-avatar-initial")
    assert [(i.get_text(), i["aria-hidden"]) for i in initials] == [("A", "true"), ("B", "true")]  # in their place
    for src in avatars:
        assert (site.outdir / "authors" / src).resolve().is_file(), src


def test_dash_w_makes_a_series_problem_fatal(tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    from conftest import DEFAULT_CONF, DEFAULT_INDEX

    files = {"conf.py": DEFAULT_CONF, "index.md": DEFAULT_INDEX}
    files["articles/2024-01-01-a.md"] = article("title: A\nseries: {name: S, part: x}")
    write_tree(tmp_path / "src", files)
    assert build_main(["-q", "-W", "-b", "html", str(tmp_path / "src"), str(tmp_path / "out")]) != 0


def edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "renumber-a-part": lambda src: edit(src, "articles/2024-03-01-third.md", "part: 2", "part: 9"),
    "retitle-a-part": lambda src: edit(src, "articles/2024-03-01-third.md", "title: Third", "title: Third, retitled"),
    "leave-the-series": lambda src: edit(src, "articles/2024-04-01-coda.md", "series: Basalt <Walks>\n", ""),
    "rename-the-series": lambda src: [
        edit(src, f"articles/{p.name}", "Basalt <Walks>", "Columns")
        for p in sorted((src / "articles").glob("*.md"))
        if "Basalt" in p.read_text(encoding="utf-8")
    ],
    "no-series-left": lambda src: [
        path.write_text(re.sub(r"series: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
        for path in sorted((src / "articles").glob("*.md"))
    ],
    "rewrite-a-bio-in-conf": lambda src: edit(src, "conf.py", "Reads *rocks*", "Reads *maps*"),
    "change-authors": lambda src: edit(src, "articles/2024-05-01-alone.md", "author: Bruno", "author: ada"),
    "last-article-of-an-author-goes": lambda src: [
        edit(src, "articles/2024-04-01-coda.md", "authors: [ada, Bruno]", "author: ada"),
        (src / "articles/2024-05-01-alone.md").unlink(),
    ],
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_incremental_equals_clean(make_site: SiteFactory, tmp_path: Path, scenario: str) -> None:
    src = tmp_path / "incremental"
    first = make_site(corpus(), srcdir=src, conf=CONF)
    before = html_pages(first.outdir)
    SCENARIOS[scenario](src)
    incremental = make_site({}, srcdir=src, conf=CONF, freshenv=False)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src, conf=CONF)
    after, expected = html_pages(incremental.outdir), html_pages(clean.outdir)
    assert sorted(after) == sorted(expected), "no page left behind, none missing"
    assert [name for name in expected if after[name] != expected[name]] == []
    assert after != before
    feeds = sorted(p.relative_to(clean.outdir).as_posix() for p in clean.outdir.rglob("authors/*.xml"))
    assert feeds == sorted(
        p.relative_to(incremental.outdir).as_posix() for p in incremental.outdir.rglob("authors/*.xml")
    )
    for feed in feeds:
        assert (incremental.outdir / feed).read_bytes() == (clean.outdir / feed).read_bytes()


def rewritten(make_site: SiteFactory, src: Path, change: Callable[[Path], object]) -> list[str]:
    first = make_site(corpus(), srcdir=src, conf=CONF)
    stamps = {p: p.stat().st_mtime_ns for p in first.outdir.rglob("*.html")}
    change(src)
    again = make_site({}, srcdir=src, conf=CONF, freshenv=False)
    return sorted(
        str(p.relative_to(again.outdir))
        for p in again.outdir.rglob("*.html")
        if p.stat().st_mtime_ns != stamps.get(p) and p.name not in {"genindex.html", "search.html"}
    )


def test_a_retitled_part_rewrites_what_shows_its_title(make_site: SiteFactory, tmp_path: Path) -> None:
    """The other parts' boxes, the series page, the author's page that lists it (and
    the pages that did before: tags of none here, the year's page and the archive page
    that lists it), nothing else."""
    changed = rewritten(
        make_site, tmp_path / "s", lambda s: edit(s, "articles/2024-03-01-third.md", "title: Third", "title: 3rd")
    )
    assert changed == [
        "archive/2024.html",
        "archive/index.html",
        "articles/2024-01-01-first-written.html",
        "articles/2024-02-01-second-written.html",
        "articles/2024-03-01-third.html",
        "articles/2024-04-01-coda.html",
        "authors/ada-lovelace.html",
        "series/basalt-walks.html",
    ]


def test_a_body_edit_rewrites_only_that_article(make_site: SiteFactory, tmp_path: Path) -> None:
    changed = rewritten(
        make_site, tmp_path / "s", lambda s: edit(s, "articles/2024-03-01-third.md", "## Body", "## Bodies")
    )
    assert changed == ["articles/2024-03-01-third.html"]


def test_parallel_equals_serial(make_site: SiteFactory) -> None:
    serial = make_site(corpus(), conf=CONF, parallel=0)
    parallel = make_site(corpus(), conf=CONF, parallel=2)
    status = ANSI_RE.sub("", parallel.app.status.getvalue())
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status), "read in parallel chunks"
    assert html_pages(serial.outdir) == html_pages(parallel.outdir)
