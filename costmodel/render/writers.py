"""Every writer of the render layer, registered: importing this module loads them all.

The entry points (:func:`costmodel.render.latex` and the notebook displays) dispatch on an
object's kind.  The writers of the analysis layer's kinds (a break-even) live in
:mod:`costmodel.render.breakeven` and register themselves when it is imported; the entry
points import this module by name (:func:`costmodel.render.writer_loading.load_all_writers`)
on the first object they have no writer for, so a command that writes only tables
(``costmodel eval``) loads none of them.
"""

from __future__ import annotations

from costmodel.render import breakeven, notebook

__all__ = ["breakeven", "notebook"]
