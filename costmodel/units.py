"""The unit registry and exact quantity helpers.

The registry is built from an empty one and ``units.txt`` beside this module:
information, cycles, rows, segments, gates, field elements, proofs and machines
are dimensions of their own, and every conversion factor is an exact fraction.
The one number reader (:func:`exact_number`, :func:`read_number`) and exact decimal text
(:func:`decimal_text`, :func:`fixed_text`) live in :mod:`costmodel.numbers` and are
importable from here too.

>>> from costmodel.units import Q_, conversion_factor
>>> Q_("1.5 kB/segment").to("bit/segment").magnitude
Fraction(12000, 1)
>>> conversion_factor("KiB", "B")
1024
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import pint
import sympy
from pint.facets.plain import PlainQuantity, PlainUnit

from costmodel.errors import DimensionError, ParameterValueError, UnitError
from costmodel.numbers import (
    MAX_DECIMAL_EXPONENT,
    MAX_NUMBER_BITS,
    MAX_NUMBER_TEXT,
    NUMBER_PATTERN,
    decimal_text,
    exact_number,
    fixed_text,
    read_number,
    short_text,
)
from costmodel.sympy_calls import rational
from costmodel.unit_text import MAX_UNIT_TEXT, check_unit_text, unit_text_problem

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


class _CheckedRegistry(pint.UnitRegistry[Fraction]):
    """pint's registry with every unit string token-checked before pint reads it.

    pint evaluates unit text as arithmetic: ``"B**9**9**9"`` never finishes and ``"3 B + 5"``
    is a sum.  Every path by which text becomes a unit (``Unit(..)``, ``Quantity(x, "..")``,
    ``.to("..")``) passes :func:`check_unit_text` first, and a quantity string
    (``Quantity("..")``, ``ureg("..")``) is read by the library's strict grammar, never by
    pint's evaluator.
    """

    def parse_units_as_container(
        self, input_string: str, as_delta: bool | None = None, case_sensitive: bool | None = None
    ) -> pint.util.UnitsContainer:
        check_unit_text(input_string)
        return super().parse_units_as_container(input_string, as_delta, case_sensitive)

    def parse_expression(
        self, input_string: str, case_sensitive: bool | None = None, **values: object
    ) -> Quantity:
        if values:
            raise UnitError("a quantity string takes no substitutions")
        magnitude, unit = _read_quantity_text(input_string, "value")
        return self.Quantity(magnitude, unit)

    __call__ = parse_expression


def _build_registry() -> pint.UnitRegistry[Fraction]:
    registry = _CheckedRegistry(None, non_int_type=Fraction, autoconvert_offset_to_baseunit=False)
    definitions = resources.files("costmodel").joinpath("units.txt").read_text(encoding="utf-8")
    for line in definitions.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            registry.define(line)
    return registry


#: The library's unit registry: built from an empty one and ``units.txt`` (bits and bytes,
#: cycles, rows, segments, gates, field elements, proofs, machines, seconds, dollars),
#: exact (Fraction magnitudes).  Use it, not pint's default registry, for every quantity.
ureg: pint.UnitRegistry[Fraction] = _build_registry()
#: The registry's quantity class, to build quantities with: ``Q_(50, "MB/segment")``.
Q_ = ureg.Quantity

if TYPE_CHECKING:
    #: A quantity of the registry: an exact magnitude and a :data:`Unit`.
    Quantity: TypeAlias = pint.Quantity[Fraction]
    #: A unit of the registry (what ``quantity.units`` gives).
    Unit: TypeAlias = PlainUnit
else:  # at run time, the registry's own classes (``Unit("B")``, ``isinstance(q, Quantity)``)
    Quantity = ureg.Quantity
    Unit = ureg.Unit

#: A unit, or its text (checked by :func:`check_unit_text` before pint reads it).
UnitLike: TypeAlias = str | Unit

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
        "[join]",
    }
)


def parse_unit(text: UnitLike, *, name: str | None = None) -> Unit:
    """A :class:`Unit` of this registry from a string (or a unit of this registry).

    The text is checked by :func:`check_unit_text` before pint reads it.
    """
    if isinstance(text, ureg.Unit):
        return text
    check_unit_text(text, name=name)
    try:
        return _unit_from_text(text)
    except UnitError as exc:
        raise UnitError(f"{name}: {exc}" if name else str(exc)) from None


@lru_cache(maxsize=4096)
def _unit_from_text(text: str) -> Unit:
    try:
        return ureg.Unit(text)
    except (pint.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as exc:
        raise UnitError(f"unknown unit {text!r}: {exc}") from None
    except UnitError:
        raise
    except Exception as exc:  # pint's parser raises assorted errors on malformed text
        raise UnitError(f"malformed unit {text!r}: {type(exc).__name__}") from None


def parse_quantity(value: object, *, name: str = "value") -> Quantity:
    """A quantity of this registry with an exact Fraction magnitude.

    Accepts strings (``"50 MB/segment"``), quantities of this registry or of another
    pint registry (re-read through their unit string), and bare numbers (dimensionless).
    """
    magnitude, unit = quantity_parts(value, name=name)
    return ureg.Quantity(magnitude, unit)


def quantity_parts(value: Any, *, name: str = "value") -> tuple[Fraction, Any]:
    """The exact magnitude and the unit :func:`parse_quantity` reads from ``value``, with
    the same checks, without building a quantity (a quantity string is read once).

    >>> quantity_parts("1.5 kB/segment")
    (Fraction(3, 2), <Unit('kB/segment')>)
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
        return _read_quantity_text_once(value, name)
    else:
        magnitude, unit = value, DIMENSIONLESS
    return exact_number(magnitude, name=name), unit


def value_key(value: Any) -> tuple[Any, ...] | None:
    """A hashable key that two values share only if every check and conversion reads them
    alike (type, magnitude and unit), or None for values not worth remembering (arrays,
    other registries' quantities).  Read from the quantity's own parts, so a quantity
    changed in place gets a new key.

    >>> value_key("50 MB/segment") == value_key("50 MB/segment")
    True
    >>> value_key(1) == value_key(True), value_key(Q_("1 kB")) == value_key(Q_("1000 B"))
    (False, False)
    """
    kind = type(value)
    if kind is str or kind is int or kind is float:
        return (kind, value)
    if kind is Fraction:  # numerator and denominator: faster to hash than the Fraction
        return (kind, value.numerator, value.denominator)
    if kind is ureg.Quantity:
        magnitude = value._magnitude
        held = type(magnitude)
        if held is Fraction:
            return (kind, held, magnitude.numerator, magnitude.denominator, value._units)
        if held is int or held is float:
            return (kind, held, magnitude, value._units)
    return None


#: Quantity strings already read: text -> (magnitude, unit); both immutable.
_QUANTITY_TEXTS: dict[str, tuple[Fraction, Any]] = {}
_QUANTITY_TEXTS_KEPT = 4096


def _read_quantity_text_once(text: str, name: str) -> tuple[Fraction, Any]:
    """:func:`_read_quantity_text`, remembering good strings (a bad one raises each time,
    naming ``name``)."""
    parts = _QUANTITY_TEXTS.get(text)
    if parts is None:
        parts = _read_quantity_text(text, name)
        if len(_QUANTITY_TEXTS) < _QUANTITY_TEXTS_KEPT:
            _QUANTITY_TEXTS[text] = parts
    return parts


_QUOTIENT = rf"{NUMBER_PATTERN}(?:\s*/\s*{NUMBER_PATTERN})?"
_QUANTITY_TEXT = re.compile(rf"\s*(?P<number>\(\s*{_QUOTIENT}\s*\)|{_QUOTIENT})(?P<unit>.*)", re.S)


def _read_quantity_text(value: object, name: str) -> tuple[Fraction, Unit]:
    """Number and unit of a quantity string, read with a strict grammar.

    One number (``50``, ``1.5``, ``1e9``, ``1/3``, ``(250000/1024)``, read by
    :func:`read_number`) then a unit (checked by :func:`check_unit_text`).  Nothing is
    evaluated: commas, spaces inside numbers, ``+``, ``;``, ``[`` and the like are refused,
    so ``"1,5 GB"`` is an error, never 15 GB.
    """
    if not isinstance(value, str):
        raise UnitError(
            f"{name}: expected a quantity string such as '50 MB/segment', got {short_text(value)}"
        )
    text = value.strip()
    if not text:
        raise UnitError(f"{name}: empty quantity string")
    first_word = text.split()[0].lower().strip("()").lstrip("+-")
    if first_word in {"nan", "inf", "infinity"}:
        raise ParameterValueError(f"{name}: expected a finite number, got {short_text(value)}")
    if len(text) > MAX_NUMBER_TEXT + MAX_UNIT_TEXT:
        raise UnitError(f"{name}: quantity string too long ({len(text)} characters)")
    match = _QUANTITY_TEXT.fullmatch(text)
    if match is None:
        raise UnitError(
            f"{name}: {short_text(value)} does not start with a number; write a number and a "
            f'unit, such as "50 MB/segment"'
        )
    magnitude = read_number(match["number"], name=name)
    unit_text = match["unit"].strip()
    problem = unit_text_problem(unit_text)
    if problem is not None:
        raise UnitError(
            f"{name}: {problem} in {short_text(value)}; a quantity is one number and a unit "
            f"(names, *, /, parentheses, **2)"
        )
    unit = parse_unit(unit_text, name=name) if unit_text else DIMENSIONLESS
    return magnitude, unit


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


def is_count_unit(unit: UnitLike) -> bool:
    """True for dimensionless units and units built only from counting dimensions."""
    dims = parse_unit(unit).dimensionality
    return all(dim in COUNT_DIMENSIONS for dim in dims)


def unit_items(unit: UnitLike) -> tuple[tuple[str, Fraction], ...]:
    """``(unit name, exponent)`` pairs of ``unit``, exponents exact: the one place that reads
    pint's private unit container.

    >>> unit_items("MB/segment")
    (('megabyte', Fraction(1, 1)), ('segment', Fraction(-1, 1)))
    """
    items = parse_unit(unit)._units.items()
    return tuple((name, _exact_exponent(exponent)) for name, exponent in items)


def _exact_exponent(exponent: object) -> Fraction:
    """A unit exponent of this registry (an int or a Fraction: ``non_int_type=Fraction``)."""
    return Fraction(cast(int | Fraction, exponent))


def _fraction(value: sympy.Rational) -> Fraction:
    """A sympy Rational (such as a :func:`conversion_factor`) as a Fraction."""
    return Fraction(value.p, value.q)


def defined_units() -> set[str]:
    """The names of the units defined in the registry (pint's private definition table),
    with the prefixed units pint has cached once they were used (``exabyte``)."""
    return {definition.name for definition in ureg._units.values()}


def _product_text(factors: Iterable[tuple[str, int | Fraction]]) -> str:
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


def format_dimensions(unit: UnitLike) -> str:
    """The dimensions of ``unit`` as text: ``[information]/[segment]``, or ``dimensionless``.

    Written here because pint cannot print the powers of a Fraction registry.
    """
    dims = parse_unit(unit).dimensionality
    items = sorted((name, _exact_exponent(exponent)) for name, exponent in dims.items())
    return _product_text(items) if items else "dimensionless"


def format_unit(unit: UnitLike) -> str:
    """A short, stable text form: ``MB/segment``, ``B**2``, ``1/segment``, ``1`` for none.

    Written here rather than with pint's formatter, which cannot print powers of a
    Fraction registry's units.
    """
    if isinstance(unit, ureg.Unit):
        return _unit_text(unit)
    return _product_text((ureg.get_symbol(name), exponent) for name, exponent in unit_items(unit))


@lru_cache(maxsize=4096)
def _unit_text(unit: Any) -> str:
    return _product_text((ureg.get_symbol(name), exponent) for name, exponent in unit_items(unit))


def _pint_format(
    unit: pint.util.UnitsContainer, registry: pint.UnitRegistry[Fraction], **options: object
) -> str:
    """pint's text form for this registry's units: short symbols, exact powers."""
    factors = [
        (registry.get_symbol(name), _exact_exponent(power))
        for name, power in unit.items()
        if name != "dimensionless"
    ]
    return _product_text(factors) if factors else ""


pint.register_unit_format("costmodel")(_pint_format)


def _unit_repr(unit: Unit) -> str:
    text = format_unit(unit)
    return f"<Unit('{'dimensionless' if text == '1' else text}')>"


def _quantity_repr(quantity: PlainQuantity[Any]) -> str:
    text = format_unit(quantity.units)
    return f"<Quantity({quantity.magnitude}, '{'dimensionless' if text == '1' else text}')>"


# pint prints units with powers through a number format that Fraction lacks (pint issue
# #2386): "B**2" or a square root would raise. This registry's own classes print with
# format_unit instead, everywhere: str, repr and f-strings.
ureg.formatter.default_format = "costmodel"
ureg.Unit.__repr__ = _unit_repr  # type: ignore[method-assign]
ureg.Quantity.__repr__ = _quantity_repr  # type: ignore[method-assign]

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
