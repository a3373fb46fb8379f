"""``outcrop init``: a new site that builds with -W at once, never written over, with
every answer written as a literal (a title with quotes cannot break conf.py)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from outcrop.cli.main import main
from outcrop.cli.project import load_project

HOSTILE_TITLE = 'Rocks & "Quotes" \'\'\' """ \\ {x} # <b>'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_init_writes_a_site_that_builds_with_w(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(
        capsys, "init", "blog", "--yes", "--title", HOSTILE_TITLE, "--author", "Ada", "--url", "https://x.org/b",
        "--timezone", "Europe/Madrid", "--readthedocs", "--tox",
    )  # fmt: skip
    assert status == 0, err
    site = tmp_path / "blog"
    today = dt.date.today().isoformat()
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert names == sorted(
        [
            ".gitignore",
            ".readthedocs.yaml",
            "_static/site.css",
            f"articles/{today}-welcome.md",
            "conf.py",
            "index.md",
            "requirements.txt",
            "tox.ini",
        ]
    )
    assert "cd blog" in out and 'outcrop new "My first article"' in out
    project = load_project(start=site)
    assert project.values["project"] == HOSTILE_TITLE and project.values["author"] == "Ada"
    assert project.values["html_baseurl"] == "https://x.org/b/"
    assert project.config.timezone == "Europe/Madrid"
    assert yaml.safe_load((site / ".readthedocs.yaml").read_text())["formats"] == ["pdf"]
    assert (site / "requirements.txt").read_text().splitlines()[-1] == "outcrop[theme,pdf]"

    monkeypatch.chdir(site)
    status, out, err = run(capsys, "build", "-W", "--keep-going", "-q", "-j", "1")
    assert status == 0, err
    html = (site / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    # Sphinx's environment and outcrop's bookkeeping stay out of the published folder.
    assert not (site / "_build" / "html" / ".doctrees").exists()
    assert (site / "_build" / "doctrees" / "environment.pickle").is_file()
    assert "Rocks &amp; “Quotes”" in html or "Rocks &amp; &quot;Quotes&quot;" in html
    assert "Welcome" in html
    footer = BeautifulSoup(html, "html.parser").select_one(".copyright").get_text(" ", strip=True)
    assert footer == f"Copyright © {dt.date.today().year}, Ada"
    assert (site / "_build" / "html" / "atom.xml").is_file()
    assert not any(p.name.startswith(".outcrop") for p in site.rglob("*"))


def test_init_never_writes_over_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("mine\n")
    status, out, _ = run(capsys, "init", "--yes")
    assert status == 0
    assert (tmp_path / ".gitignore").read_text() == "mine\n"
    assert "kept as they were (not overwritten): .gitignore" in out
    named = tmp_path.name.replace("_", " ")
    assert load_project(start=tmp_path).values["project"] == named[:1].upper() + named[1:]
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    status, _, err = run(capsys, "init", "--yes", "--title", "Another")
    assert status == 1 and "this is a Sphinx project already" in err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--timezone", "Mars/Olympus", "'Mars/Olympus' is not a time zone name"),
        ("--language", "english!", "'english!' is not a language code"),
        ("--theme", "fancy", "unknown theme 'fancy'"),
        ("--url", "rocks.org", "'rocks.org' is not a web address"),
        ("--title", "   ", "the title is empty"),
    ],
)
def test_init_refuses_bad_answers_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], flag, value, message
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "init", "site", "--yes", flag, value)
    assert status == 2 and message in err and "nothing was written" in err
    assert not (tmp_path / "site").exists()


def test_init_asks_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal it asks what the flags do not say; Enter keeps the default."""
    monkeypatch.chdir(tmp_path)
    answers = io.StringIO("Field notes\n\nAmerica/Chicago\n\nnone\n")  # title, language, zone, url, theme
    monkeypatch.setattr("sys.stdin", answers)
    monkeypatch.setattr(answers, "isatty", lambda: True, raising=False)
    status, out, _ = run(capsys, "init", "site", "--author", "Flag wins")
    assert status == 0
    assert "Site title [Site]: " in out and "Author" not in out  # --author was given
    project = load_project(start=tmp_path / "site")
    assert project.values["project"] == "Field notes"
    assert project.values["author"] == "Flag wins"
    assert project.values["language"] == "en"  # Enter: the default
    assert project.config.timezone == "America/Chicago"
    assert project.values["html_theme"] == "alabaster"  # "none": Sphinx's own theme
