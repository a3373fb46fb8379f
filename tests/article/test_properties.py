"""Property-based tests: the adapter never raises, slugs are always safe and never
collide silently, repairs keep line numbers."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from outcrop.article.frontmatter import read_article, split_front_matter
from outcrop.article.model import Article
from outcrop.article.repair import repair_images, repair_mojibake
from outcrop.article.slug import slugify
from outcrop.site.taxonomy import TAG, build_taxonomy

SAFE = re.compile(r"^[^\s/\\.]{1,80}$")

yaml_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.sampled_from(
        ["2019-08-11 00:34:00 +0800", "2019-13-45", "[a, b", "{x: 1}", "&a [*a]", "!!python/name:os.system"]
    ),
)
keys = st.sampled_from(
    ["title", "subtitle", "date", "tags", "categories", "excerpt_image", "author", "draft", "updated", "x"]
)


def render(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(render(v) for v in value) + "]"
    return str(value)


front_matter = st.dictionaries(keys, st.one_of(yaml_scalars, st.lists(yaml_scalars, max_size=4)), max_size=8).map(
    lambda d: "---\n" + "\n".join(f"{k}: {render(v)}" for k, v in d.items()) + "\n---\nbody\n"
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(front_matter, st.text(max_size=300), st.text(max_size=200).map(lambda t: "---\n" + t + "\n---\n")))
def test_adapter_never_raises(text: str) -> None:
    front, problems = split_front_matter(text)
    article, more = read_article(front, docname="articles/2024-01-01-x", zone=dt.UTC)
    assert article.title
    assert all(p.line >= 1 for p in problems + more)
    for name in article.tags + article.categories:
        assert SAFE.match(slugify(name))
    if article.banner is not None:
        assert article.banner.uri.startswith(("http://", "https://", "/"))
        if not article.banner.is_remote:
            assert ".." not in article.banner.uri.split("/")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_slugs_are_safe_segments(name: str) -> None:
    assert SAFE.match(slugify(name))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_repairs_keep_line_count(text: str) -> None:
    fixed, _ = repair_mojibake(text)
    assert fixed.count("\n") == text.count("\n")
    fixed, _ = repair_images(text)
    assert fixed.count("\n") == text.count("\n")


tag_names = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            ["C", "c", "C++", "c++", "UX/UI", "ux-ui", "ux ui", "index", "Index", "a/b", "a-b", "東京", ""]
        ),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(tag_names)
def test_tag_slugs_never_collide_silently(names: list[str]) -> None:
    """Distinct tags (case variants merged) get distinct, safe slugs; whenever two names
    wanted the same slug, a problem says so."""
    articles = [
        Article(docname=f"articles/a{i}", title=f"A{i}", date=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), tags=(name,))
        for i, name in enumerate(names)
    ]
    taxonomy = build_taxonomy(articles, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    terms = taxonomy.terms[TAG]
    assert all(SAFE.match(slug) and slug != "index" for slug in terms)
    present = {n for n in names if " ".join(n.split())}  # blank tags are dropped by the adapter, not here
    by_slug: dict[str, set[str]] = {}
    for name in present:
        by_slug.setdefault(taxonomy.slug(TAG, name), set()).add(name.casefold())
    # Two names that differ other than by case never share a page...
    assert all(len(folded) == 1 for folded in by_slug.values()), by_slug
    # ...and if their plain slugs collided, a warning named it.
    wanted: dict[str, set[str]] = {}
    for name in present:
        wanted.setdefault(slugify(name), set()).add(name)
    if any(len(group) > 1 for group in wanted.values()):
        assert taxonomy.problems
