"""Math as Jekyll blogs write it (kramdown and MathJax), made MyST math.

Pure functions on the source text, keeping every line where it was. kramdown has
one delimiter, ``$$``: a ``$$`` block standing alone is display math, ``$$...$$``
inside a paragraph is inline math. Blogs put whole LaTeX environments inside it
(``$$\\begin{equation} ... \\label{eq:x} \\end{equation}$$``), cite them from the
text with ``\\eqref{eq:x}``, and escape for the Markdown processor (``\\\\{0, 1\\\\}``
so that kramdown leaves ``\\{0, 1\\}``). MyST reads ``$$...$$`` inside a paragraph as
nonsense and wraps a display block in an ``equation`` of its own, so:

- a ``$$`` block that holds one amsmath environment loses its ``$$`` (MyST's
  ``amsmath`` extension then reads the environment as written: numbered, labelled,
  ``\\eqref`` works in HTML and in the book);
- ``$$...$$`` inside a paragraph becomes ``$...$``;
- ``\\eqref{...}``/``\\ref{...}`` in the text, outside math, become inline math, which
  is where MathJax and LaTeX resolve them (MathJax on a Jekyll page reads them in the
  text, ``processRefs``); so does ``\\\\eqref{...}`` (kramdown leaves ``\\eqref``);
- MathJax's own delimiters as kramdown leaves them (``\\\\(...\\\\)``, ``\\\\[...\\\\]``: kramdown
  makes ``\\\\`` a ``\\``) become ``$...$`` and ``$$`` display math; a ``\\\\[...\\\\]``
  inside a line of text becomes inline math in display style, so the paragraph stays
  one; ``\\begin {equation}`` (LaTeX allows the space, MyST's amsmath does not) loses it;
- inside math, kramdown's escapes that MathJax never saw are undone: ``\\\\{`` and
  ``\\\\}`` (a pair) become ``\\{`` and ``\\}``, ``\\*`` becomes ``*`` and ``\\_``
  becomes ``_``.

These are what Jekyll publishes, not damage, so they are silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outcrop.article.repair import prose_lines

#: The amsmath environments MyST's ``amsmath`` extension reads at the top level.
ENVIRONMENTS = (
    "equation",
    "multline",
    "gather",
    "align",
    "alignat",
    "flalign",
    "eqnarray",
)
_ENV = "|".join(ENVIRONMENTS)
#: A whole display block on one line: ``$$\begin{env} ... \end{env}$$``.
_ONE_LINE_BLOCK = re.compile(rf"^(\s{{0,3}})\$\$\s*(\\begin\s*\{{({_ENV})\*?\}}.*\\end\s*\{{\3\*?\}})\s*\$\$\s*$")
_BEGIN = re.compile(rf"^\s{{0,3}}\\begin\s*\{{({_ENV})\*?\}}")
#: ``\begin {env}``: the space MyST's amsmath does not read.
_SPACED_ENV = re.compile(rf"\\(begin|end)\s+\{{(({_ENV})\*?)\}}")
#: MathJax's delimiters as kramdown leaves them: ``\\(`` is ``\(`` once published.
_MATHJAX_INLINE = re.compile(r"(?<!\\)\\\\\((?P<body>.+?)\\\\\)")
_MATHJAX_DISPLAY = re.compile(r"(?<!\\)\\\\\[(?P<body>.+?)\\\\\]")
#: ``$$...$$`` with text around it on the same line (kramdown's inline math).
_INLINE = re.compile(r"(?<![\\$])\$\$(?!\$)(?P<body>[^$\n]+?)(?<!\\)\$\$(?!\$)")
#: ``$...$`` inline math (MyST's): not ``$$``, not an escaped dollar.
_DOLLAR = re.compile(r"(?<![\\$])\$(?![\s$])(?P<body>[^$\n]*?[^\s\\$])\$(?!\$)")
_REF = re.compile(r"(?<![\\$\w])\\?(\\(?:eq)?ref\{[^{}\n]+\})")
_BRACES = re.compile(r"\\\\\{(?P<inner>.*?)\\\\\}")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def unescape(body: str) -> str:
    """Undo kramdown's escapes inside one formula."""
    body = _BRACES.sub(lambda m: r"\{" + m["inner"] + r"\}", body)
    return re.sub(r"(?<!\\)\\([*_])", r"\1", body)


def convert_math(text: str, *, first_line: int = 0) -> str:
    """The source with kramdown's math made MyST's (see the module)."""
    if "$" not in text and "\\" not in text:
        return text  # every change starts at a dollar or a backslash
    lines = text.split("\n")
    prose = list(prose_lines(lines, first_line))
    in_prose = set(prose)
    for number in prose:
        if "\\\\" in lines[number]:
            lines[number] = _display_delimiters(lines[number])
    index = 0
    while index < len(prose):
        number = prose[index]
        line = lines[number]
        if "$" not in line and "\\" not in line:
            index += 1
            continue
        one = _ONE_LINE_BLOCK.match(line)
        stripped = line.strip()
        if one:
            lines[number] = one[1] + _SPACED_ENV.sub(r"\\\1{\2}", unescape(one[2]))
        elif stripped.startswith("$$") and stripped.endswith("$$") and len(stripped) > 4:
            lines[number] = unescape(line)  # display math on one line, as MyST reads it
        elif stripped.startswith("$$") and "$$" not in stripped[2:]:
            closing = _display_block(lines, number, in_prose)
            if closing is not None:
                index = prose.index(closing) + 1
                continue
        else:
            lines[number] = _inline_line(line)
        index += 1
    return "\n".join(lines)


def _display_delimiters(line: str) -> str:
    """A line that is ``\\\\[``, ``\\\\]`` or ``\\\\[...\\\\]``: the same with ``$$``."""
    stripped = line.strip()
    indent = line[: len(line) - len(line.lstrip())]
    if stripped in {"\\\\[", "\\\\]"}:
        return indent + "$$"
    whole = _MATHJAX_DISPLAY.fullmatch(stripped)
    return f"{indent}$${whole['body'].strip()}$$" if whole else line


def _display_block(lines: list[str], opening: int, in_prose: set[int]) -> int | None:
    """A line opening a multi-line ``$$`` block: the closing line's index. A block
    that holds one environment and nothing else loses its ``$$``; escapes are undone."""
    closing = next(
        (n for n in range(opening + 1, len(lines)) if n in in_prose and lines[n].rstrip().endswith("$$")), None
    )
    if closing is None:
        return None
    indent = lines[opening][: len(lines[opening]) - len(lines[opening].lstrip())]
    first = lines[opening].strip()[2:]
    last = lines[closing].rstrip()[:-2]
    content = "\n".join([first, *lines[opening + 1 : closing], last]).strip()
    for n in range(opening + 1, closing):
        lines[n] = unescape(lines[n])
    begin = _BEGIN.match(content)
    if begin and re.search(rf"\\end\s*\{{{begin[1]}\*?\}}\s*$", content):
        # The environment alone: the $$ go, the lines stay where they were.
        for n in range(opening + 1, closing):
            lines[n] = _SPACED_ENV.sub(r"\\\1{\2}", lines[n])
        first, last = (_SPACED_ENV.sub(r"\\\1{\2}", part) for part in (first, last))
        lines[opening] = indent + unescape(first) if first.strip() else ""
        lines[closing] = unescape(last) if last.strip() else ""
    else:
        lines[opening] = indent + "$$" + unescape(first) if first.strip() else lines[opening]
        lines[closing] = unescape(last) + "$$"
    return closing


def _inline_line(line: str) -> str:
    """One line of prose: inline ``$$...$$`` made ``$...$``, ``\\eqref`` put in math,
    escapes undone inside math; code spans are left alone."""
    pieces: list[str] = []
    last = 0
    for code in _CODE_SPAN.finditer(line):
        pieces.append(_prose_piece(line[last : code.start()]))
        pieces.append(code.group(0))
        last = code.end()
    pieces.append(_prose_piece(line[last:]))
    return "".join(pieces)


def _prose_piece(text: str) -> str:
    if "$" not in text and "ref{" not in text and "\\\\" not in text:
        return text
    text = _MATHJAX_INLINE.sub(lambda m: "$" + unescape(m["body"].strip()) + "$", text)
    text = _MATHJAX_DISPLAY.sub(lambda m: "$\\displaystyle " + unescape(m["body"].strip()) + "$", text)
    text = _INLINE.sub(lambda m: "$" + unescape(m["body"].strip()) + "$", text)
    parts: list[str] = []
    last = 0
    for match in _DOLLAR.finditer(text):
        parts.append(_REF.sub(r"$\1$", text[last : match.start()]))
        parts.append("$" + unescape(match["body"]) + "$")
        last = match.end()
    parts.append(_REF.sub(r"$\1$", text[last:]))
    return "".join(parts)


_BEGIN_END = re.compile(r"\\(begin|end)\{([^{}]*)\}")
_LEFT_RIGHT = re.compile(r"\\(left|right)(?![a-zA-Z])")


def _braces(text: str, start: int) -> Iterator[tuple[int, int]]:
    """``(position, depth after it)`` of each unescaped brace of ``text`` from ``start``."""
    depth, escaped = 0, False
    for position in range(start, len(text)):
        character = text[position]
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character in "{}":
            depth += 1 if character == "{" else -1
            yield position, depth


def formula_problem(latex: str) -> str:
    """Why LaTeX would stop on this formula whatever the context, or ``""``: braces
    that do not pair (``\\frac{1}{``), ``\\left`` without ``\\right``, an environment
    that is not closed, a ``$`` inside math."""
    depth = 0
    for _position, depth in _braces(latex, 0):
        if depth < 0:
            return "a closing brace without its opening one"
    if depth:
        return "an opening brace that is never closed"
    sides = [m[1] for m in _LEFT_RIGHT.finditer(latex)]
    if sides.count("left") != sides.count("right"):
        return "\\left and \\right do not pair"
    stack: list[str] = []
    for kind, name in _BEGIN_END.findall(latex):
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return f"\\end{{{name}}} does not close the environment it should"
    if stack:
        return f"\\begin{{{stack[-1]}}} is never closed"
    if re.search(r"(?<!\\)\$", latex):
        return "a $ inside the formula"
    return ""


_DEFINITION = re.compile(r"\\(?P<kind>newcommand|renewcommand|providecommand|DeclareMathOperator)(?P<star>\*?)")
_NAME = re.compile(r"\s*(?:\{\s*(\\[A-Za-z]+)\s*\}|(\\[A-Za-z]+))")
_OPTIONAL = re.compile(r"\s*\[([^\]]*)\]")
#: LaTeX's text commands (accents, letters): a post's math macro of the same name
#: would break the text of every page after it.
_TEXT_COMMANDS = frozenset(
    [
        "\\c",
        "\\d",
        "\\v",
        "\\b",
        "\\H",
        "\\L",
        "\\O",
        "\\P",
        "\\S",
        "\\t",
        "\\u",
        "\\l",
        "\\o",
        "\\i",
        "\\j",
        "\\k",
        "\\r",
        "\\aa",
        "\\AA",
        "\\ae",
        "\\AE",
        "\\oe",
        "\\OE",
        "\\ss",
        "\\par",
        "\\relax",
        "\\end",
        "\\begin",
        "\\item",
        "\\label",
        "\\ref",
    ]
)


def _group(text: str, start: int) -> tuple[str, int] | None:
    """The brace group at ``start`` (spaces skipped): its content and where it ends."""
    index = start
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text) or text[index] != "{":
        return None
    for position, depth in _braces(text, index):
        if depth == 0:
            return text[index + 1 : position], position + 1
    return None


def math_macros(text: str) -> list[str]:
    """The macro definitions of MathJax's kind in ``text`` (blogs keep them in a hidden
    ``$$\\newcommand ... $$`` block), as LaTeX that may stand anywhere in a document and
    redefine what another article defined: ``\\newcommand{\\pof}[1]{...}`` becomes
    ``\\providecommand{\\pof}{}\\renewcommand{\\pof}[1]{...}``, and
    ``\\DeclareMathOperator{\\op}{p}`` (allowed only in a preamble) a command for
    ``\\operatorname{p}``. Definitions that do not parse are left out."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        name = _NAME.match(text, match.end())
        if name is None:
            continue
        command = name[1] or name[2]
        if command in _TEXT_COMMANDS:
            continue
        position = name.end()
        arguments = ""
        if match["kind"] != "DeclareMathOperator":
            for _ in range(2):  # [number of arguments][default of the first]
                optional = _OPTIONAL.match(text, position)
                if optional is None:
                    break
                arguments += f"[{optional[1]}]"
                position = optional.end()
        body = _group(text, position)
        if body is None or formula_problem(body[0]):
            continue
        if match["kind"] == "DeclareMathOperator":
            operator = "\\operatorname*" if match["star"] else "\\operatorname"
            definition = f"{operator}{{{body[0]}}}"
        else:
            definition = body[0]
        found[command] = f"\\providecommand{{{command}}}{{}}\\renewcommand{{{command}}}{arguments}{{{definition}}}"
    return list(found.values())
