"""The PDF edition's LaTeX source: the book's structure, index, cover, metadata and
escaping, asserted on the ``.tex`` the LaTeX builder writes (no TeX needed here;
tests/edition/test_pdf.py typesets)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Site, SiteFactory, article
from outcrop.edition.typeset import LINE_CHARACTERS, MONOSPACE_WIDTH, column_widths

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>\n'

INDEX = """# The Quarry

Field notes from the **quarry**, for people who read rocks.

## Latest

```{outcrop-latest}
:limit: 3
```

## Browse

```{outcrop-cloud}
```

## About us

We are three geologists.

```{toctree}
:caption: Handbook
:maxdepth: 1

guide/one
```
"""

FILES = {
    "index.md": INDEX,
    "guide/one.md": "# Handbook page\n\nHow to use a hand lens.\n",
    "articles/2024-05-01-newer-field.md": article(
        "title: Newer field trip\ncategories: [Field, Minerals]\ntags: [quartz]", "Body of the newer trip.\n"
    ),
    "articles/2023-01-01-older-field.md": article(
        "title: Older field trip\ncategories: [field]\ntags: [quartz, 'C++', 'a!b@c|d', '50% & <b>']",
        "Body of the older trip.\n",
    ),
    "articles/2024-02-02-minerals.md": article(
        "title: Nd₂Fe₁₄B and 石英\ncategories: [Minerals]\nsubtitle: Greek λίθος\nexcerpt_image: img/b.svg",
        "Body of minerals.\n",
    ),
    "articles/2022-03-03-loose.md": article("title: A loose article", "Uncategorised body.\n"),
    "articles/2024-06-06-draft.md": article("title: Secret draft\ncategories: [Field]\ndraft: true", "Draft body.\n"),
    "articles/img/b.svg": SVG,
}


def tex_of(site: Site) -> str:
    return next(site.outdir.glob("*.tex")).read_text(encoding="utf-8")


def build_tex(make_site: SiteFactory, files: dict[str, str] | None = None, conf: str = "") -> tuple[Site, str]:
    site = make_site(files or FILES, buildername="latex", conf=conf)
    return site, tex_of(site)


def positions(tex: str, *needles: str) -> list[int]:
    found = [tex.find(n) for n in needles]
    assert all(p >= 0 for p in found), [n for n, p in zip(needles, found, strict=True) if p < 0]
    return found


def test_small_categories_share_a_last_part(make_site: SiteFactory) -> None:
    """A divider page per category is only for categories with enough articles
    (``outcrop_book_part_articles``, 3 by default): with 2, Field keeps its part and
    Minerals (1 article) and the uncategorised article go into "More articles"."""
    _, tex = build_tex(make_site, conf="outcrop_book_part_articles = 2\n")
    order = positions(
        tex,
        r"\part{Field}",
        r"\chapter{Older field trip}",
        r"\chapter{Newer field trip}",
        r"\part{More articles}",
        r"\chapter{Nd₂Fe₁₄B and 石英}",
        r"\chapter{A loose article}",
        r"\part{Handbook}",
    )
    assert order == sorted(order)
    assert r"\part{Minerals}" not in tex and r"\part{Articles}" not in tex
    # With the default, no category is large enough: one part holds every article.
    _, default = build_tex(make_site)
    assert default.count(r"\part{") == 2 and r"\part{Articles}" in default and r"\part{Handbook}" in default


def test_parts_by_first_category_oldest_first_then_the_toctree(make_site: SiteFactory) -> None:
    _, tex = build_tex(make_site, conf="outcrop_book_part_articles = 1\n")
    order = positions(
        tex,
        r"\chapter{Introduction}",
        r"\chapter{About us}",
        r"\part{Field}",  # "field" and "Field" are one category (case merged)
        r"\chapter{Older field trip}",
        r"\chapter{Newer field trip}",
        r"\part{Minerals}",
        r"\chapter{Nd₂Fe₁₄B and 石英}",
        r"\part{Articles}",  # uncategorised, last
        r"\chapter{A loose article}",
        r"\part{Handbook}",  # the root's toctree, under its caption
        r"\chapter{Handbook page}",
    )
    assert order == sorted(order)
    # Each article once (the newer trip is also in Minerals), drafts never.
    assert tex.count(r"\chapter{Newer field trip}") == 1
    assert "Secret draft" not in tex and "Draft body" not in tex
    # Web navigation is not printed: the "Latest" and "Browse" sections held only listings.
    assert r"\chapter{Latest}" not in tex and r"\chapter{Browse}" not in tex
    assert "Field notes from the" in tex and "We are three geologists." in tex
    # Sphinx takes the root's title as the book's title; the contents keep LaTeX's name.
    assert r"\renewcommand{\contentsname}" not in tex


def test_index_of_tags_and_categories_with_escaped_names(make_site: SiteFactory) -> None:
    """Each tag and category an ``\\index`` entry, escaped: catches an entry missing or
    mangled (the name alone is also in the PDF keywords, so the entries are matched whole)."""
    _, tex = build_tex(make_site)
    # One level, "name (kind)": the index groups them by initial.
    assert r"\index{quartz (tag)@\spxentry{quartz}\spxextra{tag}}" in tex
    assert r"\index{Field (category)@\spxentry{Field}\spxextra{category}}" in tex
    # makeindex/xindy specials are quoted, TeX specials escaped, markup is text.
    assert r'\index{a"!b"@c\textbar{}d (tag)@\spxentry{a"!b"@c\textbar{}d}\spxextra{tag}}' in tex
    assert r"\index{50\% \& <b> (tag)@\spxentry{50\% \& <b>}\spxextra{tag}}" in tex
    # the entry itself: "C++" alone is found in the PDF keywords line, index or not
    assert r"\index{C++ (tag)@\spxentry{C++}\spxextra{tag}}" in tex
    # One entry per badge: quartz is on two articles.
    assert tex.count(r"\index{quartz (tag)@") == 2


def test_header_banner_and_unicode_in_the_tex(make_site: SiteFactory) -> None:
    _, tex = build_tex(make_site)
    chapter = tex[tex.index(r"\chapter{Nd₂Fe₁₄B and 石英}") :]
    chapter = chapter[: chapter.index(r"\part{")]
    assert r"\DUrole{outcrop-subtitle}{Greek λίθος}" in chapter
    assert r"\DUrole{outcrop-category}{Minerals}" in chapter
    assert r"\sphinxincludegraphics{{b}.pdf}" in chapter  # the SVG banner, converted
    # CJK text loads xeCJK with Noto CJK; quotes and dashes keep the Western font.
    assert r"\usepackage{xeCJK}" in tex and "Noto Serif CJK SC" in tex
    assert r"\xeCJKDeclareCharClass{Default}" in tex
    assert r"\tracinglostchars=2" in tex


def test_no_cjk_font_without_cjk_text(make_site: SiteFactory) -> None:
    files = {k: v for k, v in FILES.items() if "minerals" not in k}
    _, tex = build_tex(make_site, files)
    assert "xeCJK" not in tex


def test_cover_and_metadata_are_escaped(make_site: SiteFactory) -> None:
    conf = (
        'project = "Rocks & {Stones} 100%"\nauthor = "Ana \\\\ Bea"\n'
        'outcrop_site_description = "Notes_on #rocks"\noutcrop_now = "2025-01-02"\n'
    )
    _, tex = build_tex(make_site, conf=conf)
    cover = tex[tex.index(r"\begin{titlepage}") : tex.index(r"\end{titlepage}")]
    assert r"Rocks \& \{Stones\} 100\%" in cover
    assert r"Notes\_on \#rocks" in cover
    assert r"Ana \textbackslash{} Bea" in cover
    assert "Edition of January 2, 2025" in cover
    assert r"pdftitle={Rocks \& \{Stones\} 100\%}" in cover
    meta = re.search(r"\\hypersetup\{pdfsubject=\{(.*)\}, pdfkeywords=\{(.*)\}\}", tex)
    assert meta is not None
    assert meta[1] == r"Notes\_on \#rocks"
    assert meta[2].startswith("Field, Minerals, quartz, ")  # most used first, case variants merged
    assert r"50\% \& <b>" in meta[2]


def test_latex_defaults_and_what_the_site_sets_wins(make_site: SiteFactory) -> None:
    site, tex = build_tex(make_site)
    assert site.app.config.latex_engine == "xelatex"
    assert "a4paper" in tex and "openany,oneside" in tex
    assert r"\setcounter{secnumdepth}{-1}" in tex
    conf = 'latex_elements = {"papersize": "letterpaper", "maketitle": "\\\\maketitle"}\n'
    _, tex = build_tex(make_site, conf=conf)
    assert "letterpaper" in tex and "a4paper" not in tex
    assert r"\begin{titlepage}" not in tex


def test_other_latex_documents_are_untouched(make_site: SiteFactory) -> None:
    conf = (
        'latex_documents = [("index", "book.tex", "Book", "A", "manual"), '
        '("guide/one", "one.tex", "One", "A", "howto")]\noutcrop_book_part_articles = 1\n'
    )
    site = make_site(FILES, buildername="latex", conf=conf)
    book = (site.outdir / "book.tex").read_text(encoding="utf-8")
    one = (site.outdir / "one.tex").read_text(encoding="utf-8")
    assert r"\part{Field}" in book
    assert r"\part{" not in one and "How to use a hand lens." in one


def test_links_to_articles_resolve_inside_the_book(make_site: SiteFactory) -> None:
    files = dict(FILES)
    files["guide/one.md"] = "# Handbook page\n\nSee [the older trip](../articles/2023-01-01-older-field.md).\n"
    _, tex = build_tex(make_site, files)
    assert r"\hyperref[\detokenize{articles/2023-01-01-older-field::doc}]" in tex


def test_pdf_link_on_read_the_docs(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READTHEDOCS", raising=False)
    sidebar = 'html_theme = "furo"\nhtml_sidebars = {"**": ["outcrop/browse.html"]}\n'
    site = make_site(FILES, conf=sidebar)
    assert site.soup("index").select_one("a.outcrop-pdf-link") is None
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "en")
    monkeypatch.setenv("READTHEDOCS_VERSION", "stable")
    site = make_site(FILES, conf=sidebar)
    link = site.soup("guide/one").select_one("a.outcrop-pdf-link")
    assert link is not None and link["href"] == "/_/downloads/en/stable/pdf/"
    site = make_site(FILES, conf=sidebar + 'outcrop_pdf_link = "https://example.org/book.pdf"\n')
    link = site.soup("index").select_one("a.outcrop-pdf-link")
    assert link is not None and link["href"] == "https://example.org/book.pdf"


def test_image_leaving_the_source_directory_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    files = {
        "articles/2024-01-01-a.md": article(
            "title: A", "Intro.\n\n![stolen](../../secret.png)\n\n![fine](img/b.svg)\n"
        ),
        "articles/img/b.svg": SVG,
    }
    for builder in ("html", "latex"):
        site = make_site(files, buildername=builder)
        found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.image"]
        assert [(w["line"], w["path"].endswith("2024-01-01-a.md")) for w in found] == [("7", True)], site.warnings
        assert "leaves the source directory" in found[0]["msg"]
        assert not list(site.outdir.rglob("secret*"))
    html = make_site(files).soup("articles/2024-01-01-a")
    assert html.select_one(".outcrop-image-placeholder") is not None
    assert html.select_one('img[alt="fine"]') is not None


def test_parallel_and_incremental_latex_give_the_same_book(make_site: SiteFactory, tmp_path: Path) -> None:
    one = "outcrop_book_part_articles = 1\n"
    serial = tex_of(make_site(FILES, buildername="latex", conf=one))
    assert tex_of(make_site(FILES, buildername="latex", parallel=2, conf=one)) == serial
    # Incremental: build, change an article's category, rebuild without a fresh environment.
    src = tmp_path / "incremental"
    make_site(FILES, buildername="latex", srcdir=src, conf=one)
    moved = dict(FILES)
    moved["articles/2022-03-03-loose.md"] = article("title: A loose article\ncategories: [Minerals]", "Body.\n")
    incremental = tex_of(make_site(moved, buildername="latex", srcdir=src, freshenv=False, conf=one))
    clean = tex_of(make_site(moved, buildername="latex", conf=one))
    assert incremental == clean
    assert r"\part{Articles}" not in clean  # the loose article joined Minerals


def test_column_widths_fit_keys_and_share_the_rest() -> None:
    # Short cells: each column gets what it needs.
    assert column_widths([["Key", "Meaning"], ["\0title", "The title"]]) == [round(5 * MONOSPACE_WIDTH) + 2, 11]
    # Long prose beside code keys: the key column keeps its longest key whole (in the
    # wider monospace font); the prose column gets the rest of the line.
    prose = "The banner's text alternative for readers who cannot see it, " * 3
    widths = column_widths([["Key", "Meaning"], ["\0excerpt_image_alt", prose]])
    assert widths[0] == round(len("excerpt_image_alt") * MONOSPACE_WIDTH) + 2
    assert sum(widths) == LINE_CHARACTERS
    # Words longer than a column could hold (URLs) are broken anyway: each column
    # keeps room for 28 characters, the rest of the line is shared.
    assert column_widths([["x" * 200, "y" * 200]]) == [LINE_CHARACTERS // 2] * 2


def test_tables_get_content_widths_and_long_ones_break_across_pages(make_site: SiteFactory) -> None:
    rows = "".join(f"| `key_number_{i}` | A meaning of some length for row {i} |\n" for i in range(20))
    files = {
        "articles/2024-01-01-t.md": article(
            "title: T",
            "| Key | Meaning |\n|---|---|\n| `a` | b |\n\n"
            "```{tabularcolumns} |l|l|\n```\n\n| Own | Spec |\n|---|---|\n| c | d |\n\n"
            f"| Key | Meaning |\n|---|---|\n{rows}",
        )
    }
    _, tex = build_tex(make_site, files)
    assert r"\begin{tabular}[t]{\X{5}{14}\X{9}{14}}" in tex.replace("|", "")
    assert r"{|l|l|}" in tex  # the writer's own columns
    assert r"\begin{longtable}" in tex


def test_the_cover_shows_the_sites_logo(make_site: SiteFactory) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    site, tex = build_tex(make_site, {**FILES, "logo.svg": svg}, conf='html_logo = "logo.svg"\n')
    cover = tex[tex.index(r"\begin{titlepage}") : tex.index(r"\end{titlepage}")]
    assert r"\includegraphics[height=0.12\textheight,keepaspectratio]{outcrop-logo.pdf}" in cover
    assert (site.outdir / "outcrop-logo.pdf").read_bytes().startswith(b"%PDF")
    # No logo: no image on the cover.
    _, plain = build_tex(make_site)
    assert r"\includegraphics" not in plain[plain.index(r"\begin{titlepage}") : plain.index(r"\end{titlepage}")]


def test_a_glob_toctree_brings_no_draft_or_future_article_into_the_book(make_site: SiteFactory) -> None:
    files = {
        "index.md": "# Home\n\nWelcome.\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n",
        "articles/2024-01-01-a.md": article("title: Listed one", "Body.\n"),
        "articles/2024-01-02-d.md": article("title: A draft\ndraft: true", "Draft body.\n"),
        "articles/2999-01-01-f.md": article("title: From the future", "Future body.\n"),
    }
    _, tex = build_tex(make_site, files)
    assert r"\chapter{Listed one}" in tex
    assert "A draft" not in tex and "From the future" not in tex and "Future body" not in tex
    assert r"\part{Pages}" not in tex  # the glob's articles are the parts' already
