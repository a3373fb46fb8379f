"""Images that may be published: local paths stay inside the source directory.

:class:`ConfinedImages` (read time, every builder): an image whose path leaves the
source directory (``../../etc/x.png``, a symlink pointing outside) is refused with a
warning and replaced by a placeholder; Sphinx would otherwise copy it into the output.
:func:`placeholder` and :func:`located` are shared with the editions' remote images
(:mod:`outcrop.edition.images`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from outcrop.i18n import _
from outcrop.problems import ProblemKind

logger = logging.getLogger(__name__)


def placeholder(alt: str, uri: str, reason: str) -> nodes.container:
    """A framed note where an image could not be printed."""
    box = nodes.container(classes=["outcrop-image-placeholder"])
    label = _("Image not available: %s") % alt if alt else _("Image not available")
    box += nodes.paragraph("", label)
    if uri.startswith(("http://", "https://")):
        box += nodes.paragraph("", "", nodes.reference(uri, uri, refuri=uri))
    else:
        box += nodes.paragraph("", uri)
    box["outcrop_reason"] = reason
    return box


def replace_with_placeholder(image: nodes.image, reason: str) -> None:
    target: nodes.Element = image
    if isinstance(image.parent, nodes.reference) and len(image.parent) == 1:
        target = image.parent
    parent = target.parent
    box = placeholder(image.get("alt", ""), image.get("uri", ""), reason)
    alone = not any(str(text).strip() for text in parent.findall(nodes.Text))
    if isinstance(parent, nodes.paragraph) and alone and len(list(parent.findall(nodes.image))) == 1:
        parent.replace_self(box)
    elif isinstance(parent, nodes.TextElement):
        target.replace_self(nodes.inline("", f"[{box[0].astext()}]", classes=["outcrop-image-missing"]))
    else:
        target.replace_self(box)


def _is_local(uri: str) -> bool:
    return "://" not in uri and not uri.startswith("data:") and uri != "*" and not uri.endswith(".*")


def leaves_srcdir(env: BuildEnvironment, uri: str, docname: str) -> bool:
    _, absolute = env.relfn2path(uri, docname)
    source = Path(env.srcdir).resolve()
    return not Path(absolute).resolve().is_relative_to(source)


def located(node: nodes.Node, env: BuildEnvironment) -> tuple[str, int]:
    """(document, line) of ``node``: the nearest line among it and its ancestors, and
    the document it was read from (the LaTeX builder joins all documents in one)."""
    line, docname = None, env.docname
    current: nodes.Node | None = node
    while current is not None:
        if line is None and current.line:
            line = current.line
        if isinstance(current, addnodes.start_of_file):
            docname = current["docname"]
            break
        if isinstance(current, nodes.document):
            docname = env.path2doc(current.get("source", "")) or docname
            break
        current = current.parent
    return docname, line or 1


class ConfinedImages(SphinxTransform):
    """Refuse images whose path leaves the source directory."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not _is_local(uri) or not leaves_srcdir(self.env, uri, self.env.docname):
                continue
            logger.warning(
                "image path leaves the source directory, refused: %s",
                uri,
                type="outcrop",
                subtype=ProblemKind.IMAGE.value,
                location=located(image, self.env),
            )
            replace_with_placeholder(image, "outside the source directory")


def setup_images(app: Sphinx) -> None:
    app.add_transform(ConfinedImages)
