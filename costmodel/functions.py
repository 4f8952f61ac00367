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

import math
from fractions import Fraction
from typing import Any, cast

import sympy
from sympy.core.evalf import prec_to_dps  # type: ignore[attr-defined]  # not in its __all__
from sympy.core.symbol import Str

from costmodel.dimensions import UnitMap, count_in_base, normalize, rescale
from costmodel.errors import DimensionError, ExpressionError, ParameterValueError
from costmodel.nodes import Label, NoText, as_expression
from costmodel.sympy_calls import atom_text, integer, max_node, min_node, piecewise_node, text_atom
from costmodel.units import (
    DIMENSIONLESS,
    Unit,
    UnitLike,
    format_unit,
    is_count_unit,
    parse_unit,
    to_base,
)

__all__ = [
    "MAX_EXACT_LOG",
    "CountAs",
    "Log",
    "ceil",
    "ceil_log",
    "count_as",
    "count_target",
    "floor",
    "floor_log",
    "log",
    "maximum",
    "minimum",
    "piecewise",
    "plain",
]


#: The largest |log_base x| computed exactly (a bound on the powers of the base formed).
MAX_EXACT_LOG = 100_000


def floor_log(x: Any, base: Any) -> int:
    """``⌊log_base x⌋`` exactly, for positive rationals ``x`` and ``base ≠ 1``.

    Worked with integer powers, never in floating point: ``floor_log(2**33 + 1, 2)`` is 33
    and ``floor_log(2**33 - 1, 2)`` is 32, where a float logarithm says 33 for both.

    >>> floor_log(1000, 10), floor_log(999, 10), floor_log(1001, 10), floor_log(1/8, 2)
    (3, 2, 3, -3)
    """
    x, base = Fraction(x), Fraction(base)
    if x <= 0 or base <= 0 or base == 1:
        raise ParameterValueError(
            f"log: needs x > 0 and a positive base other than 1, got x = {x}, base = {base}"
        )
    if base < 1:  # log_b x = -log_(1/b) x, so its floor is minus the ceiling of that one
        return -ceil_log(x, 1 / base)
    estimate = _log_estimate(x) / _log_estimate(base)
    if abs(estimate) > MAX_EXACT_LOG:
        raise ParameterValueError(
            f"log: log_{base}({_size_text(x)}) is about {estimate:.3g}, beyond the "
            f"{MAX_EXACT_LOG} computed exactly"
        )
    k = math.floor(estimate)
    while base**k > x:
        k -= 1
    while base ** (k + 1) <= x:
        k += 1
    return k


def ceil_log(x: Any, base: Any) -> int:
    """``⌈log_base x⌉`` exactly (see :func:`floor_log`).

    >>> ceil_log(1000, 10), ceil_log(1001, 10), ceil_log(2**33 + 1, 2)
    (3, 4, 34)
    """
    x, base = Fraction(x), Fraction(base)
    k = floor_log(x, base)
    return k if base**k == x else k + 1


def _log_estimate(value: Fraction) -> float:
    return math.log(value.numerator) - math.log(value.denominator)


def _size_text(value: Fraction) -> str:
    return str(value) if value.numerator.bit_length() < 64 else "a large number"


class Log(NoText, sympy.Function):
    """``log_base(x)``, exact at exact powers, printed ``\\log_{base}`` in LaTeX.

    With rational arguments its floor and ceiling are worked exactly (:func:`floor_log`),
    so ``ceiling(Log(2**33 + 1, 2))`` is 34: sympy would round a floating-point value.
    """

    nargs = 2

    @classmethod
    def eval(cls, x: sympy.Expr, base: sympy.Expr) -> sympy.Expr | None:
        if base.is_number and (base.is_positive is False or base == 1):
            raise ParameterValueError(f"log: the base must be positive and not 1, got {base}")
        if x.is_number and x.is_positive is False:
            raise ParameterValueError(f"log: the argument must be positive, got {x}")
        if x == 1:
            return sympy.S.Zero
        if isinstance(x, sympy.Rational) and isinstance(base, sympy.Rational):
            low, high = _rounded_log(x, base)
            return integer(low) if low == high else None
        return None

    @property
    def is_NumberSymbol(self) -> bool:  # type: ignore[override]
        """True with rational arguments: sympy's floor and ceiling then ask
        :meth:`approximation_interval` for the exact integers around the value."""
        x, base = self.args
        return bool(x.is_Rational and base.is_Rational)

    def approximation_interval(self, number_cls: Any) -> tuple[Any, Any] | None:
        """``(⌊log⌋, ⌈log⌉)`` as sympy Integers, worked exactly; ``None`` otherwise."""
        x, base = self.args
        if number_cls is not sympy.Integer:
            return None
        if not (isinstance(x, sympy.Rational) and isinstance(base, sympy.Rational)):
            return None
        low, high = _rounded_log(x, base)
        return integer(low), integer(high)

    def _eval_is_real(self) -> bool | None:
        x, base = self.args
        return True if (x.is_positive and base.is_positive) else None

    def _eval_rewrite_as_log(self, x: sympy.Expr, base: sympy.Expr, **kwargs: Any) -> sympy.Expr:
        return cast(sympy.Expr, sympy.log(x) / sympy.log(base))

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        x, base = self.args
        quotient = sympy.log(x) / sympy.log(base)
        return cast(sympy.Expr, quotient.evalf(prec_to_dps(prec) + 5))

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
    the unit it is counted in: a counting unit without a prefix, checked when the node
    is made (whoever makes it: :func:`count_as`, a formula, a script).  Only the unit
    walker sees the difference: printing, LaTeX and lambdify show the count itself.
    """

    @classmethod
    def eval(cls, value: sympy.Expr, unit: Any) -> None:
        if not isinstance(unit, Str):
            raise ExpressionError(f"count_as: the unit must be given as text, got {unit!r}")
        count_target(atom_text(unit))
        return None

    def _costmodel_unit(self, args: list[tuple[Any, Any]]) -> tuple[Any, Any]:
        (count, count_unit), _ = args
        count, _ = count_in_base(count, count_unit, context="count_as")
        return CountAs(count, self.args[1]), parse_unit(self.unit_text)


def count_target(unit: UnitLike) -> Unit:
    """The unit a count may be relabelled in: a counting unit without a prefix.

    ``"kproof"`` would scale the count by 1000 and ``"B"`` would make bytes of it; both
    are :class:`DimensionError`.
    """
    target = parse_unit(unit, name="count_as")
    if not is_count_unit(target):
        raise DimensionError(
            f"count_as: {format_unit(target)} is not a counting unit (cycles, segments, "
            f"proofs, gates...)",
            unit=target,
        )
    if to_base(target)[0] != 1:
        raise DimensionError(
            f"count_as: {format_unit(target)} has a prefix; a count is relabelled one for one "
            f"(count it in {format_unit(to_base(target)[1])})",
            unit=target,
        )
    return target


def _rounded_log(x: sympy.Rational, base: sympy.Rational) -> tuple[int, int]:
    x_exact = Fraction(int(x.p), int(x.q))
    base_exact = Fraction(int(base.p), int(base.q))
    low = floor_log(x_exact, base_exact)
    return low, (low if base_exact**low == x_exact else low + 1)


def _numpy_floor_log(x: Any, base: Any) -> Any:
    """``⌊log_base x⌋`` on float arrays of whole numbers below 2**53, without rounding errors."""
    import numpy as np

    x, base = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(base, dtype=float))
    whole = (x == np.rint(x)) & (base == np.rint(base)) & (x >= 1) & (base >= 2)
    if not np.all(whole):
        raise ParameterValueError(
            "log: a vectorized floor or ceiling of a logarithm takes whole numbers x >= 1 and "
            "bases >= 2; evaluate other values exactly with Model.evaluate"
        )
    if np.any(x >= 2.0**53):
        raise ParameterValueError(
            "log: a vectorized floor or ceiling of a logarithm is exact only below 2^53; "
            "evaluate larger counts exactly with Model.evaluate"
        )
    with np.errstate(over="ignore"):
        k = np.floor(np.log(x) / np.log(base))
        # powers below 2^53 are exact floats; above it they exceed every x, rounded or not
        for _ in range(2):
            k = np.where(base**k > x, k - 1, k)
            k = np.where(base ** (k + 1) <= x, k + 1, k)
    return k


def numpy_floor_log(x: Any, base: Any) -> Any:
    """:func:`floor_log` element-wise on float arrays of whole numbers below 2**53."""
    return _numpy_floor_log(x, base)


def numpy_ceil_log(x: Any, base: Any) -> Any:
    """:func:`ceil_log` element-wise on float arrays of whole numbers below 2**53."""
    import numpy as np

    k = _numpy_floor_log(x, base)
    x, base = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(base, dtype=float))
    return np.where(base**k == x, k, k + 1)


def numpy_log(x: Any, base: Any) -> Any:
    """``log_base(x)`` on arrays, exact at exact powers (``log(2**29)/log(2)`` is not 29)."""
    import numpy as np

    x, base = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(base, dtype=float))
    value = np.log(x) / np.log(base)
    nearest = np.rint(value)
    exact_power = np.isclose(value, nearest, rtol=0, atol=1e-9) & (base**nearest == x)
    return np.where(exact_power, nearest, value)


def _unit(expr: Any, units: UnitMap | None) -> Unit:
    return normalize(expr, units)[1]


def count_as(count: Any, unit: str, units: UnitMap | None = None) -> sympy.Expr:
    """``count`` counted in ``unit``: ``count_as(segments, "proof")`` (one proof per segment)."""
    count_target(unit)
    count_in_base(as_expression(count), _unit(count, units), context="count_as")
    return cast(sympy.Expr, CountAs(as_expression(count), text_atom(str(unit))))


def plain(expr: Any) -> sympy.Expr:
    """``expr`` without its labels (``CountAs``, ``InUnit``): for numbers, solve, lambdify."""
    value = as_expression(expr)
    if not value.has(Label):
        return value
    return cast(
        sympy.Expr, value.replace(lambda e: isinstance(e, Label), lambda e: plain(e.args[0]))
    )


def ceil(x: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``⌈x⌉`` of a count (dimensionless or a counting unit), rounded in the base unit."""
    count_in_base(as_expression(x), _unit(x, units), context="ceil")
    return cast(sympy.Expr, sympy.ceiling(x))


def floor(x: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``⌊x⌋`` of a count (dimensionless or a counting unit), rounded in the base unit."""
    count_in_base(as_expression(x), _unit(x, units), context="floor")
    return cast(sympy.Expr, sympy.floor(x))


def log(x: Any, base: Any = None, units: UnitMap | None = None) -> sympy.Expr:
    """``log_base(x)`` of a count; natural log without ``base``.  Prints as ``\\log_k``."""
    count_in_base(as_expression(x), _unit(x, units), context="log")
    if base is None:
        return cast(sympy.Expr, sympy.log(x))
    base_unit = _unit(base, units)
    rescale(as_expression(base), base_unit, DIMENSIONLESS, context="log base")
    return cast(sympy.Expr, Log(x, base))


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
    return max_node(*args)


def minimum(*args: Any, units: UnitMap | None = None) -> sympy.Expr:
    """``Min`` of quantities of one dimension (any compatible units)."""
    _same_unit(args, units, "minimum")
    return min_node(*args)


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
    return piecewise_node(*branches)
