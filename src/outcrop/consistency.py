"""Incremental builds that give the same output as clean ones.

Sphinx re-writes a page when its own source changes. Two things can still go stale:

- navigation: a page's previous/next links, and the site-wide navigation that themes
  print on every page, change when another document is added, removed or re-titled;
- removed documents: their output pages stay in the output folder, still reachable.

:func:`pages_to_rewrite` compares the navigation of this build with the last one and
names the pages whose navigation changed (every page, when the site-wide table of
contents changed); :func:`stale_outputs` names the files of removed documents.
Both are pure; the event handlers below only read the environment and act.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Set
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from outcrop.domain import get_domain


@dataclasses.dataclass(frozen=True, slots=True)
class Navigation:
    """Every page's (parent, previous, next) with titles, and the site's page order."""

    links: dict[str, tuple[tuple[str, str] | None, ...]]
    outline: tuple[tuple[str, str], ...]


def navigation(relations: dict[str, list[str | None]], titles: dict[str, str]) -> Navigation:
    def named(doc: str | None) -> tuple[str, str] | None:
        return (doc, titles.get(doc, "")) if doc else None

    links = {doc: tuple(named(d) for d in related) for doc, related in relations.items()}
    outline = tuple((doc, titles.get(doc, "")) for doc in relations)
    return Navigation(links, outline)


def pages_to_rewrite(before: Navigation | None, after: Navigation, all_docs: Iterable[str]) -> set[str]:
    if before is None:
        return set()
    if before.outline != after.outline:
        return set(all_docs)
    return {doc for doc, links in after.links.items() if before.links.get(doc) != links}


def stale_outputs(builder: Builder, removed: Set[str], existing: Set[str]) -> list[Path]:
    """Output files of documents that no longer exist."""
    get_outfilename = getattr(builder, "get_outfilename", None)
    if get_outfilename is None:
        return []
    outdir = Path(builder.outdir)
    paths: list[Path] = []
    for docname in sorted(removed - existing):
        paths.append(Path(get_outfilename(docname)))
        paths.extend((outdir / "_sources").glob(f"{docname}.*.txt"))
    return [p for p in paths if p.is_file() and outdir in p.parents]


def _on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    domain = get_domain(env)
    domain.data["removed"] = set(domain.data.get("removed", set())) | set(removed)
    return []


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    after = navigation(env.collect_relations(), titles)
    domain = get_domain(env)
    before = domain.data.get("navigation")
    domain.data["navigation"] = after
    return sorted(pages_to_rewrite(before, after, env.found_docs))


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder is None:
        return
    domain = get_domain(app.env)
    for path in stale_outputs(app.builder, domain.data.get("removed", set()), app.env.all_docs.keys()):
        path.unlink()
    domain.data["removed"] = set()


def setup_consistency(app: Sphinx) -> None:
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-updated", _on_env_updated)
    app.connect("build-finished", _on_build_finished)
