"""A new site's files (``outcrop init``): pure functions from the writer's answers.

Everything written builds with ``-W`` at once, on the chosen theme, and every value the
writer typed is written as a Python or YAML string literal (never pasted into code).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo

from outcrop.cli.newarticle import article_name, article_text
from outcrop.web.themes import THEMES

#: ``--theme none``: Sphinx's own theme, nothing to install.
NO_THEME = "none"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


@dataclasses.dataclass(frozen=True)
class Answers:
    """What ``outcrop init`` asks (each has a flag)."""

    title: str
    author: str = ""
    language: str = "en"
    timezone: str = "UTC"
    url: str = ""
    theme: str = "furo"
    description: str = ""
    readthedocs: bool = False
    tox: bool = False


def check_answers(answers: Answers) -> list[str]:
    """What is wrong with the answers, one sentence each (empty: all good)."""
    problems = []
    if not " ".join(answers.title.split()):
        problems.append("the title is empty")
    if not _LANGUAGE.match(answers.language):
        problems.append(f"{answers.language!r} is not a language code (en, de, pt_BR, zh_CN...)")
    try:
        zoneinfo.ZoneInfo(answers.timezone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        problems.append(f"{answers.timezone!r} is not a time zone name (UTC, Europe/Madrid, America/Chicago...)")
    if answers.url and not re.match(r"^https?://[^\s/]+", answers.url):
        problems.append(f"{answers.url!r} is not a web address (https://example.org/blog/)")
    if answers.theme != NO_THEME and answers.theme not in THEMES:
        problems.append(f"unknown theme {answers.theme!r} (known: {', '.join([*THEMES, NO_THEME])})")
    return problems


def normal_url(url: str) -> str:
    """A base URL ends with a slash (feeds and the sitemap join paths to it)."""
    return url if not url or url.endswith("/") else url + "/"


def site_files(answers: Answers, today: dt.date) -> dict[str, str]:
    """Path (relative to the new site's folder) → text, for every file of a new site."""
    files = {
        "conf.py": conf_py(answers),
        "index.md": index_md(answers),
        "articles/" + article_name("Welcome", today): welcome(answers, today),
        "_static/site.css": SITE_CSS,
        ".gitignore": GITIGNORE,
        "requirements.txt": requirements(answers),
    }
    if answers.readthedocs:
        files[".readthedocs.yaml"] = READTHEDOCS
    if answers.tox:
        files["tox.ini"] = TOX
    return files


def requirements(answers: Answers) -> str:
    lines = ["outcrop[pdf]"]
    if answers.theme == "furo":
        lines = ["outcrop[theme,pdf]"]
    elif answers.theme in THEMES and answers.theme != "alabaster":
        lines.append(THEMES[answers.theme].package)
    return "# What the site needs to build (pip install -r requirements.txt).\n" + "\n".join(lines) + "\n"


def conf_py(answers: Answers) -> str:
    title = " ".join(answers.title.split())
    theme = THEMES.get(answers.theme if answers.theme != NO_THEME else "alabaster")
    lines = [
        f'"""Sphinx configuration of {_docstring_safe(title)}: an article site made with outcrop.',
        "",
        "Build it with 'outcrop build', preview it with 'outcrop serve'. outcrop's options are",
        "described on https://outcrop.readthedocs.io/en/latest/guide/configuration.html",
        '"""',
        "",
        f"project = {title!r}",
        f"author = {answers.author!r}",
        # Sphinx puts the current year in place of %Y.
        'copyright = f"%Y, {author}" if author else "%Y"',
        f"language = {answers.language!r}",
        "",
        'extensions = ["outcrop"]',
        'exclude_patterns = ["_build", ".venv", ".tox", "README.md"]',
        "",
        "# outcrop",
        f"outcrop_timezone = {answers.timezone!r}  # the site's clock, for dates without an offset",
        f"outcrop_site_description = {' '.join(answers.description.split())!r}",
        "# Full-text search with filters by category, tag, author and year (Pagefind):",
        "# pip install 'outcrop[search]', then uncomment.",
        '# outcrop_search = "pagefind"',
        "",
        "# HTML",
    ]
    if answers.theme != NO_THEME:
        lines.append(f"html_theme = {answers.theme!r}")
    lines += [
        "html_title = project",
        "# The published address: feeds, the sitemap and social cards need it.",
        f"html_baseurl = {normal_url(answers.url)!r}",
        'html_static_path = ["_static"]',
        'html_css_files = ["site.css"]',
    ]
    if theme is not None and theme.sidebars:
        lines.append("# The theme's sidebar, with outcrop's links to the tags, categories and archive.")
        lines.append('html_sidebars = {"**": [')
        lines += [f"    {template!r}," for template in theme.sidebars]
        lines.append("]}")
    return "\n".join(lines) + "\n"


def _docstring_safe(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def index_md(answers: Answers) -> str:
    title = " ".join(answers.title.split())
    # The title is the page's text: Markdown in it stays as the writer typed it.
    escaped = re.sub(r"([\\`*_{}\[\]<>()#+!|~$&:])", r"\\\1", title)
    description = " ".join(answers.description.split())
    parts = [f"# {escaped}", ""]
    if description:
        parts += [re.sub(r"([\\`*_{}\[\]<>#|~$&])", r"\\\1", description), ""]
    parts += [
        "```{outcrop-latest}",
        ":limit: 10",
        "```",
        "",
        "```{outcrop-browse}",
        "```",
        "",
    ]
    return "\n".join(parts)


def welcome(answers: Answers, today: dt.date) -> str:
    text = article_text(
        "Welcome",
        today,
        subtitle="The first article of this site: how to write the next one.",
        categories=["Notes"],
        tags=["outcrop"],
    )
    return text + WELCOME_BODY


WELCOME_BODY = """
## Writing an article

Each article is a Markdown file in `articles/`, named `YYYY-MM-DD-slug.md`. The block
between the `---` lines at the top is its front matter: the title, a subtitle, the
date, categories and tags. `outcrop new "A title"` starts one for you.

The body is [MyST Markdown](https://myst-parser.readthedocs.io/): sections start with
`##`, and there are admonitions, figures, tables and math.

:::{tip}
Run `outcrop serve` while you write: the page in your browser reloads when you save.
:::

## Publishing

`outcrop build` writes the site into `_build/html`, ready for any static host or Read
the Docs; `outcrop pdf` typesets every article as a book.
"""

SITE_CSS = """/* The site's own styles, loaded after the theme's (html_css_files in conf.py). */
"""

GITIGNORE = """_build/
.venv/
.tox/
__pycache__/
"""

READTHEDOCS = """# Read the Docs builds the site and its PDF edition (https://docs.readthedocs.io/).
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"
  # The build image has LaTeX; the PDF edition needs these on top of it.
  apt_packages:
    - fonts-freefont-otf
    - fonts-noto-cjk
    - librsvg2-bin
    - xindy

sphinx:
  configuration: conf.py

python:
  install:
    - requirements: requirements.txt

formats:
  - pdf
"""

TOX = """# tox -e html builds the site, tox -e live previews it, tox -e pdf typesets the book.
[tox]
requires = tox >=4.11
env_list = html

[testenv]
skip_install = true
deps = -r requirements.txt

[testenv:html]
description = build the site into _build/html (warnings are errors)
commands = outcrop build -W --keep-going {posargs}

[testenv:live]
description = preview on http://127.0.0.1:8000, reloaded on save
deps =
    -r requirements.txt
    sphinx-autobuild
commands = outcrop serve {posargs}

[testenv:pdf]
description = the PDF edition in _build/pdf
commands = outcrop pdf {posargs}
"""
