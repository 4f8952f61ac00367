"""The optimizer's search of a discrete grid: every design evaluated at once on float arrays
(the vectorized sweep), the candidates within float noise of the best (and near a
constraint's bound) evaluated again exactly; the constraints that ruled out a better design;
and the pruning of a parameter in which the objective provably moves one way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from costmodel.analysis.constraints import Constraint, feasible_exact
from costmodel.analysis.designs import as_values, given_value, values_for
from costmodel.analysis.monotone import direction
from costmodel.analysis.objective import Objective
from costmodel.analysis.sweep import sweep
from costmodel.symbols import Param
from costmodel.units import Q_, format_unit, parse_quantity

__all__ = ["prune", "search_grid"]

_FLOAT_SLACK = 1e-9


def _constraint_arrays(
    constraint: Constraint,
    values: Mapping[str, Any],
    over: Mapping[str, Any],
    names: list[str],
    meshes: list[np.ndarray],
    params: Mapping[str, Param],
) -> tuple[np.ndarray, np.ndarray]:
    """Float slack (>= 0 when met) and its scale, on the mesh."""
    bound = parse_quantity(constraint.bound, name=constraint.label)
    if isinstance(constraint.target, str):
        index = names.index(constraint.target)
        param = params[constraint.target]
        factor = float(Q_(1, param.unit).to(bound.units).magnitude) if param.unit else 1.0
        amounts = meshes[index] * factor
    else:
        model = constraint.target
        relevant = {n: over[n] for n in names if n in model.parameter_names}
        result = sweep(
            model, values, relevant, unit=format_unit(bound.units), mesh=True, breakdown=False
        )
        amounts = _broadcast(result.total, [n for n in names if n in relevant], names)
    limit = float(bound.magnitude)
    slack = (limit - amounts) if constraint.upper else (amounts - limit)
    return slack, np.maximum(np.abs(amounts), abs(limit))


def _broadcast(array: np.ndarray, present: list[str], names: list[str]) -> np.ndarray:
    """A mesh over ``present`` names, expanded to the full mesh over ``names``."""
    shape = []
    for name in names:
        shape.append(array.shape[present.index(name)] if name in present else 1)
    expanded = np.asarray(array).reshape(shape)
    return expanded


def search_grid(
    goal: Objective,
    values: Mapping[str, Any],
    grids: Mapping[str, list[Fraction]],
    subject_to: Sequence[Constraint],
    params: Mapping[str, Param],
) -> tuple[list[tuple[dict[str, Fraction], Any]], int, list[str]]:
    names = list(grids)
    if not names:
        value = goal.exact(values)
        met = all(feasible_exact(c, values, params)[0] for c in subject_to)
        return ([({}, value)] if met else []), int(met), []
    over = {n: [given_value(params[n], v) for v in grids[n]] for n in names}
    shape = tuple(len(grids[n]) for n in names)
    meshes = list(
        np.meshgrid(*(np.array([float(v) for v in grids[n]]) for n in names), indexing="ij")
    )
    total = np.zeros(shape)
    for model, weight, weight_unit in goal.terms:
        relevant = {n: over[n] for n in names if n in model.parameter_names}
        unit = format_unit(goal.unit / weight_unit)
        result = sweep(
            model, values_for(model, values), relevant, unit=unit, mesh=True, breakdown=False
        )
        total = total + float(weight) * _broadcast(result.total, list(relevant), names)
    total = np.broadcast_to(total, shape)
    ok = np.ones(shape, dtype=bool)
    near = np.zeros(shape, dtype=bool)
    for constraint in subject_to:
        slack, scale = _constraint_arrays(constraint, values, over, names, meshes, params)
        slack = np.broadcast_to(slack, shape)
        scale = np.broadcast_to(scale, shape)
        near |= np.abs(slack) <= _FLOAT_SLACK * np.maximum(scale, 1e-300)
        ok &= slack >= 0
    if not np.any(ok | near):
        return [], 0, [c.label for c in subject_to]
    candidates = ok | near
    best = np.min(np.where(candidates, total, np.inf))
    # exact re-evaluation: everything within float noise of the best, and the next best
    window = candidates & (total <= best + _FLOAT_SLACK * max(abs(best), 1e-300) * 4)
    order = np.argsort(np.where(candidates, total, np.inf), axis=None)
    picked = set(map(tuple, np.argwhere(window)))
    for flat in order[: len(picked) + 2]:
        picked.add(np.unravel_index(flat, shape))
    exact: list[tuple[dict[str, Fraction], Any]] = []
    for index in picked:
        point = {n: grids[n][i] for n, i in zip(names, index, strict=True)}
        given = {**values, **as_values(point, params)}
        if all(feasible_exact(c, given, params)[0] for c in subject_to):
            exact.append((point, goal.exact(given)))
    exact.sort(key=lambda item: (Fraction(item[1].magnitude), [item[0][n] for n in names]))
    feasible = int(np.count_nonzero(ok))
    binding = _binding(
        exact[0][1] if exact else None,
        total,
        ok,
        subject_to,
        values,
        over,
        names,
        meshes,
        params,
        shape,
    )
    return exact, feasible, binding


def _binding(
    best: Any,
    total: np.ndarray,
    ok: np.ndarray,
    subject_to: Sequence[Constraint],
    values: Mapping[str, Any],
    over: Mapping[str, Any],
    names: list[str],
    meshes: list[np.ndarray],
    params: Mapping[str, Param],
    shape: tuple[int, ...],
) -> list[str]:
    """The constraints without which a strictly better grid point would be feasible."""
    if best is None:
        return []
    limit = float(best.magnitude) * (1 - _FLOAT_SLACK)
    binding = []
    for constraint in subject_to:
        others = np.ones(shape, dtype=bool)
        for other in subject_to:
            if other is constraint:
                continue
            slack, _ = _constraint_arrays(other, values, over, names, meshes, params)
            others &= np.broadcast_to(slack, shape) >= 0
        if np.any(others & (total < limit)):
            binding.append(constraint.label)
    return binding


def prune(
    name: str,
    grid: list[Fraction],
    expression: sympy.Expr,
    param: Param,
    subject_to: Sequence[Constraint],
) -> Fraction | None:
    """The single grid value worth searching when the objective provably moves one way in
    ``name`` and no constraint gets harder that way; ``None`` otherwise."""
    if len(grid) < 2:
        return None
    moves = direction(expression, param.symbol)
    if moves not in (1, -1):
        return None
    best_end = grid[0] if moves == 1 else grid[-1]
    for constraint in subject_to:
        if isinstance(constraint.target, str):
            if constraint.target == name:
                return None
            continue
        if name not in constraint.target.parameter_names:
            continue
        side = direction(constraint.target.total, param.symbol)
        # moving towards best_end must not increase an upper-bounded target (nor decrease a
        # lower-bounded one)
        towards = -moves
        harder = side is None or (side * towards > 0 if constraint.upper else side * towards < 0)
        if harder:
            return None
    return best_end
