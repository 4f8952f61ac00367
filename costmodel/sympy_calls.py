"""sympy's untyped functions behind typed signatures.

sympy ships no type information, so its functions return values of unknown type.  The
library calls the ones below only through this module, which states what each returns
(an expression, a list of solutions...): the rest of the code is checked against those
types.  Each function calls sympy and nothing else.

>>> x = sympy.Symbol("x")
>>> substitute(x + 1, {x: sympy.Integer(2)}), solutions(x**2 - 4, x)
(3, [-2, 2])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TypeVar, cast

import sympy
from sympy.core.symbol import Str

__all__ = [
    "atom_text",
    "cancelled",
    "collected",
    "derivative",
    "dummy",
    "equality",
    "expanded",
    "factored",
    "integer",
    "max_node",
    "meets_assumptions",
    "min_node",
    "numerator_denominator",
    "numeric",
    "operation_count",
    "ordered_terms",
    "piecewise_node",
    "plain_symbol",
    "polynomial_division",
    "quotient_parts",
    "rational",
    "replace_in",
    "simplest_rational",
    "solutions",
    "subexpressions",
    "substitute",
    "text_atom",
]

_Key = TypeVar("_Key", bound=sympy.Basic)


def rational(value: Fraction) -> sympy.Rational:
    """``value`` as a sympy ``Rational``, exactly."""
    return cast(sympy.Rational, sympy.Rational(value.numerator, value.denominator))


def integer(value: int) -> sympy.Integer:
    """``value`` as a sympy ``Integer``."""
    return cast(sympy.Integer, sympy.Integer(value))


def substitute(expr: sympy.Expr, rule: Mapping[_Key, object]) -> sympy.Expr:
    """``expr.xreplace(rule)``: each key replaced by its value, exactly, nothing evaluated."""
    return cast(sympy.Expr, expr.xreplace(rule))  # type: ignore[no-untyped-call]


def derivative(expr: sympy.Expr, symbol: sympy.Symbol, order: int = 1) -> sympy.Expr:
    """``sympy.diff(expr, symbol, order)``."""
    return cast(sympy.Expr, sympy.diff(expr, symbol, order))  # type: ignore[no-untyped-call]


def solutions(equation: sympy.Basic, symbol: sympy.Symbol) -> list[sympy.Expr]:
    """``sympy.solve(equation, symbol)``: the values of one symbol, a list."""
    return cast(list[sympy.Expr], sympy.solve(equation, symbol))  # type: ignore[no-untyped-call]


def equality(left: sympy.Expr, right: sympy.Expr, *, evaluate: bool = True) -> sympy.Basic:
    """``sympy.Eq(left, right)`` (an ``Equality``, or ``true``/``false`` when evaluated)."""
    return cast(sympy.Basic, sympy.Eq(left, right, evaluate=evaluate))  # type: ignore[no-untyped-call]


def simplest_rational(value: sympy.Expr, *, rational: bool | None = None) -> sympy.Expr:
    """``sympy.nsimplify(value)``: floats in ``value`` as simple exact numbers."""
    return cast(sympy.Expr, sympy.nsimplify(value, rational=rational))  # type: ignore[no-untyped-call]


def expanded(expr: sympy.Expr) -> sympy.Expr:
    """``sympy.expand(expr)``."""
    return cast(sympy.Expr, sympy.expand(expr))  # type: ignore[no-untyped-call]


def factored(expr: sympy.Expr) -> sympy.Expr:
    """``sympy.factor(expr)``."""
    return cast(sympy.Expr, sympy.factor(expr))  # type: ignore[no-untyped-call]


def polynomial_division(
    numerator: sympy.Expr, denominator: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr]:
    """``sympy.div(numerator, denominator)``: quotient and remainder as polynomials."""
    quotient, remainder = sympy.div(numerator, denominator)  # type: ignore[no-untyped-call]
    return cast(sympy.Expr, quotient), cast(sympy.Expr, remainder)


def cancelled(expr: sympy.Expr) -> sympy.Expr:
    """``sympy.cancel(expr)``: one quotient of polynomials, common factors cancelled."""
    return cast(sympy.Expr, sympy.cancel(expr))  # type: ignore[no-untyped-call]


def quotient_parts(expr: sympy.Basic) -> tuple[sympy.Expr, sympy.Expr]:
    """``sympy.fraction(expr)``: the numerator and denominator as written."""
    return cast(tuple[sympy.Expr, sympy.Expr], sympy.fraction(expr))  # type: ignore[no-untyped-call]


def ordered_terms(expr: sympy.Expr) -> list[sympy.Expr]:
    """``expr.as_ordered_terms()``: a sum's terms in sympy's printing order."""
    return cast(list[sympy.Expr], expr.as_ordered_terms())  # type: ignore[no-untyped-call]


def replace_in(relation: sympy.Basic, rule: Mapping[_Key, object]) -> sympy.Basic:
    """``relation.xreplace(rule)`` for any sympy object (a relation, a condition)."""
    return cast(sympy.Basic, relation.xreplace(rule))  # type: ignore[no-untyped-call]


def operation_count(expr: sympy.Basic) -> int:
    """``sympy.count_ops(expr)``: how many operations ``expr`` writes out."""
    return int(sympy.count_ops(expr))  # type: ignore[no-untyped-call]


def collected(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> sympy.Expr:
    """``sympy.collect(expr, symbols)``: terms gathered by powers of ``symbols``."""
    return cast(sympy.Expr, sympy.collect(expr, list(symbols)))  # type: ignore[no-untyped-call]


def numerator_denominator(expr: sympy.Basic) -> tuple[sympy.Expr, sympy.Expr]:
    """``sympy.fraction(sympy.together(expr))``: ``expr`` as one quotient."""
    together = sympy.together(expr)  # type: ignore[no-untyped-call]
    return cast(tuple[sympy.Expr, sympy.Expr], sympy.fraction(together))  # type: ignore[no-untyped-call]


def numeric(expr: sympy.Expr, digits: int) -> sympy.Expr:
    """``sympy.N(expr, digits)``: a float of ``digits`` significant digits."""
    return cast(sympy.Expr, sympy.N(expr, digits))  # type: ignore[no-untyped-call]


def max_node(*args: sympy.Expr) -> sympy.Expr:
    """``sympy.Max(*args)``."""
    return cast(sympy.Expr, sympy.Max(*args))  # type: ignore[no-untyped-call]


def min_node(*args: sympy.Expr) -> sympy.Expr:
    """``sympy.Min(*args)``."""
    return cast(sympy.Expr, sympy.Min(*args))  # type: ignore[no-untyped-call]


def piecewise_node(*branches: tuple[sympy.Expr, sympy.Basic | bool]) -> sympy.Expr:
    """``sympy.Piecewise(*branches)`` from ``(value, condition)`` pairs."""
    return cast(sympy.Expr, sympy.Piecewise(*branches))  # type: ignore[no-untyped-call]


def meets_assumptions(value: sympy.Expr, symbol: sympy.Symbol) -> bool | None:
    """Whether ``value`` can be a value of ``symbol``: False when it cannot (a negative
    root of a positive symbol), True when it can, None when unknown.

    ``check_assumptions`` against the symbol's own assumptions (``positive``, ``real``,
    ``integer``), not against every fact they imply (``nonzero``, ``finite``, ``complex``,
    ... twenty in all): asking ``value`` whether it is positive asks what decides it, so the
    answer is the same, at a fraction of the queries.
    """
    from sympy.core.assumptions import check_assumptions

    own = symbol._assumptions_orig  # type: ignore[attr-defined]
    return cast("bool | None", check_assumptions(value, **own))  # type: ignore[no-untyped-call]


def plain_symbol(name: str, **assumptions: bool) -> sympy.Symbol:
    """``sympy.Symbol(name, **assumptions)``: a symbol without a unit (an unknown)."""
    return sympy.Symbol(name, **assumptions)  # type: ignore[no-untyped-call]


def dummy(name: str, **assumptions: bool) -> sympy.Dummy:
    """``sympy.Dummy(name, **assumptions)``: a symbol unlike every other."""
    return sympy.Dummy(name, **assumptions)  # type: ignore[no-untyped-call]


def text_atom(text: str) -> Str:
    """``sympy.core.symbol.Str(text)``: text as a sympy atom (a node's unit label)."""
    return Str(text)  # type: ignore[no-untyped-call]


def atom_text(atom: sympy.Basic) -> str:
    """The text of a :func:`text_atom` (``Str.name``, which sympy does not annotate)."""
    return cast(str, atom.name)  # type: ignore[attr-defined]


def subexpressions(expr: sympy.Basic) -> Iterator[sympy.Basic]:
    """``sympy.preorder_traversal(expr)``: ``expr`` and every node below it, parents first."""
    return iter(sympy.preorder_traversal(expr))  # type: ignore[no-untyped-call]
