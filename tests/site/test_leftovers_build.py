"""Jekyll constructs outcrop used to print as text, built: the literal syntax is gone
from the HTML outside code and the element Jekyll makes is there."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import SiteFactory, article

NAME = "articles/2024-01-01-leftovers"


def _prose(page: BeautifulSoup) -> str:
    """The article's text outside code."""
    body = page.select_one("article") or page
    for code in body.select("pre, code"):
        code.decompose()
    return body.get_text()


def test_span_ials(make_site: SiteFactory) -> None:
    """kramdown: ``<code class="filepath">``, ``<a class="btn">``, ``<strong class="x">``;
    ``target`` is dropped with a warning at its line."""
    body = (
        "## Span IALs\n\n"
        "Edit `_config.yml`{: .filepath} and [start](https://example.org/){: .btn}.\n\n"
        'A **bold**{: .x} word and [docs](https://example.org/d){:target="_blank"}.\n'
    )
    site = make_site({f"{NAME}.md": article("title: Leftovers", body)})
    page = site.soup(NAME)
    assert page.select_one("code.filepath").get_text() == "_config.yml"
    assert page.select_one("a.btn")["href"] == "https://example.org/"
    assert page.select_one("span.x > strong").get_text() == "bold"
    assert "{:" not in _prose(page) and "{." not in _prose(page)
    warnings = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.kramdown"]
    assert [(w["line"], "target" in w["msg"]) for w in warnings] == [("9", True)]


def test_raw_markers_in_code(make_site: SiteFactory) -> None:
    """Jekyll consumes ``{% raw %}``/``{% endraw %}`` before Markdown: the published code
    shows only the Liquid between them."""
    body = (
        "## Raw\n\n"
        "Write `{% raw %}{{ page.title }}{% endraw %}` in a layout.\n\n"
        "```liquid\n{% raw %}{% for post in site.posts %}{% endraw %}\n```\n"
    )
    site = make_site({f"{NAME}.md": article("title: Leftovers", body)})
    page = site.soup(NAME)
    codes = [c.get_text() for c in page.select("code, pre")]
    assert "{{ page.title }}" in codes
    assert any(c.strip() == "{% for post in site.posts %}" for c in codes)
    assert "raw %}" not in site.html(NAME)


def test_tag_over_several_lines(make_site: SiteFactory) -> None:
    """Liquid reads ``{% include figure.html`` and its arguments on the next lines as one
    tag: Jekyll publishes the figure; the lines after keep their numbers."""
    body = (
        "## Figure\n\n"
        "{% include figure.html\n"
        '   image_path="/assets/cliff.png"\n'
        '   alt="A cliff"\n'
        '   caption="The cliff" %}\n\n'
        "Then {% if page.draft %}.\n"
    )
    site = make_site({f"{NAME}.md": article("title: Leftovers", body)})
    page = site.soup(NAME)
    assert page.select_one("img")["alt"] == "A cliff"
    assert "{%" not in _prose(page).replace("{% if page.draft %}", "")
    liquid = [w["line"] for w in site.outcrop_warnings() if w["type"] == "outcrop.liquid"]
    assert liquid == ["12"]


def test_placeholders_in_an_html_block(make_site: SiteFactory) -> None:
    """Markdown is not read inside an HTML block (CommonMark: up to the blank line), so
    a MyST role there would show its source: the placeholder is an HTML span instead."""
    body = (
        "## HTML\n\n"
        '<div class="row">\n'
        "{% capture intro %}Hello{% endcapture %}\n"
        "  Text {% if page.x %}shown{% endif %}\n"
        "</div>\n"
    )
    site = make_site({f"{NAME}.md": article("title: Leftovers", body)})
    page = site.soup(NAME)
    assert len(page.select("div.row span.outcrop-liquid")) == 4  # capture, endcapture, if, endif
    assert "{liquid}" not in site.html(NAME)


def test_kramdown_tables(make_site: SiteFactory) -> None:
    """kramdown's table with two bodies and a footer, and one without a header: each
    one table, no separator printed as a row; the lines after keep their numbers."""
    body = (
        "## Tables\n\n"
        "| Rock | Age |\n"
        "|------|----:|\n"
        "| Basalt | 1 |\n"
        "|------+-----|\n"
        "| Gneiss | 2 |\n"
        "|======+=====|\n"
        "| Total | 3 |\n\n"
        "### Without a header\n\n"
        "| x | y |\n"
        "| 1 | 2 |\n\n"
        "Then {% if page.draft %}.\n"
    )
    site = make_site({f"{NAME}.md": article("title: Leftovers", body)})
    page = site.soup(NAME)
    tables = page.select("table")
    assert len(tables) == 2
    assert [len(t.select("tbody tr")) for t in tables] == [3, 1]
    assert [td.get_text() for td in tables[0].select("tbody td")][::2] == ["Basalt", "Gneiss", "Total"]
    assert "---" not in _prose(page) and "===" not in _prose(page)
    liquid = [w["line"] for w in site.outcrop_warnings() if w["type"] == "outcrop.liquid"]
    assert liquid == ["20"]


def test_equation_references(make_site: SiteFactory) -> None:
    r"""A real Jekyll post's ``\begin {equation} \label{diffint}`` in ``$$`` and its
    ``\eqref`` written bare, kramdown-escaped (``\\eqref``) and in MathJax's ``\\( \\)``:
    on Jekyll MathJax reads them all; here each is math MathJax reads (the reference
    inline math, the labelled environment an amsmath block), none printed as text."""
    body = (
        "## Equations\n\n"
        "Here an example in Eq. \\eqref{diffint}, also \\\\eqref{diffint} and \\\\(\\eqref{diffint}\\\\).\n\n"
        "$$\n\\begin {equation} \\label{diffint}\n\\frac{d}{dx} \\int_a^x f(s)\\,ds = f(x)\n\\end{equation}\n$$\n"
    )
    site = make_site({f"{NAME}.md": article("title: Leftovers", body)})
    page = site.soup(NAME)
    refs = [m.get_text() for m in page.select("p span.math")]
    assert refs == ["\\(\\eqref{diffint}\\)"] * 3
    block = page.select_one("div.amsmath.math")
    assert block is not None and "\\label{diffint}" in block.get_text()
    for math in page.select(".math"):
        math.decompose()
    assert "eqref" not in _prose(page) and "\\(" not in _prose(page)
