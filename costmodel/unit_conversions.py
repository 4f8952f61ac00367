"""Exact conversions between units of the registry: the factor ``f`` with ``1 source ==
f target`` (:func:`conversion_factor`, :func:`exact_factor`, each found once per pair of
units) and a unit's base form (:func:`to_base`).

>>> conversion_factor("KiB", "B"), to_base("kB")
(1024, (8000, <Unit('bit')>))
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import pint
import sympy

from costmodel.errors import DimensionError
from costmodel.sympy_calls import rational
from costmodel.unit_registry import Unit, UnitLike, format_dimensions, format_unit, parse_unit, ureg

__all__ = ["conversion_factor", "exact_factor", "to_base"]


@lru_cache(maxsize=4096)
def _factor(source: Unit, target: Unit) -> sympy.Rational:
    try:
        magnitude = ureg.Quantity(Fraction(1), source).to(target).magnitude
    except pint.DimensionalityError:
        raise DimensionError(
            f"cannot convert {format_unit(source)} to {format_unit(target)}: "
            f"dimensions {format_dimensions(source)} and {format_dimensions(target)} differ",
            unit=source,
            expected=target,
        ) from None
    return rational(Fraction(magnitude))


@lru_cache(maxsize=4096)
def exact_factor(source: Unit, target: Unit) -> Fraction | None:
    """The exact :class:`Fraction` ``f`` with ``1 source == f target`` (two units of this
    registry), or None when their dimensions differ: ``Q_(m, source).to(target)`` is
    ``m * f`` exactly, found once per pair of units.

    >>> exact_factor(parse_unit("kB/segment"), parse_unit("bit/segment"))
    Fraction(8000, 1)
    >>> exact_factor(parse_unit("kB"), parse_unit("cycle")) is None
    True
    """
    if source.dimensionality != target.dimensionality:
        return None
    return Fraction(ureg.Quantity(Fraction(1), source).to(target).magnitude)


def conversion_factor(source: UnitLike, target: UnitLike) -> sympy.Rational:
    """The exact factor ``f`` with ``1 source == f target``."""
    return _factor(parse_unit(source), parse_unit(target))


@lru_cache(maxsize=1024)
def _base(unit: Unit) -> tuple[sympy.Rational, Unit]:
    base = ureg.Quantity(Fraction(1), unit).to_base_units()
    return rational(Fraction(base.magnitude)), base.units


def to_base(unit: UnitLike) -> tuple[sympy.Rational, Unit]:
    """``(factor, base_unit)`` with ``1 unit == factor base_unit`` (for instance kB -> 8000 bit)."""
    return _base(parse_unit(unit))
