"""Sensitivity: elasticities ``d ln(total) / d ln(x)`` and which term dominates where.

An elasticity of 0.98 for ``snapshot_size`` says a 1 % larger snapshot makes the total
0.98 % larger.  Totals are step functions of the counts (``⌈T / C⌉`` segments, tree
joins), so derivatives are taken on the continuous relaxation: ceilings and floors
replaced by their arguments, ``J_k(N)`` by ``(N - 1) / (k - 1)`` (exact for ``k = 2``
and at powers of ``k``; for ``Ĵ_k(N)``, a tree that proves single items, at powers of
``k``).  Parameters outside every step (sizes) get exact elasticities
of the step function itself; those inside one (cycles, segment size, arity) get the
smoothed one, marked ``exact=False``.

>>> import costmodel
>>> from costmodel.analysis.sensitivity import elasticities
>>> ranked = elasticities(costmodel.recursive_stark(), costmodel.presets.load("seed-note"))
>>> for e in ranked[:3]:
...     print(e.name, e.value)
segment_cycles -68000/67999
total_cycles 68000/67999
snapshot_size 200000/203997
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from functools import cached_property
from typing import Any, cast

import sympy

from costmodel.analysis.breakeven import Breakeven
from costmodel.errors import ExpressionError, UnknownParameterError, did_you_mean
from costmodel.functions import plain
from costmodel.model import Model, RichDisplay
from costmodel.symbols import VOCABULARY
from costmodel.sympy_calls import derivative, rational, substitute
from costmodel.trees import TreeJoins

__all__ = [
    "Elasticities",
    "Elasticity",
    "breakeven_elasticities",
    "dominance",
    "dominant_term",
    "elasticities",
    "elasticity",
    "relaxed",
]


def relaxed(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with its steps smoothed: ceilings, floors and tree counts made continuous."""
    expr = plain(expr)
    replacements = {
        sympy.ceiling: lambda e: e.args[0],
        sympy.floor: lambda e: e.args[0],
        TreeJoins: lambda e: (e.args[0] - 1) / (e.args[1] - 1),
    }
    for kind, replace in replacements.items():
        expr = cast(
            sympy.Expr,
            expr.replace(
                lambda e, kind=kind: isinstance(e, kind), lambda e, replace=replace: replace(e)
            ),
        )
    return expr


def elasticity(model: Model, name: str) -> sympy.Expr:
    """The symbolic elasticity of the model's total in parameter ``name``."""
    return sympy.simplify(_unsimplified_elasticity(model, name))


def _unsimplified_elasticity(model: Model, name: str) -> sympy.Expr:
    """``x · d(total)/dx / total``, on the relaxed total where ``x`` sits inside a step
    (remembered per model: a model is immutable)."""
    key = ("elasticity", name)
    if key not in model._plans:
        model._plans[key] = _derived_elasticity(model, name)
    return cast(sympy.Expr, model._plans[key])


def _check_parameter(model: Model, name: str) -> None:
    if name not in model.parameter_names:
        raise UnknownParameterError(
            f"{name!r} is not a parameter of {model.name}"
            f"{did_you_mean(name, model.parameter_names)}"
        )


def _derived_elasticity(model: Model, name: str) -> sympy.Expr:
    _check_parameter(model, name)
    x = model.symbols[name]
    total = plain(model.total)
    if _inside_steps(total, x):
        total = relaxed(total)
    return cast(sympy.Expr, x * derivative(total, x) / total)


def _inside_steps(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    return any(node.has(x) for node in expr.atoms(sympy.ceiling, sympy.floor, TreeJoins))


class Elasticity(RichDisplay):
    """``d ln(total) / d ln(parameter)`` at a point, and its closed form.

    ``exact`` is False when the value is a float, or taken on the smoothed (relaxed) total.
    The closed form of :func:`elasticities` is derived and simplified when it is first read
    (:attr:`expression`; it may be given as a function making it); the value never needs it.
    """

    def __init__(
        self,
        name: str,
        value: Fraction | float,
        expression: sympy.Expr | Callable[[], sympy.Expr],
        exact: bool,
        *,
        simplify: bool = False,
    ) -> None:
        self.name = name
        self.value = value
        self.exact = exact
        self._given = expression
        self._simplify = simplify

    @cached_property
    def expression(self) -> sympy.Expr:
        """The closed form (simplified, for :func:`elasticities`)."""
        given = self._given if isinstance(self._given, sympy.Basic) else self._given()
        return sympy.simplify(given) if self._simplify else given

    def _fields(self) -> tuple[Any, ...]:
        return (self.name, self.value, self.expression, self.exact)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Elasticity):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Elasticity(name={self.name!r}, value={self.value!r}, "
            f"expression={self.expression!r}, exact={self.exact!r})"
        )


def _number(value: sympy.Expr) -> tuple[Fraction | float, bool]:
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q)), True
    if value.is_number:
        return float(value), False
    raise ExpressionError(f"elasticity did not reduce to a number: {value}")


class Elasticities(list[Elasticity], RichDisplay):
    """A list of :class:`Elasticity`, shown in notebooks as one table."""


def elasticities(
    model: Model, values: Mapping[str, Any], names: Iterable[str] | None = None
) -> Elasticities:
    """Elasticities of the total at ``values`` for every parameter, largest magnitude first.

    Parameters whose value is a fixed option (arity of a fixed tree) have none.  The value
    comes from the unsimplified elasticity where that gives a rational number (exactly the
    simplified one's), else from the simplified one.
    """
    subs = model.substitutions(values)
    chosen = list(names) if names is not None else list(model.parameter_names)
    total = plain(model.total)
    smooth: sympy.Expr | None = None
    results = []
    for name in chosen:
        _check_parameter(model, name)
        x = model.symbols[name]
        smoothed = _inside_steps(total, x)
        value: Fraction | float | None = None
        if _first_reading(model, name):  # the closed form is not derived yet: skip it
            if smoothed and smooth is None:
                smooth = relaxed(total)
            value = _rational_elasticity(
                smooth if smoothed and smooth is not None else total, x, subs
            )
        exact = True
        if value is None:  # derived (and remembered), or the total vanishes, or a log
            unsimplified = _unsimplified_elasticity(model, name)
            at_values = substitute(unsimplified, subs)
            if not isinstance(at_values, sympy.Rational):  # a float, or 0/0: simplified
                at_values = substitute(sympy.simplify(unsimplified), subs)
            value, exact = _number(at_values)
        results.append(
            Elasticity(
                name,
                value,
                functools.partial(_unsimplified_elasticity, model, name),
                exact and not smoothed,
                simplify=True,
            )
        )
    return Elasticities(sorted(results, key=lambda e: (-abs(float(e.value)), e.name)))


def _first_reading(model: Model, name: str) -> bool:
    """Whether no elasticity of ``model`` in ``name`` was asked for before: the first time,
    the value is worked on the total alone (:func:`_rational_elasticity`); from the second,
    the closed form is derived once and remembered, and each value is a substitution."""
    plans = model._plans
    if ("elasticity", name) in plans or ("elasticity asked", name) in plans:
        return False
    plans[("elasticity asked", name)] = True
    return True


def _rational_elasticity(
    total: sympy.Expr, x: sympy.Symbol, subs: Mapping[sympy.Symbol, sympy.Rational]
) -> Fraction | None:
    """``x · d(total)/dx / total`` at ``subs``, worked on the total with every other value
    substituted first (a function of ``x`` alone, whose derivative is cheap): the value of
    the closed form there, where both are rational numbers and the total is not zero;
    ``None`` otherwise."""
    point = subs.get(x)
    if point is None:
        return None
    alone = substitute(total, {k: v for k, v in subs.items() if k != x})
    at_point = substitute(alone, {x: point})
    if not isinstance(at_point, sympy.Rational) or at_point == 0:
        return None
    slope = substitute(derivative(alone, x), {x: point})
    if not isinstance(slope, sympy.Rational):
        return None
    value = point * slope / at_point
    return Fraction(int(value.p), int(value.q))


def breakeven_elasticities(result: Breakeven, values: Mapping[str, Any]) -> Elasticities:
    """Elasticities of a break-even's closed form at ``values``: how much ``W*`` moves when
    each parameter does, largest magnitude first (ties: the earlier in the vocabulary).

    Only parameters given a non-zero value whose elasticity there is a non-zero rational
    are listed; the expressions are not simplified.

    >>> import costmodel
    >>> w = costmodel.folded_witness_breakeven()
    >>> seed = dict(costmodel.presets.load("seed-note"), receipt_overhead="50 kB/proof")
    >>> [(e.name, e.value) for e in breakeven_elasticities(w, seed)]
    [('proof_size', Fraction(5, 6)), ('receipt_overhead', Fraction(1, 6))]
    """
    solution = plain(result.solution_or_raise())
    candidates = [p for p in result.parameters if p.name != result.solve_for.name]
    subs: dict[sympy.Symbol, sympy.Rational] = {}
    for p in candidates:
        if p.name in values:
            subs[p.symbol] = rational(p.exact_value(values[p.name]))
    order = {name: index for index, name in enumerate(VOCABULARY)}
    ranked: list[tuple[Fraction | float, int, str, Elasticity]] = []
    for p in candidates:
        if p.symbol not in solution.free_symbols:
            continue
        expression = p.symbol * derivative(solution, p.symbol) / solution
        value = substitute(expression, subs)
        if isinstance(value, sympy.Rational) and value != 0 and subs.get(p.symbol, 0) != 0:
            change = Fraction(int(value.p), int(value.q))
            found = Elasticity(p.name, change, expression, True)
            ranked.append((-abs(change), order.get(p.name, len(order)), p.name, found))
    return Elasticities(item[-1] for item in sorted(ranked, key=lambda item: item[:3]))


def dominant_term(model: Model, values: Mapping[str, Any]) -> tuple[str, Fraction]:
    """The term with the largest share of the total at ``values``, and its share."""
    shares = model.evaluate(values).shares
    name = max(shares, key=lambda n: (shares[n], n))
    return name, shares[name]


def dominance(
    model: Model, values: Mapping[str, Any], over: str, grid: Iterable[Any]
) -> list[tuple[Any, str, Fraction]]:
    """For each value of ``over`` in ``grid``: (value, dominant term, its share), exactly."""
    rows = []
    for point in grid:
        name, share = dominant_term(model, {**values, over: point})
        rows.append((point, name, share))
    return rows
