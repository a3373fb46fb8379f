"""Unit tests of the taxonomy: shown names of merged terms, where merge warnings point,
names and slugs of unknown terms, and related articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from outcrop.article.model import Article
from outcrop.problems import Problem, ProblemKind
from outcrop.site.taxonomy import CATEGORY, TAG, Located, Term, build_taxonomy, related

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def art(docname: str, day: int = 1, **kw: object) -> Article:
    date = dt.datetime(2024, 1, day, tzinfo=dt.UTC)
    return Article(docname=docname, title=docname.title(), date=date, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spellings", "shown"),
    [
        # the most used spelling wins, even when it sorts after the other
        (("mixedcase", "mixedcase", "MixedCase"), "mixedcase"),
        (("MixedCase", "MixedCase", "mixedcase"), "MixedCase"),
        # a tie goes to the first in sort order
        (("rust", "Rust"), "Rust"),
        (("b", "B", "B", "b"), "B"),
    ],
)
def test_merged_case_variants_show_the_most_used_spelling(spellings: tuple[str, ...], shown: str) -> None:
    """Case variants of a tag share one page, named with the spelling most articles use."""
    articles = [art(f"a{i}", day=i + 1, tags=(name,)) for i, name in enumerate(spellings)]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert [term.name for term in taxonomy.terms[TAG].values()] == [shown]
    assert {taxonomy.name(TAG, name) for name in spellings} == {shown}


@pytest.mark.parametrize(
    ("kind", "lines", "line"),
    [
        (TAG, (("title", 2), ("tags", 6)), 6),
        (TAG, (("tag", 4),), 4),
        (CATEGORY, (("categories", 3),), 3),
        (CATEGORY, (("category", 5),), 5),
        # no line known for the key (an article not read from a file): the first line
        (TAG, (), 1),
        (CATEGORY, (("tags", 6),), 1),
    ],
)
def test_merge_warning_points_at_the_key_line(kind: str, lines: tuple[tuple[str, int], ...], line: int) -> None:
    """A merge warning is located in the first article using the other spelling, at the
    line of its tags (or categories) key, else at line 1."""
    key = "tags" if kind == TAG else "categories"
    articles = [art("a", **{key: ("Rust",)}), art("b", **{key: ("rust",)}, lines=lines), art("c", **{key: ("Rust",)})]
    label = "tag" if kind == TAG else "category"
    message = f"{label} 'rust' is merged with 'Rust' (same name, other case)"
    assert build_taxonomy(articles, now=NOW).problems == (Located("b", Problem(ProblemKind.TAXONOMY, message, line)),)


def test_name_and_slug_of_a_term_no_listed_article_uses() -> None:
    """A name no listed article uses (a draft's tag) is shown as written, slugged as usual."""
    taxonomy = build_taxonomy([art("a", tags=("Rust",)), art("d", tags=("Go Lang",), draft=True)], now=NOW)
    assert taxonomy.term_of(TAG, "Go Lang") is None
    assert taxonomy.name(TAG, "Go Lang") == "Go Lang"
    assert taxonomy.slug(TAG, "Go Lang") == "go-lang"
    assert taxonomy.name(CATEGORY, "New Things") == "New Things"
    assert taxonomy.slug(CATEGORY, "New Things") == "new-things"
    assert (taxonomy.name(TAG, "rust"), taxonomy.slug(TAG, "rust")) == ("Rust", "rust")


def test_related_with_no_limit_is_empty() -> None:
    """A limit of 0 lists no related articles."""
    taxonomy = build_taxonomy([art("a", tags=("x",)), art("b", day=2, tags=("x",))], now=NOW)
    assert [a.docname for a in related(taxonomy, "a", 1)] == ["b"]
    assert related(taxonomy, "a", 0) == []


def test_names_sharing_a_slug_keep_apart_with_a_warning_naming_the_first() -> None:
    """Names with one slug that are not case variants each get a page: the first used
    keeps the plain slug, each later one a hashed slug and a warning that names the
    first one, at the line of its tags key."""
    articles = [
        art("a", day=1, tags=("Go Lang",)),
        art("b", day=2, tags=("go-lang",), lines=(("tags", 5),)),
        art("c", day=3, tags=("go_lang",), lines=(("tags", 6),)),
    ]
    taxonomy = build_taxonomy(articles, now=NOW)
    assert list(taxonomy.terms[TAG].values()) == [
        Term(TAG, "Go Lang", "go-lang", ("a",)),
        Term(TAG, "go_lang", "go-lang-6624fbb3", ("c",)),
        Term(TAG, "go-lang", "go-lang-ff0f431d", ("b",)),
    ]
    assert taxonomy.problems == (
        Located(
            "b",
            Problem(
                ProblemKind.TAXONOMY,
                "tag 'go-lang' has the same URL slug as 'Go Lang' ('go-lang'); its page is 'go-lang-ff0f431d'",
                5,
            ),
        ),
        Located(
            "c",
            Problem(
                ProblemKind.TAXONOMY,
                "tag 'go_lang' has the same URL slug as 'Go Lang' ('go-lang'); its page is 'go-lang-6624fbb3'",
                6,
            ),
        ),
    )


def test_a_name_with_a_reserved_slug_gets_a_hashed_page() -> None:
    """A category slugged ``index`` would overwrite outcrop's own categories page: it
    gets a hashed slug and a warning saying so."""
    taxonomy = build_taxonomy([art("a", categories=("Index",), lines=(("categories", 4),))], now=NOW)
    assert list(taxonomy.terms[CATEGORY].values()) == [Term(CATEGORY, "Index", "index-39c3be11", ("a",))]
    message = (
        "category 'Index' has the same URL slug as outcrop's own 'index' page ('index'); its page is 'index-39c3be11'"
    )
    assert taxonomy.problems == (Located("a", Problem(ProblemKind.TAXONOMY, message, 4)),)


def titled(docname: str, title: str, line: int) -> Article:
    return dataclasses.replace(art(docname), title=title, lines=(("title", line),))


def test_duplicate_titles_are_reported_in_the_later_paths() -> None:
    """A title an article with an earlier path already has (ignoring case and spacing)
    is reported in each later article, at its title line, naming the first."""
    articles = [
        titled("c", "HELLO WORLD", 4),
        titled("b", "Hello  World", 3),
        titled("a", "hello world", 2),
        titled("d", "Hello Worlds", 5),
    ]
    assert build_taxonomy(articles, now=NOW).problems == (
        Located("b", Problem(ProblemKind.DUPLICATE, "title 'Hello  World' is also the title of 'a'", 3)),
        Located("c", Problem(ProblemKind.DUPLICATE, "title 'HELLO WORLD' is also the title of 'a'", 4)),
    )


def undated(docname: str, source: str = "") -> Article:
    return Article(docname=docname, title=docname.title(), source=source)


def test_undated_articles_come_last_by_path_with_extension() -> None:
    """Undated articles follow the dated ones, ordered by their file's path with its
    extension (``a-b.md`` before ``a.md``), else by document name."""
    articles = [undated("c"), undated("b"), art("d1", day=1), undated("a", "a.md"), art("d2", day=2)]
    articles.append(undated("a-b", "a-b.md"))
    assert build_taxonomy(articles, now=NOW).order == ("d2", "d1", "a-b", "a", "b", "c")
