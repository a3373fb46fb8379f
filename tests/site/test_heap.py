"""outcrop.site.heap: the environment is frozen out of the cycle collector's way while
a site is read, never kept frozen after the build, and the site is the same."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFAULT_CONF, DEFAULT_INDEX, SiteFactory, article, html_pages, write_tree
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


def test_freezes_at_exit_once_per_process(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[object] = []
    monkeypatch.setattr(heap, "_at_exit", [])
    monkeypatch.setattr(heap.atexit, "register", registered.append)
    make_site(FILES, conf="outcrop_freeze_heap = False\n")
    assert registered == [], "not when the site turns it off"
    make_site(FILES)
    make_site(FILES)
    assert registered == [heap.freeze_at_exit], "registered by the first build that wants it, once"
    try:
        heap.freeze_at_exit()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_build_in_its_own_process_exits_cleanly(tmp_path: Path) -> None:
    """With the freeze at exit, sphinx-build still ends with status 0 and every file
    written (nothing left to a collection that no longer runs)."""
    write_tree(
        tmp_path / "src",
        {"conf.py": DEFAULT_CONF + 'html_baseurl = "https://x.example/"\n', "index.md": DEFAULT_INDEX, **FILES},
    )
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(tmp_path / "src"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = tmp_path / "out"
    assert len(list((out / "articles").glob("*.html"))) == len(FILES)
    assert (out / "atom.xml").read_text(encoding="utf-8").rstrip().endswith("</feed>")
    assert (out / "sitemap.xml").read_text(encoding="utf-8").rstrip().endswith("</urlset>")
