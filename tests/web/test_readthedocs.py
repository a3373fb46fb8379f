"""Read the Docs builds what a writer builds: run the commands of ``.readthedocs.yaml``
(``tox -e html``, ``tox -e pdf``) on a copy of the repository, with
``READTHEDOCS_OUTPUT`` set to a temporary folder, and check both outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO

pytestmark = pytest.mark.pdf

IGNORE = shutil.ignore_patterns(
    ".git", ".tox", "build", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "*.egg-info"
)


def article_titles() -> list[str]:
    titles = []
    for path in sorted((REPO / "docs" / "articles").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---")[1]
        titles.append(str(yaml.safe_load(front)["title"]))
    return titles


def clean_env(output: Path) -> dict[str, str]:
    """The environment of a fresh shell on Read the Docs, not of this tox run."""
    outer_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TOX_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != outer_bin)
    env.update(
        READTHEDOCS="True",
        READTHEDOCS_LANGUAGE="en",
        READTHEDOCS_VERSION="latest",
        READTHEDOCS_OUTPUT=str(output),
    )
    return env


def test_read_the_docs_commands_build_html_and_pdf(tmp_path: Path) -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jobs = config["build"]["jobs"]
    assert "pdf" in config["formats"] and "epub" in config["formats"]
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO, checkout, ignore=IGNORE, symlinks=True)
    output = tmp_path / "rtd-output"
    env = clean_env(output)
    commands = [] if shutil.which("tox", path=env["PATH"]) else list(jobs["install"])
    commands += jobs["build"]["html"] + jobs["build"]["pdf"] + jobs["build"]["epub"]
    for command in commands:
        result = subprocess.run(
            ["bash", "-ec", command], cwd=checkout, env=env, capture_output=True, text=True, timeout=1500
        )
        assert result.returncode == 0, f"{command}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"

    home = BeautifulSoup((output / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = home.select_one("a.outcrop-pdf-link")
    assert link is not None and link["href"] == "/_/downloads/en/latest/pdf/"
    epub_link = home.select_one("a.outcrop-epub-link")
    assert epub_link is not None and epub_link["href"] == "/_/downloads/en/latest/epub/"
    assert [p.name for p in (output / "epub").glob("*.epub")] == ["outcrop.epub"]  # exactly one
    assert (output / "html" / "tags" / "index.html").is_file()
    pdfs = list((output / "pdf").glob("*.pdf"))
    assert len(pdfs) == 1, pdfs  # Read the Docs wants exactly one
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for title in article_titles():
        assert " ".join(title.split()) in flat, title
