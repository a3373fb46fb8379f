"""The ``outcrop`` command: writer tooling without a Sphinx build.

- ``outcrop new "Title"``: start an article with valid front matter;
- ``outcrop check [PATHS]``: the build's checks (one implementation,
  :mod:`outcrop.article.checks`), ``--fix`` for the safe repairs;
- ``outcrop import SRC DEST``: a Jekyll ``_posts`` folder to outcrop articles;
- ``outcrop schema``: the front matter as JSON Schema;
- ``outcrop pdf``: the PDF edition (:mod:`outcrop.edition.pdf`).

Exit codes: 0 success; 1 problems found, or files refused (exists, would overwrite);
2 usage errors (bad arguments, missing paths); 3 missing programs (``pdf``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from outcrop import __version__
from outcrop.article.checks import MARKDOWN_SUFFIXES, Site, check_article, post_paths, undecodable
from outcrop.article.frontmatter import json_schema
from outcrop.article.model import Article
from outcrop.atomic import write_atomic
from outcrop.cli.fixes import fix_text, unified_diff
from outcrop.config import PREFIX, OutcropConfig, validated
from outcrop.problems import Problem, ProblemKind
from outcrop.site.taxonomy import build_taxonomy

OK, PROBLEMS, USAGE = 0, 1, 2
#: Show progress on standard error for runs over this many files.
PROGRESS_FROM = 50


class Settings:
    """The site's settings as ``outcrop`` needs them: conf.py read, no build."""

    def __init__(self, confdir: Path | None, source: Path) -> None:
        self.source = source
        self.messages: list[str] = []
        raw: dict[str, Any] = {}
        if confdir is not None:
            from sphinx.config import Config
            from sphinx.util.tags import Tags

            config = Config.read(confdir.resolve(), overrides={}, tags=Tags())
            raw = dict(config._raw_config)
        values, self.messages = validated({k: v for k, v in raw.items() if k.startswith(PREFIX)})
        self.config = OutcropConfig(**values)
        self.project = str(raw.get("project", ""))
        self.author = str(raw.get("author", ""))
        self.substitutions = frozenset(str(k) for k in raw.get("myst_substitutions", {}) or {})


def _find_confdir(explicit: str | None, source: Path) -> Path | None:
    if explicit:
        return Path(explicit)
    for candidate in (Path("conf"), source):
        if (candidate / "conf.py").is_file():
            return candidate
    return None


def _default_source() -> Path:
    return Path("docs") if Path("docs").is_dir() else Path(".")


def _markdown_files(paths: Sequence[Path]) -> Iterator[tuple[Path, Path | None]]:
    """Each Markdown file under ``paths`` with the folder it was found in (None for a
    file named explicitly)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in MARKDOWN_SUFFIXES and found.is_file() and not _hidden(found.relative_to(path)):
                    yield found, path
        else:
            yield path, None


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_build")) for part in relative.parts)


def _docname(path: Path, source: Path) -> str:
    try:
        relative = path.resolve().relative_to(source.resolve())
    except ValueError:
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def _printable(text: str) -> str:
    """A file name as text any terminal can print (undecodable bytes as ``\\xff``)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _progress(done: int, total: int, what: str, quiet: bool) -> None:
    if not quiet and total >= PROGRESS_FROM and (done % 25 == 0 or done == total):
        print(f"outcrop: {what} {done}/{total}", file=sys.stderr)


# -- outcrop new -----------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    from outcrop.cli.newarticle import article_name, article_text, create_article

    if not " ".join(args.title.split()):
        print("outcrop new: the title is empty", file=sys.stderr)
        return USAGE
    try:
        for value in [args.title, args.subtitle, *args.category, *args.tag]:
            value.encode("utf-8")
    except UnicodeEncodeError:
        print("outcrop new: the arguments are not valid text in the terminal's encoding", file=sys.stderr)
        return USAGE
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print(f"outcrop new: --date {args.date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return USAGE
    name = article_name(args.title, day)
    text = article_text(
        args.title, day, subtitle=args.subtitle, categories=args.category, tags=args.tag, draft=args.draft
    )
    try:
        path = create_article(Path(args.dir), name, text)
    except FileExistsError:
        if not (Path(args.dir) / name).exists():
            print(f"outcrop new: {args.dir} is not a folder", file=sys.stderr)
            return USAGE
        print(f"outcrop new: {Path(args.dir) / name} exists; not overwritten", file=sys.stderr)
        return PROBLEMS
    except OSError as exc:
        print(f"outcrop new: cannot write the article: {exc}", file=sys.stderr)
        return USAGE
    print(path)
    return OK


# -- outcrop check ---------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    source = Path(args.source) if args.source else _default_source()
    paths = [Path(p) for p in args.paths] or [source]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"outcrop check: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return USAGE
    settings = Settings(_find_confdir(args.conf, source), source)
    for message in settings.messages:
        print(f"outcrop check: {message}", file=sys.stderr)
    files = list(_markdown_files(paths))
    everything = [p for p, _ in _markdown_files([source])] if source.is_dir() else []
    site = Site(
        source.resolve(),
        post_paths([Path(_docname(p, source)).as_posix() + p.suffix for p in everything + [f for f, _ in files]]),
        {"site.title": settings.project, "site.author": settings.author},
        settings.substitutions,
    )
    results: list[tuple[str, Problem]] = []
    articles: dict[str, tuple[str, Article]] = {}
    for done, (path, folder) in enumerate(files, start=1):
        _progress(done, len(files), "checked", args.quiet)
        shown = _printable(path.as_posix())
        found, article = _check_file(path, folder, settings, site, args)
        results.extend((shown, problem) for problem in found)
        if article is not None:
            articles[article.docname] = (shown, article)
    taxonomy = build_taxonomy(
        [a for _, a in articles.values()],
        now=dt.datetime.now(dt.UTC),
        show_drafts=settings.config.show_drafts,
        merge_case=settings.config.merge_case_variants,
    )
    for located in taxonomy.problems:
        results.append((articles[located.docname][0], located.problem))
    results.sort(key=lambda r: (r[0], r[1].line))
    _print_problems(results, args.format, sys.stdout)
    if not args.quiet:
        print(
            f"outcrop check: {len(results)} problems in {len({r[0] for r in results})} of {len(files)} files",
            file=sys.stderr,
        )
    return PROBLEMS if results else OK


def _check_file(
    path: Path, folder: Path | None, settings: Settings, site: Site, args: argparse.Namespace
) -> tuple[list[Problem], Article | None]:
    source = settings.source
    if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
        message = "this file is a link to a file outside the source directory; it is not read or published"
        return [Problem(ProblemKind.OUTSIDE, message)], None
    data = path.read_bytes()
    problem = undecodable(data)
    if problem is not None:
        return [problem], None
    text = data.decode("utf-8")
    config = settings.config
    if folder is None:  # a file named on the command line is checked as an article
        config = OutcropConfig(**{**config.__dict__, "article_patterns": ["**"]})
    docname = _docname(path, source)
    checked = check_article(text, docname, config, site, local_images=True)
    if args.fix and checked.article is not None:  # pages the build does not repair are left alone
        fixed, _ = fix_text(text)
        if fixed != text:
            diff = unified_diff(text, fixed, path.as_posix())
            print(diff, end="", file=sys.stdout if args.format == "text" else sys.stderr)
            if not args.dry_run:  # with --dry-run the problems shown are the file's as it is
                _write_fixed(path, fixed, backup=args.backup)
                checked = check_article(fixed, docname, config, site, local_images=True)
    return list(checked.problems), checked.article


def _write_fixed(path: Path, text: str, *, backup: bool) -> None:
    if backup:
        path.with_name(path.name + ".orig").write_bytes(path.read_bytes())
    write_atomic(path, text.encode("utf-8"))


def _print_problems(results: list[tuple[str, Problem]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        rows = [{"path": path, "line": p.line, "code": str(p.kind), "message": p.message} for path, p in results]
        json.dump(rows, out, indent=2)  # ASCII: valid whatever the terminal and the file names
        out.write("\n")
        return
    for path, problem in results:
        out.write(f"{path}:{problem.line}: {problem.kind} {problem.message}\n")


# -- outcrop import --------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from outcrop.cli.jekyll import plan_import, report, site_variables, write_post

    src, dest = Path(args.src), Path(args.dest)
    if not src.is_dir():
        print(f"outcrop import: {src} is not a folder", file=sys.stderr)
        return USAGE
    settings = Settings(_find_confdir(args.conf, _default_source()) if args.conf else None, _default_source())
    files = {
        p.relative_to(src).as_posix(): p.read_bytes()
        for p in sorted(src.rglob("*"))
        if p.is_file() and not _hidden(p.relative_to(src)) and not p.resolve().is_relative_to(dest.resolve())
    }
    jekyll_config = next((c for c in (src / "_config.yml", src.parent / "_config.yml") if c.is_file()), None)
    variables = site_variables(jekyll_config.read_text(encoding="utf-8", errors="replace")) if jekyll_config else {}
    plans = plan_import(files, config=settings.config, variables=variables)
    statuses: dict[str, str] = {}
    writable = [p for p in plans if p.target]
    for done, post in enumerate(writable, start=1):
        _progress(done, len(writable), "imported", args.quiet)
        statuses[post.source] = "not written (--dry-run)" if args.dry_run else write_post(dest, post, force=args.force)
        if not args.quiet:
            print(f"{post.source} → {dest / (post.target or '')}: {statuses[post.source]}", file=sys.stderr)
    text = report(plans, src.as_posix(), dest.as_posix(), statuses)
    if args.report == "-" or args.dry_run:
        print(text)
    else:
        Path(args.report).write_text(text + "\n", encoding="utf-8")
    refused = [s for s, status in statuses.items() if status == "exists"]
    human = sum(len(p.human) + len(p.notes) for p in writable)
    if not args.quiet:
        written = sum(1 for s in statuses.values() if s == "written")
        print(
            f"outcrop import: {written} written, {len(writable) - written - len(refused)} unchanged or planned, "
            f"{len(refused)} refused (exist; --force overwrites), {len(plans) - len(writable)} skipped; "
            f"{human} places need a human" + ("" if args.report == "-" or args.dry_run else f" (see {args.report})"),
            file=sys.stderr,
        )
    return PROBLEMS if refused else OK


# -- outcrop schema ---------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    source = _default_source()
    settings = Settings(_find_confdir(args.conf, source) if args.conf else None, source)
    text = json.dumps(json_schema(frozenset(settings.config.extra_keys)), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return OK


# -- the parser --------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="outcrop",
        description="Writer tooling for outcrop article sites. Exit codes: 0 success, 1 problems found or "
        "files refused, 2 usage error, 3 missing programs.",
    )
    main.add_argument("--version", action="version", version=f"outcrop {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new",
        help="start an article",
        description="Create YYYY-MM-DD-slug.md with valid front matter; never overwrites a file.",
    )
    new.add_argument("title", help="the article's title")
    new.add_argument("--category", action="append", default=[], metavar="C", help="a category (repeatable)")
    new.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    new.add_argument("--subtitle", default="", help="a subtitle")
    new.add_argument("--draft", action="store_true", help="mark it as a draft (listed nowhere)")
    new.add_argument("--date", help="publication date, YYYY-MM-DD (default: today)")
    new.add_argument("--dir", default="docs/articles", help="folder of the articles (default: %(default)s)")
    new.set_defaults(run=cmd_new)

    check = commands.add_parser(
        "check",
        help="check articles without a build",
        description="Check articles as the Sphinx build does (front matter, mojibake, images, links, Liquid, "
        "kramdown, slugs, titles) and print path:line: code message. Exit 1 when there are problems.",
    )
    check.add_argument("paths", nargs="*", help="files or folders (default: the source folder)")
    check.add_argument("-c", "--conf", help="folder of conf.py (default: conf/ or the source folder)")
    check.add_argument("--source", help="the site's source folder (default: docs/ if present, else .)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--fix", action="store_true", help="repair what is safe to repair and show the diff")
    check.add_argument("--dry-run", action="store_true", help="with --fix: show the diff, change nothing")
    check.add_argument("--backup", action="store_true", help="with --fix: keep the original as FILE.orig")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary or progress on standard error")
    check.set_defaults(run=cmd_check)

    imp = commands.add_parser(
        "import",
        help="import a Jekyll _posts folder",
        description="Convert the Markdown posts of a Jekyll _posts folder (recursively) into outcrop articles "
        "in DEST, and write a report of what changed and what needs a human.",
    )
    imp.add_argument("src", help="the Jekyll _posts folder")
    imp.add_argument("dest", help="the folder of the articles, e.g. docs/articles")
    imp.add_argument("--force", action="store_true", help="overwrite files in DEST that differ")
    imp.add_argument("--dry-run", action="store_true", help="write nothing; print the report")
    imp.add_argument(
        "--report", default="outcrop-import-report.md", help="report file, - for standard output (default: %(default)s)"
    )
    imp.add_argument("-c", "--conf", help="folder of the site's conf.py (time zone, extra keys)")
    imp.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    imp.set_defaults(run=cmd_import)

    schema = commands.add_parser(
        "schema",
        help="print the front matter's JSON Schema",
        description="Print the JSON Schema of an article's "
        "front matter (for editors: VS Code's YAML extension, JetBrains...).",
    )
    schema.add_argument("-c", "--conf", help="folder of conf.py: adds its outcrop_extra_keys")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.set_defaults(run=cmd_schema)

    pdf = commands.add_parser(
        "pdf",
        help="build the PDF edition",
        description="outcrop pdf SOURCEDIR OUTPUTDIR [-c CONFDIR] [sphinx-build "
        "options]: the PDF edition through xelatex and latexmk.",
        add_help=False,
    )
    pdf.add_argument("arguments", nargs=argparse.REMAINDER)
    pdf.set_defaults(run=lambda a: _pdf(a.arguments))
    return main


def _pdf(arguments: list[str]) -> int:
    from outcrop.edition import pdf

    return pdf.main(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


if __name__ == "__main__":
    sys.exit(main())
