"""The fast paths agree with the direct ones they replace, exactly.

Each test computes a value both ways: the way the library does it now (a cached exact factor,
a compiled function, a fused check) and the plain way it did it before (pint's ``to`` on
every value, ``subs``), and asserts the two are equal, not just close.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel.errors import DimensionError, UnitError
from costmodel.units import Q_, exact_factor, parse_quantity, parse_unit, quantity_parts
from tests.strategies import seed_like_values, with_arity

#: Units of one dimension each; every pair inside a group converts.
_COMPATIBLE = (
    ("B", "kB", "KiB", "bit", "GB", "Mbit", "MiB"),
    ("B/segment", "kB/segment", "bit/segment", "MB/segment", "GiB/segment"),
    ("cycle/segment", "kcycle/segment", "Gcycle/segment"),
    ("bit/felt", "B/felt", "bit/field_element"),
)
_PAIRS = [(a, b) for group in _COMPATIBLE for a in group for b in group]

magnitudes = st.fractions(min_value=0, max_value=10**30, max_denominator=10**6)


@given(st.sampled_from(_PAIRS), magnitudes)
def test_exact_factor_is_pints_conversion(pair: tuple[str, str], magnitude: Fraction) -> None:
    source, target = map(parse_unit, pair)
    factor = exact_factor(source, target)
    assert factor is not None
    assert magnitude * factor == Fraction(Q_(magnitude, source).to(target).magnitude)


def test_exact_factor_by_hand() -> None:
    # 1 KiB = 1024 B = 8192 bit; 1 Mbit = 10^6/8 B = 125000 B
    assert exact_factor(parse_unit("KiB"), parse_unit("bit")) == 8192
    assert exact_factor(parse_unit("Mbit"), parse_unit("B")) == 125_000
    assert exact_factor(parse_unit("bit"), parse_unit("kB")) == Fraction(1, 8000)
    assert exact_factor(parse_unit("B"), parse_unit("cycle")) is None


@given(seed_like_values())
def test_exact_value_is_the_direct_conversion(values: dict[str, str]) -> None:
    for name, text in values.items():
        param = costmodel.param(name)
        # the direct way: a pint quantity converted with `to`
        direct = Fraction(parse_quantity(text, name=name).to(param.pint_unit).magnitude)
        assert param.exact_value(text) == direct
        assert param.exact_value(Q_(text)) == direct


def test_a_quantity_string_read_twice_is_read_alike() -> None:
    first = quantity_parts("1.5 kB/segment")
    assert first == (Fraction(3, 2), parse_unit("kB/segment"))
    assert quantity_parts("1.5 kB/segment") == first
    # a bad string raises every time, naming the parameter of each call
    for name in ("snapshot_size", "proof_size"):
        with pytest.raises(UnitError, match=name):
            quantity_parts("1.5 kB ++ segment", name=name)


def test_a_wrong_dimension_still_names_the_parameter_and_hints() -> None:
    with pytest.raises(DimensionError, match=r'snapshot_size.*did you mean "50 MB/segment"'):
        costmodel.param("snapshot_size").exact_value("50 MB")


@given(seed_like_values())
def test_evaluate_is_substitution(drawn: dict[str, str]) -> None:
    # the direct way: substitute the exact inputs into each plain term with sympy
    for model in (costmodel.recursive_stark(), costmodel.folding(arity=None)):
        values = with_arity(model, drawn)
        result = model.evaluate(values)
        subs = model.substitutions(values)
        for name, expr in model.terms.items():
            assert Fraction(result.terms[name].magnitude) == Fraction(str(expr.subs(subs)))
            assert result.terms[name].units == parse_unit(model.unit)
        for name, (expr, unit) in model.derived.items():
            assert Fraction(result.derived[name].magnitude) == Fraction(str(expr.subs(subs)))
            assert result.derived[name].units == parse_unit(unit if unit != "1" else "")
        for param in model.parameters:
            assert result.inputs[param.name] == Q_(
                parse_quantity(values[param.name]).to(param.pint_unit).magnitude,
                param.pint_unit,
            )
