"""The closed form of a break-even: ``left - right = 0`` solved for one parameter by sympy.

There is no honest closed form where the parameter sits inside a ceiling, a floor, a tree
count, a log, a max or a piecewise expression: :func:`closed_form` then says so, and the
break-even is found numerically (:mod:`costmodel.analysis.search`).

>>> from costmodel.symbols import param
>>> W, P = param("folded_witness_size"), param("proof_size")
>>> solution, conditions, slope, reason = closed_form(W.symbol - 2 * P.symbol, W)
>>> solution, conditions, slope
(2*proof_size, (), 1)
>>> closed_form(W.symbol - sympy.ceiling(W.symbol / P.symbol), W)[3]
'folded_witness_size sits inside a ceiling, a tree count, a log or a max'
"""

from __future__ import annotations

import sympy

from costmodel.functions import Log
from costmodel.nodes import Label
from costmodel.symbols import Param
from costmodel.sympy_calls import (
    derivative,
    meets_assumptions,
    polynomial_division,
    simplest_rational,
    solutions,
    substitute,
)
from costmodel.trees import TreeDepth, TreeJoins

__all__ = ["ClosedForm", "closed_form", "plainly_linear", "slope_of", "solved"]

#: Functions inside which a solved-for symbol has no honest closed form.
_OPAQUE = (sympy.ceiling, sympy.floor, sympy.Max, sympy.Min, sympy.Piecewise, Log, sympy.log)

#: ``(solution, conditions, slope, reason)``: the closed form (or ``None``), the relations
#: under which it is a valid value, the derivative of the difference in the parameter (or
#: ``None`` where it depends on it), and why there is no closed form.
ClosedForm = tuple[sympy.Expr | None, tuple[sympy.Basic, ...], sympy.Expr | None, str]


def _drop_positive_factors(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` without the factors that are positive by assumption (they never vanish)."""
    expr = sympy.factor_terms(expr)
    if not isinstance(expr, sympy.Mul):
        return expr
    kept = [f for f in expr.args if not (f.is_positive or f.is_negative)]
    return sympy.Mul(*kept) if kept else sympy.S.One


def _inside_opaque(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    return any(node.has(x) for node in expr.atoms(*_OPAQUE, TreeJoins, TreeDepth, Label))


def closed_form(difference: sympy.Expr, target: Param) -> ClosedForm:
    """``difference = 0`` solved for ``target``: its one valid solution, or why there is none."""
    solution, conditions, reason = solved(difference, target)
    if solution is None:
        return None, (), None, reason
    return solution, conditions, slope_of(difference, target.symbol), ""


#: ``(solution, conditions, reason)``: :data:`ClosedForm` without the slope.
Solved = tuple[sympy.Expr | None, tuple[sympy.Basic, ...], str]


def solved(difference: sympy.Expr, target: Param) -> Solved:
    """The solution and conditions of :func:`closed_form`, or why there is none (its slope
    is :func:`slope_of`, apart: simplifying it costs as much as the rest, and a break-even
    works it out only when it is read)."""
    x = target.symbol
    core = _drop_positive_factors(difference)
    if _inside_opaque(core, x):
        reason = f"{target.name} sits inside a ceiling, a tree count, a log or a max"
        return None, (), reason
    try:
        candidates = _solve(core, x)
    except NotImplementedError as exc:
        return None, (), f"sympy cannot solve it ({exc})"
    valid = [c for c in candidates if not (c.is_negative or (c.is_zero and not target.allow_zero))]
    if len(valid) != 1:
        reason = (
            "no solution"
            if not valid
            else f"{len(valid)} candidate solutions: {', '.join(map(str, valid))}"
        )
        return None, (), reason
    solution = valid[0] if plainly_linear(valid[0]) else sympy.simplify(valid[0])
    if solution.has(sympy.Float):
        solution = simplest_rational(solution, rational=True)
    positive = solution >= 0 if target.allow_zero else solution > 0
    return solution, tuple(c for c in (positive,) if c is not sympy.true), ""


def plainly_linear(expr: sympy.Expr) -> bool:
    """Whether ``expr`` is a sum of rational multiples of symbols and a rational number
    (``P + o - I``): ``simplify`` leaves such a sum as it is (sympy spreads a number over a
    sum by itself, and no two terms share a symbol to factor out), so it is not asked to.

    >>> from costmodel.symbols import symbol
    >>> P, o = symbol("proof_size"), symbol("receipt_overhead")
    >>> plainly_linear(P + o / 2 - 3), plainly_linear(P * o), plainly_linear(P / o)
    (True, False, False)
    """
    for term in sympy.Add.make_args(expr):
        coefficient, rest = term.as_coeff_Mul()
        if not (coefficient.is_Rational and (rest is sympy.S.One or rest.is_Symbol)):
            return False
    return True


def slope_of(difference: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """The derivative of ``difference`` in ``x``, simplified; ``None`` where it depends on
    ``x`` (then it is thrown away, not simplified)."""
    slope = derivative(difference, x)
    return None if slope.has(x) else sympy.simplify(slope)


def _solve(core: sympy.Expr, x: sympy.Symbol) -> list[sympy.Expr]:
    """The roots of ``core`` in ``x``: ``-b / a`` when ``core = a·x + b`` (its derivative
    free of ``x``, ``a`` not zero) and the root may be a value of ``x``, else
    ``sympy.solve``.  Where ``a`` is a sum that divides ``b`` (``(4N - 3)·(x + F - P)``
    expanded, ``N`` a ceiling), the root is the exact quotient (``P - F``), so that
    ``simplify`` need not find the common factor."""
    coefficient = derivative(core, x)
    if coefficient.has(x) or coefficient.is_zero:
        return solutions(core, x)
    rest = -substitute(core, {x: sympy.S.Zero})
    root = _exact_quotient(rest, coefficient) if isinstance(coefficient, sympy.Add) else None
    if root is None:
        root = rest / coefficient
    # as sympy.solve does: a root against the symbol's assumptions (positive...) is none;
    # where sympy cannot tell its sign (-2S/(4N - 2), N a ceiling), it may tell the sign
    # of its factored form (-S/(2N - 1), 2N - 1 >= 1 for a whole N >= 1)
    verdict = meets_assumptions(root, x)
    if verdict is None:
        verdict = meets_assumptions(sympy.factor_terms(root), x)
    return [] if verdict is False else [root]


def _exact_quotient(numerator: sympy.Expr, denominator: sympy.Expr) -> sympy.Expr | None:
    """``numerator / denominator`` as a polynomial when the division leaves no remainder
    (the symbols and the functions in them are the variables), else ``None``."""
    try:
        quotient, remainder = polynomial_division(numerator, denominator)
    except sympy.PolynomialError:  # not polynomials in any variables (a piecewise...)
        return None
    return quotient if remainder == 0 else None
