"""The repairs ``outcrop check --fix`` writes back to a file: the safe ones only.

Safe means the intent is certain and the repair loses nothing: mojibake (the front
matter included), a Markdown image title quoted the wrong way, trailing whitespace in
the front matter. Line ends (CRLF) and a byte-order mark are kept as they were.
"""

from __future__ import annotations

import difflib

from outcrop.frontmatter import split_front_matter
from outcrop.problems import Problem, ProblemKind
from outcrop.repair import repair_images, repair_mojibake


def fix_text(text: str) -> tuple[str, list[Problem]]:
    """``text`` with the safe repairs made, and the problems they repaired."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.removeprefix("\ufeff").replace("\r\n", "\n")
    body, fixed = repair_mojibake(body, fix=True)
    front, _ = split_front_matter(body)
    body, images = repair_images(body, first_line=front.length)
    fixed += [p for p in images if p.message.endswith("repaired")]
    lines = body.split("\n")
    for number in range(1, max(0, front.length - 1)):
        if lines[number] != lines[number].rstrip():
            lines[number] = lines[number].rstrip()
            fixed.append(Problem(ProblemKind.FRONT_MATTER, "trailing whitespace removed", number + 1))
    result = bom + "\n".join(lines).replace("\n", newline)
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
