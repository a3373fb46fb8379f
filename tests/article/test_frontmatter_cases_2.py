"""Unit tests of banner references (``safe_image_uri``) and of the admonitions an article gets from
its categories and tags (``notices_for``): the exact URI kept or the exact problem a writer sees."""

from __future__ import annotations

import datetime as dt

import pytest

from outcrop.article.frontmatter import FrontMatter, read_article, safe_image_uri
from outcrop.article.model import Article, Banner, Notice
from outcrop.article.notices import notices_for
from outcrop.problems import Problem, ProblemKind

DOC = "articles/2024-03-18-lava"

# -- safe_image_uri: what a banner reference becomes --------------------------------


@pytest.mark.parametrize(
    ("uri", "kept"),
    [
        ("http://example.com/lava.png", "http://example.com/lava.png"),  # plain http is allowed
        ("HTTP://example.com/lava.png", "HTTP://example.com/lava.png"),  # in any case
        ("https://example.com:8443/lava.png", "https://example.com:8443/lava.png"),  # a port adds a colon
        ("https://example.com/a:b.png", "https://example.com/a:b.png"),  # so may the path
        ("images\\lava.png", "/articles/images/lava.png"),  # Windows separators become slashes
        ("..\\assets\\lava.png", "/assets/lava.png"),
        ("XKCD.png", "/articles/XKCD.png"),  # a name starting with X keeps its X
        ("/Xmas/tree.png", "/Xmas/tree.png"),
        ("//cdn.example.com/x.png", "https://cdn.example.com/x.png"),
    ],
)
def test_allowed_banner_references(uri: str, kept: str) -> None:
    """http(s) URLs are kept as written and local paths resolve against the article's folder."""
    assert safe_image_uri(uri, DOC) == kept


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("lava\x07.png", r"image reference 'lava\x07.png' contains control characters; ignored"),
        ("images/la\tva.png", r"image reference 'images/la\tva.png' contains control characters; ignored"),
        (
            "https://example.com/\x1b[31m.png",
            r"image reference 'https://example.com/\x1b[31m.png' contains control characters; ignored",
        ),
        (
            "javascript:alert('a:b')",
            "image URL scheme 'javascript' is not allowed (use http, https or a local path); ignored",
        ),
        (
            "JavaScript:alert(1)",
            "image URL scheme 'javascript' is not allowed (use http, https or a local path); ignored",
        ),
        (
            "data:image/png;base64, iVBORw0KGgo=",
            "image URL scheme 'data' is not allowed (use http, https or a local path); ignored",
        ),
        ("file:///etc/passwd", "image URL scheme 'file' is not allowed (use http, https or a local path); ignored"),
        ("../../etc/passwd", "image path '../../etc/passwd' leaves the source directory; ignored"),
        ("../..", "image path '../..' leaves the source directory; ignored"),
        ("..\\..\\secret.png", "image path '..\\\\..\\\\secret.png' leaves the source directory; ignored"),
        ("/", "image path '/' leaves the source directory; ignored"),
    ],
)
def test_refused_banner_references(uri: str, message: str) -> None:
    """Control characters, other schemes and paths leaving the source folder are refused, naming the culprit."""
    assert safe_image_uri(uri, DOC) == Problem(ProblemKind.IMAGE, message)


def test_top_level_article_cannot_point_at_the_parent_folder() -> None:
    """``..`` from an article at the top of the source folder leaves it."""
    assert safe_image_uri("..", "about") == Problem(
        ProblemKind.IMAGE, "image path '..' leaves the source directory; ignored"
    )


def test_refused_banner_is_reported_at_its_key() -> None:
    """A refused banner gives no banner and one image problem on the line of its key."""
    front = FrontMatter({"title": "Lava", "image": "vbscript:msgbox"}, {"title": 2, "image": 3}, 4)
    article, problems = read_article(front, docname=DOC, zone=dt.UTC)
    assert article.banner is None
    assert problems == [
        Problem(
            ProblemKind.IMAGE,
            "image URL scheme 'vbscript' is not allowed (use http, https or a local path); ignored",
            3,
        )
    ]


def test_backslash_banner_path_is_read_as_a_folder() -> None:
    """A banner written with Windows separators points at the same file as with slashes."""
    front = FrontMatter({"excerpt_image": "img\\lava.jpg", "excerpt_image_alt": "Lava"}, {}, 3)
    article, problems = read_article(front, docname=DOC, zone=dt.UTC)
    assert (article.banner, problems) == (Banner("/articles/img/lava.jpg", "Lava"), [])


# -- notices_for: admonitions configured for categories and tags --------------------


def test_category_admonition_problems_name_the_category_at_line_one() -> None:
    """A bad admonition in the category/tag tables is reported under the name, at the file's first line."""
    article = Article(DOC, "Lava", categories=("Volcanoes",), tags=("opinion",))
    found, problems = notices_for(
        article,
        categories={"volcanoes": {"kind": "blink", "body": "Hot."}},
        tags={"Opinion": [{"body": "Mine."}, {"kind": "tip"}]},
    )
    assert found == [Notice("note", "Hot."), Notice("note", "Mine.")]
    known = "note, tip, important, warning, danger, caution, attention, hint, error, seealso"
    assert problems == [
        Problem(ProblemKind.ADMONITION, f"Volcanoes: unknown kind 'blink' (known: {known}); shown as a note", 1),
        Problem(ProblemKind.ADMONITION, "opinion[2]: body must be text (MyST); admonition ignored", 1),
    ]


def test_category_admonition_table_that_is_not_a_list() -> None:
    """A tag's entry that is neither a mapping nor a list is reported under the tag's name."""
    article = Article(DOC, "Lava", tags=("field work",))
    assert notices_for(article, categories={}, tags={"Field Work": "Be careful."}) == (
        [],
        [Problem(ProblemKind.ADMONITION, "field work: expected a list of admonitions; ignored", 1)],
    )
