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
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from costmodel.dimensions import normalize, rescale
from costmodel.errors import (
    DimensionError,
    ExpressionError,
    MissingParameterError,
    NoSolutionError,
    ParameterValueError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.functions import Log, plain
from costmodel.model import Model, RichDisplay, _parameters_of
from costmodel.nodes import Label, as_expression
from costmodel.symbols import VOCABULARY, Param, unit_table
from costmodel.trees import TreeDepth, TreeJoins
from costmodel.units import Q_, format_unit, parse_unit

__all__ = ["Breakeven", "BreakevenPoint", "Side", "as_side", "breakeven"]

#: Functions inside which a solved-for symbol has no honest closed form.
_OPAQUE = (sympy.ceiling, sympy.floor, sympy.Max, sympy.Min, sympy.Piecewise, Log, sympy.log)


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
        params = _parameters_of([expr], parameters)
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
        shown = ", ".join(f"{k}={model_options.get(k)}" for k in differing)
        return f"{left.label}({shown})"

    return (
        dataclasses.replace(left, label=label(options_a)),
        dataclasses.replace(right, label=label(options_b)),
    )


def _power_text(value: Fraction) -> str:
    """``2^k`` for a power of two, else the number itself (a grid end in a message)."""
    for exponent in range(-64, 256):
        if Fraction(2) ** exponent == value:
            return f"2^{exponent}"
    return str(value)


def _drop_positive_factors(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` without the factors that are positive by assumption (they never vanish)."""
    expr = sympy.factor_terms(expr)
    if not isinstance(expr, sympy.Mul):
        return expr
    kept = [f for f in expr.args if not (f.is_positive or f.is_negative)]
    return sympy.Mul(*kept) if kept else sympy.S.One


def _inside_opaque(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    return any(node.has(x) for node in expr.atoms(*_OPAQUE, TreeJoins, TreeDepth, Label))


@dataclass(frozen=True)
class BreakevenPoint:
    """A break-even at given values: the value, whether it is exact, who is cheaper where.

    Where the two sides are equal on a whole range of the parameter (a step function such
    as a segment count makes them so), ``interval`` is that range ``(low, high)`` and
    ``value`` its lower end; ``None`` at an end means the range reaches past the values
    searched (``everywhere`` is then True when it reaches past both).  The ends of a
    range found numerically are as exact as ``exact`` says.
    """

    value: Any
    exact: bool
    bracket: tuple[Any, Any] | None
    cheaper_below: str | None
    cheaper_above: str | None
    left: Any
    right: Any
    interval: tuple[Any, Any] | None = None

    @property
    def everywhere(self) -> bool:
        """True when the sides are equal at every value searched (no end on either side)."""
        return self.interval is not None and self.interval == (None, None)

    def __str__(self) -> str:
        from costmodel.units import format_quantity

        mark = "" if self.exact else " (numeric)"
        if self.interval is not None:
            low, high = self.interval
            if low is None and high is None:
                return "the sides are equal at every value: no single break-even"
            span = (
                f"from {format_quantity(low) if low is not None else 'the lowest value'} "
                f"to {format_quantity(high) if high is not None else 'the highest value searched'}"
            )
            return (
                f"the sides are equal {span}{mark}; below it {self.cheaper_below} is cheaper, "
                f"above it {self.cheaper_above}"
            )
        return (
            f"{format_quantity(self.value)}{mark}: below it {self.cheaper_below} is cheaper, "
            f"above it {self.cheaper_above}"
        )


@dataclass(frozen=True)
class Breakeven(RichDisplay):
    """``left = right`` solved for ``solve_for``: closed form, conditions, numbers.

    ``solution`` is the closed form (plain sympy, exact) or ``None`` when there is none;
    ``reason`` then says why.  ``conditions`` are the relations under which the
    closed form is a valid value of the parameter.  ``slope`` is the derivative of
    ``left - right`` in the parameter: positive means ``left`` is the cheaper side
    below the break-even.
    """

    left: Side
    right: Side
    solve_for: Param
    difference: sympy.Expr
    solution: sympy.Expr | None
    conditions: tuple[sympy.Basic, ...]
    slope: sympy.Expr | None
    reason: str = ""
    assumed: Mapping[str, Any] = field(default_factory=dict, compare=False)

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
    def unit(self) -> Any:
        """The unit of the solved-for parameter, and so of the break-even value."""
        return self.solve_for.units

    def latex_names(self) -> dict[sympy.Symbol, str]:
        """Symbol -> the vocabulary's LaTeX symbol (the solved one starred: ``W^{*}``)."""
        names = {p.symbol: p.latex for p in (*self.parameters, self.solve_for)}
        names[self.solve_for.symbol] = f"{self.solve_for.latex}^{{*}}"
        return names

    def solution_or_raise(self) -> sympy.Expr:
        """The closed form, or an :class:`ExpressionError` saying why there is none."""
        if self.solution is None:
            raise ExpressionError(f"no closed form for {self.solve_for.name}: {self.reason}")
        return self.solution

    def equation(self) -> sympy.Eq:
        """``parameter = closed form``."""
        return sympy.Eq(self.solve_for.symbol, self.solution_or_raise(), evaluate=False)

    def _values(self, values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Rational]:
        needed = [p for p in self.parameters if p.name != self.solve_for.name]
        missing = [p.name for p in needed if p.name not in values]
        if missing:
            raise MissingParameterError(
                f"break-even for {self.solve_for.name} needs a value for {', '.join(missing)}"
            )
        subs = {}
        for p in needed:
            value = p.exact_value(values[p.name])
            subs[p.symbol] = sympy.Rational(value.numerator, value.denominator)
        return subs

    def difference_at(self, values: Mapping[str, Any], x: Any) -> Fraction:
        """``left - right`` (in the left side's unit) at ``values`` with the parameter at ``x``."""
        subs = self._values(values)
        value = self.solve_for.exact_value(x)
        subs[self.solve_for.symbol] = sympy.Rational(value.numerator, value.denominator)
        result = self.difference.xreplace(subs)
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
        if sympy.expand(self.difference.xreplace(subs)) == 0:
            # equal whatever the parameter: no point is the break-even
            interval, x, exact, bracket = (None, None), self._lowest(), True, None
        elif self.solution is not None:
            value = self.solution.xreplace(subs)
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
        return BreakevenPoint(
            value=quantity,
            exact=exact,
            bracket=None if bracket is None else (Q_(bracket[0], unit), Q_(bracket[1], unit)),
            cheaper_below=below,
            cheaper_above=above,
            left=left,
            right=right,
            interval=None
            if interval is None
            else tuple(None if end is None else Q_(end, unit) for end in interval),  # type: ignore[arg-type]
        )

    def _lowest(self) -> Fraction:
        """The smallest valid value of the parameter (a representative when all are equal)."""
        target = self.solve_for
        if target.minimum is not None:
            return Fraction(target.minimum)
        return Fraction(0) if target.allow_zero else Fraction(1)

    def _right_in_left_unit(self) -> sympy.Expr:
        return self.left.plain - self.difference

    def _side_value(self, expr: sympy.Expr, subs: dict, x: Fraction) -> Fraction:
        full = dict(subs)
        full[self.solve_for.symbol] = sympy.Rational(x.numerator, x.denominator)
        value = expr.xreplace(full)
        return Fraction(int(value.p), int(value.q))

    def _sign(self, subs: dict, x: Fraction) -> int:
        full = dict(subs)
        full[self.solve_for.symbol] = sympy.Rational(x.numerator, x.denominator)
        value = self.difference.xreplace(full)
        if not isinstance(value, sympy.Rational):
            raise ExpressionError(f"difference is not rational at {x}: {value}")
        return (value.p > 0) - (value.p < 0)

    def _cheaper_sides(self, subs: dict, x: Fraction) -> tuple[str | None, str | None]:
        """Which side is cheaper just below and just above ``x`` (``None``: neither, or no room)."""
        target = self.solve_for
        step = Fraction(1) if target.integral else max(abs(x) / 1000, Fraction(1, 10**6))
        lowest = Fraction(target.minimum if target.minimum is not None else 0)
        low = x - step
        room_below = low > lowest or (low == lowest and (target.allow_zero or lowest > 0))
        names = {-1: self.left.label, 1: self.right.label, 0: None}
        below = names[self._sign(subs, low)] if room_below else None
        return below, names[self._sign(subs, x + step)]

    def _grid(self) -> list[Fraction]:
        if self.solve_for.integral:
            start = self.solve_for.minimum or 1
            return [Fraction(start) * 2**i for i in range(0, 200)]
        return [Fraction(1, 2**i) for i in range(60, 0, -1)] + [
            Fraction(2**i) for i in range(0, 200)
        ]

    def _numeric_root(
        self, subs: dict
    ) -> tuple[
        Fraction,
        bool,
        tuple[Fraction, Fraction] | None,
        tuple[Fraction | None, Fraction | None] | None,
    ]:
        """``(value, exact, bracket, interval)``: a crossing found on a doubling grid and
        narrowed by exact bisection, or the range on which the sides are equal."""
        integral = self.solve_for.integral
        grid = self._grid()
        previous_x, previous_sign = None, None
        for index, x in enumerate(grid):
            sign = self._sign(subs, x)
            if sign == 0:
                return self._zero_set(subs, grid, index)
            if previous_sign is not None and sign != previous_sign:
                value, exact, bracket = self._bisect(subs, previous_x, x, previous_sign, integral)
                if exact:  # the sides meet at a point: is it a point, or part of a range?
                    return self._zero_around(subs, value, previous_x, x)
                return value, exact, bracket, None
            previous_x, previous_sign = x, sign
        unit = format_unit(self.solve_for.units)
        unit = "" if unit == "1" else f" {unit}"
        raise NoSolutionError(
            f"no break-even for {self.solve_for.name}: {self.left.label} - {self.right.label} "
            f"keeps one sign from {_power_text(grid[0])} to {_power_text(grid[-1])}{unit}"
        )

    def _zero_set(
        self, subs: dict, grid: list[Fraction], index: int
    ) -> tuple[
        Fraction,
        bool,
        tuple[Fraction, Fraction] | None,
        tuple[Fraction | None, Fraction | None] | None,
    ]:
        """The sides are equal at ``grid[index]``: find where that stops on either side."""
        x = grid[index]
        below = next((g for g in reversed(grid[:index]) if self._sign(subs, g) != 0), None)
        above = next((g for g in grid[index + 1 :] if self._sign(subs, g) != 0), None)
        if below is None and above is None:
            return x, True, None, (None, None)
        return self._zero_around(subs, x, below, above)

    def _zero_around(
        self, subs: dict, x: Fraction, below: Fraction | None, above: Fraction | None
    ) -> tuple[
        Fraction,
        bool,
        tuple[Fraction, Fraction] | None,
        tuple[Fraction | None, Fraction | None] | None,
    ]:
        """The ends of the range of equality around ``x`` (where the difference is zero),
        between ``below`` and ``above`` where it is not; a lone point gives no range."""
        low = None if below is None else self._edge(subs, below, x)
        high = None if above is None else self._edge(subs, above, x)
        if low == x and high == x:
            return x, True, None, None
        start = x if low is None else low
        # ends of a range are exact for counts; otherwise found by bisection (15 digits)
        return start, self.solve_for.integral, None, (low, high)

    def _edge(self, subs: dict, outside: Fraction, inside: Fraction) -> Fraction:
        """The last value where the difference is zero, walking from ``inside`` (zero) to
        ``outside`` (not zero): exact for counts, to 15 significant digits otherwise."""
        integral = self.solve_for.integral
        for _ in range(400):
            if integral and abs(outside - inside) <= 1:
                break
            if not integral and abs(outside - inside) <= abs(inside) * Fraction(1, 10**15):
                break
            middle = (inside + outside) / 2
            if integral:
                middle = Fraction(math.floor(middle))
                if middle in (inside, outside):
                    break
            if self._sign(subs, middle) == 0:
                inside = middle
            else:
                outside = middle
        return inside

    def _bisect(
        self, subs: dict, low: Fraction, high: Fraction, low_sign: int, integral: bool
    ) -> tuple[Fraction, bool, tuple[Fraction, Fraction]]:
        for _ in range(400):
            if integral and high - low <= 1:
                break
            if not integral and (high - low) <= abs(high) * Fraction(1, 10**15):
                break
            middle = (low + high) // 2 if integral else (low + high) / 2
            sign = self._sign(subs, Fraction(middle))
            if sign == 0:
                return Fraction(middle), True, (Fraction(middle), Fraction(middle))
            if sign == low_sign:
                low = Fraction(middle)
            else:
                high = Fraction(middle)
        # the first value past the crossing: for counts, the smallest one on the other side
        return high, False, (low, high)

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
    if solve_for not in names:
        known = set(names) | set(VOCABULARY)
        where = "" if solve_for in VOCABULARY else did_you_mean(solve_for, known)
        raise UnknownParameterError(
            f"solve_for: {solve_for!r} is not a parameter of either side{where}; "
            f"parameters: {', '.join(names)}"
        )
    target = names[solve_for]
    left_unit, right_unit = parse_unit(left.unit), parse_unit(right.unit)
    if left_unit.dimensionality != right_unit.dimensionality:
        raise DimensionError(
            f"cannot equate {left.label} [{format_unit(left_unit)}] with {right.label} "
            f"[{format_unit(right_unit)}]: different dimensions",
            unit=right_unit,
            expected=left_unit,
        )
    right_plain = plain(rescale(right.plain, right_unit, left_unit, context="break-even"))
    difference = sympy.expand(left.plain - right_plain)
    assumed: dict[str, Any] = {}
    if assume:
        subs = {}
        for name, value in assume.items():
            if name not in names:
                raise UnknownParameterError(
                    f"assume: {name!r} is not a parameter of either side"
                    f"{did_you_mean(str(name), names)}"
                )
            if name == solve_for:
                raise ParameterValueError(f"assume: cannot fix {name}, the parameter solved for")
            exact = names[name].exact_value(value)
            subs[names[name].symbol] = sympy.Rational(exact.numerator, exact.denominator)
            assumed[name] = exact
        difference = sympy.expand(difference.xreplace(subs))
    x = target.symbol
    if not difference.has(x):
        simplified = sympy.simplify(difference)
        if simplified == 0:
            raise NoSolutionError(
                f"no single break-even in {solve_for}: {left.label} and {right.label} are "
                f"equal for every value of it (their difference is identically zero)"
            )
        raise NoSolutionError(
            f"no break-even in {solve_for}: {left.label} - {right.label} does not depend on it "
            f"(it is {simplified})"
        )
    solution, conditions, slope, reason = None, (), None, ""
    core = _drop_positive_factors(difference)
    if _inside_opaque(core, x):
        reason = f"{solve_for} sits inside a ceiling, a tree count, a log or a max"
    else:
        try:
            candidates = sympy.solve(core, x)
        except NotImplementedError as exc:
            candidates, reason = [], f"sympy cannot solve it ({exc})"
        valid = [
            c for c in candidates if not (c.is_negative or (c.is_zero and not target.allow_zero))
        ]
        if len(valid) == 1:
            solution = sympy.simplify(valid[0])
            if solution.has(sympy.Float):
                solution = sympy.nsimplify(solution, rational=True)
            positive = solution >= 0 if target.allow_zero else solution > 0
            conditions = tuple(c for c in (positive,) if c is not sympy.true)
            slope = sympy.simplify(sympy.diff(difference, x))
            if slope.has(x):
                slope = None
        elif not reason:
            reason = (
                "no solution"
                if not valid
                else f"{len(valid)} candidate solutions: {', '.join(map(str, valid))}"
            )
    return Breakeven(
        left=left,
        right=right,
        solve_for=target,
        difference=difference,
        solution=solution,
        conditions=conditions,
        slope=slope,
        reason=reason,
        assumed=assumed,
    )
