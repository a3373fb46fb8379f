"""Articles that used to stop the PDF edition, each modelled on a real post.

Every case is a file (name → content) and the outcrop warning subtypes it must cause
in a LaTeX build. :data:`TITLES` are the titles that must be in the book's text.
"""

from __future__ import annotations


def fm(front: str, body: str) -> str:
    return f"---\n{front.strip()}\n---\n\n{body}"


#: A PNG of one pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63a808d00000023400f1e5acb2ac0000000049454e44ae426082"
)
#: A PNG whose compressed data is damaged (a download cut short and patched up):
#: the header is right, the picture cannot be decoded, and the PDF driver aborts on it.
BROKEN_PNG = PIXEL[:41] + b"\x00\x00" + PIXEL[43:]

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>\n'

CASES: dict[str, tuple[str | bytes, set[str]]] = {
    # After a migration the assets are not copied yet.
    "articles/2024-01-01-missing-image.md": (
        fm(
            "title: Missing image\nexcerpt_image: /assets/img/banner-not-there.jpg\ncategories: [Field]",
            "## Map\n\n![The map of the area](/assets/img/map-not-there.png)\n\nAfter the image.\n",
        ),
        {"outcrop.image"},
    ),
    # A formula every check passes and TeX rejects: found in the TeX log, printed as code
    # when the book is written again.
    "articles/2024-01-12-unknown-macro.md": (
        fm("title: Unknown macro", "## Body\n\nThe value $\\undefinedmacro{x}$ is known.\n"),
        {"outcrop.edition"},
    ),
    # Raw LaTeX that TeX rejects: the article is set aside with a note.
    "articles/2024-01-13-raw-latex.md": (
        fm("title: Raw LaTeX", "## Body\n\n```{raw} latex\n\\begin{nosuchenvironment}\n```\n\nText.\n"),
        {"outcrop.edition"},
    ),
    # Macros defined for MathJax in a hidden block (a real blog's way), used in the text.
    "articles/2024-01-15-macros.md": (
        fm(
            "title: Macros",
            '<div style="display: none;">\n$$\\require{mathtools}\n\\DeclareMathOperator{\\opp}{p}\n'
            "\\newcommand{\\pof}[1]{\\opp(#1)}\n$$\n</div>\n\n"
            "## Body\n\nThe density $\\pof{x}$ is known, and $$\\pof{y} = 1$$.\n",
        ),
        set(),
    ),
    # An epigraph: its attribution takes an em dash.
    "articles/2024-01-14-epigraph.md": (
        fm("title: Epigraph", "> Rocks remember.\n> — An old geologist\n\n## Body\n\nText.\n"),
        set(),
    ),
    # An image that is there but cannot be decoded.
    "articles/2024-01-11-broken-image.md": (
        fm("title: Broken image", "## Photo\n\n![A photo](/assets/img/broken.png)\n\nAfter the photo.\n"),
        {"outcrop.image"},
    ),
    # kramdown-era display math with its own environment, labels and escapes.
    "articles/2024-01-02-kramdown-math.md": (
        fm(
            "title: Kramdown math\ncategories: [Theory]",
            "## Energy\n\n"
            "$$\\begin{equation} E = mc^2 \\label{eq:energy} \\end{equation}$$\n\n"
            "As \\eqref{eq:energy} shows, with $$\\Sigma^{\\*}$$ and the set $$\\\\{0, 1\\\\}$$.\n\n"
            "$$\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n$$\n\n"
            "$$\n\\begin{split} x &= 1 \\\\ y &= 2 \\end{split}\n$$\n",
        ),
        set(),
    ),
    # Math that no repair makes valid: printed as code, with a warning.
    "articles/2024-01-03-broken-math.md": (
        fm("title: Broken math\ncategories: [Theory]", "## Oops\n\nBefore $\\frac{1}{$ after.\n\n$$\n\\left( x\n$$\n"),
        {"outcrop.edition"},
    ),
    # Control characters pasted from a terminal.
    "articles/2024-01-04-control.md": (
        fm("title: Control\bcharacters", "## Body\n\nA back\bspace and a bell\x07 here.\n"),
        {"outcrop.control_character"},
    ),
    # An outline pasted from an editor, nested twelve deep (Markdown's parser drops what
    # is deeper than about nine levels, LaTeX stops beyond its limit).
    "articles/2024-01-05-deep-lists.md": (
        fm(
            "title: Deep lists",
            "## Contents\n\n" + "".join("  " * i + f"- level {i + 1}\n" for i in range(12)) + "\nAfter.\n",
        ),
        {"outcrop.nesting"},
    ),
    # Emoji and symbols no text font has: printed in Symbola; 🪨 (Unicode 13) is in no
    # font of Debian 12 that xelatex can use: a warning naming the article.
    "articles/2024-01-06-emoji.md": (
        fm("title: Emoji 🌋 in the title\nsubtitle: 'Lava 🔥 and ash 🪨'", "## Body\n\nA volcano 🌋 and ☃.\n"),
        {"outcrop.edition"},
    ),
    # A long title in another script.
    "articles/2024-01-07-cjk.md": (
        fm(
            "title: 火山学入門：日本列島の活火山と、その噴火の歴史を一つずつたどる長い長い記事のタイトル（第一部）",
            "## 本文\n\n" + ("日本には百以上の活火山がある。" * 12 + "\n\n") * 30,
        ),
        set(),
    ),
    # Raw HTML: a figure, an embedded video, a table.
    "articles/2024-01-08-raw-html.md": (
        fm(
            "title: Raw HTML",
            "## Screenshots\n\nThe screenshots below.\n\n"
            '<div class="row"><img src="/assets/img/pixel.png" alt="A pixel"><p>A <b>caption</b>.</p></div>\n\n'
            '<iframe src="https://www.youtube.com/embed/xyz" width="560" height="315"></iframe>\n\n'
            "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>\n\n"
            "- [x] Sampled the outcrop\n- [ ] Dated the ash\n",
        ),
        set(),
    ),
    # A local SVG banner.
    "articles/2024-01-09-svg.md": (
        fm("title: SVG banner\nexcerpt_image: /assets/img/banner.svg", "## Body\n\nText.\n"),
        set(),
    ),
    # A code-like table.
    "articles/2024-01-10-table.md": (
        fm(
            "title: Keys table",
            "## Keys\n\n| Key | Meaning |\n|---|---|\n"
            "| `excerpt_image_alt` | The banner's text alternative for readers who cannot see it |\n"
            "| `Autodiscovery` | Whether the feed is announced in every page's head element |\n",
        ),
        set(),
    ),
}

FILES: dict[str, str | bytes] = {
    "assets/img/pixel.png": PIXEL,
    "assets/img/banner.svg": SVG,
    "assets/img/broken.png": BROKEN_PNG,
}

TITLES = [
    "Missing image",
    "Kramdown math",
    "Broken math",
    "Controlcharacters",
    "Deep lists",
    "Emoji",
    "火山学入門",
    "Raw HTML",
    "SVG banner",
    "Keys table",
    "Broken image",
    "Unknown macro",
    "Raw LaTeX",
    "Epigraph",
    "Macros",
]
