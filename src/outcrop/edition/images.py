"""Remote images for the editions, which cannot link to them (LaTeX, EPUB).

:class:`RemoteImages` (write time): each remote image comes from the cache of
:mod:`outcrop.site.remote` (fetched once, with a timeout and a size limit; the cache the
HTML output publishes from too), so the edition builds offline. An image that cannot be
fetched or is not an image is one warning and a neat placeholder. GIF and WebP, which
LaTeX cannot include, are converted to PNG beside the cached file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from outcrop.atomic import write_atomic
from outcrop.config import get_config
from outcrop.problems import ProblemKind
from outcrop.site.images import located, replace_with_placeholder
from outcrop.site.remote import DERIVED, MIMETYPES, FetchError, cache_dir, fetcher_for, is_remote

logger = logging.getLogger(__name__)

#: Converted to PNG for LaTeX (Pillow).
CONVERT_TO_PNG = {"image/gif", "image/webp"}


def printable(path: Path) -> Path:
    """The cached image ``path`` as LaTeX can include it: GIF and WebP converted to a PNG
    kept beside it in the cache (made once)."""
    mimetype = MIMETYPES.get(path.suffix, "")
    if mimetype not in CONVERT_TO_PNG:
        return path
    target = path.parent / DERIVED / (path.stem + ".print.png")
    if not target.is_file():
        write_atomic(target, _to_png(path.read_bytes()))
    return target


def _to_png(data: bytes) -> bytes:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
            return out.getvalue()
    except Exception as exc:
        raise FetchError(f"the image cannot be converted ({type(exc).__name__})") from exc


class RemoteImages(SphinxPostTransform):
    """Remote images from the cache, fetched once (before Sphinx's own downloader)."""

    default_priority = 90
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        config = get_config(self.config)
        fetcher = fetcher_for(self.env, cache_dir(self.env, config.image_cache), config.fetch_timeout)
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not is_remote(uri):
                continue
            outcome = fetcher.get(uri)
            path, reason, report = outcome.path, outcome.reason, outcome.report
            if path is not None:
                try:
                    path = printable(path)
                except FetchError as exc:
                    path, reason, report = None, str(exc), uri not in fetcher.failed
                    fetcher.failed[uri] = reason
            if report:
                self._warn(image, reason, uri)
            if path is None:
                replace_with_placeholder(image, reason or "not available")
                continue
            self._use(image, path)

    def _warn(self, image: nodes.image, reason: str, uri: str) -> None:
        logger.warning(
            "remote image not available for the book (%s), a placeholder is printed: %s",
            reason,
            uri,
            type="outcrop",
            subtype=ProblemKind.FETCH.value,
            location=located(image, self.env),
        )

    def _use(self, image: nodes.image, path: Path) -> None:
        local = str(path)
        mimetype = MIMETYPES.get(path.suffix, "?")  # the cache names files by their sniffed type
        image["uri"] = local
        image["candidates"] = {mimetype: local}
        self.env.images.add_file(self.env.docname, local)


def _absolute_cache(app: Sphinx, config: Config) -> None:
    """A relative ``outcrop_image_cache`` is relative to ``conf.py``."""
    if config.outcrop_image_cache:
        config.outcrop_image_cache = str(Path(app.confdir, config.outcrop_image_cache))


def setup_remote_images(app: Sphinx) -> None:
    app.connect("config-inited", _absolute_cache, priority=600)
    app.add_post_transform(RemoteImages)
