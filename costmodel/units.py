"""The unit registry and exact quantity helpers.

The registry is built from an empty one and ``units.txt`` beside this module:
information, cycles, rows, segments, gates, field elements, proofs and machines
are dimensions of their own, and every conversion factor is an exact fraction.

>>> from costmodel.units import Q_, conversion_factor
>>> Q_("1.5 kB/segment").to("bit/segment").magnitude
Fraction(12000, 1)
>>> conversion_factor("KiB", "B")
1024
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from numbers import Rational as _RationalABC
from numbers import Real as _RealABC
from typing import Any

import pint
import sympy

from costmodel.errors import DimensionError, ParameterValueError, UnitError

__all__ = [
    "COUNT_DIMENSIONS",
    "Q_",
    "Quantity",
    "Unit",
    "conversion_factor",
    "decimal_text",
    "exact_number",
    "format_dimensions",
    "format_quantity",
    "format_unit",
    "is_count_unit",
    "magnitude_in",
    "parse_quantity",
    "parse_unit",
    "readable_unit",
    "to_base",
    "ureg",
]


def _build_registry() -> pint.UnitRegistry:
    registry = pint.UnitRegistry(None, non_int_type=Fraction, autoconvert_offset_to_baseunit=False)
    definitions = resources.files("costmodel").joinpath("units.txt").read_text(encoding="utf-8")
    for line in definitions.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            registry.define(line)
    return registry


ureg: pint.UnitRegistry = _build_registry()
Quantity = ureg.Quantity
Unit = ureg.Unit
Q_ = Quantity

DIMENSIONLESS = ureg.Unit("")

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
    }
)


def parse_unit(text: str | Any, *, name: str | None = None) -> Any:
    """A :class:`Unit` of this registry from a string (or a unit of this registry)."""
    where = f"{name}: " if name else ""
    if isinstance(text, ureg.Unit):
        return text
    if not isinstance(text, str):
        raise UnitError(
            f"{where}a unit must be a string such as 'kB' or 'cycle/segment', got {text!r}"
        )
    try:
        return ureg.Unit(text)
    except (pint.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as exc:
        raise UnitError(f"{where}unknown unit {text!r}: {exc}") from None
    except Exception as exc:  # pint's parser raises assorted errors on malformed text
        raise UnitError(f"{where}malformed unit {text!r}: {exc}") from None


def exact_number(value: Any, *, name: str = "value") -> Fraction:
    """``value`` as an exact :class:`Fraction`; floats are read as the decimal they print as.

    Raises :class:`ParameterValueError` for NaN, infinities and non-numbers.
    """
    if isinstance(value, bool):
        raise ParameterValueError(f"{name}: expected a number, got a bool {value!r}")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ParameterValueError(f"{name}: expected a finite number, got {value!r}")
        return Fraction(value)
    if isinstance(value, _RationalABC):  # numpy integers too
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, float | sympy.Float | _RealABC) and not isinstance(value, sympy.Basic):
        value = float(value)  # numpy floats: their repr is "np.float64(...)", not a number
    if isinstance(value, sympy.Float):
        value = float(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParameterValueError(f"{name}: expected a finite number, got {value!r}")
        return Fraction(Decimal(float.__repr__(value)))  # the decimal it prints as
    if isinstance(value, sympy.Basic) and value.is_number:
        if value.is_finite is False or value.is_real is False:
            raise ParameterValueError(f"{name}: expected a finite real number, got {value}")
        if isinstance(value, sympy.Rational):
            return Fraction(int(value.p), int(value.q))
        raise ParameterValueError(f"{name}: expected a rational number, got {value}")
    raise ParameterValueError(f"{name}: expected a number, got {value!r}")


def parse_quantity(value: Any, *, name: str = "value") -> Any:
    """A quantity of this registry with an exact Fraction magnitude.

    Accepts strings (``"50 MB/segment"``), quantities of this registry or of another
    pint registry (re-read through their unit string), and bare numbers (dimensionless).
    """
    if isinstance(value, ureg.Quantity):
        magnitude, unit = value.magnitude, value.units
    elif isinstance(value, pint.Quantity):  # another registry: re-read its unit here
        try:
            text = str(value.units)
        except Exception as exc:  # pint cannot print some units of some registries
            kind = type(value).__name__
            raise UnitError(f"{name}: cannot read the unit of {kind}: {exc}") from None
        magnitude, unit = value.magnitude, parse_unit(text, name=name)
    elif isinstance(value, str):
        magnitude, unit = _read_quantity_text(value, name)
    else:
        magnitude, unit = value, DIMENSIONLESS
    return ureg.Quantity(exact_number(magnitude, name=name), unit)


_NUMBER = r"[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_QUANTITY_TEXT = re.compile(
    rf"\s*(?P<number>\(\s*{_NUMBER}(?:\s*/\s*{_NUMBER})?\s*\)|{_NUMBER}(?:\s*/\s*{_NUMBER})?)"
    r"(?P<unit>.*)",
    re.S,
)
_UNIT_TOKEN = re.compile(
    r"\s*(?:(?P<name>[^\W\d]\w*)|(?P<power>\*\*\s*-?\d)|(?P<op>[*/()])"
    r"|(?P<one>1(?=\s*/)))"
)
_MAX_EXPONENT = 1000
_MAX_NUMBER_TEXT = 400


def _exact_literal(text: str, name: str, original: str) -> Fraction:
    text = text.strip().strip("()").replace("_", "")
    parts = [part.strip() for part in text.split("/")]
    for part in parts:
        exponent = part.lower().partition("e")[2]
        if exponent and abs(int(exponent)) > _MAX_EXPONENT:
            raise ParameterValueError(
                f"{name}: exponent out of range in {original!r} (at most 10^{_MAX_EXPONENT})"
            )
    numbers = [Fraction(part) for part in parts]
    if len(numbers) == 2:
        if numbers[1] == 0:
            raise ParameterValueError(f"{name}: division by zero in {original!r}")
        return numbers[0] / numbers[1]
    return numbers[0]


def _read_quantity_text(value: str, name: str) -> tuple[Fraction, Any]:
    """Number and unit of a quantity string, read with a strict grammar.

    One number (``50``, ``1.5``, ``1e9``, ``1/3``, ``(250000/1024)``) then a unit made of
    unit names, ``*``, ``/``, parentheses and one-digit powers (``**2``).  Nothing is
    evaluated: commas, spaces inside numbers, ``+``, ``;``, ``[`` and the like are refused,
    so ``"1,5 GB"`` is an error, never 15 GB.
    """
    text = value.strip()
    if not text:
        raise UnitError(f"{name}: empty quantity string")
    first_word = text.split()[0].lower().strip("()").lstrip("+-")
    if first_word in {"nan", "inf", "infinity"}:
        raise ParameterValueError(f"{name}: expected a finite number, got {value!r}")
    if len(text) > _MAX_NUMBER_TEXT + 200:
        raise UnitError(f"{name}: quantity string too long ({len(text)} characters)")
    match = _QUANTITY_TEXT.fullmatch(text)
    if match is None:
        raise UnitError(
            f"{name}: {value!r} does not start with a number; write a number and a unit, "
            f'such as "50 MB/segment"'
        )
    magnitude = _exact_literal(match["number"], name, value)
    unit_text = match["unit"].strip()
    position = 0
    while position < len(unit_text):
        token = _UNIT_TOKEN.match(unit_text, position)
        if token is None or token.end() == position:
            bad = unit_text[position:].strip()[:1]
            raise UnitError(
                f"{name}: unexpected {bad!r} in {value!r}; a quantity is one number and a unit "
                f"(names, *, /, parentheses, **2)"
            )
        position = token.end()
    unit = parse_unit(unit_text, name=name) if unit_text else DIMENSIONLESS
    return magnitude, unit


@lru_cache(maxsize=4096)
def _factor(source: Any, target: Any) -> sympy.Rational:
    try:
        magnitude = ureg.Quantity(Fraction(1), source).to(target).magnitude
    except pint.DimensionalityError:
        raise DimensionError(
            f"cannot convert {format_unit(source)} to {format_unit(target)}: "
            f"dimensions {format_dimensions(source)} and {format_dimensions(target)} differ",
            unit=source,
            expected=target,
        ) from None
    fraction = Fraction(magnitude)
    return sympy.Rational(fraction.numerator, fraction.denominator)


def conversion_factor(source: Any, target: Any) -> sympy.Rational:
    """The exact factor ``f`` with ``1 source == f target``."""
    return _factor(parse_unit(source), parse_unit(target))


@lru_cache(maxsize=1024)
def _base(unit: Any) -> tuple[sympy.Rational, Any]:
    base = ureg.Quantity(Fraction(1), unit).to_base_units()
    fraction = Fraction(base.magnitude)
    return sympy.Rational(fraction.numerator, fraction.denominator), base.units


def to_base(unit: Any) -> tuple[sympy.Rational, Any]:
    """``(factor, base_unit)`` with ``1 unit == factor base_unit`` (for instance kB -> 8000 bit)."""
    return _base(parse_unit(unit))


def is_count_unit(unit: Any) -> bool:
    """True for dimensionless units and units built only from counting dimensions."""
    dims = parse_unit(unit).dimensionality
    return all(dim in COUNT_DIMENSIONS for dim in dims)


def _product_text(factors: Iterable[tuple[str, Any]]) -> str:
    """``a*b/(c*d**2)`` from (name, exponent) pairs; ``1`` for none."""
    numerator: list[str] = []
    denominator: list[str] = []
    for name, exponent in factors:
        exponent = Fraction(exponent)
        power = abs(exponent)
        text = name if power == 1 else f"{name}**{_exponent_text(power)}"
        (numerator if exponent > 0 else denominator).append(text)
    text = "*".join(numerator) if numerator else "1"
    if denominator:
        joined = "*".join(denominator)
        text += "/" + (joined if len(denominator) == 1 else f"({joined})")
    return text


def _exponent_text(exponent: Fraction) -> str:
    return str(int(exponent)) if exponent.denominator == 1 else f"({exponent})"


def format_dimensions(unit: Any) -> str:
    """The dimensions of ``unit`` as text: ``[information]/[segment]``, or ``dimensionless``.

    Written here because pint cannot print the powers of a Fraction registry.
    """
    dims = parse_unit(unit).dimensionality
    return _product_text(sorted(dims.items())) if dims else "dimensionless"


def format_unit(unit: Any) -> str:
    """A short, stable text form: ``MB/segment``, ``B**2``, ``1/segment``, ``1`` for none.

    Written here rather than with pint's formatter, which cannot print powers of a
    Fraction registry's units.
    """
    units = parse_unit(unit)._units.items()
    return _product_text((ureg.get_symbol(name), exponent) for name, exponent in units)


@pint.register_unit_format("costmodel")
def _pint_format(unit: Any, registry: Any, **options: Any) -> str:
    """pint's text form for this registry's units: short symbols, exact powers."""
    factors = [
        (registry.get_symbol(name), power)
        for name, power in unit.items()
        if name != "dimensionless"
    ]
    return _product_text(factors) if factors else ""


def _unit_repr(unit: Any) -> str:
    text = format_unit(unit)
    return f"<Unit('{'dimensionless' if text == '1' else text}')>"


def _quantity_repr(quantity: Any) -> str:
    text = format_unit(quantity.units)
    return f"<Quantity({quantity.magnitude}, '{'dimensionless' if text == '1' else text}')>"


# pint prints units with powers through a number format that Fraction lacks (pint issue
# #2386): "B**2" or a square root would raise. This registry's own classes print with
# format_unit instead, everywhere: str, repr and f-strings.
ureg.formatter.default_format = "costmodel"
ureg.Unit.__repr__ = _unit_repr
ureg.Quantity.__repr__ = _quantity_repr

_READABLE_INFORMATION = ("B", "kB", "MB", "GB", "TB", "PB", "EB")


def readable_unit(quantity: Any) -> Any:
    """A unit that shows ``quantity`` with a magnitude in [1, 1000) when it is information.

    Other dimensions keep their unit.
    """
    unit = quantity.units
    if unit.dimensionality != ureg.Unit("B").dimensionality:
        return unit
    magnitude = abs(Fraction(quantity.to("B").magnitude))
    chosen = _READABLE_INFORMATION[0]
    for candidate in _READABLE_INFORMATION:
        if magnitude >= Fraction(conversion_factor(candidate, "B")):
            chosen = candidate
    return ureg.Unit(chosen)


def decimal_text(value: Fraction, digits: int) -> tuple[str, bool]:
    """Decimal text of ``value``; exact when the decimal terminates within ``digits`` places."""
    for places in range(digits + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            text = f"{Decimal(scaled.numerator).scaleb(-places):f}"
            return text, True
    rounded = round(value, digits)
    return f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):.{digits}f}", False


def magnitude_in(quantity: Any, unit: Any) -> Fraction:
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
    return Fraction(quantity.magnitude) * Fraction(conversion_factor(quantity.units, target))


def format_quantity(quantity: Any, unit: Any | None = None, *, digits: int = 10) -> str:
    """Exact decimal text of a quantity (``50.99925 GB``), ``≈`` in front when rounded."""
    quantity = parse_quantity(quantity)
    target = parse_unit(unit) if unit is not None else readable_unit(quantity)
    value = magnitude_in(quantity, target)
    text, exact = decimal_text(value, digits)
    unit_text = format_unit(target)
    prefix = "" if exact else "≈ "
    return f"{prefix}{text} {unit_text}" if unit_text != "1" else f"{prefix}{text}"
