"""Numbered amsmath environments get labels that are the same in every build.

MyST-Parser's ``amsmath`` extension labels each numbered environment
(``\\begin{equation}`` ...) with a random UUID, so two builds of the same article
differ: the HTML ids, the LaTeX labels and the PDF. Right after reading, each such
label becomes ``<docname>-amsmath-<n>`` (the n-th environment of the document), and
the anchor and the math domain's record follow it.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

#: The labels MyST-Parser makes up (``uuid4()``).
RANDOM_LABEL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def stable_label(docname: str, number: int) -> str:
    return f"{docname}-amsmath-{number}"


def stabilise_labels(doctree: nodes.document, docname: str, objects: dict[str, tuple[str, int]]) -> int:
    """Rename the random labels of ``doctree``'s amsmath blocks (and their targets
    and the math domain's ``objects``) in document order; returns how many."""
    renamed = 0
    for block in list(doctree.findall(nodes.math_block)):
        label = block.get("label")
        if "amsmath" not in block["classes"] or not isinstance(label, str) or not RANDOM_LABEL.match(label):
            continue
        renamed += 1
        new = stable_label(docname, renamed)
        old_id, new_id = nodes.make_id(f"equation-{label}"), nodes.make_id(f"equation-{new}")
        # The anchor is a target before the block, or on the block once docutils has
        # moved the target's ids onto it.
        for holder in (block, _target_before(block, old_id)):
            if holder is not None and old_id in holder["ids"]:
                holder["ids"] = [new_id if i == old_id else i for i in holder["ids"]]
                if doctree.ids.get(old_id) is holder:
                    del doctree.ids[old_id]
                    doctree.ids[new_id] = holder
        block["label"] = new
        if label in objects:
            objects[new] = objects.pop(label)
    return renamed


def _target_before(block: nodes.Element, node_id: str) -> nodes.Element | None:
    parent = block.parent
    if parent is None:
        return None
    index = parent.index(block)
    before = parent.children[index - 1] if index else None
    if isinstance(before, nodes.target) and node_id in before["ids"]:
        return before
    return None


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    domain = app.env.get_domain("math")
    stabilise_labels(doctree, app.env.docname, domain.data.setdefault("objects", {}))


def setup_equations(app: Sphinx) -> None:
    # Before any other handler reads the labels.
    app.connect("doctree-read", _on_doctree_read, priority=100)
