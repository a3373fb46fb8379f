"""Docs-only directives: tables generated from outcrop's own code, so they never drift.

- ``outcrop-config``: every option of :class:`outcrop.config.OutcropConfig`.
- ``outcrop-warnings``: every member of :class:`outcrop.problems.ProblemKind`.
- ``outcrop-keys``: every front-matter key of :data:`outcrop.article.frontmatter.KEYS`.
- ``outcrop-schema``: the front matter's JSON Schema, also written to the built site
  as ``front-matter.schema.json`` (for editors).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

from outcrop.article.frontmatter import KEYS, json_schema
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


class KeysTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [
            [nodes.paragraph("", "", nodes.literal(text=name)), self.parse_text_to_nodes(key.help)[0]]
            for name, key in KEYS.items()
        ]
        return [_table(["Key", "Meaning"], rows, [25, 75])]


SCHEMA_FILE = "front-matter.schema.json"


def _schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


class SchemaBlock(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        text = _schema_text()
        block = nodes.literal_block(text, text, language="json")
        return [block]


def _write_schema(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        (Path(app.outdir) / SCHEMA_FILE).write_text(_schema_text(), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("outcrop-config", ConfigTable)
    app.add_directive("outcrop-warnings", WarningsTable)
    app.add_directive("outcrop-keys", KeysTable)
    app.add_directive("outcrop-schema", SchemaBlock)
    app.connect("build-finished", _write_schema)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
