"""Liquid left over from an earlier conversion, and raw markers inside a captured notice
(:func:`outcrop.article.liquid.convert_liquid`)."""

from __future__ import annotations

from outcrop.article.liquid import convert_liquid
from outcrop.problems import Problem, ProblemKind


def test_a_placeholder_alone_is_still_reported() -> None:
    """A ``{liquid}`` placeholder left in the text (the only Liquid of the article) is reported
    as Liquid to convert by hand, and the text is kept."""
    text = "See {liquid}`include x.html` here"
    assert convert_liquid(text) == (
        text,
        [Problem(ProblemKind.LIQUID, "placeholder for Jekyll Liquid 'include x.html': convert it by hand", 1)],
    )


def test_raw_in_a_captured_notice_is_closed_only_by_a_later_endraw() -> None:
    """In the body of a ``{% capture %}`` notice, a ``{% raw %}`` in code is closed only by an
    ``{% endraw %}`` after it: one on an earlier line of the body does not make the rest of the
    file raw text."""
    text = (
        "{% capture notice-text %}\n"
        "Close: `{% endraw %}`\n"
        "Open: `{% raw %}` then {{ page.title }}\n"
        "{% endcapture %}\n"
        '<div class="notice--info">{{ notice-text | markdownify }}</div>'
    )
    assert convert_liquid(text) == (
        "::::{note}\nClose: `{% endraw %}`\nOpen: `{% raw %}` then {liquid}`{{ page.title }}`\n::::\n",
        [Problem(ProblemKind.LIQUID, "Liquid {{ page.title }} has no MyST equivalent; a placeholder is shown", 3)],
    )
