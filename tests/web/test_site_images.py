"""Remote images in the HTML output (``outcrop_remote_images = "cache"``), against a real
HTTP server on 127.0.0.1: fetched once, served from the site in the widths srcset names,
a placeholder (not a wall of alt text) where an image cannot be fetched; offline rebuilds,
parallel and incremental builds give the same pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import Server, SiteFactory, article, closed_port, html_pages, jpeg_bytes, png_bytes, write_tree
from outcrop.site.remote import active_svg, svg_size

A = "articles/2024-01-01-a"
B = "articles/2024-01-02-b"
BASE = "https://rocks.example.org/"
HOME = "# Home\n\n```{outcrop-latest}\n:limit: 6\n```\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n"


def conf(cache: Path) -> str:
    return f'outcrop_remote_images = "cache"\noutcrop_image_cache = {str(cache)!r}\nhtml_baseurl = {BASE!r}\n'


def files(base: str) -> dict[str, str]:
    return {
        f"{A}.md": article(
            f"title: A\ndate: 2024-01-01\ntags: [rock]\nexcerpt_image: {base}/banner.jpg\n"
            "excerpt_image_alt: Layered basalt cliffs",
            f"Intro.\n\n![A thin section]({base}/body.png)\n\nMore text.\n",
        ),
        f"{B}.md": article(f"title: B\ndate: 2024-01-02\ntags: [rock]\nexcerpt_image: {base}/small.png"),
        "index.md": HOME,
    }


def serve(server: Server) -> None:
    server.files["/banner.jpg"] = jpeg_bytes((2000, 800))
    server.files["/body.png"] = png_bytes("green", (1200, 600))
    server.files["/small.png"] = png_bytes("blue", (400, 300))


def width_of(path: Path) -> int:
    with Image.open(path) as image:
        return int(image.size[0])


def test_remote_images_are_fetched_once_and_served_from_the_site(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    serve(server)
    cache = tmp_path / "cache"
    site = make_site(files(server.base), conf=conf(cache))
    assert site.outcrop_warnings() == [], site.warnings
    assert sorted(server.requests) == ["/banner.jpg", "/body.png", "/small.png"]  # once each
    for name, page in html_pages(site.outdir).items():
        assert b"127.0.0.1" not in page, f"{name} asks another site"

    soup = site.soup(A)
    assert len(soup.select(".outcrop-banner")) == 1  # no wrapper of the writer's around it
    banner = soup.select_one("img.outcrop-banner")
    assert banner["alt"] == "Layered basalt cliffs"
    src = banner["src"]
    assert src.startswith("../_outcrop/remote/") and src.endswith(".jpg")
    assert width_of(site.outdir / "articles" / src) == 2000
    assert (banner["width"], banner["height"]) == ("2000", "800")
    assert "loading" not in banner.attrs  # at the top of the page: not lazy
    assert banner["decoding"] == "async"
    candidates = [c.strip().split(" ") for c in banner["srcset"].split(",")]
    assert [w for _, w in candidates] == ["480w", "960w", "1600w", "2000w"]
    for url, declared in candidates:
        assert width_of(site.outdir / "articles" / url) == int(declared[:-1]), url  # made that wide
    assert banner["sizes"]

    body = soup.select_one('img[alt="A thin section"]')
    assert (body["width"], body["height"], body["loading"]) == ("1200", "600", "lazy")
    assert (site.outdir / "articles" / body["src"]).is_file()

    # A small banner: never upscaled, so no srcset; its size still stated.
    small = site.soup(B).select_one("img.outcrop-banner")
    assert "srcset" not in small.attrs and (small["width"], small["height"]) == ("400", "300")

    # The home page's cards and the tag page's list show the site's copies.
    cards = site.soup("index").select(".outcrop-card img")
    assert [c["src"].startswith("_outcrop/remote/") for c in cards] == [True, True]
    assert all("loading" not in c.attrs for c in cards)  # the first row
    assert "480w" in next(c for c in cards if c["alt"] == "Layered basalt cliffs")["srcset"]
    thumbs = site.soup("tags/rock").select("img.outcrop-thumb")
    assert [t["src"].startswith("../_outcrop/remote/") for t in thumbs] == [True, True]
    assert all(t["loading"] == "lazy" for t in thumbs)

    # Social cards point to the site's copy, absolute.
    og = soup.select_one('meta[property="og:image"]')["content"]
    assert og == BASE + src.removeprefix("../")

    # Offline, from the warm cache: the same pages, nothing fetched, no warning.
    server.stop()
    again = make_site(files(server.base), conf=conf(cache))
    assert again.outcrop_warnings() == [], again.warnings
    assert len(server.requests) == 3
    assert html_pages(again.outdir) == html_pages(site.outdir)


def test_link_mode_keeps_the_remote_urls(make_site: SiteFactory, server: Server, tmp_path: Path) -> None:
    serve(server)
    site = make_site(files(server.base), conf=conf(tmp_path / "cache") + 'outcrop_remote_images = "link"\n')
    assert site.soup(A).select_one("img.outcrop-banner")["src"] == f"{server.base}/banner.jpg"
    assert site.soup("index").select_one(".outcrop-card img")["src"].startswith(server.base)
    assert server.requests == []
    assert not (site.outdir / "_outcrop").exists()


def test_unreachable_images_are_one_warning_each_and_a_placeholder_everywhere(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    down = f"http://127.0.0.1:{closed_port()}"
    sources = files(down)
    sources[f"{A}.md"] = sources[f"{A}.md"].replace(f"{down}/body.png", f"{server.base}/missing.png")
    site = make_site(sources, conf=conf(tmp_path / "cache") + "outcrop_fetch_timeout = 1\n")
    found = sorted((Path(w["path"]).name, int(w["line"]), w["type"]) for w in site.outcrop_warnings())
    assert found == [
        ("2024-01-01-a.md", 5, "outcrop.fetch"),  # the banner, at its front-matter line
        ("2024-01-01-a.md", 11, "outcrop.fetch"),  # the image of the text, at its line
        ("2024-01-02-b.md", 5, "outcrop.fetch"),
    ], site.warnings
    messages = " ".join(w["msg"] for w in site.outcrop_warnings())
    assert "cannot connect" in messages and "HTTP 404" in messages

    for name, page in html_pages(site.outdir).items():
        assert b"127.0.0.1" not in page, name
    soup = site.soup(A)
    assert len(soup.select(".outcrop-banner")) == 1  # no wrapper of the writer's around it
    box = soup.select_one(".outcrop-header .outcrop-banner.outcrop-image-missing")
    assert box.name == "div" and box["role"] == "img"
    assert box["aria-label"] == "Image not available: Layered basalt cliffs"
    assert box.get_text(strip=True) == "Image not available"  # not the alt text
    assert "Layered basalt cliffs" not in soup.select_one("article, [role=main], body").get_text()
    body = soup.select("div.outcrop-image-missing")[-1]
    assert body["aria-label"] == "Image not available: A thin section"

    cards = site.soup("index").select(".outcrop-card .outcrop-image-missing")
    assert [c["aria-label"] for c in cards] == ["Image not available", "Image not available: Layered basalt cliffs"]
    assert [c.get_text(strip=True) for c in cards] == ["Image not available"] * 2
    thumbs = site.soup("tags/rock").select(".outcrop-thumb.outcrop-image-missing")
    assert len(thumbs) == 2 and {t["aria-label"] for t in thumbs} == {
        "Image not available: Layered basalt cliffs",
        "Image not available",
    }
    # No link preview of an image that is not there: the article's social card instead.
    assert (
        site.soup(A)
        .select_one('meta[property="og:image"]')["content"]
        .endswith("/_outcrop/cards/articles/2024-01-01-a.png")
    )


def test_an_image_that_comes_back_is_shown_by_the_next_build(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    """A page that showed a placeholder is written again by the next build, which tries
    again: the incremental build then equals a clean one."""
    src, cache = tmp_path / "incremental", tmp_path / "cache"
    sources = files(server.base)
    first = make_site(sources, conf=conf(cache), srcdir=src)
    assert len(first.outcrop_warnings()) == 3  # nothing served yet
    assert first.soup(A).select_one(".outcrop-banner.outcrop-image-missing") is not None
    serve(server)
    second = make_site({}, srcdir=src, freshenv=False)
    assert second.outcrop_warnings() == [], second.warnings
    assert second.soup(A).select_one("img.outcrop-banner")["srcset"]
    clean = make_site(sources, conf=conf(cache))
    assert html_pages(second.outdir) == html_pages(clean.outdir)


def corpus(base: str, n: int = 8) -> dict[str, str]:
    found = {}
    for i in range(n):
        found[f"articles/2024-02-{i + 1:02d}-p{i}.md"] = article(
            f"title: P{i}\ndate: 2024-02-{i + 1:02d}\ntags: [t{i % 3}, all]\n"
            f"excerpt_image: {base}/{'banner.jpg' if i % 2 else 'small.png'}\nexcerpt_image_alt: Banner {i}",
            f"Text {i}.\n\n![figure {i}]({base}/body.png)\n",
        )
    found["index.md"] = files(base)["index.md"]
    return found


def test_parallel_and_incremental_builds_equal_a_clean_serial_one(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    serve(server)
    cache = tmp_path / "cache"
    serial = make_site(corpus(server.base), conf=conf(cache))
    parallel = make_site(corpus(server.base), conf=conf(tmp_path / "cache2"), parallel=2)
    assert serial.outcrop_warnings() == parallel.outcrop_warnings() == []
    pages = html_pages(serial.outdir)
    assert html_pages(parallel.outdir) == pages
    assert sorted(p.name for p in (serial.outdir / "_outcrop/remote").iterdir()) == sorted(
        p.name for p in (parallel.outdir / "_outcrop/remote").iterdir()
    )

    src = tmp_path / "incremental"
    make_site(corpus(server.base), conf=conf(cache), srcdir=src)
    edited = corpus(server.base)["articles/2024-02-03-p2.md"].replace("small.png", "banner.jpg")
    write_tree(src, {"articles/2024-02-03-p2.md": edited.replace("tags: [t2, all]", "tags: [t2, new]")})
    incremental = make_site({}, srcdir=src, freshenv=False)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src)
    assert html_pages(incremental.outdir) == html_pages(clean.outdir)
    card = BeautifulSoup(html_pages(incremental.outdir)["tags/new.html"], "html.parser").select_one("img")
    assert re.search(r"_outcrop/remote/\w+-480\.jpg 480w", card["srcset"])


def test_a_damaged_image_is_a_warning_and_a_placeholder(make_site: SiteFactory, server: Server, tmp_path: Path) -> None:
    """Bytes that start like a PNG but are not one: never a crash of the build."""
    server.files["/broken.png"] = png_bytes("red", (600, 300))[:60] + b"\0" * 500
    sources = {f"{A}.md": article(f"title: A\ndate: 2024-01-01\nexcerpt_image: {server.base}/broken.png")}
    site = make_site(sources, conf=conf(tmp_path / "cache"))
    [warning] = site.outcrop_warnings()
    assert warning["type"] == "outcrop.fetch" and "cannot be read" in warning["msg"] and warning["line"] == "4"
    assert site.soup(A).select_one(".outcrop-banner.outcrop-image-missing") is not None


def test_local_banners_get_their_widths_too(make_site: SiteFactory, tmp_path: Path) -> None:
    """A wide local banner: Sphinx publishes the file, outcrop its smaller widths (made in
    the cache, never in the source folder) and its size; also when remote images are linked."""
    sources = {
        f"{A}.md": article(
            "title: A\ndate: 2024-01-01\ntags: [rock]\nexcerpt_image: img/wide.jpg\nexcerpt_image_alt: Wide"
        ),
        "articles/img/wide.jpg": jpeg_bytes((1800, 600)),
        "index.md": HOME,
    }
    site = make_site(sources, conf=conf(tmp_path / "cache") + 'outcrop_remote_images = "link"\n')
    assert site.outcrop_warnings() == [], site.warnings
    banner = site.soup(A).select_one("img.outcrop-banner")
    assert banner["src"] == "../_images/wide.jpg" and (site.outdir / "_images/wide.jpg").is_file()
    assert (banner["width"], banner["height"]) == ("1800", "600")
    candidates = [c.strip().split(" ") for c in banner["srcset"].split(",")]
    assert [w for _, w in candidates] == ["480w", "960w", "1600w", "1800w"]
    for url, declared in candidates:
        assert width_of(site.outdir / "articles" / url) == int(declared[:-1]), url
    card = site.soup("index").select_one(".outcrop-card img")
    assert card["src"] == "_images/wide.jpg" and "_outcrop/sizes/" in card["srcset"]
    assert sorted(p.name for p in (Path(site.app.srcdir) / "articles/img").iterdir()) == ["wide.jpg"], "nothing written"


def test_active_svg_and_pdf_are_not_published(make_site: SiteFactory, server: Server, tmp_path: Path) -> None:
    """Served from the site's own address, a script in another site's SVG would run as the
    site's when the file is opened by itself: such an SVG is refused, like a PDF."""
    server.files["/evil.svg"] = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
    server.files["/quiet.svg"] = b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect/></svg>'
    server.files["/doc.pdf"] = b"%PDF-1.4\n%fake\n"
    body = f"![evil]({server.base}/evil.svg)\n\n![quiet]({server.base}/quiet.svg)\n\n![doc]({server.base}/doc.pdf)\n"
    site = make_site({f"{A}.md": article("title: A\ndate: 2024-01-01", body)}, conf=conf(tmp_path / "cache"))
    reasons = sorted(w["msg"].split("(", 1)[1].split(")")[0] for w in site.outcrop_warnings())
    assert reasons == [
        "a PDF, not an image a page can show",
        "an SVG with scripts or event handlers, not published from the site: an event handler",
    ]
    soup = site.soup(A)
    assert [b["aria-label"] for b in soup.select(".outcrop-image-missing")] == [
        "Image not available: evil",
        "Image not available: doc",
    ]
    quiet = soup.select_one('img[alt="quiet"]')
    assert quiet["src"].endswith(".svg") and (quiet["width"], quiet["height"]) == ("300", "100")
    published = sorted(p.suffix for p in (site.outdir / "_outcrop/remote").iterdir())
    assert published == [".svg"]  # the quiet one only


def test_remote_avatars_are_served_from_the_site_or_left_out(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    server.files["/ada.png"] = png_bytes("red", (200, 200))
    people = {
        "Ada": {"bio": "Geologist.", "avatar": f"{server.base}/ada.png"},
        "Bo": {"bio": "Mapper.", "avatar": f"{server.base}/missing-bo.png"},
    }
    source = {
        f"{A}.md": article("title: A\ndate: 2024-01-01\nauthor: [Ada, Bo]"),
        "index.md": HOME,
    }
    site = make_site(source, conf=conf(tmp_path / "cache") + f"outcrop_authors = {people!r}\n")
    found = [(Path(w["path"]).name, w["type"]) for w in site.outcrop_warnings()]
    assert found == [("conf.py", "outcrop.fetch")], site.warnings
    assert (
        "no avatar is shown: " in site.outcrop_warnings()[0]["msg"]
        and "missing-bo.png" in site.outcrop_warnings()[0]["msg"]
    )
    for name, page in html_pages(site.outdir).items():
        assert b"127.0.0.1" not in page, f"{name} asks another site"
    ada = site.soup("authors/ada").select_one("img.outcrop-avatar")
    assert ada["src"].startswith("../_outcrop/remote/") and (site.outdir / "authors" / ada["src"]).is_file()
    assert site.soup("authors/bo").select_one("img.outcrop-avatar") is None  # decorative: no placeholder
    assert site.soup("authors/bo").select_one(".outcrop-author-bio").get_text() == "Mapper."
    index = site.soup("authors/index").select("img.outcrop-avatar")
    assert [img["src"] for img in index] == [ada["src"]]  # the same folder


#: SVGs that would run a script opened from the site's address, each way a byte search
#: for "<script" or "onload=" misses: a prefix, another namespace, an entity, a
#: character reference, an animation, XSLT through a processing instruction, UTF-16.
ACTIVE_SVGS = {
    "prefixed": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg">'
    b"<s:script>alert(1)</s:script></svg>",
    "xhtml": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
    b"<h:script>alert(1)</h:script></svg>",
    "entity": b'<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "charref": b'<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>',
    "animate": b'<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" to="java&#9;script:x()"/>'
    b"<text>x</text></a></svg>",
    "upper": b'<svg xmlns="http://www.w3.org/2000/svg" ONLOAD="alert(1)"/>',
    "xslt": b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    "utf16": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg [<!ENTITY x "y">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16"),
    "broken": b"<svg><g></svg>",
}


@pytest.mark.parametrize("name", list(ACTIVE_SVGS))
def test_active_svgs_are_recognised_as_a_browser_reads_them(name: str) -> None:
    assert active_svg(ACTIVE_SVGS[name])


def test_quiet_svgs_pass_and_odd_sizes_read_as_none() -> None:
    quiet = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="30" height="20px"><style>r{}</style>'
    assert active_svg(quiet + b'<a href="https://example.org/"><rect/></a></svg>') == ""
    assert svg_size(quiet) == (30, 20)
    assert svg_size(b'<svg width="1.2.3" height="2">') == (0, 0)
    assert svg_size(b'<svg viewBox="0 0 10.5 20.">') == (0, 0)
    assert svg_size(b'<svg viewBox="-5 -5 10.5 20">') == (10, 20)


def test_an_svg_banner_of_an_odd_size_builds(make_site: SiteFactory, tmp_path: Path) -> None:
    odd = b'<svg xmlns="http://www.w3.org/2000/svg" width="1.2.3" height="x"><rect/></svg>'
    sources = {f"{A}.md": article("title: A\ndate: 2024-01-01\nexcerpt_image: b.svg"), "articles/b.svg": odd}
    site = make_site(sources, conf=conf(tmp_path / "cache"))
    assert site.outcrop_warnings() == [], site.warnings
    assert site.soup(A).select_one("img.outcrop-banner")["src"].endswith("b.svg")


def test_a_banner_whose_name_has_spaces_and_commas_is_a_valid_srcset(make_site: SiteFactory, tmp_path: Path) -> None:
    sources = {
        f"{A}.md": article("title: A\ndate: 2024-01-01\nexcerpt_image: img/my banner, wide.jpg"),
        "articles/img/my banner, wide.jpg": jpeg_bytes((1800, 600)),
        "index.md": HOME,
    }
    site = make_site(sources, conf=conf(tmp_path / "cache"))
    assert site.outcrop_warnings() == [], site.warnings
    card = site.soup("index").select_one(".outcrop-card img")
    assert card["src"] == "_images/my%20banner%2C%20wide.jpg"
    candidates = [c.strip().split(" ") for c in card["srcset"].split(",")]
    assert [len(c) for c in candidates] == [2, 2, 2, 2] and candidates[-1] == [card["src"], "1800w"]
    assert (site.outdir / "_images" / "my banner, wide.jpg").is_file()


def test_a_second_build_of_the_same_application_asks_again(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    """What one build could not fetch is asked again by the next build in the same process
    (a server that keeps its Sphinx application), not remembered as failed."""
    site = make_site(files(server.base), conf=conf(tmp_path / "cache"))
    assert site.soup(A).select_one(".outcrop-banner.outcrop-image-missing") is not None
    serve(server)
    site.app.build()
    assert site.soup(A).select_one("img.outcrop-banner")["srcset"]
