"""Build the PDF edition: ``python -m outcrop.edition.pdf SOURCEDIR OUTPUTDIR [-c CONFDIR ...]``.

Writes the book with Sphinx (``-M latex``; the console shows Sphinx's progress and
its warnings), then typesets it with xelatex through latexmk, with the TeX transcript
in ``OUTPUTDIR/latex/<name>.typeset.log`` instead of the console. When LaTeX rejects
something, the TeX log names the line of the ``.tex``; the formula or the article
there is named in ``outcrop-fallbacks.json`` and the book is written and typeset again
with it printed as code (or set aside with a note), each with a located warning. Only
an error outside any article (the preamble, the cover) ends the build, quoting the TeX
error. Characters no font has are warnings naming the article. The book is copied to
``OUTPUTDIR/<name>.pdf``. It stops at once, naming the Debian packages to install,
when LaTeX is missing. Further arguments go to ``sphinx-build`` (``-W``, ``-D
name=value``, ...); with ``-W`` the driver's own warnings are fatal too.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from outcrop.atomic import write_atomic
from outcrop.edition.typeset import FALLBACKS, read_fallbacks

#: Debian packages of the PDF edition (Ubuntu and Read the Docs alike).
DEBIAN_PACKAGES = (
    "latexmk",
    "make",
    "texlive-xetex",
    "texlive-latex-extra",
    "texlive-fonts-recommended",
    "fonts-freefont-otf",
    "fonts-linuxlibertine",
    "fonts-dejavu-core",
    "fonts-noto-cjk",
    "fonts-symbola",
    "texlive-lang-chinese",
    "xindy",
    "librsvg2-bin",
)
TOOLS = ("xelatex", "latexmk", "make", "xindy", "rsvg-convert")
MISSING_CHARACTER = re.compile(r"^Missing character: There is no (.+?) \((U\+[0-9A-Fa-f]+)\) in font (.*?)!?$", re.M)
#: How often the book is written again after LaTeX rejected something in it.
ROUNDS = 4
#: ``-file-line-error`` errors: ``./book.tex:123: Undefined control sequence.``
TEX_ERROR = re.compile(r"^(?P<file>[^\s:][^:\n]*\.(?:tex|sty|cls|def|cfg)):(?P<line>\d+): (?P<message>.*)$", re.M)
BEGIN = re.compile(r"^%outcrop-formula-begin (?P<key>\S+) (?P<line>\d+) (?P<docname>.+)$")
END = re.compile(r"^%outcrop-formula-end (?P<key>\S+)$")
DOC_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<docname>[^{}]+)::doc\}\}")


def missing_tools(tools: Sequence[str] = TOOLS) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def missing_characters(log: str) -> list[str]:
    """The distinct "Missing character" lines of a TeX log, in order."""
    return list(dict.fromkeys(m.group(0) for m in MISSING_CHARACTER.finditer(log)))


@dataclasses.dataclass(frozen=True)
class TexError:
    """One error of a TeX run, where it is in the ``.tex`` and what holds it there."""

    line: int
    message: str
    context: str = ""
    #: the formula's key when the line is in (or right after) a marked formula
    formula: str = ""
    #: the document the line belongs to
    docname: str = ""
    source_line: int = 0


def tex_errors(log: str, tex_name: str) -> list[TexError]:
    """The errors of the main ``.tex`` in a ``-file-line-error`` TeX log, with the
    line after each (TeX's ``l.NNN`` context)."""
    errors: list[TexError] = []
    for match in TEX_ERROR.finditer(log):
        if Path(match["file"]).name != tex_name:
            continue
        rest = log[match.end() : match.end() + 600].splitlines()
        context = next((line.strip() for line in rest if line.startswith("l.")), "")
        errors.append(TexError(int(match["line"]), match["message"].strip(), context))
    return errors


def runaway(log: str, tex: list[str]) -> list[TexError]:
    """A runaway argument (``File ended while scanning use of \\frac``) has no line in
    the log, only the argument's first characters: the line of the ``.tex`` that holds them."""
    found: list[TexError] = []
    for match in re.finditer(r"^Runaway argument\?\n(?P<text>.*)\n! (?P<message>.*)$", log, re.M):
        needle = match["text"].removesuffix("...").strip()[:40]
        number = next((n for n, text in enumerate(tex, 1) if needle and needle in text), 0)
        if number:
            found.append(TexError(number, match["message"].strip(), match["text"]))
    return found


def place(errors: list[TexError], tex: list[str], root_doc: str) -> list[TexError]:
    """Each error with the formula and the document of its line in ``tex`` (lines
    1-based as TeX counts them). An error up to three lines after a formula's end
    is that formula's (TeX notices some only at the end of the paragraph)."""
    placed: list[TexError] = []
    for error in errors:
        open_key, open_line, docname, last_end = "", 0, root_doc, (-10, "", 0)
        current: dict[str, tuple[int, str]] = {}
        for number, text in enumerate(tex[: error.line], start=1):
            begin = BEGIN.match(text)
            if begin:
                current[begin["key"]] = (int(begin["line"]), begin["docname"])
                open_key, open_line = begin["key"], int(begin["line"])
                continue
            end = END.match(text)
            if end:
                if end["key"] == open_key:
                    last_end = (number, open_key, open_line)
                    open_key = ""
                continue
            label = DOC_LABEL.search(text)
            if label:
                docname = label["docname"]
        key, line = open_key, open_line
        if not key and error.line - last_end[0] <= 3:
            key, line = last_end[1], last_end[2]
        if key:
            docname = current[key][1]
        placed.append(dataclasses.replace(error, formula=key, docname=docname, source_line=line))
    return placed


#: Lines of a transcript that say why the PDF driver (xdvipdfmx) or a tool stopped.
DRIVER_ERROR = re.compile(
    r"^(?:.*\b(?:libpng error|xdvipdfmx:fatal|fatal error)\b.*|.*\(driver return code\).*)$", re.M | re.I
)


def driver_error(transcript: str) -> str:
    """The first line of a transcript that says why the PDF driver stopped, or ``""``."""
    match = DRIVER_ERROR.search(transcript)
    return match.group(0).strip() if match else ""


def usage() -> str:
    return (__doc__ or "").strip()


def _sphinx(args: list[str], said: set[str], *, again: bool) -> int:
    """``sphinx-build -M latex``: its progress and warnings on the console the first
    time; when the book is written again, only the warnings not said before (and all
    of its output if it fails)."""
    command = [sys.executable, "-m", "sphinx", "-M", "latex", *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE if again else None, stderr=subprocess.PIPE, text=True, errors="replace"
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if line not in said:
                said.add(line)
                sys.stderr.write(line)
                sys.stderr.flush()
        progress = process.stdout.read() if process.stdout is not None else ""
        status = process.wait()
    if status and progress:
        sys.stdout.write(progress)
    return status


def _typeset(latex: Path, tex: Path) -> tuple[int, Path]:
    """latexmk on one book, its whole transcript in ``<name>.typeset.log``."""
    env = dict(os.environ)
    # Never wait for an answer on the terminal; name the file and line of each error.
    env["LATEXOPTS"] = " ".join(
        dict.fromkeys([*env.get("LATEXOPTS", "").split(), "-interaction=nonstopmode", "-file-line-error"])
    )
    transcript = tex.with_suffix(".typeset.log")
    with transcript.open("w", encoding="utf-8") as out:
        status = subprocess.call(
            ["make", "-C", str(latex), tex.with_suffix(".pdf").name], stdout=out, stderr=out, env=env
        )
    return status, transcript


def _warning(srcdir: Path, docname: str, line: int, message: str) -> str:
    source = next((p for p in sorted(srcdir.glob(f"{docname}.*")) if p.is_file()), srcdir / docname)
    return f"{source}:{line}: WARNING: {message} [outcrop.edition]"


def _source_line(srcdir: Path, docname: str, needle: str) -> int:
    for path in sorted(srcdir.glob(f"{docname}.*")):
        try:
            for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if needle in text:
                    return number
        except OSError:
            continue
    return 1


def lost_characters(log: str, tex: list[str], root_doc: str) -> list[tuple[str, str, str]]:
    """``(character, code point, docname)`` for each character no font printed, in the
    documents whose text holds it."""
    found: list[tuple[str, str, str]] = []
    lost = dict.fromkeys((m[1], m[2].upper()) for m in MISSING_CHARACTER.finditer(log))
    if not lost:
        return found
    docname = root_doc
    where: dict[str, dict[str, None]] = {}
    for text in tex:
        label = DOC_LABEL.search(text)
        if label:
            docname = label["docname"]
        for character, _point in lost:
            if character in text:
                where.setdefault(character, dict.fromkeys([]))[docname] = None
    for character, point in lost:
        for name in where.get(character, {root_doc: None}):
            found.append((character, point, name))
    return found


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
    srcdir, outdir = Path(args[0]).resolve(), Path(args[1])
    strict = "-W" in args
    latex = outdir / "latex"
    root_doc = _root_doc(args) or "index"
    # Articles set aside by an earlier run are tried again (their writer may have fixed
    # them); formulas are named by their text, so a fixed one is a new formula anyway.
    earlier = read_fallbacks(latex)
    if earlier["articles"]:
        write_atomic(latex / FALLBACKS, json.dumps({**earlier, "articles": {}}, indent=1, sort_keys=True).encode())
    said: set[str] = set()
    for again in range(ROUNDS):
        status = _sphinx(args, said, again=bool(again))
        if status:
            return status
        rejected = 0
        for tex in sorted(latex.glob("*.tex")):
            if not (latex / "Makefile").is_file():
                break
            status, transcript = _typeset(latex, tex)
            log = _read(tex.with_suffix(".log"))
            lines = _read(tex).splitlines()
            errors = place(tex_errors(log, tex.name) or runaway(log, lines), lines, root_doc) if status else []
            if status and not errors:
                _failed(tex, transcript, log, None)
                return status or 1
            fallbacks = read_fallbacks(latex)
            known = set(fallbacks["formulas"]) | set(fallbacks["articles"])
            for error in errors:
                if error.formula:
                    fallbacks["formulas"].setdefault(error.formula, error.message)
                elif error.docname and error.docname != root_doc:
                    fallbacks["articles"].setdefault(error.docname, error.message)
                else:
                    _failed(tex, transcript, log, error)
                    return status or 1
            fresh = (set(fallbacks["formulas"]) | set(fallbacks["articles"])) - known
            if errors and not fresh:
                _failed(tex, transcript, log, errors[0])  # written as code and still rejected
                return status or 1
            if fresh:
                write_atomic(latex / FALLBACKS, json.dumps(fallbacks, indent=1, sort_keys=True).encode())
                rejected += len(fresh)
        if not rejected:
            break
        print(f"outcrop: LaTeX rejected {rejected} thing(s) in the book; writing the book again with them set aside")
    else:
        print("outcrop: the book still fails after setting aside what LaTeX rejected", file=sys.stderr)
        return 1
    problems = 0
    for tex in sorted(latex.glob("*.tex")):
        book = tex.with_suffix(".pdf")
        if not book.is_file():
            continue
        log = _read(tex.with_suffix(".log"))
        for character, point, docname in lost_characters(log, _read(tex).splitlines(), root_doc):
            line = _source_line(srcdir, docname, character)
            message = f"no font of the book has the character {character!r} ({point}); it is left out of the PDF"
            print(_warning(srcdir, docname, line, message), file=sys.stderr)
            problems += 1
        shutil.copyfile(book, outdir / book.name)
        print(f"outcrop: the PDF edition is {outdir / book.name}")
    if problems and strict:
        print(f"outcrop: {problems} warning(s) about the PDF (-W makes them errors)", file=sys.stderr)
        return 1
    return 0


def _root_doc(args: Sequence[str]) -> str | None:
    """``-D root_doc=...`` when given (else the caller assumes Sphinx's ``index``)."""
    for index, arg in enumerate(args[:-1]):
        if arg == "-D" and args[index + 1].startswith("root_doc="):
            return args[index + 1].split("=", 1)[1]
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _failed(tex: Path, transcript: Path, log: str, error: TexError | None) -> None:
    """The message of a genuine LaTeX failure: the TeX error, where it is, the log."""
    if error is None:
        first = next((line for line in log.splitlines() if line.startswith("!")), "")
        detail = first or driver_error(_read(transcript)) or "no TeX error in the log (see the transcript)"
        print(f"outcrop: LaTeX failed on {tex.name}: {detail}\n  transcript: {transcript}", file=sys.stderr)
        return
    where = f" (in {error.docname})" if error.docname else ""
    print(
        f"outcrop: LaTeX failed at {tex.name}:{error.line}{where}: {error.message}\n"
        f"  {error.context}\n  transcript: {transcript}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
