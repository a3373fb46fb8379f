"""Raw HTML in articles: passed through by design; ``outcrop_raw_html`` can warn about
or strip ``<script>`` and ``<iframe>`` elements (for sites that publish articles from
many hands). Other raw HTML (event handler attributes, ``javascript:`` links inside
it, styles) is not inspected: see SECURITY.md."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from outcrop.config import get_config
from outcrop.problems import Problem, ProblemKind, emit
from outcrop.site.domain import get_domain

ACTIVE = re.compile(r"<\s*(script|iframe)\b", re.IGNORECASE)
_ELEMENT = re.compile(r"<\s*(script|iframe)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<\s*/?\s*(?:script|iframe)\b[^>]*>?", re.IGNORECASE)


def active_elements(markup: str) -> list[str]:
    """The names of the script and iframe elements in ``markup``, in order."""
    return [m.group(1).lower() for m in ACTIVE.finditer(markup)]


def strip_active(markup: str) -> str:
    """``markup`` without script and iframe elements (content included) or stray tags."""
    return _TAG.sub("", _ELEMENT.sub("", markup))


class RawHtmlPolicy(SphinxTransform):
    """Apply ``outcrop_raw_html`` to the raw HTML of articles."""

    default_priority = 720

    def apply(self, **kwargs: Any) -> None:
        policy = get_config(self.config).raw_html
        docname = self.env.docname
        if policy == "keep" or docname not in get_domain(self.env).articles:
            return
        problems = []
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            found = active_elements(raw.astext())
            if not found:
                continue
            line = raw.line or (raw.parent.line if raw.parent is not None else None) or 1
            what = ", ".join(f"<{name}>" for name in dict.fromkeys(found))
            if policy == "strip":
                problems.append(Problem(ProblemKind.RAW_HTML, f"raw HTML {what} removed (outcrop_raw_html)", line))
                stripped = strip_active(raw.astext())
                if stripped.strip():
                    raw.replace_self(nodes.raw("", stripped, format=raw["format"]))
                else:
                    raw.parent.remove(raw)
            else:
                problems.append(Problem(ProblemKind.RAW_HTML, f"raw HTML {what} is published as written", line))
        emit(problems, docname)


def setup_raw_html(app: Sphinx) -> None:
    app.add_transform(RawHtmlPolicy)
