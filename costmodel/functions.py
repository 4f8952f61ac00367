"""Unit-aware functions and the library's own sympy nodes.

The constructors (:func:`ceil`, :func:`floor`, :func:`log`, :func:`maximum`,
:func:`minimum`, :func:`piecewise`, :func:`count_as`) check their arguments' units
at once, so a mistake is reported where it is made, and return plain sympy.

Two nodes are the library's own:

- :class:`Log` is ``log_k(x)``; it prints as ``\\log_{k}`` in LaTeX and evaluates
  exactly at exact powers (``Log(1024, 2) == 10``).
- :class:`CountAs` relabels a count: ``CountAs(N, "proof")`` is the number ``N``
  counted as proofs (each segment yields one proof).  It is the only way a count
  changes its unit, so the walker can check every product ``count * size``.  It is
  invisible in print and LaTeX; :func:`plain` (or ``.doit()``) removes it before
  numbers are substituted.

>>> from costmodel.symbols import symbol
>>> T, C = symbol("total_cycles"), symbol("segment_cycles")
>>> segments = ceil(T / C)
>>> segments
ceiling(total_cycles/segment_cycles)
>>> from costmodel.dimensions import unit_of
>>> unit_of(count_as(segments, "proof") * symbol("proof_size"))
<Unit('B')>
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.core.symbol import Str

from costmodel.dimensions import Label, UnitMap, as_expression, count_in_base, normalize, rescale
from costmodel.errors import DimensionError, ExpressionError, ParameterValueError
from costmodel.units import DIMENSIONLESS, format_unit, is_count_unit, parse_unit, to_base

__all__ = [
    "CountAs",
    "Log",
    "ceil",
    "count_as",
    "floor",
    "log",
    "maximum",
    "minimum",
    "piecewise",
    "plain",
]


class Log(sympy.Function):
    """``log_base(x)``, exact at exact powers, printed ``\\log_{base}`` in LaTeX."""

    nargs = 2

    @classmethod
    def eval(cls, x: sympy.Expr, base: sympy.Expr) -> sympy.Expr | None:
        if base.is_number and (base.is_positive is False or base == 1):
            raise ParameterValueError(f"log: the base must be positive and not 1, got {base}")
        if x.is_number and x.is_positive is False:
            raise ParameterValueError(f"log: the argument must be positive, got {x}")
        if x == 1:
            return sympy.S.Zero
        if x.is_Rational and base.is_Rational and x.is_positive and base.is_positive:
            value = sympy.log(x, base)  # sympy gives an integer at exact powers
            return value if value.is_Rational else None
        return None

    def _eval_is_real(self) -> bool | None:
        x, base = self.args
        return True if (x.is_positive and base.is_positive) else None

    def _eval_rewrite_as_log(self, x: sympy.Expr, base: sympy.Expr, **kwargs: Any) -> sympy.Expr:
        return sympy.log(x) / sympy.log(base)

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        x, base = self.args
        return (sympy.log(x) / sympy.log(base))._eval_evalf(prec)

    def _latex(self, printer: Any) -> str:
        x, base = self.args
        return rf"\log_{{{printer._print(base)}}}{{\left({printer._print(x)}\right)}}"

    def _numpycode(self, printer: Any) -> str:
        x, base = (printer._print(a) for a in self.args)
        return f"{printer._module_format('costmodel.functions.numpy_log')}({x}, {base})"

    def _costmodel_unit(self, args: list[tuple[Any, Any]]) -> tuple[Any, Any]:
        (x, x_unit), (base, base_unit) = args
        x, _ = count_in_base(x, x_unit, context="log")
        base = rescale(base, base_unit, DIMENSIONLESS, context="log base")
        return Log(x, base), DIMENSIONLESS


class CountAs(Label):
    """A count relabelled in another counting unit: ``CountAs(N, "proof")``.

    The first argument is the count (dimensionless or a counting unit), the second
    the unit it is counted in.  Only the unit walker sees the difference: printing,
    LaTeX and lambdify show the count itself.
    """

    @property
    def count(self) -> sympy.Expr:
        return self.args[0]

    def _costmodel_unit(self, args: list[tuple[Any, Any]]) -> tuple[Any, Any]:
        (count, count_unit), _ = args
        count, _ = count_in_base(count, count_unit, context="count_as")
        return CountAs(count, self.args[1]), parse_unit(self.unit_text)


def numpy_log(x: Any, base: Any) -> Any:
    """``log_base(x)`` on arrays, exact at exact powers (``log(2**29)/log(2)`` is not 29)."""
    import numpy as np

    x, base = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(base, dtype=float))
    value = np.log(x) / np.log(base)
    nearest = np.rint(value)
    exact_power = np.isclose(value, nearest, rtol=0, atol=1e-9) & (base**nearest == x)
    return np.where(exact_power, nearest, value)


def _unit(expr: Any, units: UnitMap | None) -> Any:
    return normalize(expr, units)[1]


def count_as(count: Any, unit: str, units: UnitMap | None = None) -> sympy.Expr:
    """``count`` counted in ``unit``: ``count_as(segments, "proof")`` (one proof per segment)."""
    target = parse_unit(unit)
    if not is_count_unit(target):
        raise DimensionError(f"count_as: {format_unit(target)} is not a counting unit", unit=target)
    if to_base(target)[0] != 1:
        raise DimensionError(
            f"count_as: {format_unit(target)} has a prefix; a count is relabelled one for one "
            f"(count it in {format_unit(to_base(target)[1])})",
            unit=target,
        )
    count_in_base(as_expression(count), _unit(count, units), context="count_as")
    return CountAs(as_expression(count), Str(str(unit)))


def plain(expr: Any) -> sympy.Expr:
    """``expr`` without its labels (``CountAs``, ``InUnit``): for numbers, solve, lambdify."""
    expr = as_expression(expr)
    if not expr.has(Label):
        return expr
    return expr.replace(lambda e: isinstance(e, Label), lambda e: plain(e.args[0]))


def ceil(x: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``⌈x⌉`` of a count (dimensionless or a counting unit), rounded in the base unit."""
    count_in_base(as_expression(x), _unit(x, units), context="ceil")
    return sympy.ceiling(x)


def floor(x: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``⌊x⌋`` of a count (dimensionless or a counting unit), rounded in the base unit."""
    count_in_base(as_expression(x), _unit(x, units), context="floor")
    return sympy.floor(x)


def log(x: Any, base: Any = None, units: UnitMap | None = None) -> sympy.Expr:
    """``log_base(x)`` of a count; natural log without ``base``.  Prints as ``\\log_k``."""
    count_in_base(as_expression(x), _unit(x, units), context="log")
    if base is None:
        return sympy.log(x)
    base_unit = _unit(base, units)
    rescale(as_expression(base), base_unit, DIMENSIONLESS, context="log base")
    return Log(x, base)


def _same_unit(args: tuple[Any, ...], units: UnitMap | None, context: str) -> None:
    if not args:
        raise ExpressionError(f"{context}: needs at least one argument")
    pairs = [normalize(a, units) for a in args]
    target = pairs[0][1]
    for expr, unit in pairs[1:]:
        rescale(expr, unit, target, context=context)


def maximum(*args: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``Max`` of quantities of one dimension (any compatible units)."""
    _same_unit(args, units, "maximum")
    return sympy.Max(*args)


def minimum(*args: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``Min`` of quantities of one dimension (any compatible units)."""
    _same_unit(args, units, "minimum")
    return sympy.Min(*args)


def piecewise(*branches: tuple[Any, Any], units: UnitMap | None = None) -> sympy.Expr:
    """``Piecewise`` whose branches share a dimension and whose conditions compare like units.

    Every branch and condition is checked before sympy builds (and may collapse) it.
    """
    if not branches:
        raise ExpressionError("piecewise: needs at least one (value, condition) branch")
    for index, branch in enumerate(branches):
        if not (isinstance(branch, tuple) and len(branch) == 2):
            raise ExpressionError(f"piecewise: branch {index} is not a (value, condition) pair")
        condition = branch[1]
        if not isinstance(condition, bool):
            normalize(condition, units)
    _same_unit(tuple(value for value, _ in branches), units, "piecewise")
    return sympy.Piecewise(*branches)
