"""Stage 4, the editions: the whole site as a book.

The plan of parts, cover and preamble (:mod:`.plan`, pure), the LaTeX builder that
assembles one document from it (:mod:`.latex`), remote images fetched into a cache
for builders that cannot link to them (:mod:`.images`), and the PDF driver
(:mod:`.pdf`, xelatex through latexmk). Imports the site stage and below, never
``outcrop.web`` or ``outcrop.cli``.
"""
