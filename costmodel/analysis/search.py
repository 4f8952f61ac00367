"""The numeric search for a break-even without a closed form, in exact arithmetic.

``sign(x)`` is the sign of ``left - right`` at ``x``.  :func:`find_root` walks a doubling
grid (:func:`search_grid`) for a sign change and narrows it by exact bisection; where the
sides are equal on a whole range (a step function such as a segment count makes them so)
it finds that range's ends instead.  Counts (``integral``) are searched on whole numbers,
exactly; other values to 15 significant digits.

>>> find_root(lambda x: (x > 5) - (x < 5), search_grid(True, None), True)
(Fraction(5, 1), True, None, None)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

__all__ = ["Root", "find_root", "power_text", "search_grid"]

#: ``(value, exact, bracket, interval)``: the value found, whether the sides meet exactly
#: there, the bracket of a crossing narrowed numerically, and the range of equality (an end
#: is ``None`` where it reaches past the values searched).
Root = tuple[
    Fraction,
    bool,
    tuple[Fraction, Fraction] | None,
    tuple[Fraction | None, Fraction | None] | None,
]
Sign = Callable[[Fraction], int]


def power_text(value: Fraction) -> str:
    """``2^k`` for a power of two, else the number itself (a grid end in a message).

    >>> power_text(Fraction(1, 2**60)), power_text(Fraction(3))
    ('2^-60', '3')
    """
    for exponent in range(-64, 256):
        if Fraction(2) ** exponent == value:
            return f"2^{exponent}"
    return str(value)


def search_grid(integral: bool, minimum: int | None) -> list[Fraction]:
    """The doubling grid searched: from ``minimum`` (or 1) for counts, else ``2^-60 .. 2^199``."""
    if integral:
        start = minimum or 1
        return [Fraction(start) * 2**i for i in range(0, 200)]
    return [Fraction(1, 2**i) for i in range(60, 0, -1)] + [Fraction(2**i) for i in range(0, 200)]


def find_root(sign: Sign, grid: list[Fraction], integral: bool) -> Root | None:
    """The first crossing (or range of equality) on ``grid``; ``None`` if ``sign`` never
    changes and is never zero there."""
    previous: tuple[Fraction, int] | None = None  # the grid point before, and its sign
    for index, x in enumerate(grid):
        current = sign(x)
        if current == 0:
            return _zero_set(sign, grid, index, integral)
        if previous is not None and current != previous[1]:
            previous_x, previous_sign = previous
            value, exact, bracket = _bisect(sign, previous_x, x, previous_sign, integral)
            if exact:  # the sides meet at a point: is it a point, or part of a range?
                return _zero_around(sign, value, previous_x, x, integral)
            return value, exact, bracket, None
        previous = x, current
    return None


def _zero_set(sign: Sign, grid: list[Fraction], index: int, integral: bool) -> Root:
    """The sides are equal at ``grid[index]``: find where that stops on either side."""
    x = grid[index]
    below = next((g for g in reversed(grid[:index]) if sign(g) != 0), None)
    above = next((g for g in grid[index + 1 :] if sign(g) != 0), None)
    if below is None and above is None:
        return x, True, None, (None, None)
    return _zero_around(sign, x, below, above, integral)


def _zero_around(
    sign: Sign, x: Fraction, below: Fraction | None, above: Fraction | None, integral: bool
) -> Root:
    """The ends of the range of equality around ``x`` (where the difference is zero),
    between ``below`` and ``above`` where it is not; a lone point gives no range."""
    low = None if below is None else _edge(sign, below, x, integral)
    high = None if above is None else _edge(sign, above, x, integral)
    if low == x and high == x:
        return x, True, None, None
    start = x if low is None else low
    # ends of a range are exact for counts; otherwise found by bisection (15 digits)
    return start, integral, None, (low, high)


def _edge(sign: Sign, outside: Fraction, inside: Fraction, integral: bool) -> Fraction:
    """The last value where the difference is zero, walking from ``inside`` (zero) to
    ``outside`` (not zero): exact for counts, to 15 significant digits otherwise."""
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
        if sign(middle) == 0:
            inside = middle
        else:
            outside = middle
    return inside


def _bisect(
    sign: Sign, low: Fraction, high: Fraction, low_sign: int, integral: bool
) -> tuple[Fraction, bool, tuple[Fraction, Fraction]]:
    for _ in range(400):
        if integral and high - low <= 1:
            break
        if not integral and (high - low) <= abs(high) * Fraction(1, 10**15):
            break
        middle = (low + high) // 2 if integral else (low + high) / 2
        current = sign(Fraction(middle))
        if current == 0:
            return Fraction(middle), True, (Fraction(middle), Fraction(middle))
        if current == low_sign:
            low = Fraction(middle)
        else:
            high = Fraction(middle)
    # the first value past the crossing: for counts, the smallest one on the other side
    return high, False, (low, high)
