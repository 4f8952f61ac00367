"""The optimizer's objective: one model's total, or a weighted sum of models brought to one
unit by their weights (``[(dollars, 1), (wall_time, "0.01 USD/s")]``), evaluated exactly at a
design or written as one plain expression for derivatives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from costmodel.analysis.designs import values_for
from costmodel.dimensions import rescale
from costmodel.errors import InputError, ParameterValueError
from costmodel.functions import plain
from costmodel.model import Model
from costmodel.sympy_calls import rational
from costmodel.units import Q_, Quantity, format_unit, parse_quantity, parse_unit

__all__ = ["Objective"]


@dataclass(frozen=True)
class Objective:
    """The models minimized, each with its weight, and the unit of their weighted sum."""

    terms: tuple[tuple[Model, Fraction, Any], ...]  # model, weight magnitude, weight unit
    unit: Any

    @classmethod
    def of(cls, objective: Any) -> Objective:
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
