"""The unit registry: built from an empty one and ``units.txt``, every unit text token-checked
before pint reads it, quantity strings read by the library's strict grammar (never by pint's
evaluator), and units printed by the library's own text form (:func:`format_unit`; pint's
formatter cannot print the powers of a Fraction registry), in ``str``, ``repr`` and
f-strings alike.

Import these names from :mod:`costmodel.units`, the public home of everything about units.

>>> parse_quantity("1.5 kB/segment"), format_unit(parse_unit("B**2/segment"))
(<Quantity(3/2, 'kB/segment')>, 'B**2/segment')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import pint
from pint.facets.plain import PlainQuantity, PlainUnit

from costmodel.errors import ParameterValueError, UnitError
from costmodel.numbers import (
    MAX_NUMBER_TEXT,
    NUMBER_PATTERN,
    exact_number,
    read_number,
    short_text,
)
from costmodel.unit_text import MAX_UNIT_TEXT, check_unit_text, unit_text_problem

__all__ = [
    "DIMENSIONLESS",
    "Q_",
    "Quantity",
    "Unit",
    "UnitLike",
    "defined_units",
    "format_dimensions",
    "format_unit",
    "parse_quantity",
    "parse_unit",
    "quantity_parts",
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
