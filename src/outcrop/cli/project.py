"""The writer's project, found the way git finds a repository.

From the current folder upwards, the nearest ``conf.py`` — in the folder itself or in
its ``docs/``, ``source/``, ``docs/source/`` or ``conf/`` — is the project (``-c``
names it instead). The source folder is ``conf.py``'s own, unless ``conf.py`` sets
``outcrop_srcdir`` (a site built with ``sphinx-build -c CONFDIR SOURCEDIR``) or the
command is given ``--source``.

The project is read by Sphinx itself — an application with the ``dummy`` builder,
its output and doctrees in a temporary folder — so the documents, their suffixes, the
exclusions and outcrop's options are exactly the build's, never a guess.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from outcrop.config import FIELDS, PREFIX, OutcropConfig, validated

#: Where a project's ``conf.py`` is looked for, in each folder from here upwards.
CONF_PLACES = (".", "docs", "source", "docs/source", "conf")
_WARNING = re.compile(r"^(?P<where>.*?): WARNING: (?P<message>.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_GLOB = re.compile(r"[*?\[]")


class ProjectError(Exception):
    """No project, or one Sphinx cannot read; the message says what to do."""


def located(path: Path) -> Path:
    """``path`` made absolute with its folders resolved but not the file itself (a
    document that is a link stays the link, as Sphinx sees it)."""
    absolute = Path(os.path.abspath(path))
    return absolute.parent.resolve() / absolute.name


def find_confdir(start: Path) -> Path | None:
    """The folder of the nearest ``conf.py`` from ``start`` upwards (see :data:`CONF_PLACES`)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for place in CONF_PLACES:
            candidate = folder / place
            if (candidate / "conf.py").is_file():
                return candidate
    return None


def article_folder(patterns: list[str]) -> str:
    """The folder a new article goes in: the literal start of the first article pattern
    (``articles/**`` → ``articles``; a pattern that starts with a wildcard → the source
    folder itself)."""
    for pattern in patterns:
        parts = []
        for part in pattern.split("/"):
            if _GLOB.search(part):
                break
            parts.append(part)
        else:
            parts = parts[:-1]  # a pattern without wildcards names a document
        return "/".join(parts)
    return ""


@dataclasses.dataclass(frozen=True)
class Project:
    """A site as its build sees it."""

    confdir: Path
    srcdir: Path
    config: OutcropConfig
    #: conf.py's values that the command uses (``project``, ``author``...).
    values: dict[str, Any]
    #: Every document of the build: docname → path of its source file.
    documents: dict[str, Path]
    #: The source suffixes Sphinx reads as Markdown.
    markdown_suffixes: tuple[str, ...]
    #: What reading the configuration warned about (as the build would).
    messages: tuple[str, ...] = ()

    @property
    def article_dir(self) -> Path:
        return self.srcdir / article_folder(list(self.config.article_patterns))

    def docname_of(self, path: Path) -> str | None:
        """The document whose source file is ``path``, if any."""
        wanted = located(path)
        return next((docname for docname, source in self.documents.items() if source == wanted), None)


def load_project(conf: str | None = None, source: str | None = None, start: Path | None = None) -> Project:
    """The project at ``conf`` (a folder holding ``conf.py``) or found from ``start``."""
    where = Path.cwd() if start is None else start
    if conf is not None:
        confdir = Path(conf).resolve()
        if not (confdir / "conf.py").is_file():
            raise ProjectError(f"there is no conf.py in {conf}")
    else:
        found = find_confdir(where)
        if found is None:
            raise ProjectError(
                "no site here: no conf.py in this folder or any folder above it (nor in their docs/, "
                "source/ or conf/). Start one with 'outcrop init', or name it with -c FOLDER."
            )
        confdir = found
    return _read(confdir, source)


def _read(confdir: Path, source: str | None) -> Project:
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    srcdir = Path(source).resolve() if source else _configured_srcdir(confdir)
    if not srcdir.is_dir():
        raise ProjectError(f"the source folder {srcdir} does not exist")
    warnings = io.StringIO()
    # docutils_namespace: the roles, directives and nodes this application registers are
    # undone afterwards, as sphinx-build does, so a build in the same process starts clean.
    with tempfile.TemporaryDirectory(prefix="outcrop-") as temporary, patch_docutils(confdir), docutils_namespace():
        try:
            app = Sphinx(
                str(srcdir),
                str(confdir),
                os.path.join(temporary, "out"),
                os.path.join(temporary, "doctrees"),
                "dummy",
                status=None,
                warning=warnings,
                freshenv=True,
                verbosity=0,
            )
        except (SphinxError, OSError, SyntaxError) as exc:
            raise ProjectError(f"Sphinx cannot read {confdir / 'conf.py'}: {exc}") from exc
        except Exception as exc:  # conf.py is a program: anything can go wrong in it
            raise ProjectError(f"{confdir / 'conf.py'} failed: {type(exc).__name__}: {exc}") from exc
        notes: list[str] = []
        if "outcrop" in app.extensions:
            config = OutcropConfig(**{name: getattr(app.config, PREFIX + name) for name in FIELDS})
        else:  # the options as outcrop would read them; the build itself makes no articles
            values, notes = validated({k: v for k, v in app.config._raw_config.items() if k.startswith(PREFIX)})
            config = OutcropConfig(**values)
            notes.append(f"{confdir / 'conf.py'}: 'outcrop' is not in extensions, so the build makes no article pages")
        documents = {d: located(Path(app.env.doc2path(d))) for d in sorted(app.env.found_docs)}
        markdown = tuple(s for s, kind in app.config.source_suffix.items() if kind == "markdown")
        values = {
            name: getattr(app.config, name, None)
            for name in ("project", "author", "language", "html_theme", "myst_substitutions", "html_baseurl")
        }
    messages = tuple(_warnings(warnings.getvalue()) + notes)
    return Project(confdir, srcdir, config, values, documents, markdown, messages)


def _configured_srcdir(confdir: Path) -> Path:
    """``outcrop_srcdir`` as conf.py sets it (relative to conf.py), else conf.py's folder."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    try:
        raw = Config.read(confdir, overrides={}, tags=Tags())._raw_config
    except Exception as exc:
        raise ProjectError(f"{confdir / 'conf.py'} failed: {type(exc).__name__}: {exc}") from exc
    setting = raw.get(PREFIX + "srcdir", "")
    return (confdir / setting).resolve() if isinstance(setting, str) and setting else confdir


def _warnings(text: str) -> list[str]:
    found = []
    for line in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(line)
        found.append(f"{match['where']}: {match['message']}" if match else line)
    return [line for line in found if line.strip()]
