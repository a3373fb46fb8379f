"""The ``outcrop`` domain: per-article data in the build environment.

As in ``sphinx.ext.todo``: data is keyed by docname, forgotten by ``clear_doc`` when a
document is re-read or removed, and merged from parallel readers by
``merge_domaindata``. Nothing lives in globals. Beside the articles, the digests of what
listings show of them (:meth:`OutcropDomain.keep_views`), forgotten whenever an article
may have changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from outcrop.article.model import Article


class OutcropDomain(Domain):
    name = "outcrop"
    label = "Outcrop"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"articles": {}, "listings": {}}
    #: What this build computed after reading (:class:`outcrop.site.build.BuildState`); an
    #: attribute of the domain object, so it is never pickled with the environment.
    state: Any = None

    @property
    def articles(self) -> dict[str, Article]:
        """Every article read so far, by docname."""
        articles: dict[str, Article] = self.data.setdefault("articles", {})
        return articles

    @property
    def listings(self) -> dict[str, list[dict[str, Any]]]:
        """The listing placeholders of each document (see :mod:`outcrop.site.directives`)."""
        listings: dict[str, list[dict[str, Any]]] = self.data.setdefault("listings", {})
        return listings

    def add_article(self, article: Article) -> None:
        self.articles[article.docname] = article
        self.data.pop("views", None)

    def add_listing(self, docname: str, spec: dict[str, Any]) -> None:
        self.listings.setdefault(docname, []).append(spec)

    def keep_views(self, key: str, views: dict[str, str]) -> None:
        """Keep the digests of what listings show of each article, computed from the
        articles as they are now and from the rest that ``key`` digests; pickled with
        the articles, and forgotten as soon as a document is read or removed."""
        self.data["views"] = {"key": key, "views": dict(views)}

    def kept_views(self, key: str) -> dict[str, str] | None:
        """The views kept with ``key`` (None if none are, or with another key)."""
        kept = self.data.get("views")
        return dict(kept["views"]) if kept is not None and kept["key"] == key else None

    def clear_doc(self, docname: str) -> None:
        self.articles.pop(docname, None)
        self.listings.pop(docname, None)
        self.data.pop("views", None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.data.pop("views", None)
        for key in ("articles", "listings"):
            mine = self.data.setdefault(key, {})
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    mine[docname] = value

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()


def get_domain(env: BuildEnvironment) -> OutcropDomain:
    domain = env.get_domain(OutcropDomain.name)
    assert isinstance(domain, OutcropDomain)
    return domain


def setup_domain(app: Sphinx) -> None:
    app.add_domain(OutcropDomain)
