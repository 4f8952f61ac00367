"""One builder for every tree architecture: segments proven in parallel, items joined in a
layered k-ary tree, measured by the metric asked for.

An architecture is a :class:`~costmodel.architectures.spec.TreeSpec` (what it ships,
what its phases are called) and its options; :func:`tree_model` checks nothing further
and builds the model of the metric:

========================  ===================================================  ===========
metric                    terms                                                unit
========================  ===================================================  ===========
``bytes``                 snapshots, proofs up and down the tree, wrap         byte
``wall_time``             execution, distribution, proving, lift, tree, wrap   second
``machine_time``          every task's duration                                machine*s
``dollars``               machines (reserved or per use), egress, verification USD
``peak_memory``           base and segment trace per prover                    byte/machine
========================  ===================================================  ===========
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import sympy

from costmodel.architectures.costs import dollar_terms
from costmodel.architectures.memory import memory_terms
from costmodel.architectures.spec import METRIC_UNITS, Metric, TreeOptions, TreeSpec
from costmodel.architectures.timing import machine_time_terms, wall_time_terms
from costmodel.architectures.traffic import traffic_terms
from costmodel.model import Model

__all__ = ["METRIC_TERMS", "tree_model"]

TermsBuilder = Callable[
    [TreeSpec, TreeOptions], tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]
]

#: Metric -> the function building its terms and derived quantities.
METRIC_TERMS: Mapping[Metric, TermsBuilder] = {
    "bytes": traffic_terms,
    "wall_time": wall_time_terms,
    "machine_time": machine_time_terms,
    "dollars": dollar_terms,
    "peak_memory": memory_terms,
}

_DESCRIPTIONS: Mapping[Metric, str] = {
    "bytes": "",
    "wall_time": "; wall time from request to final proof",
    "machine_time": "; machine time of every task",
    "dollars": "; dollars for one proof",
    "peak_memory": "; peak memory of one prover machine",
}


def tree_model(spec: TreeSpec, options: TreeOptions, **recorded: Any) -> Model:
    """The model of ``spec`` under ``options``, in its metric's unit.

    ``recorded`` are the architecture's own options (an accounting), kept in the model's
    options beside the tree's.

    A model is immutable and depends on nothing but these arguments, so each one is built
    once and the same object returned for equal arguments (building a timed model walks
    every term's units and takes tens of milliseconds).
    """
    return _cached_build(spec, options, tuple(recorded.items()))


def _build(spec: TreeSpec, options: TreeOptions, recorded: tuple[tuple[str, Any], ...]) -> Model:
    terms, derived = METRIC_TERMS[options.metric](spec, options)
    return Model.build(
        spec.name,
        terms,
        unit=METRIC_UNITS[options.metric],
        derived=derived,
        options=options.recorded(**dict(recorded)),
        description=spec.description + _DESCRIPTIONS[options.metric],
    )


_cached_build = functools.lru_cache(maxsize=1024)(_build)
