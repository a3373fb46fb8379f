"""Images in the HTML pages: remote ones served from the site, none that breaks the page.

:class:`SiteImages` (write time, HTML builders): with ``outcrop_remote_images =
"cache"`` each remote image (the article's banner, an image of the text) is replaced by
the copy :mod:`outcrop.site.remote` published in the output, with its width and height
(no layout shift) and, for the smaller widths Pillow made, ``srcset``; an image that
cannot be fetched is a placeholder of its shape, labelled "Image not available" and
named to screen readers, instead of its alt text spilled over the page. Images of the
text (local ones too) load lazily; the banner, at the top of the page, does not.
"""

from __future__ import annotations

import dataclasses
import html
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from outcrop.i18n import _
from outcrop.site.build import state_of
from outcrop.site.images import located
from outcrop.site.remote import Published, SiteImages, is_remote

#: ``sizes`` of an article's banner and of an image of the text: the width of the
#: column of most themes, the whole viewport on a phone.
BANNER_SIZES = "(min-width: 60em) 50rem, 100vw"
BODY_SIZES = "(min-width: 50em) 45rem, 100vw"


def img_html(
    published: Published,
    *,
    base: str,
    alt: str,
    classes: list[str],
    sizes: str,
    lazy: bool,
    ids: Sequence[str] = (),
    title: str = "",
) -> str:
    """An ``<img>`` of a published image, its URLs relative to page ``base``; every
    value escaped (alt texts and titles come from the article)."""

    def url(path: str) -> str:
        return relative_uri(base, path)

    attributes = [("src", url(published.src)), ("alt", alt)]
    if classes:
        attributes.append(("class", " ".join(classes)))
    if ids:
        attributes.append(("id", ids[0]))
    if title:
        attributes.append(("title", title))
    if published.srcset:
        attributes.append(("srcset", ", ".join(f"{url(path)} {width}w" for path, width in published.srcset)))
        attributes.append(("sizes", sizes))
    if published.width and published.height:
        attributes += [("width", str(published.width)), ("height", str(published.height))]
    if lazy:
        attributes.append(("loading", "lazy"))
    attributes.append(("decoding", "async"))
    return "<img " + " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes) + " />"


def placeholder_html(alt: str, classes: list[str], *, block: bool) -> str:
    """A box where an image could not be fetched: "Image not available" to the eye, the
    alt text to a screen reader (the box is an image named by it)."""
    name = _("Image not available: %s") % alt if alt else _("Image not available")
    element = "div" if block else "span"
    return (
        f'<{element} class="{html.escape(" ".join([*classes, "outcrop-image-missing"]))}" role="img" '
        f'aria-label="{html.escape(name)}"><span class="outcrop-image-missing-label" aria-hidden="true">'
        f"{html.escape(_('Image not available'))}</span></{element}>"
    )


def _classes(image: nodes.image) -> list[str]:
    classes = list(image.get("classes", []))
    if image.get("align"):
        classes.append(f"align-{image['align']}")
    return classes


class RemoteImagesHTML(SphinxPostTransform):
    """Remote images from the site's copies (or placeholders); lazy images of the text."""

    default_priority = 90
    builders = ("html", "dirhtml", "singlehtml")

    def run(self, **kwargs: Any) -> None:
        state = state_of(self.env)
        remote = state.remote if state is not None else None
        docname = self.env.docname
        base = remote.target_uri(docname) if remote is not None else ""
        for image in list(self.document.findall(nodes.image)):
            banner = "outcrop-banner" in image["classes"]
            uri = image.get("uri", "")
            if not is_remote(uri) or remote is None or remote.link:
                if not banner:
                    image.setdefault("loading", "lazy")
                elif remote is not None and not is_remote(uri):
                    self._local_banner(image, remote, base)
                continue
            published = remote.resolve(uri, located(image, self.env), docname)
            sized = any(key in image for key in ("width", "height", "scale"))
            if published is None:
                self._placeholder(image)
            elif sized:  # the writer's size: docutils writes it
                image["uri"] = relative_uri(base, published.src)
                image["candidates"] = {"?": image["uri"]}
                image.setdefault("loading", "lazy")
            else:
                markup = img_html(
                    published,
                    base=base,
                    alt=image.get("alt", ""),
                    classes=_classes(image),
                    sizes=BANNER_SIZES if banner else BODY_SIZES,
                    lazy=not banner,
                    ids=image["ids"],
                    title=image.get("title", ""),
                )
                _swap(image, markup)

    def _local_banner(self, image: nodes.image, remote: SiteImages, base: str) -> None:
        """A local banner with its size and, when it is wide, its smaller widths."""
        key = image["uri"]
        found = self.env.images.get(key)
        if not found or any(k in image for k in ("width", "height", "scale")):
            return
        sized = remote.local(Path(self.env.srcdir, key))
        if not (sized.width and sized.height):
            return  # Sphinx writes it as it is
        # Written here, not by Sphinx (which would make a banner with a size a link to
        # itself): the builder is told to copy the file all the same.
        url = f"{remote.imagedir}/{urllib.parse.quote(found[1])}"
        remote.copied[key] = found[1]
        srcset = (*sized.srcset, (url, sized.width)) if sized.srcset else ()
        published = dataclasses.replace(sized, src=url, srcset=srcset)
        markup = img_html(
            published,
            base=base,
            alt=image.get("alt", ""),
            classes=_classes(image),
            sizes=BANNER_SIZES,
            lazy=False,
            ids=image["ids"],
        )
        _swap(image, markup)

    def _placeholder(self, image: nodes.image) -> None:
        target: nodes.Element = image
        if isinstance(image.parent, nodes.reference) and len(image.parent) == 1:
            target = image.parent  # a link to nothing useful
        parent = target.parent
        alone = isinstance(parent, nodes.paragraph) and len(parent) == 1
        block = alone or not isinstance(parent, nodes.TextElement)
        markup = placeholder_html(image.get("alt", ""), _classes(image), block=block)
        _swap(parent if alone else target, markup)


def _swap(node: nodes.Element, markup: str) -> None:
    """Put raw HTML in the place of ``node``. (Not ``replace_self``: it gives the new
    node the old one's classes, which the writer would wrap in a ``<div>`` of its own.)"""
    node.parent.replace(node, nodes.raw("", markup, format="html"))


def setup_site_images(app: Sphinx) -> None:
    app.add_post_transform(RemoteImagesHTML)
