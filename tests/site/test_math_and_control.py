"""Math and control characters in the web edition: kramdown math becomes MathJax's
with numbered, referenceable environments whose ids are the same in every build; a
control character is removed with a warning in HTML as in the book."""

from __future__ import annotations

import re

from conftest import SiteFactory, article

KRAMDOWN = article(
    "title: Kramdown math",
    "## Energy\n\n"
    "$$\\begin{equation} E = mc^2 \\label{eq:energy} \\end{equation}$$\n\n"
    "As \\eqref{eq:energy} shows, with the set $$\\\\{0, 1\\\\}$$.\n\n"
    "$$\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n$$\n",
)
FILES = {
    "articles/2024-01-02-kramdown-math.md": KRAMDOWN,
    "articles/2024-01-04-control.md": article("title: Control\bcharacters", "## Body\n\nA bell\x07 here.\n"),
    "page.md": "# A page\n\nNot an article, with a form feed\x0c in it.\n",
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_kramdown_math_is_mathjax_with_stable_numbered_environments(make_site: SiteFactory) -> None:
    first = make_site(FILES, conf='exclude_patterns = ["_build"]\n')
    html = first.html("articles/2024-01-02-kramdown-math")
    assert "$$" not in html
    assert "\\begin{equation} E = mc^2 \\label{eq:energy} \\end{equation}" in html
    assert "\\(\\eqref{eq:energy}\\)" in html
    assert "\\(\\{0, 1\\}\\)" in html
    assert 'id="equation-articles-2024-01-02-kramdown-math-amsmath-1"' in html
    assert 'id="equation-articles-2024-01-02-kramdown-math-amsmath-2"' in html
    assert not UUID.search(html)
    # MathJax numbers them (AMS tags, so that \eqref works): Sphinx does not as well.
    assert 'class="eqno"' not in html
    second = make_site(FILES)
    assert second.html("articles/2024-01-02-kramdown-math") == html
    assert not [w for w in first.outcrop_warnings() if "kramdown-math" in w["path"]]


def test_control_characters_are_removed_with_a_warning(make_site: SiteFactory) -> None:
    site = make_site(FILES)
    html = site.html("articles/2024-01-04-control")
    assert "\b" not in html and "\x07" not in html
    assert "Controlcharacters" in html
    found = {(w["path"].rsplit("/", 1)[-1], w["line"], w["type"]) for w in site.outcrop_warnings()}
    assert ("2024-01-04-control.md", "2", "outcrop.control_character") in found
    assert ("2024-01-04-control.md", "7", "outcrop.control_character") in found
    assert ("page.md", "3", "outcrop.control_character") in found
    assert "\x0c" not in site.html("page")
