"""Faults and reproducibility: a build killed while writing, two clean builds compared
byte for byte, and the raw-HTML policy."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SiteFactory, article, write_tree

CONF = 'extensions = ["outcrop"]\nproject = "R"\nhtml_baseurl = "https://example.org/"\noutcrop_now = "2025-06-01"\n'
INDEX = "# Home\n\n```{outcrop-latest}\n:limit: 5\n```\n"


def corpus(count: int) -> dict[str, str]:
    files = {"conf.py": CONF, "index.md": INDEX}
    for i in range(count):
        body = "## Part\n\n" + f"Paragraph {i} about granite and basalt. " * 40 + "\n"
        files[f"articles/2024-01-{i % 28 + 1:02d}-a{i}.md"] = article(
            f"title: Article {i}\ntags: [t{i % 7}, shared]\ncategories: [c{i % 3}]", body
        )
    return files


def sphinx(src: Path, out: Path, env: dict[str, str] | None = None) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)]


def outputs(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xml", ".txt", ".js"} and ".doctrees" not in p.parts
    }


def test_a_build_killed_while_writing_is_repaired_by_the_next(tmp_path: Path) -> None:
    src, out, clean = tmp_path / "src", tmp_path / "out", tmp_path / "clean"
    write_tree(src, corpus(150))
    # Build once, then change every article's body so that the next build rewrites all.
    subprocess.run(sphinx(src, out), check=True, capture_output=True)
    for path in (src / "articles").glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    for line in process.stdout:
        if ("writing output" in line and "%]" in line) or time.monotonic() > deadline:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert len(list((out / ".doctrees" / "outcrop").glob("*/unfinished"))) == 1
    # What a kill during a write leaves: a page cut short, newer than its source, so
    # Sphinx alone would keep it. Make sure there is one, whatever the kill's timing.
    written = max((out / "articles").glob("*.html"), key=lambda p: p.stat().st_mtime)
    cut = written.read_bytes()
    written.write_bytes(cut[: len(cut) // 2])
    subprocess.run(sphinx(src, out), check=True, capture_output=True)
    subprocess.run(sphinx(src, clean), check=True, capture_output=True)
    assert list((out / ".doctrees" / "outcrop").glob("*/unfinished")) == []
    after, expected = outputs(out), outputs(clean)
    assert after.keys() == expected.keys()
    different = [name for name in expected if after[name] != expected[name] and name != "searchindex.js"]
    assert different == []


def test_bookkeeping_stays_out_of_the_published_output(tmp_path: Path) -> None:
    """outcrop's own files live beside the doctrees, one folder per output folder: two
    builders sharing one doctree folder (as ``-M`` does) each rebuild incrementally
    right, and neither output folder holds anything of outcrop's bookkeeping."""
    src, doctrees = tmp_path / "src", tmp_path / "doctrees"
    write_tree(src, corpus(6))
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    legacy = tmp_path / "html" / ".outcrop-build.json"  # where an older outcrop kept it
    legacy.parent.mkdir()
    legacy.write_text("{}", encoding="utf-8")

    def build(builder: str) -> None:
        out = tmp_path / builder
        command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-d", str(doctrees), str(src), str(out)]
        subprocess.run(command, check=True, capture_output=True)

    for builder in ("html", "dirhtml"):
        build(builder)
    # The card images' cache is by content, shared by both builders.
    folders = sorted(f for f in (doctrees / "outcrop").iterdir() if f.name != "cards")
    assert len(folders) == 2
    assert all(sorted(p.name for p in f.iterdir()) == ["build.json", "cards.json", "feeds.json"] for f in folders)
    for builder in ("html", "dirhtml"):
        hidden = sorted(p.name for p in (tmp_path / builder).iterdir() if p.name.startswith("."))
        assert hidden == [".buildinfo"], builder
    # A retitled article: each output folder, rebuilt from the shared doctrees, shows it
    # on the home page (the other builder's bookkeeping must not make it skip the page).
    newest = src / "articles" / "2024-01-06-a5.md"
    newest.write_text(newest.read_text(encoding="utf-8").replace("Article 5", "Retitled"), encoding="utf-8")
    for builder in ("html", "dirhtml"):
        build(builder)
    assert "Retitled" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Retitled" in (tmp_path / "dirhtml" / "index.html").read_text(encoding="utf-8")


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    files = corpus(12)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    results = []
    for name in ("one", "two"):
        write_tree(tmp_path / name / "src", files)
        out = tmp_path / name / "out"
        subprocess.run(sphinx(tmp_path / name / "src", out), check=True, capture_output=True, env=env)
        results.append(outputs(out))
    assert results[0].keys() == results[1].keys()
    assert "atom.xml" in results[0] and "sitemap.xml" in results[0] and "tags/shared.html" in results[0]
    assert [n for n in results[0] if results[0][n] != results[1][n]] == []


def test_raw_html_policy(make_site: SiteFactory) -> None:
    """``outcrop_raw_html``: keep publishes scripts and iframes silently, warn publishes
    them with a warning each, strip removes them with a warning each (a strip that
    removes without a word, or warns about the site's own pages, fails)."""
    body = "Text.\n\n<script>alert(1)</script>\n\n<iframe src='https://example.org/'></iframe>\n\n<b>bold</b>\n"
    files = {"articles/2024-01-01-raw.md": article("title: Raw", body), "page.md": "# Page\n\n<script>x()</script>\n"}
    kept = make_site(files)
    assert "<script>alert(1)</script>" in kept.html("articles/2024-01-01-raw")
    assert kept.outcrop_warnings() == []
    warned = make_site(files, conf='outcrop_raw_html = "warn"\n')
    assert [(w["line"], w["type"]) for w in warned.outcrop_warnings()] == [
        ("7", "outcrop.raw_html"),
        ("9", "outcrop.raw_html"),
    ]
    assert "<script>alert(1)</script>" in warned.html("articles/2024-01-01-raw")
    stripped = make_site(files, conf='outcrop_raw_html = "strip"\n')
    page = stripped.html("articles/2024-01-01-raw")
    assert "<script>alert" not in page and "<iframe" not in page and "<b>bold</b>" in page
    # one warning per removed element, at its line; none for the page (a loop over no
    # warnings at all would pass for a strip that reports nothing)
    assert [(Path(w["path"]).name, w["line"], w["type"], w["msg"]) for w in stripped.outcrop_warnings()] == [
        ("2024-01-01-raw.md", "7", "outcrop.raw_html", "raw HTML <script> removed (outcrop_raw_html)"),
        ("2024-01-01-raw.md", "9", "outcrop.raw_html", "raw HTML <iframe> removed (outcrop_raw_html)"),
    ]
    assert "<script>x()</script>" in stripped.html("page")  # the site's own pages are its business


def test_an_article_that_turns_unreadable_leaves_the_site(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "incremental"
    files: dict[str, str | bytes] = {
        "articles/2024-01-01-a.md": article("title: Stays\ntags: [granite]"),
        "articles/2024-01-02-b.md": article("title: Goes bad\ntags: [granite, basalt]"),
    }
    first = make_site(files, srcdir=src)
    assert (first.outdir / "tags" / "basalt.html").is_file()
    files["articles/2024-01-02-b.md"] = article("title: Caf\xe9 now in Latin-1\ntags: [granite]").encode("latin-1")
    incremental = make_site(files, srcdir=src, freshenv=False)
    clean = make_site(files)
    assert [w["type"] for w in incremental.outcrop_warnings()] == ["outcrop.encoding"]
    assert not (incremental.outdir / "articles" / "2024-01-02-b.html").exists()
    assert not (incremental.outdir / "tags" / "basalt.html").exists()
    for page in ("index", "tags/granite", "articles/2024-01-01-a"):
        assert incremental.html(page) == clean.html(page), page


def test_a_rebuild_does_not_announce_a_configuration_change(make_site: SiteFactory, tmp_path: Path) -> None:
    """sphinx-design (its static folder) and MyST-Parser (its MathJax classes) change the
    configuration at builder-inited, after Sphinx compared it with the pickled one:
    outcrop sets both earlier, so an unchanged site's rebuild does not say "The
    configuration has changed" every time."""
    src = tmp_path / "site"
    # "basic": Sphinx's test app swaps alabaster for it after loading the environment
    conf = 'html_theme = "basic"\n'
    make_site({"articles/2024-01-01-a.md": "---\ntitle: A\n---\n\nText $x$.\n"}, srcdir=src, conf=conf)
    again = make_site({}, srcdir=src, conf=conf, freshenv=False)
    status = again.app.status.getvalue()
    assert "loading pickled environment" in status
    assert "configuration has changed" not in status, status
    assert again.app.config.html_static_path == list(dict.fromkeys(again.app.config.html_static_path))
