"""Write mutmut's results as Markdown: the score per module and every survivor.

Run after ``mutmut run`` (``tox -e mutation`` runs both), from the repository's root:
``python mutation/report.py mutation/results.md``. It reads the ``.meta`` files mutmut
keeps in ``mutants/`` and asks ``mutmut show`` for each survivor's diff.

- killed: a test failed (or the mutant timed out);
- equivalent: it survived, and ``mutation/equivalent.toml`` says why no test can tell it
  from the real code (an entry that no longer names a survivor is reported as stale);
- survived: the tests that reach the function all passed: a gap;
- no tests: no test of the selection reaches the function.

Score = killed / (killed + survived); the equivalent ones are left out of both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, 36, 37, 152, 255, -24}
SURVIVED = {0}
NO_TESTS = {5, 33}
EQUIVALENT = Path(__file__).with_name("equivalent.toml")


def status(code: int | None, name: str, equivalent: dict[str, str]) -> str:
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "equivalent" if name in equivalent else "survived"
    if code in NO_TESTS:
        return "no tests"
    return "not checked" if code is None else f"other ({code})"


def score(counts: Counter[str]) -> str:
    tested = counts["killed"] + counts["survived"]
    return f"{100 * counts['killed'] / tested:.1f}%" if tested else "–"


def diff_of(name: str) -> str:
    """The mutant's diff: from mutmut in this process (``mutmut show`` takes most of a
    second to start, for each of hundreds of survivors), else from the command."""
    try:
        from mutmut.__main__ import find_mutant, get_diff_for_mutant

        shown = get_diff_for_mutant(name, path=find_mutant(name).path)
    except Exception:  # another mutmut version: its command still works
        shown = subprocess.run(["mutmut", "show", name], capture_output=True, text=True, check=False).stdout
        shown = "\n".join(shown.splitlines()[1:])
    return "\n".join(line for line in shown.splitlines() if not line.startswith(("---", "+++"))).strip()


def main(out: Path) -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("mutation/report.py: no results in mutants/: run `mutmut run` first", file=sys.stderr)
        return 2
    equivalent: dict[str, str] = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")).get("mutants", {})
    rows, survivors, totals, seen = [], [], Counter[str](), set()
    for meta in metas:
        module = meta.relative_to("mutants").as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        states = {name: status(code, name, equivalent) for name, code in codes.items()}
        seen |= {name for name, state in states.items() if state == "equivalent"}
        counts = Counter(states.values())
        totals.update(counts)
        rows.append(
            f"| `{module}` | {len(codes)} | {counts['killed']} | {counts['equivalent']} | {counts['survived']} | "
            f"{counts['no tests']} | {counts['not checked']} | {score(counts)} |"
        )
        survivors += sorted((n for n, s in states.items() if s == "survived"), key=_order)
    stale = sorted(set(equivalent) - seen)
    lines = [
        "# Mutation testing results",
        "",
        "Written by `tox -e mutation` (mutmut; see docs/guide/testing.md). Score = killed / (killed +",
        "survived); equivalent mutants (`mutation/equivalent.toml`, each with its reason) and mutants",
        "that no selected test reaches are counted apart.",
        "",
        "| module | mutants | killed | equivalent | survived | no tests | not checked | score |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
        *rows,
        f"| **all** | {sum(totals.values())} | {totals['killed']} | {totals['equivalent']} | {totals['survived']} | "
        f"{totals['no tests']} | {totals['not checked']} | **{score(totals)}** |",
        "",
    ]
    if stale:
        lines += ["## Stale equivalence entries", "", *(f"- `{name}`" for name in stale), ""]
    lines += [f"## Survivors ({len(survivors)})", ""]
    for name in survivors:
        lines += [f"### `{name}`", "", "```diff", diff_of(name), "```", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(
        f"mutation: {totals['killed']} killed, {totals['equivalent']} equivalent, {totals['survived']} survived, "
        f"{totals['no tests']} without tests, {totals['not checked']} not checked: score {score(totals)}; "
        f"written to {out}"
    )
    return 0


def _order(name: str) -> tuple[str, int]:
    function, _, number = name.rpartition("__mutmut_")
    return function, int(number) if number.isdigit() else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "mutation/results.md")))
