"""The admonition kind of every Jekyll theme notice class, by each way a post writes one.

Minimal Mistakes styles a block with ``{: .notice--warning}`` (or a ``<div
class="notice--warning" markdown="1">``, or its ``{% capture %}`` + ``markdownify``
idiom), Chirpy with ``{: .prompt-tip}``. Each class must become the admonition of its
meaning: a warning shown as a note is a silent loss, so every class is asserted here
with its own kind (the table is written out, not read from the code under test).
"""

from __future__ import annotations

import pytest

from conftest import NOTICE_CLASSES
from outcrop.article.kramdown import NOTICE_KINDS, convert_attribute_lists
from outcrop.article.liquid import convert_liquid
from outcrop.article.notices import KINDS

EXPECTED = NOTICE_CLASSES
MINIMAL_MISTAKES = [name for name in EXPECTED if name.startswith("notice")]


def test_the_table_covers_every_class_outcrop_knows() -> None:
    """A class added to (or dropped from) the code's mapping needs its row here, and
    every kind is one the site stage can show."""
    assert set(EXPECTED) == set(NOTICE_KINDS)
    assert set(EXPECTED.values()) <= set(KINDS)


@pytest.mark.parametrize(("name", "kind"), EXPECTED.items())
def test_block_attribute_list_after_a_paragraph(name: str, kind: str) -> None:
    """``Text.`` + ``{: .notice--warning}``: catches a class mapped to the wrong kind
    (``notice--warning`` shown as a note, ``notice--success`` as a warning...)."""
    text = f"Intro.\n\nMind the gap.\n{{: .{name}}}\n"
    assert convert_attribute_lists(text) == (f"Intro.\n:::{{{kind}}}\nMind the gap.\n:::\n", [])


@pytest.mark.parametrize(("name", "kind"), EXPECTED.items())
def test_block_attribute_list_after_a_blockquote(name: str, kind: str) -> None:
    """Chirpy writes its prompts on blockquotes (``> text`` + ``{: .prompt-tip }``);
    the quote markers go, and the kind must be the class's."""
    text = f"Intro.\n\n> Mind the gap.\n> Twice.\n{{: .{name} }}\n"
    assert convert_attribute_lists(text) == (f"Intro.\n:::{{{kind}}}\nMind the gap.\nTwice.\n:::\n", [])


@pytest.mark.parametrize(("name", "kind"), EXPECTED.items())
def test_markdown_div_with_a_notice_class(name: str, kind: str) -> None:
    """``<div class="notice--info" markdown="1">``: catches the div being read with
    another mapping than the attribute lists (or made a plain container)."""
    text = f'Intro.\n\n<div class="wide {name}" markdown="1">\nMind the gap.\n</div>\n'
    assert convert_attribute_lists(text) == (f"Intro.\n\n:::{{{kind}}}\nMind the gap.\n:::\n", [])


@pytest.mark.parametrize("name", MINIMAL_MISTAKES)
def test_liquid_capture_notice_idiom(name: str) -> None:
    """Minimal Mistakes' ``{% capture %}`` + ``<div class="notice--x">{{ x | markdownify
    }}</div>``: catches the Liquid converter falling back to a note for a known class."""
    text = (
        "Intro.\n\n{% capture box %}\nMind **the** gap.\n{% endcapture %}\n\n"
        f'<div class="{name}">{{{{ box | markdownify }}}}</div>\n\nAfter.'
    )
    kind = EXPECTED[name]
    assert convert_liquid(text) == (f"Intro.\n\n::::{{{kind}}}\nMind **the** gap.\n::::\n\n\n\nAfter.", [])
