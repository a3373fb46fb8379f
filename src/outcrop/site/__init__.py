"""Stage 2, the site: Sphinx's side of collecting articles and rendering the site.

Read time: the ``source-read`` adapter (:mod:`.source`) runs the article stage's checks
and stores each :class:`~outcrop.article.model.Article` in the :mod:`.domain`; the
header transform (:mod:`.header`, :mod:`.admonitions`), epigraphs (:mod:`.epigraphs`),
confined images (:mod:`.images`) and the listing directives (:mod:`.directives`,
:mod:`.nodes`) shape each document. After reading, :mod:`.build` computes the
:mod:`.taxonomy`, renders the generated pages (:mod:`.pages`, :mod:`.listing`) and
decides, from digests, which documents must be re-written.

Every builder gets this stage. It imports the article stage and ``outcrop.config``,
never ``outcrop.web``, ``outcrop.edition`` or ``outcrop.cli``.
"""
