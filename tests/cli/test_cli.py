"""The ``outcrop`` command: new, check (and --fix), import from Jekyll, schema.

Each subcommand runs in-process on real files; the results are built with Sphinx where
the claim is about the site (the check reports what the build reports; an imported
Jekyll folder builds with no Liquid or kramdown printed as text).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import NAME, REPO, WARNING_RE, SiteFactory, article, reference_text, write_tree
from outcrop.article.frontmatter import KNOWN_KEYS, json_schema, split_front_matter
from outcrop.cli.main import main

JEKYLL = REPO / "tests" / "data" / "jekyll"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- outcrop new -----------------------------------------------------------------


def test_new_writes_valid_front_matter_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], make_site: SiteFactory
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"docs/conf.py": 'extensions = ["outcrop"]\n'})
    title = 'Basalt: "columns" & <joints> #1'
    status, out, _ = run(
        capsys, "new", title, "--category", "Field Notes", "--tag", "basalt", "--tag", "a: b", "--date", "2026-11-27"
    )
    assert status == 0
    path = Path(out.strip())
    assert path == Path("docs/articles/2026-11-27-basalt-columns-and-joints-sharp-1.md")
    front, problems = split_front_matter(path.read_text(encoding="utf-8"))
    assert problems == []
    assert dict(front.data) == {
        "title": title,
        "date": __import__("datetime").date(2026, 11, 27),
        "categories": ["Field Notes"],
        "tags": ["basalt", "a: b"],
    }
    as_json = json.loads(json.dumps(yaml.safe_load(path.read_text().split("---")[1]), default=str))
    jsonschema.validate(as_json, json_schema())  # as an editor sees it: dates are text
    site = make_site({f"articles/{path.name}": path.read_text(encoding="utf-8")})
    assert site.outcrop_warnings() == []
    page = site.soup(f"articles/{path.stem}")
    assert page.find("h1").get_text().rstrip("¶") == title.replace('"columns"', "“columns”")  # smartquotes


def test_new_refuses_to_overwrite_and_marks_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "Same", "--draft", "--date", "2026-01-02", "--dir", "posts")[0] == 0
    path = tmp_path / "posts" / "2026-01-02-same.md"
    assert "draft: true" in path.read_text()
    path.write_text("---\ntitle: Mine\n---\nmy words\n")
    status, _, err = run(capsys, "new", "Same", "--date", "2026-01-02", "--dir", "posts")
    assert status == 1 and "exists" in err
    assert path.read_text() == "---\ntitle: Mine\n---\nmy words\n"
    assert run(capsys, "new", "Bad date", "--date", "2026-13-01")[0] == 2


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = main.__globals__["parser"]()._subparsers._group_actions[0].choices
    assert set(commands) == {"init", "new", "check", "build", "serve", "import", "schema", "pdf", "epub"}
    for command in commands:
        with pytest.raises(SystemExit) as stop:
            main([command, "--help"])
        assert stop.value.code == 0
        assert "usage: outcrop " + command in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["nonsense"])
    assert stop.value.code == 2


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = shutil.which("outcrop", path=str(Path(sys.executable).parent))
    assert script, "the outcrop console script is declared in pyproject.toml"
    result = subprocess.run([script, "schema"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "outcrop article front matter"


# -- finding the project -----------------------------------------------------------


def test_no_project_is_an_error_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["check"], ["new", "T"], ["build"], ["serve"], ["pdf"]):
        status, out, err = run(capsys, *command)
        assert (status, out) == (2, ""), command
        assert f"outcrop {command[0]}: no site here" in err and "outcrop init" in err


def test_the_project_is_found_from_any_folder_below_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """conf.py at the root (not in docs/): new writes into the first article pattern's
    folder there, and check from a subfolder checks the build's articles only."""
    write_tree(
        tmp_path,
        {
            "conf.py": 'extensions = ["outcrop"]\noutcrop_article_patterns = ["posts/**"]\n'
            'exclude_patterns = ["old"]\n',
            "index.md": "# Home\n",
            "about.md": "# About\n\nNot an article: cafÃ© stays unreported.\n",
            "old/2020-01-01-x.md": article("title: [broken"),
            "posts/deep/notes/.keep": "",
        },
    )
    monkeypatch.chdir(tmp_path / "posts" / "deep" / "notes")
    status, out, _ = run(capsys, "new", "Found it", "--date", "2024-02-03")
    assert status == 0
    assert (tmp_path / "posts" / "2024-02-03-found-it.md").is_file()
    status, out, err = run(capsys, "check")
    assert (status, out) == (0, "")
    assert "outcrop check: 1 article, no problems" in err
    status, _, err = run(capsys, "check", str(tmp_path / "about.md"))
    assert status == 1 and "about.md: articles are the Markdown documents matching" in err
    status, _, err = run(capsys, "check", str(tmp_path / "old" / "2020-01-01-x.md"))
    assert status == 1 and "not a Markdown document of the site" in err


def test_conf_apart_from_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """This repository's layout (sphinx-build -c conf docs): outcrop_srcdir says where
    the sources are; a build reading another folder warns."""
    write_tree(
        tmp_path,
        {
            "conf/conf.py": 'extensions = ["outcrop"]\noutcrop_srcdir = "../docs"\n',
            "docs/index.md": "# Home\n",
            "docs/articles/2024-01-01-a.md": article("title: A", "## S\n\n![gone](nothere.png)\n"),
        },
    )
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "check")
    assert status == 1
    assert (
        out == "docs/articles/2024-01-01-a.md:7: outcrop.image image 'nothere.png' not found in the source directory\n"
    )


# -- outcrop check: the same problems as the build ---------------------------------

CORPUS = {
    f"{NAME}.md": reference_text(),
    "articles/2024-04-01-liquid.md": article(
        "title: Liquid left\ntags: [Rock]",
        "## S\n\n{% if page.comments %}\nComments.\n{% endif %}\n\nSee [a post]({% post_url 2000-01-01-gone %}).\n",
    ),
    "articles/2024-04-02-kramdown.md": article(
        "title: Kramdown\ntags: [rock]",
        "## S\n\n![x](pic.png){: width=300}\n\n*[USGS]: United States Geological Survey\n",
    ),
    "articles/2024-04-03-links.md": article(
        "title: liquid LEFT\ntagz: [x]",
        "## S\n\nA [broken link](http://example.org/a b) here.\n\n![gone](nothere.png)\n",
    ),
    "articles/2024-04-04-mojibake.md": article("title: Caf\u00c3\u00a9 notes", "## S\n\nIt\u00e2\u20ac\u2122s fine.\n"),
    "articles/pic.png": b"\x89PNG\r\n\x1a\n",
}


def _build_problems(site_warnings: str, srcdir: Path) -> set[tuple[str, int, str]]:
    found = set()
    for match in WARNING_RE.finditer(site_warnings):
        if match["type"].startswith("outcrop") or match["type"] == "image.not_readable":
            path = Path(match["path"]).relative_to(srcdir).as_posix()
            kind = "outcrop.image" if match["type"] == "image.not_readable" else match["type"]
            found.add((path, int(match["line"]), kind))
    return found


def test_check_reports_what_the_build_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], make_site: SiteFactory
) -> None:
    site = make_site(CORPUS)
    srcdir = Path(site.app.srcdir)
    built = _build_problems(site.warnings, srcdir)
    monkeypatch.chdir(srcdir)
    status, out, _ = run(capsys, "check", "--format", "json", "--source", ".", "articles")
    assert status == 1
    rows = json.loads(out)
    checked = {(row["path"].removeprefix("./"), row["line"], row["code"]) for row in rows}
    assert checked == built
    # and each kind the issue names is among them
    kinds = {row["code"] for row in rows}
    assert kinds >= {
        "outcrop.image",
        "outcrop.mojibake",
        "outcrop.liquid",
        "outcrop.kramdown",
        "outcrop.link",
        "outcrop.unknown_key",
        "outcrop.taxonomy",
        "outcrop.duplicate",
    }
    assert any("did you mean 'tag" in row["message"] for row in rows)


def test_check_text_output_and_clean_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path / "docs",
        {
            "conf.py": 'extensions = ["outcrop"]\n',
            f"{NAME}.md": reference_text(),
            "articles/2024-05-01-ok.md": article("title: Ok"),
        },
    )
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check")
    assert status == 1
    assert out.splitlines() == [
        f"docs/{NAME}.md:10: outcrop.image malformed image: its title is not quoted as CommonMark requires "
        '(e.g. written ""...""); repaired',
        f"docs/{NAME}.md:44: outcrop.mojibake mojibake repaired: 'â€“' → '–'",
    ]
    assert "2 problems in 1 of 2 articles (docs)" in err
    assert run(capsys, "check", "docs/articles/2024-05-01-ok.md")[0] == 0
    assert run(capsys, "check", "docs/nothing-here")[0] == 2


def test_check_lists_the_articles_a_build_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Jekyll publishes no draft, ``published: false`` or future post: neither does a
    build, and ``outcrop check`` names them with the reason."""
    write_tree(
        tmp_path / "docs",
        {
            "conf.py": 'extensions = ["outcrop"]\noutcrop_now = "2025-01-01"\n',
            "articles/2024-05-01-ok.md": article("title: Ok"),
            "articles/2024-05-02-d.md": article("title: D\ndraft: true"),
            "articles/2024-05-03-u.md": article("title: U\npublished: false"),
            "articles/2026-01-01-f.md": article("title: F"),
        },
    )
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "check")
    assert status == 0, err
    assert (
        "outcrop check: 3 articles not published (a build writes no page for them; outcrop_show_drafts builds "
        "them): docs/articles/2024-05-02-d.md (draft: true), docs/articles/2024-05-03-u.md (published: false), "
        "docs/articles/2026-01-01-f.md (dated in the future)"
    ) in err


# -- outcrop check --fix ------------------------------------------------------------


def test_fix_repairs_the_reference_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], make_site: SiteFactory
) -> None:
    original = reference_text().decode("utf-8").replace("\ntitle:", "\ntitle:", 1)
    original = original.replace("\ntitle: ", "\ntitle:   ", 1).replace("\n---", "  \n---", 1)  # trailing spaces
    write_tree(tmp_path / "docs", {f"{NAME}.md": original, "conf.py": 'extensions = ["outcrop"]\n'})
    path = tmp_path / "docs" / f"{NAME}.md"
    monkeypatch.chdir(tmp_path)

    status, out, _ = run(capsys, "check", "--fix", "--dry-run")
    assert status == 1  # problems remain in the file: nothing was written
    assert path.read_text(encoding="utf-8") == original
    assert f"--- a/docs/{NAME}.md" in out and "+![banner](" in out and "-Kuwait â€“" not in out
    assert not path.with_name(path.name + ".orig").exists()

    status, out, _ = run(capsys, "check", "--fix", "--backup")
    assert status == 0, out
    fixed = path.read_text(encoding="utf-8")
    assert path.with_name(path.name + ".orig").read_text(encoding="utf-8") == original
    assert "â€“" not in fixed and "–" in fixed
    assert '"Infographic' in fixed and '""' not in fixed.split("![banner]")[1].split("\n")[0]
    assert fixed.count("\n") == original.count("\n")
    assert all(line == line.rstrip() for line in fixed.split("---")[1].split("\n"))
    # a second run has nothing to do
    status, out, _ = run(capsys, "check", "--fix")
    assert status == 0 and "--- a/" not in out
    site = make_site({f"{NAME}.md": fixed})
    assert site.outcrop_warnings() == []


def test_fix_keeps_crlf_and_bom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    text = '\ufeff---\r\ntitle: Caf\u00c3\u00a9  \r\n---\r\n\r\n![a](x.png ""T"")\r\n'
    write_tree(tmp_path, {"conf.py": 'extensions = ["outcrop"]\n', "articles/2024-01-01-crlf.md": text.encode()})
    path = tmp_path / "articles" / "2024-01-01-crlf.md"
    monkeypatch.chdir(tmp_path)
    run(capsys, "check", "--fix", "articles/2024-01-01-crlf.md")
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()) and data.count(b"\r\n") == 5 and b"\n" not in data.replace(b"\r\n", b"")
    assert "title: Café\r\n" in data.decode("utf-8") and '![a](x.png "T")' in data.decode("utf-8")


# -- outcrop import -----------------------------------------------------------------


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "import", str(JEKYLL / "_posts"), "site/articles", "--report", "report.md")
    assert status == 0, err
    return tmp_path


def test_import_converts_the_jekyll_folder(imported: Path) -> None:
    dest = imported / "site" / "articles"
    names = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*.md"))
    assert names == [
        "2017-11-04-almaden-mercury-mines.md",
        "2018-05-02-reading-a-geologic-map.md",
        "2018-09-14-columnar-joints-castellfollit.md",
        "2019/2019-03-21-mapping-with-qgis.md",
        "2019/2019-08-11-tatun-volcano-group.md",
        "2019/2019-11-23-why-i-still-carry-a-hand-lens.md",
        "2020-01-30-liquid-for-field-notes.md",
        "2020-05-17-how-old-is-that-rock.md",
        "2020-09-19-lava-tubes-of-lanzarote.md",  # named with its front-matter date
        "2021-02-14-seismic-quiet-of-2020.md",
    ]
    fronts = {n: split_front_matter((dest / n).read_text(encoding="utf-8"))[0].data for n in names}
    schema = json_schema()
    for name, data in fronts.items():
        assert set(data) <= KNOWN_KEYS, name
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
    castellfollit = fronts["2018-09-14-columnar-joints-castellfollit.md"]
    assert castellfollit["excerpt_image"].startswith("/assets/images/")
    assert castellfollit["jekyll"]["comments"] is True
    qgis = fronts["2019/2019-03-21-mapping-with-qgis.md"]
    assert qgis["categories"] == ["Field Notes"] and qgis["subtitle"].startswith("Paper notebooks")
    assert fronts["2021-02-14-seismic-quiet-of-2020.md"]["published"] is False
    assert fronts["2019/2019-08-11-tatun-volcano-group.md"]["date"] == "2019-08-11 10:34:00 +0800"
    liquid = (dest / "2020-01-30-liquid-for-field-notes.md").read_text(encoding="utf-8")
    assert "```{code-block} ruby\n:linenos:\n" in liquid
    assert "{% highlight" not in liquid and "{% raw" not in liquid
    qgis_text = (dest / "2019/2019-03-21-mapping-with-qgis.md").read_text(encoding="utf-8")
    assert "{% comment %}" not in qgis_text and re.search(r"^% ", qgis_text, re.M)  # kept as MyST comments
    report = (imported / "report.md").read_text(encoding="utf-8")
    assert "## README.txt\n\nSkipped: not a Markdown post (Jekyll's markdown_ext: .md, .markdown" in report
    assert "Skipped: an HTML post" in report
    assert "{% assign %} has no MyST equivalent" in report
    # The post's own permalink is its old URL, redirected (Jekyll's url.rb: a post's
    # permalink replaces the site's style).
    assert re.search(r"old URLs → aliases: .*/2017/11/almaden-mercury-mines/", report)


def test_imported_folder_builds_with_no_liquid_or_kramdown_as_text(imported: Path, make_site: SiteFactory) -> None:
    files: dict[str, str | bytes] = {
        f"articles/{p.relative_to(imported / 'site' / 'articles').as_posix()}": p.read_text(encoding="utf-8")
        for p in (imported / "site" / "articles").rglob("*.md")
    }
    files |= {f"assets/images/{p.name}": p.read_bytes() for p in (JEKYLL / "assets" / "images").iterdir()}
    site = make_site(files)
    liquid_warnings = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.liquid"]
    assert len(liquid_warnings) == 5  # the placeholders the report lists: if/endif, assign, a variable, a post
    for page in sorted(site.outdir.glob("articles/**/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.find("div", class_="body")
        assert body is not None
        for code in body(["pre", "code", "script", "style"]):
            code.decompose()
        text = body.get_text(" ")
        if page.stem == "2020-01-30-liquid-for-field-notes":  # its {% raw %} text, meant to be shown
            assert "{{ page.title }} anywhere in a post" in text
            text = text.replace("{{ page.title }} anywhere", "")
        for syntax in ("{%", "%}", "{{", "}}", "{:", "{::", 'markdown="1"', "*[USGS]", "* TOC"):
            assert syntax not in text, (page.name, syntax)
    tatun = site.soup("articles/2019/2019-08-11-tatun-volcano-group")
    assert tatun.find("div", class_="admonition tip") is not None  # {: .prompt-tip}
    castell = site.soup("articles/2018-09-14-columnar-joints-castellfollit")
    assert castell.find(class_="outcrop-liquid") is not None  # the visible placeholder
    links = {a["href"] for a in castell.find_all("a", href=True)}
    assert "2018-05-02-reading-a-geologic-map.html" in links  # {% post_url %}


def test_import_is_idempotent_and_never_overwrites(
    imported: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = imported / "site" / "articles"
    before = {p: p.read_bytes() for p in dest.rglob("*.md")}
    status, _, err = run(capsys, "import", str(JEKYLL / "_posts"), "site/articles", "--report", "-")
    assert status == 0 and ": written" not in err and err.count(": unchanged") == len(before)
    # importing the imported articles again changes nothing
    status, _, _ = run(capsys, "import", "site/articles", "again", "--report", "-", "-q")
    assert status == 0
    for path, data in before.items():
        assert (imported / "again" / path.relative_to(dest)).read_bytes() == data, path.name
    edited = dest / "2018-05-02-reading-a-geologic-map.md"
    edited.write_text(edited.read_text() + "\nMy own edit.\n")
    status, _, err = run(capsys, "import", str(JEKYLL / "_posts"), "site/articles", "--report", "-")
    assert status == 1 and "refused" in err and "My own edit." in edited.read_text()
    status, _, _ = run(capsys, "import", str(JEKYLL / "_posts"), "site/articles", "--report", "-", "--force")
    assert status == 0 and "My own edit." not in edited.read_text()


def test_import_loses_no_text(imported: Path) -> None:
    source = JEKYLL / "_posts"
    dest = imported / "site" / "articles"
    for path in source.rglob("*.md*"):
        original = path.read_text(encoding="utf-8")
        target = next(dest.rglob(f"*{path.stem.split('-', 3)[-1]}.md"))
        converted = target.read_text(encoding="utf-8")
        body = re.sub(
            r"\{%.*?%\}|\{\{.*?\}\}|\{:.*?\}|\{::\w+|\{:/\w*\}|<[^>]*>|\]\([^)]*\)", " ", original.split("\n---", 1)[1]
        )
        words = set(re.findall(r"[A-Za-z]{4,}", body)) - {"highlight", "endhighlight", "linenos"}
        missing = {w for w in words if w not in converted}
        assert not missing, (path.name, sorted(missing)[:10])


# -- outcrop schema -----------------------------------------------------------------


def test_schema_is_valid_and_covers_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "schema")
    assert status == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == KNOWN_KEYS
    assert all(prop["description"] for prop in schema["properties"].values())
    reference = yaml.safe_load(reference_text().decode("utf-8").split("---")[1])
    jsonschema.validate(json.loads(json.dumps(reference, default=str)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "tagz": ["a"]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "draft": "maybe"}, schema)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "conf.py").write_text('outcrop_extra_keys = ["mood"]\n')
    status, out, _ = run(capsys, "schema", "-c", "conf")
    assert "mood" in json.loads(out)["properties"]


@pytest.mark.parametrize(("flags", "search"), [([], "sphinx"), (["--search"], None)])
def test_serve_uses_sphinx_search_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], search: str | None
) -> None:
    """A live preview re-builds after every save: Pagefind would re-index the whole
    site each time, so ``outcrop serve`` sets Sphinx's search unless ``--search``."""
    write_tree(tmp_path, {"conf.py": 'extensions = ["outcrop"]\noutcrop_search = "pagefind"\n', "index.md": "# H\n"})
    monkeypatch.chdir(tmp_path)
    called: list[list[str]] = []
    monkeypatch.setattr(subprocess, "call", lambda command: called.append(command) or 0)
    assert main(["serve", *flags]) == 0
    options = [called[0][i + 1] for i, a in enumerate(called[0]) if a == "-D"]
    assert ("outcrop_search=sphinx" in options) == (search == "sphinx"), options
    assert "sphinx_autobuild" in called[0]
