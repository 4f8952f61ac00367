"""Choosing a design: the grid point (or interval point) that minimizes a cost under constraints.

``optimize(objective, values, over, subject_to)``:

- ``objective``: a :class:`~costmodel.model.Model` (its total is minimized), or a weighted
  sum ``[(model, weight), ...]`` whose weights bring every model to one unit (``[(dollars,
  1), (wall_time, "0.01 USD/s")]``);
- ``over``: parameter name -> the choices: a list of values (``["1048576
  cycle/segment", ...]``, or numbers for counts),
  :func:`~costmodel.analysis.designs.powers_of_two`, or a continuous
  :class:`~costmodel.analysis.designs.Interval`;
- ``subject_to``: :func:`at_most` / :func:`at_least` constraints on any model's total or
  on a parameter (``at_most(peak_memory, "24 GB/machine")``, ``at_most(wall, "12 s")``).

Discrete grids are searched exhaustively: every point is evaluated with the vectorized
sweep, then the candidates within float noise of the best, and every point near a
constraint's bound, are evaluated again exactly, so the optimum, the runner-up and the
margin are exact.  Grids of up to :data:`MAX_GRID_POINTS` points are accepted.  A
parameter in which the objective provably moves one way (:mod:`costmodel.analysis.monotone`)
while every constraint gets no harder in that direction is pruned to its best end.

A continuous parameter is solved in closed form where sympy finds a stationary point of the
objective (with the second-order check); otherwise, where the objective is monotone in it,
the optimum is at an end of the interval or at a constraint's boundary; otherwise the
interval is searched on a grid of exact points and the result says so.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> best = optimize(costmodel.recursive_stark(arity=None), seed, {"arity": range(2, 9)})
>>> best.point["arity"], costmodel.format_quantity(best.value), best.method["arity"]
(Fraction(8, 1), '50.57175 GB', 'pruned (monotone)')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from costmodel.analysis.designs import (
    Interval,
    as_values,
    choices_of,
    designs,
    given_value,
    parameters_of_models,
    values_for,
)
from costmodel.analysis.monotone import direction
from costmodel.analysis.sweep import sweep
from costmodel.dimensions import rescale
from costmodel.errors import (
    InputError,
    NoSolutionError,
    ParameterValueError,
    UnknownParameterError,
    check_limit,
    did_you_mean,
)
from costmodel.functions import plain
from costmodel.model import Model
from costmodel.symbols import VOCABULARY, Param
from costmodel.sympy_calls import derivative, numeric, rational, solutions, substitute
from costmodel.units import Q_, Quantity, format_quantity, format_unit, parse_quantity, parse_unit

__all__ = [
    "MAX_GRID_POINTS",
    "Constraint",
    "Optimum",
    "at_least",
    "at_most",
    "optimize",
]

#: The largest grid searched exhaustively (points of the Cartesian product).
MAX_GRID_POINTS = 1_000_000
#: The most grid points beside a continuous interval (each one is solved for the interval).
MAX_POINTS_WITH_INTERVAL = 1000
#: Exact points tried on a continuous interval without a closed form or a monotone objective.
INTERVAL_POINTS = 257
_FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class Constraint:
    """``target <= bound`` (``upper=True``) or ``target >= bound``; ``target`` is a model (its
    total) or a parameter's name."""

    target: Model | str
    bound: Any
    upper: bool = True

    @property
    def label(self) -> str:
        name = self.target if isinstance(self.target, str) else self.target.name
        metric = None if isinstance(self.target, str) else self.target.fixed.get("metric")
        if metric is not None:  # the same architecture may give the objective and the bound
            name = f"{name} {metric}"
        sign = "<=" if self.upper else ">="
        return f"{name} {sign} {_text(parse_quantity(self.bound))}"


def at_most(target: Model | str, bound: Any) -> Constraint:
    """The constraint ``target <= bound``."""
    return Constraint(target, bound, upper=True)


def at_least(target: Model | str, bound: Any) -> Constraint:
    """The constraint ``target >= bound``."""
    return Constraint(target, bound, upper=False)


@dataclass(frozen=True)
class Optimum:
    """The best design found: exact values throughout.

    ``point`` maps each optimized parameter to its value (a Fraction in the parameter's
    unit); ``value`` is the objective there; ``runner_up``/``runner_up_value`` the next best
    feasible design and ``margin`` how much worse it is; ``binding`` the constraints that
    ruled out a better design; ``method`` how each parameter was settled (``grid``,
    ``pruned``, ``closed form``, ``monotone``, ``search``); ``searched`` and ``feasible``
    count the grid points.
    """

    point: Mapping[str, Fraction]
    value: Any
    runner_up: Mapping[str, Fraction] | None
    runner_up_value: Any
    margin: Any
    binding: tuple[str, ...]
    method: Mapping[str, str]
    searched: int
    feasible: int
    stationary: Mapping[str, sympy.Expr] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [
            "optimum: " + ", ".join(f"{n} = {_value_text(n, v)}" for n, v in self.point.items())
        ]
        lines.append(f"  objective: {_text(self.value)}")
        if self.runner_up is not None:
            shown = ", ".join(f"{n} = {_value_text(n, v)}" for n, v in self.runner_up.items())
            lines.append(
                f"  runner-up: {shown} ({_text(self.runner_up_value)}, {_text(self.margin)} worse)"
            )
        lines.append(f"  binding: {', '.join(self.binding) or 'none'}")
        lines.append(
            "  how: "
            + ", ".join(f"{n} by {m}" for n, m in self.method.items())
            + f"; {self.feasible} of {self.searched} grid points feasible"
        )
        return "\n".join(lines)


def _text(quantity: Any) -> str:
    return format_quantity(quantity)


def _value_text(name: str, value: Fraction) -> str:
    unit = VOCABULARY[name].unit if name in VOCABULARY else ""
    return format_quantity(Q_(value, unit))


# -- the objective and constraints as one set of models ------------------------------------


@dataclass(frozen=True)
class _Objective:
    terms: tuple[tuple[Model, Fraction, Any], ...]  # model, weight magnitude, weight unit
    unit: Any

    @classmethod
    def of(cls, objective: Any) -> _Objective:
        pairs = [(objective, 1)] if isinstance(objective, Model) else list(objective)
        if not pairs:
            raise InputError("optimize: the objective needs at least one model")
        terms = []
        unit = None
        for item in pairs:
            if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Model)):
                raise InputError(
                    f"optimize: minimize a Model or a list of (model, weight) pairs, got {item!r}"
                )
            model, weight = item
            weight = parse_quantity(weight, name=f"weight of {model.name}")
            if weight.magnitude < 0:
                raise ParameterValueError(f"weight of {model.name}: expected >= 0, got {weight}")
            term_unit = parse_unit(model.unit) * weight.units
            if unit is None:
                unit = term_unit
            elif term_unit.dimensionality != unit.dimensionality:
                raise InputError(
                    f"optimize: {model.name} weighted by {format_unit(weight.units)} is in "
                    f"{format_unit(term_unit)}, the first term in {format_unit(unit)}; give "
                    f"weights that bring every model to one unit"
                )
            terms.append((model, Fraction(weight.magnitude), weight.units))
        return cls(tuple(terms), unit)

    def exact(self, values: Mapping[str, Any]) -> Quantity:
        total = Q_(0, self.unit)
        for model, weight, weight_unit in self.terms:
            total = total + model.evaluate(values_for(model, values)).total * Q_(
                weight, weight_unit
            )
        return Q_(Fraction(total.to(self.unit).magnitude), self.unit)

    def expression(self) -> sympy.Expr:
        """The objective as one plain expression in :attr:`unit` (for derivatives)."""
        parts = []
        for model, weight, weight_unit in self.terms:
            unit = parse_unit(model.unit) * weight_unit
            scaled = rescale(
                model.labelled_total * rational(weight),
                unit,
                self.unit,
                context="objective",
            )
            parts.append(plain(scaled))
        return sympy.Add(*parts)


def optimize(
    objective: Any,
    values: Mapping[str, Any],
    over: Mapping[str, Any],
    subject_to: Sequence[Constraint] = (),
    *,
    max_points: int = MAX_GRID_POINTS,
) -> Optimum:
    """The design in ``over`` minimizing ``objective`` at ``values`` under ``subject_to``.

    See the module docstring.  A :class:`NoSolutionError` says which constraints leave no
    feasible design.
    """
    goal = _Objective.of(objective)
    for constraint in subject_to:
        if not isinstance(constraint, Constraint):
            raise InputError(
                f"subject_to: expected at_most(...) or at_least(...), got {constraint!r}"
            )
    models = [m for m, _, _ in goal.terms]
    models += [c.target for c in subject_to if isinstance(c.target, Model)]
    params = parameters_of_models(models)
    for model in models:
        for name in over:
            if name in model.fixed and name not in params:
                raise InputError(
                    f"cannot optimize {name!r}: {model.name} was built with {name}="
                    f"{model.fixed[name]}; build it with {name}=None"
                )
    for name in over:
        if name not in params:
            raise UnknownParameterError(
                f"cannot optimize {name!r}: not a parameter of the objective or constraints"
                f"{did_you_mean(str(name), params)}"
            )
    for constraint in subject_to:
        if isinstance(constraint.target, str) and constraint.target not in over:
            raise UnknownParameterError(
                f"constraint on {constraint.target!r}: constrain a parameter being optimized "
                f"({', '.join(over)})"
            )
    choices = {name: choices_of(params[name], spec) for name, spec in over.items()}
    discrete = {n: c for n, c in choices.items() if not isinstance(c, Interval)}
    continuous = {n: c for n, c in choices.items() if isinstance(c, Interval)}
    method: dict[str, str] = {}
    expression = goal.expression()
    for name, grid in list(discrete.items()):
        pruned = _prune(name, grid, expression, params[name], subject_to)
        if pruned is not None:
            discrete[name] = [pruned]
            method[name] = "pruned (monotone)"
        else:
            method[name] = "grid"
    max_points = check_limit("max_points", max_points)
    size = 1
    for grid in discrete.values():
        size *= len(grid)
    if size > max_points:
        raise ParameterValueError(
            f"optimize: {size} grid points; at most {max_points} are searched (give coarser "
            f"grids, or fix some parameters)"
        )
    if len(continuous) > 1:
        raise InputError(
            f"optimize: one continuous interval at a time ({', '.join(continuous)} given); "
            f"give the others as lists of values"
        )
    stationary: dict[str, sympy.Expr] = {}
    if continuous:
        ((name, interval),) = continuous.items()
        if size > MAX_POINTS_WITH_INTERVAL:
            raise ParameterValueError(
                f"optimize: with an interval, at most {MAX_POINTS_WITH_INTERVAL} grid points "
                f"(each is solved for {name}); {size} given"
            )
        ranked: list[tuple[dict[str, Fraction], Any]] = []
        feasible = 0
        binding: list[str] = []
        for design in designs(discrete):
            try:
                point, value, how, closed = _continuous(
                    name,
                    interval,
                    goal,
                    expression,
                    {**values, **as_values(design, params)},
                    design,
                    params,
                    subject_to,
                )
            except NoSolutionError:
                continue
            feasible += 1
            ranked.append((point, value))
            method[name] = how
            if closed is not None:
                stationary[name] = closed
        ranked.sort(key=lambda item: (Fraction(item[1].magnitude), sorted(item[0].items())))
    else:
        ranked, feasible, binding = _search_grid(goal, values, discrete, subject_to, params)
    if not ranked:
        labels = ", ".join(c.label for c in subject_to) or "none"
        raise NoSolutionError(f"optimize: no design in the grid meets the constraints ({labels})")
    best_point, best_value = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    return Optimum(
        point=dict(best_point),
        value=best_value,
        runner_up=None if runner is None else dict(runner[0]),
        runner_up_value=None if runner is None else runner[1],
        margin=None if runner is None else runner[1] - best_value,
        binding=tuple(binding),
        method=method,
        searched=size,
        feasible=feasible,
        stationary=stationary,
    )


def _feasible_exact(
    constraint: Constraint, values: Mapping[str, Any], params: Mapping[str, Param]
) -> tuple[bool, bool]:
    """(is it met, is it met with equality) at ``values``, exactly."""
    bound = parse_quantity(constraint.bound, name=constraint.label)
    if isinstance(constraint.target, str):
        param = params[constraint.target]
        amount = Q_(param.exact_value(values[constraint.target]), param.unit)
    else:
        amount = constraint.target.evaluate(values_for(constraint.target, values)).total
    if amount.dimensionality != bound.dimensionality:
        raise InputError(
            f"constraint {constraint.label}: the bound is in {format_unit(bound.units)}, the "
            f"target in {format_unit(amount.units)}"
        )
    left = Fraction(amount.to(bound.units).magnitude)
    right = Fraction(bound.magnitude)
    met = left <= right if constraint.upper else left >= right
    return met, left == right


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


def _search_grid(
    goal: _Objective,
    values: Mapping[str, Any],
    grids: Mapping[str, list[Fraction]],
    subject_to: Sequence[Constraint],
    params: Mapping[str, Param],
) -> tuple[list[tuple[dict[str, Fraction], Any]], int, list[str]]:
    names = list(grids)
    if not names:
        value = goal.exact(values)
        met = all(_feasible_exact(c, values, params)[0] for c in subject_to)
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
        if all(_feasible_exact(c, given, params)[0] for c in subject_to):
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


def _prune(
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


def _continuous(
    name: str,
    interval: Interval,
    goal: _Objective,
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
        if not all(_feasible_exact(c, given, params)[0] for c in subject_to):
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
