"""Break-even conditions: where two costs are equal, solved for any parameter.

``breakeven(a, b, solve_for=NAME)`` solves ``a = b`` for the parameter ``NAME``, where
each side is a :class:`~costmodel.model.Model` (its total), a ``(model, term)`` pair,
another :class:`Breakeven` (its solution), or a sympy expression over vocabulary
symbols.  Both sides must have one dimension; the right side is converted exactly to
the left side's unit.

The closed form is exact and simplified, with the conditions under which it is a
break-even (it must be a valid value of the parameter).  Where the parameter sits
inside a ceiling, a tree count or a log there is no honest closed form: the result
says so, and :meth:`Breakeven.evaluate` finds the crossing numerically (marked
``exact=False`` unless the sides meet exactly).

>>> import costmodel
>>> w = costmodel.breakeven(costmodel.folding(), costmodel.recursive_stark(),
...                         solve_for="folded_witness_size")
>>> w.solution
-folded_instance_size + proof_size + receipt_overhead
>>> point = w.evaluate(costmodel.presets.load("seed-note"))
>>> costmodel.format_quantity(point.value), point.cheaper_below, point.cheaper_above
('250 kB', 'folding', 'recursive_stark')
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, cast

import sympy

from costmodel.analysis.closed_form import slope_of, solved
from costmodel.analysis.point import BreakevenPoint
from costmodel.analysis.readable import ReadableForm, readable_form
from costmodel.analysis.search import Root, find_root, power_text, search_grid
from costmodel.analysis.sides import (
    Side,
    check_depends,
    side_difference,
    solved_parameter,
    with_assumed,
)
from costmodel.dimensions import normalize
from costmodel.errors import (
    ExpressionError,
    MissingParameterError,
    NoSolutionError,
    ParameterValueError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.model import Model, RichDisplay, parameters_of
from costmodel.nodes import as_expression
from costmodel.symbols import Param, unit_table
from costmodel.sympy_calls import equality, expanded, rational, substitute
from costmodel.units import Q_, Quantity, Unit, format_unit

__all__ = ["Breakeven", "BreakevenPoint", "Side", "as_side", "breakeven"]


def as_side(obj: Any, parameters: tuple[Param, ...] = ()) -> Side:
    """A :class:`Side` from a model, a ``(model, term)`` pair, a break-even or an expression."""
    if isinstance(obj, Side):
        return obj
    if isinstance(obj, Model):
        return Side(obj.name, obj.labelled_total, obj.unit, obj.parameters)
    if isinstance(obj, Breakeven):
        return Side(
            f"{obj.solve_for.name}*", obj.solution_or_raise(), obj.solve_for.unit, obj.parameters
        )
    if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], Model):
        model, term = obj
        if term not in model.terms:
            raise UnknownParameterError(
                f"model {model.name!r} has no term {term!r}{did_you_mean(str(term), model.terms)}"
                f"; terms: {', '.join(model.terms)}"
            )
        return Side(
            f"{model.name}[{term}]", model.labelled_terms[term], model.unit, model.parameters
        )
    if isinstance(obj, sympy.Basic | int | Fraction):
        expr = as_expression(obj)
        params = parameters_of([expr], parameters)
        _, unit = normalize(expr, unit_table(params))
        return Side(str(expr), expr, format_unit(unit), params)
    raise ExpressionError(
        f"cannot compare {type(obj).__name__}: give a Model, a (model, term) pair, "
        f"a Breakeven or a sympy expression"
    )


def _distinct_labels(a: Any, b: Any, left: Side, right: Side) -> tuple[Side, Side]:
    """Two models of one name are told apart by the options in which they differ."""
    if left.label != right.label or not (isinstance(a, Model) and isinstance(b, Model)):
        return left, right
    options_a, options_b = dict(a.options), dict(b.options)
    differing = sorted(
        k for k in options_a.keys() | options_b.keys() if options_a.get(k) != options_b.get(k)
    )

    def label(model_options: dict[str, Any]) -> str:
        shown = ", ".join(f"{k}={model_options.get(k, 'default')}" for k in differing)
        return f"{left.label}({shown})"

    return (
        dataclasses.replace(left, label=label(options_a)),
        dataclasses.replace(right, label=label(options_b)),
    )


@dataclass(frozen=True)
class Breakeven(RichDisplay):
    """``left = right`` solved for ``solve_for``: closed form, conditions, numbers.

    ``solution`` is the closed form (plain sympy, exact) or ``None`` when there is none;
    ``reason`` then says why.  ``conditions`` are the relations under which the
    closed form is a valid value of the parameter.  :attr:`slope` is the derivative of
    ``left - right`` in the parameter: positive means ``left`` is the cheaper side
    below the break-even.
    """

    left: Side
    right: Side
    solve_for: Param
    difference: sympy.Expr
    solution: sympy.Expr | None
    conditions: tuple[sympy.Basic, ...]
    reason: str = ""
    assumed: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @functools.cached_property
    def slope(self) -> sympy.Expr | None:
        """The derivative of ``left - right`` in the parameter, simplified, when there is a
        closed form and the derivative does not depend on the parameter; else ``None``.
        Worked out when first read (a function of :attr:`difference` and
        :attr:`solve_for`, so it takes no part in comparing break-evens)."""
        if self.solution is None:
            return None
        return slope_of(self.difference, self.solve_for.symbol)

    @property
    def closed_form(self) -> bool:
        """True when :attr:`solution` holds a closed form."""
        return self.solution is not None

    @property
    def parameters(self) -> tuple[Param, ...]:
        """The parameters of both sides (once each), less those fixed by ``assume``."""
        seen: dict[str, Param] = {}
        for p in (*self.left.parameters, *self.right.parameters):
            seen.setdefault(p.name, p)
        return tuple(p for p in seen.values() if p.name not in self.assumed)

    @property
    def unit(self) -> Unit:
        """The unit of the solved-for parameter, and so of the break-even value."""
        return self.solve_for.pint_unit

    def latex_names(self) -> dict[sympy.Symbol, str]:
        """Symbol -> the vocabulary's LaTeX symbol (the solved one starred: ``W^{*}``)."""
        names = {p.symbol: p.latex for p in (*self.parameters, self.solve_for)}
        names[self.solve_for.symbol] = f"{self.solve_for.latex}^{{*}}"
        return names

    def readable(self) -> ReadableForm:
        """The closed form in named auxiliaries (``N = ⌈T/C⌉``, ``J = J_k(N)``), factored,
        with its condition simplified; see :mod:`costmodel.analysis.readable`."""
        return readable_form(self.solution_or_raise(), self.conditions)

    def solution_or_raise(self) -> sympy.Expr:
        """The closed form, or an :class:`ExpressionError` saying why there is none."""
        if self.solution is None:
            raise ExpressionError(f"no closed form for {self.solve_for.name}: {self.reason}")
        return self.solution

    def equation(self) -> sympy.Eq:
        """``parameter = closed form``."""
        symbol, solution = self.solve_for.symbol, self.solution_or_raise()
        return cast(sympy.Eq, equality(symbol, solution, evaluate=False))

    def _values(self, values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Rational]:
        needed = [p for p in self.parameters if p.name != self.solve_for.name]
        missing = [p.name for p in needed if p.name not in values]
        if missing:
            raise MissingParameterError(
                f"break-even for {self.solve_for.name} needs a value for {', '.join(missing)}"
            )
        subs: dict[sympy.Symbol, sympy.Rational] = {}
        for p in needed:
            value = p.exact_value(values[p.name])
            subs[p.symbol] = rational(value)
        return subs

    def difference_at(self, values: Mapping[str, Any], x: Any) -> Fraction:
        """``left - right`` (in the left side's unit) at ``values`` with the parameter at ``x``."""
        subs = self._values(values)
        value = self.solve_for.exact_value(x)
        subs[self.solve_for.symbol] = rational(value)
        result = substitute(self.difference, subs)
        if not isinstance(result, sympy.Rational):
            raise ExpressionError(f"difference is not a rational number at these values: {result}")
        return Fraction(int(result.p), int(result.q))

    def evaluate(self, values: Mapping[str, Any]) -> BreakevenPoint:
        """The break-even value at ``values`` (every other parameter given).

        From the closed form when there is one; otherwise a sign change of
        ``left - right`` is searched on a doubling grid and narrowed by exact
        bisection (``exact=False``, with the bracket, unless the sides meet exactly).
        """
        subs = self._values(values)
        unit = self.solve_for.unit
        interval: tuple[Fraction | None, Fraction | None] | None = None
        if expanded(substitute(self.difference, subs)) == 0:
            # equal whatever the parameter: no point is the break-even
            interval, x, exact, bracket = (None, None), self._lowest(), True, None
        elif self.solution is not None:
            value = substitute(self.solution, subs)
            if not isinstance(value, sympy.Rational):
                raise ExpressionError(f"{self.solve_for.name}* is not rational here: {value}")
            x = Fraction(int(value.p), int(value.q))
            if x < 0 or (x == 0 and not self.solve_for.allow_zero):
                raise ParameterValueError(
                    f"no break-even: {self.solve_for.name}* = {x} {format_unit(unit)} is not a "
                    f"valid {self.solve_for.name} at these values (conditions: "
                    f"{', '.join(str(c) for c in self.conditions)})"
                )
            exact, bracket = True, None
        else:
            x, exact, bracket, interval = self._numeric_root(subs)
        if interval is not None and interval[0] is not None:
            below, _ = self._cheaper_sides(subs, interval[0])
        else:
            below, _ = self._cheaper_sides(subs, x)
        if interval is not None and interval[1] is not None:
            _, above = self._cheaper_sides(subs, interval[1])
        else:
            _, above = self._cheaper_sides(subs, x)
        if interval == (None, None):
            below = above = None
        quantity = Q_(x, unit)
        left = Q_(self._side_value(self.left.plain, subs, x), self.left.unit)
        right = Q_(self._side_value(self._right_in_left_unit(), subs, x), self.left.unit)

        def end_of(end: Fraction | None) -> Quantity | None:
            return None if end is None else Q_(end, unit)

        return BreakevenPoint(
            value=quantity,
            exact=exact,
            bracket=None if bracket is None else (Q_(bracket[0], unit), Q_(bracket[1], unit)),
            cheaper_below=below,
            cheaper_above=above,
            left=left,
            right=right,
            interval=None if interval is None else (end_of(interval[0]), end_of(interval[1])),
        )

    def _lowest(self) -> Fraction:
        """The smallest valid value of the parameter (a representative when all are equal)."""
        target = self.solve_for
        if target.minimum is not None:
            return Fraction(target.minimum)
        return Fraction(0) if target.allow_zero else Fraction(1)

    def _right_in_left_unit(self) -> sympy.Expr:
        return cast(sympy.Expr, self.left.plain - self.difference)

    def _side_value(
        self, expr: sympy.Expr, subs: dict[sympy.Symbol, sympy.Rational], x: Fraction
    ) -> Fraction:
        full = dict(subs)
        full[self.solve_for.symbol] = rational(x)
        value = cast(sympy.Rational, substitute(expr, full))
        return Fraction(int(value.p), int(value.q))

    def _sign(self, subs: dict[sympy.Symbol, sympy.Rational], x: Fraction) -> int:
        full = dict(subs)
        full[self.solve_for.symbol] = rational(x)
        value = substitute(self.difference, full)
        if not isinstance(value, sympy.Rational):
            raise ExpressionError(f"difference is not rational at {x}: {value}")
        numerator: int = value.p
        return (numerator > 0) - (numerator < 0)

    def _cheaper_sides(
        self, subs: dict[sympy.Symbol, sympy.Rational], x: Fraction
    ) -> tuple[str | None, str | None]:
        """Which side is cheaper just below and just above ``x`` (``None``: neither, or no room)."""
        target = self.solve_for
        step = Fraction(1) if target.integral else max(abs(x) / 1000, Fraction(1, 10**6))
        lowest = Fraction(target.minimum if target.minimum is not None else 0)
        low = x - step
        room_below = low > lowest or (low == lowest and (target.allow_zero or lowest > 0))
        names = {-1: self.left.label, 1: self.right.label, 0: None}
        below = names[self._sign(subs, low)] if room_below else None
        return below, names[self._sign(subs, x + step)]

    def _numeric_root(self, subs: dict[sympy.Symbol, sympy.Rational]) -> Root:
        """``(value, exact, bracket, interval)``: a crossing found on a doubling grid and
        narrowed by exact bisection, or the range on which the sides are equal."""
        grid = search_grid(self.solve_for.integral, self.solve_for.minimum)
        found = find_root(lambda x: self._sign(subs, x), grid, self.solve_for.integral)
        if found is not None:
            return found
        unit = format_unit(self.solve_for.pint_unit)
        unit = "" if unit == "1" else f" {unit}"
        raise NoSolutionError(
            f"no break-even for {self.solve_for.name}: {self.left.label} - {self.right.label} "
            f"keeps one sign from {power_text(grid[0])} to {power_text(grid[-1])}{unit}"
        )

    def __str__(self) -> str:
        name = self.solve_for.name
        if self.solution is None:
            return f"{name}*: no closed form ({self.reason}); evaluate() finds it numerically"
        conditions = " and ".join(str(c) for c in self.conditions) or "parameters are positive"
        return f"{name}* = {self.solution}  [{format_unit(self.unit)}], when {conditions}"


def breakeven(
    a: Any,
    b: Any,
    *,
    solve_for: str,
    assume: Mapping[str, Any] | None = None,
    parameters: tuple[Param, ...] = (),
) -> Breakeven:
    """Solve ``a = b`` for the parameter ``solve_for``; see the module docstring.

    ``assume`` fixes some parameters before solving (``{"arity": 2}``); their values
    are checked like any other.  ``parameters`` declares parameters outside the
    vocabulary used by expression sides.
    """
    left, right = _distinct_labels(a, b, as_side(a, parameters), as_side(b, parameters))
    names = {p.name: p for p in (*left.parameters, *right.parameters)}
    target = solved_parameter(solve_for, names)
    difference, assumed = with_assumed(side_difference(left, right), assume, names, solve_for)
    check_depends(difference, target, left, right)
    solution, conditions, reason = solved(difference, target)
    return Breakeven(
        left=left,
        right=right,
        solve_for=target,
        difference=difference,
        solution=solution,
        conditions=conditions,
        reason=reason,
        assumed=assumed,
    )
