"""The plan of the book as pure functions (no Sphinx build): which parts, in which
order, holding which articles; the PDF keywords and metadata; the cover page; and the
preamble the edition adds (asserted whole: a line lost or mangled is a book typeset
differently, or not at all)."""

from __future__ import annotations

import datetime as dt

import pytest
from sphinx.util import texescape

from outcrop.article.model import Article
from outcrop.edition.plan import Cover, Part, cover_tex, keywords, metadata_tex, plan_parts, preamble_tex
from outcrop.site.taxonomy import Taxonomy, build_taxonomy

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tex_maps() -> None:
    """Sphinx fills its escaping tables when the LaTeX builder loads; do it here (idempotent)."""
    texescape.init()


def art(docname: str, day: str | None, *categories: str, tags: tuple[str, ...] = ()) -> Article:
    date = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC) if day else None
    return Article(docname=docname, title=docname, date=date, categories=categories, tags=tags, source=docname + ".md")


def taxonomy_of(*articles: Article) -> Taxonomy:
    return build_taxonomy(articles, now=NOW)


# Field: 3 articles (one also in Minerals, listed under its first category); Minerals: 2;
# Zoology: 1; two uncategorised articles (one undated: last of its part).
SHELF = taxonomy_of(
    art("field-new", "2024-05-01", "Field", "Minerals"),
    art("field-old", "2023-01-01", "field"),
    art("field-mid", "2023-06-01", "Field"),
    art("minerals-b", "2024-02-02", "Minerals"),
    art("minerals-a", "2022-02-02", "minerals", "Field"),
    art("zoo", "2021-01-01", "Zoology"),
    art("loose-undated", None),
    art("loose", "2020-01-01"),
)
FIELD = ("field-old", "field-mid", "field-new")
MINERALS = ("minerals-a", "minerals-b")
LOOSE = ("loose", "loose-undated")


@pytest.mark.parametrize(
    ("min_articles", "parts"),
    [
        pytest.param(
            1,
            [Part("Field", FIELD), Part("Minerals", MINERALS), Part("Zoology", ("zoo",)), Part("", LOOSE)],
            id="every-category-its-part",
        ),
        pytest.param(
            2,
            # The uncategorised articles are as many as the threshold: their own part,
            # before the "more articles" of the small categories.
            [Part("Field", FIELD), Part("Minerals", MINERALS), Part("", LOOSE), Part("", ("zoo",), more=True)],
            id="exactly-the-threshold-keeps-its-part",
        ),
        pytest.param(
            3,
            [Part("Field", FIELD), Part("", (*MINERALS, "zoo", *LOOSE), more=True)],
            id="small-categories-grouped-in-more-articles",
        ),
        pytest.param(4, [Part("", (*FIELD, *MINERALS, "zoo", *LOOSE))], id="none-large-enough-one-part-of-all"),
    ],
)
def test_parts_by_first_category_with_a_threshold(min_articles: int, parts: list[Part]) -> None:
    """Parts by first category (alphabetical, uncategorised last, oldest first inside);
    categories under the threshold share one last "more articles" part, or one part of all."""
    assert plan_parts(SHELF, min_articles=min_articles) == parts


def test_part_names_are_as_the_category_pages_show_them_and_sorted_ignoring_case() -> None:
    """Case variants are one part under the name its page shows; parts sort by name ignoring case."""
    taxonomy = taxonomy_of(
        art("b1", "2024-01-01", "birds"),
        art("b2", "2024-01-02", "Birds"),
        art("b3", "2024-01-03", "Birds"),
        art("a1", "2024-01-04", "apes"),
        art("c1", "2024-01-05", "Caves"),
    )
    assert plan_parts(taxonomy, min_articles=1) == [
        Part("apes", ("a1",)),
        Part("Birds", ("b1", "b2", "b3")),
        Part("Caves", ("c1",)),
    ]


def test_no_articles_no_parts() -> None:
    """A site without listed articles has no article parts at all."""
    assert plan_parts(taxonomy_of(), min_articles=3) == []


def test_keywords_are_the_forty_most_used_names() -> None:
    """The PDF keywords: tags and categories by use (then by name ignoring case), at most 40."""
    articles = [art(f"a{i:02}", "2024-01-01", "Field", tags=(f"t{i:02}",)) for i in range(45)]
    articles.append(art("extra", "2024-01-02", tags=("t44", "Basalt")))
    words = keywords(taxonomy_of(*articles))
    assert words == ["Field", "t44", "Basalt", *(f"t{i:02}" for i in range(37))]
    assert len(words) == 40


def test_metadata_is_escaped_with_whitespace_collapsed() -> None:
    """The PDF subject and keywords: TeX specials escaped, runs of whitespace made one space."""
    assert metadata_tex("Notes_on\n  #rocks", ["Field", "C++", "50% & <b>", "{x}"]) == (
        r"\hypersetup{pdfsubject={Notes\_on \#rocks}, pdfkeywords={Field, C++, 50\% \& <b>, \{x\}}}" + "\n"
    )


FULL_COVER = r"""
\begingroup
\hypersetup{pageanchor=false}
\begin{titlepage}
\hypersetup{pdfauthor={Ana \textbackslash{} O'Brien}, pdftitle={Nd₂Fe₁₄B \& <Rocks>}}
\raggedright
\vspace*{0.16\textheight}
\includegraphics[height=0.12\textheight,keepaspectratio]{Logo_2.PNG}\par\vspace{2em}
{\sffamily\bfseries\fontsize{36}{42}\selectfont Nd₂Fe₁₄B \& <Rocks>\par}
\vspace{1.2em}
{\Large\itshape Notes\_on \#rocks – 石英\par}
\vfill
{\large Ana \textbackslash{} O'Brien\par}
\vspace{0.4em}
{\large Edition of 2 January 2025\par}
\end{titlepage}
\endgroup
\setcounter{footnote}{0}
\clearpage
"""

BARE_COVER = r"""
\begingroup
\hypersetup{pageanchor=false}
\begin{titlepage}
\hypersetup{pdfauthor={A}, pdftitle={Rocks}}
\raggedright
\vspace*{0.16\textheight}

{\sffamily\bfseries\fontsize{36}{42}\selectfont Rocks\par}
\vspace{1.2em}

\vfill
{\large A\par}
\vspace{0.4em}
{\large Edition\par}
\end{titlepage}
\endgroup
\setcounter{footnote}{0}
\clearpage
"""


def test_the_cover_shows_title_subtitle_author_edition_and_logo() -> None:
    """The title page whole: values escaped for XeLaTeX (Unicode kept as text), the logo
    (any safe file name, capitals too) above the title."""
    cover = Cover(
        title="Nd₂Fe₁₄B & <Rocks>",
        subtitle="Notes_on #rocks – 石英",
        author="Ana \\ O'Brien",
        edition="Edition of 2 January 2025",
        logo="Logo_2.PNG",
    )
    assert cover_tex(cover) == FULL_COVER


@pytest.mark.parametrize("logo", ["", "my logo.png", "a{b}.pdf", "../x.png", "l\\input.pdf"])
def test_a_cover_without_subtitle_or_usable_logo_leaves_them_out(logo: str) -> None:
    """No subtitle line and no image (no logo, or a file name TeX could misread): blank lines only."""
    assert cover_tex(Cover(title="Rocks", subtitle="", author="A", edition="Edition", logo=logo)) == BARE_COVER


#: What the edition adds to every book's preamble, by what each group does for the reader.
PREAMBLE = {
    "names every character a font lacks in the log": [r"\tracinglostchars=2"],
    "prose without overfull lines": [r"\usepackage{microtype}", r"\setlength{\emergencystretch}{2em}"],
    "room for the running heads": [r"\setlength{\headheight}{14pt}", r"\addtolength{\topmargin}{-2pt}"],
    "symbols and emoji in Symbola when installed": [
        r"\IfFontExistsTF{Symbola}{\newfontfamily\outcropsymbolfont{Symbola}}{\let\outcropsymbolfont\relax}",
        r"\DeclareRobustCommand\outcropsymbolbox[1]{{\outcropsymbolfont #1}}",
        r"\newcommand\outcropsymbol[1]{\texorpdfstring{\outcropsymbolbox{#1}}{#1}}",
    ],
    "running heads: book title left, article right, truncated; page number at the foot": [
        r"\usepackage[breakall]{truncate}",
        r"\makeatletter",
        r"\fancypagestyle{normal}{\fancyhf{}"
        r"\fancyhead[L]{{\py@HeaderFamily\truncate{0.36\headwidth}{\@title}}}"
        r"\fancyhead[R]{{\py@HeaderFamily\truncate{0.6\headwidth}{\nouppercase{\leftmark}}}}"
        r"\fancyfoot[R]{{\py@HeaderFamily\thepage}}"
        r"\renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0pt}}",
        r"\fancypagestyle{plain}{\fancyhf{}\fancyfoot[R]{{\py@HeaderFamily\thepage}}"
        r"\renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}",
        r"\makeatother",
    ],
    "unnumbered, article-style chapter and part headings": [
        r"\setcounter{secnumdepth}{-1}",
        r"\titleformat{\chapter}[block]{\normalfont\sffamily\bfseries\huge\raggedright}{}{0pt}{}",
        r"\titlespacing*{\chapter}{0pt}{0pt}{1.2em}",
        r"\titleformat{\part}[display]{\normalfont\sffamily\bfseries\Huge\centering}{\Large\partname~\thepart}{1em}{}",
    ],
    "subtitle, meta line, draft mark, category and tag badges": [
        r"\makeatletter",
        r"\def\outcrop@def#1{\expandafter\def\csname DUrole#1\endcsname}",
        r"\outcrop@def{outcrop-subtitle}#1{{\Large\itshape #1}}",
        r"\outcrop@def{outcrop-meta}#1{{\small\sffamily #1}}",
        r"\outcrop@def{outcrop-draft-mark}#1{\textbf{#1}}",
        r"\outcrop@def{outcrop-category}#1{\fcolorbox{black}{black!8}{\small\sffamily\strut #1}}",
        r"\outcrop@def{outcrop-tag}#1{\fbox{\small\sffamily\strut #1}}",
        r"\makeatother",
    ],
    "index entries in the text font": [r"\protected\def\sphinxstyleindexentry#1{#1}"],
    "framed image placeholders and the article header block": [
        r"\newsavebox{\outcropbox}",
        r"\newenvironment{sphinxclassoutcrop-image-placeholder}"
        r"{\begin{lrbox}{\outcropbox}\begin{minipage}{0.8\linewidth}\centering\small\itshape}"
        r"{\end{minipage}\end{lrbox}\begin{center}\fbox{\usebox{\outcropbox}}\end{center}}",
        r"\newenvironment{sphinxclassoutcrop-header}{\par\raggedright}{\par\medskip}",
    ],
    "the series box: framed, in small sans": [
        r"\newenvironment{sphinxclassoutcrop-series}"
        r"{\par\medskip\begin{lrbox}{\outcropbox}"
        r"\begin{minipage}{\dimexpr\linewidth-2\fboxsep-2\fboxrule\relax}\small\sffamily\raggedright}"
        r"{\end{minipage}\end{lrbox}\noindent\fbox{\usebox{\outcropbox}}\par\medskip}",
    ],
}
FONTS = {"serif": "Noto Serif CJK SC", "sans": "Noto Sans CJK SC", "mono": "Noto Sans Mono CJK SC"}


@pytest.mark.parametrize("behaviour", list(PREAMBLE))
def test_the_preamble_holds_each_setting_exactly(behaviour: str) -> None:
    """Each group of settings is in the preamble, line for line, in order."""
    lines = preamble_tex(cjk=False, fonts=FONTS).splitlines()
    group = PREAMBLE[behaviour]
    starts = [i for i in range(len(lines)) if lines[i : i + len(group)] == group]
    assert starts, behaviour


def test_the_preamble_is_these_settings_and_nothing_else() -> None:
    """Without CJK text, the preamble is exactly the groups above, in order, one per line."""
    expected = [line for group in PREAMBLE.values() for line in group]
    assert preamble_tex(cjk=False, fonts=FONTS) == "\n".join(expected) + "\n"


def test_cjk_text_adds_the_cjk_fonts_and_keeps_western_punctuation() -> None:
    """With CJK text, xeCJK with the given fonts follows, and shared punctuation keeps the Western font."""
    expected = [line for group in PREAMBLE.values() for line in group] + [
        r"\usepackage{xeCJK}",
        r"\setCJKmainfont{Noto Serif CJK SC}",
        r"\setCJKsansfont{Noto Sans CJK SC}",
        r"\setCJKmonofont{Noto Sans Mono CJK SC}",
        r'\xeCJKDeclareCharClass{Default}{"2018, "2019, "201C, "201D, "2013, "2014, "2026, "00B7, "2E3A}',
    ]
    assert preamble_tex(cjk=True, fonts=FONTS) == "\n".join(expected) + "\n"
