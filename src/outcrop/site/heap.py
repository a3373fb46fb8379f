"""Python's cycle collector while a site is read.

Each full collection of CPython's cycle collector examines every object that survived
the earlier ones — in a Sphinx build, the whole environment, which grows with every
document read — and a full collection runs each time those survivors have grown by a
quarter. Reading 1,000 articles, its twelve full collections took 2.7 s (plain Sphinx
and MyST alike: the objects are mostly theirs), a tenth of the build, and each costs
more as the site grows; the doctrees they free (docutils trees are cycles of parent
links) are a few thousand objects each time.

Every :data:`EVERY` documents read, outcrop collects what is garbage, then freezes what
is left (:func:`gc.freeze`): the environment read so far moves to the collector's
permanent generation, which no collection examines, and the next full collections look
only at what was made since. Nothing is kept that a collection would have freed: garbage
is collected before each freeze, and an object frozen while alive that dies later is
collected once the build ends, when everything is unfrozen (``build-finished``, which
Sphinx emits after a failed build too). Freezing is per process (each parallel reader
freezes its own), and ``outcrop_freeze_heap = False`` leaves the collector alone.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

from outcrop.config import get_config

#: Documents read between two freezes (one freeze costs a collection of what was made
#: since the last: a few milliseconds).
EVERY = 100

#: Documents read in this process since the build started, and whether this build froze
#: anything (per process: parallel readers are forked, and each counts its own).
_state = {"read": 0, "frozen": False}


def _read(app: Sphinx, count: int) -> None:
    if not get_config(app.config).freeze_heap or not gc.isenabled():
        return  # a program that turned the collector off keeps it off
    before = _state["read"]
    _state["read"] += count
    if _state["read"] // EVERY > before // EVERY:
        gc.collect()
        gc.freeze()
        _state["frozen"] = True


def on_doctree_read(app: Sphinx, doctree: object) -> None:
    _read(app, 1)


def on_env_merge_info(app: Sphinx, env: object, docnames: list[str], other: object) -> None:
    """In a parallel build, the main process's environment grows by the chunks its
    readers send back: counted the same way."""
    _read(app, len(docnames))


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if _state["frozen"]:
        gc.unfreeze()
    _state.update(read=0, frozen=False)


def setup_heap(app: Sphinx) -> None:
    # Last of the event's handlers: the page's own work is done and its garbage is made.
    app.connect("doctree-read", on_doctree_read, priority=990)
    app.connect("env-merge-info", on_env_merge_info, priority=990)
    app.connect("build-finished", on_build_finished, priority=990)
