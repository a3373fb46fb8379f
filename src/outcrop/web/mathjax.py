"""Math that renders offline: MathJax served from the site, not from a CDN.

Sphinx's default ``mathjax_path`` loads MathJax from a CDN, so a reader offline (or
behind a firewall that blocks it) sees raw TeX, ``\\(M_0 = \\mu A D\\)``. outcrop ships
MathJax 3.2.2 (``outcrop/mathjax/``: the single-file ``tex-chtml-full.js`` with every
TeX extension, and its 23 WOFF fonts; Apache-2.0, from the npm package ``mathjax``)
and, unless the site sets ``mathjax_path`` itself, serves it from
``_static/outcrop-mathjax/``, copied into the output of an HTML build that wrote a page
with math. The docs' "Math" page says why MathJax and not KaTeX or MathML.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from outcrop.site.build import bookkeeping

#: The vendored MathJax (package data: a wheel carries it, so a site builds offline).
VENDORED = Path(__file__).parents[1] / "mathjax"
#: Its folder under ``_static`` in the output.
TARGET = "outcrop-mathjax"
#: ``mathjax_path`` (relative to ``_static``) when the site leaves it to outcrop.
SCRIPT = f"{TARGET}/tex-chtml-full.js"

#: Applications whose build wrote a page with math (in this process).
_WROTE_MATH: weakref.WeakSet[Sphinx] = weakref.WeakSet()
#: The mark a writing process leaves when it wrote a page with math (``-j``).
MARK = "wrote-math"


def serve_vendored(app: Sphinx, config: Config) -> None:
    """Use the vendored MathJax unless the site chose its own ``mathjax_path`` (a CDN,
    another copy). Set at config-inited, so the pickled configuration agrees."""
    try:
        from sphinx.ext.mathjax import MATHJAX_URL
    except ImportError:  # pragma: no cover - Sphinx always has it
        return
    if getattr(config, "mathjax_path", None) == MATHJAX_URL:
        config.mathjax_path = SCRIPT


def note_math(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, object], doctree: nodes.document | None
) -> None:
    """On a page with math (Sphinx's writer found some: no second walk through the
    page), remember that this build wants MathJax; ``outcrop-mathjax.js`` after the
    page's MathJax configuration (Sphinx's, priority 500) and before MathJax: links
    inside formulas leave the tab order. With ``-j`` the pages are written by other
    processes: the first math page of each leaves a mark beside outcrop's bookkeeping,
    read at build-finished."""
    if not context.get("has_maths_elements") or app.builder.name.startswith("epub"):
        return
    if getattr(app.builder, "math_renderer_name", "") == "mathjax":
        app.builder.add_js_file("outcrop-mathjax.js", priority=501)  # type: ignore[attr-defined]
    if app not in _WROTE_MATH:
        _WROTE_MATH.add(app)
        mark = bookkeeping(app.builder) / MARK
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()


def assets(source: Path = VENDORED) -> list[Path]:
    """The vendored files, relative to their folder (the licence stays in the package)."""
    return sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file() and p.suffix in {".js", ".woff"})


def copy_assets(outdir: Path, source: Path = VENDORED) -> None:
    """MathJax into ``outdir/_static/outcrop-mathjax``; a file already there with the
    same size is left alone (a rebuild copies nothing)."""
    target = outdir / "_static" / TARGET
    for relative in assets(source):
        origin, copy = source / relative, target / relative
        if copy.is_file() and copy.stat().st_size == origin.stat().st_size:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        partial = copy.with_name(copy.name + ".part")
        partial.write_bytes(origin.read_bytes())
        partial.replace(copy)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    if exception is not None or builder is None or builder.format != "html" or builder.name.startswith("epub"):
        return
    mark = bookkeeping(builder) / MARK
    if app.config.mathjax_path == SCRIPT and (app in _WROTE_MATH or mark.exists()):
        copy_assets(Path(builder.outdir))
    mark.unlink(missing_ok=True)
    _WROTE_MATH.discard(app)


def setup_mathjax(app: Sphinx) -> None:
    app.connect("config-inited", serve_vendored)
    app.connect("html-page-context", note_math, priority=600)
    app.connect("build-finished", on_build_finished)
