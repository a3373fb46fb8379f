"""Build the PDF edition: ``python -m outcrop.pdf SOURCEDIR OUTPUTDIR [-c CONFDIR ...]``.

Runs ``sphinx-build -M latexpdf`` (xelatex through latexmk), then checks the TeX log
for characters no font could print, and copies the book to ``OUTPUTDIR/<name>.pdf``.
It stops at once, naming the Debian packages to install, when LaTeX is missing.
Further arguments go to ``sphinx-build`` (``-W``, ``-D name=value``, ...).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: Debian packages of the PDF edition (Ubuntu and Read the Docs alike).
DEBIAN_PACKAGES = (
    "latexmk",
    "make",
    "texlive-xetex",
    "texlive-latex-extra",
    "texlive-fonts-recommended",
    "fonts-freefont-otf",
    "fonts-noto-cjk",
    "texlive-lang-chinese",
    "xindy",
    "librsvg2-bin",
)
TOOLS = ("xelatex", "latexmk", "make", "xindy", "rsvg-convert")
MISSING_CHARACTER = re.compile(r"^Missing character: .*$", re.MULTILINE)


def missing_tools(tools: Sequence[str] = TOOLS) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def missing_characters(log: str) -> list[str]:
    """The distinct "Missing character" lines of a TeX log, in order."""
    return list(dict.fromkeys(MISSING_CHARACTER.findall(log)))


def usage() -> str:
    return (__doc__ or "").strip()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(usage())
        return 0 if args else 2
    missing = missing_tools()
    if missing:
        print(
            f"outcrop: the PDF edition needs programs that are not installed: {', '.join(missing)}.\n"
            f"On Debian or Ubuntu: sudo apt-get install {' '.join(DEBIAN_PACKAGES)}",
            file=sys.stderr,
        )
        return 3
    if len(args) < 2 or args[0].startswith("-") or args[1].startswith("-"):
        print(usage(), file=sys.stderr)
        return 2
    outdir = Path(args[1])
    env = dict(os.environ)
    # Stop at the first TeX error instead of waiting for an answer on the terminal.
    env.setdefault("LATEXOPTS", "-interaction=nonstopmode -halt-on-error")
    command = [sys.executable, "-m", "sphinx", "-M", "latexpdf", *args]
    status = subprocess.call(command, env=env)
    latex = outdir / "latex"
    if status:
        print(f"outcrop: the PDF build failed; see the .log files in {latex}", file=sys.stderr)
        return status
    books = sorted(p for p in latex.glob("*.pdf") if p.with_suffix(".tex").is_file())
    problems = 0
    for book in books:
        log = book.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
        lost = missing_characters(log)
        for line in lost:
            print(f"{book.with_suffix('.log')}: {line}", file=sys.stderr)
        problems += len(lost)
        shutil.copyfile(book, outdir / book.name)
        print(f"outcrop: the PDF edition is {outdir / book.name}")
    if problems:
        print(
            f"outcrop: {problems} character(s) have no glyph in the PDF's fonts (listed above)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
