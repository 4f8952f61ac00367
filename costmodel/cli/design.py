"""``costmodel optimize``: the best design of an architecture over grids, under constraints.

::

    costmodel optimize recursive-stark --minimize wall_time --preset risc0 --preset aws-g6 \\
        --over segment_cycles=pow2:16..24 --over arity=2..8 --over machines=64,256,1024 \\
        --at-most "peak_memory=24 GB/machine" --json

``--over NAME=SPEC``: ``pow2:LOW..HIGH`` (powers of two), ``LOW..HIGH`` (whole numbers),
``A,B,C`` (values, with or without the parameter's unit), or ``interval:LOW..HIGH`` (a
continuous range, quantities).  ``--at-most``/``--at-least TARGET=BOUND``: TARGET is a metric
of the same architecture (``peak_memory``, ``wall_time``, ``dollars``...) or a parameter
being optimized.
"""

from __future__ import annotations

import argparse
import inspect
import json
from typing import Any

from costmodel.analysis.designs import Interval, powers_of_two
from costmodel.analysis.optimize import (
    MAX_GRID_POINTS,
    Constraint,
    Optimum,
    at_least,
    at_most,
    optimize,
)
from costmodel.cli.inputs import architecture, command_preset, command_values, exact_text
from costmodel.errors import OptionError
from costmodel.laws import with_laws
from costmodel.numbers import read_number
from costmodel.symbols import VOCABULARY
from costmodel.units import format_quantity, format_unit

__all__ = ["run_optimize"]

#: The most values a ``LOW..HIGH`` range on the command line may hold.
MAX_RANGE_VALUES = 10_000


def _pair(text: str, flag: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise OptionError(f"{flag} expects NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def _ends(text: str, flag: str) -> tuple[str, str]:
    low, sep, high = text.partition("..")
    if not sep or not low.strip() or not high.strip():
        raise OptionError(f"{flag}: expected LOW..HIGH, got {text!r}")
    return low.strip(), high.strip()


def _whole(text: str, flag: str) -> int:
    number = read_number(text, name=flag)
    if number.denominator != 1:
        raise OptionError(f"{flag}: expected a whole number, got {text!r}")
    return int(number)


def _with_unit(name: str, text: str) -> Any:
    """A value as written: a bare number gets the parameter's unit."""
    unit = VOCABULARY[name].unit if name in VOCABULARY else ""
    try:
        number = read_number(text, name=name)
    except Exception:
        return text
    return f"{text} {unit}" if unit else number


def grid_spec(name: str, spec: str) -> Any:
    """The choices ``--over NAME=SPEC`` gives (see the module docstring)."""
    flag = f"--over {name}"
    unit = VOCABULARY[name].unit if name in VOCABULARY else ""
    if spec.startswith("pow2:"):
        low, high = _ends(spec.removeprefix("pow2:"), flag)
        return powers_of_two(_whole(low, flag), _whole(high, flag), unit=unit or "")
    if spec.startswith("interval:"):
        low, high = _ends(spec.removeprefix("interval:"), flag)
        return Interval(_with_unit(name, low), _with_unit(name, high))
    if ".." in spec:
        first, last = _ends(spec, flag)
        start, stop = _whole(first, flag), _whole(last, flag)
        if stop < start or stop - start >= MAX_RANGE_VALUES:
            raise OptionError(
                f"{flag}: {spec!r} must run upward over at most {MAX_RANGE_VALUES} values"
            )
        return [_with_unit(name, str(v)) for v in range(start, stop + 1)]
    items = [item.strip() for item in spec.split(",") if item.strip()]
    if not items or len(items) > MAX_RANGE_VALUES:
        raise OptionError(f"{flag}: give 1 to {MAX_RANGE_VALUES} values, got {spec!r}")
    return [_with_unit(name, item) for item in items]


def _build(function: Any, options: dict[str, Any], metric: str | None, over: Any) -> Any:
    accepted = inspect.signature(function).parameters
    chosen = dict(options)
    if metric is not None:
        if "metric" not in accepted:
            raise OptionError("--minimize and metric constraints need an architecture with metrics")
        chosen["metric"] = metric
    if "arity" in accepted and "arity" in over:
        if chosen.get("arity") not in (None, "none"):
            raise OptionError("arity is fixed in the architecture and optimized with --over")
        chosen["arity"] = None
    return function(**chosen)


def run_optimize(args: argparse.Namespace) -> str:
    """The handler: the optimum as text, or as JSON with ``--json``."""
    function, options = architecture(args.architecture)
    over = {}
    for item in args.over:
        name, spec = _pair(item, "--over")
        over[name] = grid_spec(name, spec)
    objective = _build(function, options, args.minimize, over)
    constraints = []
    for flag, items, make in (
        ("--at-most", args.at_most, at_most),
        ("--at-least", args.at_least, at_least),
    ):
        for item in items:
            target, bound = _pair(item, flag)
            if target in over:
                constraints.append(make(target, bound))
            else:
                constraints.append(make(_build(function, options, target, over), bound))
    if args.laws:
        laws = command_preset(args).laws
        if not laws:
            raise OptionError("--laws: the preset gives no value as a law")
        objective = with_laws(objective, laws)
        constraints = [
            c
            if isinstance(c.target, str)
            else Constraint(with_laws(c.target, laws), c.bound, c.upper)
            for c in constraints
        ]
    models = [objective, *(c.target for c in constraints if not isinstance(c.target, str))]
    values = command_values(args, *models)
    best = optimize(objective, values, over, constraints, max_points=MAX_GRID_POINTS)
    return _json(best, objective) if args.format == "json" else _text(best, objective)


def _text(best: Optimum, objective: Any) -> str:
    return f"minimize {objective.name} [{format_unit(objective.pint_unit)}]\n{best}"


def _json(best: Optimum, objective: Any) -> str:
    unit = best.value.units

    def amount(quantity: Any) -> str | None:
        return None if quantity is None else exact_text(quantity.to(unit).magnitude)

    payload = {
        "objective": objective.name,
        "options": {k: v for k, v in objective.options},
        "unit": format_unit(unit),
        "value": amount(best.value),
        "value_text": format_quantity(best.value),
        "point": {n: exact_text(v) for n, v in best.point.items()},
        "point_units": {n: VOCABULARY[n].unit if n in VOCABULARY else "" for n in best.point},
        "runner_up": None
        if best.runner_up is None
        else {n: exact_text(v) for n, v in best.runner_up.items()},
        "runner_up_value": amount(best.runner_up_value),
        "margin": amount(best.margin),
        "binding": list(best.binding),
        "method": dict(best.method),
        "stationary": {n: str(e) for n, e in best.stationary.items()},
        "searched": best.searched,
        "feasible": best.feasible,
    }
    return json.dumps(payload, indent=2)
