"""A break-even at given values: the value (or the range of values) where the sides are
equal, whether it is exact, and which side is cheaper on either side of it.

>>> from costmodel.units import Q_
>>> print(BreakevenPoint(Q_(250, "kB"), True, None, "folding", "recursive_stark",
...                      Q_(51, "GB"), Q_(51, "GB")))
250 kB: below it folding is cheaper, above it recursive_stark
"""

from __future__ import annotations

from dataclasses import dataclass

from costmodel.model import RichDisplay
from costmodel.units import Quantity, format_quantity

__all__ = ["BreakevenPoint"]


@dataclass(frozen=True)
class BreakevenPoint(RichDisplay):
    """A break-even at given values: the value, whether it is exact, who is cheaper where.

    Where the two sides are equal on a whole range of the parameter (a step function such
    as a segment count makes them so), ``interval`` is that range ``(low, high)`` and
    ``value`` its lower end; ``None`` at an end means the range reaches past the values
    searched (``everywhere`` is then True when it reaches past both).  The ends of a
    range found numerically are as exact as ``exact`` says.
    """

    value: Quantity
    exact: bool
    bracket: tuple[Quantity, Quantity] | None
    cheaper_below: str | None
    cheaper_above: str | None
    left: Quantity
    right: Quantity
    interval: tuple[Quantity | None, Quantity | None] | None = None

    @property
    def everywhere(self) -> bool:
        """True when the sides are equal at every value searched (no end on either side)."""
        return self.interval is not None and self.interval == (None, None)

    def __str__(self) -> str:
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
