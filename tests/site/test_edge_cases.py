"""Edge cases found in review: each one a real build, incremental where it matters."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.cmd.build import build_main

from conftest import DEFAULT_CONF, DEFAULT_INDEX, SiteFactory, article, html_pages, write_tree

CONF = 'outcrop_now = "2025-01-01"\nhtml_theme = "basic"\n'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>'


def build(src: Path, out: Path, *extra: str) -> int:
    return build_main(["-q", "-b", "html", str(src), str(out), *extra])


def same_as_clean(src: Path, out: Path, tmp_path: Path) -> None:
    clean_src = tmp_path / "clean-src"
    shutil.rmtree(clean_src, ignore_errors=True)
    shutil.copytree(src, clean_src)
    assert build(clean_src, tmp_path / "clean-out") == 0
    assert html_pages(out) == html_pages(tmp_path / "clean-out")


def test_myst_line_numbers_match_the_file(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "articles/2024-01-01-one-key.md": "---\ntitle: T\n---\n{unknownrole}`x`\n",
            "articles/2024-01-02-three.md": "---\ntitle: T\ntags: [a]\ndate: 2024-01-02\n---\n\n\n{unknownrole}`x`\n",
        }
    )
    found = sorted(
        re.findall(r"(\d{4}-\d\d-\d\d-[\w-]+)\.md:(\d+): (?:WARNING|ERROR): Unknown interpreted", site.warnings)
    )
    assert found == [("2024-01-01-one-key", "4"), ("2024-01-02-three", "8")], site.warnings


def test_unicode_line_separators_in_front_matter_lose_no_body_line(make_site: SiteFactory) -> None:
    site = make_site({"articles/2024-01-01-u.md": '---\ntitle: "a\u2028b\u000cc"\n---\nFirst body line.\n\nSecond.\n'})
    text = site.soup("articles/2024-01-01-u").get_text()
    assert "First body line." in text and "Second." in text


def test_front_matter_reaches_sphinx_metadata(make_site: SiteFactory) -> None:
    """Keys outcrop does not read (a theme's, another extension's) reach Sphinx's
    metadata as written; outcrop's own keys are in the article model and do not, so
    that a Jekyll key a theme also reads (``layout``) cannot change the page."""
    front = "title: Real\nsubtitle: Sub\ntags: [a, b]\nlayout: post\ncustom_key: 1\nnocomments: true"
    site = make_site({"articles/2024-01-01-m.md": article(front)}, conf='outcrop_extra_keys = ["custom_key"]\n')
    metadata = site.app.env.metadata["articles/2024-01-01-m"]
    assert metadata["title"] == "Real"
    assert metadata["custom_key"] == "1" and "nocomments" in metadata  # MyST keeps scalars as text
    assert "orphan" in metadata
    assert not {"subtitle", "tags", "layout"} & set(metadata)


def test_hostile_banner_paths_never_crash(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "articles/2024-01-01-nul.md": article('title: A\nexcerpt_image: "/a\\0b.png"'),
            "articles/2024-01-02-long.md": article("title: B\nexcerpt_image: " + "x" * 300 + ".png"),
            "articles/2024-01-03-ok.md": article("title: C"),
        }
    )
    kinds = sorted((Path(w["path"]).name, w["type"]) for w in site.outcrop_warnings())
    assert kinds == [("2024-01-01-nul.md", "outcrop.image"), ("2024-01-02-long.md", "outcrop.image")]
    assert (site.outdir / "articles" / "2024-01-03-ok.html").exists()


def test_banner_added_later_is_picked_up(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    files = {
        "conf.py": DEFAULT_CONF + CONF,
        "index.md": "# Home\n\n```{outcrop-latest}\n```\n",
        "articles/2024-01-01-a.md": article("title: A\ntags: [t]\nexcerpt_image: /images/new.svg"),
    }
    write_tree(src, files)
    assert build(src, out) == 0
    write_tree(src, {"images/new.svg": SVG})
    assert build(src, out) == 0
    assert (out / "_images" / "new.svg").exists()
    same_as_clean(src, out, tmp_path)


def test_template_change_rewrites_generated_pages(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    layout = '{%% extends "!layout.html" %%}{%% block footer %%}<p class="mark">%s</p>{%% endblock %%}'
    write_tree(
        src,
        {
            "conf.py": DEFAULT_CONF + CONF + 'templates_path = ["_templates"]\n',
            "index.md": DEFAULT_INDEX,
            "_templates/layout.html": layout % "ONE",
            "articles/2024-01-01-a.md": article("title: A\ntags: [t]"),
        },
    )
    assert build(src, out) == 0
    write_tree(src, {"_templates/layout.html": layout % "TWO"})
    assert build(src, out) == 0
    assert "TWO" in (out / "tags" / "t.html").read_text(encoding="utf-8")
    same_as_clean(src, out, tmp_path)


def test_config_change_of_header_options(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    write_tree(
        src,
        {"conf.py": DEFAULT_CONF + CONF, "index.md": DEFAULT_INDEX, "articles/2024-01-09-a.md": article("title: A")},
    )
    assert build(src, out) == 0
    write_tree(
        src, {"conf.py": DEFAULT_CONF + CONF + 'outcrop_date_format = "%Y-%m-%d"\noutcrop_words_per_minute = 1\n'}
    )
    assert build(src, out) == 0
    html = (out / "articles" / "2024-01-09-a.html").read_text(encoding="utf-8")
    assert ">2024-01-09</time>" in html and "3 min read" in html  # "Section Some text." at 1 wpm
    same_as_clean(src, out, tmp_path)


def test_building_named_files_then_all_stays_consistent(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    files = {"conf.py": DEFAULT_CONF + CONF, "index.md": "# Home\n\n```{outcrop-latest}\n```\n"}
    for i in range(4):
        files[f"articles/2024-01-0{i + 1}-a{i}.md"] = article(f"title: A{i}\ntags: [t]")
    write_tree(src, files)
    assert build(src, out) == 0
    write_tree(src, {"articles/2024-01-02-a1.md": article("title: Renamed\ntags: [t]")})
    assert build(src, out, str(src / "articles/2024-01-02-a1.md")) == 0
    assert build(src, out) == 0
    same_as_clean(src, out, tmp_path)


def test_future_articles_are_not_searchable_until_their_day(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    write_tree(
        src,
        {
            "conf.py": DEFAULT_CONF + CONF,
            "index.md": DEFAULT_INDEX,
            "articles/2030-01-01-f.md": article("title: Future\n", "## S\n\nZyxwvut appears here.\n"),
        },
    )
    assert build(src, out) == 0
    assert "zyxwvut" not in (out / "searchindex.js").read_text(encoding="utf-8").lower()
    write_tree(src, {"conf.py": DEFAULT_CONF + CONF.replace("2025-01-01", "2031-01-01")})
    assert build(src, out) == 0
    assert "zyxwvut" in (out / "searchindex.js").read_text(encoding="utf-8").lower()


def test_pagination_shrink_leaves_no_empty_folders(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    files = {"conf.py": DEFAULT_CONF + CONF + "outcrop_page_size = 2\n", "index.md": DEFAULT_INDEX}
    for i in range(5):
        files[f"articles/2024-01-0{i + 1}-a{i}.md"] = article(f"title: A{i}\ntags: [t]")
    write_tree(src, files)
    assert build(src, out) == 0
    assert (out / "tags" / "t" / "3.html").exists()
    for i in range(3):
        (src / f"articles/2024-01-0{i + 1}-a{i}.md").unlink()
    assert build(src, out) == 0
    assert not (out / "tags" / "t").exists()
    same_as_clean(src, out, tmp_path)


def test_document_named_like_a_generated_page_wins_with_a_warning(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "tags/index.md": "---\norphan: true\n---\n# My own tags page\n",
            "articles/2024-01-01-a.md": article("title: A\ntags: [t]"),
        }
    )
    assert "My own tags page" in site.html("tags/index")
    assert any(w["type"] == "outcrop.taxonomy" and "tags/index" in w["msg"] for w in site.outcrop_warnings())
