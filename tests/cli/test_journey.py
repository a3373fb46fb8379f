"""A writer's whole journey, as a writer makes it: outcrop installed from its built wheel
into a fresh virtual environment (not the source tree), then ``init`` → ``new`` →
``check`` → ``build -W`` → ``pdf`` → ``serve`` (started, a page fetched, an edit seen,
stopped), on furo and on no theme. Needs the package registry for the wheel's
dependencies, as CI has."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO


class Venv:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.bin = root / ("Scripts" if os.name == "nt" else "bin")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}
        self.env["PATH"] = str(self.bin) + os.pathsep + self.env.get("PATH", "")

    def outcrop(self, *args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "outcrop"), *args], cwd=cwd, env=self.env, capture_output=True, text=True, timeout=timeout
        )


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    root = tmp_path_factory.mktemp("journey")
    dist = root / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("outcrop-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    env = Venv(root / "venv")
    python = str(env.bin / "python")
    installed = subprocess.run(
        [python, "-m", "pip", "install", "-q", f"{wheel}[theme,live,pdf]"], capture_output=True, text=True, env=env.env
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    where = subprocess.run(
        [python, "-c", "import outcrop; print(outcrop.__file__)"], capture_output=True, text=True, env=env.env
    )
    assert str(env.root) in where.stdout, "outcrop must come from the wheel, not the source tree"
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


@pytest.fixture(params=["furo", "none"])
def started(request: pytest.FixtureRequest, venv: Venv, tmp_path: Path) -> Iterator[tuple[Venv, Path]]:
    """init → new → check, on each theme: the site folder."""
    theme = request.param
    done = venv.outcrop(
        "init", "site", "--yes", "--title", "Journey", "--author", "Ada", "--url", "https://journey.example.org/",
        "--theme", theme, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    done = venv.outcrop("new", "Second post", "--tag", "basalt", "--subtitle", "Columns", cwd=site / "_static")
    assert done.returncode == 0, done.stderr
    article = site / done.stdout.strip().removeprefix("../")
    assert article.parent == site / "articles" and article.is_file()
    article.write_text(article.read_text(encoding="utf-8") + "\n## Field notes\n\nBasalt cools into columns.\n")
    done = venv.outcrop("check", cwd=site)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    assert "outcrop check: 2 articles, no problems" in done.stderr
    yield venv, site


def test_build_with_w(started: tuple[Venv, Path]) -> None:
    venv, site = started
    done = venv.outcrop("build", "-W", "--keep-going", cwd=site)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "outcrop: the site is in _build/html" in done.stdout
    assert "MdParserConfig" not in done.stdout  # MyST's configuration dump is not printed
    home = (site / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Second post" in home and "Welcome" in home
    assert (site / "_build" / "html" / "tags" / "basalt.html").is_file()


@pytest.mark.pdf
def test_pdf(started: tuple[Venv, Path]) -> None:
    venv, site = started
    done = venv.outcrop("pdf", "-q", cwd=site)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    books = list((site / "_build" / "pdf").glob("*.pdf"))
    assert len(books) == 1 and books[0].stat().st_size > 10_000


def test_serve_shows_an_edit(started: tuple[Venv, Path]) -> None:
    venv, site = started
    port = free_port()
    process = subprocess.Popen(
        [str(venv.bin / "outcrop"), "serve", "--port", str(port)],
        cwd=site,
        env=venv.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        article = next((site / "articles").glob("*-second-post.md"))
        url = f"http://127.0.0.1:{port}/articles/{article.stem}.html"
        deadline = time.monotonic() + 120
        page = ""
        while time.monotonic() < deadline and "Basalt cools" not in page:
            try:
                page = fetch(url)
            except OSError:
                time.sleep(0.5)
        assert "Basalt cools" in page, "the live preview served the article"
        article.write_text(article.read_text(encoding="utf-8") + "\nA line written while serving.\n")
        edited = time.monotonic()
        while time.monotonic() < edited + 30 and "written while serving" not in page:
            time.sleep(0.5)
            page = fetch(url)
        assert "written while serving" in page, "the edit was rebuilt and served"
        assert time.monotonic() - edited < 30
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
