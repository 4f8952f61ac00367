"""The optimizer's constraints: ``target <= bound`` or ``target >= bound`` on a model's total
or on a parameter being optimized, and the exact check of one at a design.

>>> import costmodel
>>> at_most(costmodel.recursive_stark(metric="peak_memory"), "24 GB/machine").label
'recursive_stark peak_memory <= 24 GB/machine'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from costmodel.analysis.designs import values_for
from costmodel.errors import InputError
from costmodel.model import Model
from costmodel.symbols import Param
from costmodel.units import Q_, format_quantity, format_unit, parse_quantity

__all__ = ["Constraint", "at_least", "at_most", "feasible_exact"]


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
        return f"{name} {sign} {format_quantity(parse_quantity(self.bound))}"


def at_most(target: Model | str, bound: Any) -> Constraint:
    """The constraint ``target <= bound``."""
    return Constraint(target, bound, upper=True)


def at_least(target: Model | str, bound: Any) -> Constraint:
    """The constraint ``target >= bound``."""
    return Constraint(target, bound, upper=False)


def feasible_exact(
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
