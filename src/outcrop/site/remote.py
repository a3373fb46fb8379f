"""Remote images: fetched once into a cache, used from it ever after (offline too).

Every builder needs them: the editions print the cached file
(:mod:`outcrop.edition.images`), and the HTML builders publish a copy in the output,
named by its content, with smaller widths for ``srcset`` (:mod:`outcrop.web.images`),
so that readers never ask another site (``outcrop_remote_images = "cache"``).

- :func:`fetch` and :func:`store`: one URL, with a timeout and a size limit; the bytes
  are kept as the server sent them, under a name derived from the URL, and the type is
  read from the bytes, never from the server's word.
- :class:`Fetcher`: one build's fetches. Each URL is tried once; a host that could not
  be reached once is not asked again (offline, a site of N articles costs one timeout).
- :func:`publish`: a cached file into the HTML output (``_outcrop/remote/<hash>``), with
  its width, height and the smaller widths Pillow makes (kept in the cache, by content).

Sphinx's own downloader has no timeout and re-fetches on every build; this runs first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import shutil
import time
import urllib.parse
import weakref
import xml.parsers.expat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment
from sphinx.util import logging, requests

from outcrop.atomic import write_atomic
from outcrop.problems import ProblemKind

logger = logging.getLogger(__name__)

#: Largest remote image outcrop accepts.
MAX_BYTES = 20 * 1024 * 1024
#: The types outcrop keeps, and the suffix of each in the cache.
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/pdf": ".pdf",
    "image/svg+xml": ".svg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
MIMETYPES = {suffix: mimetype for mimetype, suffix in EXTENSIONS.items()}
#: The widths (CSS pixels) made of a banner for ``srcset``; never wider than the image.
WIDTHS = (480, 960, 1600)
#: Where the HTML output keeps its copies, named by their content.
OUTPUT = "_outcrop/remote"
#: Where it keeps the smaller widths of local banners.
SIZES = "_outcrop/sizes"
#: The cache's folder of what is made from the fetched files (sizes, conversions).
DERIVED = "derived"
#: Types Pillow may resize (an animated GIF would lose its animation, SVG scales itself).
RESIZABLE = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}


class FetchError(Exception):
    """A remote image that could not be used; the message says why."""


def is_remote(uri: str) -> bool:
    return uri.startswith(("http://", "https://"))


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
    """The cached file of ``url``, or None when it was never fetched."""
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
    """Keep ``data`` in the cache as it was sent, under a name derived from ``url``.
    Written atomically, so an interrupted build leaves no half file."""
    mimetype = sniff(data)
    if mimetype is None:
        raise FetchError("the response is not an image")
    path = cache_path(cache, url, mimetype)
    write_atomic(path, data)
    return path


def cache_dir(env: BuildEnvironment, setting: str) -> Path:
    """``outcrop_image_cache`` (made absolute at config-inited), else ``outcrop-images``
    in the doctree folder."""
    if setting:
        return Path(setting)
    return Path(env.doctreedir) / "outcrop-images"


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one remote image in this build."""

    #: The cached file, None when the image is not available.
    path: Path | None
    #: Why it is not available ("" when it is).
    reason: str = ""
    #: True the first time this build found it not available: the one to report.
    report: bool = False


class Fetcher:
    """The remote images of one build: each URL fetched at most once, each host that
    could not be reached asked once."""

    def __init__(self, cache: Path, *, timeout: float, **kwargs: Any) -> None:
        self.cache, self.timeout, self.kwargs = cache, timeout, kwargs
        #: URL → why it failed, in this build.
        self.failed: dict[str, str] = {}
        #: Host → why it could not be reached, in this build.
        self.unreachable: dict[str, str] = {}

    def get(self, url: str) -> Outcome:
        path = cached(self.cache, url)
        if path is not None:
            return Outcome(path)
        if url in self.failed:
            return Outcome(None, self.failed[url])
        host = urllib.parse.urlsplit(url).netloc
        if host in self.unreachable:
            # Offline, a site of N articles costs one timeout, not N.
            self.failed[url] = self.unreachable[host]
            return Outcome(None, self.failed[url], report=True)
        try:
            data = fetch(url, timeout=self.timeout, limit=MAX_BYTES, **self.kwargs)
            return Outcome(store(self.cache, url, data))
        except FetchError as exc:
            reason = str(exc)
            self.failed[url] = reason
            if reason.startswith("cannot connect"):  # not a slow path of a live host
                self.unreachable[host] = reason
            return Outcome(None, reason, report=True)


_FETCHERS: weakref.WeakKeyDictionary[BuildEnvironment, Fetcher] = weakref.WeakKeyDictionary()


def forget_fetcher(env: BuildEnvironment) -> None:
    """A new build (``env-before-read-docs``) asks again what the last one could not
    fetch, with the timeout it is given."""
    _FETCHERS.pop(env, None)


def fetcher_for(env: BuildEnvironment, cache: Path, timeout: float) -> Fetcher:
    """The :class:`Fetcher` of this build (one per environment, every builder's)."""
    found = _FETCHERS.get(env)
    if found is None or found.cache != cache or found.timeout != timeout:
        config = env.config
        found = Fetcher(
            cache,
            timeout=timeout,
            _user_agent=config.user_agent,
            _tls_info=(config.tls_verify, config.tls_cacerts),
        )
        _FETCHERS[env] = found
    return found


# --- The HTML output's copies ------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Info:
    """What outcrop knows of a cached image: its content's digest, type and size."""

    digest: str
    mimetype: str
    width: int = 0
    height: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Published:
    """A remote image as the HTML output has it: paths relative to the output folder."""

    src: str
    width: int = 0
    height: int = 0
    #: (path, width) of each width of the image, the smallest first, the image itself last.
    srcset: tuple[tuple[str, int], ...] = ()


_SVG_LENGTH = re.compile(rb'\b(width|height)\s*=\s*["\']\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*["\']')
_SVG_VIEWBOX = re.compile(
    rb'\bviewBox\s*=\s*["\']\s*-?[0-9.]+[\s,]+-?[0-9.]+[\s,]+'
    rb'([0-9]+(?:\.[0-9]+)?)[\s,]+([0-9]+(?:\.[0-9]+)?)\s*["\']'
)


def svg_size(data: bytes) -> tuple[int, int]:
    """The width and height an SVG asks for (its ``width``/``height`` in pixels, else
    its ``viewBox``); (0, 0) when it says neither."""
    start = data.find(b"<svg")
    if start < 0:
        return 0, 0
    tag = data[start : data.find(b">", start) + 1]
    sizes = {name.decode(): float(value) for name, value in _SVG_LENGTH.findall(tag)}
    if "width" in sizes and "height" in sizes:
        return round(sizes["width"]), round(sizes["height"])
    box = _SVG_VIEWBOX.search(tag)
    if box:
        return round(float(box[1])), round(float(box[2]))
    return 0, 0


def describe(path: Path, memo: Path | None = None) -> Info:
    """The :class:`Info` of image ``path``; kept in file ``memo`` when given (a cached
    file never changes: it is never fetched again; a file of the source may). Raises
    :class:`FetchError` when the file is not an image Pillow can read."""
    if memo is not None:
        try:
            known = json.loads(memo.read_text(encoding="utf-8"))
            return Info(**known)
        except (OSError, ValueError, TypeError):
            pass
    data = path.read_bytes()
    mimetype = sniff(data) or MIMETYPES.get(path.suffix, "")
    width = height = 0
    if mimetype == "image/svg+xml":
        width, height = svg_size(data)
    elif mimetype != "application/pdf":
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                image.verify()
        except Exception as exc:
            raise FetchError(f"the image cannot be read ({type(exc).__name__})") from exc
    info = Info(hashlib.sha256(data).hexdigest()[:20], mimetype, width, height)
    if memo is not None:
        write_atomic(memo, json.dumps(dataclasses.asdict(info)).encode("utf-8"))
    return info


def widths(info: Info) -> tuple[int, ...]:
    """The widths made of an image for ``srcset``: those of :data:`WIDTHS` narrower
    than the image (never upscaled); none for a type Pillow does not resize."""
    if info.mimetype not in RESIZABLE or not info.width:
        return ()
    return tuple(w for w in WIDTHS if w < info.width)


def resized(path: Path, info: Info, sizes: tuple[int, ...], derived: Path) -> dict[int, Path]:
    """The image at ``path`` made each of ``sizes`` pixels wide, kept in folder
    ``derived`` of the cache by content (made once: the image is decoded once for the
    widths not made yet)."""
    suffix = EXTENSIONS[info.mimetype]
    targets = {width: derived / f"{info.digest}-{width}{suffix}" for width in sizes}
    missing = [width for width, target in targets.items() if not target.is_file()]
    if not missing:
        return targets
    from PIL import Image

    fmt = RESIZABLE[info.mimetype]
    with Image.open(path) as image:
        if fmt == "JPEG":  # decode at the smallest scale that is still large enough
            image.draft("RGB", (max(missing), round(info.height * max(missing) / info.width)))
        for width in missing:
            height = max(1, round(info.height * width / info.width))
            small = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
            out = io.BytesIO()
            if fmt == "JPEG":
                small.convert("RGB").save(out, format=fmt, quality=82, optimize=True, progressive=True)
            elif fmt == "WEBP":
                small.save(out, format=fmt, quality=82)
            else:
                small.save(out, format=fmt, optimize=True)
            write_atomic(targets[width], out.getvalue())
    return targets


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` unless it is there (names are content digests)."""
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(source, partial)
    partial.replace(target)


def _widths(path: Path, info: Info, outdir: Path, folder: str, derived: Path) -> list[tuple[str, int]]:
    """The smaller widths of ``path`` in ``outdir/folder``: (output path, width) each."""
    from PIL import Image

    try:
        made = resized(path, info, widths(info), derived)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:  # a damaged image
        raise FetchError(f"the image cannot be read ({type(exc).__name__})") from exc
    found = []
    for width, file in made.items():
        name = f"{folder}/{info.digest}-{width}{EXTENSIONS[info.mimetype]}"
        _copy(file, outdir / name)
        found.append((name, width))
    return found


#: What makes an SVG active: served from the site's own address, a script in it would
#: run as the site's when the file is opened by itself.
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_ACTIVE_VALUES = re.compile(r"(?:java|vb)script:|data:(?:text/html|image/svg)", re.IGNORECASE)


class _ActiveError(Exception):
    pass


def active_svg(data: bytes) -> str:
    """Why SVG ``data`` is active content ("" when it is not): read as XML, as a browser
    reads it (prefixes, character references and entities resolved), it has a script or
    an element that embeds a document, an event handler, a ``javascript:`` value, a
    processing instruction (``xml-stylesheet`` runs XSLT), a DTD (entities could hide
    all of these), or it is not well-formed XML."""

    def element(name: str, attributes: dict[str, str]) -> None:
        if name.rpartition(" ")[2].lower() in _ACTIVE_ELEMENTS:
            raise _ActiveError(f"a <{name.rpartition(' ')[2]}> element")
        for key, value in attributes.items():
            if key.rpartition(" ")[2].lower().startswith("on"):
                raise _ActiveError("an event handler")
            if _ACTIVE_VALUES.search("".join(value.split())):
                raise _ActiveError("a script URL")

    def refuse(what: str) -> Callable[..., None]:
        def handler(*_args: object) -> None:
            raise _ActiveError(what)

        return handler

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = element
    parser.StartDoctypeDeclHandler = refuse("a DTD")
    parser.EntityDeclHandler = refuse("a DTD")
    parser.ProcessingInstructionHandler = refuse("a processing instruction")
    try:
        parser.Parse(data, True)
    except _ActiveError as exc:
        return str(exc)
    except xml.parsers.expat.ExpatError:
        return "not well-formed XML"
    return ""


def publish(path: Path, outdir: Path) -> Published:
    """Cached file ``path`` in the HTML output ``outdir``, named by its content, with its
    smaller widths. Raises :class:`FetchError` for a file that is not an image a page
    can show (a PDF), and for an SVG with scripts or event handlers: the site does not
    publish another site's active content under its own address."""
    derived = path.parent / DERIVED
    info = describe(path, derived / (path.name + ".json"))
    if info.mimetype == "application/pdf":
        raise FetchError("a PDF, not an image a page can show")
    active = active_svg(path.read_bytes()) if info.mimetype == "image/svg+xml" else ""
    if active:
        raise FetchError(f"an SVG with scripts or event handlers, not published from the site: {active}")
    src = f"{OUTPUT}/{info.digest}{EXTENSIONS.get(info.mimetype, path.suffix)}"
    _copy(path, outdir / src)
    srcset = _widths(path, info, outdir, OUTPUT, derived)
    if srcset:
        srcset.append((src, info.width))
    return Published(src, info.width, info.height, tuple(srcset))


class SiteImages:
    """The banners and remote images of one HTML build. With ``outcrop_remote_images =
    "cache"`` (``link`` False) each remote image is published once, from the cache, and
    each that is not available reported once, where it was first met. Local banners get
    their smaller widths (:meth:`local`) in both modes."""

    def __init__(
        self,
        fetcher: Fetcher,
        outdir: Path,
        target_uri: Callable[[str], str],
        *,
        link: bool = False,
        imagedir: str = "_images",
        copied: dict[str, str] | None = None,
    ) -> None:
        self.fetcher, self.outdir, self.link = fetcher, outdir, link
        #: The builder's image folder, and what it copies there (source path → name):
        #: a local banner written as HTML of outcrop's is added to it.
        self.imagedir = imagedir
        self.copied: dict[str, str] = {} if copied is None else copied
        #: The URL of a page (the builder's ``get_target_uri``), to link from it.
        self.target_uri = target_uri
        #: URL → its copy in the output, None when it is not available.
        self.published: dict[str, Published | None] = {}
        #: Documents that show a placeholder for a missing image: written again by the
        #: next build, which tries to fetch it again.
        self.missing_in: set[str] = set()
        #: Local banner → its size and smaller widths (Sphinx copies the file itself).
        self.sized: dict[Path, Published] = {}

    def local(self, path: Path) -> Published:
        """The size and the smaller widths of local image ``path`` (its ``src`` is empty:
        Sphinx publishes the file itself, under a name of its own), made from the
        cache's copies; nothing for a file Pillow cannot read (Sphinx reports it)."""
        if path not in self.sized:
            found = Published("")
            try:
                # Described once per version of the file (its path, size and time).
                stat = path.stat()
                key = hashlib.blake2b(
                    f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode("utf-8", "surrogatepass"), digest_size=12
                )
                info = describe(path, self.fetcher.cache / DERIVED / f"local-{key.hexdigest()}.json")
                found = Published("", info.width, info.height, tuple(self._local_widths(path, info)))
            except (FetchError, OSError):
                pass
            self.sized[path] = found
        return self.sized[path]

    def _local_widths(self, path: Path, info: Info) -> list[tuple[str, int]]:
        return _widths(path, info, self.outdir, SIZES, self.fetcher.cache / DERIVED)

    def resolve(
        self, url: str, location: tuple[str, int] | str | None, docname: str = "", instead: str = "a placeholder"
    ) -> Published | None:
        """The published copy of ``url``; None (and one warning at ``location``, the first
        time in this build, saying what is shown ``instead``) when it cannot be fetched
        or is not an image."""
        if url not in self.published:
            outcome = self.fetcher.get(url)
            reason, report = outcome.reason, outcome.report
            found = None
            if outcome.path is not None:
                try:
                    found = publish(outcome.path, self.outdir)
                except FetchError as exc:
                    reason, report = str(exc), True
                    self.fetcher.failed[url] = reason
            if report:
                logger.warning(
                    "remote image not available (%s), %s is shown: %s",
                    reason,
                    instead,
                    url,
                    type="outcrop",
                    subtype=ProblemKind.FETCH.value,
                    location=location,
                )
            self.published[url] = found
        found = self.published[url]
        if found is None and docname:
            self.missing_in.add(docname)
        return found
