"""Jekyll constructs outcrop used to print as text: kramdown span attribute lists and
tables, Liquid inside code, Liquid tags over several lines, placeholders in raw HTML,
equation references. Each test names what Jekyll (kramdown + Liquid) publishes."""

from __future__ import annotations

import pytest

from outcrop.article.kramdown import convert_attribute_lists
from outcrop.article.liquid import LiquidContext, convert_liquid
from outcrop.article.math import convert_math
from outcrop.problems import ProblemKind

# -- 1. kramdown span IALs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kramdown", "myst"),
    [
        ("Edit `_config.yml`{: .filepath} first.", "Edit `_config.yml`{.filepath} first."),
        ("See ``a`b``{: .filepath}.", "See ``a`b``{.filepath}."),
        ("[Start](https://x.org){: .btn .btn-primary}", "[Start](https://x.org){.btn .btn-primary}"),
        ("[Start][ref]{: #go}", "[Start][ref]{#go}"),
        ("A **bold**{: .x} word", "A [**bold**]{.x} word"),
        ("An *em*{: .y} word", "An [*em*]{.y} word"),
        ('![Cliff](/a.png){: width="300" .left}', '![Cliff](/a.png){width="300" .left}'),
    ],
)
def test_span_ial_with_classes_becomes_a_myst_inline_attribute(kramdown: str, myst: str) -> None:
    """kramdown applies a span IAL to the span element right before it
    (``<code class="filepath">``, ``<a class="btn">``, ``<strong class="x">``); MyST's
    ``attrs_inline`` (enabled by outcrop) does the same for code, links and images, and a
    ``[...]{.x}`` span carries the class of emphasis, which it cannot take itself."""
    assert convert_attribute_lists(kramdown) == (myst, [])


def test_span_ial_attributes_myst_cannot_carry_are_removed_with_a_problem() -> None:
    """kramdown writes ``target="_blank"`` onto the ``<a>``; MyST links take only ids
    and classes, so the rest is removed and reported where it was."""
    text, problems = convert_attribute_lists('x\n[Docs](https://x.org){:target="_blank"} and [B](y){: .btn style="c"}')
    assert text == "x\n[Docs](https://x.org) and [B](y){.btn}"
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.KRAMDOWN, 2), (ProblemKind.KRAMDOWN, 2)]
    assert "target" in problems[0].message and "style" in problems[1].message


def test_span_ial_is_left_alone_inside_code() -> None:
    """Inside a code span or fence an IAL is text for kramdown too."""
    source = "Write `[a](b){: .btn}` or `x`{: .c}\n\n```\n`p`{: .filepath}\n```"
    assert convert_attribute_lists(source) == (
        "Write `[a](b){: .btn}` or `x`{.c}\n\n```\n`p`{: .filepath}\n```",
        [],
    )


# -- 3. {% raw %} inside code ----------------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ("Use `{% raw %}{{ page.title }}{% endraw %}` here", "Use `{{ page.title }}` here"),
        ("Use `{%- raw -%}{% if x %}{%- endraw -%}`", "Use `{% if x %}`"),
        ("```liquid\n{% raw %}{{ site.url }}{% endraw %}\n```", "```liquid\n{{ site.url }}\n```"),
        ("```html\n{% raw %}\n<p>{{ x }}</p>\n{% endraw %}\n```", "```html\n\n<p>{{ x }}</p>\n\n```"),
        ("Text\n\n    {% raw %}{{ x }}{% endraw %}\n", "Text\n\n    {{ x }}\n"),
        ("{% highlight liquid %}\n{% raw %}{{ x }}{% endraw %}\n{% endhighlight %}", "```liquid\n{{ x }}\n```"),
        # Other Liquid in code stays as written; only the raw tags are Jekyll's.
        ("`{% if a %}` and `{{ b }}`", "`{% if a %}` and `{{ b }}`"),
    ],
)
def test_raw_markers_inside_code_are_removed(liquid: str, myst: str) -> None:
    """Jekyll renders Liquid before kramdown sees the Markdown, so ``{% raw %}`` and
    ``{% endraw %}`` inside a code span or block are consumed and only what is between
    them is published (the Jekyll docs' own way to show Liquid in code)."""
    assert convert_liquid(liquid) == (myst, [])


def test_raw_opened_in_code_and_closed_in_prose() -> None:
    """Liquid's raw block ignores Markdown: opened inside a code span, it lasts until the
    next ``{% endraw %}``; a ``{% raw %}`` inside it is text."""
    source = "`{% raw %}{{ a }}` then {{ x }} and `{% raw %}` {% endraw %} {{ page.title }}"
    text, problems = convert_liquid(source, LiquidContext(variables={"page.title": "T"}))
    assert text == "`{{ a }}` then \\{\\{ x }} and `{% raw %}`  T"
    assert problems == []


# -- 4. Liquid tags over several lines -------------------------------------------------


def test_tag_over_several_lines_is_read_as_one() -> None:
    """Liquid's tag is ``{%`` ... ``%}`` whatever lines it spans (al-folio writes its
    figure includes so); Jekyll publishes what the tag makes, in its place. The
    converted text takes the first line, the tag's other lines stay as blank lines."""
    source = 'Before.\n\n{% include figure.html\n   image_path="/x.png"\n   caption="A cliff" %}\n\nAfter.'
    text, problems = convert_liquid(source)
    assert text.split("\n") == ["Before.", "", '![](/x.png "A cliff")', "", "", "", "After."]
    assert problems == []


def test_al_folio_figure_path_is_relative_to_the_site() -> None:
    """al-folio's ``figure`` include takes ``path`` and applies ``relative_url`` to it
    (a leading slash: the site root), as Minimal Mistakes does to ``image_path``."""
    text, _ = convert_liquid('{% include figure.liquid\n  path="assets/img/a b.jpg"\n  class="img-fluid" %}')
    assert text == "![](/assets/img/a%20b.jpg)\n\n"


def test_tag_over_several_lines_inside_a_paragraph_keeps_the_paragraph() -> None:
    """The blank lines go to the paragraph's end, so the paragraph stays one (the lines
    after it keep their numbers); an unconverted tag is reported at its first line."""
    source = "Text {% if page.x\n  and page.y %}shown{% endif %}\nmore text.\n\nNext {% if a %}."
    text, problems = convert_liquid(source)
    lines = text.split("\n")
    assert len(lines) == 5
    assert lines[0].startswith("Text {liquid}`{% if page.x and page.y %}`shown")
    assert lines[1:3] == ["more text.", ""]
    assert lines[4].startswith("Next {liquid}")
    assert [p.line for p in problems] == [1, 1, 5]


def test_tag_over_several_lines_in_code_is_left_alone() -> None:
    source = "```\n{% include x\n  y=1 %}\n```\n\n`{% a` and\nb %}"
    assert convert_liquid(source) == (source, [])


# -- 5. placeholders in raw HTML -------------------------------------------------------


def _html_span(line: str) -> bool:
    return '<span class="outcrop-liquid" data-liquid=' in line and "{liquid}" not in line


def test_every_line_of_an_html_block_gets_an_html_placeholder() -> None:
    """CommonMark: a block-level tag line opens an HTML block that ends at a blank line,
    and Markdown is not read inside it, so a MyST role there would print as its source.
    Jekyll ran the Liquid; what outcrop cannot run is shown as an HTML span there."""
    source = '<div class="row">\nSome {% if page.x %} text\n  {% assign y = 2 %}\n</div>\n\nAfter {% if page.z %}\n'
    lines, problems = convert_liquid(source)
    out = lines.split("\n")
    assert [_html_span(line) for line in out[:4]] == [False, True, True, False]
    assert out[5].startswith("After {liquid}`{% if page.z %}`")
    assert [p.line for p in problems] == [2, 3, 6]


@pytest.mark.parametrize(
    "source",
    [
        "<custom-card>\nA {% if a %}\n</custom-card>",  # type 7 after a blank line
        "<!-- note\n{% if a %}\n-->",  # a comment: up to -->
        "<table><tr><td>\n{% for r in rows %}\n</td></tr></table>",
    ],
)
def test_html_block_kinds(source: str) -> None:
    text, _ = convert_liquid(source)
    assert _html_span(text.split("\n")[1])


def test_a_tag_line_inside_a_paragraph_does_not_open_an_html_block() -> None:
    """A lone tag line (CommonMark's type 7) cannot interrupt a paragraph."""
    text, _ = convert_liquid("Text\n<custom-el>\nA {% if a %}")
    assert text.split("\n")[2].startswith("A {liquid}")


def test_converted_liquid_in_an_html_block_is_html() -> None:
    """In an HTML block a Markdown image or escaped text would print as written:
    the include becomes an ``<img>``, a variable its HTML-escaped text."""
    context = LiquidContext(variables={"page.title": "Rocks *and* <minerals>"})
    source = (
        '<div class="row">\n  {% include figure.html path="a.png" alt="A & B" caption="C" %}\n'
        "<h2>{{ page.title }}</h2>\n</div>"
    )
    text, problems = convert_liquid(source, context)
    assert text.split("\n")[1:3] == [
        '  <img src="/a.png" alt="A &amp; B" title="C">',
        "<h2>Rocks *and* &lt;minerals&gt;</h2>",
    ]
    assert problems == []


# -- 2. kramdown tables ----------------------------------------------------------------


def test_inner_separator_starts_a_body_kramdown_myst_drops_it() -> None:
    """kramdown: a separator line after the header separator starts a new ``<tbody>``
    (syntax docs, "Tables"); GFM tables have one body, so the line goes and the rows of
    the next body stay rows of the one table. The table's lines move up, a blank line
    after it keeps the lines after it where they were."""
    source = "| a | b |\n|---|---|\n| 1 | 2 |\n|---|---|\n| 3 | 4 |\n\nNext"
    assert convert_attribute_lists(source) == ("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n\nNext", [])


def test_footer_separator_rows_become_rows() -> None:
    """kramdown: rows after ``|===|`` are the ``<tfoot>``; GFM has no footer, so the
    separator goes and its rows are the table's last rows. Leading and trailing
    separator lines (kramdown ignores them) go too."""
    source = "|---\n| a | b\n|-|:-\n| 1 | 2\n|===\n| Sum | 3\n|---\n"
    text, problems = convert_attribute_lists(source)
    assert text == "| a | b\n|-|:-\n| 1 | 2\n| Sum | 3\n\n\n\n"
    assert problems == []


def test_kramdown_header_separator_is_made_a_gfm_delimiter_row() -> None:
    """kramdown takes ``|-`` or ``|---+---|`` with any number of columns; GFM needs one
    delimiter cell per header cell."""
    text, _ = convert_attribute_lists("| a | b | c |\n|:-:+---|\n| 1 | 2 | 3 |")
    assert text == "| a | b | c |\n| :-: | --- | --- |\n| 1 | 2 | 3 |"


def test_table_without_header_gets_its_first_row_as_header() -> None:
    """kramdown tables need no header (syntax docs: "kramdown tables do not need to have
    a table header"): all rows are ``<tbody>`` rows. A GFM table must have one, so the
    first row becomes it (the nearest MyST can do). The delimiter row takes a second
    blank line after the table or the one between it and a heading (GFM reads any line
    right after a table as a row, so one blank line after it must stay)."""
    source = "## Heading\n\n| a | b |\n| 1 | 2 |\n\nNext"
    assert convert_attribute_lists(source) == ("## Heading\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nNext", [])
    source = "Text\n\n| a | b |\n| 1 | 2 |\n\n\nNext"
    assert convert_attribute_lists(source) == ("Text\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nNext", [])
    # No line to take: the lines after it move down one.
    source = "Text\n\n| a | b |\n| 1 | 2 |\n\nNext"
    assert convert_attribute_lists(source)[0] == "Text\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nNext"


@pytest.mark.parametrize(
    "source",
    [
        "| a | b |\n|---|---|\n| 1 | 2 |\n",  # already GFM
        "Text\n| a | b |\n| 1 | 2 |",  # not on a block boundary: not a kramdown table
        "```\n| a |\n|---|\n| 1 |\n|---|\n```",
        "    | a |\n    | 1 |",
    ],
)
def test_tables_left_alone(source: str) -> None:
    assert convert_attribute_lists(source) == (source, [])


# -- 6. equation references ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kramdown", "myst"),
    [
        # kramdown turns \\ into \: MathJax (processRefs) reads \eqref in the text.
        ("Eq. \\\\eqref{eq:x} shows", "Eq. $\\eqref{eq:x}$ shows"),
        ("See \\eqref{eq: a b}.", "See $\\eqref{eq: a b}$."),
        # kramdown turns \\( \\) into \( \): MathJax's inline delimiters.
        ("By \\\\(\\eqref{eq:a}\\\\) and \\\\( x_1 \\\\).", "By $\\eqref{eq:a}$ and $x_1$."),
        # Display math inside a paragraph: inline, in display style, the paragraph whole.
        ("Display \\\\[ a = b \\\\] here", "Display $\\displaystyle a = b$ here"),
        ("\\\\[ a = b \\\\]", "$$a = b$$"),
        ("`\\\\eqref{x}` in code", "`\\\\eqref{x}` in code"),
    ],
)
def test_references_and_mathjax_delimiters_in_the_text(kramdown: str, myst: str) -> None:
    """What kramdown leaves of these is what MathJax, which Jekyll blogs load, reads:
    ``\\eqref``/``\\ref`` in the text (MathJax's ``processRefs``) and ``\\(...\\)``,
    ``\\[...\\]`` math; MyST only reads math it is told of, so they become math."""
    assert convert_math(kramdown) == myst


def test_mathjax_display_delimiters_on_their_own_lines() -> None:
    source = "Text\n\n\\\\[\n\\begin{equation} a \\label{eq:a} \\end{equation}\n\\\\]\n"
    assert convert_math(source) == "Text\n\n\n\\begin{equation} a \\label{eq:a} \\end{equation}\n\n"


def test_environment_written_with_a_space_loses_its_dollars() -> None:
    """LaTeX and MathJax read ``\\begin {equation}`` as ``\\begin{equation}`` (a real
    blog writes it so); MyST's amsmath reads only the latter, so it is written so and
    the ``$$`` around it go, as for any lone environment: the label works."""
    source = "$$\n\\begin {equation} \\label{diffint}\nx\n\\end {equation}\n$$"
    assert convert_math(source) == "\n\\begin{equation} \\label{diffint}\nx\n\\end{equation}\n"


def test_comment_in_an_html_block_is_an_html_comment() -> None:
    """Jekyll drops a ``{% comment %}`` block; in an HTML block a MyST ``%`` comment
    would print, an HTML comment does not."""
    source = '<div class="x">\n{% comment %}\nnot -- shown\n{% endcomment %}\n</div>'
    assert convert_liquid(source) == ('<div class="x">\n<!--\nnot - - shown\n-->\n</div>', [])


def test_headerless_table_in_a_list_keeps_its_indentation() -> None:
    source = "- item\n\n  | a | b |\n  | 1 | 2 |\n\n\nNext"
    assert convert_attribute_lists(source)[0] == "- item\n\n  | a | b |\n  | --- | --- |\n  | 1 | 2 |\n\nNext"


def test_converted_raw_content_in_code_reads_the_same_when_converted_again() -> None:
    """The Jekyll news post of 4.0.0.pre.alpha1 writes `` `{% raw %}{% raw %}{% endraw %}` ``:
    Jekyll shows `` `{% raw %}` ``. The import writes that; the build converts the imported
    text again and must show the same (an unclosed ``{% raw %}`` in code is text), not
    read the rest of the file as raw."""
    source = "A [`{% raw %}{% raw %}{% endraw %}`](https://x.org) link.\n\n```\n{% raw %}\n{{ a }}\n{% endraw %}\n```\n"
    once, problems = convert_liquid(source)
    assert once == "A [`{% raw %}`](https://x.org) link.\n\n```\n\n{{ a }}\n\n```\n"
    twice, again = convert_liquid(once)
    assert (twice, problems, again) == (once, [], [])
