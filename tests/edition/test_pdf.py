"""The PDF edition typeset for real (xelatex through latexmk, via ``python -m
outcrop.edition.pdf``): text, Unicode, index, metadata, bookmarks, reproducibility, and the
failures a writer must hear about. Needs the Debian packages of
``outcrop.edition.pdf.DEBIAN_PACKAGES`` (``.ci/run`` installs them); ``-m "not pdf"`` skips."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import WARNING_RE, article, write_tree
from outcrop.edition import pdf
from outcrop.site import remote

pytestmark = pytest.mark.pdf

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20"><rect width="80" height="20"/></svg>\n'
REMOTE = "http://127.0.0.1:9/banner.png"  # never fetched: the cache already holds it

CONF = """
extensions = ["outcrop"]
project = "The Quarry & Co"
author = "Ana Ruiz"
language = "en"
outcrop_site_description = "Field notes for people who read rocks"
outcrop_now = "2025-06-01"
outcrop_image_cache = "cache"
outcrop_book_part_articles = 1
"""

INDEX = """# The Quarry

Notes from the quarry.

```{toctree}
:caption: Handbook

guide
```
"""

TABS = """
::::{tab-set}
:::{tab-item} First tab
Text of the first tab.
:::
:::{tab-item} Second tab
Text of the second tab.
:::
::::
"""

FILES: dict[str, str] = {
    "conf.py": CONF,
    "index.md": INDEX,
    "guide.md": "# Handbook\n\nHow to hold a hammer.\n",
    "articles/img/b.svg": SVG,
    "articles/2024-05-01-magnets.md": article(
        "title: Magnets of Nd₂Fe₁₄B\ncategories: [Minerals]\ntags: [magnets, 'C++ & co']\n"
        "subtitle: 'Greek λίθος — “stone”'\nexcerpt_image: img/b.svg\n"
        "admonitions:\n  - kind: warning\n    title: Strong field\n    body: Keep **cards** away.",
        "## Formula\n\nThe magnet Nd₂Fe₁₄B holds 2 × 10⁻³ T[^1].\n\n[^1]: A footnote about tesla.\n\n"
        "| Mineral | Formula |\n|---|---|\n| Magnetite | Fe₃O₄ |\n\n"
        "> Rocks remember.\n> — An old geologist\n\n```python\nprint('hammer')\n```\n" + TABS,
    ),
    "articles/2023-02-02-tohoku.md": article(
        f"title: The Tōhoku earthquake\ncategories: [Geohazards]\ntags: [Japan]\nexcerpt_image: {REMOTE}",
        "Known in Japan as 東北地方太平洋沖地震, the “great” quake.\n",
    ),
    "articles/2022-01-01-loose.md": article("title: A loose note", "Plain text – with a dash.\n"),
}


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 8), "orange").save(out, format="PNG")
    return out.getvalue()


def write_site(root: Path, files: dict[str, str] | None = None) -> Path:
    src = root / "src"
    write_tree(src, files or FILES)
    cache = src / "cache"
    cache.mkdir()
    remote.cache_path(cache, REMOTE, "image/png").write_bytes(png_bytes())
    return src


def run_pdf(
    src: Path, out: Path, env: dict[str, str] | None = None, extra: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "outcrop.edition.pdf", str(src), str(out), "-q", *extra]
    return subprocess.run(command, capture_output=True, text=True, env=env or dict(os.environ), timeout=600)


@pytest.fixture(scope="module")
def latex() -> None:
    missing = pdf.missing_tools()
    if missing:
        pytest.fail(f"LaTeX tools missing ({', '.join(missing)}): apt-get install {' '.join(pdf.DEBIAN_PACKAGES)}")


@pytest.fixture(scope="module")
def book(latex: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("book")
    src = write_site(root)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = run_pdf(src, root / "out", env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield root / "out" / "thequarryco.pdf"


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_article_and_page_is_in_the_book(book: Path) -> None:
    text = text_of(book)
    for title in ("Magnets of Nd₂Fe₁₄B", "The Tōhoku earthquake", "A loose note", "Handbook"):
        assert title in text, title
    # Nothing lost: both tabs, the footnote, the table, the code, the admonition, the epigraph.
    for fragment in (
        "Text of the first tab.",
        "Text of the second tab.",
        "A footnote about tesla.",
        "Fe₃O₄",
        "print('hammer')",
        "Strong field",
        "Rocks remember.",
        "An old geologist",
    ):
        assert fragment in text, fragment


def test_unicode_prints(book: Path) -> None:
    text = text_of(book)
    for fragment in ("Nd₂Fe₁₄B", "λίθος", "東北地方太平洋沖地震", "“stone”", "—", "–", "10⁻³"):
        assert fragment in text, fragment
    log = next(book.parent.glob("latex/*.log")).read_text(encoding="utf-8", errors="replace")
    assert pdf.missing_characters(log) == []


def test_cover_contents_parts_and_index(book: Path) -> None:
    reader = PdfReader(book)
    pages = [page.extract_text() for page in reader.pages]
    assert "The Quarry & Co" in pages[0] and "Field notes for people who read rocks" in pages[0]
    assert "Edition of June 1, 2025" in pages[0]
    assert "Contents" in pages[1]
    assert any("Part I" in p and "Geohazards" in p for p in pages)
    index = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Index"))
    back = "\n".join(pages[index:])
    for entry in ("magnets (tag)", "C++ & co (tag)", "Japan (tag)", "Minerals (category)", "Geohazards (category)"):
        assert entry in back, entry
    # Grouped by initial: C (C++), G, J, M.
    assert all(f"\n{letter}\n" in back for letter in "CGJM"), back
    # cover, contents, introduction, 3 parts + 3 articles, handbook part + page, index
    assert 11 <= len(reader.pages) <= 20, len(reader.pages)


def test_metadata_and_bookmarks(book: Path) -> None:
    reader = PdfReader(book)
    info = reader.metadata
    assert info is not None
    assert info.title == "The Quarry & Co"
    assert info.author == "Ana Ruiz"
    assert info.subject == "Field notes for people who read rocks"
    assert info.get("/Keywords", "").split(", ")[:2] == ["C++ & co", "Geohazards"]

    def titles(outline: list[object]) -> Iterator[str]:
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield str(item.title)  # type: ignore[attr-defined]

    bookmarks = list(titles(reader.outline))
    for title in ("Magnets of Nd₂Fe₁₄B", "The Tōhoku earthquake", "Index"):
        assert title in bookmarks, bookmarks
    for part in ("I Geohazards", "II Minerals", "III Articles", "IV Handbook"):
        assert part in bookmarks, bookmarks


def test_banners_print_svg_converted_and_remote_from_the_cache(book: Path) -> None:
    listing = subprocess.run(["pdfimages", "-list", str(book)], capture_output=True, text=True, check=True).stdout
    sizes = {tuple(line.split()[3:5]) for line in listing.splitlines()[2:]}
    assert ("16", "8") in sizes  # the cached remote PNG
    assert (book.parent / "latex" / "b.pdf").is_file()  # the SVG banner, converted by rsvg-convert


def test_reproducible_with_source_date_epoch(book: Path, tmp_path: Path) -> None:
    src = write_site(tmp_path)
    result = run_pdf(src, tmp_path / "again", dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "again" / book.name).read_bytes() == book.read_bytes()


def test_a_missing_character_is_a_warning_naming_the_article(latex: None, tmp_path: Path) -> None:
    """A character no font has (the rock emoji, Unicode 13, is in none of Debian 12's
    fonts that xelatex can use) is left out with a warning at the article's line; the
    book is produced, and only ``-W`` makes the warning fatal."""
    files = dict(FILES)
    files["articles/2022-01-01-loose.md"] = article("title: A loose note", "A rock emoji: \U0001faa8 here.\n")
    src = write_site(tmp_path, files)
    result = run_pdf(src, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    warnings = [m.groupdict() for m in WARNING_RE.finditer(result.stderr)]
    lost = [w for w in warnings if "U+1FAA8" in w["msg"]]
    assert len(lost) == 1, result.stderr
    assert Path(lost[0]["path"]) == src / "articles/2022-01-01-loose.md"
    assert lost[0]["line"] == "5" and lost[0]["type"] == "outcrop.edition"
    assert (tmp_path / "out" / "thequarryco.pdf").is_file()
    strict = run_pdf(src, tmp_path / "strict", extra=["-W", "--keep-going"])
    assert strict.returncode == 1
    assert "warning(s) about the PDF (-W makes them errors)" in strict.stderr


def test_without_latex_it_stops_at_once_naming_the_packages(tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python3").symlink_to(sys.executable)
    env = dict(os.environ, PATH=str(bare))
    result = subprocess.run(
        [sys.executable, "-m", "outcrop.edition.pdf", "docs", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 3
    assert "xelatex" in result.stderr and "apt-get install latexmk" in result.stderr
    assert not (tmp_path / "out").exists()


def test_read_the_docs_download_needs_one_pdf(book: Path) -> None:
    assert [p.name for p in book.parent.glob("*.pdf")] == [book.name]
