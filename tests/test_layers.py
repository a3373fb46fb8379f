"""The package's stages keep their layering (see src/outcrop/README.md).

``lint-imports`` (tox -e lint) checks the layers between stages; this checks what
import-linter cannot name, the parts of Sphinx the article stage may use, and that the
layers contract itself catches an upward import."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "outcrop"
#: The only part of Sphinx the article stage imports (the same glob rules as
#: ``exclude_patterns`` for ``outcrop_article_patterns``).
ARTICLE_SPHINX = {"sphinx.util.matching"}
STAGES = ("article", "site", "web", "edition", "cli")
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_article_stage_uses_only_sphinx_matching() -> None:
    used = {m for p in (SRC / "article").glob("*.py") for m in imported_modules(p) if m.split(".")[0] == "sphinx"}
    assert used <= ARTICLE_SPHINX


def test_every_module_is_in_a_stage_or_named_at_the_top() -> None:
    top = {p.stem for p in SRC.glob("*.py")}
    assert top == {"__init__", "__main__", "config", "problems", "atomic", "i18n"}
    assert {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(STAGES)


def test_layers_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """A copy of the package with one upward import (site -> web) breaks the contract."""
    copy = tmp_path / "outcrop"
    shutil.copytree(SRC, copy)
    pages = copy / "site" / "pages.py"
    pages.write_text(pages.read_text(encoding="utf-8") + "\nfrom outcrop.web import feeds  # noqa\n", encoding="utf-8")
    command = [LINT_IMPORTS, "--config", str(SRC.parents[1] / "pyproject.toml"), "--no-cache"]
    done = subprocess.run(command, capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path)}, cwd=tmp_path)
    assert done.returncode != 0
    assert "outcrop.site.pages -> outcrop.web.feeds" in done.stdout
    clean = subprocess.run(command, capture_output=True, text=True, cwd=SRC.parents[1])
    assert clean.returncode == 0, clean.stdout
