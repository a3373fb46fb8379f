"""Jekyll constructs outcrop used to print as text: kramdown span attribute lists and
tables, Liquid inside code, Liquid tags over several lines, placeholders in raw HTML,
equation references. Each test names what Jekyll (kramdown + Liquid) publishes."""

from __future__ import annotations

import pytest

from outcrop.article.kramdown import convert_attribute_lists
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
