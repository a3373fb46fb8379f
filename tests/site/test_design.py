"""sphinx-design's passes run only on the pages that use its components, with the
same output as when they run everywhere (outcrop.site.design)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import SiteFactory, article, html_pages
from outcrop.site import design

COMPONENTS = """## Components

```{dropdown} More about basalt
:open:

Hidden text.
```

````{tab-set}
```{tab-item} One
First tab.
```
```{tab-item} Two
Second tab.
```
````

```{aside} Aside title
Floated text.
```

```{button-ref} plain-section
:color: primary

Read *the plain* one
```

```{button-link} https://example.org/
:new-tab:

Off site
```

A badge: {bdg-ref-primary}`plain one <plain-section>;a tooltip`.

```{card} A card
:link: https://example.org/card
:link-new-tab:

Card body.
```
"""

FILES = {
    "articles/2024-01-01-components.md": article("title: Components\ntags: [rock]", COMPONENTS),
    "articles/2024-01-02-plain.md": article("title: Plain\ntags: [rock]", "(plain-section)=\n## Section\n\nText.\n"),
}


def marks(outdir: Path) -> dict[str, object]:
    doctrees = outdir.parent / "doctrees" if (outdir.parent / "doctrees").exists() else outdir / ".doctrees"
    return {
        path.stem: pickle.loads(path.read_bytes()).get(design.MARK)
        for path in sorted((doctrees / "articles").glob("*.doctree"))
    }


def test_uses_design_finds_what_the_passes_look_for() -> None:
    from docutils import nodes
    from docutils.utils import new_document

    def doc(*children: nodes.Node) -> nodes.document:
        document = new_document("x")
        document += nodes.section("", nodes.paragraph("", "", *children))
        return document

    assert not design.uses_design(doc(nodes.Text("plain"), nodes.inline("", "b", classes=["sd-badge"])))
    assert design.uses_design(doc(nodes.container(design_component="dropdown")))
    assert design.uses_design(doc(nodes.inline("", "", sd_tooltip="tip")))
    assert design.uses_design(doc(nodes.container(sd_new_tab=True)))
    assert design.uses_design(doc(nodes.reference("", "", classes=["sd-btn", "sd-btn-primary"])))


@pytest.mark.parametrize("parallel", [0, 2])
def test_gated_passes_give_the_same_pages(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, parallel: int
) -> None:
    gated = make_site(FILES, parallel=parallel)
    assert gated.warnings == ""
    assert marks(gated.outdir) == {"2024-01-01-components": True, "2024-01-02-plain": False}

    page = gated.soup("articles/2024-01-01-components")
    assert page.select_one("details.sd-dropdown summary"), "the dropdown pass ran"
    assert page.select("div.sd-tab-set input[type=radio]"), "the tab-set pass ran"
    assert page.select_one("aside"), "the aside pass ran"
    button = page.select_one("a.sd-btn.sd-btn-primary")
    assert button is not None and button.find("em"), "the button-ref's content was grafted back"
    badge = page.select_one("a.sd-badge[title]")
    assert badge is not None and badge["title"] == "a tooltip", "the badge tooltip was grafted"
    assert page.select_one('a[href="https://example.org/card"]')["target"] == "_blank"

    # The same site with every pass on every page (as without outcrop's gate).
    monkeypatch.setattr(design, "needs_design", lambda document: True)
    ungated = make_site(FILES, parallel=parallel)
    assert html_pages(gated.outdir) == html_pages(ungated.outdir)
