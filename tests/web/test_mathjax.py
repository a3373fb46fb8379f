"""Math renders offline: the pages load the MathJax outcrop ships, copied into the output
by a build that wrote math; a site's own ``mathjax_path`` (a CDN) is left alone."""

from __future__ import annotations

from pathlib import Path

from conftest import SiteFactory, article, html_pages

MATH = "articles/2024-01-01-math"
BODY = (
    "Inline $M_0 = \\mu A D$ and display:\n\n$$c = \\sqrt{g h}$$\n\n"
    "```{math}\n:label: wave\n\nE = \\tfrac{1}{2} \\rho g H^2\n```\n\n"
    "\\begin{align}\na &= b + c \\label{eq:sum}\\\\\nd &= e\n\\end{align}\n\nSee {eq}`wave`.\n"
)


def math_site(make_site: SiteFactory, conf: str = "", parallel: int = 0):  # type: ignore[no-untyped-def]
    files = {
        f"{MATH}.md": article("title: Math\ndate: 2024-01-01", BODY),
        "articles/2024-01-02-plain.md": article("title: Plain\ndate: 2024-01-02"),
    }
    return make_site(files, conf=conf, parallel=parallel)


def scripts(site, docname: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [s["src"] for s in site.soup(docname).select("script[src]")]


def test_math_pages_load_the_mathjax_of_the_site(make_site: SiteFactory) -> None:
    site = math_site(make_site)
    assert site.outcrop_warnings() == []
    assert "../_static/outcrop-mathjax/tex-chtml-full.js" in scripts(site, MATH)
    for name, page in html_pages(site.outdir).items():
        assert b"cdn.jsdelivr.net" not in page and b"mathjax@" not in page, name
    folder = site.outdir / "_static" / "outcrop-mathjax"
    script = folder / "tex-chtml-full.js"
    assert script.stat().st_size > 1_000_000 and script.read_bytes().startswith(b"(function(){")
    fonts = sorted(p.name for p in (folder / "output/chtml/fonts/woff-v2").iterdir())
    assert len(fonts) == 23 and "MathJax_Main-Regular.woff" in fonts and "MathJax_Math-Italic.woff" in fonts
    # The configuration MathJax reads still numbers amsmath environments.
    inline = " ".join(s.get_text() for s in site.soup(MATH).select("script:not([src])"))
    assert '"tags": "ams"' in inline
    assert "outcrop-mathjax" not in " ".join(scripts(site, "articles/2024-01-02-plain"))  # no math, no MathJax


def test_a_site_without_math_gets_no_copy(make_site: SiteFactory) -> None:
    site = make_site({"articles/2024-01-02-plain.md": article("title: Plain\ndate: 2024-01-02")})
    assert not (site.outdir / "_static" / "outcrop-mathjax").exists()


def test_a_site_that_chooses_a_cdn_keeps_it(make_site: SiteFactory) -> None:
    cdn = "https://cdn.example.org/mathjax@3/es5/tex-chtml.js"
    site = math_site(make_site, conf=f"mathjax_path = {cdn!r}\n")
    assert cdn in scripts(site, MATH)
    assert not (site.outdir / "_static" / "outcrop-mathjax").exists()


def test_parallel_builds_copy_it_too(make_site: SiteFactory) -> None:
    site = math_site(make_site, parallel=2)
    assert (site.outdir / "_static" / "outcrop-mathjax" / "tex-chtml-full.js").is_file()


def test_a_rebuild_copies_nothing(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "again"
    first = make_site({f"{MATH}.md": article("title: Math\ndate: 2024-01-01", BODY)}, srcdir=src)
    script = first.outdir / "_static" / "outcrop-mathjax" / "tex-chtml-full.js"
    stamp = script.stat().st_mtime_ns
    again = make_site({f"{MATH}.md": article("title: Math\ndate: 2024-01-01", BODY + "\nMore.\n")}, srcdir=src)
    assert "More." in again.html(MATH)  # the page with math written again
    assert script.stat().st_mtime_ns == stamp
