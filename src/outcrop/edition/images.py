"""Remote images for the editions, which cannot link to them (LaTeX).

:class:`RemoteImages` (write time): each remote image is fetched once, with a timeout
and a size limit, into a cache, and used from the cache ever after (so the edition
builds offline). An image that cannot be fetched or is not an image is one warning and
a neat placeholder. Sphinx's own downloader has no timeout and re-fetches on every
build; this runs first.
"""

from __future__ import annotations

import hashlib
import io
import time
import urllib.parse
import weakref
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging, requests

from outcrop.atomic import write_atomic
from outcrop.config import get_config
from outcrop.problems import ProblemKind
from outcrop.site.images import located, replace_with_placeholder

logger = logging.getLogger(__name__)

#: Largest remote image outcrop accepts.
MAX_BYTES = 20 * 1024 * 1024
#: Formats LaTeX includes as they are; SVG is converted by sphinxcontrib-svg2pdfconverter,
#: GIF and WebP by Pillow when it is installed.
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/pdf": ".pdf",
    "image/svg+xml": ".svg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
MIMETYPES = {suffix: mimetype for mimetype, suffix in EXTENSIONS.items()}
CONVERT_TO_PNG = {"image/gif", "image/webp"}


class FetchError(Exception):
    """A remote image that could not be used; the message says why."""


def sniff(data: bytes) -> str | None:
    """The image type of ``data`` from its first bytes (not from the server's word)."""
    head = data[:512]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<svg") or (text.startswith((b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in head.lower()):
        return "image/svg+xml"
    return None


def cache_path(cache: Path, url: str, mimetype: str) -> Path:
    key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache / (key + EXTENSIONS[mimetype])


def cached(cache: Path, url: str) -> Path | None:
    for mimetype in EXTENSIONS:
        path = cache_path(cache, url, mimetype)
        if path.is_file():
            return path
    return None


def fetch(url: str, *, timeout: float, limit: int = MAX_BYTES, **kwargs: Any) -> bytes:
    """The body of ``url``; raise :class:`FetchError` after ``timeout`` seconds in all,
    on an HTTP error, or when the body is larger than ``limit``."""
    deadline = time.monotonic() + timeout
    try:
        with requests.get(url, timeout=timeout, stream=True, **kwargs) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}")
            body = io.BytesIO()
            for chunk in response.iter_content(64 * 1024):
                body.write(chunk)
                if body.tell() > limit:
                    raise FetchError(f"larger than {limit:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"took more than {timeout:g} s")
            return body.getvalue()
    except FetchError:
        raise
    except Exception as exc:  # requests, socket and TLS errors alike
        raise FetchError(_reason(exc)) from exc


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "ConnectTimeout":
        return "cannot connect (timed out)"
    if "Timeout" in name:
        return "timed out"
    if "Connection" in name:
        return "cannot connect (offline?)"
    return name


def store(cache: Path, url: str, data: bytes) -> Path:
    """Keep ``data`` in the cache under a name derived from ``url``; convert what LaTeX
    cannot include. Written atomically, so an interrupted build leaves no half file."""
    mimetype = sniff(data)
    if mimetype is None:
        raise FetchError("the response is not an image")
    if mimetype in CONVERT_TO_PNG:
        data, mimetype = _to_png(data), "image/png"
    path = cache_path(cache, url, mimetype)
    write_atomic(path, data)
    return path


def _to_png(data: bytes) -> bytes:
    try:
        from PIL import Image
    except ImportError:
        raise FetchError("GIF and WebP images need Pillow to be printed (pip install 'outcrop[pdf]')") from None
    try:
        with Image.open(io.BytesIO(data)) as image:
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
            return out.getvalue()
    except Exception as exc:
        raise FetchError(f"the image cannot be converted ({type(exc).__name__})") from exc


#: Remote images that failed in this build (one warning each), per environment.
_FAILED: weakref.WeakKeyDictionary[BuildEnvironment, set[str]] = weakref.WeakKeyDictionary()
#: Hosts that could not be reached in this build (and why), per environment.
_UNREACHABLE: weakref.WeakKeyDictionary[BuildEnvironment, dict[str, str]] = weakref.WeakKeyDictionary()


class RemoteImages(SphinxPostTransform):
    """Remote images from the cache, fetched once (before Sphinx's own downloader)."""

    default_priority = 90
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        config = get_config(self.config)
        cache = self.cache_dir(config.image_cache)
        failed = _FAILED.setdefault(self.env, set())
        unreachable = _UNREACHABLE.setdefault(self.env, {})
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not uri.startswith(("http://", "https://")):
                continue
            path = cached(cache, uri)
            reason = ""
            host = urllib.parse.urlsplit(uri).netloc
            if path is None and uri not in failed and host in unreachable:
                # A host that could not be reached once in this build is not asked again:
                # offline, a site of N articles costs one timeout, not N.
                reason = unreachable[host]
                failed.add(uri)
                self._warn(image, reason, uri)
            elif path is None and uri not in failed:
                try:
                    data = fetch(
                        uri,
                        timeout=config.fetch_timeout,
                        limit=MAX_BYTES,
                        _user_agent=self.config.user_agent,
                        _tls_info=(self.config.tls_verify, self.config.tls_cacerts),
                    )
                    path = store(cache, uri, data)
                except FetchError as exc:
                    reason = str(exc)
                    failed.add(uri)
                    if reason.startswith("cannot connect"):  # not a slow path of a live host
                        unreachable[host] = reason
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

    def cache_dir(self, setting: str) -> Path:
        if setting:
            return Path(setting)  # made absolute at config-inited
        return Path(self.env.doctreedir) / "outcrop-images"

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
