"""Jekyll Liquid → MyST (outcrop.liquid): what is converted, what is left, and lines."""

from __future__ import annotations

import pytest

from conftest import SiteFactory, article
from outcrop.article.liquid import LiquidContext, convert_liquid
from outcrop.problems import ProblemKind

POSTS = LiquidContext(
    docname="articles/2020-01-01-here",
    posts={"2019-05-02-there": "articles/2019-05-02-there.md", "2018-01-01-deep": "articles/old/2018-01-01-deep.md"},
    variables={"page.title": "Rocks *and* [minerals]", "site.title": "Strike & Dip"},
    substitutions=frozenset({"rock"}),
)


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ("[a]({{ site.url }}{{ site.baseurl }}/2019/05/02/there.html)", "[a](2019-05-02-there.md)"),
        ("[a]({{ site.baseurl }}/geology/2019/05/02/there/#part)", "[a](2019-05-02-there.md#part)"),
        ("[a]({% post_url 2018-01-01-deep %})", "[a](old/2018-01-01-deep.md)"),
        ("[a]({% link _posts/2019-05-02-there.md %})", "[a](2019-05-02-there.md)"),
        ('![x]({{ "/assets/x.png" | relative_url }})', "![x](/assets/x.png)"),
        ("{{ page.title }} on {{ site.title }}", "Rocks \\*and\\* \\[minerals\\] on Strike & Dip"),
        ("A {% raw %}{{ page.title }}{% endraw %} tag", "A \\{\\{ page.title }} tag"),
        ('{% include figure image_path="/a.png" alt="Cliff" caption="It\'s 30 m" %}', '![Cliff](/a.png "It\'s 30 m")'),
        ('{% include video id="abc_1" provider="vimeo" %}', "[Video](https://vimeo.com/abc_1)"),
        ("{% gist me/0123abc %}", "[Gist me/0123abc](https://gist.github.com/me/0123abc)"),
        ("A {{ rock }} flow", "A {{ rock }} flow"),  # a MyST substitution, not Liquid
        ("Code `{{ page.title }}` stays", "Code `{{ page.title }}` stays"),
    ],
)
def test_converted(liquid: str, myst: str) -> None:
    text, problems = convert_liquid(liquid, POSTS)
    assert (text, problems) == (myst, [])


def test_blocks_keep_the_lines_after_them() -> None:
    source = "\n".join(
        [
            "{% highlight ruby linenos %}",
            "puts '{{ not liquid }}'",
            "{% endhighlight %}",
            "",
            "{% comment %}",
            "private note",
            "{% endcomment %}",
            "{% include toc %}",
            "",
            "Line ten {% if x %}",
        ]
    )
    text, problems = convert_liquid(source, POSTS)
    lines = text.split("\n")
    assert lines[:3] == ["```{code-block} ruby", ":linenos:", "puts '{{ not liquid }}'"]
    assert lines[4:7] == ["%", "% private note", "%"]
    assert len(lines) == 10 and lines[9].startswith("Line ten {liquid}`")
    assert [(p.kind, p.line) for p in problems] == [(ProblemKind.LIQUID, 10)]


def test_fenced_code_and_unknown_tags() -> None:
    source = "```liquid\n{% for p in site.posts %}\n```\n{% for p in site.posts %}\n<p>{{ page.url }}</p>\n"
    text, problems = convert_liquid(source, POSTS)
    assert text.split("\n")[1] == "{% for p in site.posts %}"  # code is code
    assert text.split("\n")[3] == "{liquid}`{% for p in site.posts %}`"
    assert 'data-liquid="&#123;&#123; page.url }}"' in text  # inside raw HTML: an HTML placeholder
    assert [p.line for p in problems] == [4, 5]
    again, problems_again = convert_liquid(text, POSTS)  # idempotent; placeholders still reported
    assert again == text and [p.line for p in problems_again] == [4, 5]


def test_missing_post_is_unwrapped_and_reported() -> None:
    text, problems = convert_liquid("See [it]({% post_url 2000-01-01-gone %}).", POSTS)
    assert text == "See it{liquid}`{% post_url 2000-01-01-gone %}`."
    assert "no post '2000-01-01-gone'" in problems[0].message


def test_jekyll_post_dropped_into_a_site(make_site: SiteFactory) -> None:
    """The build converts Liquid in place: warnings keep the file's lines."""
    body = (
        "## S\n\n{% highlight python linenos %}\nx = 1\n{% endhighlight %}\n\n"
        "[Back]({% post_url 2024-01-01-first %}) {% include unknown.html %}\n\n![x](gone.png)\n"
    )
    site = make_site(
        {
            "articles/2024-01-01-first.md": article("title: First"),
            "articles/2024-01-02-second.md": article("title: Second", body),
        }
    )
    page = site.soup("articles/2024-01-02-second")
    assert page.find("a", href="2024-01-01-first.html") is not None
    assert page.find("span", class_="outcrop-liquid").get_text() == "[not converted from Jekyll]"
    assert page.find("table", class_="highlighttable") or page.select(".linenos")
    lines = {(w["line"], w["type"]) for w in site.outcrop_warnings()}
    assert lines == {("11", "outcrop.liquid")}
    # the code block took one more line and gave back the blank line after it
    assert "2024-01-02-second.md:13: WARNING: image file not readable" in site.warnings
