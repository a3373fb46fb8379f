"""Unit tests of ``read_article`` field by field: the exact article a front matter gives, and the
exact problems (message and line) a writer sees for what it cannot use."""

from __future__ import annotations

import datetime as dt

import pytest

from outcrop.article.frontmatter import MAX_VALUES, FrontMatter, read_article, split_front_matter
from outcrop.article.inline import PLAIN
from outcrop.article.model import Article
from outcrop.problems import Problem, ProblemKind

UTC = dt.UTC
DOC = "articles/2024-01-02-a-post"
DAY = dt.datetime(2024, 1, 2, tzinfo=UTC)
NO_DATE = "article has no date: add 'date:' to its front matter or name the file YYYY-MM-DD-slug.md"


def read(text: str, docname: str = DOC, **kw) -> tuple[Article, list[Problem]]:
    front, problems = split_front_matter(text)
    article, more = read_article(front, docname=docname, zone=UTC, **kw)
    return article, problems + more


# -- the article's fields and their defaults ------------------------------------------------


def test_title_only_article_gets_every_default() -> None:
    """With only a title: the file name's date, layout ``post``, source ``<docname>.md``, no
    summaries, no aliases (no permalink style given), and nothing to report."""
    assert read("---\ntitle: Lava\n---\n") == (
        Article(DOC, "Lava", date=DAY, source=DOC + ".md", lines=(("title", 2),)),
        [],
    )


def test_given_source_and_layout_are_kept() -> None:
    """``source`` (the path with its real extension) and ``layout`` are taken as given."""
    article, problems = read("---\nlayout: page\n---\n", source=DOC + ".markdown")
    assert (article.layout, article.source, problems) == ("page", DOC + ".markdown", [])


@pytest.mark.parametrize(
    ("front", "layout"),
    [
        ("layout: article", "article"),
        ("layout: ''", "post"),  # empty: the default
        ("layout:", "post"),
        ("title: x", "post"),
    ],
)
def test_layout(front: str, layout: str) -> None:
    """``layout`` as written, else ``post``."""
    assert read(f"---\n{front}\n---\n")[0].layout == layout


@pytest.mark.parametrize(
    ("front", "fields"),
    [
        ("subtitle: Sub\ntagline: Tag", ("Sub", "", "")),  # subtitle wins over tagline
        ("tagline: Tag", ("Tag", "", "")),  # tagline stands in for subtitle
        ("description: About lava", ("", "About lava", "")),
        ("excerpt: Hot  rock", ("", "", "Hot rock")),
        ("subtitle: S\ndescription: D\nexcerpt: E", ("S", "D", "E")),  # each key its own field
    ],
)
def test_summary_fields(front: str, fields: tuple[str, str, str]) -> None:
    """``subtitle`` (or ``tagline``), ``description`` and ``excerpt`` each fill their own field."""
    article, problems = read(f"---\n{front}\n---\n")
    assert (article.subtitle, article.description, article.excerpt) == fields
    assert problems == []


def test_styled_summaries_keep_their_styles_aside() -> None:
    """Markdown in a tagline, description or excerpt: the field holds plain text, the styles
    are kept under the field's name (the tagline's under ``subtitle``)."""
    article, _ = read("---\ntagline: '*Hot*'\ndescription: '`lava`'\nexcerpt: '**Rock** x'\n---\n")
    assert (article.subtitle, article.description, article.excerpt) == ("Hot", "lava", "Rock x")
    assert dict(article.markup) == {
        "subtitle": (("Hot", frozenset({"emphasis"})),),
        "description": (("lava", frozenset({"literal"})),),
        "excerpt": (("Rock", frozenset({"strong"})), (" x", PLAIN)),
    }


@pytest.mark.parametrize(
    ("front", "note"),
    [
        ("title: x", ""),  # no key: no note
        ("update_note: Typos  fixed.", "Typos fixed."),
        ("update_note: ''", ""),  # an empty note: none
    ],
)
def test_update_note(front: str, note: str) -> None:
    """``update_note`` as written (blanks folded), empty when absent."""
    assert read(f"---\n{front}\n---\n")[0].update_note == note


@pytest.mark.parametrize(
    ("docname", "title"),
    [
        ("_posts/2024-01-02-hello.", "Hello"),  # trailing dots dropped (Jekyll's populate_title)
        ("_posts/2024-01-02-what-now...", "What Now"),
        ("_posts/2024-01-02-.hidden", ".hidden"),  # a leading dot stays
        ("_posts/2024-01-02-doom-X", "Doom X"),  # only dots are dropped
    ],
)
def test_title_from_file_name_drops_trailing_dots(docname: str, title: str) -> None:
    """Without ``title``, the titleized slug, without its trailing dots."""
    assert read("---\nlayout: post\n---\n", docname=docname) == (
        Article(docname, title, date=DAY, source=docname + ".md", lines=(("layout", 2),)),
        [],
    )


# -- problems, exactly as the writer reads them ----------------------------------------------


def test_unknown_key_messages() -> None:
    """An unknown key is named, with the closest known key when there is one, at its line."""
    _, problems = read("---\ntitle: ok\nsubtitel: typo\nzzqq: 1\n---\n")
    assert problems == [
        Problem(ProblemKind.UNKNOWN_KEY, "subtitel: unknown front-matter key (did you mean 'subtitle'?); ignored", 3),
        Problem(ProblemKind.UNKNOWN_KEY, "zzqq: unknown front-matter key; ignored", 4),
    ]


def test_article_without_any_date() -> None:
    """No ``date:`` and no date in the file name: one problem at the first line, which says how to fix it."""
    article, problems = read("---\ntitle: x\n---\n", docname="articles/undated")
    assert (article.date, problems) == (None, [Problem(ProblemKind.DATE, NO_DATE, 1)])


def test_unreadable_date_is_reported_once() -> None:
    """A ``date:`` that cannot be read in an undated file: only the reason it cannot be read, at its line."""
    article, problems = read("---\ntitle: x\ndate: yesterday\n---\n", docname="articles/undated")
    assert article.date is None
    assert problems == [
        Problem(
            ProblemKind.DATE, "date: cannot read 'yesterday' as a date (expected YYYY-MM-DD [HH:MM[:SS]] [+HHMM])", 3
        )
    ]


@pytest.mark.parametrize("front", ["date: ''", "date:", "date: null"])
def test_empty_date_in_an_undated_file_is_no_date(front: str) -> None:
    """An empty ``date:`` and no date in the file name: the article has no date, and is told so
    (an empty key is not an unreadable date, which is reported on its own), at the empty key's line."""
    article, problems = read(f"---\ntitle: x\n{front}\n---\n", docname="articles/undated")
    assert (article.date, problems) == (None, [Problem(ProblemKind.DATE, NO_DATE, 3)])


@pytest.mark.parametrize("front", ["date: ''", "date:", "updated: ''"])
def test_empty_date_falls_back_to_the_file_name(front: str) -> None:
    """An empty ``date:`` (or ``updated:``) is no date, not a bad one: the file name's date, no problem."""
    article, problems = read(f"---\n{front}\n---\n")
    assert (article.date, article.updated, problems) == (DAY, None, [])


@pytest.mark.parametrize(
    ("front", "draft", "published"),
    [
        ("draft: 'true'", True, True),  # quoted words are read as YAML's own booleans
        ("draft: 'yes'", True, True),
        ("draft: 'on'", True, True),
        ("draft: ' TRUE '", True, True),  # any case, blanks ignored
        ("draft: 'Yes'", True, True),
        ("draft: 'ON'", True, True),
        ("published: 'false'", False, False),
        ("published: 'no'", False, False),
        ("published: 'off'", False, False),
        ("published: ' OFF '", False, False),
        ("draft: 'false'\npublished: 'true'", False, True),
        ("draft: 'no'\npublished: 'yes'", False, True),
        ("draft: 'off'\npublished: 'on'", False, True),
        ("draft: true\npublished: false", True, False),
        ("draft:\npublished:", False, True),  # empty: the defaults
    ],
)
def test_flag_words(front: str, draft: bool, published: bool) -> None:
    """``draft`` and ``published`` take booleans and the words true/yes/on, false/no/off as text."""
    article, problems = read(f"---\n{front}\n---\n")
    assert (article.draft, article.published, problems) == (draft, published, [])


def test_bad_flags_name_the_default_used() -> None:
    """A flag that is not true or false is reported at its line, with the default used instead."""
    article, problems = read("---\ndraft: maybe\npublished: 2\ncategory_admonitions: [x]\n---\n")
    assert (article.draft, article.published, article.category_notices) == (False, True, True)
    assert problems == [
        Problem(ProblemKind.BAD_VALUE, "draft: expected true or false, got 'maybe'; using false", 2),
        Problem(ProblemKind.BAD_VALUE, "published: expected true or false, got 2; using true", 3),
        Problem(ProblemKind.BAD_VALUE, "category_admonitions: expected true or false, got ['x']; using true", 4),
    ]


def test_problem_of_a_key_without_a_line_is_at_the_first_line() -> None:
    """Front matter without key lines (not read from a file): its problems are at line 1."""
    front = FrontMatter({"draft": "maybe", "subtitle": ["a"]}, {}, 0)
    _, problems = read_article(front, docname=DOC, zone=UTC)
    assert problems == [
        Problem(ProblemKind.BAD_VALUE, "subtitle: expected text, got a list; ignored", 1),
        Problem(ProblemKind.BAD_VALUE, "draft: expected true or false, got 'maybe'; using false", 1),
    ]


def test_site_permalink_style_leaving_the_site_is_reported_at_line_one() -> None:
    """The site's permalink style (not a key of the article) giving a URL with a query: no alias,
    one problem at the first line."""
    article, problems = read("---\ntitle: Lava\n---\n", permalink="/:title?x=1")
    assert article.aliases == ()
    assert problems == [
        Problem(ProblemKind.REDIRECT, "permalink: the old URL '/a-post?x=1' leaves this site; not redirected", 1)
    ]


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("subtitle: {a: b}", "subtitle: expected text, got a mapping; ignored"),
        ("description: [a]", "description: expected text, got a list; ignored"),
        ("layout: [post]", "layout: expected text, got a list; ignored"),
    ],
)
def test_text_of_wrong_type_is_named(front: str, message: str) -> None:
    """A text key holding a list or mapping: ignored, and the problem names the key and what it got."""
    assert read(f"---\n{front}\n---\n")[1] == [Problem(ProblemKind.BAD_VALUE, message, 2)]


def test_names_of_wrong_type_are_named() -> None:
    """A category that is a list or mapping is left out; the problem says what it is, at the key's line."""
    article, problems = read("---\ntitle: x\ncategories: [Lava, [Basalt], {a: b}]\n---\n")
    assert article.categories == ("Lava",)
    assert problems == [
        Problem(ProblemKind.BAD_VALUE, "categories: expected names, got a list; ignored", 3),
        Problem(ProblemKind.BAD_VALUE, "categories: expected names, got a mapping; ignored", 3),
    ]


def test_empty_names_inside_a_list_are_skipped() -> None:
    """A null in a list of names is skipped; the names after it are kept."""
    article, problems = read("---\ncategories: [Lava, null, Basalt]\ntags: [~, a, ~, b]\n---\n")
    assert (article.categories, article.tags, problems) == (("Lava", "Basalt"), ("a", "b"), [])


# -- authors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "authors"),
    [
        ("author: [Ana, null, Bo]", ("Ana", "Bo")),  # a null in the list: skipped
        ("author: {url: x}", ()),  # a mapping without a name: no author
        ("authors: [{url: x}, {name: Bo}]", ("Bo",)),
        ("author: Ana\nauthors: [Bo, Ana]", ("Ana", "Bo")),
    ],
)
def test_authors_without_names_are_skipped_silently(front: str, authors: tuple[str, ...]) -> None:
    """Nulls and mappings without a name give no author and no problem."""
    article, problems = read(f"---\n{front}\n---\n")
    assert (article.authors, problems) == (authors, [])


def test_author_of_wrong_type_is_named() -> None:
    """An author that is neither text nor ``{name: ...}`` is reported under its key, at its line."""
    article, problems = read("---\ntitle: x\nauthor: [Ana, [Bo]]\nauthors: [{name: {a: b}}]\n---\n")
    assert article.authors == ("Ana",)
    assert problems == [
        Problem(ProblemKind.BAD_VALUE, "author: expected text, got a list; ignored", 3),
        Problem(ProblemKind.BAD_VALUE, "authors: expected text, got a mapping; ignored", 4),
    ]


# -- the bound on YAML expansion -------------------------------------------------------------


def _expanding(extra: bool) -> str:
    """Front matter of exactly MAX_VALUES values (one more with ``extra``): the mapping, two
    keys, a list ``a`` of 97 items and a list ``b`` of 101 aliases of ``a`` (4 + 98 × 102)."""
    a = "a: &a [" + ", ".join(["x"] * 97) + "]"
    b = "b: [" + ", ".join(["*a"] * 101 + (["y"] if extra else [])) + "]"
    return f"---\n{a}\n{b}\n---\n"


def test_front_matter_of_exactly_max_values_is_read() -> None:
    """MAX_VALUES values, aliases counted at every use, is still read."""
    assert MAX_VALUES == 10_000
    front, problems = split_front_matter(_expanding(extra=False))
    assert problems == []
    assert (len(front.data["a"]), len(front.data["b"]), front.length) == (97, 101, 4)


def test_front_matter_of_one_value_more_is_refused() -> None:
    """One value more than MAX_VALUES: an empty front matter and one problem."""
    assert split_front_matter(_expanding(extra=True)) == (
        FrontMatter({}, {}, 4),
        [
            Problem(
                ProblemKind.FRONT_MATTER, "front matter expands to more than 10000 values (YAML aliases?); ignored", 1
            )
        ],
    )
