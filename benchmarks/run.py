"""Benchmark outcrop against plain Sphinx + MyST on the same generated corpus.

    python benchmarks/run.py --articles N [--runs R] [--out DIR] [--scenarios ...] [--scales 100,1000,10000] [--plot]

For each scale, the corpus is generated twice (``--mode plain`` and ``--mode outcrop``,
same article files). Each scenario is timed R times per mode, plain and outcrop
interleaved, each run a fresh ``python -m sphinx -q -b html`` process; incremental
scenarios restore the same starting state (sources and build) before every run. A
separate untimed run without ``-q`` counts the documents Sphinx re-reads and re-writes
and the HTML files that change. The builds import a copy of the outcrop package taken
at the start (and compiled before any build), so editing outcrop during a run does not
mix two versions and no timed run compiles it. Without ``--runs``, 3 runs per mode and
scenario, 1 from 10,000 articles on. Results are merged into ``OUT/results.json`` and
``OUT/results.md`` (entries of the same scale and scenario are replaced).
"""

from __future__ import annotations

import argparse
import collections
import compileall
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import py_compile
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from generate import MAX_ARTICLES, write_corpus

HERE = Path(__file__).parent
#: Timed runs per mode and scenario without --runs; fewer from LARGE articles on, where a
#: full build takes minutes and one run each is enough (the noise is a smaller share).
RUNS, LARGE, LARGE_RUNS = 3, 10_000, 1
MODES = ("plain", "outcrop")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] ", re.MULTILINE)
WRITE = re.compile(r"^writing output\.\.\. \[\s*\d+%\] ", re.MULTILINE)
TAGS_LINE = re.compile(r"^tags: \[(.*)\]$", re.MULTILINE)
GNU_TIME = Path("/usr/bin/time")
# Fallback when GNU time is missing: a fresh wrapper process whose only child is Sphinx.
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
    "sys.exit(code)\n"
)


class Corpus:
    """One mode's directories: the generated ``corpus``, the working ``src`` and ``build``
    (always at the same paths, which the pickled environment remembers) and ``pristine``,
    a copy of ``build`` after a clean build of the corpus."""

    def __init__(self, root: Path, mode: str, articles: int, seed: int, env: dict[str, str]) -> None:
        self.mode, self.env, self.articles = mode, env, articles
        self.corpus, self.src = root / mode / "corpus", root / mode / "src"
        self.build, self.pristine = root / mode / "build", root / mode / "pristine"
        write_corpus(self.corpus, articles, seed, mode)

    def restore(self, with_build: bool) -> None:
        for path in (self.src, self.build):
            shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(self.corpus, self.src)  # copy2: the sources keep their mtimes
        if with_build:
            shutil.copytree(self.pristine, self.build)


def sphinx(
    corpus: Corpus, jobs: int | None, quiet: bool, make: str = "", extra: tuple[str, ...] = ()
) -> tuple[float, int, str, str, float]:
    """Run one build in a fresh process; return (seconds, peak RSS in KiB, stdout, stderr,
    CPU seconds: user and system time of the build's processes, which other work on a
    shared machine disturbs less than the elapsed time).
    ``make``: ``sphinx-build -M latexpdf`` (LaTeX, then xelatex through latexmk) or
    ``-M epub``; else an HTML build. ``extra``: more sphinx-build options."""
    if make:
        command = [sys.executable, "-m", "sphinx", "-M", make, str(corpus.src), str(corpus.build), "-q"]
    else:
        command = [sys.executable, "-m", "sphinx", "-b", "html", *(["-q"] if quiet else [])]
        command += [*(["-j", str(jobs)] if jobs else []), *extra, str(corpus.src), str(corpus.build)]
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        if GNU_TIME.exists():
            command = [str(GNU_TIME), "-f", "%M %U %S", "-o", rss.name, *command]
        else:
            command = [sys.executable, "-c", RSS_WRAPPER, rss.name, *command]
        start = time.perf_counter()
        env = {**corpus.env, "LATEXOPTS": "-interaction=nonstopmode -halt-on-error"}
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"build failed ({corpus.mode}): {' '.join(command)}\n{done.stderr[-4000:]}")
        usage = rss.read().split()[-3:]
        peak, cpu = int(usage[0]), float(usage[1]) + float(usage[2])
    return seconds, peak, done.stdout, done.stderr, cpu


# Changes: each takes the working source directory and the scenario's target article.


def edit_body(src: Path, target: dict[str, str]) -> None:
    with (src / target["article"]).open("a", encoding="utf-8") as file:
        file.write("\nThis sentence was appended by the benchmark.\n")


def edit_tags(src: Path, target: dict[str, str]) -> None:
    path = src / target["article"]
    text = path.read_text(encoding="utf-8")
    tags = TAGS_LINE.search(text)
    assert tags is not None
    new = ", ".join(target["new_tag"] if t == target["old_tag"] else t for t in tags.group(1).split(", "))
    path.write_text(text[: tags.start(1)] + new + text[tags.end(1) :], encoding="utf-8")


def delete(src: Path, target: dict[str, str]) -> None:
    (src / target["article"]).unlink()


# name: (-j, starting state: None = clean build / "built" = after a clean build, change)
SCENARIOS: dict[str, tuple[int | None, str | None, Callable[[Path, dict[str, str]], None] | None]] = {
    "full-j1": (1, None, None),
    "full-j2": (2, None, None),
    "noop": (None, "built", None),
    "edit-body": (None, "built", edit_body),
    "edit-tags": (None, "built", edit_tags),
    "delete": (None, "built", delete),
    # The PDF edition against a plain ``-M latexpdf`` of the same articles (a toctree of
    # them); not in the default list: at N = 1000 it is a 3000-page book. Use --articles 100.
    "pdf": (None, None, None),
    # The EPUB edition against a plain ``-M epub`` of the same articles.
    "epub": (None, None, None),
    # A full build with Pagefind (outcrop_search = "pagefind") against plain Sphinx; with
    # full-j1 in the same run, the results also give it against outcrop without Pagefind.
    "full-search": (1, None, None),
    # A full build with outcrop's heap freezing off (outcrop_freeze_heap = False): what
    # outcrop costs without its help to Python's cycle collector, which plain Sphinx's
    # objects share.
    "full-nofreeze": (1, None, None),
    # The no-op rebuild the same way (the option is not one a rebuild reads again for).
    "noop-nofreeze": (None, "built", None),
    # A full build that draws a social card for every article (outcrop_card_banners: the
    # corpus's banners are remote, so each card is text only, as for an article without a
    # banner), timed against outcrop with cards off, interleaved in the same run.
    "full-cards": (1, None, None),
}
#: sphinx-build options of a scenario's outcrop builds.
OUTCROP_OPTIONS = {
    "full-search": ("-D", "outcrop_search=pagefind"),
    "full-nofreeze": ("-D", "outcrop_freeze_heap=0"),
    "noop-nofreeze": ("-D", "outcrop_freeze_heap=0"),
    "full-cards": ("-D", "outcrop_card_banners=1"),
}
#: Scenarios timed a third way, interleaved with plain and outcrop (plain, outcrop,
#: baseline, plain, ...): outcrop with these options, the baseline its option is
#: measured against (``vs_outcrop`` = outcrop / baseline).
BASELINES = {"full-cards": ("-D", "outcrop_card_images=0")}
#: The scenario each of those is compared with (outcrop without the option, same run).
WITHOUT_OPTIONS = {"full-search": "full-j1", "full-nofreeze": "full-j1", "noop-nofreeze": "noop"}
#: The scenarios that build an edition, and the make target of each.
EDITIONS = {"pdf": "latexpdf", "epub": "epub"}
DEFAULT_SCENARIOS = [name for name in SCENARIOS if name not in EDITIONS and name not in OUTCROP_OPTIONS]


def tags_of(path: Path) -> list[str]:
    match = TAGS_LINE.search(path.read_text(encoding="utf-8"))
    return match.group(1).split(", ") if match else []


def choose_target(corpus: Path) -> dict[str, str]:
    """The article in the middle of the corpus, the last of its tags, and the tag it gets
    instead: the tenth most frequent tag it does not already have."""
    articles = sorted((corpus / "articles").glob("*.md"))
    counts = collections.Counter(t for p in articles for t in tags_of(p))
    path = articles[len(articles) // 2]
    own = tags_of(path)
    candidates = [t for t, _ in counts.most_common() if t not in own]
    old, new = own[-1], candidates[min(9, len(candidates) - 1)]
    return {
        "article": str(path.relative_to(corpus)),
        "old_tag": old,
        "new_tag": new,
        "old_tag_articles": str(counts[old]),
        "new_tag_articles": str(counts[new]),
    }


def html_files(build: Path) -> dict[str, int]:
    return {
        str(p.relative_to(build)): p.stat().st_mtime_ns for p in build.rglob("*.html") if ".doctrees" not in p.parts
    }


def counted(corpus: Corpus, jobs: int | None, before: dict[str, int]) -> dict[str, object]:
    """An untimed build without ``-q``: what it re-read and re-wrote."""
    _, _, out, err, _ = sphinx(corpus, jobs, quiet=False)
    out = ANSI.sub("", out).replace("\r", "\n")
    after = html_files(corpus.build)
    # Paths relative to the corpus: the results are committed, this machine's folders are not.
    warnings = [
        line.replace(f"{corpus.src}{os.sep}", "")
        for line in ANSI.sub("", err).splitlines()
        if "WARNING" in line or "ERROR" in line
    ]
    pickle = corpus.build / ".doctrees" / "environment.pickle"
    size = pickle.stat().st_size if pickle.is_file() else 0
    return {
        "read": len(READ.findall(out)),
        "written": len(WRITE.findall(out)),
        "html_written": sum(1 for name, mtime in after.items() if before.get(name) != mtime),
        "html_removed": sum(1 for name in before if name not in after),
        "html_files": len(after),
        "warnings": len(warnings),
        "first_warnings": warnings[:3],
        # the pickled build environment after this build: what every rebuild loads first
        "env_pickle_bytes": size,
        "env_pickle_bytes_per_article": size / corpus.articles,
    }


def outcrop_package() -> Path:
    spec = importlib.util.find_spec("outcrop")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("outcrop is not installed")
    return Path(spec.submodule_search_locations[0])


def fingerprint(package: Path) -> str:
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def compile_package(package: Path) -> bool:
    """Write the bytecode of every module of ``package`` that lacks it, as the builds
    (``python -m sphinx``, this interpreter, no ``-O``) read it: otherwise the first
    timed run that imports a module pays for compiling it. True if all compiled."""
    return compileall.compile_dir(
        package, quiet=1, optimize=0, invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP
    )


def uncompiled(package: Path) -> list[Path]:
    """The modules of ``package`` without current bytecode (missing or older than the
    source by the timestamp and size recorded in the ``.pyc``)."""
    missing = []
    for source in package.rglob("*.py"):
        cached = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = cached.read_bytes()[:16]
        except OSError:
            missing.append(source)
            continue
        flags, mtime, size = struct.unpack("<III", header[4:16]) if len(header) == 16 else (0, -1, -1)
        stat = source.stat()
        if flags == 0 and (mtime, size) != (int(stat.st_mtime) & 0xFFFFFFFF, stat.st_size & 0xFFFFFFFF):
            missing.append(source)
    return missing


#: What the builds import from site-packages: the plain side's packages, then outcrop's.
PLAIN_PACKAGES = ["sphinx", "myst_parser", "docutils", "markdown_it", "mdit_py_plugins", "alabaster", "jinja2"]
PLAIN_PACKAGES += ["markupsafe", "pygments", "babel", "yaml", "snowballstemmer", "imagesize", "requests"]
INSTALLED_PACKAGES = [*PLAIN_PACKAGES, "sphinx_design", "linkify_it", "uc_micro", "ftfy", "wcwidth", "feedgen"]
INSTALLED_PACKAGES += ["lxml", "dateutil", "tqdm"]


def check_installed_bytecode(log: Callable[[str], None]) -> int:
    """Compile what the builds import from site-packages if some of it lacks bytecode
    (pip compiles on install; a read-only install cannot be helped), so that no timed run
    pays for compiling it. Returns the number of modules left without bytecode."""
    left = 0
    for name in INSTALLED_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        package = Path(spec.submodule_search_locations[0])
        missing = uncompiled(package)
        if missing:
            log(f"{name}: {len(missing)} modules without bytecode in {package}; compiling them")
            compile_package(package)
            left += len(uncompiled(package))
    if left:
        log(f"note: {left} installed modules still lack bytecode (read-only?): the first run pays for them")
    return left


def snapshot(tmp: Path) -> dict[str, str]:
    """Copy the outcrop package into ``tmp`` and compile it; the environment for builds
    that import the copy."""
    shutil.copytree(outcrop_package(), tmp / "outcrop", ignore=shutil.ignore_patterns("__pycache__"))
    if not compile_package(tmp / "outcrop") or uncompiled(tmp / "outcrop"):
        raise SystemExit("could not compile the copy of outcrop")
    path = os.pathsep.join(filter(None, [str(tmp), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def run_scale(
    articles: int, scenarios: list[str], runs: int, seed: int, env: dict[str, str], log: Callable[[str], None]
) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="outcrop-bench-") as tmp:
        corpora = {mode: Corpus(Path(tmp), mode, articles, seed, env) for mode in MODES}
        target = choose_target(corpora["plain"].corpus)
        clean_counts = {}
        for mode, corpus in corpora.items():  # the starting state of incremental scenarios
            log(f"N={articles} {mode}: clean build for the pristine state")
            corpus.restore(with_build=False)
            clean_counts[mode] = counted(corpus, None, {})
            shutil.copytree(corpus.build, corpus.pristine)
        for name in scenarios:
            jobs, start, change = SCENARIOS[name]

            def prepare(corpus: Corpus, start: str | None = start, change: Callable | None = change) -> None:
                corpus.restore(with_build=start == "built")
                if change is not None:
                    change(corpus.src, target)

            counts: dict[str, dict[str, object]] = {}
            for mode, corpus in corpora.items():
                if name in EDITIONS:
                    counts[mode] = {}
                elif start is None and name not in OUTCROP_OPTIONS:
                    counts[mode] = clean_counts[mode]  # counted serially: -j prints chunks
                elif start is None:
                    counts[mode] = {}
                else:
                    prepare(corpus)
                    counts[mode] = counted(corpus, jobs, html_files(corpus.build))
            modes = (*MODES, "baseline") if name in BASELINES else MODES
            samples: dict[str, list[tuple[float, int]]] = {mode: [] for mode in modes}
            cpu: dict[str, list[float]] = {mode: [] for mode in modes}
            for number in range(runs):
                for mode in modes:  # interleaved: plain, outcrop, (baseline,) plain, outcrop, ...
                    corpus = corpora["outcrop" if mode == "baseline" else mode]
                    prepare(corpus)
                    extra = OUTCROP_OPTIONS.get(name, ()) if mode == "outcrop" else BASELINES.get(name, ())
                    extra = () if mode == "plain" else extra
                    make = EDITIONS.get(name, "")
                    seconds, peak, _, _, used = sphinx(corpus, jobs, quiet=True, make=make, extra=extra)
                    samples[mode].append((seconds, peak))
                    cpu[mode].append(used)
                    if extra and (corpus.build / "_pagefind").is_dir():
                        index = corpus.build / "_pagefind"
                        files = [f for f in index.rglob("*") if f.is_file()]
                        counts[mode]["index_kb"] = sum(f.stat().st_size for f in files) // 1024
                        # the index proper, without the UI's scripts (the same at every size)
                        data = [f for f in files if f.parent != index or f.suffix == ".pf_meta"]
                        counts[mode]["index_data_kb"] = sum(f.stat().st_size for f in data) // 1024
                    log(
                        f"N={articles} {name} {mode} run {number + 1}/{runs}: {seconds:.2f} s "
                        f"({used:.2f} s CPU), {peak / 1024:.0f} MB"
                    )
            entry: dict[str, object] = {"scale": articles, "scenario": name, "runs": runs}
            medians = {mode: statistics.median(s for s, _ in samples[mode]) for mode in MODES}
            for mode in MODES:
                entry[mode] = {
                    "median_s": medians[mode],
                    "times_s": [s for s, _ in samples[mode]],
                    "peak_mb": max(p for _, p in samples[mode]) / 1024,
                    "cpu_s": cpu[mode],
                    **counts[mode],
                }
            entry["ratio"] = medians["outcrop"] / medians["plain"]
            if name in BASELINES:
                baseline = statistics.median(s for s, _ in samples["baseline"])
                entry["baseline"] = {
                    "options": " ".join(BASELINES[name]),
                    "median_s": baseline,
                    "times_s": [s for s, _ in samples["baseline"]],
                    "peak_mb": max(p for _, p in samples["baseline"]) / 1024,
                    "cpu_s": cpu["baseline"],
                }
                entry["vs_outcrop"] = medians["outcrop"] / baseline
                # the same ratio run by run (each run's pair built back to back)
                entry["vs_outcrop_runs"] = [
                    on / off for (on, _), (off, _) in zip(samples["outcrop"], samples["baseline"], strict=True)
                ]
                entry["vs_outcrop_cpu"] = statistics.median(cpu["outcrop"]) / statistics.median(cpu["baseline"])
            base = (
                None
                if name in BASELINES
                else next((r for r in results if r["scenario"] == WITHOUT_OPTIONS.get(name)), None)
            )
            if base is not None:  # against outcrop without the option
                entry["vs_outcrop"] = medians["outcrop"] / base["outcrop"]["median_s"]
            entry["change"] = target if change is not None else {}
            results.append(entry)
    return results


def merge(out: Path, results: list[dict], source: str) -> dict:
    path = out / "results.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"results": []}
    done = {(r["scale"], r["scenario"]) for r in results}
    kept = [r for r in old["results"] if (r["scale"], r["scenario"]) not in done]
    order = list(SCENARIOS)
    merged = sorted(kept + results, key=lambda r: (r["scale"], order.index(r["scenario"])))
    return {"machine": machine(source), "results": merged}


def machine(source: str) -> dict[str, object]:
    versions = {name: metadata.version(name) for name in ("sphinx", "myst-parser", "outcrop", "alabaster")}
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        **versions,
        "outcrop_source": source,
    }


def size(count: int) -> str:
    """``count`` bytes, in kB below a megabyte, else in MB."""
    return f"{count / 1e3:.0f} kB" if count < 1e6 else f"{count / 1e6:.1f} MB"


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"{m['date']}; Python {m['python']}, Sphinx {m['sphinx']}, MyST-Parser {m['myst-parser']}, "
        f"outcrop {m['outcrop']} (source {m.get('outcrop_source', '?')}); {m['cpus']} CPUs, {m['platform']}.",
        "",
        "Medians of the timed runs; ratio = outcrop / plain. Peak = largest peak RSS of a run. "
        "read / written = documents Sphinx re-read / re-wrote; html = HTML files created or "
        "changed (outcrop's generated pages, genindex and search included) / removed.",
    ]
    for scale in sorted({r["scale"] for r in data["results"]}):
        lines += [
            "",
            f"## N = {scale}",
            "",
            "| scenario | runs | plain s | outcrop s | ratio | peak MB plain / outcrop "
            "| read plain / outcrop | written plain / outcrop | html written (removed) plain / outcrop |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        changes = {}
        notes: list[str] = []
        for r in (r for r in data["results"] if r["scale"] == scale):
            p, o = r["plain"], r["outcrop"]
            if "vs_outcrop" in r or "index_kb" in o:  # an outcrop option: against outcrop without it
                lines.append(
                    f"| {r['scenario']} | {r['runs']} | {p['median_s']:.2f} | {o['median_s']:.2f} | {r['ratio']:.2f} "
                    f"| {p['peak_mb']:.0f} / {o['peak_mb']:.0f} | | | |"
                )
                if "index_kb" in o:
                    notes.append(
                        f"{r['scenario']}: outcrop with Pagefind / outcrop without it (full-j1) = "
                        f"{r.get('vs_outcrop', float('nan')):.2f}; search bundle {o.get('index_kb', 0)} kB, of which "
                        f"the index {o.get('index_data_kb', 0)} kB "
                        f"({1000 * o.get('index_data_kb', 0) / scale / 1024:.1f} MB per 1,000 articles)."
                    )
                elif "baseline" in r:
                    b = r["baseline"]
                    notes.append(
                        f"{r['scenario']}: outcrop with {' '.join(OUTCROP_OPTIONS[r['scenario']])} / outcrop with "
                        f"{b['options']} (interleaved in the same run, {b['median_s']:.2f} s) = "
                        f"{r['vs_outcrop']:.2f}; run by run "
                        + ", ".join(f"{v:.2f}" for v in r.get("vs_outcrop_runs", []))
                        + (
                            f"; in CPU time (medians {statistics.median(o['cpu_s']):.2f} / "
                            f"{statistics.median(b['cpu_s']):.2f} s) {r['vs_outcrop_cpu']:.2f}"
                            if "vs_outcrop_cpu" in r
                            else ""
                        )
                        + "."
                    )
                else:
                    notes.append(
                        f"{r['scenario']}: outcrop with {' '.join(OUTCROP_OPTIONS[r['scenario']])} / outcrop "
                        f"without it ({WITHOUT_OPTIONS[r['scenario']]}) = {r.get('vs_outcrop', float('nan')):.2f}."
                    )
                continue
            if "read" not in p:  # the pdf scenario: no counts
                lines.append(
                    f"| {r['scenario']} | {r['runs']} | {p['median_s']:.2f} | {o['median_s']:.2f} | {r['ratio']:.2f} "
                    f"| {p['peak_mb']:.0f} / {o['peak_mb']:.0f} | | | |"
                )
                continue
            lines.append(
                f"| {r['scenario']} | {r['runs']} | {p['median_s']:.2f} | {o['median_s']:.2f} | {r['ratio']:.2f} "
                f"| {p['peak_mb']:.0f} / {o['peak_mb']:.0f} | {p['read']} / {o['read']} "
                f"| {p['written']} / {o['written']} "
                f"| {p['html_written']} ({p['html_removed']}) / {o['html_written']} ({o['html_removed']}) |"
            )
            if r["change"]:
                changes = r["change"]
        if notes:
            lines += ["", *notes]
        full = next(
            (
                r
                for r in data["results"]
                if r["scale"] == scale
                and r["scenario"] in ("full-j1", "full-j2")
                and r["plain"].get("env_pickle_bytes")
            ),
            None,
        )
        if full is not None:
            p, o = full["plain"], full["outcrop"]
            lines += [
                "",
                "Environment pickle after a full build (`.doctrees/environment.pickle`, loaded by every rebuild): "
                f"plain {size(p['env_pickle_bytes'])} ({p['env_pickle_bytes_per_article'] / 1e3:.1f} kB "
                f"per article), outcrop {size(o['env_pickle_bytes'])} "
                f"({o['env_pickle_bytes_per_article'] / 1e3:.1f} kB per article); "
                f"ratio {o['env_pickle_bytes'] / p['env_pickle_bytes']:.2f}.",
            ]
        if changes:
            lines += [
                "",
                f"Changed article: `{changes['article']}`; edit-tags replaces its tag “{changes['old_tag']}” "
                f"({changes['old_tag_articles']} articles) with “{changes['new_tag']}” "
                f"({changes['new_tag_articles']} articles).",
            ]
        warned = [
            f"{r['scenario']} {mode}: {r[mode]['warnings']}"
            for r in data["results"]
            if r["scale"] == scale
            for mode in MODES
            if r[mode].get("warnings")
        ]
        if warned:
            lines += ["", "Warnings in the counted runs: " + ", ".join(warned) + "."]
    return "\n".join(lines) + "\n"


#: The scenarios the plot draws, their colours and the ratio outcrop / plain aimed at (issue #17).
PLOTTED = {"full-j1": ("full build (-j 1)", "tab:blue", 1.10), "noop": ("no-op rebuild", "tab:orange", 1.20)}


def plot(data: dict, path: Path) -> None:
    """Two panels against N (log): the cost per article of each plotted scenario, both
    modes; below, the ratio outcrop / plain with its target as a dashed line."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
        from matplotlib.transforms import blended_transform_factory
    except ImportError:
        print("matplotlib is not installed: no plot")
        return
    figure, (cost_axes, ratio_axes) = plt.subplots(
        2, 1, figsize=(8, 7.5), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    scales: set[int] = set()
    series: dict[str, dict[int, float]] = {}  # scenario: {N: ratio}
    for scenario, (label, colour, target) in PLOTTED.items():
        rows = sorted((r for r in data["results"] if r["scenario"] == scenario), key=lambda r: r["scale"])
        if not rows:
            continue
        x = [r["scale"] for r in rows]
        scales.update(x)
        for mode, style, face in (("plain", ":", "white"), ("outcrop", "-", colour)):
            cost = [1000 * r[mode]["median_s"] / r["scale"] for r in rows]
            cost_axes.plot(x, cost, style, color=colour, marker="o", markerfacecolor=face, label=f"{label}, {mode}")
        series[scenario] = {r["scale"]: r["ratio"] for r in rows}
        ratio_axes.plot(x, [r["ratio"] for r in rows], "-", color=colour, marker="o")
        # the target, named at the right end, just under its line
        ratio_axes.axhline(target, color=colour, linestyle="--", linewidth=1)
        ratio_axes.annotate(
            f"{label} target {target:.2f}",
            (0.99, target),
            xycoords=blended_transform_factory(ratio_axes.transAxes, ratio_axes.transData),
            textcoords="offset points",
            xytext=(0, -3),
            ha="right",
            va="top",
            fontsize="small",
            color=colour,
        )
    # each ratio written by its point: the higher of two at the same N above, the lower below
    for scale in scales:
        values = sorted((r[scale], name) for name, r in series.items() if scale in r)
        for index, (value, name) in enumerate(values):
            above = index == len(values) - 1
            ratio_axes.annotate(
                f"{value:.2f}",
                (scale, value),
                textcoords="offset points",
                xytext=(0, 6 if above else -7),
                ha="center",
                va="bottom" if above else "top",
                fontsize="small",
                color=PLOTTED[name][1],
            )
    ratios = [value for r in series.values() for value in r.values()]
    if not scales:
        plt.close(figure)
        print("no full-j1 or noop results: no plot")
        return
    plain_numbers = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}")
    cost_axes.set(
        yscale="log", ylabel="ms per article (log)", title="Cost per article: outcrop and plain Sphinx + MyST"
    )
    cost_axes.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
    cost_axes.yaxis.set_major_formatter(plain_numbers)
    cost_axes.yaxis.set_minor_formatter(NullFormatter())
    cost_axes.grid(True, which="major", alpha=0.3)
    cost_axes.legend(fontsize="small", ncol=2, loc="best")
    ratio_axes.set(xscale="log", xlabel="articles (log)", ylabel="ratio outcrop / plain")
    low, high = min([1.0, *ratios]), max([1.25, *ratios])
    ratio_axes.set_ylim(low - 0.08, high + 0.1)
    ratio_axes.grid(True, axis="y", alpha=0.3)
    ratio_axes.set_xticks(sorted(scales))
    ratio_axes.xaxis.set_major_formatter(plain_numbers)
    ratio_axes.xaxis.set_minor_formatter(NullFormatter())
    if len(scales) > 1:
        ratio_axes.set_xlim(min(scales) / 1.3, max(scales) * 1.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--scales", help="comma-separated corpus sizes, instead of --articles (e.g. 100,1000,3000)")
    parser.add_argument(
        "--runs",
        type=int,
        help=f"timed runs per mode and scenario (default {RUNS}; {LARGE_RUNS} from N = {LARGE:,} on)",
    )
    parser.add_argument("--scenarios", nargs="+", default=DEFAULT_SCENARIOS, help=", ".join(SCENARIOS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--plot", action="store_true", help="write OUT/scaling.png (needs matplotlib)")
    args = parser.parse_args(argv)
    scenarios = [s for item in args.scenarios for s in item.split(",") if s]
    unknown = sorted(set(scenarios) - set(SCENARIOS))
    if unknown:
        parser.error(f"unknown scenarios {unknown}; choose from {list(SCENARIOS)}")
    scales = [int(s) for s in args.scales.split(",")] if args.scales else [args.articles]
    if not all(0 < scale <= MAX_ARTICLES for scale in scales):
        parser.error(f"corpus sizes between 1 and {MAX_ARTICLES:,} (the number of distinct titles)")
    if args.runs is not None and args.runs < 1:
        parser.error("--runs: at least 1")

    def log(message: str) -> None:
        print(message, flush=True)

    with tempfile.TemporaryDirectory(prefix="outcrop-snapshot-") as tmp:
        env = snapshot(Path(tmp))
        source = fingerprint(Path(tmp) / "outcrop")
        log(f"outcrop source {source} (copied from {outcrop_package()})")
        check_installed_bytecode(log)
        results = []
        for scale in scales:
            runs = args.runs or (LARGE_RUNS if scale >= LARGE else RUNS)
            results += run_scale(scale, scenarios, runs, args.seed, env, log)
    if fingerprint(outcrop_package()) != source:
        log(f"note: outcrop changed during the run; the results are for the copy taken at the start ({source})")
    for r in results:
        r["outcrop_source"] = source
    args.out.mkdir(parents=True, exist_ok=True)
    data = merge(args.out, results, source)
    (args.out / "results.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    table = markdown(data)
    (args.out / "results.md").write_text(table, encoding="utf-8")
    print(table)
    if args.plot:
        plot(data, args.out / "scaling.png")
        # the copy the Performance page shows: only of the committed results
        if args.out.resolve() == (HERE / "results").resolve() and (args.out / "scaling.png").is_file():
            shutil.copyfile(args.out / "scaling.png", HERE.parent / "_static" / "benchmark-scaling.png")


if __name__ == "__main__":
    main()
