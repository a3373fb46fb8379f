"""Importing a Jekyll ``_posts`` folder (``outcrop import SRC DEST``).

Pure planning (:func:`plan_import`) over the files' texts, then a thin writer. Each post
is converted by the same pipeline the Sphinx build runs (:func:`outcrop.article.checks.
check_article`: mojibake, images, kramdown, Liquid), after its front matter is mapped
to outcrop's keys (:func:`map_front_matter`). What the pipeline could not convert is
left as a visible placeholder and listed in the report under "needs a human".
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from outcrop.article.checks import Site, check_article
from outcrop.article.dates import split_filename
from outcrop.article.frontmatter import KNOWN_KEYS, FrontMatter, dump_front_matter, read_article, split_front_matter
from outcrop.article.liquid import LiquidContext, convert_liquid
from outcrop.article.repair import prose_lines
from outcrop.article.slug import titleize
from outcrop.atomic import write_atomic
from outcrop.config import OutcropConfig
from outcrop.problems import Problem, ProblemKind

SUFFIXES = (".md", ".markdown")
#: The order of keys in an imported article's front matter.
KEY_ORDER = (
    "title",
    "subtitle",
    "date",
    "updated",
    "categories",
    "tags",
    "excerpt_image",
    "excerpt_image_alt",
    "author",
    "authors",
    "description",
    "excerpt",
    "layout",
    "published",
    "draft",
)
#: Jekyll keys whose loss changes what readers get: named in the report.
NOTEWORTHY = {
    "permalink": "the article's URL changes: redirect the old URL (Read the Docs has redirects)",
    "redirect_from": "these old URLs are not redirected: set up redirects by hand",
    "redirect_to": "the article pointed elsewhere: check whether to import it at all",
    "excerpt_separator": "listings show the subtitle or excerpt, not the text before the separator",
}
_TOKEN_RE = re.compile(r"\{%-?\s*(?P<tag>[\w-]+)|\{\{-?\s*(?P<var>[\w.-]+)")
_KRAMDOWN_RE = re.compile(r"\{:[^}]*\}|\{::\w+|^\*\[[^\]]+\]:|markdown=[\"']?1")
_ROOT_LINK_RE = re.compile(r"\]\((?P<target>/[^)\s]*)")
_IMAGE_SUFFIX_RE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)


@dataclasses.dataclass
class Post:
    """One file of the Jekyll folder and what the import makes of it."""

    source: str  # relative to SRC, POSIX
    target: str | None = None  # relative to DEST, POSIX; None when not imported
    text: str = ""
    changes: list[str] = dataclasses.field(default_factory=list)
    human: list[Problem] = dataclasses.field(default_factory=list)  # at lines of the target
    notes: list[str] = dataclasses.field(default_factory=list)  # front-matter matters for a human
    skipped: str = ""  # why it is not imported


def target_name(source: str, data: Mapping[str, Any]) -> tuple[str, str]:
    """The target path (``.md``, dated) for ``source`` and a note when it was renamed."""
    folder, name = posixpath.split(source)
    stem = posixpath.splitext(name)[0]
    note = ""
    if split_filename(stem)[0] is None:
        date = data.get("date")
        day = date.date() if isinstance(date, dt.datetime) else date if isinstance(date, dt.date) else None
        if day is None and isinstance(date, str) and re.match(r"\d{4}-\d{2}-\d{2}", date.strip()):
            day = dt.date.fromisoformat(date.strip()[:10])
        if day is not None:
            stem = f"{day.isoformat()}-{stem}"
            note = "named with its front-matter date (Jekyll only publishes posts named YYYY-MM-DD-title)"
        else:
            note = "has no date in its name or front matter: Jekyll did not publish it"
    return posixpath.join(folder, stem + ".md"), note


def map_front_matter(data: Mapping[str, Any], stem: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """Jekyll front matter → outcrop's keys. Returns the new mapping, the changes made
    and notes for a human. Every value is kept: keys with no outcrop meaning move under
    ``jekyll:``."""
    front = FrontMatter(dict(data), {})
    article, _ = read_article(front, docname=stem, zone=dt.UTC)
    rest = dict(data)
    out: dict[str, Any] = {}
    changes: list[str] = []
    notes: list[str] = []

    title = rest.pop("title", None)
    out["title"] = str(title) if title not in (None, "") else titleize(split_filename(stem)[1])
    if "title" not in data:
        changes.append("title taken from the file name")
    for key in ("subtitle", "tagline", "description"):
        if rest.get(key) and isinstance(rest[key], str | int | float):
            out["subtitle"] = str(rest.pop(key))
            if key != "subtitle":
                changes.append(f"{key} → subtitle")
            break
    if "date" in rest:
        out["date"] = rest.pop("date")
    if "last_modified_at" in rest and "updated" not in rest:
        out["updated"] = rest.pop("last_modified_at")
        changes.append("last_modified_at → updated")
    for plural, singular, names in (("categories", "category", article.categories), ("tags", "tag", article.tags)):
        before = [rest.get(plural), rest.get(singular)]
        rest.pop(plural, None)
        rest.pop(singular, None)
        if names:
            out[plural] = list(names)
        if before[1] is not None or isinstance(before[0], str):
            changes.append(f"{singular if before[1] is not None else plural} written as a list of {plural}")
    banner, alt, used = _banner(data)
    for key in used:
        rest.pop(key, None)
    if banner:
        out["excerpt_image"] = banner
        if alt:
            out["excerpt_image_alt"] = alt
        if used[0] != "excerpt_image":
            changes.append(f"{', '.join(used)} → excerpt_image")
    header = data.get("header")
    if isinstance(header, dict):
        leftover = {
            k: v for k, v in header.items() if k not in {"image", "overlay_image", "teaser", "image_description"}
        }
        if leftover:
            rest["header"] = leftover
    layout = rest.pop("layout", None)
    out["layout"] = "post"
    for key in KEY_ORDER:
        if key in rest and key not in out:
            out[key] = rest.pop(key)
    previous = rest.pop("jekyll", None)
    kept = dict(previous) if isinstance(previous, dict) else {}
    moved = {k: rest.pop(k) for k in list(rest) if k not in KNOWN_KEYS or k == "header"}
    if layout not in (None, "post", "article"):
        moved["layout"] = layout
    out.update(rest)
    out = {k: out[k] for k in KEY_ORDER if k in out} | {k: v for k, v in out.items() if k not in KEY_ORDER}
    jekyll = {**kept, **moved}
    if jekyll:
        out["jekyll"] = jekyll
    if moved:
        changes.append(f"kept under jekyll: (no outcrop meaning): {', '.join(moved)}")
    for key, why in NOTEWORTHY.items():
        if key in jekyll:
            notes.append(f"{key}: {why}")
    return out, changes, notes


def _banner(data: Mapping[str, Any]) -> tuple[str, str, list[str]]:
    """The banner path, its alt text and the keys it came from (Jekyll themes' keys)."""
    header = data.get("header") if isinstance(data.get("header"), dict) else {}
    assert isinstance(header, dict)
    candidates: list[tuple[str, Any, Any]] = [
        ("excerpt_image", data.get("excerpt_image"), data.get("excerpt_image_alt")),
        ("image", data.get("image"), None),
        ("header-img", data.get("header-img"), None),
        ("header", header.get("image") or header.get("overlay_image") or header.get("teaser"), None),
    ]
    for key, value, alt in candidates:
        if isinstance(value, dict):
            alt = value.get("alt", alt)
            value = value.get("path", value.get("url"))
        if not isinstance(value, str) or not value.strip():
            continue
        if key == "header":
            alt = header.get("image_description", alt)
        path, _ = convert_liquid(value.strip())
        if key != "excerpt_image" and not re.match(r"^(/|[a-zA-Z][a-zA-Z0-9+.-]*:)", path):
            path = "/" + path  # Jekyll themes read these from the site's root
        used = [key] + (["excerpt_image_alt"] if key == "excerpt_image" and alt else [])
        if key == "image" and isinstance(data.get("image"), dict):
            used = ["image"]
        return path, str(alt or "").strip(), used
    return "", "", []


def inventory(text: str) -> collections.Counter[str]:
    """The Liquid and kramdown constructs of ``text`` (outside fenced code), counted."""
    found: collections.Counter[str] = collections.Counter()
    lines = text.split("\n")
    for number in prose_lines(lines):
        line = lines[number]
        for match in _TOKEN_RE.finditer(line):
            found["{% " + match["tag"] + " %}" if match["tag"] else "{{ " + match["var"] + " }}"] += 1
        for match in _KRAMDOWN_RE.finditer(line.lstrip()):
            found["kramdown " + match.group(0)[:20]] += 1
    return found


def convert_post(
    source: str, raw: bytes, *, config: OutcropConfig, posts: Mapping[str, str], variables: Mapping[str, str]
) -> Post:
    """Convert one Jekyll post (``raw`` bytes of ``SRC/source``)."""
    post = Post(source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        post.changes.append("decoded as Windows-1252: the file was not UTF-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\r\n" in raw.decode("latin-1"):
        post.changes.append("CRLF line ends → LF")
    front, problems = split_front_matter(text)
    body = text.split("\n")[front.length :]
    if problems:  # unreadable front matter: kept as written, for a human
        head = text.split("\n")[: front.length]
        post.human.extend(problems)
        data: dict[str, Any] = {}
    else:
        data, changes, notes = map_front_matter(front.data, posixpath.splitext(posixpath.basename(source))[0])
        post.changes.extend(changes)
        post.notes.extend(notes)
        head = dump_front_matter(data).rstrip("\n").split("\n")
    post.target, renamed = target_name(source, front.data)
    if renamed:
        post.changes.append(renamed)
    text = "\n".join(head + body)
    docname = posixpath.splitext(post.target)[0]
    site = Site(posts=posts, variables=variables)
    before = inventory(text)
    checked = check_article(text, docname, dataclasses.replace(config, article_patterns=["**"]), site)
    post.text = checked.text if checked.text.endswith("\n") else checked.text + "\n"
    for problem in checked.problems:
        if problem.kind is ProblemKind.MOJIBAKE or problem.message.endswith("repaired"):
            post.changes.append(f"line {problem.line}: {problem.message}")
        elif problem.kind is not ProblemKind.DATE or "no date" not in problem.message:
            post.human.append(problem)
    handled = before - inventory(post.text)
    if handled:
        post.changes.append(
            "Liquid and kramdown handled: " + ", ".join(f"{name} ×{n}" for name, n in sorted(handled.items()))
        )
    post.human.extend(_root_links(post.text, posts))
    post.human.sort(key=lambda p: p.line)
    return post


def _root_links(text: str, posts: Mapping[str, str]) -> list[Problem]:
    """Links to site-root URLs (``/about/``): Jekyll pages, not articles of the import."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _ROOT_LINK_RE.finditer(line):
            target = match["target"]
            if not _IMAGE_SUFFIX_RE.search(target.split("#")[0]):
                message = f"link to {target!r}: a URL of the Jekyll site; point it at a page of this site"
                problems.append(Problem(ProblemKind.LINK, message, number))
    return problems


def plan_import(
    files: Mapping[str, bytes], *, config: OutcropConfig, variables: Mapping[str, str] | None = None
) -> list[Post]:
    """Convert every file of a Jekyll folder (``{relative path: bytes}``)."""
    posts: dict[str, str] = {}
    plans: list[Post] = []
    sources = sorted(files)
    readable: list[str] = []
    for source in sources:
        if not source.endswith(SUFFIXES):
            kind = "an HTML post: convert it by hand" if source.endswith((".html", ".htm")) else "not a Markdown post"
            plans.append(Post(source, skipped=kind))
            continue
        readable.append(source)
        text = files[source].decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")
        front, _ = split_front_matter(text)
        target, _ = target_name(source, front.data)
        stem = posixpath.splitext(posixpath.basename(source))[0]
        posts.setdefault(stem, target)
        posts.setdefault(posixpath.splitext(posixpath.basename(target))[0], target)
        posts.setdefault(posixpath.splitext(source)[0], target)  # post_url with a folder: 2019/2019-...
    taken: dict[str, str] = {}
    for source in readable:
        post = convert_post(source, files[source], config=config, posts=posts, variables=variables or {})
        if post.target in taken:
            post.skipped = f"{post.target} would also be written for {taken[post.target]}"
            post.target = None
        else:
            taken[post.target or ""] = source
        plans.append(post)
    return sorted(plans, key=lambda p: p.source)


def report(plans: list[Post], src: str, dest: str, statuses: Mapping[str, str]) -> str:
    """The import report (Markdown): per file, what changed and what needs a human."""
    imported = [p for p in plans if p.target]
    human = sum(len(p.human) + len(p.notes) for p in imported)
    lines = [
        "# Import report",
        "",
        f"From `{src}` to `{dest}`: {len(imported)} posts imported, {len(plans) - len(imported)} files skipped, "
        f"{human} places need a human.",
        "",
    ]
    for post in plans:
        lines.append(f"## {post.source}")
        lines.append("")
        if not post.target:
            lines.extend([f"Skipped: {post.skipped}.", ""])
            continue
        lines.append(f"→ `{post.target}` ({statuses.get(post.source, 'planned')})")
        lines.append("")
        if post.changes:
            lines.append("Changed:")
            lines.extend(f"- {change}" for change in post.changes)
            lines.append("")
        if post.human or post.notes:
            lines.append("Needs a human:")
            lines.extend(f"- front matter: {note}" for note in post.notes)
            lines.extend(f"- line {p.line}: {p.message} [{p.kind}]" for p in post.human)
            lines.append("")
    return "\n".join(lines)


def write_post(dest: Path, post: Post, *, force: bool) -> str:
    """Write one converted post under ``dest``: "written", "unchanged" or "exists"."""
    assert post.target is not None
    path = dest / post.target
    if path.exists():
        if path.read_text(encoding="utf-8", errors="replace") == post.text:
            return "unchanged"
        if not force:
            return "exists"
    write_atomic(path, post.text.encode("utf-8"))
    return "written"


def site_variables(config_text: str) -> dict[str, str]:
    """``site.title``, ``site.description``, ``site.author`` from a ``_config.yml``."""
    import yaml

    try:
        data = yaml.safe_load(config_text)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    variables = {}
    for key in ("title", "description", "author", "tagline"):
        value = data.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str | int | float):
            variables[f"site.{key}"] = str(value)
    return variables


__all__ = ["LiquidContext", "Post", "plan_import", "report", "site_variables", "write_post"]
