"""Numbers: the one reader of exact numbers, and exact decimal text.

Every number that enters the library passes :func:`exact_number` (numbers of any type) or
:func:`read_number` (numbers written as text): both give a :class:`~fractions.Fraction`,
refuse NaN and infinities, and bound its size (:data:`MAX_NUMBER_BITS`).
:func:`fixed_text` and :func:`decimal_text` write a fraction back as decimal text, in
integer arithmetic.

>>> exact_number(0.1), read_number("1e9")
(Fraction(1, 10), Fraction(1000000000, 1))
>>> decimal_text(Fraction(2, 3), 4)
('0.6667', False)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from numbers import Rational as _RationalABC
from numbers import Real as _RealABC
from typing import Any

import sympy

from costmodel.errors import ParameterValueError

__all__ = [
    "MAX_DECIMAL_EXPONENT",
    "MAX_NUMBER_BITS",
    "MAX_NUMBER_TEXT",
    "NUMBER_PATTERN",
    "decimal_text",
    "exact_number",
    "fixed_text",
    "percent_text",
    "read_number",
    "short_text",
]

#: The largest exact number read: numerators and denominators below 2**MAX_NUMBER_BITS
#: (about 10^1000).  Every path by which a number enters passes :func:`exact_number`.
MAX_NUMBER_BITS = 3400
#: The largest decimal exponent a number may be written with (``1e1000``).
MAX_DECIMAL_EXPONENT = 1000
#: The longest text a number may be written with.
MAX_NUMBER_TEXT = 400


def short_text(value: Any) -> str:
    """``value`` as a message shows it: a repr for text, cut when long."""
    try:
        text = repr(value) if isinstance(value, str) else str(value)
    except ValueError:  # an int past Python's digit limit for str()
        return f"a number of {value.bit_length()} bits"
    return text if len(text) <= 60 else text[:40] + "..." + text[-10:]


def _bounded(value: Fraction, name: str, shown: Any) -> Fraction:
    if value.numerator.bit_length() > MAX_NUMBER_BITS or (
        value.denominator.bit_length() > MAX_NUMBER_BITS
    ):
        raise ParameterValueError(
            f"{name}: {short_text(shown)} is out of range (numbers up to about 10^1000, "
            f"written with at most 1000 digits)"
        )
    return value


#: A number as text: ``50``, ``1.5``, ``1e9``, ``1_000`` (a quotient is two of them).
NUMBER_PATTERN = r"[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_TEXT = re.compile(
    rf"\s*(?P<open>\(\s*)?(?P<a>{NUMBER_PATTERN})(?:\s*/\s*(?P<b>{NUMBER_PATTERN}))?"
    r"\s*(?P<close>\))?\s*"
)


def read_number(text: str, *, name: str = "value") -> Fraction:
    """The exact number written in ``text``: ``50``, ``1.5``, ``1e9``, ``1_000``, ``1/3``.

    The one reader of numbers written as text (quantity strings, presets, command-line
    options, formula literals): the exponent is capped (``1e1000``), the text is short,
    and nothing is evaluated.

    >>> read_number("1.5e3"), read_number("(1/3)")
    (Fraction(1500, 1), Fraction(1, 3))
    """
    if not isinstance(text, str):
        raise ParameterValueError(f"{name}: expected a number written as text, got {text!r}")
    stripped = text.strip()
    if stripped.lower().strip("()").lstrip("+-") in {"nan", "inf", "infinity"}:
        raise ParameterValueError(f"{name}: expected a finite number, got {short_text(text)}")
    if len(stripped) > MAX_NUMBER_TEXT:
        raise ParameterValueError(
            f"{name}: number text too long ({len(stripped)} characters, at most {MAX_NUMBER_TEXT})"
        )
    match = _NUMBER_TEXT.fullmatch(text)
    if match is None or bool(match["open"]) != bool(match["close"]):
        raise ParameterValueError(
            f"{name}: expected a number such as 50, 1.5, 1e9 or 1/3, got {short_text(text)}"
        )
    numbers = []
    for part in filter(None, (match["a"], match["b"])):
        digits = part.replace("_", "")
        exponent = digits.lower().partition("e")[2]
        if exponent and abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
            raise ParameterValueError(
                f"{name}: exponent out of range in {short_text(text)} "
                f"(at most 10^{MAX_DECIMAL_EXPONENT})"
            )
        numbers.append(Fraction(digits))
    if len(numbers) == 2:
        if numbers[1] == 0:
            raise ParameterValueError(f"{name}: division by zero in {short_text(text)}")
        return _bounded(numbers[0] / numbers[1], name, text)
    return _bounded(numbers[0], name, text)


def exact_number(value: Any, *, name: str = "value") -> Fraction:
    """``value`` as an exact :class:`Fraction`; floats are read as the decimal they print as.

    Numbers written as text go through :func:`read_number`.  Raises
    :class:`ParameterValueError` for NaN, infinities, non-numbers and numbers beyond
    about 10^1000 (:data:`MAX_NUMBER_BITS`), whatever their type.
    """
    if isinstance(value, str):
        return read_number(value, name=name)
    return _bounded(_exact_number(value, name), name, value)


def _exact_number(value: Any, name: str) -> Fraction:
    for kinds, read in _READERS:
        if isinstance(value, kinds):
            return read(value, name)
    raise ParameterValueError(f"{name}: expected a number, got {short_text(value)}")


def _refuse_bool(value: bool, name: str) -> Fraction:
    raise ParameterValueError(f"{name}: expected a number, got a bool {value!r}")


def _from_fraction(value: int | Fraction, name: str) -> Fraction:
    return Fraction(value)


def _from_sympy_rational(value: sympy.Rational, name: str) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _from_decimal(value: Decimal, name: str) -> Fraction:
    if not value.is_finite():
        raise ParameterValueError(f"{name}: expected a finite number, got {value!r}")
    if abs(value.adjusted()) > MAX_DECIMAL_EXPONENT or (
        len(value.as_tuple().digits) > MAX_NUMBER_TEXT
    ):
        raise ParameterValueError(
            f"{name}: {short_text(value)} is out of range (at most 10^{MAX_DECIMAL_EXPONENT}, "
            f"{MAX_NUMBER_TEXT} digits)"
        )
    return Fraction(value)


def _from_rational(value: Any, name: str) -> Fraction:
    """A rational of another library (numpy integers too)."""
    return Fraction(int(value.numerator), int(value.denominator))


def _from_float(value: Any, name: str) -> Fraction:
    """The decimal a float prints as (numpy and sympy floats read as Python floats first:
    a numpy float's repr is ``"np.float64(...)"``, not a number)."""
    value = float(value)
    if not math.isfinite(value):
        raise ParameterValueError(f"{name}: expected a finite number, got {value!r}")
    return Fraction(Decimal(float.__repr__(value)))


def _from_sympy(value: sympy.Basic, name: str) -> Fraction:
    """A sympy number that is not a Rational nor a Float (``pi``, ``oo``, ``I``...)."""
    if not value.is_number:
        raise ParameterValueError(f"{name}: expected a number, got {short_text(value)}")
    if value.is_finite is False or value.is_real is False:
        raise ParameterValueError(f"{name}: expected a finite real number, got {value}")
    raise ParameterValueError(f"{name}: expected a rational number, got {value}")


#: How each kind of number is read, in order: the first class ``value`` is an instance of.
_READERS: tuple[tuple[Any, Callable[[Any, str], Fraction]], ...] = (
    (bool, _refuse_bool),
    (int | Fraction, _from_fraction),
    (sympy.Rational, _from_sympy_rational),
    (Decimal, _from_decimal),
    (_RationalABC, _from_rational),
    (sympy.Float, _from_float),
    (sympy.Basic, _from_sympy),
    (float | _RealABC, _from_float),
)


def fixed_text(value: Fraction, places: int) -> str:
    """``value`` rounded (half to even) to ``places`` decimals, in integer arithmetic.

    No ``Decimal`` context is involved, so no digit of a long number is lost.

    >>> fixed_text(Fraction(10**40 + 1, 3), 2)
    '3333333333333333333333333333333333333333.67'
    >>> fixed_text(Fraction(-1, 8), 2), fixed_text(Fraction(5), 0)
    ('-0.12', '5')
    """
    scaled = round(Fraction(value) * 10**places)
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled)).rjust(places + 1, "0")
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def decimal_text(value: Fraction, digits: int) -> tuple[str, bool]:
    """Decimal text of ``value``; exact when the decimal terminates within ``digits`` places.

    >>> decimal_text(Fraction(10**40 + 1, 10), 5), decimal_text(Fraction(1, 3), 4)
    (('1000000000000000000000000000000000000000.1', True), ('0.3333', False))
    """
    value = Fraction(value)
    for places in range(digits + 1):
        if (value * 10**places).denominator == 1:
            return fixed_text(value, places), True
    return fixed_text(value, digits), False


def percent_text(share: Fraction, digits: int = 2) -> str:
    """A share as a percentage with ``digits`` decimals, exact arithmetic: ``"98.04 %"``.

    Never through a float, so a share of any size prints (a cancelling sum can make a
    term's share 10^400 %).

    >>> percent_text(Fraction(200000, 203997)), percent_text(Fraction(1, 4))
    ('98.04 %', '25.00 %')
    """
    return f"{fixed_text(share * 100, digits)} %"
