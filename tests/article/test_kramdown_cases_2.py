"""kramdown's ``{:toc}`` and ``{: .no_toc}``, block attribute lists that make (or fail to
make) an admonition, span attribute lists after text, links and images, and kramdown
tables' delimiter rows: the exact MyST each becomes and the exact warning a writer reads."""

from __future__ import annotations

import pytest

from outcrop.article.kramdown import convert_attribute_lists
from outcrop.problems import Problem, ProblemKind

NO_EQUIVALENT = "kramdown attribute list {{: {body}}} has no MyST equivalent; removed"
NO_PARAGRAPH = "kramdown attribute list {{: {body}}} follows no paragraph; removed"


def kramdown(message: str, line: int) -> Problem:
    return Problem(ProblemKind.KRAMDOWN, message, line)


# -- {:toc} and {: .no_toc} -------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "* TOC\n{:toc}\n\n# A",
        "* TOC\n{: toc}\n\n# A",
        "* TOC\n{: .toc}\n\n# A",
        "1. TOC\n{:.toc}\n\n# A",
    ],
)
def test_toc_list_becomes_a_contents_directive(source: str) -> None:
    """kramdown's table of contents (a one-item list marked ``{:toc}``) becomes MyST's
    ``{contents}`` directive on the same two lines, without a warning."""
    assert convert_attribute_lists(source) == (":::{contents}\n:::\n\n# A", [])


@pytest.mark.parametrize(
    ("source", "myst", "line"),
    [
        # After a paragraph, not a list: nothing to make a table of contents of.
        ("Text\n{:toc}", "Text\n", 2),
        # On the first line, even when the last line of the file is a list item.
        ("{:toc}\n\n- last item", "\n\n- last item", 1),
        # After a blank line.
        ("- item\n\n{:toc}", "- item\n\n", 3),
    ],
)
def test_toc_marker_without_a_list_before_it_is_removed_with_a_warning(source: str, myst: str, line: int) -> None:
    """``{:toc}`` not right after a list item is removed, and the writer is told so."""
    assert convert_attribute_lists(source) == (myst, [kramdown(NO_EQUIVALENT.format(body="toc"), line)])


def test_toc_marker_right_after_the_front_matter_is_removed_with_a_warning() -> None:
    """A list item in the front matter is not the table of contents of a ``{:toc}`` on
    the first line of the body."""
    text, problems = convert_attribute_lists("- x\n{:toc}\nText", first_line=1)
    assert (text, problems) == ("- x\n\nText", [kramdown(NO_EQUIVALENT.format(body="toc"), 2)])


def test_no_toc_is_removed_silently() -> None:
    """``{: .no_toc}`` (meaningless without kramdown's table of contents) leaves a blank
    line and no warning."""
    assert convert_attribute_lists("# Title {#t}\n{: .no_toc}\nText") == ("# Title {#t}\n\nText", [])


@pytest.mark.parametrize("body", [".NO_TOC", ".no_toc .wide"])
def test_no_toc_with_other_classes_or_case_is_an_ordinary_attribute_list(body: str) -> None:
    """Only exactly ``.no_toc`` is dropped silently; anything else is removed with a warning."""
    assert convert_attribute_lists(f"Para\n{{: {body}}}") == ("Para\n", [kramdown(NO_EQUIVALENT.format(body=body), 2)])


# -- block attribute lists and admonitions ----------------------------------------------


@pytest.mark.parametrize(
    ("source", "myst"),
    [
        # A list is a block too: it is wrapped, not taken for a table of contents.
        ("\n- item\n{: .notice}", ":::{note}\n- item\n:::"),
        # An indented blockquote loses its markers.
        ("\n  > quoted\n{: .notice}", ":::{note}\nquoted\n:::"),
        # A blockquote's lazy continuation line is part of it.
        ("\n> q1\nq2\n{: .notice--info}", ":::{note}\nq1\nq2\n:::"),
        # A fence inside takes a longer one around it.
        ("\n::: x\nPara\n:::\n{: .notice}", "::::{note}\n::: x\nPara\n:::\n::::"),
    ],
)
def test_notice_class_wraps_the_block_before_it(source: str, myst: str) -> None:
    """A notice class after a block preceded by a blank line makes that block an
    admonition: the blank line takes the opening fence, the attribute list the closing one."""
    assert convert_attribute_lists(source) == (myst, [])


@pytest.mark.parametrize(
    ("source", "first_line", "myst", "message", "line"),
    [
        # A notice that follows a blank line, not a paragraph.
        ("Para\n\n\n{: .notice}", 0, "Para\n\n\n", NO_PARAGRAPH, 4),
        ("Para\n\n{: .notice}", 0, "Para\n\n", NO_PARAGRAPH, 3),
        # On the first line of the file, or of the body after the front matter.
        ("{: .notice}\nx", 0, "\nx", NO_PARAGRAPH, 1),
        ("---\n{: .notice}\nText", 1, "---\n\nText", NO_PARAGRAPH, 2),
        # A paragraph on the very first line has no line before it for the opening fence
        # (the file's last line is not that line, blank or not).
        ("Para\n{: .notice}\n", 0, "Para\n\n", NO_EQUIVALENT, 2),
        # An unknown class, after a paragraph or after a blank line.
        ("\nPara\n{: .wide}", 0, "\nPara\n", NO_EQUIVALENT, 3),
        ("\n{: .wide}", 0, "\n", NO_EQUIVALENT, 2),
    ],
)
def test_block_attribute_list_that_makes_no_admonition_is_removed_with_a_warning(
    source: str, first_line: int, myst: str, message: str, line: int
) -> None:
    """A block attribute list that cannot become an admonition is removed, its warning
    saying why: no block before it, or nothing MyST can keep."""
    body = source.split("{: ")[1].split("}")[0]
    text, problems = convert_attribute_lists(source, first_line=first_line)
    assert (text, problems) == (myst, [kramdown(message.format(body=body), line)])


# -- span attribute lists ---------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "Plain words{: .c}",
        # The ``](x)`` has no ``[`` before it: not a link.
        "The interval (0, 1](x){: .c}",
    ],
)
def test_span_ial_after_text_is_left_as_it_is(source: str) -> None:
    """A span attribute list after plain text is left as written (kramdown prints it too)."""
    assert convert_attribute_lists(source) == (source, [])


def test_span_ial_after_text_does_not_stop_the_rest_of_the_line() -> None:
    """After one attribute list left as text, the next on the line is still converted."""
    assert convert_attribute_lists("Note{: .a} and ![x](y.png){: .b}") == ("Note{: .a} and ![x](y.png){.b}", [])


@pytest.mark.xfail(
    strict=True, reason="BUG: a span IAL after a link whose text starts on an earlier line is left as literal text"
)
def test_span_ial_after_a_link_over_two_lines_is_converted() -> None:
    """A link whose text wraps over two lines takes its attribute list like any other."""
    source = "[the\nmanual](https://example.com){: .btn}"
    assert convert_attribute_lists(source) == ("[the\nmanual](https://example.com){.btn}", [])


@pytest.mark.parametrize(
    ("source", "myst", "lost"),
    [
        # A bare word is not an attribute.
        ("[Go](x){: .btn data}", "[Go](x){.btn}", "data has"),
        # Several lost attributes, named in order.
        ('[Go](x){: target="_blank" rel="noopener"}', "[Go](x)", "target, rel have"),
    ],
)
def test_span_ial_warning_names_what_is_lost(source: str, myst: str, lost: str) -> None:
    """What MyST cannot keep is removed, and the warning names each lost attribute."""
    body = source.split("{: ")[1][:-1]
    message = f"kramdown attribute list {{: {body}}}: {lost} no MyST equivalent; removed"
    assert convert_attribute_lists(source) == (myst, [kramdown(message, 1)])


# -- tables -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [
        # Delimiter rows GFM reads as they are: one dash per cell is enough, outer pipes optional.
        "| a | b |\n-|-\n| c | d |",
        "| a | b |\n|---|-|\n| c | d |",
        # Its own indentation and trailing blanks are kept.
        "| a | b |\n |---|---|\n| c | d |",
        "| a | b |\n\t|---|---|\n| c | d |",
        "| a | b |\n|---|---|  \n| c | d |",
    ],
)
def test_gfm_table_is_left_as_it_is(table: str) -> None:
    """A table that is GFM already is not rewritten."""
    assert convert_attribute_lists(table) == (table, [])


@pytest.mark.parametrize(
    ("table", "gfm"),
    [
        # One delimiter cell too many.
        ("| a | b |\n|---|---|---|\n| c | d |", "| a | b |\n| --- | --- |\n| c | d |"),
        # kramdown's ``+`` between cells.
        ("| a | b |\n|---|---+\n| c | d |", "| a | b |\n| --- | --- |\n| c | d |"),
        # The header row's indentation given to the delimiter row.
        ("  | a | b |\n|---|---|\n| c | d |", "  | a | b |\n  |---|---|\n| c | d |"),
    ],
)
def test_delimiter_row_gfm_cannot_read_is_rewritten(table: str, gfm: str) -> None:
    """A delimiter row GFM would not accept gets one ``---`` cell per header cell, indented
    as the header row."""
    assert convert_attribute_lists(table) == (gfm, [])
