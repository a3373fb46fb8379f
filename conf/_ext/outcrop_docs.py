"""Docs-only directives: tables generated from outcrop's own code, so they never drift.

- ``outcrop-config``: every option of :class:`outcrop.config.OutcropConfig`.
- ``outcrop-warnings``: every member of :class:`outcrop.problems.ProblemKind`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

from outcrop.config import FIELDS, PREFIX
from outcrop.problems import ProblemKind


def _table(header: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["outcrop-docs-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *[nodes.entry("", nodes.paragraph(text=h)) for h in header])
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *[nodes.entry("", cell) for cell in cells])
    group += body
    return table


class ConfigTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = []
        for name, field in FIELDS.items():
            default: Any = (
                field.default_factory() if field.default_factory is not dataclasses.MISSING else field.default
            )
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=PREFIX + name)),
                    nodes.paragraph("", "", nodes.literal(text=repr(default))),
                    self.parse_text_to_nodes(field.metadata["help"])[0],
                ]
            )
        return [_table(["Option", "Default", "Meaning"], rows, [25, 25, 50])]


class WarningsTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        docs = ModuleAnalyzer.for_module("outcrop.problems").find_attr_docs()
        rows = []
        for kind in ProblemKind:
            text = " ".join(docs.get(("ProblemKind", kind.name), [""])).strip()
            rows.append([nodes.paragraph("", "", nodes.literal(text=str(kind))), nodes.paragraph(text=text)])
        return [_table(["Subtype", "Meaning"], rows, [30, 70])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("outcrop-config", ConfigTable)
    app.add_directive("outcrop-warnings", WarningsTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
