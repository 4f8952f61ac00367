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

This module puts the search together; its parts have homes of their own: the objective
(:mod:`costmodel.analysis.objective`), the constraints
(:mod:`costmodel.analysis.constraints`), the grid search and its pruning
(:mod:`costmodel.analysis.grid_search`) and the continuous interval
(:mod:`costmodel.analysis.interval_search`).

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

import sympy

from costmodel.analysis.constraints import Constraint, at_least, at_most
from costmodel.analysis.designs import (
    Interval,
    as_values,
    choices_of,
    designs,
    parameters_of_models,
)
from costmodel.analysis.grid_search import prune, search_grid
from costmodel.analysis.interval_search import INTERVAL_POINTS as INTERVAL_POINTS
from costmodel.analysis.interval_search import solve_interval
from costmodel.analysis.objective import Objective
from costmodel.errors import (
    InputError,
    NoSolutionError,
    ParameterValueError,
    UnknownParameterError,
    check_limit,
    did_you_mean,
)
from costmodel.model import Model
from costmodel.symbols import VOCABULARY
from costmodel.units import Q_, format_quantity

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
        lines.append(f"  objective: {format_quantity(self.value)}")
        if self.runner_up is not None:
            shown = ", ".join(f"{n} = {_value_text(n, v)}" for n, v in self.runner_up.items())
            value, margin = format_quantity(self.runner_up_value), format_quantity(self.margin)
            lines.append(f"  runner-up: {shown} ({value}, {margin} worse)")
        lines.append(f"  binding: {', '.join(self.binding) or 'none'}")
        lines.append(
            "  how: "
            + ", ".join(f"{n} by {m}" for n, m in self.method.items())
            + f"; {self.feasible} of {self.searched} grid points feasible"
        )
        return "\n".join(lines)


def _value_text(name: str, value: Fraction) -> str:
    unit = VOCABULARY[name].unit if name in VOCABULARY else ""
    return format_quantity(Q_(value, unit))


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
    goal = Objective.of(objective)
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
        pruned = prune(name, grid, expression, params[name], subject_to)
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
                point, value, how, closed = solve_interval(
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
        ranked, feasible, binding = search_grid(goal, values, discrete, subject_to, params)
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
