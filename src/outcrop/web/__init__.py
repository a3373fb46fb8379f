"""Stage 3, the web: output only HTML builders write.

Atom feeds (:mod:`.feeds`), the sitemap and robots.txt (:mod:`.sitemap`), social
metadata (:mod:`.social`), the handlers that write them (:mod:`.build`), accessibility
fixes to markup Sphinx and themes write (:mod:`.accessibility`) and the raw-HTML policy
(:mod:`.rawhtml`). Imports the site stage and below, never ``outcrop.edition`` or
``outcrop.cli``.
"""
