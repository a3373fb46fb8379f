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
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from outcrop.article.checks import (
    MARKDOWN_SUFFIXES,
    Site,
    check_article,
    folder_categories,
    image_uris,
    unpublished,
)
from outcrop.article.dates import get_zone, split_filename
from outcrop.article.frontmatter import KNOWN_KEYS, FrontMatter, dump_front_matter, read_article, split_front_matter
from outcrop.article.liquid import LiquidContext, convert_liquid
from outcrop.article.repair import prose_lines
from outcrop.article.slug import titleize
from outcrop.atomic import write_atomic
from outcrop.config import OutcropConfig
from outcrop.problems import Problem, ProblemKind

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
    "aliases",
)
#: Jekyll keys whose loss changes what readers get: named in the report.
NOTEWORTHY = {
    "redirect_to": "the article pointed elsewhere: check whether to import it at all",
}
#: Keys kept under ``jekyll:``, read by the import only (their meaning is in ``aliases``).
_RECORDED = frozenset({"header", "permalink", "redirect_from", "slug"})
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
    held: str = ""  # why Jekyll did not publish it (imported all the same)


def target_name(source: str, data: Mapping[str, Any]) -> tuple[str, str]:
    """The target path (``.md``, dated) for ``source`` and a note when it was renamed.
    ``_posts`` and ``_drafts`` folders are left out of it (``travel/_posts/x.md`` →
    ``travel/x.md``): their meaning is in the front matter (categories, ``draft``)."""
    folder, name = posixpath.split(source)
    folder = "/".join(p for p in folder.split("/") if p not in {"_posts", "_drafts"})
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


@dataclasses.dataclass(frozen=True)
class JekyllSite:
    """What the import knows of the Jekyll site a post comes from (its ``_config.yml``)."""

    #: The posts' permalink (``collections.posts.permalink``, else ``permalink``).
    permalink: str = "date"
    timezone: str = "UTC"
    #: ``site.title``, ``site.description``... for Liquid variables.
    variables: Mapping[str, str] = dataclasses.field(default_factory=dict)
    baseurl: str = ""
    #: ``excerpt_separator``: written into each post that does not set its own, unless it
    #: is outcrop's default (``<!--more-->``).
    excerpt_separator: str = ""


def map_front_matter(
    data: Mapping[str, Any], stem: str, *, site: JekyllSite = JekyllSite(), path: str = ""
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Jekyll front matter → outcrop's keys. Returns the new mapping, the changes made
    and notes for a human. Every value is kept: keys with no outcrop meaning move under
    ``jekyll:``. ``path`` is the post's path in the Jekyll site (``travel/_posts/x.md``):
    the folders above ``_posts`` are categories, as in Jekyll. The post's old URLs —
    the one Jekyll gave it (``site.permalink`` or its own ``permalink:``) and its
    ``redirect_from:`` — are written to ``aliases:``."""
    front = FrontMatter(dict(data), {})
    try:
        zone = get_zone(site.timezone)
    except ValueError:
        zone = dt.UTC
    article, problems = read_article(
        front,
        docname=stem,
        zone=zone,
        folder_categories=folder_categories(posixpath.splitext(path)[0], ()),
        # A file with aliases is outcrop's already (imported before): its URLs are known.
        permalink="" if "aliases" in data else site.permalink,
    )
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
    # The old URL's parts are in aliases: kept for the record, no longer read.
    moved = {k: rest.pop(k) for k in list(rest) if k not in KNOWN_KEYS or k in _RECORDED}
    if layout not in (None, "post", "article"):
        moved["layout"] = layout
    out.update(rest)
    if article.aliases:
        out["aliases"] = list(article.aliases)
    separator = site.excerpt_separator
    if separator.strip() and separator.strip() != "<!--more-->" and "excerpt_separator" not in out:
        out["excerpt_separator"] = separator
        changes.append("excerpt_separator from _config.yml")
    out = {k: out[k] for k in KEY_ORDER if k in out} | {k: v for k, v in out.items() if k not in KEY_ORDER}
    jekyll = {**kept, **moved}
    if jekyll:
        out["jekyll"] = jekyll
    if moved:
        changes.append(f"kept under jekyll: (no outcrop meaning): {', '.join(moved)}")
    if article.aliases and "aliases" not in data:
        changes.append("old URLs → aliases: " + ", ".join(article.aliases))
    notes += [p.message for p in problems if p.kind is ProblemKind.REDIRECT]
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
    source: str,
    raw: bytes,
    *,
    config: OutcropConfig,
    posts: Mapping[str, str],
    site: JekyllSite = JekyllSite(),
    prefix: str = "",
) -> Post:
    """Convert one Jekyll post (``raw`` bytes of ``SRC/source``; ``prefix`` is SRC's
    path in the Jekyll site, such as ``_posts``)."""
    variables = site.variables
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
        stem = posixpath.splitext(posixpath.basename(source))[0]
        data, changes, notes = map_front_matter(front.data, stem, site=site, path=posixpath.join(prefix, source))
        if _in_folder(posixpath.join(prefix, source), "_drafts") and "draft" not in data:
            data["draft"] = True
            changes.append("a post of _drafts: draft: true (Jekyll builds it only with --drafts)")
        post.changes.extend(changes)
        post.notes.extend(notes)
        head = dump_front_matter(data).rstrip("\n").split("\n")
    post.target, renamed = target_name(source, front.data)
    if renamed:
        post.changes.append(renamed)
    text = "\n".join(head + body)
    docname = posixpath.splitext(post.target)[0]
    before = inventory(text)
    everything = dataclasses.replace(config, article_patterns=["**"])
    checked = check_article(text, docname, everything, Site(posts=posts, variables=variables))
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
    post.held = unpublished(post.text, docname, everything, dt.datetime.now(tz=dt.UTC))
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


def _in_folder(path: str, folder: str) -> bool:
    return folder in path.split("/")[:-1]


def why_not_a_post(path: str) -> str:
    """Why the file at ``path`` is not imported as a post, or ``""``."""
    if not path.endswith(MARKDOWN_SUFFIXES):
        if path.endswith((".html", ".htm")):
            return "an HTML post: convert it by hand"
        return "not a Markdown post (Jekyll's markdown_ext: " + ", ".join(MARKDOWN_SUFFIXES) + ")"
    return ""


def plan_import(
    files: Mapping[str, bytes],
    *,
    config: OutcropConfig,
    variables: Mapping[str, str] | None = None,
    site: JekyllSite | None = None,
    prefix: str = "",
) -> list[Post]:
    """Convert every file of a Jekyll folder (``{relative path: bytes}``); ``prefix``
    is the folder's path in the Jekyll site (``""`` for the site's root, ``_posts``...).

    From a site's root only the files of ``_posts`` and ``_drafts`` folders are posts
    (as Jekyll reads them); every other file is listed in the report as skipped, with
    the reason. Every file is in the plan.
    """
    site = site or JekyllSite(variables=variables or {})
    posts: dict[str, str] = {}
    plans: list[Post] = []
    sources = sorted(files)
    in_site = [posixpath.join(prefix, s) for s in sources]
    from_root = any(_in_folder(p, "_posts") or _in_folder(p, "_drafts") for p in in_site)
    readable: list[str] = []
    for source, path in zip(sources, in_site, strict=True):
        if from_root and not (_in_folder(path, "_posts") or _in_folder(path, "_drafts")):
            plans.append(Post(source, skipped="not in a _posts or _drafts folder: a page of the site, not a post"))
            continue
        reason = why_not_a_post(path)
        if reason:
            plans.append(Post(source, skipped=reason))
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
        post = convert_post(source, files[source], config=config, posts=posts, site=site, prefix=prefix)
        if post.target in taken:
            post.skipped = f"{post.target} would also be written for {taken[post.target]}"
            post.target = None
        else:
            taken[post.target or ""] = source
        plans.append(post)
    return sorted(plans, key=lambda p: p.source)


def report(
    plans: list[Post],
    src: str,
    dest: str,
    statuses: Mapping[str, str],
    images: Mapping[str, list[str]] | None = None,
) -> str:
    """The import report (Markdown): per file, what happened to it (imported, where,
    what changed, what needs a human; skipped and why), then the images copied."""
    imported = [p for p in plans if p.target]
    human = sum(len(p.human) + len(p.notes) for p in imported)
    lines = [
        "# Import report",
        "",
        f"From `{src}` to `{dest}`: {len(imported)} posts imported, {len(plans) - len(imported)} files skipped, "
        f"{human} places need a human.",
        "",
    ]
    images = images or {}
    for outcome, what in (
        ("copied", "copied into the source folder"),
        ("kept", "not copied: a different file is there (--force replaces it)"),
        ("missing", "used by the posts but not in the Jekyll site: copy them by hand"),
        ("no site", "not copied (no site was found: run the import from the site's folder, or give -c): copy them"),
    ):
        if images.get(outcome):
            lines.append(f"Images {what}: " + ", ".join(f"`/{p}`" for p in images[outcome]) + ".")
            lines.append("")
    for post in plans:
        lines.append(f"## {post.source}")
        lines.append("")
        if not post.target:
            lines.extend([f"Skipped: {post.skipped}.", ""])
            continue
        lines.append(f"→ `{post.target}` ({statuses.get(post.source, 'planned')})")
        lines.append("")
        if post.held:
            lines.append(
                f"Not published by Jekyll ({post.held}): imported; outcrop builds it only with "
                "`outcrop_show_drafts` (the live preview), as Jekyll with `--drafts`, `--unpublished`, `--future`."
            )
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


def site_images(text: str) -> list[str]:
    """The images of the Jekyll site an imported post uses: site-root paths
    (``/img/x.png``, ``/assets/images/y.jpg``) of Markdown and HTML images outside
    code, and the banner."""
    front, _ = split_front_matter(text)
    banner = front.data.get("excerpt_image")
    candidates = [urllib.parse.unquote(banner)] if isinstance(banner, str) else []
    candidates += [uri for _, uri in image_uris(text, first_line=front.length, html=True)]
    found: dict[str, None] = {}
    for path in candidates:
        if path.startswith("/") and not path.startswith("//") and _IMAGE_SUFFIX_RE.search(path):
            parts = [p for p in path.split("/") if p]
            if parts and not any(p in {".", ".."} for p in parts):
                found.setdefault("/".join(parts), None)
    return list(found)


def jekyll_site(config_text: str) -> JekyllSite:
    """What a ``_config.yml`` says about the posts: their permalink
    (``collections.posts.permalink`` wins over ``permalink``, default ``date``), the
    time zone their dates are in, ``baseurl``, ``excerpt_separator`` and the site's variables."""
    import yaml

    try:
        data = yaml.safe_load(config_text)
    except yaml.YAMLError:
        return JekyllSite()
    if not isinstance(data, dict):
        return JekyllSite()
    # Every ``site.X`` Liquid can print: the configuration's scalar values (Jekyll's
    # ``site`` drop is the configuration), ``author.name`` for an author mapping.
    variables = {
        f"site.{k}": str(v) for k, v in data.items() if isinstance(v, str | int | float) and not isinstance(v, bool)
    }
    author = data.get("author")
    if isinstance(author, dict) and isinstance(author.get("name"), str):
        variables["site.author"] = author["name"]
    permalink = data.get("permalink")
    collections = data.get("collections")
    posts = collections.get("posts") if isinstance(collections, dict) else None
    if isinstance(posts, dict) and isinstance(posts.get("permalink"), str):
        permalink = posts["permalink"]
    timezone = data.get("timezone")
    baseurl = data.get("baseurl")
    separator = data.get("excerpt_separator")
    return JekyllSite(
        excerpt_separator=separator if isinstance(separator, str) else "",
        permalink=permalink if isinstance(permalink, str) and permalink.strip() else "date",
        timezone=timezone if isinstance(timezone, str) and timezone else "UTC",
        variables=variables,
        baseurl=baseurl if isinstance(baseurl, str) else "",
    )


__all__ = [
    "JekyllSite",
    "LiquidContext",
    "Post",
    "jekyll_site",
    "plan_import",
    "report",
    "write_post",
]
