"""Monotonicity by structure: in which direction a model's total moves with one parameter.

:func:`direction` reads an expression node by node and returns ``+1`` (non-decreasing in
the parameter), ``-1`` (non-increasing), ``0`` (independent of it) or ``None`` (not
established).  Every parameter is positive (or non-negative), so a sum of non-decreasing
terms is non-decreasing, a product of positive non-decreasing factors too, and so on.  The
library's step functions carry their own directions:

- ``ceiling``, ``floor``, ``Max``, ``Min`` and the labels are non-decreasing in their
  arguments; ``log`` and ``Log`` in their argument (bases are constants above 1);
- ``TreeJoins(N, k)`` and ``TreeDepth(N, k)`` are non-decreasing in ``N`` and non-increasing
  in ``k``; ``JoinWaves(N, k, M)`` also non-increasing in ``M``; the same holds of their
  kinds for trees that prove single items (``GroupJoins``, ``GroupJoinWaves``).  In ``N``
  and ``M`` this follows from each layer's size ``⌈N / k^l⌉`` and joins
  ``⌊n/k⌋ + [n mod k >= 2]`` (or ``⌈n/k⌉``) being non-decreasing; in ``k`` it is checked
  exhaustively for ``N < 1200`` and ``k <= 16`` (the tests), not proven in general.

A direction found this way is a proof (within that caveat), not a sample: the optimizer
prunes with it, and :func:`costmodel.bounds` finds exact extremes at a box's corners with it.

>>> import costmodel
>>> model = costmodel.recursive_stark()
>>> direction(model.total, costmodel.symbol("snapshot_size")), direction(model.total,
...     costmodel.symbol("segment_cycles"))
(1, -1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import sympy

from costmodel.dimensions import Label
from costmodel.functions import Log, plain
from costmodel.sympy_calls import dummy, substitute
from costmodel.trees import JoinWaves, TreeDepth, TreeJoins

__all__ = ["combine", "direction"]

Direction = int | None

# node type -> the direction each argument moves it in (+1 with it, -1 against it)
_STEP_ARGUMENTS: dict[type, tuple[int, ...]] = {
    TreeJoins: (1, -1),
    TreeDepth: (1, -1),
    JoinWaves: (1, -1, -1),
}
_NON_DECREASING = (sympy.ceiling, sympy.floor, sympy.Max, sympy.Min, Label)


def combine(directions: Iterable[Direction]) -> Direction:
    """The direction of a sum of terms moving in ``directions`` (``None`` if they disagree)."""
    result: Direction = 0
    for item in directions:
        if item is None:
            return None
        if item == 0:
            continue
        if result == 0:
            result = item
        elif result != item:
            return None
    return result


def _flip(item: Direction) -> Direction:
    return None if item is None else -item


def _sign(expr: sympy.Expr) -> int | None:
    """``+1`` when ``expr`` is provably non-negative, ``-1`` when provably negative."""
    if expr.is_nonnegative or _counts_nonnegative(expr):
        return 1
    if expr.is_negative:
        return -1
    return None


def _counts_nonnegative(expr: sympy.Expr) -> bool:
    """True when ``expr`` is non-negative once its counts are known to be: ``⌈a⌉ >= 1`` for
    ``a > 0``, and tree counts ``>= 0`` (so ``N + 2 J - 1`` is non-negative)."""
    steps = [
        node
        for node in expr.atoms(sympy.ceiling, TreeJoins, TreeDepth, JoinWaves)
        if not isinstance(node, sympy.ceiling) or node.args[0].is_positive
    ]
    if not steps:
        return False
    slack = {
        node: (1 if isinstance(node, sympy.ceiling) else 0) + dummy("slack", nonnegative=True)
        for node in steps
    }
    return bool(substitute(expr, slack).is_nonnegative)


def direction(expr: Any, x: sympy.Symbol) -> Direction:
    """The direction ``expr`` moves in as ``x`` grows: ``+1``, ``-1``, ``0`` or ``None``."""
    expr = sympy.sympify(expr, strict=True)
    if not expr.has(x):
        return 0
    if expr == x:
        return 1
    return _node(expr, x)


def _node(expr: sympy.Expr, x: sympy.Symbol) -> Direction:
    if isinstance(expr, sympy.Add):
        return combine(direction(arg, x) for arg in expr.args)
    if isinstance(expr, sympy.Mul):
        return _product(expr, x)
    if isinstance(expr, sympy.Pow):
        return _power(expr, x)
    for kind, moves in _STEP_ARGUMENTS.items():
        if isinstance(expr, kind):
            return combine(
                direction(arg, x) if move > 0 else _flip(direction(arg, x))
                for arg, move in zip(expr.args, moves, strict=True)
            )
    if isinstance(expr, Label):
        return direction(expr.args[0], x)
    if isinstance(expr, _NON_DECREASING):
        return combine(direction(arg, x) for arg in expr.args)
    if isinstance(expr, Log):
        value, base = cast(tuple[sympy.Expr, sympy.Expr], expr.args)
        return direction(value, x) if (not base.has(x) and base.is_number and base > 1) else None
    if isinstance(expr, sympy.log):
        return direction(expr.args[0], x)
    return None


def _product(expr: sympy.Mul, x: sympy.Symbol) -> Direction:
    """A product moves with its factors when all of them are positive; a negative constant
    factor turns it around."""
    sign = 1
    moving: list[Direction] = []
    for factor in expr.args:
        if not factor.has(x):
            factor_sign = _sign(plain(factor))
            if factor_sign is None:
                return None
            sign *= factor_sign
            continue
        if _sign(plain(factor)) != 1:
            return None
        moving.append(direction(factor, x))
    result = combine(moving)
    return None if result is None else sign * result


def _power(expr: sympy.Pow, x: sympy.Symbol) -> Direction:
    base, exponent = expr.args
    if exponent.has(x) or not exponent.is_number or _sign(plain(base)) != 1:
        return None
    inner = direction(base, x)
    if exponent.is_positive:
        return inner
    if exponent.is_negative:
        return _flip(inner)
    return 0
