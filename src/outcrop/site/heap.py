"""Python's cycle collector while a site is read.

Each full collection of CPython's cycle collector examines every object that survived
the earlier ones — in a Sphinx build, the whole environment, which grows with every
document read — and a full collection runs each time those survivors have grown by a
quarter. Reading 1,000 articles, its twelve full collections took 2.7 s (plain Sphinx
and MyST alike: the objects are mostly theirs), a tenth of the build, and each costs
more as the site grows; the doctrees they free (docutils trees are cycles of parent
links) are a few thousand objects each time.

Every :data:`EVERY` documents read, outcrop collects what is garbage, then freezes what
is left (:func:`gc.freeze`): the environment read so far, and the doctrees Sphinx keeps
in memory for the write phase, move to the collector's permanent generation, which no
collection examines, and the next full collections look only at what was made since.
It does so when the next document's source has been read (``source-read``), when
nothing of the previous document is alive but what Sphinx keeps. Garbage is collected
before each freeze, and everything is unfrozen when reading ends (``env-updated``), so
the write phase frees the doctrees it is done with as before; a build that stops while
reading unfreezes at ``build-finished`` (which Sphinx emits after a failure too).

The same holds when the process ends: Python's last full collection, at exit, examines
every object still alive — the whole environment and Sphinx's caches — before the
operating system frees the memory anyway: 0.35 s of a 1.0 s no-op rebuild of 1,000
articles with plain Sphinx, 0.45 s with outcrop's larger environment. Once a build has
started in a process, outcrop freezes everything at exit (an :mod:`atexit` callback,
registered once per process), and that last collection has nothing to examine. Nothing
is lost: files are closed by ``with`` blocks and logging's own exit handler, never by
that collection, and a long-lived process (a test run, an editor) keeps its collector
as it was until it ends.

Each process reading documents counts its own (parallel readers are forked). The main
process of a parallel build, which merges the environments its readers send back, does
not freeze: at every merge a reader's whole environment is alive, and freezing it would
keep it to the end of the reading. ``outcrop_freeze_heap = False`` leaves the collector
alone.
"""

from __future__ import annotations

import atexit
import gc

from sphinx.application import Sphinx

from outcrop.config import get_config

#: Documents read between two freezes (one freeze costs a collection of what was made
#: since the last: a few milliseconds).
EVERY = 100

#: In this process since the build started: documents read, whether a freeze is due at
#: the next source-read, and whether this build froze anything.
_state = {"read": 0, "due": False, "frozen": False}


def on_doctree_read(app: Sphinx, doctree: object) -> None:
    if not get_config(app.config).freeze_heap or not gc.isenabled():
        return  # a program that turned the collector off keeps it off
    _state["read"] += 1
    if _state["read"] % EVERY == 0:
        _state["due"] = True


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if _state["due"]:
        gc.collect()
        gc.freeze()
        _state.update(due=False, frozen=True)


def on_env_updated(app: Sphinx, env: object) -> list[str]:
    _unfreeze()
    return []


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    _unfreeze()


def on_builder_inited(app: Sphinx) -> None:
    if get_config(app.config).freeze_heap and not _at_exit:
        atexit.register(freeze_at_exit)
        _at_exit.append(freeze_at_exit)


def freeze_at_exit() -> None:
    """At the process's exit, before Python's last full collection: everything alive is
    frozen, so that collection has nothing to examine (see the module's text)."""
    gc.freeze()


#: The callback once registered in this process (registered at most once).
_at_exit: list[object] = []


def _unfreeze() -> None:
    if _state["frozen"]:
        gc.unfreeze()
    _state.update(read=0, due=False, frozen=False)


def setup_heap(app: Sphinx) -> None:
    app.connect("doctree-read", on_doctree_read, priority=990)
    # Before the other handlers of the event, which make the new document's objects.
    app.connect("source-read", on_source_read, priority=10)
    app.connect("env-updated", on_env_updated, priority=10)
    app.connect("build-finished", on_build_finished, priority=990)
    app.connect("builder-inited", on_builder_inited)
