"""outcrop.site.heap: the environment is frozen out of the cycle collector's way while
a site is read, never kept frozen after the build, and the site is the same."""

from __future__ import annotations

import gc

import pytest

from conftest import SiteFactory, article, html_pages
from outcrop.site import heap

FILES = {
    f"articles/2024-01-{i + 1:02d}-post-{i}.md": article(f"title: Post {i}\ntags: [t{i % 2}]", "## A\n\nText.\n")
    for i in range(7)
}


#: A site whose conf.py checks that nothing is frozen once reading is done.
CHECK = """
import gc

def _check(app, builder):
    if gc.get_freeze_count():
        raise RuntimeError(f"{gc.get_freeze_count()} objects still frozen when writing starts")

def setup(app):
    app.connect("write-started", _check)
"""


@pytest.mark.parametrize("parallel", [0, 2])
def test_freezes_while_reading_and_unfreezes_after(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, parallel: int
) -> None:
    freezes: list[int] = []
    real_freeze = gc.freeze

    def freeze() -> None:
        freezes.append(heap._state["read"])
        real_freeze()

    monkeypatch.setattr(heap, "EVERY", 3)
    monkeypatch.setattr(heap.gc, "freeze", freeze)
    frozen = make_site(FILES, conf=CHECK, parallel=parallel)
    if parallel == 0:
        assert freezes == [3, 6], "after every third document read (index.md is the eighth)"
    else:
        assert freezes == [], "the main process merges its readers' environments: it never freezes"
    assert gc.get_freeze_count() == 0
    assert heap._state == {"read": 0, "due": False, "frozen": False}

    plain = make_site(FILES, conf="outcrop_freeze_heap = False\n", parallel=parallel)
    assert html_pages(frozen.outdir) == html_pages(plain.outdir)


def test_off_when_configured_or_when_the_collector_is_off(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(heap, "EVERY", 1)
    monkeypatch.setattr(heap.gc, "freeze", lambda: calls.append("freeze"))
    make_site(FILES, conf="outcrop_freeze_heap = False\n")
    assert calls == []
    gc.disable()
    try:
        make_site(FILES)
    finally:
        gc.enable()
    assert calls == []
