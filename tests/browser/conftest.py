"""The outcrop site, built once and served on 127.0.0.1, in headless Chromium.

Chromium is the system's (Debian ``chromium``; ``OUTCROP_CHROMIUM`` to use another),
driven by Playwright: no browser is downloaded. axe-core comes from the npm registry
(``tox -e browser`` installs it; ``OUTCROP_AXE`` names ``axe.min.js``). The PDF edition
is built too, so its download link can be followed. Missing tools fail, never skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="tox -e browser installs Playwright")

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("OUTCROP_CHROMIUM", "/usr/bin/chromium")


class Served:
    def __init__(self, root: Path, url: str) -> None:
        self.root, self.url = root, url

    def page_url(self, pagename: str) -> str:
        return f"{self.url}{pagename}.html"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def server_for(html: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A server for ``html`` (not started yet) and its URL, known before the build."""
    handler = functools.partial(QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    return server, f"http://127.0.0.1:{server.server_port}/"


def serving(server: http.server.ThreadingHTTPServer) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def build_files(files: dict[str, str], src: Path, html: Path) -> None:
    """Write ``files`` into ``src`` and build them into ``html`` (a warning is no failure)."""
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(html)], capture_output=True
    )
    assert done.returncode == 0, done.stderr[-4000:]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    html = root / "html"
    server, url = server_for(html)
    options = ["-D", f"html_baseurl={url}", "-D", "outcrop_pdf_link=/outcrop.pdf", "-c", str(REPO / "conf")]
    build = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", *options]
    done = subprocess.run([*build, str(REPO / "docs"), str(html)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    pdf = [
        sys.executable,
        "-m",
        "outcrop.edition.pdf",
        str(REPO / "docs"),
        str(root / "pdf"),
        "-q",
        "-c",
        str(REPO / "conf"),
    ]
    done = subprocess.run(pdf, capture_output=True, text=True)
    assert done.returncode == 0, "the PDF edition (needs LaTeX, see README): " + done.stderr[-4000:]
    shutil.copyfile(root / "pdf" / "outcrop.pdf", html / "outcrop.pdf")
    serving(server)
    yield Served(html, url)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The same site built in Spanish (``-D language=es``): outcrop's words from its
    Spanish catalog; the neodymium article in English with its Spanish translation."""
    html = tmp_path_factory.mktemp("spanish") / "html"
    server, url = server_for(html)
    options = ["-D", "language=es", "-D", f"html_baseurl={url}", "-c", str(REPO / "conf")]
    build = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", *options]
    done = subprocess.run([*build, str(REPO / "docs"), str(html)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    serving(server)
    yield Served(html, url)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def local_server() -> tuple[object, object, object]:
    """``(server_for, serving, build_files)``, for tests that serve a site of their own."""
    return server_for, serving, build_files


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install chromium"
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = Path(os.environ.get("OUTCROP_AXE", REPO / ".tox" / "browser" / "axe" / "axe.min.js"))
    assert path.is_file(), f"axe-core not found at {path}: tox -e browser fetches it (tests/browser/fetch_axe.py)"
    return path.read_text(encoding="utf-8")


@pytest.fixture
def screenshots() -> Path:
    """Where screenshots go: ``OUTCROP_SCREENSHOTS`` (``_static/screenshots`` for
    ``tox -e screenshots``), else ``build/screenshots`` (never the source tree)."""
    folder = Path(os.environ.get("OUTCROP_SCREENSHOTS", REPO / "build" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


HOSTILE_INDEX = "# Home\n\n```{outcrop-latest}\n```\n\n```{outcrop-cloud}\n```\n\n```{outcrop-browse}\n```\n"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Articles whose front matter carries script payloads (tests/hostile_corpus.py)."""
    import hostile_corpus as hc

    root = tmp_path_factory.mktemp("hostile")
    src, html = root / "src", root / "html"
    files = dict(hc.GOOD)
    files["articles/2024-02-15-html.md"] = str(hc.CASES["articles/2024-02-15-html.md"][0])
    files["articles/2024-02-14-weird-tags.md"] = str(hc.CASES["articles/2024-02-14-weird-tags.md"][0])
    files["articles/img/ok.svg"] = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>\n'
    files["index.md"] = HOSTILE_INDEX
    server, url = server_for(html)
    files["conf.py"] = (
        f'extensions = ["outcrop"]\nproject = "Hostile"\nhtml_theme = "furo"\nhtml_baseurl = "{url}"\n'
        'html_sidebars = {"**": ["sidebar/search.html", "sidebar/navigation.html", "outcrop/browse.html"]}\n'
        'outcrop_search = "pagefind"\n'
    )
    build_files(files, src, html)
    serving(server)
    yield Served(html, url)
    server.shutdown()
    server.server_close()
