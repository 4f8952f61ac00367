"""Uncertainty carried to every result: exact bounds over a box of ranges, swings, robust
decisions and sampled percentiles.

Ranges come from the presets (values published as a range carry ``low``/``high``) or from
the caller (``{"snapshot_size": ("5 MB/segment", "50 MB/segment")}``).

- :func:`bounds`: the exact lowest and highest total over the box, and the values that
  attain each.  Where the total provably moves one way in a parameter
  (:mod:`costmodel.analysis.monotone`) the extremes sit at the box's corners and the bounds
  are proven; otherwise that parameter's range is searched on a grid of exact points (the
  result says which parameters were searched, and then the bounds are the extremes found);
- :func:`tornado`: each parameter's range alone, the swing of the total, largest first;
- :func:`robust`: for a break-even, is one side cheaper over the whole box, or does the
  decision flip inside it, and between which values of the break-even;
- :func:`sample`: totals at random points of the box (uniform, log-uniform or triangular
  per parameter, a seed for reproducibility), vectorized, with percentiles
  (:mod:`costmodel.analysis.sampling`, whose names this module re-exports).

>>> import costmodel
>>> risc0 = costmodel.presets.load("risc0").with_workload("seed-note")
>>> box = bounds(costmodel.recursive_stark(), risc0,
...              {"snapshot_size": ("5 MB/segment", "10 MB/segment")})
>>> costmodel.format_quantity(box.low), costmodel.format_quantity(box.high), box.proven
('5.893533347 GB', '10.893533347 GB', True)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from costmodel.analysis.breakeven import Breakeven
from costmodel.analysis.monotone import direction
from costmodel.analysis.sampling import (
    Distribution,
    SampleResult,
    log_uniform,
    sample,
    triangular,
    uniform,
)
from costmodel.errors import (
    InputError,
    ParameterValueError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.model import Model
from costmodel.symbols import VOCABULARY, Param
from costmodel.sympy_calls import rational, substitute
from costmodel.units import Q_, format_quantity

__all__ = [
    "MAX_CORNERS",
    "Bounds",
    "Distribution",
    "RobustDecision",
    "SampleResult",
    "Swing",
    "bounds",
    "log_uniform",
    "robust",
    "sample",
    "tornado",
    "triangular",
    "uniform",
]

#: The most box corners (2^d) visited; boxes of more ranged parameters are refused.
MAX_CORNERS = 2**12
#: Exact points tried across a parameter in which the total is not monotone.
SEARCH_POINTS = 33


def _ranges(
    model: Model, values: Mapping[str, Any], ranges: Mapping[str, Any] | None
) -> dict[str, tuple[Fraction, Fraction]]:
    """Name -> (low, high) in the parameter's unit, checked; from ``ranges`` or the preset's."""
    if ranges is None:
        given = getattr(values, "ranges", None)
        if given is None:
            raise InputError(
                "bounds: give ranges={name: (low, high)}, or values from a preset with ranges"
            )
        ranges = {
            name: (
                low if low is not None else values[name],
                high if high is not None else values[name],
            )
            for name, (low, high) in given.items()
        }
    by_name = {p.name: p for p in model.parameters}
    checked = {}
    for name, pair in ranges.items():
        if name not in by_name:
            if name in VOCABULARY:  # a range of a value this model does not use
                continue
            raise UnknownParameterError(
                f"range for {name!r}: not a parameter of {model.name}"
                f"{did_you_mean(str(name), by_name)}"
            )
        if isinstance(pair, tuple) and len(pair) == 2 and None in pair:
            pair = tuple(values[name] if end is None else end for end in pair)
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InputError(f"range for {name}: expected a (low, high) pair, got {pair!r}")
        low, high = (by_name[name].exact_value(v) for v in pair)
        if low > high:
            raise ParameterValueError(f"range for {name}: low {low} is above high {high}")
        checked[name] = (low, high)
    return {name: checked[name] for name in by_name if name in checked}


def _with(
    values: Mapping[str, Any], params: Mapping[str, Param], point: Mapping[str, Fraction]
) -> dict[str, Any]:
    out = dict(values)
    for name, value in point.items():
        out[name] = Q_(value, params[name].unit) if params[name].unit else value
    return out


@dataclass(frozen=True)
class Bounds:
    """The lowest and highest total over a box, exact, and where each is attained.

    ``proven`` is True when every ranged parameter moves the total one way (the extremes
    are then at corners, found exactly); ``searched`` names the parameters whose range was
    searched on a grid instead.
    """

    low: Any
    high: Any
    low_at: Mapping[str, Fraction]
    high_at: Mapping[str, Fraction]
    directions: Mapping[str, int | None]
    searched: tuple[str, ...]

    @property
    def proven(self) -> bool:
        return not self.searched

    def __str__(self) -> str:
        how = "proven by monotonicity" if self.proven else f"searched in {', '.join(self.searched)}"
        return f"{format_quantity(self.low)} .. {format_quantity(self.high)} ({how})"


def bounds(
    model: Model, values: Mapping[str, Any], ranges: Mapping[str, Any] | None = None
) -> Bounds:
    """Exact bounds of ``model``'s total over the box of ``ranges`` (see the module)."""
    box = _ranges(model, values, ranges)
    params = {p.name: p for p in model.parameters}
    directions = {name: direction(model.total, params[name].symbol) for name in box}
    searched = tuple(name for name, d in directions.items() if d is None)
    axes: dict[str, list[Fraction]] = {}
    for name, (low, high) in box.items():
        moves = directions[name]
        if moves is None:
            step = (high - low) / (SEARCH_POINTS - 1)
            points = {low + i * step for i in range(SEARCH_POINTS)}
            if params[name].integral:  # whole numbers only, both ends kept
                points = {Fraction(round(p)) for p in points} | {low, high}
            axes[name] = sorted(points)
        elif moves == 0 or low == high:
            axes[name] = [low]
        else:
            axes[name] = [low, high]
    count = 1
    for axis in axes.values():
        count *= len(axis)
    if count > MAX_CORNERS:
        raise ParameterValueError(
            f"bounds: {count} points to visit; at most {MAX_CORNERS} (fewer ranged parameters)"
        )
    names = list(axes)
    best_low: tuple[Fraction, dict[str, Fraction]] | None = None
    best_high: tuple[Fraction, dict[str, Fraction]] | None = None
    for combination in itertools.product(*(axes[n] for n in names)):
        point = dict(zip(names, combination, strict=True))
        total = Fraction(model.evaluate(_with(values, params, point)).total.magnitude)
        if best_low is None or total < best_low[0]:
            best_low = (total, point)
        if best_high is None or total > best_high[0]:
            best_high = (total, point)
    assert best_low is not None and best_high is not None
    return Bounds(
        low=Q_(best_low[0], model.unit),
        high=Q_(best_high[0], model.unit),
        low_at=best_low[1],
        high_at=best_high[1],
        directions=directions,
        searched=searched,
    )


@dataclass(frozen=True)
class Swing:
    """One parameter's range alone: the total at each end (exact) and the swing between."""

    name: str
    low: Any
    high: Any
    at_low: Fraction
    at_high: Fraction

    @property
    def swing(self) -> Any:
        return abs(self.high - self.low)


def tornado(
    model: Model, values: Mapping[str, Any], ranges: Mapping[str, Any] | None = None
) -> list[Swing]:
    """Each ranged parameter moved alone across its range: the total's swing, largest first.

    The extremes of a parameter's own range are found as :func:`bounds` finds them (at its
    ends when the total is monotone in it, else on a grid).
    """
    box = _ranges(model, values, ranges)
    swings = []
    for name, pair in box.items():
        alone = bounds(model, values, {name: tuple(_given(model, name, v) for v in pair)})
        swings.append(Swing(name, alone.low, alone.high, alone.low_at[name], alone.high_at[name]))
    return sorted(swings, key=lambda s: (-Fraction(s.swing.magnitude), s.name))


def _given(model: Model, name: str, value: Fraction) -> Any:
    param = {p.name: p for p in model.parameters}[name]
    return Q_(value, param.unit) if param.unit else value


@dataclass(frozen=True)
class RobustDecision:
    """Whether a break-even's decision holds over a box.

    ``cheaper`` names the side cheaper everywhere in the box (``None`` when the decision
    flips inside it); ``difference`` bounds ``left - right`` over the box (exact);
    ``breakeven_low``/``breakeven_high`` the break-even value's range over the box (when it
    has a closed form), so a reader sees where the decision flips.
    """

    cheaper: str | None
    difference: Bounds
    breakeven_low: Any = None
    breakeven_high: Any = None

    def __str__(self) -> str:
        if self.cheaper is not None:
            return f"{self.cheaper} is cheaper over the whole box ({self.difference})"
        where = ""
        if self.breakeven_low is not None:
            where = (
                f"; the break-even moves from {format_quantity(self.breakeven_low)} to "
                f"{format_quantity(self.breakeven_high)}"
            )
        return f"the decision flips inside the box{where}"


def robust(
    result: Breakeven, values: Mapping[str, Any], ranges: Mapping[str, Any]
) -> RobustDecision:
    """Is one side of ``result`` cheaper over the whole box of ``ranges`` (which may include
    the solved-for parameter), or does the decision flip inside it?"""
    params = {p.name: p for p in (*result.parameters, result.solve_for)}
    difference = Model.build(
        "difference",
        {"left": result.left.expr, "minus right": -result.right.expr},
        unit=result.left.unit,
        parameters=list(params.values()),
    )
    box = bounds(difference, values, ranges)
    low, high = Fraction(box.low.magnitude), Fraction(box.high.magnitude)
    cheaper = result.left.label if high < 0 else result.right.label if low > 0 else None
    low_value = high_value = None
    if cheaper is None and result.solution is not None:
        others = {n: r for n, r in ranges.items() if n != result.solve_for.name}
        span = _expression_bounds(result.solution, params, values, others)
        unit = result.solve_for.unit
        low_value, high_value = Q_(span[0], unit), Q_(span[1], unit)
    return RobustDecision(cheaper, box, low_value, high_value)


def _expression_bounds(
    expr: Any, params: Mapping[str, Param], values: Mapping[str, Any], ranges: Mapping[str, Any]
) -> tuple[Fraction, Fraction]:
    """Lowest and highest value of a plain closed form over a box (corners where it is
    monotone, a grid otherwise), exactly."""
    import sympy

    fixed = {
        params[n].symbol: rational(params[n].exact_value(values[n]))
        for n in params
        if n in values and n not in ranges and params[n].symbol in expr.free_symbols
    }
    reduced = substitute(expr, fixed)
    axes = []
    for name, pair in ranges.items():
        low, high = (params[name].exact_value(v) for v in pair)
        moves = direction(reduced, params[name].symbol)
        if moves is None:
            step = (high - low) / (SEARCH_POINTS - 1)
            axes.append((name, sorted({low + i * step for i in range(SEARCH_POINTS)})))
        else:
            axes.append((name, [low, high]))
    found = []
    for combination in itertools.product(*(points for _, points in axes)):
        subs = {
            params[name].symbol: rational(value)
            for (name, _), value in zip(axes, combination, strict=True)
        }
        value = cast(sympy.Rational, substitute(reduced, subs))  # every symbol given
        found.append(Fraction(int(value.p), int(value.q)))
    return min(found), max(found)


def _right_in_left(result: Breakeven) -> Any:
    return result.left.plain - result.difference
