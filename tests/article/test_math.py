"""kramdown-era math made MyST's, the checks that keep a formula from stopping the
book, and control characters: pure functions on the source text."""

from __future__ import annotations

import pytest

from outcrop.article.math import convert_math, formula_problem, math_macros
from outcrop.article.repair import MAX_LIST_DEPTH, flatten_deep_lists, remove_control_characters
from outcrop.problems import ProblemKind


def test_a_display_block_holding_an_environment_loses_its_dollars() -> None:
    text = "Before.\n\n$$\\begin{equation} E = mc^2 \\label{eq:e} \\end{equation}$$\n\nAfter."
    assert convert_math(text) == "Before.\n\n\\begin{equation} E = mc^2 \\label{eq:e} \\end{equation}\n\nAfter."


def test_a_multi_line_display_block_keeps_its_lines() -> None:
    text = "$$\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n$$\n"
    converted = convert_math(text)
    assert "$$" not in converted
    assert "\\begin{align}" in converted and "\\end{align}" in converted
    assert converted.count("\n") == text.count("\n")  # warnings keep their lines


def test_inline_double_dollars_become_single_and_escapes_are_undone() -> None:
    assert convert_math("the set $$\\\\{0, 1\\\\}$$ and $$\\Sigma^{\\*}$$ here") == (
        "the set $\\{0, 1\\}$ and $\\Sigma^{*}$ here"
    )


def test_eqref_in_the_text_becomes_math() -> None:
    assert convert_math("As \\eqref{eq:e} shows.") == "As $\\eqref{eq:e}$ shows."
    assert convert_math("As $\\eqref{eq:e}$ shows.") == "As $\\eqref{eq:e}$ shows."


def test_code_is_left_alone() -> None:
    text = "```latex\n$$\\begin{equation} x \\end{equation}$$\n```\n\nInline `$$a\\*b$$` code."
    assert convert_math(text) == text


def test_myst_math_is_unchanged() -> None:
    text = "Inline $a_b$ and\n\n$$\nx = \\frac{1}{2}\n$$\n"
    assert convert_math(text) == text


@pytest.mark.parametrize(
    ("latex", "problem"),
    [
        ("\\frac{1}{", "an opening brace that is never closed"),
        ("a}", "a closing brace without its opening one"),
        ("\\left( x", "\\left and \\right do not pair"),
        ("\\begin{matrix} a", "\\begin{matrix} is never closed"),
        ("\\begin{a} x \\end{b}", "\\end{b} does not close the environment it should"),
        ("a $ b", "a $ inside the formula"),
    ],
)
def test_formulas_no_context_can_save_are_named(latex: str, problem: str) -> None:
    assert formula_problem(latex) == problem


@pytest.mark.parametrize(
    "latex", ["\\{0, 1\\}", "\\left\\{ x \\right.", "\\begin{cases} a \\\\ b \\end{cases}", "\\$5"]
)
def test_valid_formulas_pass(latex: str) -> None:
    assert formula_problem(latex) == ""


def test_control_characters_are_removed_one_problem_per_line() -> None:
    text = "title: Back\bspace\nclean line\nbell\x07 and\x1b escape\ttab kept\r\n\ufeffbom kept"
    cleaned, problems = remove_control_characters(text)
    assert cleaned == "title: Backspace\nclean line\nbell and escape\ttab kept\r\n\ufeffbom kept"
    assert [(p.kind, p.line) for p in problems] == [
        (ProblemKind.CONTROL_CHARACTER, 1),
        (ProblemKind.CONTROL_CHARACTER, 3),
    ]
    assert problems[1].message == "control character removed: U+0007, U+001B"
    assert remove_control_characters("plain\ttext\n") == ("plain\ttext\n", [])


def test_lists_deeper_than_the_limit_are_lifted_keeping_every_item_and_line() -> None:
    from markdown_it import MarkdownIt

    text = "Intro\n\n" + "".join("  " * i + f"- level {i + 1}\n" for i in range(12)) + "\nAfter.\n"
    flat, problems = flatten_deep_lists(text)
    assert flat.count("\n") == text.count("\n")
    html = MarkdownIt("commonmark").render(flat)
    assert all(f"<li>level {i}\n" in html or f"<li>level {i}</li>" in html for i in range(1, 13))
    assert html.count("<ul>") == MAX_LIST_DEPTH
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.NESTING, 3 + MAX_LIST_DEPTH)]
    assert flatten_deep_lists(flat) == (flat, [])
    shallow = "- a\n  - b\n\n        code, not a list\n"
    assert flatten_deep_lists(shallow) == (shallow, [])


def test_mathjax_macros_become_latex_that_may_stand_anywhere() -> None:
    text = (
        "\\require{mathtools}\n\\DeclareMathOperator{\\opp}{p}\n\\DeclareMathOperator*{\\argmax}{arg\\,max}\n"
        "\\newcommand{\\pof}[1]{\\opp(#1)}\n\\newcommand\\R{\\mathbb{R}}\n\\newcommand{\\MidSymbol}[1][]{\\:#1\\:}\n"
        "\\newcommand{\\c}{x}\n\\newcommand{\\bad}{\\frac{1}{}\n"
    )
    assert math_macros(text) == [
        "\\providecommand{\\opp}{}\\renewcommand{\\opp}{\\operatorname{p}}",
        "\\providecommand{\\argmax}{}\\renewcommand{\\argmax}{\\operatorname*{arg\\,max}}",
        "\\providecommand{\\pof}{}\\renewcommand{\\pof}[1]{\\opp(#1)}",
        "\\providecommand{\\R}{}\\renewcommand{\\R}{\\mathbb{R}}",
        "\\providecommand{\\MidSymbol}{}\\renewcommand{\\MidSymbol}[1][]{\\:#1\\:}",
    ]  # \\c is LaTeX's cedilla: kept; \\bad does not parse: left out
