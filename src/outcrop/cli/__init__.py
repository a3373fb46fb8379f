"""Stage 5, the ``outcrop`` command: what a writer runs (:mod:`.main`).

``new`` (:mod:`.newarticle`), ``check`` and ``--fix`` (:mod:`.fixes`, over the article
stage's checks), ``import`` of a Jekyll blog (:mod:`.jekyll`) and ``pdf`` (the edition's
driver). The top stage: it may import every other one; nothing imports it.
"""
