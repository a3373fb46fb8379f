"""Shared fixtures: build small real Sphinx sites in a temporary folder."""

from __future__ import annotations

import http.server
import io
import posixpath
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parents[1]
#: Remote images are linked, never fetched, unless a test says otherwise: tests never reach
#: the network (the tests of fetching serve their images from 127.0.0.1).
DEFAULT_CONF = (
    'extensions = ["outcrop"]\nproject = "Test site"\nexclude_patterns = ["_build"]\noutcrop_remote_images = "link"\n'
)
DEFAULT_INDEX = "# Home\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n"
#: The reference article: the seed shipped next to the repository, and the vendored copy.
SEED = REPO.parent / "shared" / "seeds" / "000_adf9cded1141aa43.txt"
VENDORED = REPO / "tests" / "data" / "reference-article.md"
NAME = "articles/2024-03-18-ethical-sourcing-of-neodymium"
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
WARNING_RE = re.compile(r"^(?P<path>[^\n]*?):(?P<line>\d+): WARNING: (?P<msg>.*?) \[(?P<type>[\w.]+)\]$", re.M)


def reference_text() -> bytes:
    """The seed as shipped next to the repository, else the vendored identical copy."""
    return SEED.read_bytes() if SEED.exists() else VENDORED.read_bytes()


def html_pages(outdir: Path) -> dict[str, bytes]:
    """Every HTML page of a build, by path relative to ``outdir``."""
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def redirects(outdir: Path) -> dict[str, str]:
    """Every redirect page of the output: its path → the path its refresh leads to
    (resolved relative to the page, as a browser would)."""
    found = {}
    for page in sorted(outdir.rglob("*.htm*")):
        text = page.read_text(encoding="utf-8")
        if "outcrop redirect" not in text:
            continue
        relative = page.relative_to(outdir).as_posix()
        refresh = BeautifulSoup(text, "html.parser").find("meta", attrs={"http-equiv": "refresh"})
        url = refresh["content"].split("url=", 1)[1]
        found[relative] = posixpath.normpath(posixpath.join(posixpath.dirname(relative), unquote(url)))
    return found


class Site:
    """A built test site: its app, its warnings and parsed pages."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.app = app

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    @property
    def warnings(self) -> str:
        return ANSI_RE.sub("", self.app.warning.getvalue())

    def outcrop_warnings(self) -> list[dict[str, str]]:
        """Every ``[outcrop.*]`` warning as {path, line, msg, type}."""
        return [m.groupdict() for m in WARNING_RE.finditer(self.warnings) if m["type"].startswith("outcrop")]

    def html(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")

    def soup(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(docname), "html.parser")


SiteFactory = Callable[..., Site]


@pytest.fixture
def make_site(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> SiteFactory:
    """Write ``files`` (plus a default conf.py and index.md) and build them."""
    counter = iter(range(1000))

    def build(
        files: Mapping[str, str | bytes],
        *,
        conf: str = "",
        buildername: str = "html",
        parallel: int = 0,
        srcdir: Path | None = None,
        freshenv: bool = True,
    ) -> Site:
        if srcdir is None:
            srcdir = tmp_path / f"site{next(counter)}"
        defaults = {"conf.py": DEFAULT_CONF + conf, "index.md": DEFAULT_INDEX}
        write_tree(
            srcdir, {name: text for name, text in defaults.items() if not (srcdir / name).exists()} | dict(files)
        )
        app = make_app(buildername, srcdir=srcdir, parallel=parallel, freshenv=freshenv)
        app.build()
        return Site(app)

    return build


def article(front: str, body: str = "## Section\n\nSome text.\n") -> str:
    """An article source: ``front`` is the YAML between the fences."""
    return f"---\n{front.strip()}\n---\n\n{body}"


#: Each theme's notice class and the admonition kind it must become, written out here
#: rather than read from the code, so a wrong mapping in the code fails the tests.
NOTICE_CLASSES = {
    # Minimal Mistakes' notices.
    "notice": "note",
    "notice--primary": "important",
    "notice--info": "note",
    "notice--warning": "warning",
    "notice--danger": "danger",
    "notice--success": "tip",
    # Chirpy's prompts.
    "prompt-tip": "tip",
    "prompt-info": "note",
    "prompt-warning": "warning",
    "prompt-danger": "danger",
}


#: The second article of a theme site, with a local banner (the same offline).
THEMED = "articles/2024-05-01-basalt"
BANNER_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400" viewBox="0 0 1200 400">'
    '<rect width="1200" height="400" fill="#4a5d6e"/><path d="M0 300 L300 180 L520 260 L800 120 L1200 280 '
    'L1200 400 L0 400 Z" fill="#c9a66b"/></svg>\n'
)


def theme_site(root: Path, theme: str, url: str = "https://rocks.example.org/") -> Path:
    """A site as ``outcrop init --theme THEME`` writes it, with the reference article and
    an article with a local banner."""
    import datetime as dt

    from outcrop.cli.scaffold import Answers, site_files

    answers = Answers(title="Rock notes", author="Ada", url=url, theme=theme)
    files: dict[str, str | bytes] = dict(site_files(answers, dt.date(2024, 6, 1)))
    files[f"{NAME}.md"] = reference_text()
    files["articles/img/basalt.svg"] = BANNER_SVG
    files[THEMED + ".md"] = article(
        "title: Basalt columns\nsubtitle: How lava cools into hexagons\ntags: [basalt, field work]\n"
        'categories: [Geology]\nexcerpt_image: img/basalt.svg\nexcerpt_image_alt: "Columns of basalt"',
        "## Cooling\n\nThick lava flows cool from the top and the bottom, and shrink as they cool.\n\n"
        "## Where to see them\n\nThe Giant's Causeway, Fingal's Cave and Devils Postpile.\n",
    )
    write_tree(root, files)
    return root


@pytest.fixture(scope="session")
def make_theme_site() -> Callable[..., Path]:
    """:func:`theme_site`, for fixtures of any scope (the browser tests')."""
    return theme_site


# --- A local image server: tests of remote images never reach the network ----------


def png_bytes(colour: str = "red", size: tuple[int, int] = (8, 4)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int], colour: str = "steelblue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 4)).save(out, format="GIF")
    return out.getvalue()


class Server:
    """An HTTP server on 127.0.0.1 serving ``files`` (path → bytes); ``/hang...`` never
    answers in time, ``/missing...`` is a 404. ``requests`` lists what was asked."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.files: dict[str, bytes] = {
            "/ok.png": png_bytes(),
            "/anim.gif": gif_bytes(),
            "/garbage.png": b"<html>not an image</html>",
            "/huge.png": png_bytes() + b"\0" * 300_000,
        }
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(self.path)
                name = self.path.split("?")[0]
                if name.startswith("/hang"):
                    time.sleep(3)
                    return
                if name.startswith("/missing"):
                    self.send_error(404)
                    return
                body = server.files.get(name)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


def closed_port() -> int:
    """A port of 127.0.0.1 nobody listens on (a host that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
