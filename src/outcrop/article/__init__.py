"""Stage 1, the article: reading one article file, with no Sphinx application.

Pure functions from text to text and to a frozen :class:`~outcrop.article.model.Article`:
front matter (:mod:`.frontmatter`, :mod:`.model`, :mod:`.dates`), slugs (:mod:`.slug`),
repairs (:mod:`.repair`), Jekyll conversions (:mod:`.kramdown`, :mod:`.liquid`),
front-matter admonitions (:mod:`.notices`), epigraph attributions (:mod:`.epigraph`),
and the one pipeline the build and the command both run (:mod:`.checks`). Problems are
returned as :class:`~outcrop.problems.Problem` values, never logged here.

Imports: the standard library, YAML/ftfy/MyST's Markdown parser, ``outcrop.problems``
and ``sphinx.util.matching`` (the same glob rules as ``exclude_patterns``); nothing of
Sphinx's application, environment, builders or transforms, and no other outcrop stage.
"""
