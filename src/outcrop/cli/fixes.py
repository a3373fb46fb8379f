"""The repairs ``outcrop check --fix`` writes back to a file: the safe ones only.

Safe means the intent is certain and the repair loses nothing: mojibake (the front
matter included), a Markdown image title quoted the wrong way, trailing whitespace in
the front matter (unless it belongs to a value). Each line keeps its line end (CRLF or
LF); a byte-order mark is kept.
"""

from __future__ import annotations

import difflib

from outcrop.article.frontmatter import split_front_matter
from outcrop.article.repair import repair_images, repair_mojibake
from outcrop.problems import Problem, ProblemKind


def fix_text(text: str) -> tuple[str, list[Problem]]:
    """``text`` with the safe repairs made, and the problems they repaired."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    raw_lines = text.removeprefix("\ufeff").split("\n")
    crlf = [line.endswith("\r") for line in raw_lines]  # each line keeps its own line end
    body = "\n".join(line.removesuffix("\r") for line in raw_lines)
    body, fixed = repair_mojibake(body, fix=True)
    front, _ = split_front_matter(body)
    body, images = repair_images(body, first_line=front.length)
    fixed += [p for p in images if p.message.endswith("repaired")]
    lines = body.split("\n")
    stripped = lines[:]
    changed = []
    for number in range(1, max(0, front.length - 1)):
        if stripped[number] != stripped[number].rstrip():
            stripped[number] = stripped[number].rstrip()
            changed.append(number)
    # Trailing spaces can be part of a value (a literal block): only when the front
    # matter reads the same without them are they removed.
    if changed and split_front_matter("\n".join(stripped))[0].data == front.data:
        lines = stripped
        fixed += [Problem(ProblemKind.FRONT_MATTER, "trailing whitespace removed", n + 1) for n in changed]
    result = bom + "\n".join(line + "\r" if cr else line for line, cr in zip(lines, crlf, strict=True))
    return result, sorted(fixed, key=lambda p: p.line)


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of one file, as ``git diff`` shows it."""
    lines = difflib.unified_diff(
        before.replace("\r\n", "\n").splitlines(keepends=True),
        after.replace("\r\n", "\n").splitlines(keepends=True),
        f"a/{path}",
        f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
