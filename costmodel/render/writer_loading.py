"""Loading the render layer's writers on first need (see :mod:`costmodel.render.writers`)."""

from __future__ import annotations

import importlib

__all__ = ["WRITERS_MODULE", "load_all_writers"]

#: The module whose import registers every writer.
WRITERS_MODULE = "costmodel.render.writers"

_loaded = False


def load_all_writers() -> bool:
    """Import :data:`WRITERS_MODULE` once; ``True`` the first time (the caller dispatches
    again: a writer for its object may have been registered now), ``False`` after.

    The import itself waits while another thread is importing the module, so no caller
    dispatches again before the writers are registered.
    """
    global _loaded
    if _loaded:
        return False
    importlib.import_module(WRITERS_MODULE)
    _loaded = True
    return True
