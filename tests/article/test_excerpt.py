"""Where an excerpt ends (the separator's line) and how a listing shortens it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from outcrop.article.excerpt import separator_line, shorten
from outcrop.article.inline import plain
from outcrop.cli.jekyll import JekyllSite, jekyll_site, map_front_matter

EM = frozenset({"emphasis"})


def test_separator_line_is_the_first_outside_code() -> None:
    text = "---\ntitle: x\n---\n\n```\n<!--more-->\n```\n\nOne.\n\n<!--more-->\n\nTwo <!--more-->\n"
    assert separator_line(text, "<!--more-->", 3) == 11
    assert separator_line(text, "[[cut]]", 3) == 0
    assert separator_line(text, "", 3) == 0
    # Lines of the front matter are not the body's.
    assert separator_line("---\nx: <!--more-->\n---\nA\n", "<!--more-->", 3) == 0
    assert separator_line("---\nx: <!--more-->\n---\nA\n", "<!--more-->", 0) == 2


def test_shorten_cuts_at_a_word_and_keeps_styles() -> None:
    spans = (("one two ", frozenset()), ("three four", EM), (" five", frozenset()))
    assert shorten(spans, 3) == (("one two ", frozenset()), ("three", EM), ("…", frozenset()))
    assert shorten(spans, 2) == (("one two", frozenset()), ("…", frozenset()))
    assert shorten(spans, 5) == spans
    assert shorten((), 3) == ()


@given(
    st.lists(st.tuples(st.text(alphabet="ab \n", max_size=12), st.sampled_from([frozenset(), EM]))), st.integers(1, 8)
)
def test_shorten_is_a_prefix_of_at_most_n_words(runs: list[tuple[str, frozenset[str]]], words: int) -> None:
    spans = tuple(runs)
    short = shorten(spans, words)
    text = plain(spans)
    if len(text.split()) <= words:
        assert short == spans
    else:
        assert short[-1] == ("…", frozenset())
        kept = plain(short[:-1])
        assert len(kept.split()) == words
        assert " ".join(text.split()).startswith(" ".join(kept.split()))


def test_the_jekyll_sites_separator_goes_into_each_post() -> None:
    site = jekyll_site("title: Blog\nexcerpt_separator: <!-- cut -->\n")
    assert site.excerpt_separator == "<!-- cut -->"
    out, changes, _ = map_front_matter({"title": "A"}, "2020-01-01-a", site=site)
    assert out["excerpt_separator"] == "<!-- cut -->" and "excerpt_separator from _config.yml" in changes
    # The post's own separator, and outcrop's default, are left as they are.
    own, _, _ = map_front_matter({"title": "A", "excerpt_separator": "--"}, "2020-01-01-a", site=site)
    assert own["excerpt_separator"] == "--" and "jekyll" not in own
    default = JekyllSite(excerpt_separator="<!--more-->")
    assert "excerpt_separator" not in map_front_matter({"title": "A"}, "2020-01-01-a", site=default)[0]
