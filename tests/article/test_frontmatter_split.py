"""Unit tests of the front-matter block as a writer sees it: the exact problem each broken block
gives (``split_front_matter``), the old URLs an article redirects from and the banner it gets
(``read_article``), with the exact message and line of every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from outcrop.article.frontmatter import MAX_VALUES, FrontMatter, read_article, split_front_matter
from outcrop.article.model import Article, Banner
from outcrop.problems import Problem, ProblemKind

DATED = "articles/2019-08-11-old-name"
UNDATED = "articles/old-name"
#: PyYAML words its errors differently with libyaml (which outcrop uses when PyYAML has it).
LIBYAML = hasattr(yaml, "CSafeLoader")


def read(text: str, docname: str = DATED, permalink: str = "") -> tuple[Article, list[Problem]]:
    front, problems = split_front_matter(text)
    article, more = read_article(front, docname=docname, zone=dt.UTC, permalink=permalink)
    return article, problems + more


def redirect_problems(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.kind is ProblemKind.REDIRECT]


# -- split_front_matter: what a broken block gives --------------------------------------


def test_unclosed_block_is_text_with_one_problem_at_the_first_line() -> None:
    """A block opened with ``---`` and never closed is not front matter; the writer is told so at line 1."""
    assert split_front_matter("---\ntitle: x\nbody without end\n") == (
        FrontMatter({}, {}, 0),
        [Problem(ProblemKind.FRONT_MATTER, "front matter opened with '---' is never closed; read as text", 1)],
    )


def _values(count: int) -> str:
    """A block that expands to ``count`` values (from 9906 up): a list of 99, that list 98 times
    through an alias, and a tail list that makes up the rest."""
    tail = count - 9906
    return (
        "---\na: &a [" + ", ".join(["x"] * 99) + "]\nb: [" + ", ".join(["*a"] * 98) + "]\n"
        "c: [" + ", ".join(["x"] * tail) + "]\n---\n"
    )


def test_block_of_exactly_max_values_is_read() -> None:
    """:data:`MAX_VALUES` values (mapping, keys and items counted, aliases at every use) are allowed."""
    front, problems = split_front_matter(_values(MAX_VALUES))
    assert problems == []
    assert front == FrontMatter({"a": ["x"] * 99, "b": [["x"] * 99] * 98, "c": ["x"] * 94}, {"a": 2, "b": 3, "c": 4}, 5)


def test_block_of_one_value_more_is_refused_whole() -> None:
    """One value beyond :data:`MAX_VALUES` empties the block (its length kept) with one problem at line 1."""
    assert split_front_matter(_values(MAX_VALUES + 1)) == (
        FrontMatter({}, {}, 5),
        [
            Problem(
                ProblemKind.FRONT_MATTER, "front matter expands to more than 10000 values (YAML aliases?); ignored", 1
            )
        ],
    )


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        # The scanner's problem, on the line where it is found (not clamped: the block goes on).
        (
            "---\ntitle: a\n  bad: indent\nmore: x\nz: 1\n---\n",
            "mapping values are not allowed in this context" if LIBYAML else "mapping values are not allowed here",
            3,
        ),
        # The parser's problem, not its context ("while parsing a flow sequence").
        (
            "---\ntitle: [a, b\nmore: x\nz: 1\n---\n",
            "did not find expected ',' or ']'" if LIBYAML else "expected ',' or ']', but got ':'",
            3,
        ),
        # A reader error has no problem and no mark: its first line, at line 1.
        (
            "---\ntitle: x\nnote: a\x07b\n---\n",
            "unacceptable character #x0007: "
            + ("control characters are not allowed" if LIBYAML else "special characters are not allowed"),
            1,
        ),
    ],
)
def test_invalid_yaml_names_the_problem_at_its_line(text: str, reason: str, line: int) -> None:
    """Invalid YAML empties the block (its length kept) and names what the parser found, where it found it."""
    assert split_front_matter(text) == (
        FrontMatter({}, {}, text.count("\n")),
        [Problem(ProblemKind.FRONT_MATTER, f"front matter is not valid YAML: {reason}; ignored", line)],
    )


def test_value_its_tag_cannot_build_empties_the_block() -> None:
    """``!!int abc`` parses but cannot be built: the block is ignored with the reason, at line 1."""
    assert split_front_matter("---\ntitle: x\ncount: !!int abc\n---\n") == (
        FrontMatter({}, {}, 4),
        [
            Problem(
                ProblemKind.FRONT_MATTER,
                "front matter cannot be read: invalid literal for int() with base 10: 'abc'; ignored",
                1,
            )
        ],
    )


def test_block_that_is_not_a_mapping_is_reported_at_its_first_line() -> None:
    """A list as front matter empties the block (its length kept), reported at the block's first line."""
    assert split_front_matter("---\n- a\n- b\n---\n") == (
        FrontMatter({}, {}, 4),
        [Problem(ProblemKind.FRONT_MATTER, "front matter must be a mapping of keys to values, not a list; ignored", 2)],
    )


# -- aliases: the old URLs an article redirects from ------------------------------------

_ELSEWHERE = "(another host, a query, or a path leaving the site); not redirected"


def test_redirect_from_alone_gives_aliases() -> None:
    """``redirect_from`` without ``aliases`` still gives its old URLs."""
    article, problems = read("---\ntitle: X\nredirect_from: [/two, /three.html]\n---\n")
    assert (article.aliases, problems) == (("/two", "/three.html"), [])


@pytest.mark.parametrize("key", ["aliases", "redirect_from"])
def test_refused_alias_is_named_at_its_key(key: str) -> None:
    """An old URL of another host is refused with a problem naming it, on the line of its key."""
    article, problems = read(f"---\ntitle: X\n{key}: ['https://elsewhere.org/x', /ok/]\n---\n")
    assert article.aliases == ("/ok/",)
    assert problems == [
        Problem(ProblemKind.REDIRECT, f"{key}: 'https://elsewhere.org/x' is not a path of this site {_ELSEWHERE}", 3)
    ]


def test_dated_permalink_of_an_undated_article_is_refused_at_its_key() -> None:
    """An own ``permalink`` with date placeholders cannot be expanded without a date: refused, at its line."""
    article, problems = read("---\ntitle: X\naliases: /kept/\npermalink: /:year/x/\n---\n", docname=UNDATED)
    assert article.aliases == ("/kept/",)
    assert redirect_problems(problems) == [
        Problem(
            ProblemKind.REDIRECT,
            "permalink: the old URL needs the article's date, which it has not; not redirected",
            4,
        )
    ]


@pytest.mark.parametrize(
    ("front", "aliases"),
    [
        ("permalink: /:title/", ("/old-name/",)),
        # A category that spells placeholders shows the date an undated article is given: 1970-01-01.
        ("categories: ['since-:year-:month-:day']\npermalink: /:categories/:title/", ("/since-1970-01-01/old-name/",)),
    ],
)
def test_dateless_permalink_of_an_undated_article(front: str, aliases: tuple[str, ...]) -> None:
    """An own ``permalink`` without date placeholders is expanded for an undated article too."""
    article, problems = read(f"---\ntitle: X\n{front}\n---\n", docname=UNDATED)
    assert (article.aliases, redirect_problems(problems)) == (aliases, [])


@pytest.mark.parametrize(
    ("style", "alias"),
    [("pretty", "/2019/08/11/Old-Name!/"), ("/:year/:slug:output_ext", "/2019/old-name.html")],
)
def test_slug_is_the_title_of_the_jekyll_url(style: str, alias: str) -> None:
    """Jekyll's ``slug:`` replaces the file name in the post's old URL (``:title`` keeps its case)."""
    article, problems = read("---\ntitle: X\nslug: Old Name!\n---\n", docname="articles/2019-08-11-x", permalink=style)
    assert (article.aliases, problems) == ((alias,), [])


def test_permalink_leaving_the_site_is_refused_at_its_key() -> None:
    """A ``permalink`` that expands to a URL with a query is not redirected: a problem naming it, at its line."""
    article, problems = read("---\ntitle: X\npermalink: /old?page=1\n---\n")
    assert article.aliases == ()
    assert problems == [
        Problem(ProblemKind.REDIRECT, "permalink: the old URL '/old?page=1' leaves this site; not redirected", 3)
    ]


# -- banner: which key gives it, and where its problems are reported ---------------------


@pytest.mark.parametrize(
    ("front", "banner"),
    [
        ("header: {image: /h.png}", Banner("/h.png", "")),
        ("header: {teaser: /t.png, image_description: T}", Banner("/t.png", "T")),
        ("image: {url: 'https://x.org/b.png', alt: B}", Banner("https://x.org/b.png", "B")),
        # excerpt_image_alt describes excerpt_image, also when that is written as a mapping...
        ("excerpt_image: {path: img/a.png}\nexcerpt_image_alt: A map", Banner("/articles/img/a.png", "A map")),
        # ...and no other key's picture.
        ("image: img/c.png\nexcerpt_image_alt: Stray", Banner("/articles/img/c.png", "")),
        # An empty key gives way to the next one.
        ("excerpt_image: ''\nimage: img/c.png", Banner("/articles/img/c.png", "")),
        # A mapping without path or url is no banner, and no problem.
        ("image: {alt: Lonely}", None),
    ],
)
def test_banner_keys(front: str, banner: Banner | None) -> None:
    """Each banner spelling gives the banner (URI and alternative text) a writer meant."""
    article, problems = read(f"---\ntitle: X\n{front}\n---\n")
    assert (article.banner, problems) == (banner, [])


@pytest.mark.parametrize(
    ("front", "banner", "problem"),
    [
        ("image: [a.png]", None, Problem(ProblemKind.BAD_VALUE, "image: expected text, got a list; ignored", 3)),
        (
            "header-img: [a.png]",
            None,
            Problem(ProblemKind.BAD_VALUE, "header-img: expected text, got a list; ignored", 3),
        ),
        (
            "header: {image: 'javascript:x'}",
            None,
            Problem(
                ProblemKind.IMAGE,
                "image URL scheme 'javascript' is not allowed (use http, https or a local path); ignored",
                3,
            ),
        ),
        (
            "excerpt_image: a.png\nexcerpt_image_alt: [A]",
            Banner("/articles/a.png", ""),
            Problem(ProblemKind.BAD_VALUE, "excerpt_image_alt: expected text, got a list; ignored", 4),
        ),
    ],
)
def test_banner_problems_name_their_key(front: str, banner: Banner | None, problem: Problem) -> None:
    """A banner value of the wrong type or a refused one is reported under the key written, on its line."""
    article, problems = read(f"---\ntitle: X\n{front}\n---\n")
    assert (article.banner, problems) == (banner, [problem])


@pytest.mark.parametrize(
    ("front", "key"),
    [
        ("header: {image: a.png, image_description: [x]}", "header"),
        ("image: {path: a.png, alt: [x]}", "image"),
        ("excerpt_image: {path: a.png, alt: [x]}", "excerpt_image"),
    ],
)
def test_bad_alt_text_is_reported_at_the_key_it_is_written_under(front: str, key: str) -> None:
    """Alternative text of the wrong type inside a banner mapping names that mapping's key and line,
    not ``excerpt_image_alt`` (which the writer did not write) at line 1; the banner stays, without it."""
    article, problems = read(f"---\ntitle: X\n{front}\n---\n")
    assert (article.banner, problems) == (
        Banner("/articles/a.png", ""),
        [Problem(ProblemKind.BAD_VALUE, f"{key}: expected text, got a list; ignored", 3)],
    )
