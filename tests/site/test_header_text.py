"""The text an article's word count is taken from (:func:`outcrop.site.header.text_of`):
the same as docutils' ``astext``, built quicker."""

from __future__ import annotations

import docutils.core
import pytest
from docutils import nodes

from outcrop.site.header import text_of

#: reStructuredText with what ``astext`` treats apart: escapes (kept as null characters
#: in the text nodes), inline markup glued to words, an image (its alt text), an option
#: list (an argument's delimiter), a table, literal text, a footnote and a system
#: message (an unknown role).
SOURCE = r"""
Title
=====

An \*escaped\* star, a back\\slash, glued\ *words* and **strong**\ ly.

.. image:: a.png
   :alt: The alt text

-f FILE, --file=FILE   An option with arguments.

+-----+-----+
| a   | b c |
+-----+-----+

::

   literal  text

A footnote [#n]_ and :unknown:`role`.

.. [#n] The note.
"""


def _document() -> nodes.document:
    settings = {"report_level": 5, "halt_level": 5, "warning_stream": False}
    document = docutils.core.publish_doctree(SOURCE, settings_overrides=settings)
    assert isinstance(document, nodes.document)
    return document


def test_the_sample_holds_what_astext_treats_apart() -> None:
    """The sample is worth comparing on: null characters, an image, an option argument and a system message."""
    document = _document()
    assert any("\x00" in text for text in document.findall(nodes.Text))
    assert any(True for _ in document.findall(nodes.image))
    assert any(True for _ in document.findall(nodes.option_argument))
    assert any(True for _ in document.findall(nodes.system_message))


def test_text_of_is_astext_for_every_node() -> None:
    document = _document()
    for node in document.findall():
        assert text_of(node) == node.astext(), node


@pytest.mark.parametrize(
    "node",
    [
        nodes.Text("plain"),
        nodes.Text("a\x00 b\x00\nc\x00d"),
        nodes.paragraph("", "", nodes.Text("glued"), nodes.emphasis("", "words")),
        nodes.section("", nodes.title("", "T"), nodes.paragraph("", "p")),
        nodes.image(alt="alt text"),
    ],
)
def test_text_of_small_nodes(node: nodes.Node) -> None:
    assert text_of(node) == node.astext()
