"""A hostile-input corpus: articles from careless, damaged or malicious hands.

Each case is a file (name → content) and the warnings it must cause: (line, subtype)
pairs, each exactly once. ``GOOD`` articles sit among them and must come through whole.
The corpus is generated (a 5 MB article does not belong in git) by :func:`corpus`.
"""

from __future__ import annotations

from pathlib import Path

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
HTML_TITLE = f"Title {PAYLOAD} & more"
TEX_PAYLOAD = r"\input{/etc/passwd} }\def\x{ 50% #1 $x$ ^_~"


def fm(front: str, body: str = "## Body\n\nSome text.\n") -> str:
    return f"---\n{front.strip()}\n---\n\n{body}"


#: Articles that must be published intact next to the hostile ones.
GOOD = {
    "articles/2024-01-01-good-one.md": fm("title: Good one\ntags: [granite]\ncategories: [Field]"),
    "articles/2024-01-02-good-two.md": fm("title: Good two\ntags: [basalt]"),
}

#: name → (content, expected [(line, subtype)]).
CASES: dict[str, tuple[str | bytes, list[tuple[int, str]]]] = {
    "articles/2024-02-01-invalid-yaml.md": (fm("title: [unclosed\ntags: x"), [(3, "outcrop.front_matter")]),
    "articles/2024-02-02-list.md": (fm("- a\n- b"), [(2, "outcrop.front_matter")]),
    "articles/2024-02-03-scalar.md": (fm("just a string"), [(2, "outcrop.front_matter")]),
    "articles/2024-02-04-binary.md": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        [(1, "outcrop.encoding")],
    ),
    "articles/2024-02-24-latin1.md": (fm("title: Caf\xe9").encode("latin-1"), [(2, "outcrop.encoding")]),
    "articles/2024-02-05-bom.md": ("\ufeff" + fm("title: With a BOM"), []),
    "articles/2024-02-06-crlf.md": (fm("title: CRLF lines").replace("\n", "\r\n"), []),
    "articles/2024-02-07-dots.md": ("---\ntitle: Dots close it\n...\n\nBody.\n", []),
    "articles/2024-02-08-empty.md": ("", []),
    "articles/2024-02-09-front-only.md": ("---\ntitle: Only front matter\n---\n", []),
    "articles/2024-02-10-long-title.md": (fm("title: " + "Long " * 100), []),
    "articles/2024-02-11-billion.md": (
        fm(
            "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
            + "".join(
                f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "title: Laughs"
        ),
        [(1, "outcrop.front_matter")],
    ),
    "articles/2024-02-12-dup-a.md": (fm("title: Same title\ntags: [Mixed]"), []),
    "articles/2024-02-13-dup-b.md": (
        fm("title: Same title\ntags: [mixed]"),
        [(2, "outcrop.duplicate"), (3, "outcrop.taxonomy")],
    ),
    "articles/2024-02-14-weird-tags.md": (
        fm("title: Weird tags\ntags: ['a/b', '..', '#hash', '100%', 'two words', '🪨 rock', '東京', '<b>bold</b>']"),
        [],
    ),
    "articles/2024-02-15-html.md": (
        fm(
            f"title: {HTML_TITLE!r}\nsubtitle: {PAYLOAD!r}\ntags: [{PAYLOAD!r}]\ncategories: [{PAYLOAD!r}]\n"
            f"excerpt_image: img/ok.svg\nexcerpt_image_alt: {PAYLOAD!r}"
        ),
        [],
    ),
    "articles/2024-02-26-slug-clash.md": (fm("title: Slug clash\ntags: ['UX/UI', 'ux ui']"), [(3, "outcrop.taxonomy")]),
    "articles/2024-02-25-tex.md": (fm(f"title: {TEX_PAYLOAD!r}\ntags: [{TEX_PAYLOAD!r}]"), []),
    "articles/2024-02-16-js-url.md": (
        fm("title: JS URL\nexcerpt_image: 'javascript:alert(1)'"),
        [(3, "outcrop.image")],
    ),
    "articles/2024-02-17-data-url.md": (
        fm("title: Data URL\nexcerpt_image: 'data:text/html,<script>alert(1)</script>'"),
        [(3, "outcrop.image")],
    ),
    "articles/2024-02-18-dotdot.md": (fm("title: Dot dot\nexcerpt_image: ../../../etc/passwd"), [(3, "outcrop.image")]),
    "articles/2024-02-19-absolute.md": (fm("title: Absolute\nexcerpt_image: /etc/passwd"), [(3, "outcrop.image")]),
    "articles/2024-02-20-body-image.md": (
        fm("title: Body image", "![x](../../../../etc/passwd)\n"),
        [(5, "outcrop.image")],
    ),
    "articles/2024-02-21-many-tags.md": (
        fm("title: Many tags\ntags: [" + ", ".join(f"t{i}" for i in range(2000)) + "]"),
        [],
    ),
}

#: Files that are refused whole (not UTF-8 text): they must not be published.
REFUSED = {"articles/2024-02-04-binary.md", "articles/2024-02-24-latin1.md"}

#: Text of the file the symlinked article points to: it must appear in no output.
SECRET = "TOP-SECRET-OUTSIDE-THE-SOURCE"


def big_article(megabytes: int = 5) -> str:
    paragraph = "Granite is an igneous rock with quartz and feldspar. " * 20 + "\n\n"
    count = megabytes * 1024 * 1024 // len(paragraph) + 1
    return fm("title: A five megabyte article", "## Long\n\n" + paragraph * count)


def corpus(outside: Path) -> dict[str, str | bytes]:
    """All files of the hostile site; writes the symlink target into ``outside``."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.md").write_text(fm("title: Secret", SECRET + "\n"), encoding="utf-8")
    files: dict[str, str | bytes] = dict(GOOD)
    files.update({name: content for name, (content, _) in CASES.items()})
    files["articles/2024-02-22-huge.md"] = big_article()
    files["articles/img/ok.svg"] = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>\n'
    return files


def link_outside(srcdir: Path, outside: Path) -> Path:
    link = srcdir / "articles" / "2024-02-23-symlink.md"
    link.symlink_to(outside / "secret.md")
    return link


def expected() -> dict[str, list[tuple[int, str]]]:
    result = {name: problems for name, (_, problems) in CASES.items()}
    result["articles/2024-02-23-symlink.md"] = [(1, "outcrop.outside")]
    return result
