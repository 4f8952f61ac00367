"""The simulation's inputs: a tree architecture's model and values, as exact numbers.

The values are checked by the model of the same architecture under ``metric="wall_time"``
(so a missing or bad value gives the library's usual error, naming the parameter), and
every number the cluster needs is read from that model's parameters exactly: each
expression converted to its unit (seconds, bytes, bytes per second) and evaluated to a
``Fraction``.  Numbers a run does not need (bandwidths without a network, the wrap's
without a wrap) are not asked for and stay zero.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

from costmodel.architectures import spec_of, tree_model
from costmodel.architectures.quantities import one, segment_count, shipped_per_segment
from costmodel.architectures.transfers import Transfer
from costmodel.dimensions import convert
from costmodel.errors import ExpressionError, InputError, ParameterValueError, check_limit
from costmodel.functions import plain
from costmodel.model import Model
from costmodel.symbols import symbol
from costmodel.sympy_calls import substitute

__all__ = ["MAX_MACHINES", "MAX_SEGMENTS", "ClusterInputs", "cluster_inputs"]

#: The most segments :func:`costmodel.simulate` takes unless told otherwise.
MAX_SEGMENTS = 10_000
#: The most machines :func:`costmodel.simulate` takes unless told otherwise.
MAX_MACHINES = 100_000

_ZERO = Fraction(0)


@dataclass(frozen=True)
class ClusterInputs:
    """Everything the simulated cluster needs: counts, options, times (s), sizes (B)."""

    architecture: str
    transfer: Transfer
    wrap: bool
    pipeline: bool
    network: bool
    lift: bool
    shipped_kind: str
    segments: int
    machines: int
    arity: int
    execution: Fraction
    segment_execution: Fraction
    prove: Fraction
    lift_time: Fraction = _ZERO
    join_time: Fraction = _ZERO
    wrap_time: Fraction = _ZERO
    shipped: Fraction = _ZERO
    item: Fraction = _ZERO
    wrap_proof: Fraction = _ZERO
    link_bandwidth: Fraction = _ZERO
    store_bandwidth: Fraction = _ZERO
    latency: Fraction = _ZERO
    carry: bool = True


@lru_cache(maxsize=64)
def _plan(model: Model) -> tuple[Model, dict[str, sympy.Expr], Any, Any]:
    """The wall-time model checking the values, and each number's expression in its unit."""
    spec, options = spec_of(model)
    if options.metric == "wall_time":
        wall = model
    else:
        wall = tree_model(spec, dataclasses.replace(options, metric="wall_time"))
    seconds = {
        "execution": symbol("total_cycles") / symbol("execution_rate"),
        "segment_execution": symbol("segment_cycles") / symbol("execution_rate") * one("segment"),
        "prove": symbol("segment_cycles") / symbol("prove_rate") * one("segment/machine"),
        "join_time": symbol("join_time") * one("join"),
    }
    if spec.lift:
        seconds["lift_time"] = symbol("lift_time") * one("segment")
    if options.wrap:
        seconds["wrap_time"] = symbol("wrap_time")
    if options.network:
        seconds["latency"] = symbol("link_latency")
    counts = {"segments": (segment_count(), "segment"), "machines": (symbol("machines"), "machine")}
    units: dict[str, tuple[sympy.Expr, str]] = {
        **counts,
        **{name: (expr, "s") for name, expr in seconds.items()},
    }
    if options.fixed_arity is None:
        units["arity"] = (symbol("arity"), "")
    if options.network:
        _, per_segment = shipped_per_segment(options.ship)
        units["shipped"] = (per_segment * one("segment"), "B")
        units["item"] = (spec.item_bytes, "B")
        units["link_bandwidth"] = (symbol("link_bandwidth"), "B/s")
        units["store_bandwidth"] = (symbol("store_bandwidth"), "B/s")
        if options.wrap:
            units["wrap_proof"] = (symbol("wrap_proof_size"), "B")
    exprs = {name: plain(convert(expr, unit)) for name, (expr, unit) in units.items()}
    return wall, exprs, spec, options


def _fraction(value: sympy.Expr, name: str) -> Fraction:
    if not isinstance(value, sympy.Rational):
        raise ExpressionError(f"{name}: evaluates to {value}, not an exact rational number")
    return Fraction(int(value.p), int(value.q))


def cluster_inputs(
    model: Model, values: Mapping[str, Any], *, max_segments: int, max_machines: int
) -> ClusterInputs:
    """The exact inputs of one simulation, after every check (values, limits)."""
    if not isinstance(model, Model):
        raise InputError(
            f"model: expected a tree architecture's Model (recursive_stark, folding, pcd_tree), "
            f"got {type(model).__name__}"
        )
    max_segments = check_limit("max_segments", max_segments)
    max_machines = check_limit("max_machines", max_machines)
    try:
        hash(model)
    except TypeError:  # a hand-built model with unhashable options: not cached
        wall, exprs, spec, options = _plan.__wrapped__(model)
    else:
        wall, exprs, spec, options = _plan(model)
    subs = wall.substitutions(values)
    numbers = {name: _fraction(substitute(expr, subs), name) for name, expr in exprs.items()}
    segments, machines = int(numbers.pop("segments")), int(numbers.pop("machines"))
    if segments > max_segments:
        raise ParameterValueError(
            f"total_cycles / segment_cycles: {segments} segments is more than the simulation "
            f"takes (max_segments={max_segments}); pass a larger max_segments= or use the "
            f"closed form (metric='wall_time')"
        )
    if machines > max_machines:
        raise ParameterValueError(
            f"machines: {machines} machines is more than the simulation takes "
            f"(max_machines={max_machines}); pass a larger max_machines="
        )
    arity = options.fixed_arity if options.fixed_arity is not None else int(numbers.pop("arity"))
    kind, _ = shipped_per_segment(options.ship)
    return ClusterInputs(
        architecture=spec.name,
        transfer=options.transfer,
        wrap=options.wrap,
        pipeline=options.pipeline,
        network=options.network,
        lift=spec.lift,
        shipped_kind=kind,
        segments=segments,
        machines=machines,
        arity=arity,
        carry=options.singletons == "carried",
        **numbers,
    )
