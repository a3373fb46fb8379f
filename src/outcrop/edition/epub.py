"""Build the EPUB edition: ``python -m outcrop.edition.epub SOURCEDIR OUTPUTDIR [...]``.

``sphinx-build -M epub`` with outcrop's EPUB builder (:mod:`outcrop.edition.ebook`),
the book copied to ``OUTPUTDIR``, then checked with epubcheck when it is installed
(Debian's ``epubcheck``; ``OUTCROP_EPUBCHECK`` may name its jar): each problem it
finds is a warning with the file and line inside the book, fatal with ``-W``.
Further arguments go to ``sphinx-build``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Where Debian's epubcheck package puts its jar (its command is a link to it).
EPUBCHECK_JARS = ("/usr/share/java/epubcheck.jar",)
EPUBCHECK_LINE = re.compile(
    r"^(?P<level>ERROR|FATAL|WARNING)\((?P<code>[A-Z]+-\d+)\): "
    r"(?P<where>.+?)\((?P<line>-?\d+),-?\d+\): (?P<message>.*)$",
    re.M,
)


def epubcheck_command() -> list[str] | None:
    """How to run epubcheck here (``OUTCROP_EPUBCHECK`` names a jar), or None."""
    java = shutil.which("java")
    jars = [os.environ.get("OUTCROP_EPUBCHECK", ""), *EPUBCHECK_JARS]
    jar = next((j for j in jars if j and Path(j).is_file()), None)
    if java and jar:
        return [java, "-jar", jar]
    found = shutil.which("epubcheck")
    return [found] if found else None


def epubcheck_problems(report: str) -> list[tuple[str, str, str, str]]:
    """``(level, code, where, message)`` of each error and warning epubcheck printed."""
    return [
        (m["level"], m["code"], f"{m['where']}:{max(int(m['line']), 1)}", m["message"])
        for m in EPUBCHECK_LINE.finditer(report)
    ]


def main(argv: list[str] | None = None) -> int:
    """``sphinx-build -M epub``, the book copied to OUTPUTDIR, then checked with
    epubcheck when it is installed: each problem a warning (``-W``: an error)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print((main.__doc__ or "").strip())
        return 0 if args else 2
    if len(args) < 2 or args[0].startswith("-") or args[1].startswith("-"):
        print("usage: python -m outcrop.edition.epub SOURCEDIR OUTPUTDIR [sphinx-build options]", file=sys.stderr)
        return 2
    outdir = Path(args[1])
    status = subprocess.call([sys.executable, "-m", "sphinx", "-M", "epub", *args])
    if status:
        return status
    books = sorted((outdir / "epub").glob("*.epub"))
    problems = 0
    checker = epubcheck_command()
    for book in books:
        shutil.copyfile(book, outdir / book.name)
        if checker is None:
            print("outcrop: epubcheck is not installed (Debian: apt-get install epubcheck); the EPUB is not checked")
        else:
            done = subprocess.run([*checker, str(book)], capture_output=True, text=True, timeout=600, check=False)
            for level, code, where, message in epubcheck_problems(done.stdout + done.stderr):
                print(f"{where}: WARNING: epubcheck {level} {code}: {message} [outcrop.edition]", file=sys.stderr)
                problems += 1
            if done.returncode and not problems:
                print(f"outcrop: epubcheck failed: {(done.stdout + done.stderr).strip()[-500:]}", file=sys.stderr)
                problems += 1
        print(f"outcrop: the EPUB edition is {outdir / book.name}")
    if problems and "-W" in args:
        print(f"outcrop: {problems} warning(s) about the EPUB (-W makes them errors)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
