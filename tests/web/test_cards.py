"""Social card images: real builds, the PNGs opened with Pillow, the meta tags read back."""

from __future__ import annotations

import io
import json
import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import DEFAULT_CONF, Server, Site, SiteFactory, article
from outcrop.web import cards

BASE = "https://rocks.example.org/blog/"
CONF = f'html_baseurl = "{BASE}"\noutcrop_now = "2025-01-01"\n'
FIRST, SECOND, BANNERED = (
    "articles/2024-01-01-first",
    "articles/2024-02-01-second",
    "articles/2024-03-01-bannered",
)


def png(colour: str, size: tuple[int, int] = (64, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


FILES: dict[str, str | bytes] = {
    f"{FIRST}.md": article("title: The Quiet Basalt of Reykjavík\ndate: 2024-01-01\nsubtitle: Columns by the sea"),
    f"{SECOND}.md": article("title: Granite, and Why It Sparkles\ndate: 2024-02-01\ntags: [granite]"),
    f"{BANNERED}.md": article(
        "title: A Banner of Its Own\ndate: 2024-03-01\nexcerpt_image: red.png\nexcerpt_image_alt: Red rock"
    ),
    "articles/red.png": png("#d02020", (300, 200)),
    "articles/2024-04-01-vector.md": article("title: A Vector Banner\ndate: 2024-04-01\nexcerpt_image: b.svg"),
    "articles/b.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>\n',
}
VECTOR = "articles/2024-04-01-vector"


def card(site: Site, docname: str) -> Image.Image:
    image = Image.open(site.outdir / "_outcrop" / "cards" / f"{docname}.png")
    image.load()
    return image.convert("RGB")


def meta(site: Site, docname: str, key: str) -> list[str]:
    soup = site.soup(docname)
    return [m["content"] for m in soup.select(f'meta[property="{key}"], meta[name="{key}"]')]


def cards_of(site: Site) -> dict[str, bytes]:
    folder = site.outdir / "_outcrop" / "cards"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.png"))}


def cache_of(site: Site) -> dict[str, int]:
    """The drawn cards in the cache: name → modification time (a new name is a drawing)."""
    folder = Path(site.app.doctreedir) / "outcrop" / "cards"
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def chunks(data: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        found.append(data[offset + 4 : offset + 8].decode("ascii"))
        offset += 12 + length
    return found


def idat(data: bytes) -> bytes:
    """The image data of a PNG file (its IDAT chunks joined)."""
    found, offset = b"", 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        if data[offset + 4 : offset + 8] == b"IDAT":
            found += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return found


def test_a_card_per_article_without_a_banner(make_site: SiteFactory) -> None:
    site = make_site(FILES, conf=CONF)
    first, second = card(site, FIRST), card(site, SECOND)
    assert first.size == second.size == (1200, 630)
    assert ImageChops.difference(first, second).getbbox() is not None  # two titles, two cards
    # An article with a banner keeps its banner: no card drawn for it; but an SVG banner
    # is shown by no social network, so that article gets a card.
    assert set(cards_of(site)) == {f"{FIRST}.png", f"{SECOND}.png", f"{VECTOR}.png"}
    assert meta(site, VECTOR, "og:image") == [f"{BASE}_outcrop/cards/{VECTOR}.png"]
    url = f"{BASE}_outcrop/cards/{FIRST}.png"
    assert meta(site, FIRST, "og:image") == [url] and meta(site, FIRST, "twitter:image") == [url]
    assert meta(site, FIRST, "og:image:width") == ["1200"] and meta(site, FIRST, "og:image:height") == ["630"]
    assert meta(site, FIRST, "og:image:alt") == ["The Quiet Basalt of Reykjavík – Test site"]
    assert meta(site, FIRST, "twitter:image:alt") == meta(site, FIRST, "og:image:alt")
    assert meta(site, FIRST, "twitter:card") == ["summary_large_image"]
    ld = json.loads(site.soup(FIRST).select_one('script[type="application/ld+json"]').string)
    assert ld["image"] == url
    banner = meta(site, BANNERED, "og:image")
    assert len(banner) == 1 and banner[0].startswith(f"{BASE}_images/red") and banner[0].endswith(".png")
    assert meta(site, BANNERED, "og:image:alt") == ["Red rock"] and not meta(site, BANNERED, "og:image:width")
    # Pages that are not articles get no card.
    assert not meta(site, "index", "og:image")
    # The site's default colours: the accent bar at the left edge, the background elsewhere.
    assert first.getpixel((5, 300)) == (0xB5, 0x54, 0x2F)
    assert first.getpixel((600, 10)) == (0xFB, 0xFA, 0xF7)
    # The same bytes on every build: nothing but the image in the file (no time, no text).
    data = (site.outdir / "_outcrop" / "cards" / f"{FIRST}.png").read_bytes()
    assert chunks(data) == ["IHDR", "PLTE", *["IDAT"] * (len(chunks(data)) - 3), "IEND"]
    # Nothing written into the source tree; the cache is beside the doctrees.
    sources = Path(site.app.srcdir)
    assert [p.name for p in sources.rglob("*.png") if "_build" not in p.relative_to(sources).parts] == ["red.png"]
    assert len(cache_of(site)) == 3


def test_card_banners_puts_the_banner_on_the_card(make_site: SiteFactory) -> None:
    site = make_site(FILES, conf=CONF + "outcrop_card_banners = True\n")
    bannered = card(site, BANNERED)
    assert meta(site, BANNERED, "og:image") == [f"{BASE}_outcrop/cards/{BANNERED}.png"]
    assert meta(site, BANNERED, "og:image:alt") == ["A Banner of Its Own – Test site"]
    assert bannered.getpixel((1100, 300)) == (0xD0, 0x20, 0x20)  # the banner fills the right side
    assert card(site, FIRST).getpixel((1100, 300)) == (0xFB, 0xFA, 0xF7)


def test_a_remote_banner_fills_the_card_from_the_sites_copy(
    make_site: SiteFactory, server: Server, tmp_path: Path
) -> None:
    server.files["/green.png"] = png("#20a040", (600, 400))
    files = {
        f"{FIRST}.md": article(f"title: Remote\ndate: 2024-01-01\nexcerpt_image: {server.base}/green.png"),
        f"{SECOND}.md": article(f"title: Gone\ndate: 2024-02-01\nexcerpt_image: {server.base}/missing.png"),
    }
    conf = (
        CONF
        + f'outcrop_card_banners = True\noutcrop_remote_images = "cache"\noutcrop_image_cache = {str(tmp_path)!r}\n'
    )
    site = make_site(files, conf=conf)
    assert [w["type"] for w in site.outcrop_warnings()] == ["outcrop.fetch"]  # the missing one, once
    assert card(site, FIRST).getpixel((1100, 300)) == (0x20, 0xA0, 0x40)
    assert card(site, SECOND).getpixel((1100, 300)) == (0xFB, 0xFA, 0xF7)  # a card without it
    assert meta(site, SECOND, "og:image") == [f"{BASE}_outcrop/cards/{SECOND}.png"]


def test_colours_logo_and_bad_values(make_site: SiteFactory) -> None:
    conf = CONF + (
        'outcrop_card_colors = {"background": "#102030", "accent": "#0f0", "foreground": "red", "ink": "#000"}\n'
        'html_logo = "logo.png"\n'
    )
    site = make_site({**FILES, "logo.png": png("#2040f0", (120, 120))}, conf=conf)
    first = card(site, FIRST)
    assert first.getpixel((600, 10)) == (0x10, 0x20, 0x30)
    assert first.getpixel((5, 300)) == (0x00, 0xFF, 0x00)
    # the logo, 60 pixels high, at the top left, before the site's name
    assert first.getpixel((118, 86)) == (0x20, 0x40, 0xF0)
    # the default foreground (the bad value left out): the title's solid pixels
    title = {colour for _, colour in first.crop((88, 164, 1112, 300)).getcolors(1 << 16)}
    assert (0x1D, 0x23, 0x27) in title and (0xFF, 0x00, 0x00) not in title
    bad = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.bad_value"]
    assert len(bad) == 2 and all("outcrop_card_colors" in w["msg"] for w in bad)
    assert all(w["path"].endswith("conf.py") for w in bad)


def test_a_logo_or_font_pillow_cannot_read_is_a_warning(make_site: SiteFactory) -> None:
    conf = CONF + 'html_logo = "logo.svg"\noutcrop_card_fonts = ["missing.ttf", "conf.py"]\n'
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>\n'
    site = make_site({**FILES, "logo.svg": svg}, conf=conf)
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.card"]
    messages = " | ".join(w["msg"] for w in found)
    assert len(found) == 3, messages
    assert "missing.ttf" in messages and "conf.py' cannot be read" in messages and "logo.svg" in messages
    assert all(w["path"].endswith("conf.py") for w in found)
    assert card(site, FIRST).size == (1200, 630)  # drawn anyway, with the free fonts, without the logo


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_banner_pillow_cannot_read_is_a_warning_at_its_line(make_site: SiteFactory, parallel: int) -> None:
    files = {
        f"{FIRST}.md": article("title: Junk\ndate: 2024-01-01\nsubtitle: S\nexcerpt_image: junk.png"),
        "articles/junk.png": b"\x89PNG\r\n\x1a\n not an image at all",
    }
    site = make_site(files, conf=CONF + "outcrop_card_banners = True\n", parallel=parallel)
    found = [(Path(w["path"]).name, w["line"]) for w in site.outcrop_warnings() if w["type"] == "outcrop.card"]
    assert found == [("2024-01-01-first.md", "5")], site.warnings  # the excerpt_image line, drawn by any process
    assert card(site, FIRST).size == (1200, 630)  # drawn without it


HOSTILE = {
    "long": "Supercalifragilistic " * 250,
    "rtl": "الصخور البركانية في الأردن وتاريخها الطويل",
    "emoji": "🌋🪨🔥 Lava 🌋",
    "only-emoji": "🌋🌋🌋",
    "cjk": "日本の火山と温泉の地質学：" * 20,
    "control": "Bell\u0007 and \u202eoverride\u202c and\u200b zero-width",
    "word": "x" * 3000,
    "mixed": "Ελληνικά Кириллица עברית 한국어 हिन्दी ไทย " * 10,
}


def test_hostile_titles_are_laid_out_within_the_card(make_site: SiteFactory) -> None:
    files: dict[str, str | bytes] = {
        f"articles/2024-05-{i + 1:02d}-{name}.md": article(
            f"title: {json.dumps(title)}\ndate: 2024-05-{i + 1:02d}\nsubtitle: {json.dumps(title[::-1])}"
        )
        for i, (name, title) in enumerate(HOSTILE.items())
    }
    site = make_site(files, conf=CONF)
    drawn = cards_of(site)
    assert len(drawn) == len(HOSTILE)
    background = (0xFB, 0xFA, 0xF7)
    for name in drawn:
        image = Image.open(io.BytesIO(drawn[name])).convert("RGB")
        assert image.size == (1200, 630), name
        # Nothing drawn in the right margin or below the foot: the text was wrapped and cut.
        assert image.crop((1200 - 64, 0, 1200, 630)).getcolors() == [(64 * 630, background)], name
        assert image.crop((18, 630 - 24, 1200, 630)).getcolors() == [(1182 * 24, background)], name
    # The long title is cut to three lines with an ellipsis (the layout, tested without drawing).
    lines, fits = cards.wrap(cards.clean(HOSTILE["long"]), lambda text: 30.0 * len(text), 1000, 3)
    assert len(lines) == 3 and not fits and lines[-1].endswith("…")
    assert cards.clean(HOSTILE["control"]) == "Bell and override and zero-width"


def test_rebuilds_draw_only_what_changed(make_site: SiteFactory, tmp_path: Path) -> None:
    src = tmp_path / "incremental"
    site = make_site(FILES, conf=CONF, srcdir=src)
    drawn, output = cache_of(site), cards_of(site)
    mtimes = {p: (site.outdir / "_outcrop" / "cards" / p).stat().st_mtime_ns for p in output}
    # Nothing changed: nothing drawn, nothing copied.
    again = make_site({}, conf=CONF, srcdir=src, freshenv=False)
    assert cache_of(again) == drawn
    assert {p: (again.outdir / "_outcrop" / "cards" / p).stat().st_mtime_ns for p in output} == mtimes
    # A changed title: that card alone is drawn again.
    changed = {f"{SECOND}.md": article("title: Granite, Renamed\ndate: 2024-02-01\ntags: [granite]")}
    edited = make_site(changed, conf=CONF, srcdir=src, freshenv=False)
    now = cache_of(edited)
    assert len(now) == 3 and len(set(now) - set(drawn)) == 1
    kept = set(now) & set(drawn)
    assert len(kept) == 2 and all(now[name] == drawn[name] for name in kept)  # not drawn again
    first = f"{FIRST}.png"
    assert (edited.outdir / "_outcrop" / "cards" / first).stat().st_mtime_ns == mtimes[first]
    assert cards_of(edited)[f"{SECOND}.png"] != output[f"{SECOND}.png"]
    # A deleted article: its card leaves the output and the cache.
    (src / f"{FIRST}.md").unlink()
    deleted = make_site({}, conf=CONF, srcdir=src, freshenv=False)
    assert set(cards_of(deleted)) == {f"{SECOND}.png", f"{VECTOR}.png"} and len(cache_of(deleted)) == 2
    # The incremental output equals a clean build of the same sources, byte for byte.
    clean_files = {k: v for k, v in {**FILES, **changed}.items() if not k.startswith(FIRST)}
    clean = make_site(clean_files, conf=CONF)
    assert cards_of(deleted) == cards_of(clean)
    for page in (SECOND, BANNERED):
        assert deleted.html(page) == clean.html(page), page
    # Cards turned off: the folder goes, the pages name no card.
    off_conf = DEFAULT_CONF + CONF + "outcrop_card_images = False\n"
    off = make_site({"conf.py": off_conf}, srcdir=src, freshenv=False)
    assert not (off.outdir / "_outcrop" / "cards").exists()
    assert not meta(off, SECOND, "og:image") and meta(off, SECOND, "twitter:card") == ["summary"]


def test_parallel_build_draws_the_same_cards(make_site: SiteFactory) -> None:
    files = {
        **FILES,
        **{
            f"articles/2024-06-{i:02d}-more.md": article(f"title: More rocks, number {i}\ndate: 2024-06-{i:02d}")
            for i in range(1, 13)
        },
        # the same title twice: one card in the cache, possibly drawn by both processes
        "articles/2024-07-01-twin.md": article("title: Twins\ndate: 2024-07-01"),
        "articles/2024-07-02-twin.md": article("title: Twins\ndate: 2024-07-02"),
    }
    serial = make_site(files, conf=CONF)
    parallel = make_site(files, conf=CONF, parallel=2)
    drawn = cards_of(serial)
    assert len(drawn) == 17 and len(cache_of(serial)) == 16
    assert drawn["articles/2024-07-01-twin.png"] == drawn["articles/2024-07-02-twin.png"]
    assert cards_of(parallel) == drawn and cache_of(parallel).keys() == cache_of(serial).keys()
    for page in (FIRST, "articles/2024-06-07-more", BANNERED):
        assert parallel.html(page) == serial.html(page), page


def test_a_pillow_that_cannot_draw_text_says_so(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pillow is a dependency, but it can be built without FreeType (no text): no cards then.
    from PIL import features

    check = features.check
    monkeypatch.setattr(features, "check", lambda name: name != "freetype2" and check(name))
    cards.unavailable.cache_clear()
    try:
        site = make_site(FILES, conf=CONF)
    finally:
        cards.unavailable.cache_clear()
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.card"]
    assert len(found) == 1 and "without FreeType" in found[0]["msg"]
    assert not (site.outdir / "_outcrop").exists()
    assert not meta(site, FIRST, "og:image")
    assert meta(site, BANNERED, "og:image")[0].startswith(f"{BASE}_images/red")


def test_fonts_are_chosen_by_the_characters_they_have() -> None:
    fonts, _ = cards.find_fonts([])
    if not fonts.title:
        pytest.skip("no free font installed")
    latin, text = cards.choose_font("Basalt", fonts.title)
    assert latin == fonts.title[0] and text == "Basalt"
    # Characters no font has (emoji) are left out rather than drawn as boxes.
    first = fonts.title[:1]
    assert not cards.has_char(first[0].path, "🌋")
    assert cards.choose_font("Lava 🌋 flows", first) == (first[0], "Lava flows")
    cjk = [f for f in fonts.title if cards.has_char(f.path, "火")]
    if cjk:
        chosen, text = cards.choose_font("火山 volcano", fonts.title)
        assert chosen == cjk[0] and text == "火山 volcano"


def test_the_png_writer_round_trips_through_pillow() -> None:
    """Rows repeated and rows that differ, compressed in runs that are joined: Pillow
    reads back every pixel and the palette."""
    width = 37
    pattern = [0, 0, 0, 1, 2, 2, 3, 0, 0, 5, 6, 7, 7, 7, 200, 9, 9]
    pixels = b"".join(bytes((value + x) % 256 for x in range(width)) for value in pattern)
    palette = [value for index in range(256) for value in (index, 255 - index, index // 2)]
    for _ in range(3):  # compressed; then from the runs seen once; then from those kept
        scanlines = b"".join(b"\0" + pixels[y * width : (y + 1) * width] for y in range(len(pattern)))
        data = cards.palette_png(scanlines, width, len(pattern), palette)
        assert zlib.decompress(idat(data)) == scanlines  # the stream's checksum too
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.mode == "P" and image.size == (width, len(pattern))
        assert image.tobytes() == pixels
        assert image.getpalette() == palette


def test_adler32_of_pieces_joined() -> None:
    pieces = [bytes(random.Random(seed).randrange(256) for _ in range(n)) for seed, n in enumerate((0, 1, 70000, 5))]
    checksum = 1
    for piece in pieces:
        checksum = cards.adler32_combine(checksum, zlib.adler32(piece), len(piece))
    assert checksum == zlib.adler32(b"".join(pieces))


def test_glyph_by_glyph_text_is_pillows_text() -> None:
    """Latin, Greek, Cyrillic and CJK lines are drawn from glyphs rendered once, with the
    font's kerning: the same pixels as Pillow's own drawing of the line."""
    from PIL import ImageDraw

    fonts, _ = cards.find_fonts([])
    if not fonts.title:
        pytest.skip("no free font installed")
    file, text = cards.choose_font("AVATAR To Wávy Ωμέγα Жизнь", fonts.title)
    font = cards._load(file.path, 60)  # type: ignore[union-attr]
    assert cards._simple(text) and not cards._simple("שלום") and not cards._simple("e\u0301")
    ours, pillows = Image.new("L", (1200, 100)), Image.new("L", (1200, 100))
    for _ in range(2):  # rendered, then from the glyphs kept
        cards._draw_glyphs(ImageDraw.Draw(ours), font, 10.4, 12, text, 199)
        ImageDraw.Draw(pillows).text((10.4, 12), text, font=font, fill=199)
        assert ours.getbbox() is not None and ImageChops.difference(ours, pillows).getbbox() is None
