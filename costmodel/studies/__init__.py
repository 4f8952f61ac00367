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

from collections.abc import Callable, Mapping
from types import MappingProxyType

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

#: The notes ``costmodel reproduce`` recomputes: name -> their figures.
REPRODUCIBLE: Mapping[str, Callable[[], list[PublishedFigure]]] = MappingProxyType(
    {"seed-note": seed_note_figures}
)
