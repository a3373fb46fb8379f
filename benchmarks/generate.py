"""Generate a deterministic corpus of articles for the benchmark.

    python benchmarks/generate.py OUT --articles N [--seed S] [--mode outcrop|plain]

Writes ``OUT/conf.py``, ``OUT/index.md`` and ``OUT/articles/YYYY-MM-DD-slug.md``. The
article files depend only on ``--articles`` and ``--seed``: both modes write them byte
for byte the same; only ``conf.py`` and ``index.md`` differ. Every article has its own
title (up to ``MAX_ARTICLES``, 27,720), and the first N articles of a larger corpus are
the corpus of N articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

N_TAGS = 150
ZIPF_S = 1.0
BODY_WORDS = 680


def _words(text: str) -> list[str]:
    return text.split()


CATEGORIES = [
    "Field Geology",
    "Volcanology",
    "Seismology",
    "Mineralogy",
    "Palaeontology",
    "Hydrogeology",
    "Geochemistry",
    "Geophysics",
    "Natural Hazards",
    "Resources",
    "Climate",
    "Teaching",
]

ADJECTIVES = _words(
    "ancient basaltic coastal deep faulted folded glacial granitic high hidden igneous layered "
    "metamorphic molten oceanic porous quiet restless sedimentary shallow slow steep tectonic "
    "volcanic weathered young alpine arid buried crustal dense fractured karst"
)
NOUNS = _words(
    "aquifer basin batholith boulder caldera canyon crust delta dyke earthquake erosion fault "
    "fossil geyser glacier granite gravel island lava limestone magma mantle moraine mountain "
    "outcrop plate quartz reef ridge river sandstone schist shale slope stratum terrace trench "
    "tsunami valley vein volcano zircon"
)
VERBS = _words(
    "shapes records reveals buries erodes lifts folds cuts feeds drains preserves hides exposes "
    "cools cracks tilts carries deposits dates marks"
)
PLACES = _words(
    "Iceland Cumbria Hawaii Patagonia Tohoku Etna Anatolia Norway Yukon Atacama Pyrenees Dolomites "
    "Kamchatka Namibia Tasmania Skye Cascadia Lofoten Azores Andes"
)
PEOPLE = ["Mary Anning", "Charles Lyell", "James Hutton", "Marie Tharp", "Alfred Wegener", "Inge Lehmann"]
PEOPLE += ["William Smith", "Florence Bascom"]
OFFSETS = ["+0000", "+0100", "+0200", "-0500", "+0900", "+0530"]
CONNECTORS = ["However,", "In practice,", "Over time,", "As a result,", "Seen from above,", "In the field,"]


def make_tags(rng: random.Random) -> list[str]:
    """150 distinct tag names, in Zipf rank order (the first is the most frequent)."""
    pairs = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
    rng.shuffle(pairs)
    singles = sorted(NOUNS)
    rng.shuffle(singles)
    return (singles[:30] + pairs)[:N_TAGS]


def pick_tags(rng: random.Random, tags: list[str], weights: list[float]) -> list[str]:
    count = rng.randint(2, 6)
    chosen: list[str] = []
    while len(chosen) < count:
        tag = rng.choices(tags, weights)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def sentence(rng: random.Random) -> str:
    words = [
        rng.choice(["The", "A", "Every", "This"]),
        rng.choice(ADJECTIVES),
        rng.choice(NOUNS),
        rng.choice(VERBS),
        "the",
        rng.choice(ADJECTIVES),
        rng.choice(NOUNS),
        rng.choice(["of", "near", "under", "beside", "across"]),
        rng.choice(PLACES),
    ]
    for _ in range(rng.randint(0, 8)):
        words.append(rng.choice(["and", "while", "where"]) if rng.random() < 0.2 else rng.choice(NOUNS + ADJECTIVES))
    if rng.random() < 0.2:
        words.insert(0, rng.choice(CONNECTORS))
        words[1] = words[1].lower()
    return " ".join(words) + "."


def paragraph(rng: random.Random, words: int) -> tuple[str, int]:
    sentences: list[str] = []
    count = 0
    while count < words:
        text = sentence(rng)
        sentences.append(text)
        count += len(text.split())
    return " ".join(sentences), count


def with_link(text: str, rng: random.Random, number: int) -> str:
    """Turn the first "the <noun>" of ``text`` into a Markdown link."""
    match = re.search(r"the (\w+ \w+)", text)
    if not match:
        return text
    url = f"https://example.org/notes/{number}-{rng.randint(1, 999)}"
    return text[: match.start(1)] + f"[{match.group(1)}]({url})" + text[match.end(1) :]


def table(rng: random.Random) -> str:
    rows = ["| Sample | Rock | Age (Ma) |", "|---|---|---|"]
    for i in range(rng.randint(3, 6)):
        rows.append(f"| S{i + 1} | {rng.choice(NOUNS)} | {rng.randint(1, 3000)} |")
    return "\n".join(rows)


def blockquote(rng: random.Random) -> str:
    text, _ = paragraph(rng, 25)
    return f"> {text}\n>\n> – {rng.choice(PEOPLE)}"


def body(rng: random.Random, number: int) -> str:
    sections = rng.randint(3, 5)
    per_section = BODY_WORDS // sections
    table_at, quote_at = rng.randrange(sections), rng.randrange(sections)
    link_at = rng.sample(range(sections), 2)
    parts: list[str] = []
    for index in range(sections):
        title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}s"
        parts.append(f"## {title}")
        written = 0
        first = True
        while written < per_section - 10:
            text, count = paragraph(rng, min(rng.randint(50, 110), per_section - written))
            if first and index in link_at:
                text = with_link(text, rng, number)
            first = False
            parts.append(text)
            written += count
        if index == table_at:
            parts.append(table(rng))
        if index == quote_at:
            parts.append(blockquote(rng))
    return "\n\n".join(parts) + "\n"


#: How many distinct titles "The Adjective Noun of Place" there are: the largest corpus.
MAX_ARTICLES = len(ADJECTIVES) * len(NOUNS) * len(PLACES)


def article(
    rng: random.Random, number: int, tags: list[str], weights: list[float], titles: set[str]
) -> tuple[str, str]:
    """(file name, text) of article ``number``. Its title is not in ``titles`` (the titles
    taken so far, which it joins): a title already taken is drawn again, so every title is
    unique, as on a real site (outcrop warns about two articles with the same title)."""
    start = dt.datetime(2019, 1, 1)
    when = start + dt.timedelta(
        days=rng.randrange(7 * 365 - 1), hours=rng.randint(6, 22), minutes=5 * rng.randrange(12)
    )
    while True:
        adjective, noun, place = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(PLACES)
        title = f"The {adjective.capitalize()} {noun.capitalize()} of {place}"
        if title not in titles:
            titles.add(title)
            break
    slug = f"{adjective}-{noun}-of-{place.lower()}-{number}"
    subtitle = sentence(rng)
    categories = rng.sample(CATEGORIES, 2 if rng.random() < 0.3 else 1)
    article_tags = pick_tags(rng, tags, weights)
    front = [
        "---",
        f'title: "{title}"',
        f'subtitle: "{subtitle}"',
        f"date: {when:%Y-%m-%d %H:%M:%S} {rng.choice(OFFSETS)}",
        f"categories: [{', '.join(categories)}]",
        f"tags: [{', '.join(article_tags)}]",
        f"excerpt_image: https://example.org/img/{number}.png",
        f'excerpt_image_alt: "Illustration of a {adjective} {noun} in {place}"',
        "---",
        "",
    ]
    return f"{when:%Y-%m-%d}-{slug}.md", "\n".join(front) + body(rng, number)


# Both modes use alabaster, Sphinx's default theme. By default its sidebar shows hidden
# toctrees too, so in plain mode every page resolves the whole N-article toctree: O(N^2),
# 170 s instead of 18 s for a plain build at N = 300, which would swamp everything else.
# The writer hid that toctree; ``sidebar_includehidden = False`` keeps it out of the sidebar.
CONF = {
    "outcrop": """\
project = "Benchmark"
html_baseurl = "https://bench.example.org/"  # feeds, sitemap and cards, as a real site
extensions = ["outcrop"]
html_theme = "alabaster"
html_theme_options = {"sidebar_includehidden": False}
outcrop_now = "2026-01-01"
# The corpus's banners are on example.org, which a benchmark machine cannot (and should
# not) reach: linked as written, as before outcrop served remote images from the site.
outcrop_remote_images = "link"
""",
    "plain": """\
project = "Benchmark"
html_baseurl = "https://bench.example.org/"
extensions = ["myst_parser"]
myst_enable_extensions = [
    "colon_fence", "deflist", "dollarmath", "tasklist", "attrs_inline", "attrs_block", "substitution"
]
suppress_warnings = ["myst.header"]
latex_engine = "xelatex"  # as outcrop's edition (the pdf scenario)
html_theme = "alabaster"
html_theme_options = {"sidebar_includehidden": False}
""",
}
INDEX = {
    "outcrop": "# Benchmark\n\n```{toctree}\n:hidden:\n```\n\n## Latest articles\n\n```{outcrop-latest}\n```\n",
    "plain": "# Benchmark\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n",
}


def write_corpus(out: Path, articles: int, seed: int = 1, mode: str = "outcrop") -> list[Path]:
    """Write the corpus into ``out`` (created if needed); return the article paths."""
    if not 0 <= articles <= MAX_ARTICLES:
        raise ValueError(f"between 0 and {MAX_ARTICLES} articles (distinct titles), not {articles}")
    rng = random.Random(seed)
    tags = make_tags(rng)
    titles: set[str] = set()
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(tags) + 1)]
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "conf.py").write_text(CONF[mode], encoding="utf-8")
    (out / "index.md").write_text(INDEX[mode], encoding="utf-8")
    paths = []
    for number in range(1, articles + 1):
        name, text = article(rng, number, tags, weights, titles)
        path = out / "articles" / name
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mode", choices=sorted(CONF), default="outcrop")
    args = parser.parse_args(argv)
    if not 0 <= args.articles <= MAX_ARTICLES:
        parser.error(f"--articles: between 0 and {MAX_ARTICLES} (the number of distinct titles)")
    paths = write_corpus(args.out, args.articles, args.seed, args.mode)
    print(f"wrote {len(paths)} articles to {args.out / 'articles'} ({args.mode} mode)")


if __name__ == "__main__":
    main()
