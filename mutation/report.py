"""Write mutmut's results as a Markdown table: the score per module and every survivor.

Run after ``mutmut run`` (``tox -e mutation`` runs both), from the repository's root:
``python mutation/report.py mutation/results.md``. It reads the ``.meta`` files mutmut
keeps in ``mutants/`` and asks ``mutmut show`` for each survivor's diff.

Killed: a test failed (or the mutant timed out, or mypy's check caught it). Survived: the
tests that reach the function all passed. No tests: no selected test reaches it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, 36, 37, 152, 255, -24}
SURVIVED = {0}
NO_TESTS = {5, 33}


def status(code: int | None) -> str:
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in NO_TESTS:
        return "no tests"
    return "not checked" if code is None else f"other ({code})"


def main(out: Path) -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("mutation/report.py: no results in mutants/: run `mutmut run` first", file=sys.stderr)
        return 2
    rows, survivors, totals = [], [], Counter[str]()
    for meta in metas:
        module = meta.relative_to("mutants").as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = Counter(status(code) for code in codes.values())
        totals.update(counts)
        tested = counts["killed"] + counts["survived"]
        score = f"{100 * counts['killed'] / tested:.1f}%" if tested else "–"
        rows.append(
            f"| `{module}` | {len(codes)} | {counts['killed']} | {counts['survived']} | "
            f"{counts['no tests']} | {score} |"
        )
        survivors += sorted(name for name, code in codes.items() if status(code) == "survived")
    tested = totals["killed"] + totals["survived"]
    lines = [
        "# Mutation testing results",
        "",
        "Written by `tox -e mutation` (mutmut; see docs/guide/testing.md). Score = killed /",
        "(killed + survived); mutants that no selected test reaches are counted apart.",
        "",
        "| module | mutants | killed | survived | no tests | score |",
        "|---|--:|--:|--:|--:|--:|",
        *rows,
        f"| **all** | {sum(totals.values())} | {totals['killed']} | {totals['survived']} | "
        f"{totals['no tests']} | **{100 * totals['killed'] / max(1, tested):.1f}%** |",
        "",
        f"## Survivors ({len(survivors)})",
        "",
    ]
    for name in survivors:
        shown = subprocess.run(["mutmut", "show", name], capture_output=True, text=True, check=False).stdout
        diff = "\n".join(line for line in shown.splitlines()[1:] if not line.startswith(("---", "+++")))
        lines += [f"### `{name}`", "", "```diff", diff.strip(), "```", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(
        f"mutation: {totals['killed']} killed, {totals['survived']} survived, {totals['no tests']} without tests"
        f" ({100 * totals['killed'] / max(1, tested):.1f}%); written to {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "mutation/results.md")))
