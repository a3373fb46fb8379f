"""Adversarial tests of the ``outcrop`` command line (new, check, import, schema).

Hostile and edge inputs: YAML specials in titles, CRLF + BOM, non-UTF-8 bytes, mixed
line ends, Liquid in code, idempotency of ``--fix`` and ``import``, the JSON Schema.
Tests marked ``xfail(strict=True, reason="BUG: ...")`` pin down real bugs.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from outcrop.article.frontmatter import split_front_matter
from outcrop.article.repair import repair_mojibake
from outcrop.cli.main import main

FIXTURE = Path(__file__).parents[1] / "data" / "jekyll"
OUTCROP = Path(sys.executable).with_name("outcrop")
DATE = "2024-03-04"


# -- helpers -------------------------------------------------------------------------


class _StringDates(yaml.SafeLoader):
    """YAML as an editor's YAML 1.2 schema sees it: timestamps stay text."""


_StringDates.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def front_of(text: str) -> dict:
    match = re.match(r"\A\ufeff?---\r?\n(.*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|\Z)", text, re.S)
    assert match, f"no front matter in {text[:200]!r}"
    data = yaml.load(match.group(1), Loader=_StringDates)
    return data or {}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def schema(capsys) -> dict:
    rc, out, _ = run(capsys, "schema")
    assert rc == 0
    return json.loads(out)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def old_mtime(path: Path) -> None:
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An empty site: tmp_path/docs/conf.py and docs/articles, cwd = tmp_path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "articles").mkdir(parents=True)
    (tmp_path / "docs" / "conf.py").write_text('extensions = ["outcrop"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def jekyll(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "jekyll")
    return tmp_path / "jekyll" / "_posts"


# -- outcrop new ------------------------------------------------------------------------

HOSTILE_TITLES = [
    'Foo: "bar" #baz',
    "It's a 'test'",
    '"fully quoted"',
    "- starts like a list",
    "? starts like a key",
    "key: value",
    "&anchor and *alias",
    "{flow: map}",
    "[flow, list]",
    "| literal",
    "> folded",
    "%directive",
    "@reserved",
    "`backtick",
    "!!python/object:os.system",
    "null",
    "~",
    "yes",
    "No",
    "True",
    "0x1F",
    "1e3",
    "2024-01-01",
    ".inf",
    "<<",
    "---",
    "...",
    "!!!",
    "???",
    "#",
    "a\\b\\c",
    "Line one\nLine two",
    "tab\tinside",
    "  padded   title  ",
    "Ünïcødé — “quotes” ‘single’ … ½",
    "知乎 日本語 한국어",
    "עברית ومرحبا",
    "emoji 🎉🪨",
    "Ǆ ligature ﬁ",
    "a\u2028b\u2029c",
    "x" * 300,
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_new_hostile_title_round_trips(site, capsys, title):
    # "--" so that titles such as "---" are not read as options
    rc, out, err = run(capsys, "new", "--date", DATE, "--dir", "docs/articles", "--", title)
    assert rc == 0, err
    path = Path(out.strip())
    assert path.parent == Path("docs/articles")
    assert re.fullmatch(rf"{DATE}-[^/\\.\s]+\.md", path.name), path.name
    assert len(path.name.encode("utf-8")) <= 255
    text = path.read_text(encoding="utf-8")
    front, problems = split_front_matter(text)
    assert problems == []
    assert front.data["title"] == " ".join(title.split())
    assert isinstance(front.data["title"], str)
    # and a brand-new article passes ``outcrop check``
    rc, out, err = run(capsys, "check", str(path))
    assert (rc, out) == (0, ""), out


def test_new_title_from_non_utf8_argv(site, capsys):
    title = os.fsdecode(b"caf\xe9 bytes")  # what Python makes of a Latin-1 argv
    rc, out, _ = run(capsys, "new", title, "--date", DATE, "--dir", "docs/articles")
    if rc == 0:
        _, problems = split_front_matter(Path(out.strip()).read_text(encoding="utf-8"))
        assert problems == []
    else:
        assert list(Path("docs/articles").iterdir()) == []


def test_new_punctuation_only_titles_get_distinct_files(site, capsys):
    names = set()
    for title in ["!!!", "???", "...", "---", "#", "~"]:
        rc, out, err = run(capsys, "new", "--date", DATE, "--dir", "docs/articles", "--", title)
        assert rc == 0, err
        names.add(Path(out.strip()).name)
    assert len(names) == 6


def test_new_refuses_to_overwrite(site, capsys):
    rc, out, _ = run(capsys, "new", "Same title", "--date", DATE, "--dir", "docs/articles")
    assert rc == 0
    path = Path(out.strip())
    path.write_text("my precious words\n", encoding="utf-8")
    old_mtime(path)
    before = snapshot(site)
    for title in ["Same title", "SAME   title", "same-title!"]:  # all slug to same-title
        rc, out, err = run(capsys, "new", title, "--date", DATE, "--dir", "docs/articles")
        assert rc == 1
        assert out == ""
        assert "exists" in err
    assert snapshot(site) == before


@pytest.mark.parametrize("title", ["", "   ", "\n\t", "\u3000"])
def test_new_empty_title_is_a_usage_error(site, capsys, title):
    rc, out, _err = run(capsys, "new", title, "--date", DATE, "--dir", "docs/articles")
    assert rc == 2
    assert out == ""
    assert list(Path("docs/articles").iterdir()) == []


@pytest.mark.parametrize("date", ["2024-02-30", "24-01-01", "yesterday", "2024/01/01", "", "2024-13-01"])
def test_new_bad_date_is_a_usage_error(site, capsys, date):
    rc, _out, _ = run(capsys, "new", "T", "--date", date, "--dir", "docs/articles")
    if date == "":  # an empty --date means today
        assert rc == 0
        return
    assert rc == 2
    assert list(Path("docs/articles").iterdir()) == []


def test_new_categories_tags_draft(site, capsys):
    rc, out, err = run(
        capsys, "new", "T", "--date", DATE, "--dir", "docs/articles", "--draft",
        "--category", "- dash", "--category", "null", "--category", "  null ",
        "--tag", "x: y", "--tag", "123", "--tag", "yes", "--tag", "   ", "--tag", "C++",
        "--subtitle", "sub: title #1",
    )  # fmt: skip
    assert rc == 0, err
    data = front_of(Path(out.strip()).read_text(encoding="utf-8"))
    assert data["categories"] == ["- dash", "null"]
    assert data["tags"] == ["x: y", "123", "yes", "C++"]
    assert data["draft"] is True
    assert data["subtitle"] == "sub: title #1"
    assert data["date"] == DATE


def test_new_creates_missing_dirs_and_defaults(site, capsys):
    rc, out, _ = run(capsys, "new", "Deep", "--date", DATE, "--dir", "a/b/c")
    assert rc == 0
    assert Path(out.strip()) == Path("a/b/c") / f"{DATE}-deep.md"
    rc, out, _ = run(capsys, "new", "Default dir", "--date", DATE)
    assert rc == 0
    assert Path(out.strip()) == Path("docs/articles") / f"{DATE}-default-dir.md"


def test_new_dir_below_a_file_is_a_clean_error(site, capsys):
    """A folder below a file cannot be made: a one-line usage error naming the
    folder (no traceback, no silent exit), and nothing written."""
    Path("afile").write_text("x", encoding="utf-8")
    rc, out, err = run(capsys, "new", "T", "--date", DATE, "--dir", "afile/sub")
    assert (rc, out) == (2, "")
    assert err.startswith("outcrop new: cannot write the article: ") and err.count("\n") == 1
    assert str(Path("afile/sub")) in err
    assert Path("afile").read_text(encoding="utf-8") == "x"


def test_new_dir_is_a_file_message_is_truthful(site, capsys):
    """``--dir`` naming a file: the error says the folder is not a folder, not that
    the article exists (the message is asserted: an empty stderr, an error without
    a word, fails too)."""
    Path("afile").write_text("x", encoding="utf-8")
    rc, out, err = run(capsys, "new", "T", "--date", DATE, "--dir", "afile")
    assert (rc, out, err) == (2, "", "outcrop new: afile is not a folder\n")
    assert Path("afile").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("title", ['Foo: "bar"', "yes", "2024-01-01", "知乎"])
def test_new_front_matter_validates_against_schema(site, capsys, title):
    validator = jsonschema.Draft202012Validator(schema(capsys))
    rc, out, _ = run(
        capsys, "new", title, "--date", DATE, "--dir", "docs/articles", "--tag", "t", "--category", "c",
        "--draft", "--subtitle", "s",
    )  # fmt: skip
    assert rc == 0
    data = front_of(Path(out.strip()).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


# -- outcrop check ----------------------------------------------------------------------

CLEAN = "---\ntitle: Clean\ndate: 2024-01-02\n---\n\nJust words.\n"
MOJIBAKE_CRLF_BOM = (
    b"\xef\xbb\xbf---\r\ntitle: Hello   \r\ndate: 2024-01-02\r\n---\r\n\r\nSome caf\xc3\x83\xc2\xa9 text.\r\n"
)


def test_check_clean_file_exit_0(site, capsys):
    write(site / "docs/articles/2024-01-02-clean.md", CLEAN)
    rc, out, _ = run(capsys, "check")
    assert (rc, out) == (0, "")
    rc, out, _ = run(capsys, "check", "--format", "json")
    assert rc == 0
    assert json.loads(out) == []


def test_check_empty_dir(site, capsys):
    """Nothing to check is said, and is not an all-clear (exit 1): "0 problems in 0
    files" with exit 0 would hide a wrong folder."""
    Path("docs/empty").mkdir()
    rc, out, err = run(capsys, "check", "docs/empty")
    assert (rc, out) == (1, "")
    assert "no articles to check in docs/empty" in err
    rc, out, _ = run(capsys, "check", "--format", "json", "docs/empty")
    assert rc == 1
    assert json.loads(out) == []


@pytest.mark.parametrize("args", [["nope"], ["nope.md"], ["docs", "nope"], ["--format", "json", "nope"]])
def test_check_missing_path_is_usage_error(site, capsys, args):
    rc, out, err = run(capsys, "check", *args)
    assert rc == 2
    assert out == ""
    assert "nope" in err


def test_check_missing_source_is_usage_error(site, capsys):
    rc, _, _ = run(capsys, "check", "--source", "nowhere")
    assert rc == 2


def test_check_crlf_bom_line_numbers(site, capsys):
    write(site / "docs/articles/2024-01-02-hello.md", MOJIBAKE_CRLF_BOM)
    rc, out, _ = run(capsys, "check", "--format", "json")
    assert rc == 1
    rows = json.loads(out)
    assert [(r["line"], r["code"]) for r in rows] == [(6, "outcrop.mojibake")]
    assert rows[0]["path"] == "docs/articles/2024-01-02-hello.md"


def test_check_non_utf8_reports_encoding_at_the_bad_line(site, capsys):
    path = write(site / "docs/articles/2024-01-02-latin.md", b"---\ntitle: ok\n---\n\nline 5\ncaf\xe9\n")
    before = path.read_bytes()
    rc, out, _ = run(capsys, "check", "--format", "json")
    assert rc == 1
    rows = json.loads(out)
    assert [(r["line"], r["code"]) for r in rows] == [(6, "outcrop.encoding")]
    rc, out, _ = run(capsys, "check", "--fix")  # --fix must not touch an unreadable file
    assert rc == 1
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".orig").exists()


def test_check_json_is_valid_for_many_hostile_problems(site, capsys):
    files = {
        "2024-01-01-nul.md": b"---\ntitle: x\x00\n---\n",
        "2024-01-02-open.md": b"---\ntitle: never closed\n",
        "2024-01-03-yaml.md": b'---\ntitle: [bad "yaml\n---\n\nbody\n',
        "2024-01-04-list.md": b"---\n- a\n- b\n---\n",
        "2024-01-05-img.md": '---\ntitle: Ünï "q" \\ \u2028\n---\n\n![a"b](missing ünï.png)\n'.encode(),
        "2024-01-06-latin.md": b"caf\xe9\n",
        "2024-01-07-liquid.md": b"---\ntitle: L\n---\n\n{% if x %}y{% endif %} {{ page.nope | upcase }}\n",
        "2024-01-08-bom.md": b"\xef\xbb\xbf---\r\ntitle: 1\r\ndate: 2019-13-45\r\n---\r\n",
    }
    for name, data in files.items():
        write(site / "docs/articles" / name, data)
    rc, out, _ = run(capsys, "check", "--format", "json")
    assert rc == 1
    rows = json.loads(out)
    assert {r["path"].rsplit("/", 1)[1] for r in rows} == set(files)
    for row in rows:
        assert set(row) == {"path", "line", "code", "message"}
        assert isinstance(row["line"], int) and row["line"] >= 0
        assert row["code"].startswith("outcrop.")
    # text output: one line per problem, path:line: code message
    rc, text, _ = run(capsys, "check")
    assert rc == 1
    assert len(text.splitlines()) >= len(rows)
    for row in rows:
        assert f"{row['path']}:{row['line']}: {row['code']} " in text


def test_check_json_with_non_utf8_file_name(site, capsys):
    name = os.fsdecode(b"2024-01-02-bad\xff.md")
    write(site / "docs/articles" / name, "---\ntitle: x\n---\n\n![a](missing.png)\n")
    rc, out, _ = run(capsys, "check", "--format", "json")
    assert rc == 1
    assert len(json.loads(out)) == 1


def test_check_fix_keeps_crlf_and_bom(site, capsys):
    path = write(site / "docs/articles/2024-01-02-hello.md", MOJIBAKE_CRLF_BOM)
    rc, out, _ = run(capsys, "check", "--fix")
    assert rc == 0
    assert "+Some café text." in out
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert data.count(b"\r\n") == MOJIBAKE_CRLF_BOM.count(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data == MOJIBAKE_CRLF_BOM.replace(b"Hello   ", b"Hello").replace(b"caf\xc3\x83\xc2\xa9", "café".encode())
    assert not list(path.parent.glob("*.outcrop-tmp"))


def test_check_fix_dry_run_changes_nothing(site, capsys):
    path = write(site / "docs/articles/2024-01-02-hello.md", MOJIBAKE_CRLF_BOM)
    old_mtime(path)
    before = snapshot(site)
    rc, out, _ = run(capsys, "check", "--fix", "--dry-run")
    assert rc == 1  # the file on disk still has its problem
    assert "+Some café text." in out
    assert snapshot(site) == before
    _rc, out, _ = run(capsys, "check", "--fix", "--dry-run", "--backup")
    assert snapshot(site) == before


def test_check_fix_dry_run_still_reports_the_problems_left_on_disk(site, capsys):
    write(site / "docs/articles/2024-01-02-hello.md", MOJIBAKE_CRLF_BOM)
    rc_plain, _, _ = run(capsys, "check")
    rc, _, _ = run(capsys, "check", "--fix", "--dry-run")
    assert rc_plain == 1
    assert rc == 1


def test_check_fix_backup(site, capsys):
    path = write(site / "docs/articles/2024-01-02-hello.md", MOJIBAKE_CRLF_BOM)
    rc, _, _ = run(capsys, "check", "--fix", "--backup")
    assert rc == 0
    assert path.with_name(path.name + ".orig").read_bytes() == MOJIBAKE_CRLF_BOM
    assert path.read_bytes() != MOJIBAKE_CRLF_BOM
    # a clean file gets no backup
    clean = write(site / "docs/articles/2024-01-03-clean.md", CLEAN)
    run(capsys, "check", "--fix", "--backup")
    assert not clean.with_name(clean.name + ".orig").exists()
    # .orig files are not Markdown: the next check does not read them
    rc, out, _ = run(capsys, "check")
    assert (rc, out) == (0, "")


FIXABLE = {
    "crlf-bom": MOJIBAKE_CRLF_BOM,
    "mojibake-front": "---\ntitle: AlmadÃ©n  \n---\n\nText â€“ itâ€™s.\n".encode(),
    "image-title": b'---\ntitle: I\n---\n\n![x](https://example.org/x.png ""Quoted twice"")\n',
    "no-final-newline": b"---\ntitle: N\t\n---\n\ncaf\xc3\x83\xc2\xa9",
    "lone-cr": b"---\ntitle: R\n---\n\ncaf\xc3\x83\xc2\xa9\rmore\n",
}


@pytest.mark.parametrize("name", sorted(FIXABLE))
def test_check_fix_is_idempotent(site, capsys, name):
    path = write(site / f"docs/articles/2024-01-02-{name}.md", FIXABLE[name])
    rc, out, _ = run(capsys, "check", "--fix")
    assert rc == 0, out  # everything in these files is fixable
    assert out.startswith("--- a/"), out  # a diff was shown
    once = path.read_bytes()
    assert once != FIXABLE[name]
    once.decode("utf-8")
    old_mtime(path)
    before = snapshot(site)
    _rc, out, _ = run(capsys, "check", "--fix")
    assert "--- a/" not in out and "+++ b/" not in out
    assert snapshot(site) == before


def test_check_fix_json_keeps_stdout_json(site, capsys):
    write(site / "docs/articles/2024-01-02-hello.md", MOJIBAKE_CRLF_BOM)
    write(site / "docs/articles/2024-01-03-img.md", "---\ntitle: I\n---\n\n![x](gone.png)\n")
    rc, out, err = run(capsys, "check", "--fix", "--format", "json")
    rows = json.loads(out)
    assert [r["code"] for r in rows] == ["outcrop.image"]
    assert "+Some café text." in err
    assert rc == 1


def test_check_fix_mixed_line_ends_only_changes_the_diffed_lines(site, capsys):
    original = b"---\r\ntitle: Mixed\r\n---\n\nbody caf\xc3\x83\xc2\xa9\nlf line\ncrlf line\r\n"
    path = write(site / "docs/articles/2024-01-02-mixed.md", original)
    run(capsys, "check", "--fix")
    assert path.read_bytes() == original.replace(b"caf\xc3\x83\xc2\xa9", "café".encode())


def test_check_fix_keeps_block_scalar_values(site, capsys):
    original = "---\ntitle: Block\ndescription: |\n  keep two  \n  end\n---\n\nbody\n"
    path = write(site / "docs/articles/2024-01-02-block.md", original)
    run(capsys, "check", "--fix")
    assert front_of(path.read_text(encoding="utf-8")) == front_of(original)


def test_check_fix_leaves_non_articles_alone(site, capsys):
    page = write(site / "docs/README.md", "Shows mojibake on purpose: cafÃ©\n")
    write(site / "docs/articles/2024-01-02-clean.md", CLEAN)
    rc, out, _ = run(capsys, "check")
    assert (rc, out) == (0, "")
    before = page.read_bytes()
    run(capsys, "check", "--fix")
    assert page.read_bytes() == before


def test_check_fix_on_nul_and_yaml_garbage_does_not_crash(site, capsys):
    nul = write(site / "docs/articles/2024-01-02-nul.md", b"---\ntitle: x\x00 \n---\n\x00\x00\n")
    bad = write(site / "docs/articles/2024-01-03-bad.md", b"---\n: : :\n  - [\n---\n")
    rc, _, _ = run(capsys, "check", "--fix")
    assert rc == 1
    nul.read_bytes().decode("utf-8")
    bad.read_bytes().decode("utf-8")


def test_check_explicit_file_that_is_not_an_article_is_reported(site, capsys):
    """The check is the build's: a page outside outcrop_article_patterns is not an
    article there, so naming it says so (exit 1) instead of checking it as one; a file
    outside the site's source folder is reported the same way."""
    write(site / "docs/notes/2024-01-02-n.md", "---\ntitle: [oops\n---\n")
    rc, out, err = run(capsys, "check", "docs/notes/2024-01-02-n.md")
    assert (rc, out) == (1, "")
    assert "docs/notes/2024-01-02-n.md: articles are the Markdown documents matching" in err
    write(site / "elsewhere/2024-01-02-n.md", "---\ntitle: [oops\n---\n")
    rc, out, err = run(capsys, "check", "elsewhere/2024-01-02-n.md")
    assert (rc, out) == (1, "")
    assert "elsewhere/2024-01-02-n.md: not in the site's source folder (docs)" in err


# -- outcrop import ---------------------------------------------------------------------

LIQUID_SYNTAX = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.S)
#: markup, not text: kramdown attribute lists, HTML tags, "* TOC", link targets (URLs are rewritten)
MARKUP = re.compile(r"\]\([^)\n]*\)|\{:[^}]*\}|\{::[^}]*\}|\{:/\w*\}|<[^>\n]+>|^\s*\*\s+TOC\s*$", re.M)
WORD = re.compile(r"[^\W_]+")


def body_words(raw: bytes) -> collections.Counter[str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    front, _ = split_front_matter(text)
    body = "\n".join(text.split("\n")[front.length :])
    body, _ = repair_mojibake(body, fix=True)
    return collections.Counter(WORD.findall(MARKUP.sub(" ", LIQUID_SYNTAX.sub(" ", body))))


def imported(src: Path, dest: Path) -> dict[Path, Path]:
    """source file -> its output file (by the import's naming: stem, dated)."""
    pairs = {}
    for source in sorted(src.rglob("*")):
        if source.suffix not in (".md", ".markdown"):
            continue
        relative = source.relative_to(src).with_suffix(".md")
        matches = [p for p in dest.rglob("*.md") if p.relative_to(dest) == relative]
        if not matches:
            matches = [p for p in dest.rglob(f"*-{source.stem}.md") if p.parent.relative_to(dest) == relative.parent]
        assert len(matches) == 1, (source, matches)
        pairs[source] = matches[0]
    return pairs


def test_import_fixture_then_again_is_unchanged(jekyll, capsys):
    rc, _, err = run(capsys, "import", str(jekyll), "out")
    assert rc == 0, err
    assert Path("outcrop-import-report.md").is_file()
    first = snapshot(Path("out"))
    assert len(first) == 10
    for path in Path("out").rglob("*"):
        if path.is_file():
            old_mtime(path)
    first = snapshot(Path("out"))
    rc, _out, err = run(capsys, "import", str(jekyll), "out")
    assert rc == 0
    assert "written" not in err.replace("0 written", "")
    assert err.count(": unchanged") == 10
    assert snapshot(Path("out")) == first


#: What ``outcrop import`` writes for the fixture's ``_posts``: its ten Markdown posts
#: (``.md`` and ``.markdown``; not the HTML post or README.txt), dated by name.
IMPORTED = [
    "2017-11-04-almaden-mercury-mines.md",
    "2018-05-02-reading-a-geologic-map.md",
    "2018-09-14-columnar-joints-castellfollit.md",
    "2019/2019-03-21-mapping-with-qgis.md",
    "2019/2019-08-11-tatun-volcano-group.md",
    "2019/2019-11-23-why-i-still-carry-a-hand-lens.md",  # from a CRLF .markdown file
    "2020-01-30-liquid-for-field-notes.md",
    "2020-05-17-how-old-is-that-rock.md",
    "2020-09-19-lava-tubes-of-lanzarote.md",
    "2021-02-14-seismic-quiet-of-2020.md",
]


def test_import_output_is_clean_text(jekyll, capsys):
    """Every imported file is UTF-8 text without a byte order mark or CR, ends with a
    line end and says ``layout: post``. The exit code and the files written are asserted
    first: an import that fails or writes nothing would pass a loop over an empty folder."""
    rc, _, err = run(capsys, "import", str(jekyll), "out")
    assert rc == 0, err
    written = sorted(Path("out").rglob("*.md"))
    assert [p.relative_to("out").as_posix() for p in written] == IMPORTED
    for path in written:
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in data
        data.decode("utf-8")
        assert data.endswith(b"\n")
        assert front_of(data.decode())["layout"] == "post"


def test_import_never_loses_words(jekyll, capsys):
    run(capsys, "import", str(jekyll), "out")
    for source, target in imported(jekyll, Path("out")).items():
        have = collections.Counter(WORD.findall(target.read_text(encoding="utf-8")))
        want = body_words(source.read_bytes())
        missing = {w: n - have[w] for w, n in want.items() if have[w] < n}
        assert not missing, f"{source.name}: {missing}"


def test_import_of_imported_output_is_identical(jekyll, capsys):
    run(capsys, "import", str(jekyll), "out")
    rc, _, err = run(capsys, "import", "out", "again", "--report", "-")
    assert rc == 0, err
    first, second = snapshot(Path("out")), snapshot(Path("again"))
    assert sorted(first) == sorted(second)
    for name in first:
        assert second[name][0].decode() == first[name][0].decode(), name


def test_import_dry_run_writes_nothing(jekyll, capsys):
    before = snapshot(jekyll.parent.parent)
    rc, out, _ = run(capsys, "import", str(jekyll), "out", "--dry-run")
    assert rc == 0
    assert out.startswith("# Import report")
    assert not Path("out").exists()
    assert not Path("outcrop-import-report.md").exists()
    assert snapshot(jekyll.parent.parent) == before


def test_import_report_to_stdout(jekyll, capsys):
    rc, out, _ = run(capsys, "import", str(jekyll), "out", "--report", "-")
    assert rc == 0
    assert "# Import report" in out
    assert not Path("-").exists()
    assert not Path("outcrop-import-report.md").exists()
    assert "2016-07-12-hello-world.html" in out  # the skipped HTML post is named


def test_import_refuses_to_overwrite_a_differing_file_then_force(jekyll, capsys):
    run(capsys, "import", str(jekyll), "out")
    victim = Path("out/2018-05-02-reading-a-geologic-map.md")
    victim.write_text("edited by hand\n", encoding="utf-8")
    old_mtime(victim)
    before = snapshot(Path("out"))
    rc, _, err = run(capsys, "import", str(jekyll), "out")
    assert rc == 1
    assert "1 refused" in err
    assert snapshot(Path("out")) == before
    rc, _, _ = run(capsys, "import", str(jekyll), "out", "--force")
    assert rc == 0
    assert victim.read_text(encoding="utf-8") != "edited by hand\n"
    assert victim.read_text(encoding="utf-8").startswith("---\n")
    rc, _, err = run(capsys, "import", str(jekyll), "out")
    assert rc == 0
    assert err.count(": unchanged") == 10


@pytest.mark.parametrize("src", ["nowhere", "afile"])
def test_import_src_not_a_folder(tmp_path, monkeypatch, capsys, src):
    monkeypatch.chdir(tmp_path)
    Path("afile").write_text("x", encoding="utf-8")
    rc, _, _ = run(capsys, "import", src, "out")
    assert rc == 2
    assert not Path("out").exists()


def test_import_dest_inside_src_is_idempotent(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(Path("posts/2020-01-01-a.md"), "---\ntitle: A\n---\n\nHello.\n")
    run(capsys, "import", "posts", "posts/out", "-q")
    first = snapshot(Path("posts"))
    run(capsys, "import", "posts", "posts/out", "-q")
    assert sorted(snapshot(Path("posts"))) == sorted(first)


HOSTILE_POSTS: dict[str, bytes] = {
    "2020-01-01-code.md": b"""---
title: Code sample
tags: [2019, python]
---

Intro with `{{ page.title }}` inline and ``{% if x %}`` double, kept verbatim.

```liquid
{% for post in site.posts %}
  {{ post.title | escape }}
{% endfor %}
```

~~~
{% highlight ruby %}
def x; end
{% endhighlight %}
~~~

Then {% if user %}hello user{% endif %} and {{ site.url }}/x and {{ page.nope | upcase }}.

{% raw %}
Keep {{ this }} literal please.
{% endraw %}

Last words alpha beta gamma.
""",
    "2020-01-02-crlf.md": b"\xef\xbb\xbf---\r\ntitle: Crlf post\r\n---\r\n\r\nLine one caf\xc3\xa9.\r\nLine two.\r\n",
    "2020-01-03-win.md": b"---\ntitle: Win post\n---\n\nSmart \x93quotes\x94 and caf\xe9 zeta.\n",
    "2020-01-04-badyaml.md": b"---\ntitle: [bad\n---\n\nBody of bad yaml theta.\n",
    "2020-01-05-nofm.md": b"No front matter at all, words delta epsilon.\n",
    "2020-01-06-empty.md": b"",
    "2020-01-07-nobody.md": b"---\ntitle: Only front matter\n---\n",
    "2020-01-08-notice.md": (
        b"---\ntitle: Notice first\n---\nA notice right after the front matter iota.\n{: .notice--info}\n\nkappa\n"
    ),
    "nested/2020-01-09-deep.markdown": b"---\ntitle: 'Quote: \"x\" #1'\ncategories: a b\ntag: solo\n---\n\nlambda mu\n",
    "2020-01-10-hostile-fm.md": b"---\ntitle: Hostile\nweird key: 1\njekyll: {old: 2}\npermalink: /x/\n---\n\nnu\n",
}


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, data in HOSTILE_POSTS.items():
        write(tmp_path / "posts" / name, data)
    return tmp_path / "posts"


def test_import_hostile_posts_keep_every_word(hostile, capsys):
    rc, _, err = run(capsys, "import", str(hostile), "out", "--report", "-")
    assert rc == 0, err
    for source, target in imported(hostile, Path("out")).items():
        data = target.read_bytes()
        assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
        have = collections.Counter(WORD.findall(data.decode("utf-8")))
        want = body_words(source.read_bytes())
        missing = {w: n - have[w] for w, n in want.items() if have[w] < n}
        assert not missing, f"{source.name}: {missing}"


def test_import_liquid_in_code_untouched(hostile, capsys):
    run(capsys, "import", str(hostile), "out", "-q")
    text = Path("out/2020-01-01-code.md").read_text(encoding="utf-8")
    source = HOSTILE_POSTS["2020-01-01-code.md"].decode()
    fenced = re.findall(r"^(```|~~~).*?^\1$", source, re.S | re.M)
    assert fenced
    for block in re.findall(r"^```liquid\n.*?^```$|^~~~\n.*?^~~~$", source, re.S | re.M):
        assert block in text
    assert "`{{ page.title }}`" in text
    assert "``{% if x %}``" in text
    # outside code, Liquid is gone or shown as a visible placeholder
    prose = text.split("Then ", 1)[1].split("\n", 1)[0]
    assert "{liquid}" in prose


def test_import_liquid_in_indented_code_untouched(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(
        Path("posts/2020-01-01-i.md"), "---\ntitle: I\n---\n\nCode:\n\n    {% include x.html %}\n    {{ y }}\n\nEnd.\n"
    )
    run(capsys, "import", "posts", "out", "-q")
    text = Path("out/2020-01-01-i.md").read_text(encoding="utf-8")
    assert "    {% include x.html %}\n    {{ y }}\n" in text


def test_import_hostile_twice_and_reimport(hostile, capsys):
    run(capsys, "import", str(hostile), "out", "-q")
    first = snapshot(Path("out"))
    rc, _, err = run(capsys, "import", str(hostile), "out")
    assert rc == 0
    assert "0 written" in err
    assert snapshot(Path("out")) == first
    rc, _, _ = run(capsys, "import", "out", "again", "-q", "--report", "-")
    assert rc == 0
    second = snapshot(Path("again"))
    assert sorted(second) == sorted(first)
    for name in first:
        assert second[name][0] == first[name][0], name


def test_import_hostile_front_matter_mapping(hostile, capsys):
    run(capsys, "import", str(hostile), "out", "-q")
    deep = front_of(Path("out/nested/2020-01-09-deep.md").read_text(encoding="utf-8"))
    assert deep["title"] == 'Quote: "x" #1'
    assert deep["categories"] == ["a", "b"]
    assert deep["tags"] == ["solo"]
    weird = front_of(Path("out/2020-01-10-hostile-fm.md").read_text(encoding="utf-8"))
    assert weird["jekyll"] == {"old": 2, "weird key": 1, "permalink": "/x/"}
    code = front_of(Path("out/2020-01-01-code.md").read_text(encoding="utf-8"))
    assert code["tags"] == ["2019", "python"]
    # unreadable front matter is kept as written, for a human
    assert Path("out/2020-01-04-badyaml.md").read_text(encoding="utf-8").startswith("---\ntitle: [bad\n---\n")


def test_import_colliding_targets_one_is_skipped(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(Path("posts/2020-01-08-dup.md"), "---\ntitle: Dated\n---\n\nA\n")
    write(Path("posts/dup.md"), "---\ntitle: Undated\ndate: 2020-01-08\n---\n\nB\n")
    rc, out, _ = run(capsys, "import", "posts", "out", "--report", "-")
    assert rc == 0
    assert [p.name for p in Path("out").iterdir()] == ["2020-01-08-dup.md"]
    assert "dup.md" in out and "would also be written" in out


def imported_front_matters(capsys, src: Path) -> dict[str, dict]:
    run(capsys, "import", str(src), "out", "-q")
    return {
        p.as_posix(): front_of(p.read_text(encoding="utf-8"))
        for p in sorted(Path("out").rglob("*.md"))
        if not p.name.endswith("badyaml.md")  # kept as written: not YAML
    }


def test_import_fixture_front_matter_validates_against_schema(jekyll, capsys):
    validator = jsonschema.Draft202012Validator(schema(capsys))
    for name, data in imported_front_matters(capsys, jekyll).items():
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], name


def test_import_numeric_title_validates_against_schema(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(Path("posts/2020-01-07-year.md"), "---\ntitle: 2019\n---\n\nA year.\n")
    validator = jsonschema.Draft202012Validator(schema(capsys))
    for name, data in imported_front_matters(capsys, Path("posts")).items():
        assert list(validator.iter_errors(data)) == [], name


def test_import_hostile_front_matter_validates_against_schema(hostile, capsys):
    validator = jsonschema.Draft202012Validator(schema(capsys))
    for name, data in imported_front_matters(capsys, hostile).items():
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], name


# -- outcrop schema ---------------------------------------------------------------------


def test_schema_is_valid_json_schema(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    data = schema(capsys)
    jsonschema.Draft202012Validator.check_schema(data)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["type"] == "object"
    for name in ("title", "date", "tags", "categories", "draft", "excerpt_image", "jekyll"):
        assert name in data["properties"]
    validator = jsonschema.Draft202012Validator(data)
    assert not validator.is_valid({"title": 3})
    assert not validator.is_valid({"draft": "maybe"})
    assert not validator.is_valid({"no_such_key": 1})
    assert not validator.is_valid({"date": "last tuesday"})
    assert not validator.is_valid([])
    for date in ("2024-03-18", "2019-08-11 10:34:00 +0800", "2019-08-11T10:34:00Z", "2019-08-11 10:34"):
        assert validator.is_valid({"date": date}), date


def test_schema_output_file_equals_stdout(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = run(capsys, "schema")
    rc2, out2, _ = run(capsys, "schema", "-o", "s.json")
    assert (rc, rc2, out2) == (0, 0, "")
    assert Path("s.json").read_text(encoding="utf-8") == out


def test_schema_extra_keys_from_conf(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(Path("docs/conf.py"), 'project = "P"\noutcrop_extra_keys = ["mood", "title"]\n')
    rc, out, _ = run(capsys, "schema", "-c", "docs")
    assert rc == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(data)
    assert "mood" in data["properties"]
    assert data["properties"]["title"]["type"] == "string"
    assert jsonschema.Draft202012Validator(data).is_valid({"mood": ["any", {"thing": 1}]})


# -- end to end: the real script ----------------------------------------------------------


def _script(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(OUTCROP), *args], cwd=cwd, capture_output=True, timeout=120, env={**os.environ, **(env or {})}
    )


@pytest.mark.skipif(not OUTCROP.exists(), reason="outcrop script not installed next to the interpreter")
def test_script_end_to_end(tmp_path):
    write(tmp_path / "docs" / "conf.py", 'extensions = ["outcrop"]\n')
    done = _script("new", 'E2E: "quoted" ünï', "--date", DATE, "--tag", "x", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / done.stdout.decode().strip()
    assert path.is_file()
    done = _script("check", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []
    done = _script("new", 'E2E: "quoted" ünï', "--date", DATE, cwd=tmp_path)
    assert done.returncode == 1
    done = _script("check", "nope", cwd=tmp_path)
    assert done.returncode == 2
    done = _script("schema", cwd=tmp_path)
    assert done.returncode == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(done.stdout))
    done = _script("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith(b"outcrop ")
    done = _script(cwd=tmp_path)
    assert done.returncode == 2


@pytest.mark.skipif(not OUTCROP.exists(), reason="outcrop script not installed next to the interpreter")
def test_script_check_non_utf8_file_name_strict_stdout(tmp_path):
    write(tmp_path / "docs" / "conf.py", 'extensions = ["outcrop"]\n')
    write(tmp_path / os.fsdecode(b"docs/articles/2024-01-02-bad\xff.md"), "---\ntitle: x\n---\n\n![a](m.png)\n")
    done = _script("check", cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
