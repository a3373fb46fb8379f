"""The hostile corpus (tests/hostile_corpus.py) built as one site, in HTML and LaTeX:
the build completes, the good articles come through, each problem is one located
warning, hostile markup is escaped in every output, and nothing outside the source
is read or written."""

from __future__ import annotations

import collections
from pathlib import Path

import hostile_corpus as hc
from conftest import WARNING_RE, Site, SiteFactory

CONF = 'html_baseurl = "https://example.org/"\noutcrop_now = "2025-01-01"\n'


def tree(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}


def build_hostile(make_site: SiteFactory, tmp_path: Path, buildername: str) -> tuple[Site, Path]:
    srcdir = tmp_path / "src"
    outside = tmp_path / "outside"
    files = hc.corpus(outside)
    srcdir.mkdir()
    (srcdir / "articles").mkdir()
    hc.link_outside(srcdir, outside)
    before = tree(outside)
    site = make_site(files, conf=CONF, buildername=buildername, srcdir=srcdir)
    assert tree(outside) == before
    # Only the source folder (with its _build output) and the outside folder exist.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "src"]
    return site, srcdir


def located(site: Site) -> list[tuple[str, int, str]]:
    text = site.warnings
    lines = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]
    found = [(Path(m["path"]).as_posix(), int(m["line"]), m["type"]) for m in WARNING_RE.finditer(text)]
    assert len(found) == len(lines), "every warning names its file and line:\n" + "\n".join(lines)
    return found


def test_hostile_site_in_html(make_site: SiteFactory, tmp_path: Path) -> None:
    site, srcdir = build_hostile(make_site, tmp_path, "html")
    warnings = located(site)
    by_file: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for path, line, subtype in warnings:
        by_file[str(Path(path).relative_to(srcdir).as_posix())].append((line, subtype))
    for name, problems in hc.expected().items():
        assert sorted(by_file.get(name, [])) == sorted(problems), (name, by_file.get(name))
    unexpected = {n: p for n, p in by_file.items() if n not in hc.expected()}
    assert unexpected == {}, unexpected

    out = site.outdir
    for name in [*hc.GOOD, *hc.CASES, "articles/2024-02-22-huge.md"]:
        assert (out / name).with_suffix(".html").is_file() == (name not in hc.REFUSED), name
    assert not (out / "articles" / "2024-02-23-symlink.html").exists()
    granite = site.soup("tags/granite")
    assert granite.select_one('a[href$="2024-01-01-good-one.html"]') is not None
    assert len(list((out / "tags").glob("t*.html"))) >= 2000

    # Hostile markup is text in every page, feed, sitemap and meta tag.
    for path in out.rglob("*"):
        if not path.is_file() or "_sources" in path.parts or path.suffix not in {".html", ".xml", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert hc.SECRET not in text, path
        assert "<script>alert" not in text and "<img src=x" not in text, path
    page = site.soup("articles/2024-02-15-html")
    heading = page.select_one("h1").get_text().replace("“", '"').replace("”", '"')  # Sphinx's smartquotes
    # The title's HTML is read as styles: <img> is dropped (never an element), a tag
    # outcrop does not style (<script>) stays text.
    shown = 'Title <script>alert("xss")</script> & more'
    assert heading.startswith(shown)
    assert page.select_one("h1 img") is None and page.select_one("h1 script") is None
    assert page.select_one('meta[property="og:title"]')["content"] == shown
    assert page.select_one("img.outcrop-banner")["alt"] == hc.PAYLOAD
    feed = (out / "atom.xml").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in feed
    # The search index holds the title as JSON data (the browser tests check that the
    # search page shows it as text).
    assert hc.SECRET not in (out / "searchindex.js").read_text(encoding="utf-8")


def test_hostile_site_in_latex(make_site: SiteFactory, tmp_path: Path) -> None:
    site, _ = build_hostile(make_site, tmp_path, "latex")
    located(site)
    tex = next(site.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert hc.SECRET not in tex
    # TeX's special characters are escaped wherever front matter reaches the .tex
    # (body, index, cover, PDF metadata); "<" is an ordinary character to xelatex.
    assert "\\input{/etc/passwd}" not in tex and "\\def\\x{" not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex
    assert "\\chapter{Title <script>alert(" in tex  # markup is text; "<" is harmless in TeX
    assert r"\chapter{Good one}" in tex and r"\chapter{A five megabyte article}" in tex
