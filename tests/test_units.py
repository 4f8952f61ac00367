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
    assert conversion_factor("Mbit", "kB") == 125        # 10^6 / 8 / 1000
    assert conversion_factor("bit", "kB") == Fraction(1, 8000)
    assert conversion_factor("GB", "B") == 10**9


def test_information_is_a_dimension():
    # pint's own arithmetic raises pint's error; the library's parsing raises its own
    with pytest.raises(pint.DimensionalityError):
        Q_(3, "byte") + 5
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "byte") + Q_(1, "cycle")
    with pytest.raises(costmodel.DimensionError):
        parse_quantity("3 byte + 5")
    with pytest.raises(costmodel.DimensionError):
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
