"""Case studies: particular notes and systems, recomputed with the library.

They use the library and are not part of its core:

- :mod:`costmodel.studies.seed_note`: the seed note's every figure beside its exact value;
- :mod:`costmodel.studies.systems`: today's systems side by side on one workload;
- :mod:`costmodel.studies.verifiers`: the break-even verifier size under each accounting;
- :mod:`costmodel.studies.calibration`: the models beside published figures and
  measurements;
- :mod:`costmodel.studies.figures`: the one type they share, :class:`PublishedFigure`,
  with one relative error ``(model - published) / published`` and one set of verdicts.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from costmodel.studies.figures import (
        ROUNDING_TOLERANCE,
        VERDICTS,
        PublishedFigure,
        figures_table,
        format_figures,
    )
    from costmodel.studies.seed_note import note_verifier_bounds, seed_note_figures

__all__ = [
    "REPRODUCIBLE",
    "ROUNDING_TOLERANCE",
    "VERDICTS",
    "PublishedFigure",
    "figures_table",
    "format_figures",
    "note_verifier_bounds",
    "seed_note_figures",
]

#: Where each name lives; imported on first use (PEP 562), so the command line can name the
#: notes without importing the models.
_HOMES = {
    "ROUNDING_TOLERANCE": "costmodel.studies.figures",
    "VERDICTS": "costmodel.studies.figures",
    "PublishedFigure": "costmodel.studies.figures",
    "figures_table": "costmodel.studies.figures",
    "format_figures": "costmodel.studies.figures",
    "note_verifier_bounds": "costmodel.studies.seed_note",
    "seed_note_figures": "costmodel.studies.seed_note",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'costmodel.studies' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def _seed_note() -> list[PublishedFigure]:
    """The seed note's figures (:func:`~costmodel.studies.seed_note.seed_note_figures`)."""
    from costmodel.studies.seed_note import seed_note_figures

    return seed_note_figures()


#: The notes ``costmodel reproduce`` recomputes: name -> their figures.
REPRODUCIBLE: Mapping[str, Callable[[], list[PublishedFigure]]] = MappingProxyType(
    {"seed-note": _seed_note}
)
