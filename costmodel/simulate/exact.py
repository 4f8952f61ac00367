"""Exact rational numbers for the event queue: ints where they can be, else a lean Fraction.

SimPy orders its events by time, and a run of 10^4 segments compares times millions of
times; ``fractions.Fraction`` spends most of that in generic type checks.  Here a number
is an ``int`` when it is whole (compared and added at C speed) and otherwise an
:class:`Exact`: the same number as a ``Fraction`` (normalized ints, positive
denominator) with only the operations the simulation uses (``+ - * /`` and comparisons
with an :class:`Exact` or an ``int``).  Every result that comes out whole is an ``int``
again.  Dividing goes through :func:`divide` (``/`` of two ints would give a float).
Numbers enter with :func:`exact` and leave with :func:`to_fraction`: nothing is ever
rounded.

>>> third = exact(Fraction(1, 3))
>>> third, divide((third + 1) * 3, 4), third < 1, to_fraction(third * 6)
(Exact(1, 3), 1, True, Fraction(2, 1))
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from math import gcd
from typing import Any, TypeAlias, overload

__all__ = ["Divide", "Exact", "Number", "divide", "exact", "to_fraction"]


#: A number of a run: exact (an ``int``, or an :class:`Exact`), or a float in a float64 run.
Number: TypeAlias = "int | Exact | float"
#: How a run divides: :func:`divide` (exact), or float division in a float64 run.
Divide: TypeAlias = "Callable[[Number, Number], Number]"


def _make(numerator: int, denominator: int) -> int | Exact:
    """``numerator / denominator`` in lowest terms (``denominator`` is not zero): an ``int``
    when whole."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    common = gcd(numerator, denominator)
    if common != 1:
        numerator //= common
        denominator //= common
    if denominator == 1:
        return numerator
    number = object.__new__(Exact)
    number.n = numerator
    number.d = denominator
    return number


class Exact:
    """An exact rational ``n / d`` that is not whole (``d > 1``, lowest terms); see the
    module docstring."""

    __slots__ = ("d", "n")

    n: int
    d: int

    def __init__(self, numerator: int, denominator: int) -> None:
        if denominator <= 1 or gcd(numerator, denominator) != 1:
            raise ValueError("Exact holds a fraction in lowest terms; make numbers with exact()")
        self.n, self.d = numerator, denominator

    def __repr__(self) -> str:
        return f"Exact({self.n}, {self.d})"

    def __bool__(self) -> bool:
        return self.n != 0

    def __hash__(self) -> int:
        return hash(Fraction(self.n, self.d))

    # -- arithmetic --------------------------------------------------------------------

    def __add__(self, other: Any) -> int | Exact:
        if type(other) is Exact:
            return _make(self.n * other.d + other.n * self.d, self.d * other.d)
        if type(other) is int:
            return _make(self.n + other * self.d, self.d)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: Any) -> int | Exact:
        if type(other) is Exact:
            return _make(self.n * other.d - other.n * self.d, self.d * other.d)
        if type(other) is int:
            return _make(self.n - other * self.d, self.d)
        return NotImplemented

    def __rsub__(self, other: Any) -> int | Exact:
        if type(other) is int:
            return _make(other * self.d - self.n, self.d)
        return NotImplemented

    def __mul__(self, other: Any) -> int | Exact:
        if type(other) is Exact:
            return _make(self.n * other.n, self.d * other.d)
        if type(other) is int:
            return _make(self.n * other, self.d)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> int | Exact:
        if type(other) is Exact:
            if other.n == 0:
                raise ZeroDivisionError("Exact division by zero")
            return _make(self.n * other.d, self.d * other.n)
        if type(other) is int:
            if other == 0:
                raise ZeroDivisionError("Exact division by zero")
            return _make(self.n, self.d * other)
        return NotImplemented

    def __rtruediv__(self, other: Any) -> int | Exact:
        if type(other) is int:
            if self.n == 0:
                raise ZeroDivisionError("Exact division by zero")
            return _make(other * self.d, self.n)
        return NotImplemented

    # -- comparisons (with an Exact or an int; anything else is not comparable) --------

    def __eq__(self, other: object) -> bool:
        if type(other) is Exact:
            return self.n == other.n and self.d == other.d
        if type(other) is int:
            return self.d == 1 and self.n == other
        return NotImplemented

    def __lt__(self, other: Any) -> bool:
        if type(other) is Exact:
            return self.n * other.d < other.n * self.d
        if type(other) is int:
            return self.n < other * self.d
        return NotImplemented

    def __le__(self, other: Any) -> bool:
        if type(other) is Exact:
            return self.n * other.d <= other.n * self.d
        if type(other) is int:
            return self.n <= other * self.d
        return NotImplemented

    def __gt__(self, other: Any) -> bool:
        if type(other) is Exact:
            return self.n * other.d > other.n * self.d
        if type(other) is int:
            return self.n > other * self.d
        return NotImplemented

    def __ge__(self, other: Any) -> bool:
        if type(other) is Exact:
            return self.n * other.d >= other.n * self.d
        if type(other) is int:
            return self.n >= other * self.d
        return NotImplemented


def exact(value: Fraction | int) -> int | Exact:
    """``value`` as the simulation's number: an ``int`` when whole, else an :class:`Exact`."""
    value = Fraction(value)
    return _make(value.numerator, value.denominator)


def to_fraction(value: Number) -> Fraction:
    """The simulation's number as a ``Fraction`` (a float's exact binary value)."""
    if isinstance(value, Exact):
        return Fraction(value.n, value.d)
    return Fraction(value)


@overload
def divide(numerator: int | Exact, denominator: int | Exact) -> int | Exact: ...
@overload
def divide(numerator: Number, denominator: Number) -> Number: ...
def divide(numerator: Number, denominator: Number) -> Number:
    """``numerator / denominator``, exactly (never a float) when both are exact."""
    if type(numerator) is int and type(denominator) is int:
        if denominator == 0:
            raise ZeroDivisionError("division by zero")
        return _make(numerator, denominator)
    return numerator / denominator
