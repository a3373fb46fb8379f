"""Unit tests of the slug function and the text repairs."""

from __future__ import annotations

import re

import pytest

from outcrop.article.repair import repair_images, repair_mojibake
from outcrop.article.slug import slugify, titleize
from outcrop.problems import ProblemKind

SAFE = re.compile(r"^[^\s/\\.]+$")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Environment", "environment"),
        ("ethical sourcing", "ethical-sourcing"),
        ("C", "c"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("UX/UI", "ux-ui"),
        ("知乎", "知乎"),
        ("Ünïcödé Tag", "ünïcödé-tag"),
        ("  spaced   out  ", "spaced-out"),
        ("a_b", "a-b"),
        ("ＦＵＬＬ", "full"),
    ],
)
def test_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name", ["..", ".", "/", "🔥", "%", "#", "", "../../etc", "a/../b", "x" * 500, "50%", "\u200b"]
)
def test_slugs_are_always_safe_path_segments(name: str) -> None:
    slug = slugify(name)
    assert SAFE.match(slug), slug
    assert len(slug) <= 80
    assert not slug.startswith("-") and not slug.endswith("-")


def test_distinct_names_without_letters_get_distinct_slugs() -> None:
    assert slugify("🔥") != slugify("🌋")
    assert slugify("x" * 500) != slugify("x" * 499)


def test_case_variants_share_a_slug() -> None:
    assert slugify("MixedCase") == slugify("Mixedcase") == "mixedcase"


def test_titleize() -> None:
    assert titleize("my-first_post") == "My First Post"


def test_mojibake_repaired_on_its_line() -> None:
    text = "---\ntitle: CafÃ©\n---\n\nplain\nâ€œQuotedâ€\x9d and naïve\n"
    fixed, problems = repair_mojibake(text)
    assert fixed.split("\n")[1] == "title: Café"
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.MOJIBAKE, 2), (ProblemKind.MOJIBAKE, 6)]
    assert "'Ã©' → 'é'" in problems[0].message
    assert fixed.count("\n") == text.count("\n")


def test_real_accents_are_not_mojibake() -> None:
    text = "Über café naïve — “quotes” 東北 Nd₂Fe₁₄B δ¹⁸O\n"
    assert repair_mojibake(text) == (text, [])


def test_mojibake_report_only() -> None:
    text = "a â€“ b"
    fixed, problems = repair_mojibake(text, fix=False)
    assert fixed == text
    assert "not repaired" in problems[0].message


def test_doubled_quote_image_title_repaired() -> None:
    text = 'intro\n![banner](https://x.org/a.png ""A long, "quoted" title."")\n'
    fixed, problems = repair_images(text)
    assert fixed.split("\n")[1] == '![banner](https://x.org/a.png "A long, \\"quoted\\" title.")'
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.IMAGE, 2)]


@pytest.mark.parametrize(
    "line",
    ["![a](b.png)", '![a](b.png "fine")', "no image here", "a ![b](c.png 'single') d", "![](x.png)"],
)
def test_good_images_untouched(line: str) -> None:
    assert repair_images(line) == (line, [])


def test_unrepairable_image_reported_and_left() -> None:
    fixed, problems = repair_images("![broken](no closing paren")
    assert fixed == "![broken](no closing paren"
    assert "shown as text" in problems[0].message


def test_code_and_front_matter_untouched() -> None:
    text = '---\nx: ![a](b ""c"")\n---\n```md\n![a](b ""c"")\n```\n    ![a](b ""c"")\n~~~\n![a](b ""c"")\n~~~\n'
    assert repair_images(text, first_line=3) == (text, [])


def test_scheme_relative_links_become_https() -> None:
    """Hux Blog links to ``//www.zhihu.com/people/...``: a browser reads that on the
    page's scheme; MyST would read it as a document reference. Code stays as written."""
    from outcrop.article.repair import scheme_relative_links

    text = "[a](//www.zhihu.com/p) `[b](//x.org/c)` <a href='//cdn.x.org/a'>\n[r]: //host.org/p\n```\n[c](//x.org)\n```"
    assert scheme_relative_links(text) == (
        "[a](https://www.zhihu.com/p) `[b](//x.org/c)` <a href='https://cdn.x.org/a'>\n"
        "[r]: https://host.org/p\n```\n[c](//x.org)\n```"
    )
