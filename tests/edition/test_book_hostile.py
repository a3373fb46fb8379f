"""The book is always produced: articles that used to stop LaTeX (the hostile book
corpus, and a real Jekyll blog imported with ``outcrop import``) typeset as a PDF
with every article in it, each problem one located outcrop warning, and a console a
writer can read. Needs the Debian packages of ``outcrop.edition.pdf.DEBIAN_PACKAGES``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from book_corpus import CASES, FILES, TITLES

from conftest import ANSI_RE, REPO, WARNING_RE, write_tree
from outcrop.article.inline import inline_spans, plain

pytestmark = pytest.mark.pdf

HUXBLOG = REPO / "tests" / "data" / "realblogs" / "huxblog"
CONF = 'extensions = ["outcrop"]\nproject = "Hostile book"\nauthor = "A. Writer"\noutcrop_now = "2025-06-01"\n'
INDEX = "# Home\n\nWelcome.\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n"


def offline() -> dict[str, str]:
    """The environment of a build that reaches no network: remote images go to a
    closed local port and fail at once (one warning and a placeholder each)."""
    env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="")
    env.pop("no_proxy", None)
    env["SOURCE_DATE_EPOCH"] = "1748736000"
    return env


def outcrop(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "outcrop", *map(str, args)],
        capture_output=True,
        text=True,
        env=offline(),
        cwd=cwd,
        timeout=900,
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    """Text without any whitespace: pdftotext breaks long titles over lines."""
    return re.sub(r"\s+", "", text)


def warnings_of(output: str) -> list[dict[str, str]]:
    return [m.groupdict() for m in WARNING_RE.finditer(ANSI_RE.sub("", output))]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    src = tmp_path_factory.mktemp("hostile-book")
    files: dict[str, str | bytes] = {"conf.py": CONF, "index.md": INDEX, **FILES}
    files.update({name: content for name, (content, _) in CASES.items()})
    write_tree(src, files)
    out = src.parent / (src.name + "-out")
    return outcrop("pdf", src, out), src, out


def test_every_article_of_the_hostile_corpus_is_in_the_book(hostile) -> None:
    result, _src, out = hostile
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = pdf_text(out / "hostilebook.pdf")
    for title in TITLES:
        assert squeeze(title) in squeeze(text), title
    # What each hazard became, as a reader sees it.
    assert "map-not-there.png" in text  # the placeholder names the missing file
    assert "broken.png" in text
    assert "(1) shows" in text  # \eqref resolved, the space after it kept
    assert "{0, 1}" in text  # \\{0, 1\\} repaired
    assert "\\frac{1}{" in text  # rejected by the checks: printed as code
    assert "\\undefinedmacro" in text  # rejected by TeX: printed as code on the second round
    assert "level 12" in text  # the list nested twelve deep, flattened below the limit
    assert "Embedded content (iframe), shown in the web edition" in text
    assert "https://www.youtube.com/embed/xyz" in text
    assert "A caption." in text and "Cell one" in text  # raw HTML's text
    assert "The density p(x) is known" in text and "require" not in text  # the article's macros
    assert "☑ Sampled the outcrop" in text and "☐ Dated the ash" in text  # a task list's boxes
    assert "could not be typeset; it is in the web edition" in text  # the article TeX rejected
    assert "— An old geologist" in text and "---" not in text  # a real em dash
    # Code-like keys get a column wide enough: never hyphenated.
    assert "excerpt_image_alt" in text and "Autodiscovery" in text
    # Running heads: the book's title, and the article's cut short with an ellipsis.
    heads = [page.splitlines()[:3] for page in text.split("\f") if page.strip()]
    assert ["Hostile book", "", "火山学入門：日本列島の活火山と、その噴火の歴史を …"] in heads, heads


def test_each_problem_is_one_located_outcrop_warning(hostile) -> None:
    result, src, _out = hostile
    found: dict[str, set[str]] = {}
    for warning in warnings_of(result.stdout + result.stderr):
        path = Path(warning["path"])
        assert path.is_absolute() and int(warning["line"]) >= 1, warning
        found.setdefault(path.relative_to(src).as_posix(), set()).add(warning["type"])
    expected = {name: subtypes for name, (_, subtypes) in CASES.items() if subtypes}
    assert found == expected
    # Sphinx's own "image file not readable" is not said a second time.
    assert "image.not_readable" not in result.stdout + result.stderr


def test_the_console_is_quiet_and_the_transcript_is_a_file(hostile) -> None:
    result, _src, out = hostile
    console = ANSI_RE.sub("", result.stdout + result.stderr)
    assert "Overfull" not in console and "xdvipdfmx" not in console and "Latexmk" not in console
    assert len(console.splitlines()) < 120, console
    assert "rejected 2 thing(s) in the book; writing the book again" in console
    transcript = (out / "latex" / "hostilebook.typeset.log").read_text(encoding="utf-8", errors="replace")
    assert "Latexmk" in transcript
    log = (out / "latex" / "hostilebook.log").read_text(encoding="utf-8", errors="replace")
    assert "\\headheight is too small" not in log


def test_a_failure_outside_the_articles_quotes_the_tex_error(tmp_path: Path) -> None:
    """LaTeX errors in the site's own preamble cannot be set aside: the message quotes
    TeX's error and its line, not "see the .log files"."""
    conf = CONF + "latex_elements = {'preamble': r'\\undefinedpreamblemacro'}\n"
    write_tree(tmp_path / "src", {"conf.py": conf, "index.md": INDEX, "articles/a.md": "---\ntitle: A\n---\n\nText.\n"})
    result = outcrop("pdf", tmp_path / "src", tmp_path / "out")
    assert result.returncode != 0
    assert "outcrop: LaTeX failed at hostilebook.tex:" in result.stderr
    assert "Undefined control sequence" in result.stderr
    assert "transcript:" in result.stderr


def imported_posts(site: Path) -> list[dict[str, object]]:
    posts = []
    for path in sorted((site / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        if front.get("published", True) is not False and not front.get("draft"):
            posts.append(front)
    return posts


def test_a_real_imported_blog_becomes_a_book(tmp_path: Path) -> None:
    """Hux Blog (24 real posts: CJK titles, raw HTML, iframes, kramdown math, missing
    and remote images), imported with ``outcrop import`` and typeset."""
    site = tmp_path / "site"
    write_tree(site, {"conf.py": CONF.replace("Hostile book", "Hux Blog"), "index.md": INDEX})
    shutil.copytree(HUXBLOG / "img", site / "img")  # the migration guide's cp -r
    imported = outcrop("import", HUXBLOG / "_posts", site / "articles", "--report", tmp_path / "report.md", "-q")
    assert imported.returncode in (0, 1), imported.stderr
    posts = imported_posts(site)
    assert len(posts) >= 20
    result = outcrop("pdf", site, tmp_path / "out")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = squeeze(pdf_text(tmp_path / "out" / "huxblog.pdf"))
    # Titles as the book prints them: their markup (``<code>``) as styles.
    shown = [plain(inline_spans(str(post["title"]))) for post in posts]
    missing = [title for title in shown if squeeze(title) not in text]
    assert not missing
    types = {w["type"] for w in warnings_of(result.stdout + result.stderr)}
    # Remote images (offline here), images the sample left out, Liquid includes of
    # files it does not have: each a located warning, none a failure.
    assert {"outcrop.fetch", "outcrop.image", "outcrop.liquid"} <= types
    assert "Missing character" not in result.stderr
    assert len((result.stdout + result.stderr).splitlines()) < 300


def test_a_fixed_article_is_typeset_again(tmp_path: Path) -> None:
    """An article set aside by one run is tried again by the next: once its writer
    fixed it, the book prints it."""
    broken = "---\ntitle: Raw\n---\n\n```{raw} latex\n\\begin{nosuchenvironment}\n```\n\nFine text.\n"
    write_tree(tmp_path / "src", {"conf.py": CONF, "index.md": INDEX, "articles/2024-01-01-raw.md": broken})
    first = outcrop("pdf", tmp_path / "src", tmp_path / "out")
    assert first.returncode == 0 and "LaTeX cannot typeset this article" in first.stderr
    (tmp_path / "src" / "articles/2024-01-01-raw.md").write_text("---\ntitle: Raw\n---\n\nFine text.\n")
    second = outcrop("pdf", tmp_path / "src", tmp_path / "out")
    assert second.returncode == 0 and "LaTeX cannot typeset" not in second.stderr
    assert "Fine text." in pdf_text(tmp_path / "out" / "hostilebook.pdf")
