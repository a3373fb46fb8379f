"""Social card images: one 1200×630 PNG per article, drawn with Pillow. Pure functions.

A card shows the site's name (and its logo), the article's title (up to three lines)
and subtitle (up to two), the site's address, in the site's colours; with a local
banner, the banner fills the right side. :class:`CardSpec` is everything a card shows,
so its :func:`card_key` names the card in the cache: an article whose card would look
the same is never drawn again.

Drawing is built for speed (a site of 1000 articles draws 1000 cards) and for the same
bytes on every build: text and shapes are drawn as indices into a palette (a ramp from
the background to the foreground colour, the accent, the logo's colours) on one 8-bit
image, written as a palette PNG without any chunk but the image's own (no time, no
text). A card with a banner is drawn the same way, then turned into RGB for the banner.

Fonts: the files of ``outcrop_card_fonts`` first, then a documented list of free fonts
looked up by file name in the usual font folders (:data:`TITLE_FONTS`,
:data:`TEXT_FONTS`, :data:`FALLBACK_FONTS`). Each text is drawn with the first font
that has all its characters (else the one that has most); characters none has (emoji)
are left out rather than drawn as boxes.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import re
import struct
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL import ImageFont

#: Bump when the drawing changes: every card is drawn again.
DESIGN = 2
WIDTH, HEIGHT = 1200, 630
#: Where cards go in the HTML output (one per article, named after its document).
FOLDER = "_outcrop/cards"

#: The free fonts looked up by file name, in this order, in :func:`font_folders`: the
#: title's (bold), the other texts', and fonts for scripts the first ones lack (CJK,
#: Arabic, Hebrew, Devanagari, Thai...).
TITLE_FONTS = (
    "DejaVuSans-Bold.ttf",
    "NotoSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "Arial Bold.ttf",
    "arialbd.ttf",
)
TEXT_FONTS = (
    "DejaVuSans.ttf",
    "NotoSans-Regular.ttf",
    "LiberationSans-Regular.ttf",
    "Arial.ttf",
    "arial.ttf",
)
FALLBACK_FONTS = (
    "NotoSansCJK-Bold.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "DroidSansFallbackFull.ttf",
    "wqy-microhei.ttc",
    "msyh.ttc",
    "NotoSansArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "FreeSans.ttf",
    "FreeSans.otf",
    "Arial Unicode.ttf",
)

# The palette: 0..RAMP-1 from the background to the foreground, then the accent, then
# the logo's colours.
RAMP = 200
FOREGROUND = RAMP - 1
MUTED = round(FOREGROUND * 0.68)
ACCENT = RAMP
LOGO = RAMP + 1
LOGO_COLOURS = 256 - LOGO

MARGIN = 88
BAR = 18
BANNER_WIDTH = 440
TOP = 56
LOGO_HEIGHT = 60
SITE_SIZE = 30
TITLE_TOP = 164
#: (font size, lines) tried in turn: the largest the title fits in, else the last.
TITLE_SIZES = ((68, 2), (60, 3), (52, 3))
SUBTITLE_SIZE, SUBTITLE_LINES = 34, 2
HOST_SIZE = 26
#: More text than three lines can hold is not laid out (a 5,000-character title).
MAX_CHARS = 400
ELLIPSIS = "…"


@dataclasses.dataclass(frozen=True, slots=True)
class FontFile:
    """A font file and what identifies its content (size, modification time)."""

    path: str
    stamp: tuple[int, int] = (0, 0)


@dataclasses.dataclass(frozen=True, slots=True)
class Fonts:
    title: tuple[FontFile, ...]
    text: tuple[FontFile, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class CardSpec:
    """Everything a card shows; its digest is the card's name in the cache."""

    title: str
    subtitle: str
    site_name: str
    host: str
    colours: tuple[str, str, str]  # background, foreground, accent
    fonts: Fonts
    logo: tuple[str, str] | None = None  # path, digest of its bytes
    banner: tuple[str, int, int] | None = None  # path, size, mtime


def card_key(spec: CardSpec) -> str:
    """The digest of everything that decides a card's bytes: what it shows, the
    drawing's version, Pillow's and the layout engine."""
    return hashlib.blake2b(
        repr((DESIGN, pillow_version(), layout_engine_name(), zlib.ZLIB_RUNTIME_VERSION, spec)).encode(
            "utf-8", "surrogatepass"
        ),
        digest_size=16,
    ).hexdigest()


def card_path(docname: str) -> str:
    """The card's path in the output, relative to its root."""
    return f"{FOLDER}/{docname}.png"


# Pillow -----------------------------------------------------------------------------


@functools.cache
def unavailable() -> str:
    """Why cards cannot be drawn here ("" when they can)."""
    try:
        from PIL import features
    except ImportError:
        return "Pillow is not installed (pip install Pillow)"
    if not features.check("freetype2"):
        return "this Pillow was built without FreeType, so it cannot draw text"
    return ""


@functools.cache
def pillow_version() -> str:
    try:
        import PIL
    except ImportError:
        return ""
    return str(PIL.__version__)


@functools.cache
def layout_engine_name() -> str:
    """``raqm`` (right-to-left text and shaping, when Pillow has libraqm) or ``basic``."""
    try:
        from PIL import features
    except ImportError:
        return ""
    return "raqm" if features.check("raqm") else "basic"


# Fonts ------------------------------------------------------------------------------


def font_folders() -> list[Path]:
    """Where the free fonts are looked up: the user's, then the system's folders of
    Linux, macOS and Windows."""
    home = Path.home()
    folders = [home / ".local" / "share" / "fonts", home / ".fonts", home / "Library" / "Fonts"]
    folders += [Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    folders += [Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental")]
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    return folders


@functools.cache
def _installed(folders: tuple[Path, ...]) -> dict[str, str]:
    """File name → path of every font file under ``folders`` (the first one found)."""
    found: dict[str, str] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".otf", ".ttc")):
                    found.setdefault(name, os.path.join(root, name))
    return found


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def find_fonts(own: Sequence[str], folders: Iterable[Path] | None = None) -> tuple[Fonts, list[str]]:
    """The fonts of the title and of the other texts: ``own`` (absolute paths) first,
    then the free fonts found in ``folders``. Returns messages for own fonts that
    cannot be read, and when no font is found at all (Pillow's own is used)."""
    messages = []
    first: list[FontFile] = []
    for path in own:
        stamp = _stamp(path)
        if stamp is None or _load(path, 20) is None:
            messages.append(f"font {path!r} cannot be read; left out")
            continue
        first.append(FontFile(path, stamp))
    installed = _installed(tuple(folders if folders is not None else font_folders()))

    def free(names: Sequence[str]) -> list[FontFile]:
        files = []
        for name in names:
            path = installed.get(name)
            stamp = _stamp(path) if path else None
            if path and stamp is not None:  # loaded when a text needs it (a CJK font is 20 MB)
                files.append(FontFile(path, stamp))
        return files

    fallback = free(FALLBACK_FONTS)
    fonts = Fonts(
        title=tuple(dict.fromkeys([*first, *free(TITLE_FONTS), *free(TEXT_FONTS), *fallback])),
        text=tuple(dict.fromkeys([*first, *free(TEXT_FONTS), *free(TITLE_FONTS), *fallback])),
    )
    if not any(_load(file.path, 20) is not None for file in fonts.text):
        messages.append(
            "no font found for social cards (DejaVu Sans, Noto Sans, Liberation Sans...): drawn with "
            "Pillow's own, which lacks most accented letters; install fonts-dejavu or set outcrop_card_fonts"
        )
    return fonts, messages


@functools.cache
def _load(path: str, size: int) -> ImageFont.FreeTypeFont | None:
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if layout_engine_name() == "raqm" else ImageFont.Layout.BASIC
    try:
        return ImageFont.truetype(path, size, layout_engine=engine)
    except (OSError, ValueError):
        return None


@functools.cache
def _default_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


@functools.cache
def _notdef(path: str) -> tuple[Any, ...]:
    return _glyph(path, "\uffff")


#: A 24 px mask is about 500 bytes: 20,000 of them (a Chinese site's characters in two
#: fonts) stay under 10 MB per process.
GLYPHS_KEPT = 20_000


@functools.lru_cache(maxsize=GLYPHS_KEPT)
def _glyph(path: str, char: str) -> tuple[Any, ...]:
    font = _load(path, 24)
    if font is None:
        return ()
    try:
        mask, offset = font.getmask2(char, mode="L")
    except (OSError, ValueError):
        return ()
    return (mask.size, offset, bytes(mask))


@functools.lru_cache(maxsize=GLYPHS_KEPT)
def has_char(path: str, char: str) -> bool:
    """Whether the font at ``path`` has ``char`` (its glyph is not the missing glyph's)."""
    if char.isspace():
        return True
    glyph = _glyph(path, char)
    return bool(glyph) and glyph != _notdef(path)


def choose_font(text: str, files: Sequence[FontFile]) -> tuple[FontFile | None, str]:
    """The first font that has every character of ``text``, else the one that has most;
    and ``text`` without the characters it lacks."""
    chars = set(text)
    best, best_count = None, -1
    for file in files:
        count = sum(1 for c in chars if has_char(file.path, c))
        if count == len(chars):
            return file, text
        if count > best_count:
            best, best_count = file, count
    if best is None:
        return None, "".join(c for c in text if ord(c) < 0x250)
    kept = "".join(c for c in text if has_char(best.path, c))
    return best, re.sub(r"\s+", " ", kept).strip()


# Text -------------------------------------------------------------------------------


def clean(text: str) -> str:
    """``text`` as one line a card can show: no control, format or private characters,
    spaces collapsed, at most :data:`MAX_CHARS` characters."""
    text = "".join(c if not unicodedata.category(c).startswith(("C", "Z")) else " " for c in text[: MAX_CHARS * 2])
    return re.sub(r" +", " ", text).strip()[:MAX_CHARS]


#: A CJK character is a word of its own (lines may break between any two).
_WORDS = re.compile(
    r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+|\s+"
)


def is_rtl(text: str) -> bool:
    """Whether the first letter with a direction is right-to-left (Arabic, Hebrew)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap(text: str, measure: Any, width: float, lines: int) -> tuple[list[str], bool]:
    """``text`` in at most ``lines`` lines no wider than ``width`` (``measure`` gives a
    string's width; a line's is the sum of its words' and spaces'); a word wider than a
    line is broken. Returns the lines and whether all of the text fits (else the last
    line ends with an ellipsis)."""
    words = _WORDS.findall(text)
    result: list[str] = []
    current, used, spaces = "", 0.0, 0.0  # the line, its width without the spaces after it
    index = 0
    while index < len(words) and len(result) < lines:
        word = words[index]
        if word.isspace():
            if current:
                current += word
                spaces += measure(word)
            index += 1
            continue
        size = measure(word)
        if used + spaces + size <= width:
            current, used, spaces = current + word, used + spaces + size, 0.0
            index += 1
        elif current:  # the line is full
            result.append(current.rstrip())
            current, used, spaces = "", 0.0, 0.0
        else:  # one word wider than a line: as many of its characters as fit
            cut = max(1, _fit(word, measure, width))
            result.append(word[:cut])
            words[index] = word[cut:]
    if current and len(result) < lines:
        result.append(current.rstrip())
        current = ""
    fits = not current and not any(w.strip() for w in words[index:])
    if not fits and result:
        result[-1] = _ellipsize(result[-1], measure, width)
    return result, fits


def _fit(text: str, measure: Any, width: float) -> int:
    """How many of ``text``'s first characters fit in ``width`` (binary search)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _ellipsize(line: str, measure: Any, width: float) -> str:
    """``line`` shortened (at a space when one is near) so that an ellipsis fits after it."""
    if measure(line + ELLIPSIS) <= width:
        return line + ELLIPSIS
    cut = _fit(line, measure, width - measure(ELLIPSIS))
    head = line[:cut]
    space = head.rfind(" ")
    if space > cut * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:.-–—") + ELLIPSIS


# Drawing ----------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@functools.cache
def _palette(colours: tuple[str, str, str], logo: tuple[int, ...]) -> list[int]:
    background, foreground, accent = (_rgb(c) for c in colours)
    palette: list[int] = []
    for index in range(RAMP):
        palette += [round(b + (f - b) * index / FOREGROUND) for b, f in zip(background, foreground, strict=True)]
    palette += accent
    palette += logo
    return palette


@functools.cache
def logo_image(
    path: str, digest: str, background: str, height: int = LOGO_HEIGHT
) -> tuple[PILImage.Image, list[int]] | None:
    """The logo on the card's background, at ``height``, as palette indices from
    :data:`LOGO` (an ``L`` image) and its palette; None when it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as source:
            source.load()
            image = source.convert("RGBA")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    if image.width == 0 or image.height == 0:
        return None
    width = max(1, min(4 * height, round(image.width * height / image.height)))
    image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    flat = Image.new("RGB", image.size, _rgb(background))
    flat.paste(image, mask=image.getchannel("A"))
    quantized = flat.quantize(colors=LOGO_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette = (quantized.getpalette() or [])[: 3 * LOGO_COLOURS]
    indices = quantized.point(lambda index: index + LOGO)
    return Image.frombytes("L", indices.size, indices.tobytes()), palette


def _banner(path: str, width: int, height: int) -> PILImage.Image | None:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as source:
            source.draft("RGB", (width, height))
            image = source.convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    if image.width == 0 or image.height == 0:
        return None
    return ImageOps.fit(image, (width, height), Image.Resampling.BICUBIC)


_WIDTHS: dict[Any, dict[str, float]] = {}
#: Words' widths and kerning pairs remembered per font, at most (then forgotten).
MAX_MEASURES = 65536


def _measure(font: Any) -> Any:
    """``font.getlength``, remembering each word's width (titles share their words)."""
    widths = _WIDTHS.setdefault(font, {})

    def measure(text: str) -> float:
        width = widths.get(text)
        if width is None:
            if len(widths) >= MAX_MEASURES:
                widths.clear()
            width = widths[text] = font.getlength(text)
        return width

    return measure


def _font(files: Sequence[FontFile], text: str, size: int) -> tuple[Any, str]:
    """The font for ``text`` at ``size`` and the text it can draw."""
    file, kept = choose_font(text, files)
    font = _load(file.path, size) if file is not None else None
    return (font if font is not None else _default_font(size)), kept


_GLYPHS: dict[Any, dict[str, tuple[Any, tuple[int, int], float]]] = {}
MAX_GLYPHS = 4096
_KERNING: dict[Any, dict[str, float]] = {}


def _simple(text: str) -> bool:
    """Whether ``text`` is drawn glyph by glyph: Latin, Greek, Cyrillic, CJK and Hangul
    letters need no shaping (no right-to-left text, no combining marks)."""
    for char in text:
        code = ord(char)
        if not (code < 0x0300 or 0x0370 <= code < 0x0530 or 0x3000 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0):
            return False
    return True


def _draw_glyphs(draw: Any, font: Any, x: float, y: float, text: str, fill: int) -> None:
    """``text`` drawn glyph by glyph, each glyph rendered once per font and process
    (Pillow renders every glyph of every text again): advances and kerning pairs from
    the font's own measures, so the line is as wide as Pillow's."""
    glyphs = _GLYPHS.setdefault(font, {})
    kerning = _KERNING.setdefault(font, {})
    previous, previous_advance = "", 0.0
    left, top = int(x), int(y)
    pen = x - left
    for char in text:
        glyph = glyphs.get(char)
        if glyph is None:
            if len(glyphs) >= MAX_GLYPHS:  # a site in Chinese: thousands of characters
                glyphs.clear()
            mask, offset = font.getmask2(char, mode="L")
            glyph = glyphs[char] = (mask, offset, font.getlength(char))
        if previous:
            pair = previous + char
            kern = kerning.get(pair)
            if kern is None:
                if len(kerning) >= MAX_MEASURES:
                    kerning.clear()
                kern = kerning[pair] = font.getlength(pair) - previous_advance - glyph[2]
            pen += kern
        mask, (dx, dy), advance = glyph
        if mask.size[0] and mask.size[1]:
            draw.draw.draw_bitmap((left + round(pen) + dx, top + dy), mask, fill)
        pen += advance
        previous, previous_advance = char, advance


def render(spec: CardSpec) -> tuple[bytes, list[str]]:
    """The card's PNG bytes, and a message for each image it could not draw."""
    from PIL import Image, ImageDraw, ImageFont

    messages: list[str] = []
    # one column more on the left: each row's PNG filter byte (0), so that the image's
    # bytes are the PNG's rows as they are; everything is drawn one pixel to the right
    canvas = Image.new("L", (WIDTH + 1, HEIGHT), 0)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((1, 0, BAR, HEIGHT - 1), fill=ACCENT)
    banner = None
    if spec.banner is not None:
        banner = _banner(spec.banner[0], BANNER_WIDTH, HEIGHT)
        if banner is None:
            messages.append(f"banner {spec.banner[0]!r} cannot be read")
    right = 1 + WIDTH - MARGIN - (BANNER_WIDTH - MARGIN // 2 if banner is not None else 0)
    left = 1 + MARGIN
    width = right - left
    raqm = layout_engine_name() == "raqm"

    def line(
        text: str, font: Any, y: float, fill: int, x: float = left, area: float = width, rtl: bool = False
    ) -> None:
        """One line of text, aligned right when its paragraph is right-to-left."""
        x = x + area - font.getlength(text) if rtl else x
        if not rtl and isinstance(font, ImageFont.FreeTypeFont) and _simple(text):
            _draw_glyphs(draw, font, x, y, text, fill)
        else:
            draw.text((x, y), text, font=font, fill=fill, direction="rtl" if rtl and raqm else None)

    # the site's logo and name
    logo_palette: list[int] = []
    x = left
    if spec.logo is not None:
        logo = logo_image(spec.logo[0], spec.logo[1], spec.colours[0], LOGO_HEIGHT)
        if logo is None:
            messages.append(f"logo {spec.logo[0]!r} cannot be read")
        else:
            image, logo_palette = logo
            canvas.paste(image, (x, TOP + (LOGO_HEIGHT - image.height) // 2))
            x += image.width + 20
    site = clean(spec.site_name)
    if site:
        font, site = _font(spec.fonts.title, site, SITE_SIZE)
        lines, _ = wrap(site, _measure(font), right - x, 1)
        if lines:
            line(lines[0], font, TOP + (LOGO_HEIGHT - SITE_SIZE * 1.2) / 2, MUTED, x, right - x, is_rtl(site))
    # the title and the subtitle
    y = float(TITLE_TOP)
    title = clean(spec.title)
    if title:
        for size, count in TITLE_SIZES:
            font, text = _font(spec.fonts.title, title, size)
            lines, fits = wrap(text, _measure(font), width, count)
            if fits:
                break
        height, rtl = round(size * 1.2), is_rtl(title)
        for text in lines:
            line(text, font, y, FOREGROUND, rtl=rtl)
            y += height
        y += 22
    subtitle = clean(spec.subtitle)
    if subtitle:
        font, text = _font(spec.fonts.text, subtitle, SUBTITLE_SIZE)
        lines, _ = wrap(text, _measure(font), width, SUBTITLE_LINES)
        rtl = is_rtl(subtitle)
        for text in lines:
            line(text, font, y, MUTED, rtl=rtl)
            y += round(SUBTITLE_SIZE * 1.3)
    # the site's address after an accent rule, at the foot
    bottom = HEIGHT - TOP - HOST_SIZE
    rule = round(bottom + HOST_SIZE * 0.62)
    draw.rectangle((left, rule - 3, left + 47, rule + 2), fill=ACCENT)
    host = clean(spec.host)
    if host:
        font, text = _font(spec.fonts.text, host, HOST_SIZE)
        lines, _ = wrap(text, _measure(font), width - 68, 1)
        if lines:
            line(lines[0], font, bottom, MUTED, left + 68)
    palette = _palette(spec.colours, tuple(logo_palette))
    if banner is None:
        return palette_png(canvas.tobytes(), WIDTH, HEIGHT, palette), messages
    card = canvas.crop((1, 0, WIDTH + 1, HEIGHT)).convert("P")
    card.putpalette(palette)
    card = card.convert("RGB")
    card.paste(banner, (WIDTH - BANNER_WIDTH, 0))
    out = io.BytesIO()
    card.save(out, "PNG", compress_level=6)
    return out.getvalue(), messages


# PNG --------------------------------------------------------------------------------

#: Compressed runs of rows, by their bytes: most rows of a card are the same on every
#: card (the margins, the site's name, the foot), and are compressed once per process.
#: A run is kept once it was seen twice (a title's rows, seen once, pass through
#: :data:`_SEEN` and are forgotten), so that the memory stays small.
_KEPT: dict[bytes, tuple[bytes, int]] = {}
_SEEN: dict[bytes, tuple[bytes, int]] = {}
_KEPT_MAX, _SEEN_MAX = 64, 16


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _deflate(rows: bytes) -> tuple[bytes, int]:
    """``rows`` as raw deflate blocks ending on a byte boundary (not the last block), so
    that such pieces joined make one deflate stream; and the Adler-32 of ``rows``."""
    found = _KEPT.get(rows)
    if found is not None:
        return found
    found = _SEEN.pop(rows, None)
    if found is not None:  # the second time: kept
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[rows] = found
        return found
    packer = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    found = (packer.compress(rows) + packer.flush(zlib.Z_FULL_FLUSH), zlib.adler32(rows))
    if len(_SEEN) >= _SEEN_MAX:
        _SEEN.clear()
    _SEEN[rows] = found
    return found


def adler32_combine(first: int, second: int, length: int) -> int:
    """The Adler-32 of two pieces joined, from theirs and the second's length (zlib's
    ``adler32_combine``, which Python's zlib module does not offer)."""
    base = 65521
    remainder = length % base
    low = (first & 0xFFFF) + (second & 0xFFFF) + base - 1
    high = (remainder * (first & 0xFFFF)) % base + (first >> 16) + (second >> 16) + base - remainder
    return (low % base) | ((high % base) << 16)


def palette_png(scanlines: bytes, width: int, height: int, palette: Sequence[int]) -> bytes:
    """An 8-bit palette PNG of ``scanlines`` (each row a filter byte, 0, then one index
    per pixel), with no chunk but IHDR, PLTE, IDAT and IEND. Rows are compressed in runs
    that are either the same row repeated or rows that differ, each run looked up in
    :data:`_KEPT` first: drawing a thousand cards compresses their common rows once."""
    stride = width + 1
    rows = [scanlines[y * stride : (y + 1) * stride] for y in range(height)]
    parts, checksum, y = [], 1, 0
    while y < height:
        end = y + 1
        if end < height and rows[end] == rows[y]:  # the same row repeated
            while end < height and rows[end] == rows[y]:
                end += 1
        else:  # rows that differ, up to the next repeated one
            while end < height and not (end + 1 < height and rows[end + 1] == rows[end]):
                end += 1
        data, adler = _deflate(scanlines[y * stride : end * stride])
        parts.append(data)
        checksum = adler32_combine(checksum, adler, (end - y) * stride)
        y = end
    stream = b"\x78\x9c" + b"".join(parts) + b"\x03\x00" + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    colours = bytes(palette[: 3 * 256])
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", colours)
        + _chunk(b"IDAT", stream)
        + _chunk(b"IEND", b"")
    )
