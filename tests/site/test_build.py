"""Build real sites and check the article pages, the warnings and every output format."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.cmd.build import build_main

from conftest import DEFAULT_CONF, DEFAULT_INDEX, SiteFactory, article, write_tree

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>'


def test_header_of_a_full_article(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "articles/2024-05-02-maps.md": article(
                """
title: How to read a geological map
subtitle: Colours, symbols and the rule of V's.
date: 2024-05-02 09:30:00 +0100
categories: [Field Geology]
tags: [maps, stratigraphy]
excerpt_image: img/map.svg
excerpt_image_alt: A coloured geological map
author: Galena
""",
                "## Legend\n\n" + "word " * 700 + "\n",
            ),
            "articles/img/map.svg": SVG,
        },
        conf='outcrop_timezone = "Europe/Madrid"\n',
    )
    soup = site.soup("articles/2024-05-02-maps")
    assert len(soup.select("h1")) == 1
    header = soup.select_one("h1 + div.outcrop-header")
    assert header is not None, "the header follows the title"
    assert header.select_one(".outcrop-subtitle").get_text() == "Colours, symbols and the rule of V’s."
    time = header.select_one("time.outcrop-date")
    assert (time["datetime"], time.get_text()) == ("2024-05-02T10:30:00+02:00", "May 2, 2024")
    assert header.select_one(".outcrop-reading-time").get_text() == "3 min read"
    assert header.select_one(".outcrop-author").get_text() == "Galena"
    assert [b.get_text() for b in header.select(".outcrop-category")] == ["Field Geology"]
    assert [b.get_text() for b in header.select(".outcrop-tag")] == ["maps", "stratigraphy"]
    banner = header.select_one("img.outcrop-banner")
    assert banner["alt"] == "A coloured geological map"
    assert banner["src"] == "../_images/map.svg"
    assert (site.outdir / "_images" / "map.svg").exists()
    assert soup.title.get_text().startswith("How to read a geological map")
    assert site.outcrop_warnings() == []
    assert "outcrop.css" in site.html("articles/2024-05-02-maps")
    assert (site.outdir / "_static" / "outcrop.css").exists()


def test_hostile_front_matter_is_escaped(make_site: SiteFactory) -> None:
    hostile = "<script>alert(1)</script>"
    site = make_site(
        {
            "articles/2024-01-01-x.md": article(
                f"""
title: "{hostile} & <b>bold</b>"
subtitle: "<img src=x onerror=alert(1)>"
tags: ["{hostile}", "a&b"]
categories: ["<i>cat</i>"]
excerpt_image: img/x.svg
excerpt_image_alt: '"><script>alert(2)</script>'
"""
            ),
            "articles/img/x.svg": SVG,
        }
    )
    html = site.html("articles/2024-01-01-x")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html and "<i>cat</i>" not in html
    soup = site.soup("articles/2024-01-01-x")
    # The title's <b> is a style (a <strong> outcrop writes); <script> stays text.
    assert soup.select_one("h1").get_text().startswith(f"{hostile} & bold")
    assert soup.select_one("h1 strong").get_text() == "bold" and soup.select_one("h1 script") is None
    assert soup.select_one(".outcrop-tag").get_text() == hostile
    assert soup.select_one("img.outcrop-banner")["alt"] == '"><script>alert(2)</script>'
    index = (site.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    search = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert hostile in search, "the search index stores the title as data (JSON), escaped by the search page"


def test_warnings_are_located_and_the_rest_builds(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "articles/2024-01-01-good.md": article("title: Good one"),
            "articles/2024-01-02-typo.md": article("title: Typo\ntittle: x\ntags: {a: 1}"),
            "articles/2024-01-03-broken.md": "---\ntitle: [unclosed\n---\n\n## Body survives\n",
            "articles/2024-01-04-list.md": "---\n- a\n- b\n---\n\n## Body\n",
            "articles/2024-01-05-binary.md": b"\x00\x01\x02PNG\x00" * 20,
        }
    )
    warnings = {(Path(w["path"]).name, w["line"], w["type"]) for w in site.outcrop_warnings()}
    assert warnings == {
        ("2024-01-02-typo.md", "3", "outcrop.unknown_key"),
        ("2024-01-02-typo.md", "4", "outcrop.bad_value"),
        ("2024-01-03-broken.md", "2", "outcrop.front_matter"),
        ("2024-01-04-list.md", "2", "outcrop.front_matter"),
        ("2024-01-05-binary.md", "1", "outcrop.encoding"),
    }
    assert "did you mean 'title'?" in site.warnings
    for number, name in enumerate(["good", "typo", "broken", "list", "binary"], start=1):
        assert (site.outdir / "articles" / f"2024-01-0{number}-{name}.html").exists()
    assert site.soup("articles/2024-01-05-binary").select_one("h1").get_text().rstrip("¶") == "Binary"
    broken = site.soup("articles/2024-01-03-broken")
    assert broken.select_one("h1").get_text().rstrip("¶") == "Broken"
    assert "Body survives" in broken.get_text()


def test_dash_w_turns_a_warning_into_a_failure(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_tree(
        src,
        {
            "conf.py": DEFAULT_CONF,
            "index.md": DEFAULT_INDEX,
            "articles/2024-01-01-a.md": article("title: A\ntittle: B"),
        },
    )
    assert build_main(["-q", "-W", "-b", "html", str(src), str(tmp_path / "out")]) != 0
    write_tree(src, {"articles/2024-01-01-a.md": article("title: A")})
    assert build_main(["-q", "-W", "-E", "-b", "html", str(src), str(tmp_path / "out")]) == 0


def test_suppress_warnings_by_subtype(make_site: SiteFactory) -> None:
    site = make_site(
        {"articles/2024-01-01-a.md": article("title: A\ntittle: B")},
        conf='suppress_warnings = ["outcrop.unknown_key"]\n',
    )
    assert site.outcrop_warnings() == []


def test_non_articles_are_left_alone(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "about.md": "---\ntitle: About\nweird: 1\n---\n# About us\n\nText.\n",
            "index.md": DEFAULT_INDEX + "\n```{toctree}\nabout\n```\n",
        }
    )
    assert site.outcrop_warnings() == []
    soup = site.soup("about")
    assert soup.select_one("h1").get_text().rstrip("¶") == "About us"
    assert soup.select_one(".outcrop-header") is None


def test_layout_post_outside_the_article_folders(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "notes/2023-02-01-field-day.md": article("layout: post\nsubtitle: Out in the hills"),
            "index.md": DEFAULT_INDEX + "\n```{toctree}\nnotes/2023-02-01-field-day\n```\n",
        }
    )
    soup = site.soup("notes/2023-02-01-field-day")
    assert soup.select_one("h1").get_text().rstrip("¶") == "Field Day"
    assert soup.select_one(".outcrop-subtitle").get_text() == "Out in the hills"


def test_article_without_front_matter(make_site: SiteFactory) -> None:
    site = make_site({"articles/2022-07-09-bare-post.md": "## Only a section\n\nText.\n"})
    soup = site.soup("articles/2022-07-09-bare-post")
    assert soup.select_one("h1").get_text().rstrip("¶") == "Bare Post"
    assert soup.select_one("time")["datetime"] == "2022-07-09T00:00:00+00:00"
    assert site.outcrop_warnings() == []


def test_body_h1_nests_under_the_title_and_lines_stay_true(make_site: SiteFactory) -> None:
    body = "# A body heading\n\nText.\n\n## Deeper\n\n```{unknown-directive}\n```\n"
    site = make_site({"articles/2024-01-01-h.md": article("title: Real title\nsubtitle: s", body)})
    soup = site.soup("articles/2024-01-01-h")
    assert [h.get_text().rstrip("¶") for h in soup.select("h1")] == ["Real title"]
    assert [h.get_text().rstrip("¶") for h in soup.select("h2")] == ["A body heading"]
    assert [h.get_text().rstrip("¶") for h in soup.select("div.body h3")] == ["Deeper"]
    # MyST's own warning for the unknown directive points at its line in the file (12).
    assert re.search(r"2024-01-01-h\.md:12: (WARNING|ERROR): Unknown directive type", site.warnings), site.warnings


def test_passthrough_keys_reach_sphinx(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "articles/2024-01-01-o.md": article(
                "title: Orphan\norphan: true\nmyst:\n  substitutions:\n    rock: basalt", "## S\n\nA {{rock}} flow.\n"
            ),
            "index.md": "# Home\n",
        }
    )
    assert "isn't included in any toctree" not in site.warnings
    assert "A basalt flow." in site.soup("articles/2024-01-01-o").get_text()


def test_myst_extensions_writers_expect(make_site: SiteFactory) -> None:
    body = (
        "## S\n\nSee https://www.usgs.gov/ for more.\n\nTerm\n: Definition\n\n- [x] done\n- [ ] todo\n\n"
        "Energy $E = mc^2$.\n\n:::{note}\nA colon fence.\n:::\n\nA [span]{.special} here.\n"
    )
    site = make_site({"articles/2024-01-01-m.md": article("title: MyST", body)})
    soup = site.soup("articles/2024-01-01-m")
    assert soup.select_one('a[href="https://www.usgs.gov/"]') is not None
    assert soup.select_one("dl dt").get_text() == "Term"
    assert len(soup.select("input.task-list-item-checkbox")) == 2
    assert soup.select_one("span.math") is not None
    assert soup.select_one("div.admonition.note") is not None
    assert soup.select_one("span.special").get_text() == "span"


def test_invalid_config_falls_back_with_a_warning(make_site: SiteFactory) -> None:
    site = make_site(
        {"articles/2024-01-01-a.md": article("title: A\ndate: 2024-01-01 23:30:00 +0000")},
        conf='outcrop_timezone = "Mars/Olympus_Mons"\noutcrop_words_per_minute = -3\n',
    )
    assert "invalid value for outcrop_timezone" in site.warnings
    assert "invalid value for outcrop_words_per_minute" in site.warnings
    assert site.soup("articles/2024-01-01-a").select_one("time")["datetime"] == "2024-01-01T23:30:00+00:00"


def test_header_in_latex_and_text(make_site: SiteFactory) -> None:
    """The header in LaTeX (escaped, each tag a badge: catches a badge lost or unstyled,
    which a search for the tag's name misses, the PDF keywords naming it) and in text."""
    files = {
        "articles/2024-01-01-t.md": article(
            "title: Rare earths & 50% of $costs_\nsubtitle: Nd₂Fe₁₄B magnets\n"
            "tags: [C++, '#hash']\nexcerpt_image: img/x.svg"
        ),
        "articles/img/x.svg": SVG,
    }
    latex = make_site(files, buildername="latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"Rare earths \& 50\% of \$costs\_" in tex
    assert "Nd₂Fe₁₄B magnets" in tex  # xelatex: Unicode as it is
    # the tag badges themselves (the PDF keywords line names the tags too)
    assert r"\DUrole{outcrop-tag}{C++}" in tex
    assert r"\DUrole{outcrop-tag}{\#hash}" in tex
    assert r"\sphinxincludegraphics{{x}.pdf}" in tex  # converted by rsvg-convert
    text = make_site(files, buildername="text")
    out = (text.outdir / "articles" / "2024-01-01-t.txt").read_text(encoding="utf-8")
    assert "Nd₂Fe₁₄B magnets" in out and "min read" in out and "C++" in out


def test_local_banner_missing_or_escaping(make_site: SiteFactory, tmp_path: Path) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text(SVG, encoding="utf-8")
    src = tmp_path / "linked"
    (src / "articles" / "img").mkdir(parents=True)
    (src / "articles" / "img" / "link.svg").symlink_to(outside)
    site = make_site(
        {
            "articles/2024-01-01-missing.md": article("title: M\nexcerpt_image: img/nope.png"),
            "articles/2024-01-02-link.md": article("title: L\nsubtitle: s\nexcerpt_image: img/link.svg"),
        },
        srcdir=src,
    )
    found = sorted((Path(w["path"]).name, w["line"], w["type"], "outside" in w["msg"]) for w in site.outcrop_warnings())
    assert found == [
        ("2024-01-01-missing.md", "3", "outcrop.image", False),
        ("2024-01-02-link.md", "4", "outcrop.image", True),
    ]
    assert "image file not readable" not in site.warnings
    assert site.soup("articles/2024-01-02-link").select_one("img") is None
    assert not (site.outdir / "_images" / "link.svg").exists()


def test_config_entries_are_validated_one_by_one(make_site: SiteFactory) -> None:
    """One bad admonition of ``outcrop_category_admonitions`` costs that entry only; the
    warning points at the option's line of conf.py and does not contradict itself."""
    conf = (
        "outcrop_category_admonitions = {\n"
        '    "Geohazards": [{"kind": "nte", "body": "Kept, as a note."}, {"kind": "tip", "body": 3}],\n'
        '    "Field Work": {"kind": "caution", "body": "Kept as it is."},\n'
        '    "Geohazard": {"kind": "tip", "body": "A typo for the category."},\n'
        "}\n"
    )
    site = make_site({"articles/2024-01-01-a.md": article("title: A\ncategories: [Geohazards, Field Work]")}, conf=conf)
    config_lines = (Path(site.app.confdir) / "conf.py").read_text().splitlines()
    line = str(next(i for i, text in enumerate(config_lines, 1) if text.startswith("outcrop_category_admonitions")))
    found = [(Path(w["path"]).name, w["line"], w["msg"]) for w in site.outcrop_warnings()]
    assert found == [
        (
            "conf.py",
            line,
            "invalid entry in outcrop_category_admonitions['Geohazards'][1]: unknown kind 'nte' (known: note, "
            "tip, important, warning, danger, caution, attention, hint, error, seealso); shown as a note",
        ),
        (
            "conf.py",
            line,
            "invalid entry in outcrop_category_admonitions['Geohazards'][2]: body must be text (MyST); "
            "admonition ignored",
        ),
        (
            "conf.py",
            line,
            "outcrop_category_admonitions['Geohazard'] names no category of this site (did you mean "
            "'Geohazards'?); its admonitions are never shown",
        ),
    ]
    page = site.soup("articles/2024-01-01-a")
    texts = [a.get_text(" ", strip=True) for a in page.select(".outcrop-admonition")]
    assert any("Kept, as a note." in text for text in texts)
    assert any("Kept as it is." in text for text in texts)
    assert not any("typo" in text for text in texts)


def test_myst_configuration_is_not_printed(make_site: SiteFactory) -> None:
    site = make_site({"articles/2024-01-01-a.md": article("title: A")})
    status = site.app.status.getvalue()
    assert "build succeeded" in status
    assert "MdParserConfig" not in status and "myst v" not in status


def test_the_footer_is_shown_but_not_indexed_as_the_articles_words(make_site: SiteFactory) -> None:
    """The foot of an article shows its related articles' titles, but Sphinx's search index
    does not take them as words of the article: a search for one article's title finds that
    article, not every article whose footer links it."""
    site = make_site(
        {
            "articles/2024-05-01-zanzibar.md": article("title: Zanzibar coral limestone\ntags: [reef]"),
            "articles/2024-05-02-atoll.md": article("title: Atoll lagoons\ntags: [reef]"),
        }
    )
    soup = site.soup("articles/2024-05-02-atoll")
    assert [a.get_text() for a in soup.select(".outcrop-related a")] == ["Zanzibar coral limestone"]
    index = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    docnames = data["docnames"]

    def documents(table: str, word: str) -> list[str]:
        found = data[table].get(word, [])
        return [docnames[i] for i in ([found] if isinstance(found, int) else found)]

    assert documents("titleterms", "zanzibar") == ["articles/2024-05-01-zanzibar"]
    assert documents("terms", "zanzibar") == []  # not the atoll article's word
    assert documents("titleterms", "lagoon") == ["articles/2024-05-02-atoll"]
