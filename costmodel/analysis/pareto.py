"""Pareto fronts: every design of a grid with two exact costs, the non-dominated ones
marked (:func:`pareto`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from costmodel.analysis.designs import (
    Interval,
    as_values,
    choices_of,
    parameters_of_models,
    product_of,
    values_for,
)
from costmodel.errors import InputError, ParameterValueError, UnknownParameterError, did_you_mean
from costmodel.model import Model

__all__ = ["ParetoFront", "ParetoPoint", "pareto"]


@dataclass(frozen=True)
class ParetoPoint:
    """One design and its two costs (exact); ``dominated`` when another design is no worse in
    both and better in one."""

    design: Mapping[str, Fraction]
    first: Any
    second: Any
    dominated: bool


@dataclass(frozen=True)
class ParetoFront:
    """Every design of the grid with its two costs; :attr:`front` the non-dominated ones,
    sorted by the first cost."""

    names: tuple[str, str]
    points: tuple[ParetoPoint, ...]

    @property
    def front(self) -> tuple[ParetoPoint, ...]:
        """The non-dominated designs, cheapest in the first cost first."""
        kept = [p for p in self.points if not p.dominated]
        return tuple(sorted(kept, key=lambda p: Fraction(p.first.magnitude)))


def pareto(
    first: Model,
    second: Model,
    values: Mapping[str, Any],
    over: Mapping[str, Any],
    *,
    max_points: int = 100_000,
) -> ParetoFront:
    """The designs in ``over`` that no other beats in both ``first`` and ``second`` costs.

    Every grid point is evaluated exactly (up to ``max_points``), so the front is exact:
    wall time against dollars as machines grow, bytes against time as arity grows.

    >>> import costmodel
    >>> values = {**costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note")}
    >>> wall = costmodel.recursive_stark(metric="wall_time", arity=None)
    >>> money = costmodel.recursive_stark(metric="dollars", arity=None)
    >>> front = pareto(wall, money, {**values, "verification_cost": "0 USD"},
    ...                {"machines": [250, 500, 1000], "arity": [2]})
    >>> [int(p.design["machines"]) for p in front.front]
    [1000, 500, 250]
    """
    for model in (first, second):
        if not isinstance(model, Model):
            raise InputError(f"pareto: compare two models, got {model!r}")
    params = parameters_of_models([first, second])
    for name in over:
        if name not in params:
            raise UnknownParameterError(
                f"cannot vary {name!r}: not a parameter of either model"
                f"{did_you_mean(str(name), params)}"
            )
    choices = {name: choices_of(params[name], spec) for name, spec in over.items()}
    grids = {name: grid for name, grid in choices.items() if not isinstance(grid, Interval)}
    if len(grids) != len(choices):
        raise InputError("pareto: give lists of values (an Interval has no finite front)")
    names = list(grids)
    size = 1
    for grid in grids.values():
        size *= len(grid)
    if size > max_points:
        raise ParameterValueError(f"pareto: {size} designs; at most {max_points} are evaluated")
    evaluated = []
    for combination in product_of([grids[n] for n in names]):
        design = dict(zip(names, combination, strict=True))
        given = {**values, **as_values(design, params)}
        evaluated.append(
            (
                design,
                first.evaluate(values_for(first, given)).total,
                second.evaluate(values_for(second, given)).total,
            )
        )
    # sorted by the first cost, then the second: a point is dominated when an earlier one
    # already reached a second cost as low (two designs equal in both dominate neither)
    order = sorted(
        range(len(evaluated)),
        key=lambda i: (Fraction(evaluated[i][1].magnitude), Fraction(evaluated[i][2].magnitude)),
    )
    dominated = [False] * len(evaluated)
    best: tuple[Fraction, Fraction] | None = None
    for index in order:
        pair = (Fraction(evaluated[index][1].magnitude), Fraction(evaluated[index][2].magnitude))
        if best is not None and pair[1] >= best[1] and pair != best:
            dominated[index] = True
        if best is None or pair[1] < best[1]:
            best = pair
    points = [ParetoPoint(design, a, b, dominated[i]) for i, (design, a, b) in enumerate(evaluated)]
    return ParetoFront(
        (first.name + f" [{first.unit}]", second.name + f" [{second.unit}]"), tuple(points)
    )
