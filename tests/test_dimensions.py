"""The unit walker and the unit-aware functions."""

import pytest
import sympy

import costmodel
from costmodel import symbol
from costmodel.dimensions import convert, normalize, unit_of
from costmodel.units import Unit

T, C, S, P, o = (
    symbol(n)
    for n in ("total_cycles", "segment_cycles", "snapshot_size", "proof_size", "receipt_overhead")
)
W, k, V = symbol("folded_witness_size"), symbol("arity"), symbol("verifier_gates")


def test_units_of_products_and_sums():
    assert unit_of(T / C) == Unit("segment")
    assert unit_of(sympy.ceiling(T / C) * S) == Unit("byte")
    assert unit_of(W * 3 + W) == Unit("byte")
    assert unit_of(S**2) == Unit("byte**2/segment**2")


def test_sum_of_bits_and_bytes_gets_an_exact_factor():
    x, y = sympy.symbols("x y", positive=True)
    units = {x: Unit("kbit"), y: Unit("B")}
    expr, unit = normalize(x + y, units)
    expr = costmodel.plain(expr)
    # 1 B = 8 bit = 8/1000 kbit; 1 kbit = 125 B
    if unit == Unit("kbit"):
        assert sympy.simplify(expr - (x + sympy.Rational(8, 1000) * y)) == 0
    else:
        assert unit == Unit("B") and sympy.simplify(expr - (125 * x + y)) == 0
    in_bits = convert(x + y, "bit", units)
    assert sympy.expand(costmodel.plain(in_bits) - (1000 * x + 8 * y)) == 0
    # walking the result again keeps its unit and its scale: the factors are labelled
    again, again_unit = normalize(in_bits, units)
    assert again_unit == Unit("bit") and costmodel.plain(again) == costmodel.plain(in_bits)


def test_adding_bytes_to_cycles_names_both_terms():
    with pytest.raises(costmodel.DimensionError) as error:
        unit_of(W + T)
    message = str(error.value)
    assert "folded_witness_size" in message and "total_cycles" in message
    assert "[information]" in message and "[cycle]" in message


def test_floats_are_refused_in_expressions():
    with pytest.raises(costmodel.ExpressionError, match="floating-point"):
        unit_of(sympy.Float(1000.0) * W)


def test_unknown_symbols_are_refused():
    with pytest.raises(costmodel.ExpressionError, match="has no unit"):
        unit_of(sympy.Symbol("mystery") * W)


def test_ceil_and_log_take_only_counts():
    assert unit_of(costmodel.ceil(T / C)) == Unit("segment")
    with pytest.raises(costmodel.DimensionError, match="ceil"):
        costmodel.ceil(S)
    with pytest.raises(costmodel.DimensionError, match="log"):
        costmodel.log(W, 2)
    assert unit_of(costmodel.log(costmodel.ceil(T / C), k)) == Unit("")


def test_ceil_rounds_in_the_base_unit():
    x = sympy.Symbol("x", positive=True)
    expr, unit = normalize(sympy.ceiling(x), {x: Unit("kcycle")})
    # 1.5 kcycle = 1500 cycle: ceil is 1500, not 2 kcycle
    assert unit == Unit("cycle")
    assert costmodel.plain(expr).subs(x, sympy.Rational(3, 2)) == 1500
    assert normalize(expr, {x: Unit("kcycle")})[1] == Unit("cycle")  # no double scaling


def test_log_prints_with_its_base_and_is_exact_at_powers():
    assert costmodel.Log(1024, 2) == 10
    assert costmodel.Log(1000, 10) == 3
    assert sympy.ceiling(costmodel.Log(1000, 2)) == 10  # 2^9 = 512 < 1000 <= 1024 = 2^10
    n = sympy.Symbol("N", positive=True)
    assert sympy.latex(costmodel.Log(n, k)) == r"\log_{arity}{\left(N\right)}"


def test_maximum_minimum_piecewise_check_units():
    assert unit_of(costmodel.maximum(W, P * sympy.ceiling(T / C) * 0 + W)) == Unit("byte")
    with pytest.raises(costmodel.DimensionError):
        costmodel.maximum(W, T)
    with pytest.raises(costmodel.DimensionError):
        costmodel.minimum(S, W)  # byte/segment vs byte
    pw = costmodel.piecewise(
        (W, symbol("folded_instance_size") < W), (symbol("folded_instance_size"), True)
    )
    assert unit_of(pw) == Unit("byte")
    with pytest.raises(costmodel.DimensionError):
        costmodel.piecewise((W, W > T), (2 * W, True))
    # branches sympy would collapse to one are checked before it does
    with pytest.raises(costmodel.DimensionError):
        costmodel.piecewise((W, True), (T, True))
    with pytest.raises(costmodel.DimensionError):
        costmodel.piecewise((W, T > W), (W, True))
    with pytest.raises(costmodel.ExpressionError, match="at least one"):
        costmodel.maximum()


def test_count_as_relabels_counts_only():
    segments = costmodel.ceil(T / C)
    proofs = costmodel.count_as(segments, "proof")
    assert unit_of(proofs * P) == Unit("byte")
    with pytest.raises(costmodel.DimensionError):
        unit_of(segments * P + W)  # segment*B/proof is not bytes
    with pytest.raises(costmodel.DimensionError, match="count"):
        costmodel.count_as(W, "proof")
    # invisible in print, removed by plain() and doit()
    assert str(proofs) == str(segments)
    assert costmodel.plain(proofs * P) == segments * P
    assert (proofs * P).doit() == segments * P
    # a sympy node like any other: Basic.count(query) counts T once in ceiling(T/C)
    assert proofs.count(T) == 1


def test_powers_need_small_numeric_exponents():
    x = sympy.Symbol("x", positive=True)
    # a symbolic exponent is refused whatever the base: 2**x has no bound once x is given
    for expr in (W**x, 2**x):
        with pytest.raises(costmodel.ExpressionError, match="exponent must be a number"):
            unit_of(expr, {W: Unit("B"), x: Unit("")})
    assert unit_of(sympy.sqrt(W)) == Unit("B**0.5")
    assert unit_of(W**256) == Unit("B") ** 256
    with pytest.raises(costmodel.ExpressionError, match="between -256 and 256"):
        unit_of(W**257)


def test_convert_then_solve_stays_exact():
    model = costmodel.recursive_stark()
    in_gb = convert(model.labelled_total, "GB")
    # solve 51 GB = total for the snapshot size: no float may appear
    (solution,) = sympy.solve(sympy.Eq(costmodel.plain(in_gb), 51), S)
    assert not solution.has(sympy.Float)
    values = {T: 10**9, C: 10**6, P: 250_000, o: 0}
    # 51 GB = 1000 S + 3997 * 250 kB  ->  S = (51e9 - 999 250 000) / 1000 = 50 000 750 B
    assert solution.xreplace(values) == 50_000_750


def test_model_terms_keep_their_scale_when_walked_again():
    # V gates x beta bit/gate is bits; the model holds it in bytes (/8). Walking the model's
    # total must say bytes, so converting it to kB divides by 1000, not by 8000.
    bound = costmodel.verifier_witness_bound(rounding="rounded")
    beta = symbol("bits_per_gate")
    assert unit_of(bound.labelled_total) == Unit("B")
    in_kb = costmodel.plain(convert(bound.labelled_total, "kB"))
    assert sympy.simplify(in_kb - V * beta / 8000) == 0


def test_log_and_count_as_refuse_what_has_no_meaning():
    with pytest.raises(costmodel.ParameterValueError, match="base"):
        costmodel.Log(8, 1)
    with pytest.raises(costmodel.ParameterValueError, match="positive"):
        costmodel.Log(-4, 2)
    segments = costmodel.ceil(T / C)
    # "kproof" would silently count a thousand proofs per segment
    with pytest.raises(costmodel.DimensionError, match="prefix"):
        costmodel.count_as(segments, "kproof")


def test_tree_counts_lambdify_for_python_and_numpy():
    import numpy as np

    # 1000 leaves, k = 3: 333 + 111 + 37 + 13 + 4 + 2 + 1 = 501 joins
    n = sympy.Symbol("n", positive=True, integer=True)
    joins = costmodel.trees.TreeJoins(n, k)
    assert sympy.lambdify([n, k], joins, "math")(1000, 3) == 501
    assert sympy.lambdify([n, k], joins, "numpy")(np.array([1000.0]), 3)[0] == 501
    with pytest.raises(costmodel.ParameterValueError, match="2\\^62"):
        costmodel.trees.numpy_tree_joins(np.array([2.0**63]), 2)
