"""The optimizer on a continuous :class:`~costmodel.analysis.designs.Interval`: a closed-form
stationary point where sympy finds one (with the second-order check), else an end or a
constraint's boundary where the objective is monotone, else a search of exact points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy

from costmodel.analysis.constraints import Constraint, feasible_exact
from costmodel.analysis.designs import Interval, given_value
from costmodel.analysis.monotone import direction
from costmodel.analysis.objective import Objective
from costmodel.errors import NoSolutionError
from costmodel.symbols import Param
from costmodel.sympy_calls import derivative, numeric, rational, solutions, substitute

__all__ = ["INTERVAL_POINTS", "solve_interval"]

#: Exact points tried on a continuous interval without a closed form or a monotone objective.
INTERVAL_POINTS = 257


def solve_interval(
    name: str,
    interval: Interval,
    goal: Objective,
    expression: sympy.Expr,
    values: Mapping[str, Any],
    point: Mapping[str, Fraction],
    params: Mapping[str, Param],
    subject_to: Sequence[Constraint],
) -> tuple[dict[str, Fraction], Any, str, sympy.Expr | None]:
    param = params[name]
    x = param.symbol
    fixed = {
        p.symbol: rational(v)
        for p_name, v in _exact_values(values, params, skip=name).items()
        for p in [params[p_name]]
    }
    reduced = substitute(expression, fixed)
    candidates: list[Fraction] = [interval.low, interval.high]
    how = "search"
    closed = None
    slope = derivative(reduced, x)
    try:
        roots = solutions(slope, x)
    except (NotImplementedError, ValueError, TypeError):
        roots = []
    for root in roots:
        if not (root.is_real and root.is_number):
            continue
        curvature = substitute(derivative(reduced, x, 2), {x: root})
        if not curvature.is_positive:
            continue
        if isinstance(root, sympy.Rational):
            nearest = Fraction(int(root.p), int(root.q))
        else:  # an irrational stationary point: its closed form, and a rational beside it
            nearest = Fraction(str(numeric(root, 40))).limit_denominator(10**15)
        if interval.low <= nearest <= interval.high:
            candidates.append(nearest)
            how = "closed form" if root.is_Rational else "closed form (irrational, rounded)"
            closed = root
    moves = direction(reduced, x)
    if closed is None and moves in (1, -1, 0):
        how = "monotone"
    elif closed is None:
        step = (interval.high - interval.low) / (INTERVAL_POINTS - 1)
        candidates += [interval.low + i * step for i in range(1, INTERVAL_POINTS - 1)]
    best: tuple[Fraction, Any] | None = None
    for value in sorted(set(candidates)):
        given = {**values, name: given_value(param, value)}
        if not all(feasible_exact(c, given, params)[0] for c in subject_to):
            continue
        total = goal.exact(given)
        if best is None or Fraction(total.magnitude) < Fraction(best[1].magnitude):
            best = (value, total)
    if best is None:
        raise NoSolutionError(f"optimize: no value of {name} in its interval meets the constraints")
    return {**point, name: best[0]}, best[1], how, closed


def _exact_values(
    values: Mapping[str, Any], params: Mapping[str, Param], skip: str
) -> dict[str, Fraction]:
    return {n: params[n].exact_value(values[n]) for n in params if n != skip and n in values}
