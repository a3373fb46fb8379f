"""Series in the PDF and EPUB editions: the box in each part (a framed list in the
``.tex``, a list in the EPUB's XHTML) and the parts in the series' order within
their book part, asserted on what the builders write."""

from __future__ import annotations

import re

from conftest import SiteFactory, article

FILES = {
    "index.md": "# The Quarry\n\nField notes.\n",
    # Part numbers run against the dates: the book follows the numbers.
    "articles/2024-01-01-c.md": article("title: Walk C\ncategories: [Field]\nseries: {name: Basalt & Co, part: 3}"),
    "articles/2024-02-01-a.md": article("title: Walk A\ncategories: [Field]\nseries: {name: Basalt & Co, part: 1}"),
    "articles/2024-02-15-between.md": article("title: Between\ncategories: [Field]"),
    "articles/2024-03-01-b.md": article("title: Walk B\ncategories: [Field]\nseries: {name: Basalt & Co, part: 2}"),
    "articles/2024-04-01-alone.md": article("title: Alone\ncategories: [Field]\nauthor: Ada"),
}
TITLES = ["Walk A", "Walk B", "Walk C"]


def test_the_book_prints_the_series_box_and_orders_the_parts(make_site: SiteFactory) -> None:
    site = make_site(FILES, buildername="latex")
    tex = next(site.outdir.glob("*.tex")).read_text(encoding="utf-8")
    chapters = re.findall(r"\\chapter\{([^}]*)\}", tex)
    # Oldest first, except that the parts take the places the series had, in its order.
    assert chapters == ["Introduction", "Walk A", "Walk B", "Between", "Walk C", "Alone"]
    boxes = re.findall(r"\\begin\{sphinxuseclass\}\{outcrop-series\}(.*?)\\end\{sphinxuseclass\}", tex, re.S)
    assert len(boxes) == 3
    for position, (title, box) in enumerate(zip(TITLES, boxes, strict=True), start=1):
        assert f"Part {position} of 3 in the series \\sphinxstyleemphasis{{Basalt \\& Co}}" in box
        items = re.findall(r"\\item \{\} \s*(.*?)\n\s*\n", box, re.S)
        assert len(items) == 3
        assert items[position - 1].splitlines()[-1].strip() == f"\\sphinxstylestrong{{{title}}}", (
            "the current part, not a link"
        )
        links = re.findall(r"\\hyperref\[\\detokenize\{(articles/[^}]*)::doc\}\]\{\\sphinxcrossref\{([^}]*)\}\}", box)
        assert [t for _, t in links] == [t for t in TITLES if t != title]
        assert all(f"\\label{{\\detokenize{{{d}::doc}}}}" in tex for d, _ in links), "each link has its target"
    # The box comes right after the article's header, before its text.
    chapter_c = tex.index(r"\chapter{Walk C}")
    assert chapter_c < tex.index("Part 3 of 3", chapter_c) < tex.index("Some text.", chapter_c)
    assert r"\newenvironment{sphinxclassoutcrop-series}" in tex
    # No box for an article of no series.
    alone = tex[tex.index(r"\chapter{Alone}") :]
    assert "outcrop-series" not in alone and "Ada" in alone


def test_the_epub_prints_the_series_box_in_its_order(make_site: SiteFactory) -> None:
    site = make_site(FILES, buildername="epub")
    opf = (site.outdir / "content.opf").read_text(encoding="utf-8")
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [hrefs[i] for i in re.findall(r'<itemref idref="([^"]+)"', opf)]
    articles = [h for h in spine if h.startswith("articles/")]
    assert articles == [
        "articles/2024-02-01-a.xhtml",
        "articles/2024-03-01-b.xhtml",
        "articles/2024-02-15-between.xhtml",
        "articles/2024-01-01-c.xhtml",
        "articles/2024-04-01-alone.xhtml",
    ]
    page = (site.outdir / "articles/2024-03-01-b.xhtml").read_text(encoding="utf-8")
    box = re.search(r'<div class="outcrop-series[^"]*">(.*?)</div>', page, re.S)
    assert box is not None
    text = box.group(1)
    assert "Part 2 of 3 in the series <em>Basalt &amp; Co</em>" in text
    assert re.findall(r"<li><p>(.*?)</p></li>", text) == [
        '<a class="reference internal" href="2024-02-01-a.xhtml">Walk A</a>',
        "<strong>Walk B</strong>",
        '<a class="reference internal" href="2024-01-01-c.xhtml">Walk C</a>',
    ]
    assert "outcrop-series" not in (site.outdir / "articles/2024-04-01-alone.xhtml").read_text(encoding="utf-8")
