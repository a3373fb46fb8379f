"""Unit tests of the front-matter adapter: many bad inputs, never an exception."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from outcrop.article.frontmatter import FrontMatter, read_article, safe_image_uri, split_front_matter
from outcrop.problems import Problem, ProblemKind

UTC = dt.UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")


def read(text: str, docname: str = "articles/2024-01-02-a-post", zone: dt.tzinfo = UTC, **kw):
    front, problems = split_front_matter(text)
    article, more = read_article(front, docname=docname, zone=zone, **kw)
    return article, problems + more


def kinds(problems: list[Problem]) -> list[ProblemKind]:
    return [p.kind for p in problems]


# -- finding the block ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Hi\n---\nbody",
        "\ufeff---\ntitle: Hi\n---\nbody",  # BOM
        "---\r\ntitle: Hi\r\n---\r\nbody",  # CRLF
        "---\ntitle: Hi\n...\nbody",  # YAML document end as closing fence
        "---  \ntitle: Hi\n---\t\nbody",  # trailing blanks on fences
    ],
)
def test_block_forms(text: str) -> None:
    front, problems = split_front_matter(text)
    assert problems == []
    assert front.data == {"title": "Hi"}
    assert front.length == 3
    assert front.lines == {"title": 2}


@pytest.mark.parametrize("text", ["", "\n\n", "no front matter\n---\n", " ---\ntitle: x\n---\n"])
def test_no_block(text: str) -> None:
    assert split_front_matter(text) == (FrontMatter({}, {}, 0), [])


def test_front_matter_only_and_empty_block() -> None:
    assert split_front_matter("---\ntitle: Only\n---") == (FrontMatter({"title": "Only"}, {"title": 2}, 3), [])
    assert split_front_matter("---\n---\n") == (FrontMatter({}, {}, 2), [])


def test_unclosed_block() -> None:
    front, problems = split_front_matter("---\ntitle: x\nbody without end\n")
    assert front.length == 0
    assert kinds(problems) == [ProblemKind.FRONT_MATTER]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: [unclosed\n---\n", 2),
        ("---\ntitle: a\n  bad: indent\n---\n", 3),
        ("---\n\ttitle: tab\n---\n", 2),
        ("---\ntitle: 'x\n---\n", 2),
    ],
)
def test_invalid_yaml(text: str, line: int) -> None:
    front, problems = split_front_matter(text)
    assert front.data == {}
    assert front.length == text.count("\n")
    assert kinds(problems) == [ProblemKind.FRONT_MATTER]
    assert problems[0].line == line
    assert "not valid YAML" in problems[0].message


@pytest.mark.parametrize(
    ("text", "kind"), [("---\n- a\n- b\n---\n", "list"), ("---\njust text\n---\n", "text"), ("---\n42\n---\n", "int")]
)
def test_not_a_mapping(text: str, kind: str) -> None:
    front, problems = split_front_matter(text)
    assert front.data == {}
    assert kinds(problems) == [ProblemKind.FRONT_MATTER]
    assert kind in problems[0].message


def test_billion_laughs_is_refused_quickly() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        levels.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    front, problems = split_front_matter("---\n" + "\n".join(levels) + "\n---\n")
    assert front.data == {}
    assert kinds(problems) == [ProblemKind.FRONT_MATTER]
    assert "aliases" in problems[0].message


def test_python_tags_are_not_executed() -> None:
    front, problems = split_front_matter("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
    assert front.data == {}
    assert kinds(problems) == [ProblemKind.FRONT_MATTER]


# -- titles, text values ----------------------------------------------------------------


def test_missing_title_is_titleized_slug() -> None:
    article, problems = read("---\ndate: 2024-01-02\n---\n", docname="_posts/2024-01-02-my-first-post")
    assert article.title == "My First Post"
    assert problems == []


def test_title_of_wrong_type() -> None:
    article, problems = read("---\ntitle: [a, b]\n---\n", docname="articles/2024-01-02-fallback")
    assert article.title == "Fallback"
    assert kinds(problems) == [ProblemKind.BAD_VALUE]
    assert problems[0].line == 2


def test_scalars_become_text_and_whitespace_is_folded() -> None:
    article, problems = read('---\ntitle: 2024\nsubtitle: "  two\\n  lines  "\n---\n')
    assert (article.title, article.subtitle) == ("2024", "two lines")
    assert problems == []


def test_markup_in_title_is_styles_and_plain_text() -> None:
    """Jekyll themes render a title's Markdown in the heading and strip it elsewhere
    (jekyll-seo-tag: markdownify, strip_html, entities decoded once)."""
    article, _ = read(
        '---\ntitle: "<script>alert(1)</script> *x* &amp; <code>y</code> Special&nbsp;---&nbsp;Characters"\n---\n'
    )
    assert article.title == "<script>alert(1)</script> x & y Special\xa0—\xa0Characters"
    styled = [(text, sorted(styles)) for text, styles in article.spans("title") if styles]
    assert styled == [("x", ["emphasis"]), ("y", ["literal"])]
    plain, _ = read("---\ntitle: Plain title\n---\n")
    assert plain.markup == () and plain.spans("title") == (("Plain title", frozenset()),)


def test_unknown_key_with_hint_and_line() -> None:
    _, problems = read("---\ntitle: ok\ntittle: typo\nfoo_bar: 1\n---\n")
    assert kinds(problems) == [ProblemKind.UNKNOWN_KEY, ProblemKind.UNKNOWN_KEY]
    assert problems[0].line == 3 and "did you mean 'title'" in problems[0].message
    assert problems[1].line == 4 and "did you mean" not in problems[1].message


def test_extra_keys_are_accepted() -> None:
    _, problems = read("---\ntoc_sticky: true\n---\n", extra_keys=frozenset({"toc_sticky"}))
    assert problems == []


def test_passthrough_keys_are_known() -> None:
    _, problems = read("---\norphan: true\nmyst:\n  substitutions:\n    a: b\n---\n")
    assert problems == []


# -- categories and tags -------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("categories: [Environment, Technology]", ("Environment", "Technology")),
        ("categories:\n  - Environment\n  - Technology", ("Environment", "Technology")),
        ("categories: Environment Technology", ("Environment", "Technology")),
        ("category: Rare Earths", ("Rare Earths",)),
        ("categories: [2024, 3.5, true]", ("2024", "3.5", "True")),
        ("categories:", ()),
        ("categories: null", ()),
        ("categories: [a, a, '  b  c ', '', null]", ("a", "b c")),
        ("category: A\ncategories: [B, A]", ("B", "A")),
    ],
)
def test_category_forms(yaml_text: str, expected: tuple[str, ...]) -> None:
    article, problems = read(f"---\n{yaml_text}\n---\n")
    assert article.categories == expected
    assert problems == []


def test_nested_tags_are_reported() -> None:
    article, problems = read("---\ntags: [ok, [nested], {a: b}]\n---\n")
    assert article.tags == ("ok",)
    assert kinds(problems) == [ProblemKind.BAD_VALUE, ProblemKind.BAD_VALUE]
    assert {p.line for p in problems} == {2}


def test_tag_string_and_singular() -> None:
    """Jekyll's ``populate_tags`` (``pluralized_array_from_hash``): a ``tag`` is used
    *instead of* ``tags``, unsplit; a ``tags`` string is split on spaces."""
    article, _ = read("---\ntags: neodymium  mining\ntag: rare earths\n---\n")
    assert article.tags == ("rare earths",)
    article, _ = read("---\ntags: neodymium  mining\n---\n")
    assert article.tags == ("neodymium", "mining")


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-08-11", dt.datetime(2019, 8, 11, tzinfo=UTC)),
        ("2019-08-11 00:34", dt.datetime(2019, 8, 11, 0, 34, tzinfo=UTC)),
        ("2019-08-11 00:34:00", dt.datetime(2019, 8, 11, 0, 34, tzinfo=UTC)),
        ("2019-08-11T00:34:00Z", dt.datetime(2019, 8, 11, 0, 34, tzinfo=UTC)),
        ("2019-08-11 00:34:00 +0800", dt.datetime(2019, 8, 10, 16, 34, tzinfo=UTC)),
        ("2019-08-11 00:34:00 +08:00", dt.datetime(2019, 8, 10, 16, 34, tzinfo=UTC)),
        ("'2019-08-11 00:34:00 -0500'", dt.datetime(2019, 8, 11, 5, 34, tzinfo=UTC)),
        ("'2019-08-11 00:34:00.250 UTC'", dt.datetime(2019, 8, 11, 0, 34, 0, 250000, tzinfo=UTC)),
        ("2019-8-1", dt.datetime(2019, 8, 1, tzinfo=UTC)),
    ],
)
def test_date_forms(value: str, expected: dt.datetime) -> None:
    article, problems = read(f"---\ndate: {value}\n---\n", docname="articles/undated")
    assert problems == []
    assert article.date == expected
    assert article.date.utcoffset() == dt.timedelta(0)


def test_offset_date_stays_on_its_day_on_a_shanghai_site() -> None:
    article, problems = read("---\ndate: 2019-08-11 00:34:00 +0800\n---\n", zone=SHANGHAI)
    assert problems == []
    assert article.date.date() == dt.date(2019, 8, 11)
    assert article.date.astimezone(UTC) == dt.datetime(2019, 8, 10, 16, 34, tzinfo=UTC)


def test_naive_date_is_site_wall_clock() -> None:
    article, _ = read("---\ndate: 2019-08-11 00:34:00\n---\n", zone=SHANGHAI)
    assert article.date.isoformat() == "2019-08-11T00:34:00+08:00"


def test_date_from_file_name() -> None:
    article, problems = read("---\ntitle: x\n---\n", docname="_posts/2019-08-11-x", zone=SHANGHAI)
    assert problems == []
    assert article.date == dt.datetime(2019, 8, 11, tzinfo=SHANGHAI)


def test_front_matter_date_wins_over_file_name() -> None:
    article, _ = read("---\ndate: 2020-01-01\n---\n", docname="_posts/2019-08-11-x")
    assert article.date.date() == dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    "value", ["yesterday", "2019-13-45", "'2019-02-30'", "[2019]", "2019-08-11 25:00", "'2019-08-11 10:00 +2500'"]
)
def test_bad_dates(value: str) -> None:
    article, problems = read(f"---\ndate: {value}\n---\n", docname="_posts/2019-08-11-x")
    assert kinds(problems) == [ProblemKind.DATE]
    assert problems[0].line == 2
    assert article.date == dt.datetime(2019, 8, 11, tzinfo=UTC), "falls back to the file name"


def test_no_date_anywhere() -> None:
    article, problems = read("---\ntitle: x\n---\n", docname="articles/undated")
    assert article.date is None
    assert kinds(problems) == [ProblemKind.DATE]


def test_invalid_file_name_date_is_not_a_date() -> None:
    article, problems = read("---\ntitle: x\n---\n", docname="articles/2019-02-30-x")
    assert article.date is None
    assert kinds(problems) == [ProblemKind.DATE]


def test_updated_and_last_modified_at() -> None:
    assert read("---\nupdated: 2024-02-03\n---\n")[0].updated == dt.datetime(2024, 2, 3, tzinfo=UTC)
    assert read("---\nlast_modified_at: 2024-02-04\n---\n")[0].updated == dt.datetime(2024, 2, 4, tzinfo=UTC)


# -- banner, authors, flags -------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "uri", "alt"),
    [
        ("excerpt_image: https://x.org/a.png\nexcerpt_image_alt: A map", "https://x.org/a.png", "A map"),
        ("excerpt_image: //x.org/a.png", "https://x.org/a.png", ""),
        ("excerpt_image: img/a.png", "/articles/img/a.png", ""),
        ("excerpt_image: ../shared/a.png", "/shared/a.png", ""),
        ("excerpt_image: /assets/a.png", "/assets/a.png", ""),
        ("image: {path: img/b.png, alt: B}", "/articles/img/b.png", "B"),
        ("image: img/c.png", "/articles/img/c.png", ""),
        ("header: {overlay_image: /h.png, image_description: H}", "/h.png", "H"),
        ("header-img: img/d.png", "/articles/img/d.png", ""),
    ],
)
def test_banner_spellings(front: str, uri: str, alt: str) -> None:
    article, problems = read(f"---\n{front}\n---\n")
    assert problems == []
    assert article.banner is not None
    assert (article.banner.uri, article.banner.alt) == (uri, alt)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:image/png;base64,AAAA",
        "file:///etc/passwd",
        "../../etc/passwd",
        "../../../x.png",
        "..",
    ],
)
def test_unsafe_banners_are_refused(value: str) -> None:
    article, problems = read(f"---\ntitle: t\nexcerpt_image: '{value}'\n---\n")
    assert article.banner is None
    assert kinds(problems) == [ProblemKind.IMAGE]
    assert problems[0].line == 3


def test_absolute_path_stays_inside_the_source() -> None:
    assert safe_image_uri("/etc/passwd", "articles/x") == "/etc/passwd"  # i.e. <srcdir>/etc/passwd
    assert isinstance(safe_image_uri("/../../etc/passwd", "articles/x"), Problem)
    assert isinstance(safe_image_uri("C:\\Windows\\x.png", "articles/x"), Problem)


@pytest.mark.parametrize(
    ("front", "authors"),
    [
        ("author: Ana", ("Ana",)),
        ("author: [Ana, Bo]", ("Ana", "Bo")),
        ("author: {name: Ana, url: x}", ("Ana",)),
        ("authors: [Ana, Ana, Bo]", ("Ana", "Bo")),
    ],
)
def test_authors(front: str, authors: tuple[str, ...]) -> None:
    assert read(f"---\n{front}\n---\n")[0].authors == authors


def test_flags() -> None:
    article, problems = read("---\ndraft: yes\npublished: 'false'\n---\n")
    assert (article.draft, article.published) == (True, False)
    article, problems = read("---\ndraft: maybe\n---\n")
    assert article.draft is False
    assert kinds(problems) == [ProblemKind.BAD_VALUE]


def test_problems_always_carry_lines_inside_the_block() -> None:
    text = "---\ntitle: [x]\ntags: {a: 1}\ndate: never\nexcerpt_image: 'javascript:x'\nwhat: 1\n---\n"
    article, problems = read(text)
    assert sorted(p.line for p in problems) == [2, 3, 4, 5, 6]
    assert article.title == "A Post"
