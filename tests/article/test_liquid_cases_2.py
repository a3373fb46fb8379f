"""Jekyll Liquid → MyST, more cases: include arguments, problem messages, the table of
contents and comments, multi-line tags, indented code and lists, ``raw`` (outcrop.article.liquid)."""

from __future__ import annotations

import pytest

from outcrop.article.liquid import LiquidContext, convert_liquid

CONTEXT = LiquidContext(
    docname="articles/here",
    posts={"2019-05-02-there": "articles/2019-05-02-there.md"},
    variables={"page.title": 'Say "hi" & <go>'},
)
NO_MYST = "has no MyST equivalent; a placeholder is shown"
TITLE_MD = 'Say "hi" & \\<go\\>'
TITLE_HTML = 'Say "hi" &amp; &lt;go&gt;'


def convert(source: str, context: LiquidContext = CONTEXT) -> tuple[str, list[tuple[int, str]]]:
    """The converted text and its problems as (line, message)."""
    text, problems = convert_liquid(source, context)
    return text, [(p.line, p.message) for p in problems]


def placeholder(source: str, summary: str, line: int = 1) -> tuple[str, list[tuple[int, str]]]:
    """What an unconverted one-line tag gives: a placeholder and a problem."""
    return f"{{liquid}}`{source}`", [(line, f"Liquid {summary} {NO_MYST}")]


# -- includes, gists, videos, post links ----------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ('{% include video id="x1" %}', "[Video](https://www.youtube.com/watch?v=x1)"),
        ('{% include video.html id="x1" provider="Vimeo" %}', "[Video](https://vimeo.com/x1)"),
        ("{% youtube x1 %}", "[Video](https://www.youtube.com/watch?v=x1)"),
        ("See {% post_url 2019-05-02-there %}.", "See 2019-05-02-there.md."),
        ("See {% link _posts/2019-05-02-there.md %}.", "See 2019-05-02-there.md."),
        ("[a]({% post_url  2019-05-02-there %})", "[a](2019-05-02-there.md)"),
        ("[a](/2019/05/02/there.html)", "[a](2019-05-02-there.md)"),
        ("[a](/2001/01/01/gone.html)", "[a](/2001/01/01/gone.html)"),
        (
            '{% include figure image_path="/a.png" caption=\'say "hi" \\ bye\' %}',
            '![](/a.png "say \\"hi\\" \\\\ bye")',
        ),
    ],
)
def test_converted_tags(liquid: str, myst: str) -> None:
    """Videos (YouTube by default, provider in any case), post links outside a link, known
    permalinks, and a caption with quotes and backslashes escaped for the image title."""
    assert convert(liquid) == (myst, [])


def test_post_link_from_an_article_at_the_root() -> None:
    """A post link from a document at the source root is relative to the root."""
    context = LiquidContext(docname="index", posts=CONTEXT.posts)
    assert convert("See {% post_url 2019-05-02-there %}.", context) == ("See articles/2019-05-02-there.md.", [])


@pytest.mark.parametrize(
    ("liquid", "summary"),
    [
        ('{% include video id="x1" provider %}', "{% include video %}"),
        ('{% include video id="x1" provider="dailymotion" %}', "{% include video %}"),
        ("{% include video %}", "{% include video %}"),
        ('{% include other.html id="x1" %}', "{% include other.html %}"),
        ('{% include other.html path="a.png" %}', "{% include other.html %}"),
        ("{% include figure image_path %}", "{% include figure %}"),
        ('{% include note.html kind="x" text="y" %}', "{% include note.html %}"),
        ("{% gist %}", "{% gist %}"),
        ("{{ a|upcase }}", "{{ a }}"),
        ("{{ }}", "{{  }}"),
        ("{{ " + "x" * 45 + " }}", "{{ " + "x" * 40 + " }}"),
    ],
)
def test_placeholders_and_their_messages(liquid: str, summary: str) -> None:
    """Includes without what they need (a bare ``provider``, an unknown provider, no id or
    image) and other tags are placeholders; the message names the tag (and the include),
    or the variable's first 40 characters without its filters."""
    assert convert(liquid) == placeholder(liquid, summary)


@pytest.mark.parametrize(
    ("liquid", "myst", "message"),
    [
        (
            "{% link _posts/my post.md %}",
            "{liquid}`{% link _posts/my post.md %}`",
            "Liquid {% link %}: no post '_posts/my post.md' in this site; a placeholder is shown",
        ),
        (
            "<p>[a]({% post_url gone %})</p>",
            '<p>a<span class="outcrop-liquid" data-liquid="&#123;% post_url gone %}">'
            "[not converted from Jekyll]</span></p>",
            "Liquid {% post_url %}: no post 'gone' in this site; a placeholder is shown",
        ),
    ],
)
def test_missing_posts(liquid: str, myst: str, message: str) -> None:
    """A link to a missing post is a placeholder (HTML inside HTML) and names the tag and target."""
    assert convert(liquid) == (myst, [(1, message)])


@pytest.mark.parametrize(
    ("liquid", "message"),
    [
        (
            '<p><span class="outcrop-liquid" data-liquid="just some text that is longer than forty characters">'
            "x</span></p>",
            "placeholder for Jekyll Liquid 'just some text that is longer than forty': convert it by hand",
        ),
        (
            '<p><span class="outcrop-liquid" data-liquid="&#123;% if x %}">x</span></p>',
            "placeholder for Jekyll Liquid {% if %}: convert it by hand",
        ),
        ("See {liquid}`{% if x %}` here", "placeholder for Jekyll Liquid {% if %}: convert it by hand"),
    ],
)
def test_placeholders_left_in_the_text_are_reported(liquid: str, message: str) -> None:
    """A placeholder already in the text is kept and reported (a body that is no Liquid by its first 40 characters)."""
    assert convert(liquid) == (liquid, [(1, message)])


# -- table of contents and comments ------------------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ("{% include toc %}\n\n\nAfter.", ":::{contents}\n:::\n\nAfter."),
        ('{% include toc title="On *this* page" %}\nAfter.', ":::{contents} On \\*this\\* page\n:::\nAfter."),
        ("{% include toc title %}\n\nAfter.", ":::{contents}\n:::\nAfter."),
        ("{% comment %}\nnote  \n\n  indented\n{% endcomment %}", "%\n% note\n%\n%   indented\n%"),
    ],
)
def test_toc_and_comments(liquid: str, myst: str) -> None:
    """``include toc`` is a ``{contents}`` directive (its title escaped) taking one blank line
    after it; a comment's lines are ``%`` lines without trailing spaces."""
    assert convert(liquid) == (myst, [])


def test_comment_with_words_in_an_html_block_is_an_html_comment() -> None:
    """``{% comment note %}`` inside an HTML block is an HTML comment too."""
    assert convert("<div>\n{% comment note %}\nx\n{% endcomment %}\n</div>") == ("<div>\n<!--\nx\n-->\n</div>", [])


# -- highlight: blank lines after the block --------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "blank_lines_kept"),
    [("{% highlight ruby linenos %}", 1), ('{% highlight ruby linenos mark_lines="1" %}', 1)],
)
def test_highlight_options_take_blank_lines_after_it(opening: str, blank_lines_kept: int) -> None:
    """Each option line of a code block takes one blank line after the block, no more."""
    options = opening.count("=") + 1
    source = "\n".join([opening, "x", "{% endhighlight %}", *[""] * (options + blank_lines_kept), "After."])
    text, problems = convert(source)
    assert text.split("\n")[-2 - blank_lines_kept :] == ["```", *[""] * blank_lines_kept, "After."]
    assert len(text.split("\n")) == len(source.split("\n"))
    assert problems == []


# -- HTML blocks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ("<!-- a\n\n{{ page.title }}\n-->", f"<!-- a\n\n{TITLE_HTML}\n-->"),
        ("  <span>{{ page.title }}</span>", f"  <span>{TITLE_HTML}</span>"),
        ("<p>{% raw %}{{ x }}{% endraw %}</p>", "<p>&#123;&#123; x }}</p>"),
    ],
)
def test_html(liquid: str, myst: str) -> None:
    """An HTML comment goes on over blank lines; a line starting with a tag (indented too)
    and raw text in HTML get HTML text."""
    assert convert(liquid) == (myst, [])


# -- raw --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ("```\n{% endraw %}\n```", "```\n{% endraw %}\n```"),
        ("`{% endraw %} {% raw %}`", "`{% endraw %} {% raw %}`"),
        ("{% raw %}{{ x }}{% endraw y %} {{ page.title }}", f"\\{{\\{{ x }}}} {TITLE_MD}"),
        ("{% raw %}\n[a]({% post_url 2019-05-02-there %})\n{% endraw %}", "\n[a](\\{% post_url 2019-05-02-there %})\n"),
        ("{% raw %}\n{% if x\ny %}\n{% endraw %}", "\n{% if x\ny %}\n"),
    ],
)
def test_raw(liquid: str, myst: str) -> None:
    """An end marker closing nothing is code text, a raw marker in code before its own end
    is text, ``endraw`` with words ends raw; in raw, links and split tags are text."""
    assert convert(liquid) == (myst, [])


def test_unclosed_raw_is_reported_on_the_first_line() -> None:
    """A ``{% raw %}`` never closed escapes the rest and is reported at the file's first line."""
    message = "{% raw %} is never closed by {% endraw %}; the rest of the file is read as text"
    assert convert("Text\n{% raw %}\n{{ x }}") == ("Text\n\n\\{\\{ x }}", [(1, message)])


# -- indented code and lists ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ("    {{ page.title }}", "    {{ page.title }}"),
        ("\t{{ page.title }}", "\t{{ page.title }}"),
        (" para\n\n    {{ page.title }}", " para\n\n    {{ page.title }}"),
        ("```\n- x\n  ```\n\n    {{ page.title }}", "```\n- x\n  ```\n\n    {{ page.title }}"),
        ("para\n    {{ page.title }}", f"para\n    {TITLE_MD}"),
        ("- a\n\n    {{ page.title }}", f"- a\n\n    {TITLE_MD}"),
        ("- a\n  b\n\n    {{ page.title }}", f"- a\n  b\n\n    {TITLE_MD}"),
    ],
)
def test_indented_code_and_list_items(liquid: str, myst: str) -> None:
    """An indented block after a blank line (or at the start) is code, kept as written; in
    a list item, or continuing a paragraph, it is text and converted."""
    assert convert(liquid) == (myst, [])


def test_a_link_in_a_code_span_is_code() -> None:
    """A post link written in a code span is not converted."""
    assert convert("`[a]({% post_url 2019-05-02-there %})`") == ("`[a]({% post_url 2019-05-02-there %})`", [])


# -- tags over several lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("liquid", "myst"),
    [
        ('{% include figure image_path="/a.png"\n%}', "![](/a.png)\n"),
        ('  {% include figure\n  image_path="/a.png" %}', "  ![](/a.png)\n"),
        ('`x`{% include figure\nimage_path="/a.png" %}', "`x`![](/a.png)\n"),
        ('{% include figure\n\nimage_path="/a.png" %}\nAfter.', "![](/a.png)\nAfter.\n\n"),
        ("{% gist me/a %} and\n100 %} done", "[Gist me/a](https://gist.github.com/me/a) and\n100 %} done"),
        ("{% if x\nno close", "{% if x\nno close"),
        ("{% if x\nfoo {%\nbar %}", "{% if x\nfoo {%\nbar %}"),
    ],
)
def test_tags_over_several_lines(liquid: str, myst: str) -> None:
    """A tag closed on a later line (``%}`` alone or first on it, after a code span, over a
    blank line) is joined, its lines moved to the paragraph's end; a closed tag, one never
    closed, or another tag opening first, is not joined."""
    assert convert(liquid) == (myst, [])


def test_a_tag_that_opens_before_the_next_closes_is_not_joined() -> None:
    """A later line opening a tag before any ``%}`` stops the search for the end."""
    expected = ("{% if x\n{liquid}`{% endif %}`", [(2, f"Liquid {{% endif %}} {NO_MYST}")])
    assert convert("{% if x\n{% endif %}") == expected


def test_a_closing_first_on_a_line_with_another_tag() -> None:
    """A line starting with ``%}`` closes the tag above, though another tag follows on it."""
    assert convert("{% gist\n%} and {% gist me/b %}") == (
        "{liquid}`{% gist %}` and [Gist me/b](https://gist.github.com/me/b)\n",
        [(1, f"Liquid {{% gist %}} {NO_MYST}")],
    )


USE = "{{ n | markdownify }}"
CAPTURE = '{% capture n %}\nBody.\n{% endcapture %}\n{% include figure\nimage_path="/a.png" %}\n'


@pytest.mark.parametrize(
    ("after", "myst"),
    [
        (f'<div class="notice--info">{USE}</div>', "\n"),
        (f'\n<div class="notice--info">{USE}</div>', "\n\n"),
        (f'<div class="notice--info">\n{{% if x %}}\n{USE}\n</div>', "\n\n\n\n"),
    ],
)
def test_a_tag_over_two_lines_between_a_capture_and_its_notice(after: str, myst: str) -> None:
    """A joined tag between a capture and its notice div moves the div's lines: they are still blanked."""
    assert convert(CAPTURE + after) == ("::::{note}\nBody.\n::::\n![](/a.png)\n" + myst, [])


def test_a_notice_on_the_closing_line_of_a_joined_tag_keeps_the_text_after_it() -> None:
    """A notice div written on the last line of a tag over two lines does not blank the text after it."""
    text, _ = convert(CAPTURE.rstrip("\n") + f'<div class="notice--info">{USE}</div>\nAfter.')
    assert "After." in text.split("\n")
