"""The equation a break-even solves: two sides, their difference, the parameter solved for.

A :class:`Side` is a labelled expression in a unit; :func:`side_difference` equates two in the
left side's unit (they must share a dimension); :func:`with_assumed` fixes values before
solving; :func:`solved_parameter` and :func:`check_depends` refuse a parameter that is not
there, or that the difference does not depend on, with an error naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from costmodel.dimensions import rescale
from costmodel.errors import (
    DimensionError,
    NoSolutionError,
    ParameterValueError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.functions import plain
from costmodel.symbols import VOCABULARY, Param
from costmodel.sympy_calls import expanded, rational, substitute
from costmodel.units import format_unit, parse_unit

__all__ = ["Side", "check_depends", "side_difference", "solved_parameter", "with_assumed"]


@dataclass(frozen=True)
class Side:
    """One side of an equation: a labelled expression in a unit, with its parameters."""

    label: str
    expr: sympy.Expr
    unit: str
    parameters: tuple[Param, ...]

    @property
    def plain(self) -> sympy.Expr:
        return plain(self.expr)


def solved_parameter(solve_for: str, names: Mapping[str, Param]) -> Param:
    """The parameter called ``solve_for`` among those of both sides."""
    if solve_for not in names:
        known = set(names) | set(VOCABULARY)
        where = "" if solve_for in VOCABULARY else did_you_mean(solve_for, known)
        raise UnknownParameterError(
            f"solve_for: {solve_for!r} is not a parameter of either side{where}; "
            f"parameters: {', '.join(names)}"
        )
    return names[solve_for]


def side_difference(left: Side, right: Side) -> sympy.Expr:
    """``left - right`` in the left side's unit, expanded; the sides must share a dimension."""
    left_unit, right_unit = parse_unit(left.unit), parse_unit(right.unit)
    if left_unit.dimensionality != right_unit.dimensionality:
        raise DimensionError(
            f"cannot equate {left.label} [{format_unit(left_unit)}] with {right.label} "
            f"[{format_unit(right_unit)}]: different dimensions",
            unit=right_unit,
            expected=left_unit,
        )
    right_plain = plain(rescale(right.plain, right_unit, left_unit, context="break-even"))
    return expanded(left.plain - right_plain)


def with_assumed(
    difference: sympy.Expr,
    assume: Mapping[str, Any] | None,
    names: Mapping[str, Param],
    solve_for: str,
) -> tuple[sympy.Expr, dict[str, Any]]:
    """``difference`` with the ``assume``d values substituted, and those values (exact)."""
    if not assume:
        return difference, {}
    subs: dict[sympy.Symbol, sympy.Rational] = {}
    assumed: dict[str, Fraction] = {}
    for name, value in assume.items():
        if name not in names:
            raise UnknownParameterError(
                f"assume: {name!r} is not a parameter of either side"
                f"{did_you_mean(str(name), names)}"
            )
        if name == solve_for:
            raise ParameterValueError(f"assume: cannot fix {name}, the parameter solved for")
        exact = names[name].exact_value(value)
        subs[names[name].symbol] = rational(exact)
        assumed[name] = exact
    return expanded(substitute(difference, subs)), assumed


def check_depends(difference: sympy.Expr, target: Param, left: Side, right: Side) -> None:
    """A :class:`NoSolutionError` when ``difference`` does not depend on ``target``."""
    if difference.has(target.symbol):
        return
    simplified = sympy.simplify(difference)
    if simplified == 0:
        raise NoSolutionError(
            f"no single break-even in {target.name}: {left.label} and {right.label} are "
            f"equal for every value of it (their difference is identically zero)"
        )
    raise NoSolutionError(
        f"no break-even in {target.name}: {left.label} - {right.label} does not depend on it "
        f"(it is {simplified})"
    )
