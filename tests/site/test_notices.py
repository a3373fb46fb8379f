"""Admonitions from front matter, categories and tags; epigraphs; kramdown notices —
in HTML and in LaTeX."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import NOTICE_CLASSES, SiteFactory, article
from outcrop.article.kramdown import NOTICE_KINDS, convert_attribute_lists
from outcrop.article.notices import KINDS, read_notices
from outcrop.problems import ProblemKind
from outcrop.site.admonitions import NODES

CONF = (
    'outcrop_category_admonitions = {"Geohazards": {"kind": "caution", "title": "Stay safe", '
    '"body": "Field work near **active** slopes is dangerous."}}\n'
    'outcrop_tag_admonitions = {"opinion": [{"kind": "note", "body": "An opinion piece."}]}\n'
)
FRONT = """
title: Notices
categories: [Geohazards]
tags: [opinion]
updated: 2024-03-01
update_note: "Added the *2023* data."
admonitions:
  - kind: tip
    body: "A **tip** with a [link](https://www.usgs.gov/)."
  - kind: warning
    title: Read this first
    body: "Custom title."
  - kind: seealso
    body: "See also the archive."
    position: bottom
  - kind: blink
    body: "Unknown kind."
  - kind: note
    body: [not, text]
"""
BODY = """## Section

> “The present is the key to the past.” — James Hutton

Para with a kramdown notice.
{: .notice--danger}

> A Chirpy prompt.
{: .prompt-info }

Styled paragraph.
{: .lead #intro}
"""


@pytest.fixture
def files() -> dict[str, str]:
    return {
        "articles/2024-01-01-notices.md": article(FRONT, BODY),
        "articles/2024-01-02-opt-out.md": article(
            "title: Opt out\ncategories: [Geohazards]\ncategory_admonitions: false"
        ),
        "articles/2024-01-03-empty.md": article("title: Empty\nadmonitions: []"),
    }


def test_html(make_site: SiteFactory, files: dict[str, str]) -> None:
    site = make_site(files, conf=CONF)
    soup = site.soup("articles/2024-01-01-notices")
    body = soup.select_one("div.body") or soup
    admonitions = [
        (
            " ".join(c for c in div["class"] if c not in {"admonition", "outcrop-admonition"}),
            div.select_one(".admonition-title").get_text(),
        )
        for div in body.select("div.admonition")
    ]
    assert admonitions == [
        ("note outcrop-updated", "Updated"),
        ("caution", "Stay safe"),
        ("note", "Note"),
        ("tip", "Tip"),
        ("warning", "Read this first"),
        ("note", "Note"),
        ("danger", "Danger"),
        ("note", "Note"),
        ("seealso", "See also"),
    ]
    divs = body.select("div.admonition")
    assert "revised on March 1, 2024" in divs[0].get_text() and divs[0].select_one("em").get_text() == "2023"
    assert divs[1].select_one("strong").get_text() == "active"
    assert divs[3].select_one('a[href="https://www.usgs.gov/"]').get_text() == "link"
    assert divs[5].get_text(strip=True).endswith("Unknown kind."), "an unknown kind falls back to a note"
    assert "Para with a kramdown notice." in divs[6].get_text()
    assert "A Chirpy prompt." in divs[7].get_text()
    assert divs[-1].find_previous("h2") is not None, "bottom admonitions come after the body"
    header = soup.select_one(".outcrop-header")
    assert header.find_next("div", class_="admonition") is divs[0], "top admonitions follow the header"
    quote = body.select_one("blockquote.epigraph")
    assert quote.select_one(".attribution").get_text() == "—James Hutton"
    assert "{:" not in site.html("articles/2024-01-01-notices")
    assert site.soup("articles/2024-01-02-opt-out").select("div.admonition") == []
    assert site.soup("articles/2024-01-03-empty").select("div.admonition") == []
    warnings = sorted(
        (Path(w["path"]).name, w["line"], w["type"], w["msg"].split(":")[0]) for w in site.outcrop_warnings()
    )
    assert warnings == [
        ("2024-01-01-notices.md", "33", "outcrop.kramdown", "kramdown attribute list {"),
        ("2024-01-01-notices.md", "7", "outcrop.admonition", "admonitions[4]"),
        ("2024-01-01-notices.md", "7", "outcrop.admonition", "admonitions[5]"),
    ]


def test_latex(make_site: SiteFactory, files: dict[str, str]) -> None:
    site = make_site(files, conf=CONF, buildername="latex")
    tex = next(site.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # An admonition with its own title keeps its kind's style in LaTeX too.
    assert r"\begin{sphinxadmonition}{caution}{Stay safe}" in tex
    assert r"\sphinxstylestrong{active}" in tex
    assert r"\begin{sphinxadmonition}{warning}{Read this first}" in tex
    assert r"\begin{sphinxadmonition}{note}{Updated}" in tex
    assert r"\begin{sphinxadmonition}{tip}{Tip:}" in tex
    assert r"\begin{sphinxadmonition}{danger}{Danger:}" in tex
    assert r"\begin{sphinxseealso}" in tex
    assert "James Hutton" in tex and r"\begin{flushright}" in tex
    assert "{:" not in tex


def test_read_notices_bad_inputs() -> None:
    assert read_notices(None, key="admonitions", line=3) == ((), [])
    assert read_notices([], key="admonitions", line=3) == ((), [])
    notices, problems = read_notices("just text", key="admonitions", line=3)
    assert notices == () and [p.kind for p in problems] == [ProblemKind.ADMONITION]
    notices, problems = read_notices(
        [{"kind": "WARNING", "body": "x", "position": "middle"}, {"body": 3}, 7], key="admonitions", line=3
    )
    assert [(n.kind, n.position) for n in notices] == [("warning", "top")]
    assert len(problems) == 3 and all(p.line == 3 for p in problems)


def test_kramdown_needs_a_blank_line_to_open_the_fence() -> None:
    text = "---\nt: 1\n---\nFirst line right after front matter\n{: .notice}\n"
    fixed, problems = convert_attribute_lists(text, first_line=3)
    assert "{:" not in fixed and fixed.count("\n") == text.count("\n")
    assert [p.line for p in problems] == [5]


def test_every_kind_the_reader_accepts_has_a_node() -> None:
    """The article stage names the kinds; the site stage has a node for each, no more."""
    assert tuple(NODES) == KINDS


def test_every_notice_class_in_html(make_site: SiteFactory) -> None:
    """One paragraph per kramdown notice class, built: catches a class shown as the
    wrong admonition (``notice--warning`` as a note...), which no warning reports."""
    assert set(NOTICE_CLASSES) == set(NOTICE_KINDS)
    body = "".join(f"Notice {number}.\n{{: .{name}}}\n\n" for number, name in enumerate(NOTICE_CLASSES))
    site = make_site({"articles/2024-01-01-every-notice.md": article("title: Every notice", body)})
    page = site.soup("articles/2024-01-01-every-notice")
    shown = [
        (div.select_one("p:not(.admonition-title)").get_text(), [c for c in div["class"] if c != "admonition"])
        for div in page.select("div.admonition")
    ]
    assert shown == [(f"Notice {number}.", [kind]) for number, kind in enumerate(NOTICE_CLASSES.values())]
    assert site.outcrop_warnings() == []
