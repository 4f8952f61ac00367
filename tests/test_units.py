"""The registry: real dimensions, exact factors, clear errors."""

from fractions import Fraction

import pint
import pytest

import costmodel
from costmodel.units import (
    Q_,
    conversion_factor,
    format_quantity,
    format_unit,
    is_count_unit,
    parse_quantity,
    to_base,
)


def test_prefixes_are_exact():
    assert conversion_factor("kB", "B") == 1000
    assert conversion_factor("KiB", "B") == 1024
    assert conversion_factor("MiB", "KiB") == 1024
    assert conversion_factor("B", "bit") == 8
    assert conversion_factor("Mbit", "kB") == 125  # 10^6 / 8 / 1000
    assert conversion_factor("bit", "kB") == Fraction(1, 8000)
    assert conversion_factor("GB", "B") == 10**9


def test_information_is_a_dimension():
    # pint's own arithmetic raises pint's error; the library's parsing raises its own
    with pytest.raises(pint.DimensionalityError):
        Q_(3, "byte") + 5
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "byte") + Q_(1, "cycle")
    # quantity strings are one number and a unit: arithmetic in them is refused outright
    with pytest.raises(costmodel.UnitError, match="unexpected '\\+'"):
        parse_quantity("3 byte + 5")
    with pytest.raises(costmodel.UnitError, match="unexpected '\\+'"):
        parse_quantity("1 byte + 1 cycle")


def test_cycle_is_not_an_angle():
    cycle = costmodel.ureg.Unit("cycle")
    assert dict(cycle.dimensionality) == {"[cycle]": 1}
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "cycle").to("s")
    with pytest.raises(costmodel.DimensionError):
        conversion_factor("cycle", "s")


def test_counting_dimensions_are_distinct():
    for a, b in [("segment", "proof"), ("gate", "row"), ("machine", "field_element")]:
        with pytest.raises(costmodel.DimensionError):
            conversion_factor(a, b)


def test_strings_parse_to_exact_fractions():
    q = parse_quantity("1.5 kB/segment")
    assert q.magnitude == Fraction(3, 2) and isinstance(q.magnitude, Fraction)
    assert parse_quantity("1e9 cycle").magnitude == 10**9
    assert parse_quantity(0.1).magnitude == Fraction(1, 10)  # a float read as it prints


@pytest.mark.parametrize("text", ["nan B", "inf B", "-inf kB"])
def test_non_finite_strings_are_refused(text):
    with pytest.raises(costmodel.ParameterValueError, match="finite"):
        parse_quantity(text)


@pytest.mark.parametrize("text", ["50 foo", "50 MB/sgment", ""])
def test_unknown_units_are_refused(text):
    with pytest.raises(costmodel.UnitError):
        parse_quantity(text)


def test_errors_subclass_builtins():
    assert issubclass(costmodel.UnitError, ValueError)
    assert issubclass(costmodel.DimensionError, ValueError)
    assert issubclass(costmodel.UnknownParameterError, KeyError)
    assert issubclass(costmodel.ExpressionError, TypeError)
    # a KeyError subclass prints its message, not a quoted repr
    assert str(costmodel.UnknownParameterError("no such thing")) == "no such thing"


def test_count_units_and_base():
    assert is_count_unit("segment") and is_count_unit("1/segment") and is_count_unit("")
    assert not is_count_unit("B") and not is_count_unit("cycle/s")
    factor, base = to_base("kcycle")
    assert factor == 1000 and format_unit(base) == "cycle"


def test_formatting_is_exact_or_marked():
    assert format_quantity(Q_(50_999_250_000, "B")) == "50.99925 GB"
    assert format_quantity(Q_(Fraction(1, 3), "B")) == "≈ 0.3333333333 B"
    assert format_quantity(Q_(749_250_000, "B"), "MB") == "749.25 MB"
    assert format_unit("B**2/segment/proof") == "B**2/(segment*proof)"
    assert format_unit("field_element/gate") == "felt/gate"


def test_time_and_currency_are_there_for_later_models():
    assert conversion_factor("hour", "s") == 3600
    assert dict(costmodel.ureg.Unit("USD").dimensionality) == {"[currency]": 1}


@pytest.mark.parametrize(
    "text",
    [
        "1,5 GB/segment",
        "12,5 MB/segment",
        "12 345 gate",
        "50 MB/segment, 7",
        "50 MB/segment; 1000",
        "50 MB/segment[0]",
        "50 MB/segment != 3",
        "50 B @ 2/segment",
        "1e9 cycle + 1 cycle",
        "10**10**10 cycle",
        "cycle",
        "µB",
        "50 mB/segment",
        "nsegment",
        "2 ** 3 B",
    ],
)
def test_quantity_strings_are_one_number_and_a_unit(text):
    # each of these was once read by pint's expression evaluator as a wrong number
    # (1,5 GB as 15 GB, 12 345 as 4140, ...) or hung; now each is refused
    with pytest.raises(costmodel.CostModelError):
        parse_quantity(text, name="snapshot_size")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("5e-99999999999 MB/segment", "exponent out of range"),
        ("1e9999999 cycle", "exponent out of range"),
        ("1/0 B", "division by zero"),
        ("(nan) cycle", "finite"),
    ],
)
def test_numbers_that_cannot_be_read_exactly(text, fragment):
    with pytest.raises(costmodel.ParameterValueError, match=fragment):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        ("50 MB/segment", 50, "MB/segment"),
        ("1.5 kB", Fraction(3, 2), "kB"),
        ("1e9 cycle", 10**9, "cycle"),
        ("1/3 B", Fraction(1, 3), "B"),
        ("(250000/1024) KiB/proof", Fraction(15625, 64), "KiB/proof"),
        ("(1) B/segment", 1, "B/segment"),
        ("1000 1/segment", 1000, "1/segment"),
        ("2", 2, ""),
        ("1_000 B", 1000, "B"),
        (".5 kB", Fraction(1, 2), "kB"),
        ("2 B**2/segment", 2, "B**2/segment"),
        ("5 ms", 5, "ms"),
        ("5 µs", 5, "µs"),
    ],
)
def test_quantity_strings_read_exactly(text, magnitude, unit):
    quantity = parse_quantity(text)
    assert quantity.magnitude == magnitude
    assert quantity.units == costmodel.ureg.Unit(unit)


def test_units_with_powers_print():
    # pint cannot print Fraction powers by itself; this registry's classes can
    assert str(costmodel.ureg.Unit("B**2/segment")) == "B**2/segment"
    assert repr(Q_(2, "B**2")) == "<Quantity(2, 'B**2')>"
    root = costmodel.ureg.Unit("cycle") ** Fraction(1, 2)
    assert str(root) == "cycle**(1/2)" and f"{Q_(3, 'B**2/proof')}" == "3 B**2/proof"
