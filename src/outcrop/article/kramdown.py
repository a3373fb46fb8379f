"""Jekyll's kramdown attribute lists (``{: .notice--warning}``) turned into MyST.

Pure functions on the source text, keeping every line where it was:

- a block attribute list after a paragraph or blockquote naming a Minimal Mistakes
  notice (``.notice``, ``.notice--info``...) or a Chirpy prompt (``.prompt-tip``...)
  wraps that block in the matching admonition: the blank line before the block takes
  the opening ``:::{kind}`` fence, the attribute list line the closing one, and a
  blockquote loses its ``>`` markers;
- a span attribute list right after an image, a link or a code span
  (``![x](y){: .align-center}``, ``[x](y){: .btn}``, `` `a/b`{: .filepath}``) becomes
  MyST's inline attributes (``{.align-center}``); after emphasis (``**x**{: .c}``),
  which MyST's attributes cannot follow, the emphasis is wrapped in a MyST span
  (``[**x**]{.c}``). Classes and ids are kept (and an image's width and height);
  anything else (``target="_blank"``, ``style``) is removed with a warning. One after
  plain text is left as it is: kramdown prints it as text too;
- ``* TOC`` followed by ``{:toc}`` becomes a ``{contents}`` directive; ``{: .no_toc}``
  (meaningless without kramdown's table of contents) is removed;
- ``<div markdown="1">`` ... ``</div>`` (Markdown inside HTML) becomes a ``{container}``
  with the div's classes, or the admonition a notice class names;
- ``{::comment}`` ... ``{:/comment}`` becomes MyST comments (``%`` lines);
- ``{::options ... /}``, ``{::nomarkdown}`` markers and abbreviation definitions
  (``*[USGS]: ...``, kept as a comment) have no MyST equivalent: a warning each;
- any other attribute list is removed, with a warning;
- a kramdown table (lines with pipes, on block boundaries) becomes one GFM table: its
  header separator a delimiter row with one cell per header cell; separator lines that
  start another ``<tbody>``, the ``|===`` footer separator (its rows stay, as the last
  rows: GFM has no footer) and leading or trailing separators are left out; a table
  without a header separator (kramdown needs none) gets its first row as the header.
  The table's rows move up over the lines left out, and as many blank lines follow the
  table, so the lines after it keep their numbers; the delimiter row a headerless table
  needs takes a second blank line after it or the blank line between it and a heading
  before it (a GFM table takes any line after it as a row), else the lines after it
  move down one.
"""

from __future__ import annotations

import re

from outcrop.article.repair import code_spans, prose_lines
from outcrop.problems import Problem, ProblemKind

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
_SPAN_IAL = re.compile(r"\{:(?![:/])\s*(?P<body>[^}]*)\}")
_IAL_PART = re.compile(
    r"""\s*(?:(?P<name>[.#][\w-]+)|(?P<key>[\w:-]+)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'}]+)|(?P<other>\S+))"""
)
#: Emphasis closed right before a span IAL: ``**x**``, ``__x__``, ``*x*``, ``_x_``.
_EMPHASIS_BEFORE = re.compile(r"(?P<mark>\*\*|__|\*|_)(?=[^\s*_])(?P<inner>(?:(?!(?P=mark)).)+?)(?P=mark)$")
#: Attributes MyST keeps on an image besides classes and ids.
_IMAGE_KEYS = frozenset({"width", "height"})
_EXTENSION = re.compile(r"^\s{0,3}\{::(?P<name>\w+)(?P<rest>[^}]*?)(?P<closed>/)?\}\s*$")
_EXTENSION_END = re.compile(r"^\s{0,3}\{:/(?P<name>\w*)\}\s*$")
_ABBREVIATION = re.compile(r"^\s{0,3}\*\[(?P<abbr>[^\]]+)\]:")
_MARKDOWN_DIV = re.compile(
    r"""^\s{0,3}<div\b(?P<attrs>[^>]*?)\smarkdown\s*=\s*["']?(?:1|block)["']?(?P<more>[^>]*)>\s*$"""
)
_CLASSES = re.compile(r"""\bclass\s*=\s*["'](?P<classes>[^"']*)["']""")
#: kramdown's table lines (syntax docs, "Tables"): separators hold only pipes, pluses,
#: colons, spaces and dashes (equal signs for the footer one), with a pipe and a dash.
_SEPARATOR = re.compile(r"^\s{0,3}(?=[^-]*-)(?=[^|]*\|)[|+:\s-]+$")
_FOOTER = re.compile(r"^\s{0,3}(?=[^=]*=)(?=[^|]*\|)[|+:\s=]+$")
_TABLE_START = re.compile(r"^\s{0,3}\|")
_PIPE = re.compile(r"(?<!\\)\|")
_GFM_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
_ALIGNMENT = re.compile(r":?-+:?")
#: (colon before, colon after) -> the GFM delimiter cell.
_GFM_ALIGNMENTS = {(False, False): "---", (True, False): ":--", (True, True): ":-:", (False, True): "--:"}
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[*+-]|\d+[.)])\s+\S")


def convert_attribute_lists(text: str, *, first_line: int = 0) -> tuple[str, list[Problem]]:
    lines = text.split("\n")
    problems: list[Problem] = []
    skip_to = -1
    for number in prose_lines(lines, first_line):
        line = lines[number]
        if number <= skip_to:
            continue
        if "<div" in line and "markdown" in line and _MARKDOWN_DIV.match(line):
            problems += _markdown_div(lines, number)
            continue
        if line.startswith(("*[", " *[", "  *[", "   *[")) and _ABBREVIATION.match(line):
            lines[number] = "% " + line
            message = f"kramdown abbreviation {line.strip()[:60]!r} has no MyST equivalent; kept as a comment"
            problems.append(Problem(ProblemKind.KRAMDOWN, message, number + 1))
            continue
        if "{:" not in line:
            continue
        extension = _EXTENSION.match(line)
        if extension:
            skip_to, found = _extension(lines, number, extension)
            problems += found
            continue
        if _EXTENSION_END.match(line):
            lines[number] = ""
            continue
        block = _BLOCK_IAL.match(line)
        if block:
            problems += _convert_block(lines, number, block["body"], first_line)
            continue
        lines[number] = _span_ials(line, number, problems)
    _convert_tables(lines, first_line)
    return "\n".join(lines), problems


def _convert_tables(lines: list[str], first_line: int) -> None:
    """Each kramdown table of ``lines`` made one GFM table (see the module). The tables are
    found in the lines as they were; ``shift`` counts the lines the tables converted so far
    added above the one at hand."""
    source = list(lines)
    prose = list(prose_lines(source, first_line))
    in_prose = set(prose)
    shift = 0
    index = 0
    while index < len(prose):
        start = prose[index]
        index += 1
        before = source[start - 1] if start > first_line else ""
        if not _TABLE_START.match(source[start]) or (before.strip() and not before.lstrip().startswith("#")):
            continue
        end = start
        while end + 1 < len(source) and end + 1 in in_prose and _PIPE.search(source[end + 1]):
            end += 1
        while index < len(prose) and prose[index] <= end:
            index += 1
        if end + 1 < len(source) and source[end + 1].strip():
            continue  # kramdown's tables end on a block boundary
        table = _gfm_table(source[start : end + 1])
        if table is None:
            continue
        spare = end + 1 - start - len(table)
        at, after = start + shift, end + 1 + shift
        if spare >= 0 or end + 1 >= len(source):
            lines[at:after] = table + [""] * max(spare, 0)
        elif end + 2 < len(source) and not source[end + 2].strip():
            lines[at : after + 1] = table  # one of two blank lines after it gives the delimiter its line
        elif not before.strip() and (
            start - 1 == first_line or (start - 2 >= first_line and source[start - 2].lstrip().startswith("#"))
        ):
            lines[at - 1 : after] = table  # the blank line before it, after a heading
        else:
            lines[at:after] = table  # the lines after it move down one
            shift -= spare


def _gfm_table(table: list[str]) -> list[str] | None:
    """A kramdown table's lines as a GFM table, or None when they are one already."""
    rows: list[str] = []
    header = 0  # how many rows are header rows
    delimiter = ""
    for line in table:
        if _FOOTER.match(line) or _SEPARATOR.match(line):
            if rows and not delimiter and _SEPARATOR.match(line):
                header, delimiter = len(rows), line
            continue
        rows.append(line)
    if not rows:
        return None
    if not delimiter:
        header = 1
    cells = len(_cells(rows[0]))
    parts = _cells(delimiter)
    if not (len(parts) == cells and "+" not in delimiter and all(_GFM_DELIMITER_CELL.match(p) for p in parts)):
        found = [_GFM_ALIGNMENTS[(a[0] == ":", a[-1] == ":")] for a in _ALIGNMENT.findall(delimiter)]
        delimiter = "| " + " | ".join((found + ["---"] * cells)[:cells]) + " |"
    if not delimiter.startswith((" ", "\t")):
        delimiter = rows[0][: len(rows[0]) - len(rows[0].lstrip())] + delimiter.lstrip()
    result = [rows[0], delimiter, *rows[1:]]
    if header == 1 and result == table:
        return None
    return result


def _cells(row: str) -> list[str]:
    """The cells of a table row as GFM counts them (outer pipes do not count)."""
    text = row.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return _PIPE.split(text)


def _ends(line: str, name: str) -> bool:
    """Whether ``line`` is the stop tag of extension ``name``: ``{:/name}`` or ``{:/}``
    (kramdown: another extension's stop tag inside a comment is comment text)."""
    found = _EXTENSION_END.match(line)
    return found is not None and found["name"] in ("", name)


def _extension(lines: list[str], number: int, match: re.Match[str]) -> tuple[int, list[Problem]]:
    """A kramdown extension ``{::name ...}``: comments kept as MyST comments, the rest
    removed with a warning. Returns the last line it consumed."""
    name = match["name"]
    end = number
    if not match["closed"]:
        end = next((i for i in range(number + 1, len(lines)) if _ends(lines[i], name)), number)
    if name == "comment":
        for i in range(number, end + 1):
            lines[i] = ("% " + lines[i]).rstrip() if number < i < end else "%"
        return end, []
    lines[number] = ""
    if end != number:
        lines[end] = ""
    what = "its content is kept as Markdown" if end != number else "removed"
    message = f"kramdown extension {{::{name}}} has no MyST equivalent; {what}"
    return number, [Problem(ProblemKind.KRAMDOWN, message, number + 1)]


def _markdown_div(lines: list[str], number: int) -> list[Problem]:
    """``<div class="x" markdown="1">`` ... ``</div>``: a container (or an admonition)."""
    depth = 0
    for end in range(number, len(lines)):
        depth += lines[end].count("<div") - lines[end].count("</div>")
        if depth <= 0:
            break
    else:
        end = -1
    if end <= number or lines[end].strip() != "</div>":
        message = 'kramdown markdown="1" block could not be matched with its </div>; shown as raw HTML'
        return [Problem(ProblemKind.KRAMDOWN, message, number + 1)]
    found = _CLASSES.search(lines[number])
    classes = found["classes"].split() if found else []
    kind = next((NOTICE_KINDS[c] for c in classes if c in NOTICE_KINDS), None)
    inner = lines[number + 1 : end]
    longest = max((len(m.group(0)) for b in inner if (m := re.match(r"^\s*(:{3,})", b))), default=2)
    colons = ":" * max(3, longest + 1)
    safe = [c for c in classes if re.fullmatch(r"[\w-]+", c)]
    lines[number] = f"{colons}{{{kind}}}" if kind else f"{colons}{{container}} {' '.join(safe)}".rstrip()
    lines[end] = colons
    return []


def _convert_block(lines: list[str], number: int, body: str, first_line: int) -> list[Problem]:
    if body.strip() in {"toc", ".toc"} and number - 1 >= first_line and _LIST_ITEM.match(lines[number - 1]):
        lines[number - 1] = ":::{contents}"
        lines[number] = ":::"
        return []
    classes = re.findall(r"\.([\w-]+)", body)
    if classes == ["no_toc"]:
        lines[number] = ""
        return []
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


def _span_ials(line: str, number: int, problems: list[Problem]) -> str:
    """Each span IAL of ``line`` outside code spans, made MyST's (see the module)."""
    spans = code_spans(line)
    ends = {end for _, end in spans}
    parts: list[str] = []
    position = 0
    for match in _SPAN_IAL.finditer(line):
        start = match.start()
        if any(a <= start < b for a, b in spans) or start < position:
            continue
        before = line[position:start]
        element: str | None
        if start in ends:
            element = "code"
        elif line[start - 1 : start] == ")":
            element = _link_before(line, start)
        elif line[start - 1 : start] == "]":
            element = "link"
        else:
            emphasis = _EMPHASIS_BEFORE.search(before)
            element = "span" if emphasis else None
            if emphasis:
                before = before[: emphasis.start()] + "[" + emphasis.group(0) + "]"
        if element is None:
            continue  # after text: kramdown prints it as it is
        parts.append(before + _attributes(match["body"], element, number, problems))
        position = match.end()
    parts.append(line[position:])
    return "".join(parts)


def _link_before(line: str, end: int) -> str | None:
    """``"image"`` or ``"link"`` when ``line[:end]`` ends with one (``[x](y)``)."""
    opening = _opening(line, end - 1, "(", ")")
    if opening < 1 or line[opening - 1] != "]":
        return None
    start = _opening(line, opening - 1, "[", "]")
    if start < 0:
        return None
    return "image" if line[start - 1 : start] == "!" else "link"


def _opening(line: str, index: int, opener: str, closer: str) -> int:
    """The index of the ``opener`` matching the ``closer`` at ``line[index]`` (-1: none)."""
    depth = 0
    while index >= 0:
        depth += {closer: 1, opener: -1}.get(line[index], 0)
        if depth == 0:
            return index
        index -= 1
    return -1


def _attributes(body: str, element: str, number: int, problems: list[Problem]) -> str:
    """MyST's ``{.class #id}`` for what of ``body`` MyST can put on ``element``."""
    kept: list[str] = []
    lost: list[str] = []
    for part in _IAL_PART.finditer(body):
        if part["name"]:
            kept.append(part["name"])
        elif part["key"] and element == "image" and part["key"] in _IMAGE_KEYS:
            kept.append(f"{part['key']}={part['value']}")
        else:
            lost.append(part["key"] or part["other"])
    if lost:
        what = f"{', '.join(lost)} {'has' if len(lost) == 1 else 'have'} no MyST equivalent"
        message = f"kramdown attribute list {{: {body.strip()}}}: {what}; removed"
        problems.append(Problem(ProblemKind.KRAMDOWN, message, number + 1))
    return "{" + " ".join(kept) + "}" if kept else ""
