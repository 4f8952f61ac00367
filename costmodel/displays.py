"""Jupyter and IPython displays of the library's results, delegated to the render layer.

A result class (a model, an evaluation, a break-even...) inherits :class:`RichDisplay`;
its displays look up a writer in :data:`DISPLAYS`, which the rendering layer fills in when
it is imported.  The first display imports it, so this module, at the bottom of the
layers, never imports what sits above it at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["DISPLAYS", "RichDisplay"]


#: Display writers by kind (``"latex"``, ``"html"``, ``"pretty"``). The rendering layer,
#: above this one, fills them in when it is imported (the first display imports it).
DISPLAYS: dict[str, Callable[..., Any]] = {}


class RichDisplay:
    """Jupyter and IPython displays, delegated to the writers in :data:`DISPLAYS`.

    Every subclass gets ``_repr_pretty_`` in its own namespace: IPython's printer walks
    the class's MRO and takes the first class defining either ``_repr_pretty_`` or
    ``__repr__``, and a dataclass defines its own ``__repr__`` (a field dump) that would
    otherwise win over the inherited readable text.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_repr_pretty_" not in cls.__dict__:
            cls._repr_pretty_ = RichDisplay._repr_pretty_  # type: ignore[method-assign]

    def _repr_latex_(self) -> str | None:
        writer = _display("latex")
        return writer(self) if writer is not None else None

    def _repr_html_(self) -> str | None:
        writer = _display("html")
        return writer(self) if writer is not None else None

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        writer = _display("pretty")
        if writer is not None:
            writer(self, p, cycle)
        else:
            p.text(str(self))


def _display(kind: str) -> Callable[..., Any] | None:
    """The writer of ``kind`` in :data:`DISPLAYS`; the first display loads the render
    layer's writers (they register themselves there), so an object shown before anything
    imported :mod:`costmodel.render` still shows as a table, not as a field dump."""
    if kind not in DISPLAYS:
        importlib.import_module("costmodel.render.notebook")
    return DISPLAYS.get(kind)
