"""The unit registry and exact quantity helpers.

The registry is built from an empty one and ``units.txt`` beside this module:
information, cycles, rows, segments, gates, field elements, proofs and machines
are dimensions of their own, and every conversion factor is an exact fraction.
The one number reader (:func:`exact_number`, :func:`read_number`) and exact decimal text
(:func:`decimal_text`, :func:`fixed_text`) live in :mod:`costmodel.numbers` and are
importable from here too.

This module is the public home of everything about units; the parts live beside it: the
registry, reading and printing units (:mod:`costmodel.unit_registry`) and exact conversions
(:mod:`costmodel.unit_conversions`).  Here are the counting dimensions, readable units and
quantities as text.

>>> from costmodel.units import Q_, conversion_factor
>>> Q_("1.5 kB/segment").to("bit/segment").magnitude
Fraction(12000, 1)
>>> conversion_factor("KiB", "B")
1024
"""

from __future__ import annotations

from fractions import Fraction
from typing import cast

import sympy

from costmodel.errors import DimensionError, UnitError
from costmodel.numbers import (
    MAX_DECIMAL_EXPONENT,
    MAX_NUMBER_BITS,
    decimal_text,
    exact_number,
    fixed_text,
    read_number,
)
from costmodel.unit_conversions import conversion_factor, exact_factor, to_base
from costmodel.unit_registry import DIMENSIONLESS as DIMENSIONLESS
from costmodel.unit_registry import (
    Q_,
    Quantity,
    Unit,
    UnitLike,
    defined_units,
    format_dimensions,
    format_unit,
    parse_quantity,
    parse_unit,
    quantity_parts,
    unit_items,
    ureg,
    value_key,
)
from costmodel.unit_text import MAX_UNIT_TEXT, check_unit_text

__all__ = [
    "COUNT_DIMENSIONS",
    "MAX_DECIMAL_EXPONENT",
    "MAX_NUMBER_BITS",
    "MAX_UNIT_TEXT",
    "Q_",
    "Quantity",
    "Unit",
    "UnitLike",
    "check_unit_text",
    "conversion_factor",
    "decimal_text",
    "defined_units",
    "exact_factor",
    "exact_number",
    "fixed_text",
    "format_dimensions",
    "format_quantity",
    "format_unit",
    "is_count_unit",
    "magnitude_in",
    "parse_quantity",
    "parse_unit",
    "quantity_parts",
    "read_number",
    "readable",
    "readable_unit",
    "split_unit_name",
    "to_base",
    "unit_items",
    "ureg",
    "value_key",
]


#: Dimensions that count things; only these (and dimensionless) may stand under ceil or log.
COUNT_DIMENSIONS: frozenset[str] = frozenset(
    {
        "[cycle]",
        "[row]",
        "[segment]",
        "[gate]",
        "[field_element]",
        "[proof]",
        "[machine]",
        "[chunk]",
        "[join]",
    }
)


def is_count_unit(unit: UnitLike) -> bool:
    """True for dimensionless units and units built only from counting dimensions."""
    dims = parse_unit(unit).dimensionality
    return all(dim in COUNT_DIMENSIONS for dim in dims)


def _fraction(value: sympy.Rational) -> Fraction:
    """A sympy Rational (such as a :func:`conversion_factor`) as a Fraction."""
    return Fraction(value.p, value.q)


_DECIMAL_PREFIXES = ("", "kilo", "mega", "giga", "tera", "peta", "exa")
_BINARY_PREFIXES = ("", "kibi", "mebi", "gibi", "tebi", "pebi")


def split_unit_name(name: str) -> tuple[str, str]:
    """``("mega", "byte")`` for ``megabyte``; ``("", "cycle")`` for ``cycle``."""
    parsed = ureg.parse_unit_name(name)
    if not parsed:
        raise UnitError(f"unit {name!r} is not in costmodel's registry")
    prefix, unit, _suffix = parsed[0]
    return ureg._prefixes[prefix].name if prefix else "", unit


def readable_unit(quantity: object) -> Unit:
    """The unit that shows ``quantity`` with a magnitude in [1, 1000): the one rule for text,
    tables and LaTeX.

    Only the information part takes a prefix: bits stay bits and bytes stay bytes, binary
    prefixes stay binary (``KiB`` to ``GiB``), and ``MB/segment`` is scaled like ``MB``;
    other dimensions and zero keep their unit.

    >>> readable_unit(Q_(50_000_000, "B/segment")), readable_unit(Q_(3 * 2**10, "MiB"))
    (<Unit('MB/segment')>, <Unit('GiB')>)
    >>> readable_unit(Q_(255, "bit/field_element"))
    <Unit('bit/felt')>
    """
    if not (isinstance(quantity, ureg.Quantity) and isinstance(quantity.magnitude, int | Fraction)):
        quantity = parse_quantity(quantity)
    unit = quantity.units
    information = [
        name
        for name, exponent in unit_items(unit)
        if exponent == 1 and split_unit_name(name)[1] in ("bit", "byte")
    ]
    if len(information) != 1 or quantity.magnitude == 0:
        return unit
    name = information[0]
    prefix, base = split_unit_name(name)
    family = _BINARY_PREFIXES if prefix in _BINARY_PREFIXES[1:] else _DECIMAL_PREFIXES
    rest = unit / ureg.Unit(name)
    magnitude = abs(Fraction(quantity.magnitude)) * _fraction(conversion_factor(name, base))
    chosen = base
    for candidate_prefix in family:
        candidate = candidate_prefix + base
        if magnitude >= _fraction(conversion_factor(candidate, base)):
            chosen = candidate
    return cast(Unit, ureg.Unit(chosen) * rest)


def readable(quantity: object) -> Quantity:
    """``quantity`` in its :func:`readable_unit`, exactly.

    >>> readable(Q_(50_000_000, "B/segment"))
    <Quantity(50, 'MB/segment')>
    """
    quantity = parse_quantity(quantity)
    target = readable_unit(quantity)
    if target == quantity.units:
        return quantity
    return ureg.Quantity(Fraction(quantity.to(target).magnitude), target)


def magnitude_in(quantity: Quantity, unit: UnitLike) -> Fraction:
    """The exact magnitude of ``quantity`` in ``unit``; a :class:`DimensionError` if it
    has another dimension (``"GB"`` for a count of cycles)."""
    target = parse_unit(unit)
    if quantity.dimensionality != target.dimensionality:
        raise DimensionError(
            f"cannot show {format_unit(quantity.units)} ({format_dimensions(quantity.units)}) "
            f"in {format_unit(target)} ({format_dimensions(target)})",
            unit=quantity.units,
            expected=target,
        )
    return Fraction(quantity.magnitude) * _fraction(conversion_factor(quantity.units, target))


def format_quantity(quantity: object, unit: UnitLike | None = None, *, digits: int = 10) -> str:
    """Exact decimal text of a quantity (``50.99925 GB``), ``≈`` in front when rounded.

    A quantity the library computed is shown as it is, however long its exact fraction (a
    simulation's times can have large denominators); text and other inputs are read with
    :func:`parse_quantity`, bounded.
    """
    if not (isinstance(quantity, ureg.Quantity) and isinstance(quantity.magnitude, int | Fraction)):
        quantity = parse_quantity(quantity)
    target = parse_unit(unit) if unit is not None else readable_unit(quantity)
    value = magnitude_in(quantity, target)
    text, exact = decimal_text(value, digits)
    unit_text = format_unit(target)
    prefix = "" if exact else "≈ "
    return f"{prefix}{text} {unit_text}" if unit_text != "1" else f"{prefix}{text}"
