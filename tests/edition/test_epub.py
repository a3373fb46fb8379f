"""The EPUB edition (``python -m outcrop.edition.epub``): the book's plan as the
reading order and the navigation, web-only pages left out, remote images from the
cache, metadata, epubcheck with zero problems (Debian's ``epubcheck``), the same
bytes from two builds, and the hostile book corpus as an EPUB."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from book_corpus import CASES, TITLES
from book_corpus import FILES as HOSTILE_FILES
from bs4 import BeautifulSoup
from test_pdf import FILES, png_bytes, write_site

from conftest import write_tree
from outcrop.edition import epub

pytestmark = pytest.mark.pdf  # imgmath typesets the formulas with LaTeX

EPOCH = "1700000000"


def run_epub(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    command = [sys.executable, "-m", "outcrop.edition.epub", str(src), str(out), "-q", *extra]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def checker() -> None:
    if epub.epubcheck_command() is None:
        pytest.fail("epubcheck is missing: apt-get install epubcheck (and a Java runtime)")


@pytest.fixture(scope="module")
def book(checker: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("epub")
    files = dict(FILES)
    files["articles/2024-06-01-draft.md"] = "---\ntitle: Secret draft\ndraft: true\n---\n\nDraft body.\n"
    files["articles/2024-06-02-math.md"] = (
        "---\ntitle: A formula\ncategories: [Minerals]\n---\n\n$$\\begin{equation} E = mc^2 \\end{equation}$$\n"
    )
    files["articles/2024-06-03-granito.md"] = (
        "---\ntitle: El granito\nlang: es\ncategories: [Minerals]\n---\n\nUna roca ígnea de grano grueso.\n"
    )
    files["conf.py"] = FILES["conf.py"] + 'html_logo = "logo.png"\n'
    src = write_site(root, files)
    (src / "logo.png").write_bytes(png_bytes())
    result = run_epub(src, root / "out")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "out" / "thequarryco.epub", result


def read(book: Path, name: str) -> str:
    with zipfile.ZipFile(book) as archive:
        return archive.read(name).decode("utf-8")


def test_epubcheck_finds_nothing(book: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, result = book
    assert "epubcheck" not in result.stderr, result.stderr  # each of its findings would be a warning
    assert "is not checked" not in result.stdout
    report = subprocess.run([*epub.epubcheck_command(), str(path)], capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stdout + report.stderr
    assert "0 fatals / 0 errors / 0 warnings" in report.stdout


def test_the_reading_order_is_the_books_plan(book: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, _ = book
    nav = BeautifulSoup(read(path, "nav.xhtml"), "html.parser")
    top = [li.a.get_text() for li in nav.select("nav > ol > li")]
    # The root, one part per category (outcrop_book_part_articles = 1 in this site),
    # then the home page's toctree under its caption.
    assert top == ["The Quarry", "Geohazards", "Minerals", "Articles", "Handbook"], top
    minerals = next(li for li in nav.select("nav > ol > li") if li.a.get_text() == "Minerals")
    assert [a.get_text() for a in minerals.find("ol").find_all("a")] == [
        "Magnets of Nd₂Fe₁₄B",
        "A formula",
        "El granito",
    ]
    opf = read(path, "content.opf")
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [
        hrefs[idref] for idref, linear in re.findall(r'<itemref idref="([^"]+)"( linear="no")?', opf) if not linear
    ]
    # The reading order follows the navigation: the cover, the home page, each part's
    # title page before its articles, the handbook last.
    expected = ["epub-cover.xhtml", "index.xhtml", "outcrop-part-1.xhtml", "articles/2023-02-02-tohoku.xhtml"]
    assert spine[:4] == expected, spine
    assert spine.index("articles/2024-05-01-magnets.xhtml") < spine.index("guide.xhtml")


def test_web_only_pages_and_drafts_are_not_in_the_book(book: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, _ = book
    names = zipfile.ZipFile(path).namelist()
    assert not [n for n in names if n.startswith(("tags/", "categories/", "archive/"))]
    assert "search.xhtml" not in names and "genindex.xhtml" not in names
    assert "articles/2024-06-01-draft.xhtml" not in names
    assert not [n for n in names if n.endswith(".js")]
    home = read(path, "index.xhtml")
    assert "Notes from the quarry." in home
    assert "toctree-wrapper" not in home


def test_articles_keep_their_header_images_and_math(book: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, _ = book
    magnets = read(path, "articles/2024-05-01-magnets.xhtml")
    assert "outcrop-subtitle" in magnets and "Strong field" in magnets  # header, front-matter admonition
    assert "— An old geologist" in magnets or "An old geologist" in magnets
    names = zipfile.ZipFile(path).namelist()
    tohoku = read(path, "articles/2023-02-02-tohoku.xhtml")
    image = re.search(r'<img[^>]+src="\.\./(_images/[^"]+)"', tohoku)
    assert image is not None and image.group(1) in names  # the remote banner, from the cache
    assert "http://127.0.0.1:9" not in tohoku.split("<body")[1].split("<a")[0]
    formula = read(path, "articles/2024-06-02-math.xhtml")
    assert re.search(r'<img[^>]+src="\.\./_images/math/[0-9a-f]+\.svg"', formula)  # imgmath, no MathJax
    assert "<script" not in formula and "mathjax.js" not in formula.lower()


def test_an_article_in_another_language_is_that_languages_chapter(
    book: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    path, _ = book
    spanish = BeautifulSoup(read(path, "articles/2024-06-03-granito.xhtml"), "html.parser")
    assert spanish.html["lang"] == spanish.html["xml:lang"] == "es"
    assert spanish.select_one(".outcrop-meta")["lang"] == "en"  # outcrop's words, the site's language
    magnets = BeautifulSoup(read(path, "articles/2024-05-01-magnets.xhtml"), "html.parser")
    assert magnets.html["lang"] == "en" and read(path, "index.xhtml").count('lang="en" xml:lang="en"') == 1


def test_metadata_and_cover(book: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, _ = book
    opf = read(path, "content.opf")
    assert "<dc:title>The Quarry &amp; Co</dc:title>" in opf
    assert "<dc:creator>Ana Ruiz</dc:creator>" in opf
    assert "<dc:language>en</dc:language>" in opf
    assert "2023-11-14T22:13:20Z" in opf  # SOURCE_DATE_EPOCH
    identifier = re.search(r"<dc:identifier[^>]*>(urn:uuid:[0-9a-f-]+)</dc:identifier>", opf)
    assert identifier is not None
    assert identifier.group(1) in read(path, "toc.ncx")
    # The cover: the site's logo, on a cover page first in the reading order.
    assert re.search(r'<meta name="cover" content="[^"]+"', opf)
    assert "_static/logo.png" in read(path, "epub-cover.xhtml")


def test_two_builds_give_the_same_bytes(checker: None, tmp_path: Path) -> None:
    first = run_epub(write_site(tmp_path / "a"), tmp_path / "a" / "out")
    second = run_epub(write_site(tmp_path / "b"), tmp_path / "b" / "out")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a = (tmp_path / "a" / "out" / "thequarryco.epub").read_bytes()
    b = (tmp_path / "b" / "out" / "thequarryco.epub").read_bytes()
    assert a == b


def test_the_hostile_corpus_is_a_valid_epub(checker: None, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "conf.py": (
            'extensions = ["outcrop"]\nproject = "Hostile book"\nauthor = "A. Writer"\noutcrop_now = "2025-06-01"\n'
        ),
        "index.md": "# Home\n\nWelcome.\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n",
        **HOSTILE_FILES,
        **{name: content for name, (content, _) in CASES.items()},
    }
    write_tree(tmp_path / "src", files)
    result = run_epub(tmp_path / "src", tmp_path / "out")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "epubcheck" not in result.stderr, result.stderr
    path = tmp_path / "out" / "hostilebook.epub"
    text = "".join(read(path, n) for n in zipfile.ZipFile(path).namelist() if n.endswith(".xhtml"))
    for title in TITLES:
        assert title in text, title
    assert "Embedded content (iframe), shown in the web edition" in text
    assert "☑ Sampled the outcrop" in text and "<input" not in text
    assert "require{mathtools}" not in text  # hidden on the web, hidden in the book
    # An EPUB holds SVG as it is (the PDF needs a converter); a damaged PNG is a placeholder.
    assert "_images/banner.svg" in zipfile.ZipFile(path).namelist()
    assert "broken.png" not in " ".join(zipfile.ZipFile(path).namelist())
    macros = read(path, "articles/2024-01-15-macros.xhtml")
    assert macros.count('src="../_images/math/') == 2 and "outcrop-formula" not in macros
    # The formula TeX rejects: printed as code, one located warning (not TeX's transcript).
    assert '<code class="outcrop-formula">\\undefinedmacro{x}</code>' in text
    assert "2024-01-12-unknown-macro.md:7: WARNING: LaTeX cannot typeset this formula" in result.stderr
    assert "[stdout]" not in result.stderr
