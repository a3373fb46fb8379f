"""Jekyll's kramdown attribute lists (``{: .notice--warning}``) turned into MyST.

Pure functions on the source text, keeping every line where it was:

- a block attribute list after a paragraph or blockquote naming a Minimal Mistakes
  notice (``.notice``, ``.notice--info``...) or a Chirpy prompt (``.prompt-tip``...)
  wraps that block in the matching admonition: the blank line before the block takes
  the opening ``:::{kind}`` fence, the attribute list line the closing one, and a
  blockquote loses its ``>`` markers;
- an inline attribute list right after an image or link (``![x](y){: .align-center}``)
  becomes MyST's ``{.align-center}`` when it only has classes and ids;
- any other attribute list is removed, with a warning.
"""

from __future__ import annotations

import functools
import re

from outcrop.problems import Problem, ProblemKind
from outcrop.repair import prose_lines

#: kramdown classes of Jekyll themes and the admonition kind each becomes.
NOTICE_KINDS = {
    "notice": "note",
    "notice--primary": "important",
    "notice--info": "note",
    "notice--warning": "warning",
    "notice--danger": "danger",
    "notice--success": "tip",
    "prompt-tip": "tip",
    "prompt-info": "note",
    "prompt-warning": "warning",
    "prompt-danger": "danger",
}
_BLOCK_IAL = re.compile(r"^\s{0,3}\{:\s*(?P<body>[^}]*)\}\s*$")
_INLINE_IAL = re.compile(r"(?<=\))\{:\s*(?P<body>[^}]*)\}")
_SIMPLE = re.compile(r"^(?:\s*[.#][\w-]+)+\s*$")


def convert_attribute_lists(text: str, *, first_line: int = 0) -> tuple[str, list[Problem]]:
    lines = text.split("\n")
    problems: list[Problem] = []
    for number in prose_lines(lines, first_line):
        line = lines[number]
        if "{:" not in line:
            continue
        block = _BLOCK_IAL.match(line)
        if block:
            problems += _convert_block(lines, number, block["body"], first_line)
            continue
        lines[number] = _INLINE_IAL.sub(functools.partial(_inline, number=number, problems=problems), line)
    return "\n".join(lines), problems


def _convert_block(lines: list[str], number: int, body: str, first_line: int) -> list[Problem]:
    classes = re.findall(r"\.([\w-]+)", body)
    kind = next((NOTICE_KINDS[c] for c in classes if c in NOTICE_KINDS), None)
    end = number - 1
    start = end
    while start > first_line and lines[start - 1].strip():
        start -= 1
    has_block = end >= first_line and lines[end].strip() != ""
    if kind is None or not has_block or start - 1 < first_line or lines[start - 1].strip():
        lines[number] = ""
        reason = "has no MyST equivalent" if kind is None or has_block else "follows no paragraph"
        return [
            Problem(ProblemKind.KRAMDOWN, f"kramdown attribute list {{: {body.strip()}}} {reason}; removed", number + 1)
        ]
    block = lines[start : end + 1]
    if all(b.lstrip().startswith(">") for b in block[:1]):
        block = [re.sub(r"^\s{0,3}> ?", "", b) for b in block]
    longest = max((len(m.group(0)) for b in block if (m := re.match(r"^:{3,}", b.strip()))), default=2)
    colons = ":" * max(3, longest + 1)
    lines[start - 1] = f"{colons}{{{kind}}}"
    lines[start : end + 1] = block
    lines[number] = colons
    return []


def _inline(match: re.Match[str], *, number: int, problems: list[Problem]) -> str:
    body = match["body"].strip()
    if _SIMPLE.match(body):
        return "{" + body + "}"
    problems.append(
        Problem(
            ProblemKind.KRAMDOWN, f"kramdown attribute list {{: {body}}} has no MyST equivalent; removed", number + 1
        )
    )
    return ""
