"""Jekyll's URLs and post semantics, pure functions (Jekyll 4.4 is the reference:
``lib/jekyll/url.rb``, ``drops/url_drop.rb``, ``document.rb``, ``utils.rb``, and
jekyll-redirect-from's ``redirect_page.rb``)."""

from __future__ import annotations

import datetime as dt

import pytest

from outcrop.article.checks import folder_categories, unpublished
from outcrop.article.dates import split_filename
from outcrop.article.frontmatter import read_article, split_front_matter
from outcrop.article.permalink import alias_file, alias_path, jekyll_url, post_of, slugify
from outcrop.config import OutcropConfig
from outcrop.problems import ProblemKind

DAY = dt.datetime(2019, 8, 11, 10, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("template", "categories", "expected"),
    [
        # configuration.rb: the default style is "date".
        ("date", ("Travel",), "/travel/2019/08/11/my-post.html"),
        ("pretty", ("Travel",), "/travel/2019/08/11/my-post/"),
        ("none", (), "/my-post.html"),
        ("ordinal", (), "/2019/223/my-post.html"),
        # A custom pattern is used as written (no suffix for posts).
        ("/:year/:title/", ("Travel",), "/2019/my-post/"),
        ("/blog/:i_month/:i_day/:slug", (), "/blog/8/11/my-post"),
        ("/:categories/:short_year/:hour:minute-:title.html", ("A", "b"), "/a/b/19/1030-my-post.html"),
        # url_drop.rb categories: each lowercased, deduplicated, joined with "/"; spaces
        # are kept and escaped (escape_path), an empty value takes its "/" with it.
        ("date", ("Sci-Fi Movi3s", "sci-fi movi3s"), "/sci-fi%20movi3s/2019/08/11/my-post.html"),
        ("date", (), "/2019/08/11/my-post.html"),
    ],
)
def test_jekyll_url_styles_and_placeholders(template: str, categories: tuple[str, ...], expected: str) -> None:
    """Jekyll's permalink styles and placeholders (url.rb ``generate_url_from_hash``)."""
    assert jekyll_url(template, post_of("2019-08-11-my-post", DAY, categories)) == expected


def test_title_placeholder_from_slug_and_file_name() -> None:
    """``:title`` is ``slugify(data["slug"] || file slug, mode: "pretty", cased: true)``;
    ``populate_title`` drops trailing dots (``trailing-dots...md`` → ``trailing-dots``);
    ``:name`` is the file name with its date."""
    day = dt.datetime(2018, 10, 12, tzinfo=dt.UTC)
    assert jekyll_url("date", post_of("2018-10-12-trailing-dots...", day, ())) == "/2018/10/12/trailing-dots.html"
    assert jekyll_url("/:title/", post_of("2018-10-12-Mixed Case!", day, ())) == "/Mixed-Case!/"
    assert jekyll_url("/:slug/", post_of("2018-10-12-Mixed Case!", day, ())) == "/mixed-case/"
    assert jekyll_url("/:name/", post_of("2018-10-12-x", day, ())) == "/2018-10-12-x/"
    assert jekyll_url("/:title/", post_of("2018-10-12-x", day, (), slug="Own Slug")) == "/Own-Slug/"
    # CJK letters are kept (\p{L}) and percent-encoded in the URL.
    assert (
        jekyll_url("date", post_of("2018-10-12-知乎 笔记", day, ()))
        == "/2018/10/12/%E7%9F%A5%E4%B9%8E-%E7%AC%94%E8%AE%B0.html"
    )


def test_sanitize_url_turns_dot_dot_into_a_slash() -> None:
    """``sanitize_url``: a leading ``/`` is added, ``..`` becomes ``/``, slashes squeeze."""
    assert jekyll_url("my_category/permalinked-post", post_of("2008-12-03-x", DAY, ())) == (
        "/my_category/permalinked-post"
    )
    assert jekyll_url("/a/../b//c.html", post_of("2008-12-03-x", DAY, ())) == "/a/b/c.html"


def test_slugify_modes() -> None:
    """utils.rb ``slugify``: default keeps letters, marks and digits; pretty also
    ``._~!$&'()+,;=@``; raw only replaces whitespace."""
    assert slugify("The _config.yml file?!") == "the-config-yml-file"
    assert slugify("The _config.yml file?!", "pretty") == "the-_config.yml-file-!"
    assert slugify("The _config.yml file?!", "raw") == "the-_config.yml-file?!"
    assert slugify("हिन्दी text") == "हिन्दी-text"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/2019/08/11/x.html", "/2019/08/11/x.html"),
        ("old-name/", "/old-name/"),
        ("/a/%E7%9F%A5.html", "/a/知.html"),
        ("/a/x.html#section", "/a/x.html"),
        ("/%2e%2e/%2e%2e/x.html", None),
        ("/../x.html", None),
        ("/a/./x.html", None),
        ("https://example.org/x.html", None),
        ("//example.org/x.html", None),
        ("/x.html?id=1", None),
        ("/a\\b.html", None),
        ("/a\x00b", None),
        ("/", None),
        ("", None),
        (42, None),
    ],
)
def test_alias_path_refuses_what_leaves_the_site(value: object, expected: str | None) -> None:
    """An old URL is a site-root path; a traversal (also percent-encoded, as Jekyll's
    own ``permalink-traversal`` fixture) or another host is refused."""
    assert alias_path(value) == expected


def test_alias_file_as_jekyll_redirect_from_writes_it() -> None:
    """redirect_page_spec.rb: ``/foo/`` → ``foo/index.html``; ``/foo`` and
    ``/foo.html`` → ``foo.html``; ``/foo.htm`` → ``foo.htm``."""
    assert alias_file("/foo/") == "foo/index.html"
    assert alias_file("/foo") == "foo.html"
    assert alias_file("/foo.html") == "foo.html"
    assert alias_file("/foo.htm") == "foo.htm"
    assert alias_file("/2019/v1.2/") == "2019/v1.2/index.html"


def test_file_names_without_zero_padding() -> None:
    """``DATE_FILENAME_MATCHER`` reads ``\\d{1,2}`` months and days: ``2017-2-5-title``
    is 5 February 2017."""
    assert split_filename("2017-2-5-title") == (dt.date(2017, 2, 5), "title")
    assert split_filename("2017-02-05-title") == (dt.date(2017, 2, 5), "title")
    assert split_filename("2017-13-5-title") == (None, "2017-13-5-title")


def test_folder_categories() -> None:
    """``categories_from_path``: the folders above ``_posts`` only (``foo/bar/_posts/x``
    → foo, bar; ``_posts/sub/x`` → none), here below the article folder."""
    patterns = ["articles/**", "_posts/**"]
    assert folder_categories("articles/foo/bar/_posts/x", patterns) == ("foo", "bar")
    assert folder_categories("articles/foo/_posts/sub/x", patterns) == ("foo",)
    assert folder_categories("articles/_posts/sub/x", patterns) == ()
    assert folder_categories("_posts/x", patterns) == ()
    assert folder_categories("articles/foo/x", patterns) == ()


def _article(text: str, docname: str = "articles/2019-08-11-x", **kwargs: object):  # type: ignore[no-untyped-def]
    front, problems = split_front_matter(text)
    assert problems == []
    return read_article(front, docname=docname, zone=dt.UTC, **kwargs)  # type: ignore[arg-type]


def test_tag_wins_over_tags_categories_are_joined() -> None:
    """``populate_tags``: ``pluralized_array_from_hash(data, "tag", "tags")`` takes a
    non-empty ``tag`` *instead of* ``tags``; ``populate_categories`` joins folder
    categories, ``categories`` (split on spaces) and ``category`` (not split)."""
    article, _ = _article(
        "---\ntags: [a, b]\ntag: only one\ncategories: x y\ncategory: Field Work\n---\n",
        folder_categories=("travel",),
    )
    assert article.tags == ("only one",)
    assert article.categories == ("travel", "x", "y", "Field Work")
    article, _ = _article("---\ntags: a b\ntag: ''\n---\n")
    assert article.tags == ("a", "b")


def test_aliases_from_every_jekyll_source() -> None:
    """``aliases``, jekyll-redirect-from's ``redirect_from`` (text or list), the post's
    own ``permalink`` (placeholders expanded, as url.rb does for per-post permalinks)
    and the site's permalink style each give an old URL; a refused one is a located
    ``outcrop.redirect`` problem."""
    text = (
        "---\ntitle: X\ncategories: [Travel]\naliases: [/one/, '/%2e%2e/x.html']\n"
        "redirect_from: /two\npermalink: /:year/:title/\n---\n"
    )
    article, problems = _article(text, permalink="date")
    assert article.aliases == ("/one/", "/two", "/2019/x/")  # own permalink wins over the site's style
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.REDIRECT, 4)]
    article, _ = _article("---\ntitle: X\ncategories: [Travel]\n---\n", permalink="pretty")
    assert article.aliases == ("/travel/2019/08/11/x/",)
    undated, problems = _article("---\ntitle: X\npermalink: /:year/x/\n---\n", docname="articles/x")
    assert undated.aliases == ()
    assert [p.kind for p in problems if p.kind is ProblemKind.REDIRECT] == [ProblemKind.REDIRECT]


NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("---\ntitle: A\n---\n", "articles/2024-01-01-a", ""),
        ("---\ntitle: A\npublished: false\n---\n", "articles/2024-01-01-a", "published: false"),
        ("---\ntitle: A\ndraft: true\n---\n", "articles/2024-01-01-a", "draft: true"),
        ("---\ntitle: A\n---\n", "articles/2999-01-01-a", "dated in the future"),
        ("---\ndate: 2999-01-01 10:00 +0100\n---\n", "articles/a", "dated in the future"),
        ("---\ndate: '2020-01-01'\n---\n", "articles/2999-01-01-a", ""),  # the front matter's date wins
        ("---\ndate: 2999-01-01 # a comment\n---\n", "articles/a", "dated in the future"),
        ("no front matter\n", "articles/2999-1-1-a", "dated in the future"),
        ("---\npublished: false\n---\n", "about", ""),  # a page, not an article
        ("---\nlayout: post\npublished: false\n---\n", "about", "published: false"),
        # unreadable YAML: the file name's date decides (outcrop check reports the YAML)
        ("---\ntitle: [unclosed\n---\n", "articles/2999-01-01-a", "dated in the future"),
        ("---\ntitle: [unclosed\n---\n", "articles/2020-01-01-a", ""),
    ],
)
def test_unpublished_as_jekyll_decides(text: str, name: str, expected: str) -> None:
    """Jekyll writes no file for ``published: false`` (``Publisher#publish?``), a future
    date (``site.future`` false by default) or a draft (``--drafts``)."""
    assert unpublished(text, name, OutcropConfig(), NOW) == expected
