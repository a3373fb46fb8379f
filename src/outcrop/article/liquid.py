"""Jekyll's Liquid template tags turned into MyST.

Pure functions on the article text, run by the Sphinx build (so Jekyll posts can be
dropped in) and by ``outcrop import`` (which writes the result): one implementation.

Converted without a warning, where MyST has an equivalent:

- ``{% highlight lang [linenos] %}`` ... ``{% endhighlight %}`` → a fenced code block
  (``{code-block}`` with ``:linenos:`` / ``:emphasize-lines:`` when asked for);
- ``{% raw %}`` / ``{% endraw %}`` → removed, the braces between them escaped; inside
  code (spans, fenced, indented and ``highlight`` blocks) too, since Jekyll runs Liquid
  before Markdown: there only these two markers go, the rest of the code stays as written;
- ``{% comment %}`` blocks → MyST comments (``%`` lines: kept in the file, not shown);
- ``{{ site.url }}``, ``{{ site.baseurl }}``, ``{{ "/x" | relative_url }}`` → root
  paths; links to a post's Jekyll permalink (``/2019/08/11/slug.html``), ``{% post_url %}``
  and ``{% link %}`` → relative links to the article's file;
- ``{% include figure %}`` (Minimal Mistakes' ``image_path``, al-folio's ``path``) → an
  image; ``{% include video %}``, ``{% youtube %}``,
  ``{% gist %}`` → links; ``{% include toc %}`` → a ``{contents}`` directive;
- Minimal Mistakes' ``{% capture x %}...{% endcapture %}`` + ``<div class="notice--kind">
  {{ x | markdownify }}</div>`` → an admonition;
- ``{{ page.title }}`` and the other variables the caller knows → their text.

``{{ name }}`` where ``name`` is a MyST substitution (``myst_substitutions``, the front
matter's ``substitutions``) is MyST's and left alone.

Anything else (``if``, ``for``, ``assign``, other includes, filters) becomes a visible
``{liquid}`` placeholder (the original kept inside it) and an ``outcrop.liquid`` problem.

Inside a CommonMark HTML block (from a block-level tag line, a comment or a ``<script>``
to its end: a blank line, or the closing marker), where Markdown and MyST roles are not
read, the placeholder is an HTML span and converted images, links and variables are
HTML; a ``comment`` block is an HTML comment; other block tags (``highlight``,
``capture``) are not converted there.

A tag may span lines (``{% include figure.html`` and its arguments on the lines after):
it is read as one line, its other lines become blank lines at the end of its paragraph.

Every line keeps its number except the lines of a paragraph holding such a tag, and
the option lines of a ``{code-block}`` or ``{contents}``: those take the blank line
after the block when there is one, so only the lines inside such a block can move.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
from collections.abc import Callable, Mapping

from outcrop.article.kramdown import NOTICE_KINDS
from outcrop.article.repair import code_spans, fence_closes, fence_opening
from outcrop.problems import Problem, ProblemKind

#: What a reader sees where Liquid could not be converted.
PLACEHOLDER_TEXT = "[not converted from Jekyll]"
_TOKEN_RE = re.compile(r"(?<!\\)\{%-?\s*(?P<tag>.*?)\s*-?%\}|(?<!\\)\{\{-?\s*(?P<var>.*?)\s*-?\}\}")
_WHOLE_TAG_RE = re.compile(r"^\s{0,3}\{%-?\s*(?P<tag>.*?)\s*-?%\}\s*$")
_BACKTICKS_RE = re.compile(r"`+")
#: CommonMark's HTML block starts: (pattern, how the block ends) - a pattern to find
#: on a line (the block ends after it) or None (the block ends before a blank line).
_HTML_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
    "dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    "iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|"
    "summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_STARTS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        re.compile(r"^\s{0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"^\s{0,3}<!--"), re.compile(r"-->")),
    (re.compile(r"^\s{0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r"^\s{0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"^\s{0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(rf"^\s{{0,3}}</?(?:{_HTML_BLOCK_NAMES})(?:\s|/?>|$)", re.I), None),
)
#: CommonMark's HTML block of type 7: any other whole tag alone on its line (it cannot
#: interrupt a paragraph).
_HTML_TAG_LINE_RE = re.compile(
    r"""^\s{0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>"""
    r"""|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"""
)
_MARKDOWN_IMAGE_RE = re.compile(
    r'^!\[(?P<alt>(?:\\.|[^\]\\])*)\]\((?P<src>[^\s)]*)(?: "(?P<title>(?:\\.|[^"\\])*)")?\)$'
)
_MARKDOWN_LINK_RE = re.compile(r"^\[(?P<text>[^\]]*)\]\((?P<href>[^\s)]*)\)$")
_OPEN_TAG_RE = re.compile(r"(?<!\\)\{%-?\s*[a-z_]+(?:\s|$)")
#: What ends a paragraph for moving a multi-line tag's spare lines: a blank line, a
#: fence, a heading or a tag on a line of its own.
_BLOCK_START_RE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,}|#{1,6}(?:\s|$)|\{%.*%\}\s*$)")
#: How many lines a Liquid tag may span to be read as one.
_MAX_TAG_LINES = 20
_RAW_MARKER_RE = re.compile(r"\{%-?\s*(?P<end>end)?raw\s*-?%\}")
_LIST_ITEM_RE = re.compile(r"^\s{0,3}(?:[*+-]|\d+[.)])(?:\s|$)")
_PLACEHOLDER_RE = re.compile(r"\{liquid\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)")
_HTML_PLACEHOLDER_RE = re.compile(r'<span class="outcrop-liquid" data-liquid="(?P<body>[^"]*)"')
_ARGS_RE = re.compile(r"""(?P<key>[\w-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\S+))""")
_LINK_TARGET_RE = re.compile(r"(\]\()(?P<target>[^)\s]*)(?=[)\s])")
_PERMALINK_RE = re.compile(
    r"^/(?:[^?#]*/)?(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<slug>[^/?#]+?)(?:\.html?|/)?(?P<frag>#.*)?$"
)
_LANG_RE = re.compile(r"^[\w+#.-]{1,40}$")
_LIQUID_LINK_RE = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)]*?\{%.*?%\}[^)]*?)\)")
_SITE_ROOT_VARS = frozenset({"site.url", "site.baseurl", "site.github.url", "site.github.baseurl"})
_PATH_FILTERS = frozenset({"relative_url", "absolute_url"})
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}<>#|~])")
#: kramdown/Jekyll notice classes (Minimal Mistakes) and the admonition each becomes.
_NOTICE_RE = re.compile(r"\bnotice(?:--\w+)?\b")
_VIDEO_URLS = {
    "youtube": "https://www.youtube.com/watch?v={}",
    "vimeo": "https://vimeo.com/{}",
}


@dataclasses.dataclass(frozen=True)
class LiquidContext:
    """What Liquid in one article can refer to.

    ``posts`` maps a post's file stem (``2019-08-11-slug``) to its path relative to the
    source root (``articles/2019-08-11-slug.md``); ``variables`` maps ``page.title``,
    ``site.title``... to their text.
    """

    docname: str = ""
    posts: Mapping[str, str] = dataclasses.field(default_factory=dict)
    variables: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: MyST substitution names: ``{{ name }}`` with one of them is MyST's, not Liquid.
    substitutions: frozenset[str] = frozenset()


def has_liquid(text: str) -> bool:
    """Cheap test: could ``text`` hold anything :func:`convert_liquid` changes?"""
    # One character is found much quicker than two (in a text that is not all ASCII).
    braces = "{" in text and ("{%" in text or "{{" in text or "{liquid}" in text)
    return braces or "outcrop-liquid" in text or "](/" in text


def convert_liquid(
    text: str, context: LiquidContext = LiquidContext(), *, first_line: int = 0
) -> tuple[str, list[Problem]]:
    """Convert the Liquid in ``text`` (from ``first_line`` on, 0-based: after the front
    matter) to MyST; return the new text and the problems, at the lines of ``text``."""
    if not has_liquid(text):
        return text, []
    converter = _Converter(text.split("\n"), context, first_line)
    converter.run()
    return "\n".join(converter.out), converter.problems


class _Converter:
    def __init__(self, lines: list[str], context: LiquidContext, first_line: int) -> None:
        self.lines = lines
        self.context = context
        self.first_line = first_line
        self.out: list[str] = lines[:first_line]
        self.problems: list[Problem] = []
        self.raw = False
        self.current = first_line  # the index of the line being read
        self.drop_blank = 0  # extra lines written: blank lines after a block absorb them
        self.notices: dict[int, str] = {}  # line index -> replacement for a capture idiom
        self.in_html = False  # the line being read is in a CommonMark HTML block
        self.html_open = False  # ... and the block goes on after it
        self.html_end: re.Pattern[str] | None = None  # what ends that block (None: a blank line)

    # -- block level ---------------------------------------------------------------

    def run(self) -> None:
        lines, number = self.lines, self.first_line
        fence: str | None = None
        code = False  # in an indented code block
        in_list = False  # the last block was a list item (its lines are indented, not code)
        previous_blank = True
        while number < len(lines):
            line = lines[number]
            self.current = number
            was_blank = previous_blank
            if fence is None and line.strip():
                indented = line.startswith(("    ", "\t"))
                code = indented and (code or (previous_blank and not in_list))
                if not indented:
                    in_list = bool(_LIST_ITEM_RE.match(line)) or (in_list and line.startswith(" "))
            previous_blank = not line.strip()
            if code:
                self.out.append(self._code(line))
                number += 1
                continue
            if self.drop_blank and fence is None and not line.strip():
                self.drop_blank -= 1
                number += 1
                continue
            self.drop_blank = 0
            if fence is not None:
                closing = fence_closes(line, fence)
                self.out.append(line if closing else self._code(line))
                fence = None if closing else fence
                number += 1
                continue
            fence = fence_opening(line)
            if fence is not None:
                self.out.append(line)
                number += 1
                continue
            if number in self.notices:
                self.out.append(self.notices.pop(number))
                number += 1
                continue
            if "{%" in line and not self.raw:
                line = self._join_tag(number)
            self.in_html = self._html_block(line, was_blank)
            whole = _WHOLE_TAG_RE.match(line)
            if whole and not self.raw and (not self.in_html or whole["tag"].split()[:1] == ["comment"]):
                handled = self._block(number, whole["tag"])
                if handled is not None:
                    number = handled
                    continue
            self.out.append(self._line(line, number))
            number += 1
        if self.raw:
            self._problem("{% raw %} is never closed by {% endraw %}; the rest of the file is read as text", 0)

    def _html_block(self, line: str, was_blank: bool) -> bool:
        """Whether ``line`` is in a CommonMark HTML block (where Markdown, MyST roles
        included, is not read); follows the block from its first line to its end."""
        if not self.html_open:
            for start, end in _HTML_STARTS:
                if start.match(line):
                    self.html_end = end
                    break
            else:
                if not (was_blank and _HTML_TAG_LINE_RE.match(line)):
                    return False
                self.html_end = None
        elif self.html_end is None and not line.strip():
            self.html_open = False
            return False
        # A block of types 1 to 5 ends with the line holding its end.
        self.html_open = self.html_end is None or not self.html_end.search(line)
        return True

    def _join_tag(self, number: int) -> str:
        """A tag that opens on line ``number`` and closes on a later line, joined onto
        that line. The paragraph keeps its lines: as many blank lines as were joined
        go to its end (before the next blank line, fence or heading)."""
        lines = self.lines
        line = lines[number]
        spans = code_spans(line)
        opening = next(
            (
                m
                for m in _OPEN_TAG_RE.finditer(line)
                if not any(a <= m.start() < b for a, b in spans) and "%}" not in line[m.end() :]
            ),
            None,
        )
        if opening is None:
            return line
        end = None
        for later in range(number + 1, min(number + _MAX_TAG_LINES, len(lines))):
            closing = lines[later].find("%}")
            if fence_opening(lines[later]) is not None or "{%" in lines[later][: closing if closing >= 0 else None]:
                break
            if closing >= 0:
                end = later
                break
        if end is None:
            return line
        joined = " ".join([line.rstrip(), *(part.strip() for part in lines[number + 1 : end + 1])])
        count = end - number
        stop = next(
            (i for i in range(end + 1, len(lines)) if not lines[i].strip() or _BLOCK_START_RE.match(lines[i])),
            len(lines),
        )
        lines[number:stop] = [joined, *lines[end + 1 : stop], *[""] * count]
        # A notice recorded on a line of the tag is on the joined line now; one after it
        # moved up with its paragraph.
        self.notices = {
            number if number < i <= end else i - count if end < i < stop else i: v for i, v in self.notices.items()
        }
        return joined

    def _block(self, number: int, tag: str) -> int | None:
        """Convert a block-level tag at line ``number``; the index of the next line to
        read, or None when the tag is not a block this converter handles."""
        name, _, args = tag.partition(" ")
        if name == "highlight":
            return self._highlight(number, args)
        if name == "comment":
            end = self._find_end(number, "endcomment")
            if end is None:
                return None
            inner = self.lines[number + 1 : end]
            if self.in_html:  # MyST comments would print there: an HTML comment
                if not all(line.strip() for line in inner):
                    return None  # a blank line would end the HTML block inside it
                self.out.append("<!--")
                self.out.extend(line.replace("--", "- -") for line in inner)
                self.out.append("-->")
                return end + 1
            self.out.append("%")
            self.out.extend(f"% {line}".rstrip() for line in inner)
            self.out.append("%")
            return end + 1
        if name == "include" and args.split()[:1] == ["toc"]:
            title = _args(args).get("title", "")
            self.out.extend([f":::{{contents}} {_inline_text(title)}".rstrip(), ":::"])
            self.drop_blank = 1
            return number + 1
        if name == "capture":
            return self._capture(number, args.strip())
        return None

    def _find_end(self, number: int, end_name: str) -> int | None:
        for later in range(number + 1, len(self.lines)):
            match = _WHOLE_TAG_RE.match(self.lines[later])
            if match and match["tag"].split()[:1] == [end_name]:
                return later
        return None

    def _highlight(self, number: int, args: str) -> int | None:
        end = self._find_end(number, "endhighlight")
        if end is None:
            return None
        words = args.split()
        lang = words[0] if words and _LANG_RE.match(words[0]) else "text"
        options = _args(" ".join(words[1:]))
        code = self.lines[number + 1 : end]
        longest = max((len(m) for line in code for m in _BACKTICKS_RE.findall(line)), default=0)
        ticks = "`" * max(3, longest + 1)
        extra: list[str] = []
        if "linenos" in words[1:] or "linenos" in options:
            extra.append(":linenos:")
        marked = options.get("mark_lines") or options.get("hl_lines")
        if marked and re.fullmatch(r"[\d ,-]+", marked):
            extra.append(":emphasize-lines: " + ",".join(marked.replace(",", " ").split()))
        self.out.append(f"{ticks}{{code-block}} {lang}" if extra else f"{ticks}{lang}")
        self.out.extend(extra)
        for offset, line in enumerate(code, start=number + 1):
            self.current = offset
            self.out.append(self._code(line))
        self.out.append(ticks)
        self.drop_blank = len(extra)
        return end + 1

    def _capture(self, number: int, name: str) -> int | None:
        """Minimal Mistakes' notice idiom: capture some Markdown, then show it with
        ``{{ name | markdownify }}`` inside a ``<div class="notice--kind">``."""
        end = self._find_end(number, "endcapture")
        if end is None or not re.fullmatch(r"[\w-]+", name):
            return None
        use = re.compile(r"\{\{-?\s*" + re.escape(name) + r"\s*\|\s*markdownify\s*-?\}\}")
        for later in range(end + 1, min(end + 12, len(self.lines))):
            if not use.search(self.lines[later]):
                continue
            start = next((i for i in range(later, end, -1) if "<div" in self.lines[i]), None)
            stop = next((i for i in range(later, len(self.lines)) if "</div>" in self.lines[i]), None)
            notice = _NOTICE_RE.search(self.lines[start]) if start is not None else None
            if start is None or stop is None or notice is None:
                return None
            kind = NOTICE_KINDS.get(notice.group(0), "note")
            self.out.append(f"::::{{{kind}}}")
            for i in range(number + 1, end):
                self.current = i
                self.out.append(self._line(self.lines[i], i))
            self.out.append("::::")
            for i in range(start, stop + 1):
                self.notices[i] = ""
            return end + 1
        return None

    # -- inline level --------------------------------------------------------------

    def _line(self, line: str, number: int) -> str:
        if "{" not in line and "](/" not in line and "outcrop-liquid" not in line:
            return line
        for match in _HTML_PLACEHOLDER_RE.finditer(line):
            self._left(html.unescape(match["body"]), number)
        spans = code_spans(line)
        for start, end in spans:
            placeholder = _PLACEHOLDER_RE.match(line, max(0, start - len("{liquid}")))
            if placeholder and placeholder.end() == end:
                self._left(placeholder["body"], number)
        in_html = self.in_html or line.lstrip().startswith("<")
        line = _outside(line, spans, lambda part: self._links(part, number, in_html))
        spans = code_spans(line)
        return _outside(
            line,
            spans,
            lambda part: _LINK_TARGET_RE.sub(
                self._permalink, _TOKEN_RE.sub(lambda m: self._token(m, number, in_html), part)
            ),
            inside=self._code,
        )

    def _code(self, code: str) -> str:
        """Code as Jekyll publishes it: the raw markers consumed (Liquid ran first, code
        or not), everything else as written; a ``{% raw %}`` inside raw is text."""
        if "raw" not in code:
            return code

        def marker(match: re.Match[str]) -> str:
            if match["end"]:
                if not self.raw:
                    return match.group(0)  # closes nothing: text (Liquid would stop there)
                self.raw = False
                return ""
            if self.raw or not self._closed(code, match.end()):
                # Inside raw, or never closed: text, as written. This keeps converted
                # text stable: code that shows "{% raw %}" (a converted raw block's
                # content) reads the same when it is converted again by the build.
                return match.group(0)
            self.raw = True
            return ""

        return _RAW_MARKER_RE.sub(marker, code)

    def _closed(self, code: str, start: int) -> bool:
        """Whether an ``{% endraw %}`` follows the marker ending at ``start`` of
        ``code`` (a code span or a line of code): in it, after it on its line, or on a
        later line."""
        line = self.lines[self.current] if self.current < len(self.lines) else ""
        at = line.find(code)
        rest = code[start:] + (line[at + len(code) :] if at >= 0 else "")
        if any(m["end"] for m in _RAW_MARKER_RE.finditer(rest)):
            return True
        later = self.lines[self.current + 1 :]
        return any("endraw" in line and any(m["end"] for m in _RAW_MARKER_RE.finditer(line)) for line in later)

    def _links(self, part: str, number: int, in_html: bool) -> str:
        """A link whose target is a tag: the tag converted, or the link unwrapped."""

        def link(match: re.Match[str]) -> str:
            if self.raw:
                return match.group(0)
            target = _TOKEN_RE.sub(lambda m: self._target(m) or m.group(0), match["target"])
            if "{%" not in target:
                return f"[{match['text']}]({target})"
            return match["text"] + _TOKEN_RE.sub(lambda m: self._token(m, number, in_html), match["target"])

        return _LIQUID_LINK_RE.sub(link, part)

    def _target(self, match: re.Match[str]) -> str | None:
        """The URL a ``post_url``/``link`` tag stands for, if the post is known."""
        name, _, args = (match["tag"] or "").partition(" ")
        if name not in {"post_url", "link"}:
            return None
        stem = posixpath.splitext(posixpath.basename(args.strip()))[0]
        return self._post(stem)

    def _post(self, stem: str, fragment: str = "") -> str | None:
        path = self.context.posts.get(stem)
        if path is None:
            return None
        here = posixpath.dirname(self.context.docname)
        return posixpath.relpath(path, here or ".") + fragment

    def _permalink(self, match: re.Match[str]) -> str:
        permalink = _PERMALINK_RE.match(match["target"])
        if permalink is None:
            return match.group(0)
        stem = f"{permalink['y']}-{permalink['m']}-{permalink['d']}-{permalink['slug']}"
        target = self._post(stem, permalink["frag"] or "")
        return match.group(0) if target is None else match.group(1) + target

    def _token(self, match: re.Match[str], number: int, in_html: bool) -> str:
        source = match.group(0)
        tag, var = match["tag"], match["var"]
        if self.raw:
            if tag is not None and tag.split()[:1] == ["endraw"]:
                self.raw = False
                return ""
            return source.replace("{", "&#123;" if in_html else "\\{")
        if tag is not None:
            name, _, args = tag.partition(" ")
            if name == "raw":
                self.raw = True
                return ""
            if name == "endraw":
                return ""
            converted = self._tag(name, args)
            if converted is not None and in_html:
                converted = _as_html(converted)
        else:
            converted = self._variable(var, in_html=in_html)
        if converted is not None:
            return converted
        if tag is not None and tag.split()[0] in {"post_url", "link"}:
            target = tag.partition(" ")[2].strip()
            message = f"Liquid {{% {tag.split()[0]} %}}: no post {target!r} in this site; a placeholder is shown"
            return self._placeholder(source, number, in_html, message)
        return self._placeholder(source, number, in_html)

    def _tag(self, name: str, args: str) -> str | None:
        if name in {"post_url", "link"}:
            stem = posixpath.splitext(posixpath.basename(args.strip()))[0]
            return self._post(stem)
        if name == "gist" and re.fullmatch(r"[\w./-]+", args.split()[0] if args.split() else ""):
            gist = args.split()[0]
            return f"[Gist {gist}](https://gist.github.com/{gist})"
        if name in _VIDEO_URLS and re.fullmatch(r"[\w-]+", args.strip()):
            return f"[Video]({_VIDEO_URLS[name].format(args.strip())})"
        if name != "include":
            return None
        include, _, rest = args.strip().partition(" ")
        values = _args(rest)
        image = values.get("image_path") or values.get("path")
        if include in {"figure", "figure.html", "figure.liquid"} and image:
            path = self._path(image)
            alt = _inline_text(values.get("alt", ""))
            caption = values.get("caption", "").replace("\\", "\\\\").replace('"', '\\"')
            return f'![{alt}]({path} "{caption}")' if caption else f"![{alt}]({path})"
        if include in {"video", "video.html"} and re.fullmatch(r"[\w-]+", values.get("id", "")):
            url = _VIDEO_URLS.get(values.get("provider", "youtube").lower())
            return f"[Video]({url.format(values['id'])})" if url else None
        return None

    def _path(self, value: str) -> str:
        converted = _TOKEN_RE.sub(
            lambda m: self._variable(m["var"], as_url=True) or "" if m["var"] is not None else "", value
        )
        if converted and not re.match(r"^(?:/|[a-z][a-z0-9+.-]*:)", converted):
            converted = "/" + converted  # the includes apply relative_url: the site root
        return converted.replace(" ", "%20")

    def _variable(self, expression: str, *, in_html: bool = False, as_url: bool = False) -> str | None:
        """The text of ``{{ expression }}``: escaped for HTML or Markdown, or as it is for a
        path (a URL is never Markdown-escaped: ``img\\_2020`` is no folder); ``None`` when
        it has no MyST equivalent."""
        head, *filters = [part.strip() for part in expression.split("|")]
        if re.split(r"[.\[\s]", head, maxsplit=1)[0] in self.context.substitutions:
            return "{{ " + expression + " }}"
        names = [f.split(":")[0].strip() for f in filters]
        if head in _SITE_ROOT_VARS and not filters:
            return ""
        quoted = re.fullmatch(r"""(["'])(?P<value>[^"']*)\1""", head)
        if quoted and all(
            n in _PATH_FILTERS or f.replace(" ", "") == "prepend:site.baseurl"
            for n, f in zip(names, filters, strict=True)
        ):
            return quoted["value"]
        if head in self.context.variables and all(n in {"escape", "xml_escape", "strip"} for n in names):
            value = self.context.variables[head]
            if as_url:
                return value.strip()
            return html.escape(" ".join(value.split()), quote=False) if in_html else _inline_text(value)
        return None

    def _placeholder(self, source: str, number: int, in_html: bool, message: str = "") -> str:
        self._problem(message or f"Liquid {_summary(source)} has no MyST equivalent; a placeholder is shown", number)
        if in_html:
            kept = html.escape(source).replace("{", "&#123;")
            return f'<span class="outcrop-liquid" data-liquid="{kept}">{PLACEHOLDER_TEXT}</span>'
        longest = max((len(m) for m in _BACKTICKS_RE.findall(source)), default=0)
        ticks = "`" * (longest + 1)
        pad = " " if source.startswith("`") or source.endswith("`") else ""
        return f"{{liquid}}{ticks}{pad}{source}{pad}{ticks}"

    def _left(self, source: str, number: int) -> None:
        self._problem(f"placeholder for Jekyll Liquid {_summary(source)}: convert it by hand", number)

    def _problem(self, message: str, number: int) -> None:
        self.problems.append(Problem(ProblemKind.LIQUID, message, number + 1))


def _summary(source: str) -> str:
    """``{% include video id=... %}`` → ``{% include video %}`` (short, for messages)."""
    match = _TOKEN_RE.search(source)
    if match is None:
        return repr(source[:40])
    if match["tag"] is not None:
        words = match["tag"].split()[:2]
        words = words[:1] if words[:1] != ["include"] else words
        return "{% " + " ".join(words) + " %}"
    return "{{ " + (match["var"] or "").split("|")[0].strip()[:40] + " }}"


def _as_html(markdown: str) -> str:
    """The image or link :meth:`_Converter._tag` wrote, as HTML (for an HTML block)."""
    image = _MARKDOWN_IMAGE_RE.match(markdown)
    if image:
        alt = html.escape(_unescape(image["alt"]))
        title = f' title="{html.escape(_unescape(image["title"]))}"' if image["title"] else ""
        return f'<img src="{html.escape(image["src"])}" alt="{alt}"{title}>'
    link = _MARKDOWN_LINK_RE.match(markdown)
    if link:
        return f'<a href="{html.escape(link["href"])}">{html.escape(_unescape(link["text"]))}</a>'
    return markdown


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _args(text: str) -> dict[str, str]:
    """``key="value" key2=bare`` → a dict (Liquid include arguments)."""
    result: dict[str, str] = {}
    for match in _ARGS_RE.finditer(text):
        result[match["key"]] = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
    for word in text.split():
        if "=" not in word:
            result.setdefault(word, "")
    return result


def _inline_text(text: str) -> str:
    """Text to put into Markdown as it is (specials escaped, on one line)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))


def _outside(
    line: str,
    spans: list[tuple[int, int]],
    convert: Callable[[str], str],
    inside: Callable[[str], str] = str,
) -> str:
    """Apply ``convert`` to the parts of ``line`` outside the code spans (and ``inside``
    to the code spans), in order."""
    if not spans:
        return convert(line)
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts.append(convert(line[position:start]))
        parts.append(inside(line[start:end]))
        position = end
    parts.append(convert(line[position:]))
    return "".join(parts)
