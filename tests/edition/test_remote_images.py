"""Remote images for the PDF edition, against a real HTTP server on 127.0.0.1: fetched
once into the cache, used from it afterwards (offline too); a server that is down,
hangs, answers 404, garbage or a huge body costs a bounded time, one warning and a
placeholder each."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import Server, SiteFactory, article, closed_port, gif_bytes, png_bytes
from outcrop.site import remote


def test_fetched_once_then_used_from_the_cache_offline(make_site: SiteFactory, server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    files = {
        "articles/2024-01-01-a.md": article(
            f"title: A\nexcerpt_image: {server.base}/ok.png",
            f"Text.\n\n![an animation]({server.base}/anim.gif)\n",
        )
    }
    conf = f"outcrop_image_cache = {str(cache)!r}\n"
    first = make_site(files, buildername="latex", conf=conf)
    assert first.outcrop_warnings() == []
    assert sorted(server.requests) == ["/anim.gif", "/ok.png"]
    stored = sorted(p.suffix for p in cache.iterdir() if p.is_file())
    assert stored == [".gif", ".png"]  # kept as sent (the web edition serves the GIF)
    assert [p.name.endswith(".print.png") for p in (cache / "derived").glob("*.png")] == [True]  # LaTeX's PNG
    tex = next(first.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\sphinxincludegraphics") == 2
    assert len(list(first.outdir.glob("*.png"))) == 2  # copied next to the .tex
    server.stop()
    second = make_site(files, buildername="latex", conf=conf)
    assert second.outcrop_warnings() == []
    assert len(server.requests) == 2  # nothing fetched again
    assert next(second.outdir.glob("*.tex")).read_text(encoding="utf-8").count(r"\sphinxincludegraphics") == 2


def test_failures_cost_a_bounded_time_one_warning_each_and_a_placeholder(
    make_site: SiteFactory, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remote, "MAX_BYTES", 100_000)
    down = f"http://127.0.0.1:{closed_port()}/down.png"
    body = "\n\n".join(
        [
            "Intro.",
            f"![missing]({server.base}/missing.png)",
            f"![hangs]({server.base}/hang.png)",
            f"![garbage]({server.base}/garbage.png)",
            f"![huge]({server.base}/huge.png)",
            f"![again]({server.base}/missing.png)",
        ]
    )
    files = {"articles/2024-01-01-a.md": article(f"title: A\nexcerpt_image: {down}", body + "\n")}
    started = time.monotonic()
    site = make_site(files, buildername="latex", conf="outcrop_fetch_timeout = 0.5\n")
    elapsed = time.monotonic() - started
    assert elapsed < 8, elapsed
    reasons = [re.search(r"for the book \((.*)\), a placeholder", w["msg"]) for w in site.outcrop_warnings()]
    found = [(w["line"], m[1] if m else w["msg"]) for w, m in zip(site.outcrop_warnings(), reasons, strict=True)]
    assert found == [
        ("3", "cannot connect (offline?)"),  # the banner, at its front-matter line
        ("8", "HTTP 404"),
        ("10", "timed out"),
        ("12", "the response is not an image"),
        ("14", "larger than 100,000 bytes"),
    ], site.warnings
    assert all(w["path"].endswith("2024-01-01-a.md") for w in site.outcrop_warnings())
    assert all(w["type"] == "outcrop.fetch" for w in site.outcrop_warnings())
    tex = next(site.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxincludegraphics" not in tex
    assert tex.count(r"\begin{sphinxuseclass}{outcrop-image-placeholder}") == 6
    assert "Image not available: hangs" in tex


def test_html_links_remote_images_and_fetches_nothing_in_link_mode(make_site: SiteFactory, server: Server) -> None:
    files = {"articles/2024-01-01-a.md": article(f"title: A\nexcerpt_image: {server.base}/ok.png")}
    site = make_site(files, conf='outcrop_remote_images = "link"\n')
    assert site.soup("articles/2024-01-01-a").select_one("img.outcrop-banner")["src"] == f"{server.base}/ok.png"
    assert server.requests == []


def test_sniff_trusts_bytes_not_names() -> None:
    assert remote.sniff(png_bytes()) == "image/png"
    assert remote.sniff(gif_bytes()) == "image/gif"
    assert remote.sniff(b"\xef\xbb\xbf<?xml version='1.0'?><svg xmlns='x'/>") == "image/svg+xml"
    assert remote.sniff(b"<html><svg/></html>") is None
    assert remote.sniff(b"%PDF-1.7") == "application/pdf"
    assert remote.sniff(b"") is None


def test_an_unreachable_host_is_asked_once_per_build(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline, a site whose 50 banners live on one host costs one failed connection,
    not 50; each article still gets its warning and its placeholder."""
    calls: list[str] = []

    def refused(url: str, **kwargs: object) -> bytes:
        calls.append(url)
        raise remote.FetchError("cannot connect (offline?)")

    monkeypatch.setattr(remote, "fetch", refused)
    files = {
        f"articles/2024-01-{n:02d}-a.md": article(f"title: A{n}\nexcerpt_image: https://cdn.invalid/{n}.png")
        for n in range(1, 21)
    }
    site = make_site(files, buildername="latex")
    assert len(calls) == 1
    warnings = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.fetch"]
    assert len(warnings) == 20 and all("cannot connect" in w["msg"] for w in warnings)
