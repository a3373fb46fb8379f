"""The plan of the PDF edition, as pure functions of the taxonomy and the options.

The edition is a book: a cover, the contents, one part per category holding its
articles (each article once, under its first category, oldest first), then the pages
of the home page's table of contents, then an index of tags and categories.
:mod:`outcrop.edition.latex` turns the plan into one LaTeX document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from sphinx.util.texescape import escape as tex_escape

from outcrop.article.model import Article
from outcrop.site.taxonomy import CATEGORY, SERIES, TAG, Taxonomy, sort_key_oldest

#: Han, kana, hangul and CJK punctuation/compatibility blocks: text that needs a CJK font.
CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)


@dataclasses.dataclass(frozen=True, slots=True)
class Part:
    """One part of the book: a category (``name`` empty for uncategorised articles),
    or (``more``) the articles of the categories too small for a part of their own."""

    name: str
    docnames: tuple[str, ...]
    more: bool = False


def plan_parts(taxonomy: Taxonomy, *, min_articles: int = 1) -> list[Part]:
    """Listed articles grouped by their first category, parts in alphabetical order
    (uncategorised last), articles oldest first within a part.

    A category with fewer than ``min_articles`` articles has no part of its own (a
    divider page before one article is a blank page to a reader): its articles go,
    grouped by category, into one last part of "more articles" — or, when no
    category is large enough, into a single part holding every article.
    """
    groups: dict[str, list[Article]] = {}
    for article in taxonomy.articles.values():
        name = taxonomy.name(CATEGORY, article.categories[0]) if article.categories else ""
        groups.setdefault(name, []).append(article)
    names = sorted(groups, key=lambda n: (n == "", n.casefold(), n))
    large = [n for n in names if len(groups[n]) >= min_articles]
    small = [n for n in names if len(groups[n]) < min_articles]
    parts = [Part(n, series_in_order(sorted(groups[n], key=sort_key_oldest), taxonomy)) for n in large]
    if small:
        rest = tuple(d for n in small for d in series_in_order(sorted(groups[n], key=sort_key_oldest), taxonomy))
        parts.append(Part("", rest, more=bool(large)))
    return parts


def series_in_order(articles: list[Article], taxonomy: Taxonomy) -> tuple[str, ...]:
    """``articles`` (oldest first), the parts of each series among them in the series'
    order, in the places its parts had: the other articles keep theirs."""
    docnames = [a.docname for a in articles]
    places: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        if article.series:
            places.setdefault(taxonomy.slug(SERIES, article.series), []).append(index)
    for slug, indexes in places.items():
        term = taxonomy.terms[SERIES].get(slug)
        if term is None or len(indexes) < 2:
            continue
        present = set(docnames[i] for i in indexes)
        for index, docname in zip(indexes, [d for d in term.docnames if d in present], strict=True):
            docnames[index] = docname
    return tuple(docnames)


def keywords(taxonomy: Taxonomy, limit: int = 40) -> list[str]:
    """The most used tags and categories (names as their pages show them), for the
    PDF's keywords."""
    counts = {t.name: len(t.docnames) for kind in (TAG, CATEGORY) for t in taxonomy.terms[kind].values()}
    return sorted(counts, key=lambda n: (-counts[n], n.casefold(), n))[:limit]


def needs_cjk(texts: Iterable[str]) -> bool:
    return any(CJK.search(text) for text in texts)


def pdf_string(text: str) -> str:
    """Text for a ``\\hypersetup`` value: LaTeX-escaped, commas and braces kept inside."""
    return tex_escape(" ".join(text.split()), "xelatex")


@dataclasses.dataclass(frozen=True, slots=True)
class Cover:
    title: str
    subtitle: str
    author: str
    edition: str
    #: a file name in the LaTeX output folder (the builder writes it), or ""
    logo: str = ""


def cover_tex(cover: Cover) -> str:
    """The title page (replaces Sphinx's ``\\sphinxmaketitle``); values are escaped."""
    title, subtitle, author, edition = (
        tex_escape(v, "xelatex") for v in (cover.title, cover.subtitle, cover.author, cover.edition)
    )
    logo = (
        rf"\includegraphics[height=0.12\textheight,keepaspectratio]{{{cover.logo}}}\par\vspace{{2em}}"
        if re.fullmatch(r"[A-Za-z0-9_.-]+", cover.logo)
        else ""
    )
    pdf_title, pdf_author = pdf_string(cover.title), pdf_string(cover.author)
    subtitle_line = rf"{{\Large\itshape {subtitle}\par}}" if subtitle else ""
    return rf"""
\begingroup
\hypersetup{{pageanchor=false}}
\begin{{titlepage}}
\hypersetup{{pdfauthor={{{pdf_author}}}, pdftitle={{{pdf_title}}}}}
\raggedright
\vspace*{{0.16\textheight}}
{logo}
{{\sffamily\bfseries\fontsize{{36}}{{42}}\selectfont {title}\par}}
\vspace{{1.2em}}
{subtitle_line}
\vfill
{{\large {author}\par}}
\vspace{{0.4em}}
{{\large {edition}\par}}
\end{{titlepage}}
\endgroup
\setcounter{{footnote}}{{0}}
\clearpage
"""


def metadata_tex(subject: str, words: Iterable[str]) -> str:
    """PDF subject and keywords (title and author are set by the cover)."""
    subject, joined = pdf_string(subject), pdf_string(", ".join(words))
    return rf"\hypersetup{{pdfsubject={{{subject}}}, pdfkeywords={{{joined}}}}}" + "\n"


#: The book's fonts (``latex_elements["fontpkg"]``): Linux Libertine and Biolinum for
#: text and headings (Debian: fonts-linuxlibertine; Latin, Greek, Cyrillic), DejaVu
#: Sans Mono for code (fonts-dejavu-core), each falling back to Sphinx's FreeSerif,
#: FreeSans and FreeMono (fonts-freefont-otf) when it is not installed.
FONTS_TEX = r"""
\IfFontExistsTF{Linux Libertine O}{%
  \setmainfont{Linux Libertine O}
  \setsansfont{Linux Biolinum O}
}{%
  \setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
    BoldFont=*Bold, BoldItalicFont=*BoldItalic]
  \setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
    BoldFont=*Bold, BoldItalicFont=*BoldOblique]
}
\IfFontExistsTF{DejaVu Sans Mono}{%
  \setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
}{%
  \setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
    BoldFont=*Bold, BoldItalicFont=*BoldOblique]
}
"""


def preamble_tex(*, cjk: bool, fonts: Mapping[str, str]) -> str:
    """What the edition adds to the preamble: no section numbers, article-style
    chapter headings, badges, placeholders, CJK fonts when the text needs them, and
    a log that names every character a font lacks."""
    lines = [
        r"\tracinglostchars=2",
        # Overfull lines in prose: let TeX stretch spaces a little more (and protrude).
        r"\usepackage{microtype}",
        r"\setlength{\emergencystretch}{2em}",
        # fancyhdr's running heads need 13.6pt; Sphinx leaves 12pt.
        r"\setlength{\headheight}{14pt}",
        r"\addtolength{\topmargin}{-2pt}",
        # Symbols and emoji (EditionTranslator.encode) in Symbola, when installed.
        r"\IfFontExistsTF{Symbola}{\newfontfamily\outcropsymbolfont{Symbola}}{\let\outcropsymbolfont\relax}",
        r"\DeclareRobustCommand\outcropsymbolbox[1]{{\outcropsymbolfont #1}}",
        r"\newcommand\outcropsymbol[1]{\texorpdfstring{\outcropsymbolbox{#1}}{#1}}",
        # Running heads: the book's title on the left, the article's on the right,
        # each cut short with an ellipsis when it does not fit (CJK has no spaces:
        # breakall); the page number alone at the foot.
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
        r"\setcounter{secnumdepth}{-1}",
        r"\titleformat{\chapter}[block]{\normalfont\sffamily\bfseries\huge\raggedright}{}{0pt}{}",
        r"\titlespacing*{\chapter}{0pt}{0pt}{1.2em}",
        r"\titleformat{\part}[display]{\normalfont\sffamily\bfseries\Huge\centering}"
        r"{\Large\partname~\thepart}{1em}{}",
        r"\makeatletter",
        r"\def\outcrop@def#1{\expandafter\def\csname DUrole#1\endcsname}",
        r"\outcrop@def{outcrop-subtitle}#1{{\Large\itshape #1}}",
        r"\outcrop@def{outcrop-meta}#1{{\small\sffamily #1}}",
        r"\outcrop@def{outcrop-draft-mark}#1{\textbf{#1}}",
        r"\outcrop@def{outcrop-category}#1{\fcolorbox{black}{black!8}{\small\sffamily\strut #1}}",
        r"\outcrop@def{outcrop-tag}#1{\fbox{\small\sffamily\strut #1}}",
        r"\makeatother",
        # Index entries are names of tags and categories, not code: the text font.
        r"\protected\def\sphinxstyleindexentry#1{#1}",
        r"\newsavebox{\outcropbox}",
        r"\newenvironment{sphinxclassoutcrop-image-placeholder}"
        r"{\begin{lrbox}{\outcropbox}\begin{minipage}{0.8\linewidth}\centering\small\itshape}"
        r"{\end{minipage}\end{lrbox}\begin{center}\fbox{\usebox{\outcropbox}}\end{center}}",
        r"\newenvironment{sphinxclassoutcrop-header}{\par\raggedright}{\par\medskip}",
        # The series box: the heading and the numbered parts, framed, in small sans.
        r"\newenvironment{sphinxclassoutcrop-series}"
        r"{\par\medskip\begin{lrbox}{\outcropbox}"
        r"\begin{minipage}{\dimexpr\linewidth-2\fboxsep-2\fboxrule\relax}\small\sffamily\raggedright}"
        r"{\end{minipage}\end{lrbox}\noindent\fbox{\usebox{\outcropbox}}\par\medskip}",
    ]
    if cjk:
        lines += [
            r"\usepackage{xeCJK}",
            rf"\setCJKmainfont{{{fonts['serif']}}}",
            rf"\setCJKsansfont{{{fonts['sans']}}}",
            rf"\setCJKmonofont{{{fonts['mono']}}}",
            # Quotes, dashes and dots shared with Western text keep the Western font.
            r'\xeCJKDeclareCharClass{Default}{"2018, "2019, "201C, "201D, "2013, "2014, "2026, "00B7, "2E3A}',
        ]
    return "\n".join(lines) + "\n"
