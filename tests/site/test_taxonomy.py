"""Unit tests of the taxonomy: visibility, order, slugs, related and neighbours."""

from __future__ import annotations

import datetime as dt

from outcrop.article.model import Article
from outcrop.problems import ProblemKind
from outcrop.site.taxonomy import CATEGORY, TAG, archive, build_taxonomy, neighbours, related

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def art(docname: str, day: str | None = "2024-01-01 10:00", **kw: object) -> Article:
    date = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC) if day else None
    return Article(docname=docname, title=docname.title(), date=date, lines=(("tags", 5), ("categories", 4)), **kw)  # type: ignore[arg-type]


def test_order_newest_first_then_time_then_path() -> None:
    """Jekyll's ``site.posts`` is the reverse of ``Document#<=>`` (date, then path):
    the articles of one instant come by path *descending*; undated ones last."""
    articles = [
        art("b", "2024-01-01 10:00"),
        art("a", "2024-01-01 10:00"),
        art("c", "2024-01-01 18:00"),
        art("old", "2020-05-05 00:00"),
        art("undated", None),
    ]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert taxonomy.order == ("c", "b", "a", "old", "undated")
    assert build_taxonomy(list(reversed(articles)), now=NOW).order == taxonomy.order


def test_order_within_a_day_compares_paths_with_their_extension() -> None:
    """Jekyll compares ``relative_path`` with the extension: ``x-image-tagline.md`` <
    ``x-image.md`` (``-`` sorts before ``.``), so newest first is x-image, then
    x-image-tagline; names without extension would give the opposite."""
    articles = [
        art("x-image", source="x-image.md"),
        art("x-image-tagline", source="x-image-tagline.md"),
    ]
    assert build_taxonomy(articles, now=NOW).order == ("x-image", "x-image-tagline")


def test_drafts_unpublished_and_future_are_left_out() -> None:
    articles = [
        art("live", tags=("x",)),
        art("draft", draft=True, tags=("x", "only-draft")),
        art("hidden", published=False, tags=("x",)),
        art("future", "2030-01-01 00:00", tags=("x",), categories=("Later",)),
    ]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert taxonomy.order == ("live",)
    assert list(taxonomy.terms[TAG]) == ["x"]
    assert taxonomy.terms[TAG]["x"].docnames == ("live",)
    assert taxonomy.terms[CATEGORY] == {}
    shown = build_taxonomy(articles, now=NOW, show_drafts=True)
    assert set(shown.order) == {"live", "draft", "hidden", "future"}
    assert "only-draft" in shown.terms[TAG]


def test_future_becomes_visible_when_its_time_comes() -> None:
    article = art("soon", "2025-06-01 08:00")
    assert build_taxonomy([article], now=NOW).order == ()
    later = dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.UTC)
    assert build_taxonomy([article], now=later).order == ("soon",)


def test_slugs_distinct_for_c_and_cpp_and_no_subfolders() -> None:
    taxonomy = build_taxonomy([art("a", tags=("C", "C++", "UX/UI", "知乎"))], now=NOW)
    assert sorted(taxonomy.terms[TAG]) == ["c", "c-plus-plus", "ux-ui", "知乎"]
    assert taxonomy.problems == ()


def test_case_variants_merge_with_one_warning() -> None:
    articles = [art("a", tags=("MixedCase",)), art("b", tags=("MixedCase",)), art("c", tags=("Mixedcase",))]
    taxonomy = build_taxonomy(articles, now=NOW)
    term = taxonomy.terms[TAG]["mixedcase"]
    assert term.name == "MixedCase", "the most used spelling wins"
    assert set(term.docnames) == {"a", "b", "c"}
    assert len(taxonomy.problems) == 1
    located = taxonomy.problems[0]
    assert (located.docname, located.problem.kind, located.problem.line) == ("c", ProblemKind.TAXONOMY, 5)
    assert "'Mixedcase' is merged with 'MixedCase'" in located.problem.message
    assert taxonomy.term_of(TAG, "Mixedcase") is term


def test_case_variants_kept_apart_when_configured() -> None:
    articles = [art("a", tags=("MixedCase",)), art("c", tags=("Mixedcase",))]
    taxonomy = build_taxonomy(articles, now=NOW, merge_case=False)
    assert len(taxonomy.terms[TAG]) == 2
    assert len(taxonomy.problems) == 1 and "same URL slug" in taxonomy.problems[0].problem.message
    slugs = {taxonomy.slug(TAG, "MixedCase"), taxonomy.slug(TAG, "Mixedcase")}
    assert "mixedcase" in slugs and len(slugs) == 2


def test_other_collisions_never_overwrite() -> None:
    articles = [art("a", tags=("c++",)), art("b", tags=("c plus plus",))]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert len(taxonomy.terms[TAG]) == 2
    assert {t.docnames for t in taxonomy.terms[TAG].values()} == {("a",), ("b",)}
    assert [p.problem.kind for p in taxonomy.problems] == [ProblemKind.TAXONOMY]


def test_related_by_shared_tags_then_newest() -> None:
    articles = [
        art("me", "2024-06-01 00:00", tags=("a", "b", "c")),
        art("two", "2024-01-01 00:00", tags=("a", "b")),
        art("one-new", "2024-05-01 00:00", tags=("c",)),
        art("one-old", "2023-05-01 00:00", tags=("a",)),
        art("none", "2024-05-02 00:00", tags=("z",)),
    ]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert [a.docname for a in related(taxonomy, "me")] == ["two", "one-new", "one-old"]
    assert [a.docname for a in related(taxonomy, "me", limit=1)] == ["two"]
    assert related(taxonomy, "missing") == []


def test_neighbours_and_archive() -> None:
    articles = [art("x", "2024-03-01 00:00"), art("y", "2024-02-01 00:00"), art("z", "2023-12-01 00:00")]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert [a.docname if a else None for a in neighbours(taxonomy, "y")] == ["x", "z"]
    assert [a.docname if a else None for a in neighbours(taxonomy, "x")] == [None, "y"]
    years = archive(taxonomy)
    assert list(years) == [2024, 2023]
    assert {m: [a.docname for a in v] for m, v in years[2024].items()} == {3: ["x"], 2: ["y"]}


def test_colliding_slugs_are_stable_as_the_site_grows() -> None:
    base = [art("a", "2020-01-01 00:00", tags=("C++",)), art("b", "2021-01-01 00:00", tags=("c plus plus",))]
    before = build_taxonomy(base, now=NOW)
    more = base + [art(f"n{i}", "2024-01-01 00:00", tags=("c plus plus",)) for i in range(5)]
    after = build_taxonomy(more, now=NOW)
    assert before.slug(TAG, "C++") == after.slug(TAG, "C++") == "c-plus-plus", "first used keeps the plain slug"
    assert before.slug(TAG, "c plus plus") == after.slug(TAG, "c plus plus") != "c-plus-plus"


def test_index_is_reserved() -> None:
    taxonomy = build_taxonomy([art("a", tags=("index", "Index")), art("b", categories=("INDEX",))], now=NOW)
    assert "index" not in taxonomy.terms[TAG] and "index" not in taxonomy.terms[CATEGORY]
    assert taxonomy.slug(TAG, "index").startswith("index-")
    assert sorted(p.problem.message.split(" has ")[0] for p in taxonomy.problems if "own" in p.problem.message) == [
        "category 'INDEX'",
        "tag 'Index'",
    ]
