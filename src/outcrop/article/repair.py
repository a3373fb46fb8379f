"""Repairs of damaged article text: mojibake and malformed Markdown images.

Pure functions on the source text. Every repair keeps the number of lines, so the line
numbers of later warnings still point into the file as written, and every repair (or
damage that cannot be repaired) is reported as a :class:`Problem`.

Mojibake detection and repair use ftfy (well kept, the reference tool for this job).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from outcrop.problems import Problem, ProblemKind

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: A line that opens a fenced code block (CommonMark: at most three spaces, never a
#: tab, before three or more backticks or tildes; a backtick fence's info string holds
#: no backtick, so ```` ```ls``` lists ```` is inline code, not a fence).
FENCE_RE = re.compile(r"^ {0,3}(?:(`{3,})[^`]*|(~{3,}).*)$")
#: A line that closes one: the fence alone, followed by nothing but blanks.
_CLOSING_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
# ![alt](url <title written with the wrong quotes>); linear: no nested quantifiers.
_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?P<url><[^>]*>|[^\s)]+)\s+(?P<title>[^)]*)\)")
#: Lines longer than this (minified HTML, data) are not checked for broken images.
MAX_LINE = 4000


def repair_mojibake(text: str, *, fix: bool = True) -> tuple[str, list[Problem]]:
    """Find text decoded with the wrong encoding, line by line, and repair it.

    With ``fix=False`` the problems are reported and the text is left as it is.
    """
    lines = text.split("\n")
    problems: list[Problem] = []
    for number, line in enumerate(lines):
        if line.isascii():
            continue
        fixed = _fix_encoding(line)
        if fixed == line:
            continue
        changes = ", ".join(
            f"{line[i1:i2]!r} → {fixed[j1:j2]!r}"
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, line, fixed, autojunk=False).get_opcodes()
            if op != "equal"
        )
        verb = "repaired" if fix else "found (not repaired: outcrop_fix_mojibake is off)"
        problems.append(Problem(ProblemKind.MOJIBAKE, f"mojibake {verb}: {changes}", number + 1))
        if fix:
            lines[number] = fixed
    return "\n".join(lines), problems


@functools.cache
def control_characters() -> dict[int, None]:
    """Control characters that are never text: C0 (but tab, line feed, carriage return),
    DEL, and the ones ftfy removes (its table; the byte order mark is kept here: a
    leading one is the file's, and elsewhere it is a zero-width no-break space).
    Built on first use: importing ftfy costs 40 ms, which a rebuild that reads nothing
    never needs to pay."""
    from ftfy.chardata import CONTROL_CHARS

    return {c: None for c in CONTROL_CHARS if c != 0xFEFF} | {0x0C: None}


@functools.cache
def _control_pattern() -> re.Pattern[str]:
    """Any one of :func:`control_characters`. Searching a text for it is twenty times
    quicker than ``str.translate`` with the table, which looks every character up (0.3 ms
    an article); removing with it gives the same text."""
    return re.compile("[" + re.escape("".join(map(chr, control_characters()))) + "]")


def remove_control_characters(text: str) -> tuple[str, list[Problem]]:
    """Remove control characters, one problem per line that held some."""
    pattern = _control_pattern()
    if not pattern.search(text):
        return text, []
    cleaned = pattern.sub("", text)
    problems: list[Problem] = []
    for number, (line, kept) in enumerate(zip(text.split("\n"), cleaned.split("\n"), strict=True), start=1):
        if line == kept:
            continue
        found = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(pattern.findall(line)))
        problems.append(Problem(ProblemKind.CONTROL_CHARACTER, f"control character removed: {found}", number))
    return cleaned, problems


#: How deep lists may nest. markdown-it stops at 20 levels of blocks (a list level is
#: two: the list and its item) and drops what is deeper without a word; LaTeX allows
#: ``maxlistdepth`` (10 in the book) list-like environments, quotes included.
MAX_LIST_DEPTH = 8
#: A list item indented eight columns or more (after any ``>`` of block quotes): its
#: indentation is the group.
_MARKER = r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"
_INDENTED_ITEM = re.compile(rf"^(?: {{0,3}}>[ ]?)*([ \t]{{8,}}){_MARKER}", re.M)
#: A line (its indentation and quote markers taken off) that starts a list item.
_ITEM = re.compile(_MARKER)
#: An item deeper than the limit starts two columns per level in at least (``- `` is
#: two wide).
_DEEP = 2 * MAX_LIST_DEPTH


def flatten_deep_lists(text: str, *, first_line: int = 0) -> tuple[str, list[Problem]]:
    """Lists nested deeper than :data:`MAX_LIST_DEPTH` (a table of contents over six
    heading levels, an outline pasted from an editor, with spaces or tabs, quoted or
    not): the deeper items move out to the last allowed level, keeping their text and
    their lines; one problem per list."""
    if "\t" not in text and " " * _DEEP not in text:
        return text, []  # no run of blanks that wide: quicker than the search below
    if not any(_columns(blanks) >= _DEEP for blanks in _INDENTED_ITEM.findall(text)):
        return text, []  # no item is indented enough to be that deep: no parse
    lines = text.split("\n")
    problems: list[Problem] = []
    reported: set[int] = set()
    try:
        for _ in range(_MAX_PASSES):  # each pass lifts the items one level too deep by one level
            if not _lift_one_level(lines, first_line, reported, problems):
                return "\n".join(lines), problems
    except RecursionError:
        pass  # nested too deep for the parser itself (hundreds of levels)
    return "\n".join(_cut_deep_items(lines, first_line, problems)), problems


#: Passes of :func:`_lift_one_level`: enough for any outline a person wrote.
_MAX_PASSES = 64
#: ``>`` markers of block quotes before a line's own indentation.
_QUOTES = re.compile(r"^(?: {0,3}>[ ]?)*")


def _columns(blanks: str) -> int:
    """The width of leading blanks, a tab reaching the next multiple of 4 (CommonMark)."""
    column = 0
    for char in blanks:
        column += 4 - column % 4 if char == "\t" else 1
    return column


def _indent(line: str) -> tuple[str, int, str]:
    """``line`` as (its quote markers, the width of its indentation, the rest)."""
    quotes = _QUOTES.match(line)
    prefix = quotes.group(0) if quotes else ""
    body = line[len(prefix) :]
    rest = body.lstrip(" \t")
    return prefix, _columns(body[: len(body) - len(rest)]), rest


def _dedent(line: str, shift: int) -> str | None:
    """``line`` with ``shift`` columns of indentation removed after its quote markers;
    ``None`` when it is indented less (it would lose text)."""
    prefix, width, rest = _indent(line)
    if width < shift:
        return None
    return prefix + " " * (width - shift) + rest


def _lift_one_level(lines: list[str], first_line: int, reported: set[int], problems: list[Problem]) -> bool:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": 1000})
    tokens = parser.parse("\n".join(lines[first_line:]))
    depth = 0
    outer: list[tuple[int, int]] = []  # (first line, marker column) of the open items
    top = 0
    moved = False
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 1 and token.map:
                top = token.map[0] + first_line
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and token.map:
            start, end = token.map[0] + first_line, token.map[1] + first_line
            column = _indent(lines[start])[1]
            outer = [*outer[: depth - 1], (start, column)]
            if depth == MAX_LIST_DEPTH + 1 and len(outer) > MAX_LIST_DEPTH:
                shift = column - outer[MAX_LIST_DEPTH - 1][1]
                lifted = [_dedent(line, shift) if line.strip() else line for line in lines[start:end]]
                if shift > 0 and None not in lifted:
                    lines[start:end] = [line for line in lifted if line is not None]
                    moved = True
                    if top not in reported:
                        reported.add(top)
                        problems.append(_too_deep(start))
                    break  # the token map is stale now: parse again
    return moved


def _too_deep(line: int) -> Problem:
    return Problem(
        ProblemKind.NESTING,
        f"a list nested deeper than {MAX_LIST_DEPTH} levels; the deeper items are shown at level {MAX_LIST_DEPTH}",
        line + 1,
    )


def _cut_deep_items(lines: list[str], first_line: int, problems: list[Problem]) -> list[str]:
    """The last resort for a list too deep to lift level by level (a generated or hostile
    file, hundreds of levels deep): every item indented past the last allowed level of
    a two-column outline is put at that level, in one go."""
    deepest = 2 * (MAX_LIST_DEPTH - 1)
    first: int | None = None
    for number in prose_lines(lines, first_line):
        prefix, width, rest = _indent(lines[number])
        if width > deepest and _ITEM.match(rest):
            lines[number] = prefix + " " * deepest + rest
            first = number if first is None else first
    if first is not None and not problems:
        problems.append(_too_deep(first))
    return lines


def fence_opening(line: str) -> str | None:
    """The fence (its backticks or tildes) that ``line`` opens, or ``None``."""
    found = FENCE_RE.match(line)
    return (found.group(1) or found.group(2)) if found else None


def fence_closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes the code block opened by ``fence``: the same character,
    at least as many, and nothing after it (CommonMark)."""
    found = _CLOSING_RE.match(line)
    return found is not None and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence)


def prose_lines(lines: list[str], first_line: int = 0) -> Iterator[int]:
    """Indexes of the lines from ``first_line`` on that are not in fenced code."""
    fence: str | None = None
    for number in range(first_line, len(lines)):
        line = lines[number]
        if fence is not None:
            if fence_closes(line, fence):
                fence = None
            continue
        fence = fence_opening(line)
        if fence is None:
            yield number


def _fix_encoding(line: str) -> str:
    import ftfy  # imported on first use: a rebuild that reads nothing never pays for it

    return str(ftfy.fix_encoding(line))


@functools.cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _image_count(line: str) -> int:
    tokens = _markdown().parseInline(line)
    return sum(1 for token in tokens for child in token.children or () if child.type == "image")


def repair_images(text: str, *, first_line: int = 0) -> tuple[str, list[Problem]]:
    """Repair Markdown image lines that CommonMark does not accept as images.

    The common damage is a title written with doubled quotes, ``![a](url ""Title"")``
    (or unbalanced, or unquoted); it is rewritten as ``![a](url "Title")``. A line that
    still does not parse is left as it is and reported. Lines before ``first_line``
    (0-based; the front matter) and lines inside fenced code are not touched.
    """
    if "![" not in text:
        return text, []
    lines = text.split("\n")
    problems: list[Problem] = []
    for number in prose_lines(lines, first_line):
        line = lines[number]
        if "![" not in line or line.startswith(("    ", "\t")) or len(line) > MAX_LINE:
            continue
        if "{%" in line or "{{" in line:  # Liquid: converted or reported by outcrop.liquid
            continue
        wanted = line.count("![")
        if _image_count(line) >= wanted:
            continue
        repaired = _IMAGE_RE.sub(_requote, line)
        if repaired != line and _image_count(repaired) >= wanted:
            lines[number] = repaired
            problems.append(
                Problem(
                    ProblemKind.IMAGE,
                    'malformed image: its title is not quoted as CommonMark requires (e.g. written ""...""); repaired',
                    number + 1,
                )
            )
        else:
            problems.append(
                Problem(
                    ProblemKind.IMAGE, "malformed image: CommonMark cannot read it, so it is shown as text", number + 1
                )
            )
    return "\n".join(lines), problems


def _requote(match: re.Match[str]) -> str:
    title = match["title"].strip().strip("\"'").strip()
    title = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'![{match["alt"]}]({match["url"]} "{title}")' if title else f"![{match['alt']}]({match['url']})"


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the inline code spans of ``line`` (CommonMark backtick runs)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (opening := _BACKTICK_RUN.search(line, position)) is not None:
        run = opening.group(0)
        closing = re.compile(r"(?<!`)" + run + r"(?!`)").search(line, opening.end())
        if closing is None:
            position = opening.end()
            continue
        spans.append((opening.start(), closing.end()))
        position = closing.end()
    return spans


_BACKTICK_RUN = re.compile(r"`+")
_SCHEMELESS_RE = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|\bhref=[\"'])//(?=[\w-]+(?:\.[\w-]+)+)", re.M)
#: What every match of :data:`_SCHEMELESS_RE` holds: ``//`` after ``(``, ``<``, a quote,
#: a blank or ``]:``. One search of the text (``https://`` does not match) rules out most
#: articles, where the per-line search costs a line-by-line walk.
_SCHEMELESS_HINT = re.compile(r"//(?:(?<=[(<\"'\s]//)|(?<=\]://))")


def scheme_relative_links(text: str, *, first_line: int = 0) -> str:
    """``[a](//host/path)``, ``[a]: //host/path`` and ``href="//host/path"`` are links
    to another site on the page's scheme (Jekyll blogs write them so); MyST would
    read ``//host/path`` as a reference to a document. They become ``https://``, as
    a browser reads them on an https site. Code is left alone; line numbers stay."""
    if not _SCHEMELESS_HINT.search(text):
        return text
    lines = text.split("\n")
    for number in prose_lines(lines, first_line):
        if "//" in lines[number]:
            lines[number] = _https(lines[number])
    return "\n".join(lines)


def _https(line: str) -> str:
    spans = code_spans(line)
    return _SCHEMELESS_RE.sub(
        lambda m: m.group(0) if any(a <= m.start() < b for a, b in spans) else m.group(1) + "https://", line
    )


def check_links(text: str, *, first_line: int = 0) -> list[Problem]:
    """Markdown links that CommonMark reads as text: ``[a](url with spaces)``,
    ``[a] (url)``... Reported, not repaired (what was meant cannot be known)."""
    lines = text.split("\n")
    suspects = {n for n in range(first_line, len(lines)) if "]" in lines[n] and _suspect_link_line(lines[n])}
    if not suspects:
        return []  # no walk through the fences either
    problems: list[Problem] = []
    for number in prose_lines(lines, first_line):
        if number not in suspects:
            continue
        for token in _markdown().parseInline(lines[number]):
            texts = [child.content for child in token.children or () if child.type == "text"]
            if any(_broken_link(part) for part in texts):
                problems.append(
                    Problem(
                        ProblemKind.LINK,
                        "malformed link: CommonMark cannot read it, so it is shown as text",
                        number + 1,
                    )
                )
                break
    return problems


def _suspect_link_line(line: str) -> bool:
    """Whether :func:`check_links` parses ``line``, a line with ``]`` (when it is not in
    fenced code)."""
    if not _LINK_START.search(line) or line.startswith(("    ", "\t")) or len(line) > MAX_LINE:
        return False
    if "{%" in line or "{{" in line:  # Liquid in a link is reported by outcrop.liquid
        return False
    return _may_hold_broken_link(line)  # else a well-formed link: no parse needed


#: Where a link's target may start: ``](``, or ``] (`` with any white space between (a
#: no-break space too, as the broken-link pattern allows).
_LINK_START = re.compile(r"\]\s*\(")
_BROKEN_LINK_RE = re.compile(
    r"(?<!!)\[[^\]]+\](?:\(\S*\s+[^)\"']*\)|\s+\((?:https?:|/|\.{0,2}/?[\w-]+\.(?:md|html))[^)]*\))"
)


#: ``]`` and ``(`` with white space between (``\(`` is read as ``(``).
_SPACED_TARGET = re.compile(r"\]\s+\\?\(")
#: ``](`` (or ``]\(``).
_TARGET = re.compile(r"\]\\?\(")
#: ``)`` and, before it, white space with no quote, ``)`` or other white space between:
#: searched in the reversed line, so that it is tried at each ``)`` only (seven times
#: quicker than its mirror image, tried at each blank of a paragraph).
_CLOSE_AFTER_SPACE = re.compile(r"\)[^)\"'\s]*\s")


def _may_hold_broken_link(line: str) -> bool:
    """Whether the parser's text of ``line`` may show :data:`_BROKEN_LINK_RE`: a necessary
    condition, checked first so that lines of well-formed links need no parse.

    A text token of the parser is a stretch of the line less the backslashes of escapes
    (``\\]`` is read as ``]``), unless the line holds an entity (``&nbsp;`` is read as a
    no-break space, ``&#41;`` as ``)``) or an autolink (``<http://x/a%20b>``, read as
    ``http://x/a b``): such lines (with ``&`` or ``<``) are always parsed. Otherwise a
    broken link needs, in the line itself, white space between ``]`` and ``(`` (``[a]
    (url)``), or white space after the first ``](`` and then a ``)`` with no quote between
    (``[a](url with spaces)``); the last white space before that ``)`` has only other
    characters up to it, which :data:`_CLOSE_AFTER_SPACE` finds in the line reversed, as
    far back as the end of the first ``](``."""
    if "&" in line or "<" in line:
        return True
    if _SPACED_TARGET.search(line):
        return True
    target = _TARGET.search(line)
    return target is not None and _CLOSE_AFTER_SPACE.search(line[::-1], 0, len(line) - target.end()) is not None


def _broken_link(text: str) -> bool:
    """A ``[text](...)`` left as text by the parser: a space inside the URL, or a space
    between ``]`` and ``(`` before something that looks like a URL."""
    return bool(_BROKEN_LINK_RE.search(text))
