"""Models: building, immutability, evaluation, and every bad input getting a clear error."""

import dataclasses
from fractions import Fraction

import pytest
import sympy

import costmodel
from costmodel import Param, symbol


def test_models_are_immutable_and_hashable():
    a, b = costmodel.recursive_stark(), costmodel.recursive_stark()
    assert a == b and hash(a) == hash(b)
    assert a != costmodel.recursive_stark(arity=4)
    assert len({a, b, costmodel.folding()}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "other"
    with pytest.raises(TypeError):
        a.terms["snapshots"] = 0


def test_terms_are_ordered_and_total_is_their_sum():
    model = costmodel.recursive_stark(wrap=True)
    assert list(model.terms) == ["snapshots", "segment proofs", "aggregation", "wrap"]
    assert sympy.simplify(model.total - sum(model.terms.values())) == 0
    assert model.parameter_names == (
        "total_cycles",
        "segment_cycles",
        "snapshot_size",
        "proof_size",
        "receipt_overhead",
        "wrap_proof_size",
    )


def test_evaluation_is_exact(seed):
    result = costmodel.recursive_stark().evaluate(seed)
    assert isinstance(result.total.magnitude, Fraction)
    assert all(isinstance(q.magnitude, Fraction) for q in result.terms.values())
    assert str(result.total.units) == "B"


def test_partial_last_segment_is_still_a_segment(seed):
    # 10^9 / 2^20 = 953.67...: 953 full segments and one partial one
    values = {**seed, "segment_cycles": f"{2**20} cycle/segment"}
    result = costmodel.recursive_stark().evaluate(values)
    assert result.derived["segments"].magnitude == 954
    assert result.terms["snapshots"].to("B").magnitude == 954 * 50_000_000


def test_huge_values_stay_exact(seed):
    values = {**seed, "total_cycles": "1e30 cycle"}
    result = costmodel.recursive_stark().evaluate(values)
    n = 10**24  # 10^30 / 10^6 segments
    # N snapshots of 5*10^7 B, N proofs up, 2N - 1 + N - 1 ... : (N + (2N - 2) + ... ) see below
    # store-and-forward, binary: N up + (N + J - 1) + J with J = N - 1: 4N - 3 proofs
    expected = n * 50_000_000 + (4 * n - 3) * 250_000
    assert result.total.to("B").magnitude == expected


def test_vocabulary_the_model_does_not_use_is_ignored(seed):
    bound = costmodel.verifier_witness_bound()
    assert bound.parameter_names == ("verifier_gates", "elements_per_gate", "field_element_bits")
    assert bound.evaluate(seed).total.to("B").magnitude == 956_250


def test_symbolic_arity_is_given_with_the_values(seed):
    model = costmodel.recursive_stark(arity=None)
    assert "arity" in model.parameter_names
    # 1000 leaves, k = 4: layers 1000 -> 250 -> 63 -> 16 -> 4 -> 1
    # joins 250 + 63 (62 full + a partial of 2) + 16 (15 full + a partial of 3) + 4 + 1 = 334
    result = model.evaluate({**seed, "arity": 4})
    assert result.derived["joins"].magnitude == 334
    # evaluations compare by value: the same model at the same values, evaluated again, is
    # equal; at arity 2 (joins 999) it is not
    assert result == model.evaluate({**seed, "arity": 4})
    assert result != model.evaluate({**seed, "arity": 2})
    fixed = costmodel.recursive_stark(arity=4).evaluate({**seed, "arity": 4})
    assert fixed.total == result.total


@pytest.mark.parametrize(
    ("name", "value", "error", "fragment"),
    [
        ("snapshot_size", "50 MB", costmodel.DimensionError, 'did you mean "50 MB/segment"?'),
        ("snapshot_size", "50 cycle/segment", costmodel.DimensionError, "B/segment"),
        ("proof_size", "250 kB", costmodel.DimensionError, 'did you mean "250 kB/proof"?'),
        ("snapshot_size", "50 MiB/sgment", costmodel.UnitError, "sgment"),
        ("snapshot_size", "-50 MB/segment", costmodel.ParameterValueError, "non-negative"),
        ("segment_cycles", "0 cycle/segment", costmodel.ParameterValueError, "positive"),
        ("proof_size", "nan kB/proof", costmodel.ParameterValueError, "finite"),
        ("proof_size", float("inf"), costmodel.ParameterValueError, "finite"),
        ("total_cycles", 10**9, costmodel.DimensionError, "cycle"),
        ("arity", 1, costmodel.ParameterValueError, "at least 2"),
        ("arity", 3, costmodel.OptionError, "built with arity=2"),
    ],
)
def test_bad_values_get_clear_errors(seed, name, value, error, fragment):
    with pytest.raises(error) as raised:
        costmodel.recursive_stark().evaluate({**seed, name: value})
    assert name in str(raised.value) and fragment in str(raised.value)


@pytest.mark.parametrize(
    ("arity", "fragment"),
    [
        (1, "at least 2"),
        (0, "positive"),
        (Fraction(5, 2), "whole number"),
        ("2 B", "dimensionless"),
        (-3, "non-negative"),
    ],
)
def test_bad_arity_is_refused_when_building_and_when_evaluating(seed, arity, fragment):
    with pytest.raises(
        costmodel.ParameterValueError if fragment != "dimensionless" else costmodel.DimensionError,
        match=fragment,
    ):
        costmodel.recursive_stark(arity=arity)
    with pytest.raises(costmodel.CostModelError, match=fragment):
        costmodel.folding(arity=None).evaluate({**seed, "arity": arity})


def test_fixed_option_contradicted_by_values(seed):
    with pytest.raises(costmodel.OptionError, match="arity=4"):
        costmodel.recursive_stark(arity=4).evaluate(seed)  # the seed says 2


def test_missing_and_unknown_parameters(seed):
    values = {k: v for k, v in seed.items() if k != "proof_size"}
    with pytest.raises(costmodel.MissingParameterError, match="proof_size") as missing:
        costmodel.recursive_stark().evaluate(values)
    assert isinstance(missing.value, KeyError)
    with pytest.raises(costmodel.UnknownParameterError, match='did you mean "snapshot_size"'):
        costmodel.recursive_stark().evaluate({**seed, "snapshot_sise": "1 B/segment"})


def test_unknown_options_are_refused():
    with pytest.raises(costmodel.OptionError, match='did you mean "peer-both"'):
        costmodel.recursive_stark(transfer="peer_both")
    with pytest.raises(costmodel.OptionError, match="ship"):
        costmodel.folding(ship="snapshots-and-more")
    with pytest.raises(costmodel.OptionError, match="wrap"):
        costmodel.recursive_stark(wrap="yes")
    with pytest.raises(costmodel.OptionError, match="rounding"):
        costmodel.verifier_witness_bound(rounding="approximate")


def test_values_as_pint_quantities_and_other_registries(seed):
    import pint

    model = costmodel.recursive_stark()
    reference = model.evaluate(seed).total
    assert model.evaluate({**seed, "proof_size": costmodel.Q_(250, "kB/proof")}).total == reference
    other = pint.UnitRegistry()
    other.define("proof = [proof]")
    foreign = other.Quantity(250, "kB/proof")
    assert model.evaluate({**seed, "proof_size": foreign}).total == reference


def test_user_models_with_their_own_parameters():
    machines = symbol("machines")
    egress = Param("egress_per_machine", "GB/machine", "E", "bytes each machine sends")
    model = costmodel.Model.build(
        "egress", {"egress": machines * egress.symbol}, parameters=[egress], unit="GB"
    )
    assert model.parameter_names == ("machines", "egress_per_machine")
    result = model.evaluate({"machines": "10 machine", "egress_per_machine": "3 TB/machine"})
    assert result.total.to("GB").magnitude == 30_000
    with pytest.raises(costmodel.ExpressionError, match="mystery"):
        costmodel.Model.build("bad", {"x": sympy.Symbol("mystery")})
    with pytest.raises(costmodel.DimensionError, match="term 'mixed'"):
        costmodel.Model.build("bad", {"mixed": symbol("total_cycles")})


def test_witness_shipping_instead_of_snapshots(seed):
    result = costmodel.recursive_stark(ship="witness").evaluate(seed)
    # 1000 segments x 10^6 cycles x 1 row/cycle x 1 kB/row = 10^12 B
    assert result.terms["witnesses"].to("B").magnitude == 10**12
    assert result.derived["segment witness"].to("B/segment").magnitude == 10**9


def test_wrap_adds_the_snark(seed):
    values = {**seed, "wrap_proof_size": "256 B"}
    plain = costmodel.recursive_stark().evaluate(values).total.to("B").magnitude
    wrapped = costmodel.recursive_stark(wrap=True).evaluate(values)
    # store-and-forward: the wrapper downloads the root (250 000 B) and uploads the SNARK (256 B)
    assert wrapped.terms["wrap"].to("B").magnitude == 250_256
    assert wrapped.total.to("B").magnitude == plain + 250_256
    peer = costmodel.recursive_stark(wrap=True, transfer="peer-both").evaluate(values)
    assert peer.terms["wrap"].to("B").magnitude == 256


def test_breakdown_and_text(seed):
    result = costmodel.recursive_stark().evaluate(seed)
    rows = result.breakdown("MB")
    assert rows[0] == ("snapshots", "50000 MB", "98.04 %")
    assert rows[-1] == ("total", "50999.25 MB", "100.00 %")
    assert "50.99925 GB" in str(result)


def test_unused_vocabulary_values_are_still_checked(seed):
    # folding does not read proof_size, but "250 kB" without its per-unit is still a mistake
    with pytest.raises(costmodel.DimensionError, match='did you mean "250 kB/proof"'):
        costmodel.folding().evaluate({**seed, "proof_size": "250 kB"})


def test_total_and_terms_are_plain_sympy(seed):
    # solve, diff, subs and float work on Model.total as on any sympy expression
    model = costmodel.recursive_stark()
    P, S = symbol("proof_size"), symbol("snapshot_size")
    T, C = symbol("total_cycles"), symbol("segment_cycles")
    N = sympy.ceiling(T / C)
    # snapshots N S + proofs N (P + o) + aggregation (3N - 3)(P + o), o = 0 here
    assert sympy.diff(model.total, P) == 4 * N - 3
    total = sympy.Symbol("Z", positive=True)
    (solution,) = sympy.solve(sympy.Eq(model.total.subs(symbol("receipt_overhead"), 0), total), S)
    assert sympy.simplify(solution - (total - (4 * N - 3) * P) / N) == 0
    at_seed = model.total.subs(model.substitutions(seed))
    assert at_seed == 50_999_250_000 and float(at_seed) == 50_999_250_000.0
    bound = costmodel.verifier_witness_bound(rounding="rounded")
    assert bound.total.subs(bound.substitutions(seed)) == 937_500
    peer = costmodel.recursive_stark(transfer="peer-both")
    assert sympy.latex(peer.terms["final proof"], symbol_names=peer.latex_names()) == "P + o"
