"""Loading the render layer's writers on first need (see :mod:`costmodel.render.writers`)."""

from __future__ import annotations

import importlib
import sys

__all__ = ["WRITERS_MODULE", "load_all_writers"]

#: The module whose import registers every writer.
WRITERS_MODULE = "costmodel.render.writers"


def load_all_writers() -> bool:
    """Import :data:`WRITERS_MODULE` once; ``True`` if this call loaded it (the caller
    dispatches again: a writer for its object may have been registered now)."""
    if WRITERS_MODULE in sys.modules:
        return False
    importlib.import_module(WRITERS_MODULE)
    return True
