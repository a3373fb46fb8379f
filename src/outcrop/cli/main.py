"""The ``outcrop`` command: what a writer runs, from a new site to a published one.

- ``outcrop init [DIR]``: a new site that builds at once (:mod:`outcrop.cli.scaffold`);
- ``outcrop new "Title"``: start an article with valid front matter;
- ``outcrop check [PATHS]``: the build's checks of every article (one implementation,
  :mod:`outcrop.article.checks`), ``--fix`` for the safe repairs;
- ``outcrop build`` / ``outcrop serve``: ``sphinx-build`` / ``sphinx-autobuild`` with
  the project's folders;
- ``outcrop import SRC [DEST]``: a Jekyll ``_posts`` folder to outcrop articles;
- ``outcrop schema``: the front matter as JSON Schema;
- ``outcrop pdf``: the PDF edition (:mod:`outcrop.edition.pdf`);
- ``outcrop epub``: the EPUB edition (:mod:`outcrop.edition.epub`).

Every command but ``init`` and ``schema`` works on the project found from the current
folder upwards (:mod:`outcrop.cli.project`), or the one ``-c`` names.

Exit codes: 0 success; 1 problems found, nothing to check, or files refused (exists,
would overwrite); 2 usage errors (bad arguments, missing paths, no project); 3 missing
programs (``pdf``, ``serve``).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from outcrop import __version__
from outcrop.article.checks import Site, check_article, post_paths, undecodable
from outcrop.article.frontmatter import json_schema
from outcrop.article.model import Article
from outcrop.atomic import write_atomic
from outcrop.cli.fixes import fix_text, unified_diff
from outcrop.cli.project import Project, ProjectError, load_project, located
from outcrop.problems import Problem, ProblemKind
from outcrop.site.taxonomy import build_taxonomy

OK, PROBLEMS, USAGE, MISSING = 0, 1, 2, 3
#: Show progress on standard error for runs over this many files.
PROGRESS_FROM = 50
T = TypeVar("T")


def _project(command: str, args: argparse.Namespace) -> Project | None:
    """The project the command works on, or None after saying why on standard error."""
    try:
        return load_project(getattr(args, "conf", None), getattr(args, "source", None))
    except ProjectError as exc:
        print(f"outcrop {command}: {exc}", file=sys.stderr)
        return None


def _shown(path: Path | str) -> str:
    """A path as the writer typed it: relative to the current folder when inside it."""
    path = Path(path)
    if not path.is_absolute():
        return _printable(path.as_posix())
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return _printable(path.as_posix())
    return _printable((path if relative.parts[:1] == ("..",) else relative).as_posix())


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_build")) for part in relative.parts)


def _printable(text: str) -> str:
    """A file name as text any terminal can print (undecodable bytes as ``\\xff``)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _progress(items: Sequence[T], what: str, quiet: bool) -> Iterator[T]:
    """``items``, with a progress bar on a terminal, or a line every 25 items otherwise
    (long runs only)."""
    if quiet or len(items) < PROGRESS_FROM:
        yield from items
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, desc=f"outcrop: {what}", unit="file", file=sys.stderr, leave=False)
        return
    for done, item in enumerate(items, start=1):
        yield item
        if done % 25 == 0 or done == len(items):
            print(f"outcrop: {what} {done}/{len(items)}", file=sys.stderr)


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
    if args.dir is None:  # the first folder of the site's article patterns
        project = _project("new", args)
        if project is None:
            return USAGE
        folder = project.article_dir
    else:
        folder = Path(args.dir)
    name = article_name(args.title, day)
    text = article_text(
        args.title, day, subtitle=args.subtitle, categories=args.category, tags=args.tag, draft=args.draft
    )
    try:
        path = create_article(folder, name, text)
    except FileExistsError:
        if not (folder / name).exists():
            print(f"outcrop new: {_shown(folder)} is not a folder", file=sys.stderr)
            return USAGE
        print(f"outcrop new: {_shown(folder / name)} exists; not overwritten", file=sys.stderr)
        return PROBLEMS
    except OSError as exc:
        print(f"outcrop new: cannot write the article: {exc}", file=sys.stderr)
        return USAGE
    print(_shown(path))
    return OK


# -- outcrop check ---------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"outcrop check: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return USAGE
    project = _project("check", args)
    if project is None:
        return USAGE
    for message in project.messages:
        print(f"outcrop check: {message}", file=sys.stderr)
    documents = {d: p for d, p in project.documents.items() if p.name.endswith(project.markdown_suffixes)}
    selected, refused = _selected(project, documents, [Path(p) for p in args.paths])
    for path, reason in refused:
        print(f"outcrop check: {_shown(path)}: {reason}; not checked", file=sys.stderr)
    site = Site(
        project.srcdir,
        post_paths([p.relative_to(project.srcdir).as_posix() for p in documents.values()]),
        {"site.title": str(project.values["project"] or ""), "site.author": str(project.values["author"] or "")},
        frozenset(str(k) for k in project.values.get("myst_substitutions") or {}),
    )
    results: list[tuple[str, Problem]] = []
    articles: dict[str, tuple[str, Article]] = {}
    named = {docname for docname, _, explicit in selected if explicit}
    for docname, path, _ in _progress(selected, "checked", args.quiet):
        shown = _shown(path)
        found, article = _check_file(docname, path, project, site, args)
        if article is None and not found:
            if docname in named:
                print(f"outcrop check: {shown}: {_not_article(project)}; not checked", file=sys.stderr)
                refused.append((path, "not an article"))
            continue
        results.extend((shown, problem) for problem in found)
        if article is not None:
            articles[article.docname] = (shown, article)
    from outcrop.site.build import build_now

    now = build_now(project.config)
    taxonomy = build_taxonomy(
        [a for _, a in articles.values()],
        now=now,
        show_drafts=project.config.show_drafts,
        merge_case=project.config.merge_case_variants,
    )
    for found_problem in taxonomy.problems:
        results.append((articles[found_problem.docname][0], found_problem.problem))
    results.sort(key=lambda r: (r[0], r[1].line))
    _print_problems(results, args.format, sys.stdout)
    if not articles and not results:
        where = ", ".join(_shown(p) for p in args.paths) if args.paths else _shown(project.srcdir)
        print(f"outcrop check: no articles to check in {where} ({_not_article(project)})", file=sys.stderr)
        return PROBLEMS
    if not args.quiet:
        files = len({r[0] for r in results})
        checked = _count(len(articles), "article")
        summary = f"{_count(len(results), 'problem')} in {files} of {checked}" if results else f"{checked}, no problems"
        print(f"outcrop check: {summary} ({_shown(project.srcdir)})", file=sys.stderr)
        held = [
            (shown, reason)
            for shown, a in sorted(articles.values(), key=lambda v: v[0])
            if (reason := a.unpublished(now))
        ]
        if held and not project.config.show_drafts:
            print(
                f"outcrop check: {_count(len(held), 'article')} not published (a build writes no page for them; "
                "outcrop_show_drafts builds them): " + ", ".join(f"{shown} ({reason})" for shown, reason in held),
                file=sys.stderr,
            )
    return PROBLEMS if results or refused else OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _not_article(project: Project) -> str:
    patterns = ", ".join(project.config.article_patterns) or "none"
    return f"articles are the Markdown documents matching outcrop_article_patterns ({patterns}) or with layout: post"


def _selected(
    project: Project, documents: dict[str, Path], paths: list[Path]
) -> tuple[list[tuple[str, Path, bool]], list[tuple[Path, str]]]:
    """The documents to check — (docname, path, named on the command line) — and the
    paths that name none, with the reason."""
    if not paths:
        return [(d, p, False) for d, p in documents.items()], []
    chosen: dict[str, tuple[str, Path, bool]] = {}
    refused: list[tuple[Path, str]] = []
    srcdir = project.srcdir
    for path in paths:
        absolute = located(path)
        if not absolute.is_relative_to(srcdir) and not srcdir.is_relative_to(absolute):
            refused.append((path, f"not in the site's source folder ({_shown(srcdir)})"))
        elif path.is_dir():
            for docname, source in documents.items():
                if source.is_relative_to(absolute):
                    chosen.setdefault(docname, (docname, source, False))
        else:
            named = next((d for d, source in documents.items() if source == absolute), None)
            if named is None:
                refused.append((path, "not a Markdown document of the site (excluded, or not a source suffix)"))
            else:
                chosen[named] = (named, documents[named], True)
    return sorted(chosen.values()), refused


def _check_file(
    docname: str, path: Path, project: Project, site: Site, args: argparse.Namespace
) -> tuple[list[Problem], Article | None]:
    if not path.resolve().is_relative_to(project.srcdir.resolve()):
        message = "this file is a link to a file outside the source directory; it is not read or published"
        return [Problem(ProblemKind.OUTSIDE, message)], None
    data = path.read_bytes()
    problem = undecodable(data)
    if problem is not None:
        return [problem], None
    text = data.decode("utf-8")
    config = project.config
    checked = check_article(text, docname, config, site, local_images=True)
    if args.fix and checked.article is not None:  # pages the build does not repair are left alone
        fixed, _ = fix_text(text)
        if fixed != text:
            diff = unified_diff(text, fixed, _shown(path))
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
    from outcrop.cli.jekyll import JekyllSite, jekyll_site, plan_import, report, site_images, write_post
    from outcrop.config import OutcropConfig

    src = Path(args.src)
    if not src.is_dir():
        print(f"outcrop import: {args.src} is not a folder", file=sys.stderr)
        return USAGE
    project: Project | None = None
    if args.conf is not None or args.dest is None:
        project = _project("import", args)
        if project is None:
            return USAGE
    dest = Path(args.dest) if args.dest is not None else project.article_dir  # type: ignore[union-attr]
    config = project.config if project is not None else OutcropConfig()
    files = {
        p.relative_to(src).as_posix(): p.read_bytes()
        for p in sorted(src.rglob("*"))
        if p.is_file() and not _hidden(p.relative_to(src)) and not p.resolve().is_relative_to(dest.resolve())
    }
    # The Jekyll site: SRC itself, or a folder above it (SRC is its _posts, or
    # travel/_posts); SRC's path in it gives the posts' folder categories.
    here = src.resolve()
    jekyll_config = next((d / "_config.yml" for d in [here, *here.parents][:4] if (d / "_config.yml").is_file()), None)
    site = jekyll_site(jekyll_config.read_text(encoding="utf-8", errors="replace")) if jekyll_config else JekyllSite()
    prefix = here.relative_to(jekyll_config.parent).as_posix() if jekyll_config else ""
    if not jekyll_config and src.name == "_posts":
        prefix = "_posts"
    plans = plan_import(files, config=config, site=site, prefix="" if prefix == "." else prefix)
    statuses: dict[str, str] = {}
    writable = [p for p in plans if p.target]
    for post in _progress(writable, "imported", args.quiet):
        statuses[post.source] = "not written (--dry-run)" if args.dry_run else write_post(dest, post, force=args.force)
        if not args.quiet and len(writable) < PROGRESS_FROM:
            print(f"{post.source} → {_shown(dest / (post.target or ''))}: {statuses[post.source]}", file=sys.stderr)
    images = _copy_images(
        [p.text for p in writable], jekyll_config.parent if jekyll_config else src, project, args, site_images
    )
    text = report(plans, src.as_posix(), dest.as_posix(), statuses, images)
    folder = project.confdir / "_build" if project is not None else Path.cwd()
    report_path = Path(args.report) if args.report else folder / "outcrop-import-report.md"
    if args.report == "-" or args.dry_run:
        print(text)
    else:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(text + "\n", encoding="utf-8")
    refused = [s for s, status in statuses.items() if status == "exists"]
    human = sum(len(p.human) + len(p.notes) for p in writable)
    if not args.quiet and images["copied"] and project is not None:
        print(
            f"outcrop import: {len(images['copied'])} images copied into the source folder ({_shown(project.srcdir)})",
            file=sys.stderr,
        )
    if not args.quiet:
        written = sum(1 for s in statuses.values() if s == "written")
        print(
            f"outcrop import: {written} written, {len(writable) - written - len(refused)} unchanged or planned, "
            f"{len(refused)} refused (exist; --force overwrites), {len(plans) - len(writable)} skipped; "
            f"{human} places need a human"
            + ("" if args.report == "-" or args.dry_run else f" (see {_shown(report_path)})"),
            file=sys.stderr,
        )
    return PROBLEMS if refused else OK


def _copy_images(
    texts: Sequence[str],
    root: Path,
    project: Project | None,
    args: argparse.Namespace,
    find: Callable[[str], list[str]],
) -> dict[str, list[str]]:
    """Copy the Jekyll site's images the imported posts use (``/img/x.png``) to the same
    paths in the site's source folder, where outcrop's build finds them. Only files
    inside the Jekyll site; an existing different file is kept unless ``--force``.
    Returns the paths by outcome ("copied", "unchanged", "kept", "missing")."""
    import shutil

    outcome: dict[str, list[str]] = {"copied": [], "unchanged": [], "kept": [], "missing": [], "no site": []}
    wanted = sorted({path for text in texts for path in find(text)})
    if project is None:  # DEST named without a site: where the source folder is is unknown
        outcome["no site"] = wanted
        return outcome
    root = root.resolve()
    for path in wanted:
        source = (root / path).resolve()
        target = project.srcdir / path
        if not source.is_relative_to(root) or not source.is_file():
            outcome["missing"].append(path)
        elif target.is_file() and target.read_bytes() == source.read_bytes():
            outcome["unchanged"].append(path)
        elif target.exists() and not args.force:
            outcome["kept"].append(path)
        else:
            if not args.dry_run:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            outcome["copied"].append(path)
    return outcome


# -- outcrop schema ---------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    extra: frozenset[str] = frozenset()
    if args.conf is not None:
        project = _project("schema", args)
        if project is None:
            return USAGE
        extra = frozenset(project.config.extra_keys)
    text = json.dumps(json_schema(extra), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return OK


# -- outcrop init -----------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from outcrop.cli.scaffold import Answers, check_answers, normal_url, site_files

    folder = Path(args.dir)
    if (folder / "conf.py").exists():
        print(
            f"outcrop init: {_shown(folder / 'conf.py')} exists: this is a Sphinx project already. "
            "Add 'outcrop' to its extensions (see the Getting started page); nothing was written.",
            file=sys.stderr,
        )
        return PROBLEMS
    if folder.exists() and not folder.is_dir():
        print(f"outcrop init: {_shown(folder)} is not a folder", file=sys.stderr)
        return USAGE
    interactive = not args.yes and sys.stdin.isatty()
    defaults = {
        "title": args.title or _titled(folder),
        "author": args.author if args.author is not None else "",
        "language": args.language or "en",
        "timezone": args.timezone or _local_zone(),
        "url": args.url if args.url is not None else "",
        "theme": args.theme or "furo",
    }
    if interactive:
        asked = {k: v for k, v in defaults.items() if getattr(args, k) is None}
        for key, question in _QUESTIONS.items():
            if key in asked:
                defaults[key] = _ask(question, defaults[key])
    answers = Answers(
        title=defaults["title"],
        author=defaults["author"],
        language=defaults["language"],
        timezone=defaults["timezone"],
        url=defaults["url"].strip(),
        theme=defaults["theme"],
        description=args.description or "",
        readthedocs=args.readthedocs,
        tox=args.tox,
    )
    problems = check_answers(answers)
    if problems:
        print("outcrop init: " + "; ".join(problems) + "; nothing was written", file=sys.stderr)
        return USAGE
    answers = dataclasses.replace(answers, url=normal_url(answers.url))
    written, kept = [], []
    for name, text in site_files(answers, dt.date.today()).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
                handle.write(text)
            written.append(name)
        except FileExistsError:
            kept.append(name)
    print(f"outcrop: a new site in {_shown(folder)}: {', '.join(written)}")
    if kept:
        print(f"outcrop: kept as they were (not overwritten): {', '.join(kept)}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"  cd {_shown(folder)}\n"
    print(
        "Next:\n" + go + '  outcrop new "My first article"   # start an article\n'
        "  outcrop serve                    # preview it, reloaded on save\n"
        "  outcrop build                    # the site, in _build/html"
    )
    return OK


_QUESTIONS = {
    "title": "Site title",
    "author": "Author",
    "language": "Language (en, de, pt_BR...)",
    "timezone": "Time zone",
    "url": "Published address (empty if not known yet)",
    "theme": "Theme (furo, alabaster, pydata_sphinx_theme, sphinx_book_theme, shibuya, sphinx_rtd_theme, none)",
}


def _ask(question: str, default: str) -> str:
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{question}{shown}: ").strip()
    except EOFError:
        return default
    return answer or default


def _titled(folder: Path) -> str:
    name = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else "My site"


def _local_zone() -> str:
    """The machine's IANA time zone, when it says (``TZ``, ``/etc/localtime``), else UTC."""
    zone = os.environ.get("TZ", "").lstrip(":")
    if not zone:
        try:
            target = os.readlink("/etc/localtime")
        except OSError:
            target = ""
        zone = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(zone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return "UTC"
    return zone or "UTC"


# -- outcrop build / serve / pdf ---------------------------------------------------


def _sphinx_options(args: argparse.Namespace) -> list[str]:
    """The sphinx-build options given to build, serve or pdf, in sphinx-build's spelling."""
    options = [*("-W" for _ in [0] if args.warnings_are_errors), *("--keep-going" for _ in [0] if args.keep_going)]
    options += ["-n"] if args.nitpicky else []
    options += ["-q"] if args.quiet else []
    options += ["-v"] * args.verbose
    options += ["-E"] if args.fresh_env else []
    options += ["-a"] if args.write_all else []
    for define in args.define:
        options += ["-D", define]
    return options + list(args.sphinx_args)


def _output(project: Project, args: argparse.Namespace, name: str) -> Path:
    return Path(args.output) if args.output else project.confdir / "_build" / name


def cmd_build(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main

    project = _project("build", args)
    if project is None:
        return USAGE
    out = _output(project, args, args.builder)
    # The doctrees (Sphinx's environment, outcrop's bookkeeping and caches) beside the
    # output, as sphinx-build -M puts them: never inside the folder that is published.
    doctrees = project.confdir / "_build" / "doctrees"
    argv = ["-b", args.builder, "-j", args.jobs, "-d", str(doctrees), "-c", str(project.confdir)]
    argv += [str(project.srcdir), str(out)]
    status = build_main([*argv, *_sphinx_options(args)])
    if status == 0 and not args.quiet:
        print(
            f"outcrop: the site is in {_shown(out)}"
            + (f"; open {_shown(out / 'index.html')}" if args.builder == "html" else "")
        )
    return status


def cmd_serve(args: argparse.Namespace) -> int:
    project = _project("serve", args)
    if project is None:
        return USAGE
    if importlib.util.find_spec("sphinx_autobuild") is None:
        print("outcrop serve: the live preview needs sphinx-autobuild: pip install 'outcrop[live]'", file=sys.stderr)
        return MISSING
    out = _output(project, args, "live")
    command = [sys.executable, "-m", "sphinx_autobuild", str(project.srcdir), str(out), "-c", str(project.confdir)]
    command += ["--host", args.host, "--port", str(args.port)]
    if not args.no_drafts:
        command += ["-D", "outcrop_show_drafts=1"]
    if not args.search:  # Pagefind re-indexes the whole site after every saved change
        command += ["-D", "outcrop_search=sphinx"]
    if project.confdir != project.srcdir:
        command += ["--watch", str(project.confdir)]
    command += _sphinx_options(args)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return OK


def cmd_pdf(args: argparse.Namespace) -> int:
    from outcrop.edition import pdf

    return _edition(args, "pdf", pdf.main)


def cmd_epub(args: argparse.Namespace) -> int:
    from outcrop.edition import epub

    return _edition(args, "epub", epub.main)


def _edition(args: argparse.Namespace, name: str, run: Callable[[list[str]], int]) -> int:
    if args.sourcedir is not None and args.outputdir is not None:
        conf = ["-c", args.conf] if args.conf else []
        return run([args.sourcedir, args.outputdir, *conf, *_sphinx_options(args)])
    if args.sourcedir is not None:
        print(f"outcrop {name}: give both SOURCEDIR and OUTPUTDIR, or neither (the project's)", file=sys.stderr)
        return USAGE
    project = _project(name, args)
    if project is None:
        return USAGE
    out = _output(project, args, name)
    return run([str(project.srcdir), str(out), "-c", str(project.confdir), *_sphinx_options(args)])


# -- the parser --------------------------------------------------------------------


def _project_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-c", "--conf", metavar="FOLDER", help="the folder of the site's conf.py (default: found from here upwards)"
    )
    command.add_argument(
        "--source", metavar="FOLDER", help="the site's source folder (default: conf.py's, or its outcrop_srcdir)"
    )


def _sphinx_arguments(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group("sphinx-build options (anything after -- is passed on as it is)")
    group.add_argument("-W", dest="warnings_are_errors", action="store_true", help="turn warnings into errors")
    group.add_argument("--keep-going", action="store_true", help="with -W: report every warning before failing")
    group.add_argument("-n", dest="nitpicky", action="store_true", help="warn about every missing reference")
    group.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    group.add_argument("-v", dest="verbose", action="count", default=0, help="more output (repeatable)")
    group.add_argument("-E", dest="fresh_env", action="store_true", help="read every document again")
    group.add_argument("-a", dest="write_all", action="store_true", help="write every page again")
    group.add_argument(
        "-D", dest="define", action="append", default=[], metavar="NAME=VALUE", help="override a conf.py value"
    )
    command.set_defaults(sphinx_args=[])


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="outcrop",
        description="Write, check and publish an outcrop article site. Exit codes: 0 success, 1 problems "
        "found or files refused, 2 usage error or no site found, 3 missing programs.",
    )
    main.add_argument("--version", action="version", version=f"outcrop {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    init = commands.add_parser(
        "init",
        help="start a new site",
        description="Write a new site into DIR (conf.py, index.md, an example article, _static/, .gitignore, "
        "requirements.txt) that builds at once. On a terminal it asks for what the flags do not say. "
        "Never overwrites a file; refuses a folder that holds a conf.py.",
    )
    init.add_argument("dir", nargs="?", default=".", help="the new site's folder (default: this one)")
    init.add_argument("--title", help="the site's title (default: the folder's name)")
    init.add_argument("--author", help="the author, for the copyright line and feeds")
    init.add_argument("--language", help="the site's language, e.g. en, de, pt_BR (default: en)")
    init.add_argument("--timezone", help="the site's IANA time zone (default: this machine's)")
    init.add_argument("--url", help="the published address, for feeds, sitemap and social cards")
    init.add_argument(
        "--theme",
        help="furo (default), alabaster, pydata_sphinx_theme, sphinx_book_theme, shibuya, "
        "sphinx_rtd_theme, or none (Sphinx's own)",
    )
    init.add_argument("--description", help="one line about the site (home page, PDF cover)")
    init.add_argument("--readthedocs", action="store_true", help="also write .readthedocs.yaml (HTML and PDF)")
    init.add_argument("--tox", action="store_true", help="also write tox.ini (html, live, pdf)")
    init.add_argument(
        "-y", "--yes", action="store_true", help="ask nothing: the defaults for what the flags do not say"
    )
    init.set_defaults(run=cmd_init)

    new = commands.add_parser(
        "new",
        help="start an article",
        description="Create YYYY-MM-DD-slug.md with valid front matter in the site's article folder (the first "
        "of outcrop_article_patterns); never overwrites a file.",
    )
    new.add_argument("title", help="the article's title")
    new.add_argument("--category", action="append", default=[], metavar="C", help="a category (repeatable)")
    new.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    new.add_argument("--subtitle", default="", help="a subtitle")
    new.add_argument("--draft", action="store_true", help="mark it as a draft (listed nowhere)")
    new.add_argument("--date", help="publication date, YYYY-MM-DD (default: today)")
    new.add_argument("--dir", help="write it into this folder instead of the site's article folder")
    _project_options(new)
    new.set_defaults(run=cmd_new)

    check = commands.add_parser(
        "check",
        help="check articles without a build",
        description="Check the site's articles as the Sphinx build does (front matter, mojibake, images, links, "
        "Liquid, kramdown, slugs, titles) and print path:line: code message. Exit 1 when there are problems "
        "or nothing to check.",
    )
    check.add_argument("paths", nargs="*", help="files or folders of the site (default: every article)")
    _project_options(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--fix", action="store_true", help="repair what is safe to repair and show the diff")
    check.add_argument("--dry-run", action="store_true", help="with --fix: show the diff, change nothing")
    check.add_argument("--backup", action="store_true", help="with --fix: keep the original as FILE.orig")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary or progress on standard error")
    check.set_defaults(run=cmd_check)

    build = commands.add_parser(
        "build",
        help="build the site",
        description="sphinx-build with the site's folders: the site goes into _build/html beside conf.py.",
    )
    _project_options(build)
    build.add_argument("-b", "--builder", default="html", help="Sphinx builder (default: %(default)s)")
    build.add_argument(
        "-o", "--output", metavar="FOLDER", help="output folder (default: _build/BUILDER beside conf.py)"
    )
    build.add_argument("-j", "--jobs", default="auto", help="parallel processes (default: %(default)s)")
    _sphinx_arguments(build)
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser(
        "serve",
        help="preview the site, reloaded on save",
        description="sphinx-autobuild with the site's folders: a live preview (drafts shown) that reloads the "
        "browser when a file is saved. Needs outcrop[live].",
    )
    _project_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("-o", "--output", metavar="FOLDER", help="output folder (default: _build/live beside conf.py)")
    serve.add_argument("--no-drafts", action="store_true", help="preview as published: drafts left out")
    serve.add_argument(
        "--search",
        action="store_true",
        help="index with Pagefind when the site sets outcrop_search = 'pagefind' (default: Sphinx's search, "
        "which costs nothing per saved change)",
    )
    _sphinx_arguments(serve)
    serve.set_defaults(run=cmd_serve)

    imp = commands.add_parser(
        "import",
        help="import a Jekyll _posts folder",
        description="Convert the Markdown posts of a Jekyll _posts folder (recursively) into outcrop articles "
        "in DEST, and write a report of what changed and what needs a human.",
    )
    imp.add_argument("src", help="the Jekyll _posts folder")
    imp.add_argument("dest", nargs="?", help="the folder of the articles (default: the site's article folder)")
    imp.add_argument("--force", action="store_true", help="overwrite files in DEST that differ")
    imp.add_argument("--dry-run", action="store_true", help="write nothing; print the report")
    imp.add_argument(
        "--report",
        default=None,
        help="report file, - for standard output (default: outcrop-import-report.md in the site's _build "
        "folder, else in the current folder: never where Sphinx would read it as a page)",
    )
    _project_options(imp)
    imp.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    imp.set_defaults(run=cmd_import)

    schema = commands.add_parser(
        "schema",
        help="print the front matter's JSON Schema",
        description="Print the JSON Schema of an article's "
        "front matter (for editors: VS Code's YAML extension, JetBrains...).",
    )
    schema.add_argument("-c", "--conf", metavar="FOLDER", help="folder of conf.py: adds its outcrop_extra_keys")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.set_defaults(run=cmd_schema)

    _edition_command(
        commands,
        "pdf",
        cmd_pdf,
        help="build the PDF edition",
        description="The PDF edition through xelatex and latexmk, into _build/pdf beside conf.py (or "
        "OUTPUTDIR). Needs the LaTeX packages the error message names when they are missing.",
    )
    _edition_command(
        commands,
        "epub",
        cmd_epub,
        help="build the EPUB edition",
        description="The EPUB edition (EPUB 3), into _build/epub beside conf.py (or OUTPUTDIR), checked "
        "with epubcheck when it is installed (Debian: epubcheck).",
    )
    return main


def _edition_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    run: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
) -> None:
    edition = commands.add_parser(name, help=help, description=description)
    edition.add_argument("sourcedir", nargs="?", help="the source folder (default: the site's)")
    edition.add_argument("outputdir", nargs="?", help=f"the output folder (default: _build/{name} beside conf.py)")
    _project_options(edition)
    edition.add_argument("-o", "--output", metavar="FOLDER", help=argparse.SUPPRESS)
    _sphinx_arguments(edition)
    edition.set_defaults(run=run)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    passed: list[str] = []
    if "--" in arguments[1:] and arguments and arguments[0] in {"build", "serve", "pdf", "epub"}:
        at = arguments.index("--")
        arguments, passed = arguments[:at], arguments[at + 1 :]
    args = parser().parse_args(arguments)
    if passed:
        args.sphinx_args = passed
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


if __name__ == "__main__":
    sys.exit(main())
